//! Reading one field of a contract tree: a table, a text, a number, a date,
//! an amount, a list. Each problem is said in English and in Danish (the
//! procurement page shows the reader's language), from the same values.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Period;
use super::node::{Entry, Node, NodeValue};
use super::problem::Problem;
use crate::benefit::{Benefit, BenefitSet};
use crate::ids::IdError;
use crate::money::Money;

pub(super) struct Cx {
    pub problems: Vec<Problem>,
}

impl Cx {
    /// A problem said in English and in Danish (there is no English-only
    /// way: the procurement page is Danish by default).
    pub fn said(&mut self, field: &str, line: Option<u32>, en: impl Into<String>, da: impl Into<String>) {
        self.problems.push(Problem::new(field, line, en).with_danish(da));
    }
}

/// What a value is, in Danish: "en tekst", "et heltal".
pub(super) fn kind_da(v: &NodeValue) -> &'static str {
    match v {
        NodeValue::Str(_) => "en tekst",
        NodeValue::Int(_) => "et heltal",
        NodeValue::Float(_) => "et decimaltal",
        NodeValue::Bool(_) => "en sandhedsværdi",
        NodeValue::Date(_) => "en dato",
        NodeValue::OtherDatetime(_) => "et tidspunkt",
        NodeValue::Array(_) => "en liste",
        NodeValue::Table(_) => "en tabel",
    }
}

/// Names as the file writes them, each in backticks (shown as code).
pub(super) fn ticked(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// The benefit names a file may write, in backticks, for the Danish.
pub(super) fn known_benefits_da() -> String {
    let names: Vec<&str> = Benefit::ALL.iter().map(|b| b.as_str()).collect();
    ticked(&names)
}

pub(super) fn day(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A table being read: remembers which keys were used so that unknown keys
/// (typos) are reported.
pub(super) struct Obj<'a> {
    pub entries: &'a [Entry],
    pub path: String,
    pub line: Option<u32>,
    used: Vec<bool>,
}

pub(super) fn obj<'a>(node: &'a Node, path: &str, cx: &mut Cx) -> Option<Obj<'a>> {
    match &node.value {
        NodeValue::Table(entries) => {
            Some(Obj { entries, path: path.to_string(), line: node.line, used: vec![false; entries.len()] })
        }
        other => {
            cx.said(
                path,
                node.line,
                format!("expected a table, found {}", other.kind()),
                format!("skal være en tabel, men er {}", kind_da(other)),
            );
            None
        }
    }
}

impl<'a> Obj<'a> {
    pub fn field(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }

    pub fn opt(&mut self, key: &str) -> Option<&'a Entry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(&self.entries[i])
    }

    pub fn req(&mut self, key: &str, cx: &mut Cx, expected: &str) -> Option<&'a Entry> {
        let e = self.opt(key);
        if e.is_none() {
            cx.said(&self.field(key), self.line, format!("missing; expected {expected}"), "feltet mangler");
        }
        e
    }

    pub fn finish(self, cx: &mut Cx, known: &[&str]) {
        for (e, used) in self.entries.iter().zip(&self.used) {
            if !used {
                // An empty key (`"" = 1`) is named as one.
                let key = if e.key.is_empty() { "\"\"".to_string() } else { e.key.clone() };
                let field = if self.path.is_empty() { key } else { format!("{}.{key}", self.path) };
                cx.said(
                    &field,
                    e.line,
                    format!("unknown field; expected one of {}", known.join(", ")),
                    format!("ukendt felt; kendte felter er {}", ticked(known)),
                );
            }
        }
    }
}

pub(super) fn line_of(e: &Entry) -> Option<u32> {
    e.line.or(e.node.line)
}

pub(super) fn text(e: &Entry, field: &str, cx: &mut Cx) -> Option<String> {
    match &e.node.value {
        NodeValue::Str(s) if !s.trim().is_empty() => Some(s.clone()),
        NodeValue::Str(_) => {
            cx.said(field, line_of(e), "must not be empty", "må ikke være tom");
            None
        }
        other => {
            cx.said(
                field,
                line_of(e),
                format!("expected a string, found {}", other.kind()),
                format!("skal være en tekst, men er {}", kind_da(other)),
            );
            None
        }
    }
}

pub(super) fn id<T>(e: &Entry, field: &str, cx: &mut Cx, parse: fn(&str) -> Result<T, IdError>) -> Option<T> {
    let s = text(e, field, cx)?;
    parse(&s).map_err(|err| cx.said(field, line_of(e), err.to_string(), err.danish())).ok()
}

pub(super) fn count(e: &Entry, field: &str, cx: &mut Cx) -> Option<u32> {
    match &e.node.value {
        NodeValue::Int(i) if (0..=u32::MAX as i64).contains(i) => Some(*i as u32),
        NodeValue::Int(i) => {
            cx.said(
                field,
                line_of(e),
                format!("must be a whole number of at least 0, found {i}"),
                format!("skal være et helt tal på mindst 0, men er {i}"),
            );
            None
        }
        other => {
            cx.said(
                field,
                line_of(e),
                format!("expected a whole number, found {}", other.kind()),
                format!("skal være et helt tal, men er {}", kind_da(other)),
            );
            None
        }
    }
}

pub(super) fn boolean(e: &Entry, field: &str, cx: &mut Cx) -> Option<bool> {
    match &e.node.value {
        NodeValue::Bool(b) => Some(*b),
        other => {
            cx.said(
                field,
                line_of(e),
                format!("expected true or false, found {}", other.kind()),
                format!("skal være true eller false, men er {}", kind_da(other)),
            );
            None
        }
    }
}

