//! The dated parameter files in `parameters/` (TOML): the reimbursement
//! staircase, monthly benefit rates, savings targets and how the forecast
//! is made, read into
//! [`budget::Parameters`]. Every problem is reported at once, with the file,
//! the line (as an editor counts it) and the field; nothing panics on input.
//!
//! The files are compiled in ([`builtin`]), so every start and every test
//! uses the reviewed values; a changed value is a changed file in the
//! repository, like a contract.

use std::str::FromStr;
use std::sync::OnceLock;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::benefit::Benefit;
use crate::budget::{ForecastSettings, Parameters, Rate, Staircase, Step, Target};
use crate::contract::Problem;
use crate::contract::node::{Entry, Node, NodeValue, from_toml};
use crate::money::Money;

pub const STAIRCASE_FILE: &str = "parameters/reimbursement.toml";
pub const RATES_FILE: &str = "parameters/benefit_rates.toml";
pub const TARGETS_FILE: &str = "parameters/savings_targets.toml";
pub const FORECAST_FILE: &str = "parameters/forecast.toml";

const STAIRCASE_TEXT: &str = include_str!("../../parameters/reimbursement.toml");
const RATES_TEXT: &str = include_str!("../../parameters/benefit_rates.toml");
const TARGETS_TEXT: &str = include_str!("../../parameters/savings_targets.toml");
const FORECAST_TEXT: &str = include_str!("../../parameters/forecast.toml");

/// Each parameter file's name and text (the procurement page lists their
/// `# CHOSEN:` notes).
pub fn sources() -> [(&'static str, &'static str); 4] {
    [
        (STAIRCASE_FILE, STAIRCASE_TEXT),
        (RATES_FILE, RATES_TEXT),
        (TARGETS_FILE, TARGETS_TEXT),
        (FORECAST_FILE, FORECAST_TEXT),
    ]
}

/// The parameter files of the repository, parsed once.
pub fn builtin() -> Result<&'static Parameters, &'static [Problem]> {
    static CELL: OnceLock<Result<Parameters, Vec<Problem>>> = OnceLock::new();
    CELL.get_or_init(|| parse(STAIRCASE_TEXT, RATES_TEXT, TARGETS_TEXT, FORECAST_TEXT)).as_ref().map_err(Vec::as_slice)
}

/// Parses the four files' texts; problems name their file.
pub fn parse(staircase: &str, rates: &str, targets: &str, forecast: &str) -> Result<Parameters, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut p = Parameters::default();
    let mut run = |file: &str, text: &str, f: &mut dyn FnMut(&Node, &mut Vec<Problem>)| {
        let mut local = Vec::new();
        match from_toml(text) {
            Ok(root) => f(&root, &mut local),
            Err(e) => local.push(e),
        }
        problems.extend(local.into_iter().map(|q| q.in_file(file)));
    };
    run(STAIRCASE_FILE, staircase, &mut |root, out| p.staircases = staircases(root, out));
    run(RATES_FILE, rates, &mut |root, out| p.rates = benefit_rates(root, out));
    run(TARGETS_FILE, targets, &mut |root, out| p.targets = savings_targets(root, out));
    run(FORECAST_FILE, forecast, &mut |root, out| p.forecast = forecast_settings(root, out));
    if problems.is_empty() { Ok(p) } else { Err(problems) }
}

fn line(e: &Entry) -> Option<u32> {
    e.line.or(e.node.line)
}

fn entries<'a>(node: &'a Node, field: &str, out: &mut Vec<Problem>) -> &'a [Entry] {
    match &node.value {
        NodeValue::Table(es) => es,
        other => {
            out.push(Problem::new(field, node.line, format!("expected a table, found {}", other.kind())));
            &[]
        }
    }
}

