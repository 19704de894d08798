//! The comparison of options as a table (CSV, the page) and as JSON.
//!
//! One row per option. Each rate has three columns: the rate and the low
//! and high end of its 95 % interval, in percent to one decimal (the rate)
//! and two (the ends, so that a reader can see two ends touch or not). The
//! JSON adds, for each rate and each pair of options with an interval,
//! whether the data so far tells them apart.

use std::cmp::Ordering;

use serde_json::{Map, Value as Json, json};

use crate::money::{Money, Share};
use crate::report::compare::{Comparison, Fig, OptionRow, Rate, RateName};
use crate::table::{Column, Table, Value};

/// The rate's name in English and in Danish (the minutes' words where they
/// have them).
pub fn rate_label(r: RateName, da: bool) -> &'static str {
    match (r, da) {
        (RateName::OrdinaryJob, false) => "Ended in an ordinary job",
        (RateName::OrdinaryJob, true) => "Afsluttet til ordinær beskæftigelse",
        (RateName::AnyJob, false) => "Success rate (any job)",
        (RateName::AnyJob, true) => "Effekt i procent (al beskæftigelse)",
        (RateName::JobStart, false) => "Started a job, of those referred",
        (RateName::JobStart, true) => "Kommet i job, af de henviste",
        (RateName::Retention3m, false) => "Kept the job 3 months, of job starts decided",
        (RateName::Retention3m, true) => "Fastholdt job i 3 måneder, af afgjorte jobstarter",
        (RateName::Retention6m, false) => "Kept the job 6 months, of job starts decided",
        (RateName::Retention6m, true) => "Fastholdt job i 6 måneder, af afgjorte jobstarter",
    }
}

fn rate_keys(r: RateName) -> [&'static str; 3] {
    match r {
        RateName::OrdinaryJob => ["ordinary_job_pct", "ordinary_job_low_pct", "ordinary_job_high_pct"],
        RateName::AnyJob => ["any_job_pct", "any_job_low_pct", "any_job_high_pct"],
        RateName::JobStart => ["job_start_pct", "job_start_low_pct", "job_start_high_pct"],
        RateName::Retention3m => ["retention_3m_pct", "retention_3m_low_pct", "retention_3m_high_pct"],
        RateName::Retention6m => ["retention_6m_pct", "retention_6m_low_pct", "retention_6m_high_pct"],
    }
}

pub fn money(f: Fig<Money>) -> Value {
    match f {
        Fig::Value(m) => Value::Money(m),
        Fig::None => Value::Missing,
        Fig::Withheld => Value::Withheld,
    }
}

pub fn share(f: Fig<Share>, dp: u32) -> Value {
    match f {
        Fig::Value(s) => Value::Percent(s.percent(dp), dp),
        Fig::None => Value::Missing,
        Fig::Withheld => Value::Withheld,
    }
}

/// The rate, its low and its high end.
pub fn rate_cells(f: Fig<Rate>) -> [Value; 3] {
    match f {
        Fig::Value(r) => [
            Value::Percent(r.share.percent(1), 1),
            Value::Percent(r.interval.low.percent(2), 2),
            Value::Percent(r.interval.high.percent(2), 2),
        ],
        Fig::None => [Value::Missing, Value::Missing, Value::Missing],
        Fig::Withheld => [Value::Withheld, Value::Withheld, Value::Withheld],
    }
}

/// What kind of option a row is, in words.
pub fn kind_label(row: &OptionRow, da: bool) -> &'static str {
    match (row.in_house, da) {
        (true, true) => "egen indsats",
        (true, false) => "in-house",
        (false, true) => "leverandør",
        (false, false) => "supplier",
    }
}

