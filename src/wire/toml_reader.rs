//! Typed readers over the line-numbered document tree (`contract::node`),
//! collecting every problem with its field and line. Used by the grant
//! file; a new file format reads its fields with these instead of growing
//! the milestone contract's parser.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::contract::Problem;
use crate::contract::node::{Entry, Node, NodeValue};
use crate::money::Money;

/// The problems found so far.
#[derive(Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn err(&mut self, field: &str, line: Option<u32>, message: impl Into<String>) {
        self.0.push(Problem::new(field, line, message));
    }
}

/// A table being read: remembers which keys were used, so that unknown keys
/// (typos) are reported by [`Table::finish`].
pub struct Table<'a> {
    entries: &'a [Entry],
    path: String,
    pub line: Option<u32>,
    used: Vec<bool>,
}

pub fn line_of(e: &Entry) -> Option<u32> {
    e.line.or(e.node.line)
}

impl<'a> Table<'a> {
    pub fn of(node: &'a Node, path: &str, px: &mut Problems) -> Option<Table<'a>> {
        match &node.value {
            NodeValue::Table(entries) => {
                Some(Table { entries, path: path.to_string(), line: node.line, used: vec![false; entries.len()] })
            }
            other => {
                px.err(path, node.line, format!("expected a table, found {}", other.kind()));
                None
            }
        }
    }

    pub fn field(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    pub fn opt(&mut self, key: &str) -> Option<&'a Entry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(&self.entries[i])
    }

    pub fn req(&mut self, key: &str, px: &mut Problems, expected: &str) -> Option<&'a Entry> {
        let e = self.opt(key);
        if e.is_none() {
            px.err(&self.field(key), self.line, format!("missing; expected {expected}"));
        }
        e
    }

    pub fn finish(self, px: &mut Problems, known: &[&str]) {
        for (e, used) in self.entries.iter().zip(&self.used) {
            if !used {
                let key = if e.key.is_empty() { "\"\"".to_string() } else { e.key.clone() };
                let field = if self.path.is_empty() { key } else { format!("{}.{key}", self.path) };
                px.err(&field, e.line, format!("unknown field; expected one of {}", known.join(", ")));
            }
        }
    }
}

pub fn text(e: &Entry, field: &str, px: &mut Problems) -> Option<String> {
    match &e.node.value {
        NodeValue::Str(s) if !s.trim().is_empty() => Some(s.clone()),
        NodeValue::Str(_) => {
            px.err(field, line_of(e), "must not be empty");
            None
        }
        other => {
            px.err(field, line_of(e), format!("expected a string, found {}", other.kind()));
            None
        }
    }
}

pub fn whole(e: &Entry, field: &str, px: &mut Problems) -> Option<u32> {
    match &e.node.value {
        NodeValue::Int(i) if (0..=u32::MAX as i64).contains(i) => Some(*i as u32),
        NodeValue::Int(i) => {
            px.err(field, line_of(e), format!("must be a whole number of at least 0, found {i}"));
            None
        }
        other => {
            px.err(field, line_of(e), format!("expected a whole number, found {}", other.kind()));
            None
        }
    }
}

pub fn date(e: &Entry, field: &str, px: &mut Problems) -> Option<NaiveDate> {
    match &e.node.value {
        NodeValue::Date(d) => Some(*d),
        NodeValue::Str(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                px.err(field, line_of(e), format!("`{s}` is not a date; write YYYY-MM-DD"));
                None
            }
        },
        other => {
            px.err(field, line_of(e), format!("expected a date (YYYY-MM-DD), found {}", other.kind()));
            None
        }
    }
}

/// Money is a string (`"5000.00"`) or an integer, never a float.
pub fn money(e: &Entry, field: &str, px: &mut Problems) -> Option<Money> {
    match &e.node.value {
        NodeValue::Int(i) => Some(Money::kr(*i)),
        NodeValue::Str(s) => Money::parse(s).map_err(|err| px.err(field, line_of(e), err.to_string())).ok(),
        NodeValue::Float(f) => {
            px.err(field, line_of(e), format!("{f} is a float; write amounts as a string (\"{f}\") or an integer"));
            None
        }
        other => {
            px.err(field, line_of(e), format!("expected an amount such as \"5000.00\", found {}", other.kind()));
            None
        }
    }
}

/// A decimal (an integer or a decimal string such as `"54.5"`) in `[lo, hi]`.
pub fn decimal_in(e: &Entry, field: &str, px: &mut Problems, lo: Decimal, hi: Decimal, what: &str) -> Option<Decimal> {
    let value = match &e.node.value {
        NodeValue::Int(i) => Some(Decimal::from(*i)),
        NodeValue::Str(s) => s.trim().parse::<Decimal>().ok().filter(|_| !s.contains(['e', 'E'])),
        _ => None,
    };
    match value {
        Some(v) if v >= lo && v <= hi => Some(v),
        Some(v) => {
            px.err(field, line_of(e), format!("must be from {lo} to {hi} {what}, found {v}"));
            None
        }
        None => {
            px.err(field, line_of(e), format!("expected {what} as an integer or a string such as \"54.5\""));
            None
        }
    }
}

pub fn array<'a>(e: &'a Entry, field: &str, px: &mut Problems) -> Option<&'a [Node]> {
    match &e.node.value {
        NodeValue::Array(items) => Some(items),
        other => {
            px.err(field, line_of(e), format!("expected an array, found {}", other.kind()));
            None
        }
    }
}

/// Wraps an array element so the typed readers can report its own line.
pub fn element(n: &Node) -> Entry {
    Entry { key: String::new(), line: n.line, node: n.clone() }
}