/// Reports keys other than `known`.
fn only(es: &[Entry], path: &str, known: &[&str], out: &mut Vec<Problem>) {
    for e in es.iter().filter(|e| !known.contains(&e.key.as_str())) {
        out.push(Problem::new(
            join(path, &e.key),
            line(e),
            format!("unknown field; expected one of {}", known.join(", ")),
        ));
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

fn get<'a>(
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
fn dated<'a>(node: &'a Node, path: &str, out: &mut Vec<Problem>) -> Vec<(NaiveDate, &'a Entry)> {
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

fn percent(e: &Entry, field: &str, out: &mut Vec<Problem>) -> Option<Decimal> {
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

fn staircases(root: &Node, out: &mut Vec<Problem>) -> Vec<Staircase> {
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

fn benefit_rates(root: &Node, out: &mut Vec<Problem>) -> Vec<Rate> {
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

fn money(e: &Entry, field: &str, out: &mut Vec<Problem>) -> Option<Money> {
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

fn savings_targets(root: &Node, out: &mut Vec<Problem>) -> Vec<Target> {
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

fn forecast_settings(root: &Node, out: &mut Vec<Problem>) -> ForecastSettings {
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_repository_files_parse_to_the_law_and_the_minutes() {
        let p = builtin().expect("the parameter files parse");
        let s = p.staircase_on(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()).unwrap();
        let shares: Vec<_> = s.steps.iter().map(|s| (s.from_week, s.municipality, s.state)).collect();
        assert_eq!(
            shares,
            vec![
                (1, dec!(0.20), dec!(0.80)),
                (5, dec!(0.60), dec!(0.40)),
                (27, dec!(0.70), dec!(0.30)),
                (53, dec!(0.80), dec!(0.20))
            ]
        );
        let day = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        // 50,974 / 4 = 12,743.50.
        assert_eq!(p.monthly_rate(Benefit::Dagpenge, day).map(Money::plain).as_deref(), Some("12743.50"));
        assert_eq!(p.monthly_rate(Benefit::Kontanthjaelp, day), None);
        assert_eq!(p.target("Lejre Kommune", 2026).map(Money::plain).as_deref(), Some("4100000.00"));
        assert_eq!(p.forecast, ForecastSettings { horizon_months: 12, band_sd: dec!(2) });
    }

    #[test]
    fn every_problem_names_file_line_and_field() {
        let stairs = "[values.2016-01-04]\nsteps = [\n { from_week = 1, municipality_pct = \"20\", state_pct = \"70\" },\n { from_week = 1, municipality_pct = 0.6, state_pct = \"40\" },\n]\n";
        let rates = "[dagpenge.values.2025-13-01]\nmonthly = \"1.234\"\n[dagpenge.values.2025-01-01]\nmonthly = \"12.345\"\n[kontant.values.2025-01-01]\nmonthly = \"1\"\n";
        let targets = "[[targets]]\nbuyer = \"Lejre Kommune\"\nyear = 2026\namount = 4100000\n";
        let forecast = "horizon_months = 0\nband_standard_deviations = 2\n";
        let problems = parse(stairs, rates, targets, forecast).unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let expected = [
            "parameters/reimbursement.toml:3: values.2016-01-04.steps[0]: the shares add up to 90",
            "parameters/reimbursement.toml:4: values.2016-01-04.steps[1].municipality_pct: expected a percentage as text",
            "parameters/benefit_rates.toml:1: dagpenge.values.2025-13-01: expected a date",
            "parameters/benefit_rates.toml:4: dagpenge.values.2025-01-01.monthly: `12.345` has more than two decimals",
            "parameters/benefit_rates.toml:5: kontant: unknown benefit",
            "parameters/savings_targets.toml:4: targets[0].amount: expected kroner as text",
            "parameters/forecast.toml:1: horizon_months: expected months ahead",
            "parameters/forecast.toml:2: band_standard_deviations: expected a number as text",
        ];
        for want in expected {
            assert!(shown.iter().any(|s| s.starts_with(want)), "missing {want:?} in {shown:#?}");
        }
    }
}

#[cfg(test)]
mod chosen_tests {
    use crate::contract::chosen::chosen_notes;

    #[test]
    fn every_parameter_file_choice_is_marked_in_english_and_danish() {
        let notes: Vec<(String, String, bool)> = super::sources()
            .into_iter()
            .flat_map(|(file, text)| {
                chosen_notes(text).into_iter().map(move |n| (file.to_string(), n.field, n.da.is_some()))
            })
            .collect();
        let fields: Vec<String> = notes.iter().map(|(f, field, _)| format!("{f} {field}")).collect();
        for want in [
            "parameters/reimbursement.toml",
            "parameters/benefit_rates.toml",
            "parameters/savings_targets.toml",
            "parameters/forecast.toml horizon_months",
            "parameters/forecast.toml band_standard_deviations",
        ] {
            assert!(fields.iter().any(|f| f.starts_with(want)), "{want} in {fields:?}");
        }
        assert!(notes.iter().all(|n| n.2), "every note has its Danish text: {notes:?}");
    }
}
