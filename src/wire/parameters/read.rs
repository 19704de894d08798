//! Reading the parameter files' tree: tables, known keys, dated values,
//! percentages and amounts, each problem with its field and line.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::contract::Problem;
use crate::contract::node::{Entry, Node, NodeValue};
use crate::money::Money;

pub(super) fn line(e: &Entry) -> Option<u32> {
    e.line.or(e.node.line)
}

pub(super) fn entries<'a>(node: &'a Node, field: &str, out: &mut Vec<Problem>) -> &'a [Entry] {
    match &node.value {
        NodeValue::Table(es) => es,
        other => {
            out.push(Problem::new(field, node.line, format!("expected a table, found {}", other.kind())));
            &[]
        }
    }
}

/// Reports keys other than `known`.
pub(super) fn only(es: &[Entry], path: &str, known: &[&str], out: &mut Vec<Problem>) {
    for e in es.iter().filter(|e| !known.contains(&e.key.as_str())) {
        out.push(Problem::new(
            join(path, &e.key),
            line(e),
            format!("unknown field; expected one of {}", known.join(", ")),
        ));
    }
}

pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

pub(super) fn get<'a>(
    es: &'a [Entry],
    key: &str,
    path: &str,
    at: Option<u32>,
    expected: &str,
    out: &mut Vec<Problem>,
) -> Option<&'a Entry> {
    let e = es.iter().find(|e| e.key == key);
    if e.is_none() {
        out.push(Problem::new(join(path, key), at, format!("missing; expected {expected}")));
    }
    e
}

/// `values.<date>` tables, in date order.
pub(super) fn dated<'a>(node: &'a Node, path: &str, out: &mut Vec<Problem>) -> Vec<(NaiveDate, &'a Entry)> {
    let mut v = Vec::new();
    for e in entries(node, path, out) {
        match NaiveDate::parse_from_str(&e.key, "%Y-%m-%d") {
            Ok(d) => v.push((d, e)),
            Err(_) => out.push(Problem::new(
                join(path, &e.key),
                line(e),
                "expected a date the value applies from, as YYYY-MM-DD (`[values.2025-01-01]`)",
            )),
        }
    }
    if v.is_empty() && entries(node, path, &mut Vec::new()).is_empty() {
        out.push(Problem::new(path, node.line, "no values; give at least one `[values.YYYY-MM-DD]`"));
    }
    v.sort_by_key(|(d, _)| *d);
    v
}

pub(super) fn percent(e: &Entry, field: &str, out: &mut Vec<Problem>) -> Option<Decimal> {
    let text = match &e.node.value {
        NodeValue::Str(s) => s.trim(),
        other => {
            out.push(Problem::new(
                field,
                line(e),
                format!("expected a percentage as text (\"20\"), found {}", other.kind()),
            ));
            return None;
        }
    };
    match Decimal::from_str(text) {
        Ok(v) if v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED => Some(v / Decimal::ONE_HUNDRED),
        _ => {
            out.push(Problem::new(field, line(e), format!("`{text}` is not a percentage from 0 to 100")));
            None
        }
    }
}

pub(super) fn money(e: &Entry, field: &str, out: &mut Vec<Problem>) -> Option<Money> {
    let NodeValue::Str(s) = &e.node.value else {
        out.push(Problem::new(
            field,
            line(e),
            format!("expected kroner as text (\"12743.50\"), found {}", e.node.value.kind()),
        ));
        return None;
    };
    match Money::parse(s) {
        Ok(m) if m.is_positive() => Some(m),
        Ok(_) => {
            out.push(Problem::new(field, line(e), "must be positive"));
            None
        }
        Err(err) => {
            out.push(Problem::new(field, line(e), err.to_string()));
            None
        }
    }
}
