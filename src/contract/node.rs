//! A loosely typed document tree that remembers line numbers. The shell
//! builds it from a TOML file or a JSON body (`wire::tree`); contract
//! validation walks this tree itself (instead of stopping at serde's first
//! error) so that it can report every problem at once, each with its field
//! and line. The core knows no file format, only this tree.

use chrono::NaiveDate;

#[derive(Clone, Debug)]
pub struct Node {
    pub value: NodeValue,
    /// 1-based line of the value, where known.
    pub line: Option<u32>,
}

#[derive(Clone, Debug)]
pub enum NodeValue {
    Str(String),
    Int(i64),
    /// Kept as its source text: floats are only ever refused, never used.
    Float(String),
    Bool(bool),
    Date(NaiveDate),
    /// A TOML date-time or time, which no field accepts.
    OtherDatetime(String),
    Array(Vec<Node>),
    Table(Vec<Entry>),
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub key: String,
    pub line: Option<u32>,
    pub node: Node,
}

impl NodeValue {
    /// The kind of value, for "expected a date, found a string" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            NodeValue::Str(_) => "a string",
            NodeValue::Int(_) => "an integer",
            NodeValue::Float(_) => "a float",
            NodeValue::Bool(_) => "a boolean",
            NodeValue::Date(_) => "a date",
            NodeValue::OtherDatetime(_) => "a date-time",
            NodeValue::Array(_) => "an array",
            NodeValue::Table(_) => "a table",
        }
    }
}
