//! Grant file (`kind = "grant_pool"`) → [`Grant`], every problem with its
//! field and line, then the grant's own checks (`grant::check`): errors
//! refuse the file, warnings come back beside the grant. The format is
//! described in docs/rules.md, "Grant pools"; `contracts/lejre-ungeloeftet-v1.toml`
//! is the example.

use rust_decimal::Decimal;

use super::toml_reader::{Problems, Table, array, date, decimal_in, element, line_of, money, text, whole};
use crate::contract::node::{Node, NodeValue};
use crate::contract::{Period, Problem};
use crate::grant::check::{Finding, check};
use crate::grant::{Band, BudgetRow, Grant, Measurement, MonthRule, Receipt, TargetGroup};
use crate::ids::ContractId;
use crate::wire::tree;

/// The value of `kind` that marks a grant file.
pub const KIND: &str = "grant_pool";

/// A grant and the warnings `check` gives on it.
#[derive(Clone, Debug)]
pub struct ParsedGrant {
    pub grant: Grant,
    pub warnings: Vec<Finding>,
}

/// Whether a contract file declares `kind = "grant_pool"` (a file that is
/// not valid TOML is not: the milestone parser then reports its syntax).
pub fn is_grant_file(source: &str) -> bool {
    let Ok(root) = tree::from_toml(source) else { return false };
    match root.value {
        NodeValue::Table(entries) => {
            entries.iter().any(|e| e.key == "kind" && matches!(&e.node.value, NodeValue::Str(s) if s == KIND))
        }
        _ => false,
    }
}

const TOP: &[&str] = &[
    "kind",
    "id",
    "version",
    "title",
    "buyer",
    "grantor",
    "letter_date",
    "amount",
    "co_financing",
    "co_financing_also_stated",
    "period",
    "budget",
    "target_group",
    "tranche1",
    "tranche2",
    "month_rule",
    "received",
];

/// Parses a grant file. `Err` lists every problem, the errors of
/// `grant::check` among them, each with its line.
pub fn parse_grant(source: &str) -> Result<ParsedGrant, Vec<Problem>> {
    let root = tree::from_toml(source).map_err(|p| vec![p])?;
    let mut px = Problems::default();
    let Some(mut top) = Table::of(&root, "", &mut px) else { return Err(px.0) };
    let hundred = Decimal::ONE_HUNDRED;

    top.opt("kind");
    let id = top.req("id", &mut px, "the grant's id, e.g. \"lejre-ungeloeftet\"").and_then(|e| {
        let s = text(e, "id", &mut px)?;
        ContractId::parse(&s).map_err(|err| px.err("id", line_of(e), err.to_string())).ok()
    });
    let version = top.req("version", &mut px, "a version number (1, 2, ...)").and_then(|e| {
        let v = whole(e, "version", &mut px)?;
        if v == 0 {
            px.err("version", line_of(e), "versions are numbered from 1");
        }
        (v > 0).then_some(v)
    });
    let title = top.req("title", &mut px, "a title").and_then(|e| text(e, "title", &mut px));
    let buyer =
        top.req("buyer", &mut px, "the municipality receiving the grant").and_then(|e| text(e, "buyer", &mut px));
    let grantor = top.req("grantor", &mut px, "who gives the grant").and_then(|e| text(e, "grantor", &mut px));
    let letter_date =
        top.req("letter_date", &mut px, "the grant letter's date").and_then(|e| date(e, "letter_date", &mut px));
    let amount = top.req("amount", &mut px, "the grant, e.g. \"1834319.32\"").and_then(|e| {
        let m = money(e, "amount", &mut px)?;
        if !m.is_positive() {
            px.err("amount", line_of(e), "must be positive");
        }
        m.is_positive().then_some(m)
    });
    let co_financing = match top.opt("co_financing") {
        Some(e) => money(e, "co_financing", &mut px),
        None => Some(crate::money::Money::ZERO),
    };
    let also = top.opt("co_financing_also_stated").map_or(Some(Vec::new()), |e| {
        let items = array(e, "co_financing_also_stated", &mut px)?;
        let mut out = Vec::new();
        for (i, n) in items.iter().enumerate() {
            out.push(money(&element(n), &format!("co_financing_also_stated[{i}]"), &mut px)?);
        }
        Some(out)
    });
    let period =
        top.req("period", &mut px, "a [period] table with from and until").and_then(|e| period(&e.node, &mut px));
    let budget = top.opt("budget").map_or(Some(Vec::new()), |e| budget(e, &mut px));
    let target = top
        .req("target_group", &mut px, "a [target_group] table with min_age and max_age")
        .and_then(|e| target(&e.node, &mut px));
    let tranche1_pct = top.req("tranche1", &mut px, "a [tranche1] table with pct").and_then(|e| {
        let mut t = Table::of(&e.node, "tranche1", &mut px)?;
        let pct = t
            .req("pct", &mut px, "a percentage of the grant")
            .and_then(|e| decimal_in(e, "tranche1.pct", &mut px, Decimal::ZERO, hundred, "percent"));
        t.finish(&mut px, &["pct"]);
        pct
    });
    let tranche2 = top.req("tranche2", &mut px, "a [tranche2] table with [[tranche2.bands]]");
    let bands = tranche2.and_then(|e| bands(&e.node, &mut px));
    let rule = top.req("month_rule", &mut px, "a [month_rule] table").and_then(|e| month_rule(&e.node, &mut px));
    let received = top.opt("received").map_or(Some(Vec::new()), |e| received(e, &mut px));
    top.finish(&mut px, TOP);

    let (
        Some(id),
        Some(version),
        Some(title),
        Some(buyer),
        Some(grantor),
        Some(letter_date),
        Some(amount),
        Some(co_financing),
        Some(co_financing_also_stated),
        Some(period),
        Some(budget),
        Some(target),
        Some(tranche1_pct),
        Some(bands),
        Some(rule),
        Some(received),
    ) = (
        id,
        version,
        title,
        buyer,
        grantor,
        letter_date,
        amount,
        co_financing,
        also,
        period,
        budget,
        target,
        tranche1_pct,
        bands,
        rule,
        received,
    )
    else {
        return Err(px.0);
    };
    if !px.0.is_empty() {
        return Err(px.0);
    }
    let grant = Grant {
        id,
        version,
        title,
        buyer,
        grantor,
        letter_date,
        amount,
        period,
        co_financing,
        co_financing_also_stated,
        budget,
        target,
        tranche1_pct,
        bands,
        rule,
        received,
    };
    if let Measurement::Month(m) = grant.rule.measurement
        && !(m <= grant.period.until && crate::calendar::add_months(m, 1) > grant.period.from)
    {
        px.err(
            "month_rule.measurement",
            None,
            format!("the month {} is outside the project period", m.format("%Y-%m")),
        );
    }
    let findings = check(&grant);
    let bands_line = tranche2.and_then(line_of);
    for f in findings.iter().filter(|f| f.is_error()) {
        px.err(f.field(), bands_line, f.english());
    }
    if !px.0.is_empty() {
        return Err(px.0);
    }
    let warnings = findings.into_iter().filter(|f| !f.is_error()).collect();
    Ok(ParsedGrant { grant, warnings })
}