/// The comparison as one table, a row per option.
pub fn table(c: &Comparison, da: bool) -> Table {
    let mut columns = vec![
        Column::new("option", "Option", "Mulighed"),
        Column::new("contract", "Contract", "Kontrakt"),
        Column::new("kind", "Kind", "Type"),
        Column::new("referred", "Referred", "Antal henviste"),
    ];
    for r in RateName::ALL {
        let [k, lo, hi] = rate_keys(r);
        let label = rate_label(r, da);
        columns.push(Column::new(k, format!("{label} (%)"), format!("{label} (%)")));
        columns.push(Column::new(lo, format!("{label}, 95 % interval, low"), format!("{label}, 95 %-interval, fra")));
        columns.push(Column::new(hi, format!("{label}, 95 % interval, high"), format!("{label}, 95 %-interval, til")));
    }
    columns.extend([
        Column::new("cost", "Cost (earned, or the own team's cost)", "Omkostning (optjent, eller eget teams)"),
        Column::new("cost_per_job_start", "Cost per job start", "Pris pr. jobstart"),
        Column::new("cost_per_retention_3m", "Cost per 3-month retention", "Pris pr. fastholdelse i 3 måneder"),
        Column::new("cost_per_retention_6m", "Cost per 6-month retention", "Pris pr. fastholdelse i 6 måneder"),
        Column::new("realised_savings", "Realised savings", "Realiseret besparelse"),
        Column::new("net_result", "Net result", "Nettoresultat"),
        Column::new("net_per_referral", "Net result per referral", "Nettoresultat pr. henvist"),
        Column::new("break_even_deadweight_pct", "Break-even deadweight (%)", "Kritisk dødvægt (%)"),
    ]);
    let rows = c
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                Value::Text(if row.provider.is_empty() { row.title.clone() } else { row.provider.clone() }),
                Value::Text(row.contract.clone()),
                Value::Text(kind_label(row, da).into()),
                match row.referred {
                    Fig::Value(n) => Value::Int(n),
                    Fig::None => Value::Missing,
                    Fig::Withheld => Value::Withheld,
                },
            ];
            for r in RateName::ALL {
                cells.extend(rate_cells(row.rate(r)));
            }
            cells.extend([
                money(row.cost),
                money(row.cost_per_job_start),
                money(row.cost_per_retention_3m),
                money(row.cost_per_retention_6m),
                money(row.savings),
                money(row.net_result),
                money(row.net_per_referral),
                share(row.break_even_deadweight, 2),
            ]);
            cells
        })
        .collect();
    let date = if da { c.as_of.format("%d.%m.%Y").to_string() } else { c.as_of.to_string() };
    Table {
        name: "compare",
        title_en: format!("Options compared as of {date}"),
        title_da: format!("Mulighederne sammenlignet pr. {date}"),
        columns,
        rows,
        total: None,
    }
}

/// `cannot_be_told_apart`, or which option's rate is the higher.
pub fn verdict(apart: Option<Ordering>) -> &'static str {
    match apart {
        None => "cannot_be_told_apart",
        Some(Ordering::Greater) => "a_higher",
        Some(Ordering::Less) => "b_higher",
        Some(Ordering::Equal) => "cannot_be_told_apart",
    }
}

/// The comparison as JSON: each option's figures by the table's column
/// keys, and the pairs.
pub fn json(c: &Comparison) -> Json {
    let t = table(c, false);
    let options: Vec<Json> = t
        .rows
        .iter()
        .map(|r| {
            let mut o = Map::new();
            for (col, v) in t.columns.iter().zip(r) {
                o.insert(col.key.to_string(), serde_json::to_value(v).unwrap_or(Json::Null));
            }
            Json::Object(o)
        })
        .collect();
    let pairs: Vec<Json> = c
        .pairs
        .iter()
        .map(|p| {
            json!({
                "rate": p.rate.id(),
                "a": c.rows[p.a].contract,
                "b": c.rows[p.b].contract,
                "verdict": verdict(p.apart),
            })
        })
        .collect();
    json!({
        "as_of": c.as_of.to_string(),
        "target_group": c.group,
        "z": "1.96",
        "rule": "two options differ on a rate only when their 95 % Wilson intervals do not overlap; otherwise they cannot be told apart on the data so far",
        "options": options,
        "pairs": pairs,
    })
}
