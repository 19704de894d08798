//! `[registers]`: how the engine reads the income and benefit registers for
//! this contract (see `contract::registers`).

use rust_decimal::Decimal;

use super::{Cx, Entry, NodeValue, line_of, obj};
use crate::benefit::Benefit;
use crate::contract::fields::{kind_da, known_benefits_da};
use crate::contract::registers::RegisterRules;

const KEYS: &[&str] = &["min_paid_hours_per_month", "benefit_codes"];

pub(super) fn registers(e: Option<&Entry>, cx: &mut Cx) -> Option<Option<RegisterRules>> {
    let Some(e) = e else { return Some(None) };
    let mut o = obj(&e.node, "registers", cx)?;
    let hours = o
        .req("min_paid_hours_per_month", cx, "the paid hours a month needs to count as work, e.g. 40")
        .and_then(|e| hours(e, cx));
    let codes = o.req("benefit_codes", cx, "a [registers.benefit_codes] table: code = \"benefit\"");
    o.finish(cx, KEYS);
    let codes = codes.and_then(|c| benefit_codes(c, cx));
    Some(Some(RegisterRules { min_paid_hours_per_month: hours?, benefit_codes: codes? }))
}

/// Hours: a positive integer or decimal string (a float is refused, as for
/// amounts).
fn hours(e: &Entry, cx: &mut Cx) -> Option<Decimal> {
    let value = match &e.node.value {
        NodeValue::Int(i) => Some(Decimal::from(*i)),
        NodeValue::Str(s) => s.trim().parse::<Decimal>().ok().filter(|_| !s.contains(['e', 'E'])),
        _ => None,
    };
    match value {
        Some(v) if v > Decimal::ZERO => Some(v),
        _ => {
            cx.said(
                "registers.min_paid_hours_per_month",
                line_of(e),
                "expected a positive number of hours, e.g. 40 or \"37.5\"",
                "skal være et positivt antal timer, fx `40` eller `\"37.5\"`",
            );
            None
        }
    }
}

fn benefit_codes(e: &Entry, cx: &mut Cx) -> Option<Vec<(String, Benefit)>> {
    let o = obj(&e.node, "registers.benefit_codes", cx)?;
    let mut out: Vec<(String, Benefit)> = Vec::new();
    let mut ok = true;
    for entry in o.entries {
        let field = format!("registers.benefit_codes.{}", entry.key);
        let code = entry.key.trim();
        if code.is_empty()
            || code.len() > 16
            || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            cx.said(
                &field,
                line_of(entry),
                "a code is 1 to 16 letters, digits, `-` or `_`",
                "en kode er 1 til 16 bogstaver, cifre, `-` eller `_`",
            );
            ok = false;
            continue;
        }
        match &entry.node.value {
            NodeValue::Str(s) => match Benefit::parse(s) {
                Some(_) if out.iter().any(|(c, _)| c == code) => {
                    cx.said(&field, line_of(entry), "the code is listed twice", "koden står to gange");
                    ok = false;
                }
                Some(b) => out.push((code.to_string(), b)),
                None => {
                    cx.said(
                        &field,
                        line_of(entry),
                        format!("unknown benefit `{s}`; expected {}", Benefit::expected()),
                        format!("ukendt ydelse »{s}«; kendte ydelser er {}", known_benefits_da()),
                    );
                    ok = false;
                }
            },
            other => {
                cx.said(
                    &field,
                    line_of(entry),
                    format!("expected a benefit name, found {}", other.kind()),
                    format!("skal være navnet på en ydelse, men er {}", kind_da(other)),
                );
                ok = false;
            }
        }
    }
    if out.is_empty() && ok {
        cx.said("registers.benefit_codes", line_of(e), "expected at least one code", "der skal stå mindst én kode");
        ok = false;
    }
    ok.then_some(out)
}