fn period(n: &Node, px: &mut Problems) -> Option<Period> {
    let mut t = Table::of(n, "period", px)?;
    let from = t.req("from", px, "the first day of the project").and_then(|e| date(e, "period.from", px));
    let until = t.req("until", px, "the last day of the project").and_then(|e| date(e, "period.until", px));
    let line = t.line;
    t.finish(px, &["from", "until"]);
    let (from, until) = (from?, until?);
    if from > until {
        px.err("period", line, format!("the period is empty: from {from} is after until {until}"));
        return None;
    }
    Some(Period { from, until })
}

fn budget(e: &crate::contract::node::Entry, px: &mut Problems) -> Option<Vec<BudgetRow>> {
    let items = array(e, "budget", px)?;
    let mut out = Vec::new();
    let mut ok = true;
    for (i, n) in items.iter().enumerate() {
        let f = format!("budget[{i}]");
        let Some(mut t) = Table::of(n, &f, px) else {
            ok = false;
            continue;
        };
        let year = t.req("year", px, "a year, e.g. 2025").and_then(|e| whole(e, &format!("{f}.year"), px));
        let amount = t.req("amount", px, "an amount").and_then(|e| money(e, &format!("{f}.amount"), px));
        t.finish(px, &["year", "amount"]);
        match (year, amount) {
            (Some(y), Some(a)) => out.push(BudgetRow { year: y as i32, amount: a }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

fn target(n: &Node, px: &mut Problems) -> Option<TargetGroup> {
    let mut t = Table::of(n, "target_group", px)?;
    let min = t.req("min_age", px, "the youngest age at enrolment").and_then(|e| whole(e, "target_group.min_age", px));
    let max = t.req("max_age", px, "the oldest age at enrolment").and_then(|e| whole(e, "target_group.max_age", px));
    let description = match t.opt("description") {
        Some(e) => text(e, "target_group.description", px),
        None => Some(String::new()),
    };
    let line = t.line;
    t.finish(px, &["min_age", "max_age", "description"]);
    let (min_age, max_age, description) = (min?, max?, description?);
    if min_age > max_age {
        px.err("target_group", line, format!("min_age {min_age} is above max_age {max_age}"));
        return None;
    }
    Some(TargetGroup { min_age, max_age, description })
}

fn bands(n: &Node, px: &mut Problems) -> Option<Vec<Band>> {
    let mut t = Table::of(n, "tranche2", px)?;
    let e = t.req("bands", px, "[[tranche2.bands]] with from_pct, below_pct and pays_pct");
    t.finish(px, &["bands"]);
    let items = array(e?, "tranche2.bands", px)?;
    let hundred = Decimal::ONE_HUNDRED;
    let mut out = Vec::new();
    let mut ok = true;
    for (i, n) in items.iter().enumerate() {
        let f = format!("tranche2.bands[{i}]");
        let Some(mut b) = Table::of(n, &f, px) else {
            ok = false;
            continue;
        };
        let pct = |e: &crate::contract::node::Entry, key: &str, px: &mut Problems| {
            decimal_in(e, &format!("{f}.{key}"), px, Decimal::ZERO, hundred, "percent")
        };
        let from = b.req("from_pct", px, "the band's lowest share in percent").and_then(|e| pct(e, "from_pct", px));
        let below = b.opt("below_pct").map(|e| pct(e, "below_pct", px));
        let pays = b.req("pays_pct", px, "tranche 2 in percent of the grant").and_then(|e| pct(e, "pays_pct", px));
        let line = b.line;
        b.finish(px, &["from_pct", "below_pct", "pays_pct"]);
        match (from, below, pays) {
            (Some(from_pct), None, Some(pays_pct)) => out.push(Band { from_pct, below_pct: None, pays_pct }),
            (Some(from_pct), Some(Some(below)), Some(pays_pct)) if below > from_pct => {
                out.push(Band { from_pct, below_pct: Some(below), pays_pct })
            }
            (Some(from_pct), Some(Some(below)), Some(_)) => {
                px.err(&f, line, format!("the band is empty: below_pct {below} is not above from_pct {from_pct}"));
                ok = false;
            }
            _ => ok = false,
        }
    }
    if items.is_empty() {
        px.err("tranche2.bands", e.and_then(line_of), "must hold at least one band");
        ok = false;
    }
    ok.then_some(out)
}

fn month_rule(n: &Node, px: &mut Problems) -> Option<MonthRule> {
    let mut t = Table::of(n, "month_rule", px)?;
    let measurement = t.req("measurement", px, "\"any_month\" or a month such as \"2027-06\"").and_then(|e| {
        let s = text(e, "month_rule.measurement", px)?;
        if s == "any_month" {
            return Some(Measurement::AnyMonth);
        }
        match chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d") {
            Ok(m) => Some(Measurement::Month(m)),
            Err(_) => {
                px.err(
                    "month_rule.measurement",
                    line_of(e),
                    format!("`{s}`: expected \"any_month\" or a month such as \"2027-06\""),
                );
                None
            }
        }
    });
    let min_days = t.req("min_days", px, "days in a month that count (at least 1)").and_then(|e| {
        let d = whole(e, "month_rule.min_days", px)?;
        if !(1..=31).contains(&d) {
            px.err("month_rule.min_days", line_of(e), format!("must be from 1 to 31 days, found {d}"));
        }
        (1..=31).contains(&d).then_some(d)
    });
    let hours = t.req("min_hours_per_week", px, "hours a week a job must have to count").and_then(|e| {
        decimal_in(e, "month_rule.min_hours_per_week", px, Decimal::ZERO, Decimal::from(168), "hours a week")
    });
    t.finish(px, &["measurement", "min_days", "min_hours_per_week"]);
    Some(MonthRule { measurement: measurement?, min_days: min_days?, min_hours_per_week: hours? })
}

fn received(e: &crate::contract::node::Entry, px: &mut Problems) -> Option<Vec<Receipt>> {
    let items = array(e, "received", px)?;
    let mut out = Vec::new();
    let mut ok = true;
    for (i, n) in items.iter().enumerate() {
        let f = format!("received[{i}]");
        let Some(mut t) = Table::of(n, &f, px) else {
            ok = false;
            continue;
        };
        let tranche = t.req("tranche", px, "1 or 2").and_then(|e| {
            let v = whole(e, &format!("{f}.tranche"), px)?;
            if !(1..=2).contains(&v) {
                px.err(&format!("{f}.tranche"), line_of(e), format!("expected 1 or 2, found {v}"));
            }
            (1..=2).contains(&v).then_some(v as u8)
        });
        let d = t.req("date", px, "the date received").and_then(|e| date(e, &format!("{f}.date"), px));
        let amount = t.req("amount", px, "the amount received").and_then(|e| money(e, &format!("{f}.amount"), px));
        t.finish(px, &["tranche", "date", "amount"]);
        match (tranche, d, amount) {
            (Some(tranche), Some(date), Some(amount)) => out.push(Receipt { tranche, date, amount }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}
