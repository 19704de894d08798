//! The four parameter files, one reader each.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::read::{dated, entries, get, join, line, money, only, percent};
use crate::benefit::Benefit;
use crate::budget::{ForecastSettings, Rate, Staircase, Step, Target};
use crate::contract::Problem;
use crate::contract::node::{Node, NodeValue};

pub(super) fn staircases(root: &Node, out: &mut Vec<Problem>) -> Vec<Staircase> {
    let top = entries(root, "", out);
    only(top, "", &["reference", "values"], out);
    let Some(values) = get(top, "values", "", root.line, "`[values.YYYY-MM-DD]` tables", out) else {
        return Vec::new();
    };
    let mut stairs = Vec::new();
    for (from, e) in dated(&values.node, "values", out) {
        let path = format!("values.{}", e.key);
        let es = entries(&e.node, &path, out);
        only(es, &path, &["steps"], out);
        let Some(steps) = get(es, "steps", &path, line(e), "an array of steps", out) else { continue };
        let NodeValue::Array(items) = &steps.node.value else {
            out.push(Problem::new(join(&path, "steps"), line(steps), "expected an array of steps"));
            continue;
        };
        let mut parsed: Vec<Step> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let f = format!("{path}.steps[{i}]");
            let es = entries(item, &f, out);
            only(es, &f, &["from_week", "municipality_pct", "state_pct"], out);
            let week =
                get(es, "from_week", &f, item.line, "a week number from 1", out).and_then(|w| match w.node.value {
                    NodeValue::Int(n) if (1..=520).contains(&n) => u32::try_from(n).ok(),
                    _ => {
                        out.push(Problem::new(join(&f, "from_week"), line(w), "expected a week number from 1 to 520"));
                        None
                    }
                });
            let m = get(es, "municipality_pct", &f, item.line, "a percentage", out)
                .and_then(|e| percent(e, &join(&f, "municipality_pct"), out));
            let s = get(es, "state_pct", &f, item.line, "a percentage", out)
                .and_then(|e| percent(e, &join(&f, "state_pct"), out));
            let (Some(week), Some(m), Some(s)) = (week, m, s) else { continue };
            if m + s != Decimal::ONE {
                out.push(Problem::new(
                    f.clone(),
                    item.line,
                    format!(
                        "the shares add up to {} %, not 100 %: the state carries the complement",
                        (m + s) * Decimal::ONE_HUNDRED
                    ),
                ));
            }
            let expected_first = if parsed.is_empty() { Some(1) } else { None };
            if expected_first.is_some_and(|w| w != week) {
                out.push(Problem::new(join(&f, "from_week"), item.line, "the first step starts at week 1"));
            }
            if parsed.last().is_some_and(|p| p.from_week >= week) {
                out.push(Problem::new(join(&f, "from_week"), item.line, "steps must ascend by week"));
            }
            parsed.push(Step { from_week: week, municipality: m, state: s });
        }
        if parsed.is_empty() {
            out.push(Problem::new(join(&path, "steps"), line(steps), "no steps; give at least one"));
        } else {
            stairs.push(Staircase { from, steps: parsed });
        }
    }
    stairs
}

pub(super) fn benefit_rates(root: &Node, out: &mut Vec<Problem>) -> Vec<Rate> {
    let mut rates = Vec::new();
    for b in entries(root, "", out) {
        let Some(benefit) = Benefit::parse(&b.key) else {
            out.push(Problem::new(
                b.key.clone(),
                line(b),
                format!("unknown benefit; expected {}", Benefit::expected()),
            ));
            continue;
        };
        let es = entries(&b.node, &b.key, out);
        only(es, &b.key, &["values"], out);
        let Some(values) = get(es, "values", &b.key, line(b), "`[<benefit>.values.YYYY-MM-DD]` tables", out) else {
            continue;
        };
        let path = format!("{}.values", b.key);
        for (from, e) in dated(&values.node, &path, out) {
            let f = format!("{path}.{}", e.key);
            let es = entries(&e.node, &f, out);
            only(es, &f, &["monthly"], out);
            let Some(m) = get(es, "monthly", &f, line(e), "a monthly rate in kroner (\"12743.50\")", out) else {
                continue;
            };
            if let Some(monthly) = money(m, &join(&f, "monthly"), out) {
                rates.push(Rate { benefit, from, monthly });
            }
        }
    }
    rates.sort_by_key(|r| (r.benefit, r.from));
    rates
}

pub(super) fn savings_targets(root: &Node, out: &mut Vec<Problem>) -> Vec<Target> {
    let top = entries(root, "", out);
    only(top, "", &["targets"], out);
    let Some(list) = top.iter().find(|e| e.key == "targets") else { return Vec::new() };
    let NodeValue::Array(items) = &list.node.value else {
        out.push(Problem::new("targets", line(list), "expected `[[targets]]` tables"));
        return Vec::new();
    };
    let mut targets: Vec<Target> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let f = format!("targets[{i}]");
        let es = entries(item, &f, out);
        only(es, &f, &["buyer", "year", "amount"], out);
        let buyer = get(es, "buyer", &f, item.line, "the buyer as the contract names it", out).and_then(|e| {
            match &e.node.value {
                NodeValue::Str(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                _ => {
                    out.push(Problem::new(join(&f, "buyer"), line(e), "expected the buyer's name as text"));
                    None
                }
            }
        });
        let year = get(es, "year", &f, item.line, "a year", out).and_then(|e| match e.node.value {
            NodeValue::Int(y) if (2000..=2100).contains(&y) => i32::try_from(y).ok(),
            _ => {
                out.push(Problem::new(join(&f, "year"), line(e), "expected a year from 2000 to 2100"));
                None
            }
        });
        let amount =
            get(es, "amount", &f, item.line, "kroner as text", out).and_then(|e| money(e, &join(&f, "amount"), out));
        let (Some(buyer), Some(year), Some(amount)) = (buyer, year, amount) else { continue };
        if targets.iter().any(|t| t.buyer == buyer && t.year == year) {
            out.push(Problem::new(f, item.line, format!("{buyer} already has a target for {year}")));
            continue;
        }
        targets.push(Target { buyer, year, amount });
    }
    targets
}

pub(super) fn forecast_settings(root: &Node, out: &mut Vec<Problem>) -> ForecastSettings {
    let mut f = ForecastSettings::default();
    let top = entries(root, "", out);
    only(top, "", &["horizon_months", "band_standard_deviations"], out);
    if let Some(e) = get(top, "horizon_months", "", root.line, "months ahead, 1 to 60", out) {
        match e.node.value {
            NodeValue::Int(n) if (1..=60).contains(&n) => f.horizon_months = n as u32,
            _ => out.push(Problem::new("horizon_months", line(e), "expected months ahead, 1 to 60")),
        }
    }
    if let Some(e) = get(top, "band_standard_deviations", "", root.line, "a number as text (\"2\")", out) {
        match &e.node.value {
            NodeValue::Str(t) => match Decimal::from_str(t.trim()) {
                Ok(v) if v > Decimal::ZERO && v <= Decimal::TEN => f.band_sd = v,
                _ => out.push(Problem::new(
                    "band_standard_deviations",
                    line(e),
                    format!("`{t}` is not a number above 0 and at most 10"),
                )),
            },
            other => out.push(Problem::new(
                "band_standard_deviations",
                line(e),
                format!("expected a number as text (\"2\"), found {}", other.kind()),
            )),
        }
    }
    f
}