pub(super) fn date(e: &Entry, field: &str, cx: &mut Cx) -> Option<NaiveDate> {
    match &e.node.value {
        NodeValue::Date(d) => Some(*d),
        NodeValue::Str(s) => match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                cx.said(
                    field,
                    line_of(e),
                    format!("`{s}` is not a date; write YYYY-MM-DD"),
                    format!("»{s}« er ikke en dato; skriv ÅÅÅÅ-MM-DD"),
                );
                None
            }
        },
        other => {
            cx.said(
                field,
                line_of(e),
                format!("expected a date (YYYY-MM-DD), found {}", other.kind()),
                format!("skal være en dato (ÅÅÅÅ-MM-DD), men er {}", kind_da(other)),
            );
            None
        }
    }
}

/// Money is a string (`"5000.00"`) or an integer; a float is an error because
/// binary floats cannot hold øre exactly.
pub(super) fn money(e: &Entry, field: &str, cx: &mut Cx) -> Option<Money> {
    match &e.node.value {
        NodeValue::Int(i) => Some(Money::kr(*i)),
        NodeValue::Str(s) => {
            Money::parse(s).map_err(|err| cx.said(field, line_of(e), err.to_string(), err.danish())).ok()
        }
        NodeValue::Float(f) => {
            cx.said(
                field,
                line_of(e),
                format!("{f} is a float; write amounts as a string (\"{f}\") or an integer"),
                format!("»{f}« er et decimaltal; skriv beløb som tekst (`\"{f}\"`) eller som et heltal"),
            );
            None
        }
        other => {
            cx.said(
                field,
                line_of(e),
                format!("expected an amount such as \"5000.00\", found {}", other.kind()),
                format!("skal være et beløb som `\"5000.00\"`, men er {}", kind_da(other)),
            );
            None
        }
    }
}

/// A positive amount: a milestone's, a saving. Says what was found in the
/// reader's number format.
pub(super) fn positive(m: Money, field: &str, line: Option<u32>, cx: &mut Cx) -> Option<Money> {
    if m > Money::ZERO {
        return Some(m);
    }
    cx.said(
        field,
        line,
        format!("must be positive, found {m}"),
        format!("skal være positivt, men er {} kr.", m.danish()),
    );
    None
}

/// A positive decimal quantity (months): an integer or a decimal string.
pub(super) fn quantity(e: &Entry, field: &str, cx: &mut Cx) -> Option<Decimal> {
    let value = match &e.node.value {
        NodeValue::Int(i) => Some(Decimal::from(*i)),
        NodeValue::Str(s) => s.parse::<Decimal>().ok().filter(|_| !s.contains(['e', 'E'])),
        _ => None,
    };
    match value {
        Some(v) if v > Decimal::ZERO => Some(v),
        Some(v) => {
            cx.said(
                field,
                line_of(e),
                format!("must be greater than 0, found {v}"),
                format!("skal være større end 0, men er {}", crate::money::danish_decimal(v, v.scale())),
            );
            None
        }
        None => {
            cx.said(
                field,
                line_of(e),
                "expected a number of months, e.g. 4 or \"4.5\"",
                "skal være et antal måneder, fx `4` eller `\"4.5\"`",
            );
            None
        }
    }
}

pub(super) fn array<'a>(e: &'a Entry, field: &str, cx: &mut Cx) -> Option<&'a [Node]> {
    match &e.node.value {
        NodeValue::Array(items) => Some(items),
        other => {
            cx.said(
                field,
                line_of(e),
                format!("expected an array, found {}", other.kind()),
                format!("skal være en liste, men er {}", kind_da(other)),
            );
            None
        }
    }
}

/// Wraps an array element so the typed readers can report its own line.
pub(super) fn element(n: &Node) -> Entry {
    Entry { key: String::new(), line: n.line, node: n.clone() }
}

pub(super) fn benefits(e: &Entry, field: &str, cx: &mut Cx) -> Option<BenefitSet> {
    let items = array(e, field, cx)?;
    let mut set = BenefitSet::default();
    let mut ok = true;
    for (i, n) in items.iter().enumerate() {
        let f = format!("{field}[{i}]");
        match &n.value {
            NodeValue::Str(s) => match Benefit::parse(s) {
                Some(b) => set.insert(b),
                None => {
                    cx.said(
                        &f,
                        n.line.or(line_of(e)),
                        format!("unknown benefit `{s}`; expected {}", Benefit::expected()),
                        format!("ukendt ydelse »{s}«; kendte ydelser er {}", known_benefits_da()),
                    );
                    ok = false;
                }
            },
            other => {
                cx.said(
                    &f,
                    n.line.or(line_of(e)),
                    format!("expected a benefit name, found {}", other.kind()),
                    format!("skal være navnet på en ydelse, men er {}", kind_da(other)),
                );
                ok = false;
            }
        }
    }
    ok.then_some(set)
}

pub(super) fn period(
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    field: &str,
    line: Option<u32>,
    cx: &mut Cx,
) -> Option<Period> {
    let (from, until) = (from?, until?);
    if from > until {
        cx.said(
            field,
            line,
            format!("the period is empty or inverted: from {from} is after until {until}"),
            format!("perioden er tom eller vendt om: fra {} ligger efter til {}", day(from), day(until)),
        );
        return None;
    }
    Some(Period { from, until })
}
