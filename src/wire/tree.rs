//! TOML text or a JSON value → the line-numbered document tree
//! (`contract::node`) that the contract parser and the other file readers
//! walk. The only place that knows the TOML and JSON libraries' trees.

use chrono::NaiveDate;
use toml_edit::{Item, Table, Value};

use crate::contract::Problem;
use crate::contract::node::{Entry, Node, NodeValue};

/// Maps byte offsets to 1-based line numbers.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    fn line(&self, span: Option<std::ops::Range<usize>>) -> Option<u32> {
        let offset = span?.start;
        Some(match self.0.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        })
    }
}

/// Parses TOML text into a tree; a syntax error is one problem with its line.
pub fn from_toml(text: &str) -> Result<Node, Problem> {
    let lines = Lines::new(text);
    let doc = toml_edit::Document::parse(text).map_err(|e| {
        // The parser's own words are English; the Danish says where and what to look for.
        Problem::new("", lines.line(e.span()), format!("not valid TOML: {}", e.message().trim()))
            .with_danish("ikke gyldig TOML: tjek anførselstegn, lighedstegn og [afsnit] på linjen (og linjen før)")
    })?;
    Ok(Node { value: table(doc.as_table(), &lines), line: Some(1) })
}

fn table(t: &Table, lines: &Lines) -> NodeValue {
    let entries = t
        .iter()
        .filter_map(|(k, item)| {
            let key_line = lines.line(t.key(k).and_then(|key| key.span()));
            let node = item_node(item, lines)?;
            Some(Entry { key: k.to_string(), line: key_line.or(node.line), node })
        })
        .collect();
    NodeValue::Table(entries)
}

fn item_node(item: &Item, lines: &Lines) -> Option<Node> {
    match item {
        Item::None => None,
        Item::Value(v) => Some(value_node(v, lines)),
        Item::Table(t) => Some(Node { value: table(t, lines), line: lines.line(t.span()) }),
        Item::ArrayOfTables(a) => Some(Node {
            value: NodeValue::Array(
                a.iter().map(|t| Node { value: table(t, lines), line: lines.line(t.span()) }).collect(),
            ),
            line: lines.line(a.span()),
        }),
    }
}

fn value_node(v: &Value, lines: &Lines) -> Node {
    let line = lines.line(v.span());
    let value = match v {
        Value::String(s) => NodeValue::Str(s.value().clone()),
        Value::Integer(i) => NodeValue::Int(*i.value()),
        Value::Float(f) => NodeValue::Float(f.to_string().trim().to_string()),
        Value::Boolean(b) => NodeValue::Bool(*b.value()),
        Value::Datetime(dt) => {
            let dt = dt.value();
            match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => match NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32) {
                    Some(date) => NodeValue::Date(date),
                    None => NodeValue::OtherDatetime(dt.to_string()),
                },
                _ => NodeValue::OtherDatetime(dt.to_string()),
            }
        }
        Value::Array(a) => NodeValue::Array(a.iter().map(|v| value_node(v, lines)).collect()),
        Value::InlineTable(t) => NodeValue::Table(
            t.iter()
                .map(|(k, v)| Entry {
                    key: k.to_string(),
                    line: lines.line(t.key(k).and_then(|key| key.span())),
                    node: value_node(v, lines),
                })
                .collect(),
        ),
    };
    Node { value, line }
}

/// Converts a JSON value into a tree (without line numbers).
pub fn from_json(v: &serde_json::Value) -> Node {
    let value = match v {
        serde_json::Value::Null => NodeValue::Table(Vec::new()),
        serde_json::Value::Bool(b) => NodeValue::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => NodeValue::Int(i),
            None => NodeValue::Float(n.to_string()),
        },
        serde_json::Value::String(s) => NodeValue::Str(s.clone()),
        serde_json::Value::Array(a) => NodeValue::Array(a.iter().map(from_json).collect()),
        serde_json::Value::Object(o) => NodeValue::Table(
            o.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| Entry { key: k.clone(), line: None, node: from_json(v) })
                .collect(),
        ),
    };
    Node { value, line: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_lines_point_at_the_key() {
        let text = "id = \"x\"\n\n[referrals]\nfrom = 2025-02-01\nuntil = 2025-12-31\n";
        let node = from_toml(text).unwrap();
        let NodeValue::Table(entries) = node.value else { panic!("root is a table") };
        let referrals = entries.iter().find(|e| e.key == "referrals").unwrap();
        let NodeValue::Table(inner) = &referrals.node.value else { panic!("table") };
        assert_eq!(inner[1].key, "until");
        assert_eq!(inner[1].line, Some(5));
        assert!(matches!(inner[1].node.value, NodeValue::Date(_)));
    }

    #[test]
    fn syntax_errors_carry_a_line() {
        let err = from_toml("id = \"x\"\nversion = = 2\n").unwrap_err();
        assert_eq!(err.line, Some(2));
    }
}
