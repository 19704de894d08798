//! A grant's report as the reader may see it: the monthly table (for CSV,
//! the page and the terminal) and the JSON answer. Under small-cell
//! protection (`[disclosure]`, by default the committee role), the counts
//! in work and in education from 1 to the threshold − 1 are shown as
//! `< 5`, and a month with fewer participants than the threshold shows no
//! count and no share; the participants, those in work or education and
//! the share of a month with enough participants are the grant's own
//! result measure and are shown (docs/rules.md, "Grant pools").

use serde_json::{Value as Json, json};

use crate::grant::report::GrantReport;
use crate::grant::{Band, Grant};
use crate::money::Share;
use crate::report::disclosure::Policy;
use crate::table::{Column, Table, Value};

/// `[50 %, 55 %)`, `[55 %, 100 %]`.
pub fn band_text(b: &Band) -> String {
    let upper = b.below_pct.map_or("100 %]".to_string(), |u| format!("{} %)", u.normalize()));
    format!("[{} %, {upper}", b.from_pct.normalize())
}

fn count(n: u32, protected: Option<u64>) -> Value {
    match protected {
        Some(t) if n > 0 && u64::from(n) < t => Value::Small(t),
        _ => Value::Int(u64::from(n)),
    }
}

/// The months, one row each.
pub fn months_table(g: &Grant, r: &GrantReport, policy: Option<&Policy>) -> Table {
    let threshold = policy.map(|p| p.threshold).filter(|t| *t > 1);
    let rows = r
        .months
        .iter()
        .map(|m| {
            let few = threshold.is_some_and(|t| m.participants > 0 && u64::from(m.participants) < t);
            let hide = |n: u32| {
                if few { threshold.map_or(Value::Int(u64::from(n)), Value::Small) } else { Value::Int(u64::from(n)) }
            };
            vec![
                Value::Text(m.month.format("%Y-%m").to_string()),
                hide(m.participants),
                if few { hide(m.in_work) } else { count(m.in_work, threshold) },
                if few { hide(m.in_education) } else { count(m.in_education, threshold) },
                hide(m.in_work_or_education),
                if few { Value::Withheld } else { Value::pct(m.share(), 1) },
                m.band.map_or(Value::Missing, |b| Value::Text(band_text(&g.bands[b]))),
                m.band.map_or(Value::Missing, |b| Value::Money(g.tranche2(b))),
            ]
        })
        .collect();
    Table {
        name: "months",
        title_en: format!("{}: share in work or education by month", g.title),
        title_da: format!("{}: andel i beskæftigelse eller uddannelse pr. måned", g.title),
        columns: vec![
            Column::new("month", "Month", "Måned"),
            Column::new("participants", "Participants", "Deltagere"),
            Column::new("in_work", "In work", "I beskæftigelse"),
            Column::new("in_education", "In education", "I uddannelse"),
            Column::new("in_work_or_education", "In work or education", "I beskæftigelse eller uddannelse"),
            Column::new("share_pct", "Share %", "Andel %"),
            Column::new("band", "Band", "Interval"),
            Column::new("tranche2", "Tranche 2 at this share", "Rate 2 ved denne andel"),
        ],
        rows,
        total: None,
    }
}

fn band_json(g: &Grant, i: usize) -> Json {
    let b = &g.bands[i];
    json!({
        "index": i,
        "from_pct": b.from_pct.normalize().to_string(),
        "below_pct": b.below_pct.map(|u| u.normalize().to_string()),
        "pays_pct": b.pays_pct.normalize().to_string(),
        "label": band_text(b),
        "tranche2": g.tranche2(i).plain(),
    })
}

/// The JSON answer of `GET /grants/{id}/report`.
pub fn report_json(g: &Grant, r: &GrantReport, policy: Option<&Policy>) -> Json {
    let table = months_table(g, r, policy);
    let months: Vec<Json> = r
        .months
        .iter()
        .zip(&table.rows)
        .map(|(m, row)| {
            let cell = |v: &Value| match v {
                Value::Int(n) => json!(n),
                Value::Missing => Json::Null,
                other => json!(other.plain()),
            };
            json!({
                "month": m.month.format("%Y-%m").to_string(),
                "complete": m.complete,
                "participants": cell(&row[1]),
                "in_work": cell(&row[2]),
                "in_education": cell(&row[3]),
                "in_work_or_education": cell(&row[4]),
                "share_pct": cell(&row[5]),
                "band": m.band,
            })
        })
        .collect();
    let best = r.best.map(|b| &r.months[b]);
    json!({
        "grant": g.id.as_str(),
        "version": g.version,
        "title": g.title,
        "buyer": g.buyer,
        "grantor": g.grantor,
        "as_of": r.as_of.to_string(),
        "amount": g.amount.plain(),
        "period": { "from": g.period.from.to_string(), "until": g.period.until.to_string() },
        "measurement": match g.rule.measurement {
            crate::grant::Measurement::AnyMonth => "any_month".to_string(),
            crate::grant::Measurement::Month(m) => m.format("%Y-%m").to_string(),
        },
        "small_cells_suppressed": policy.is_some(),
        "bands": (0..g.bands.len()).map(|i| band_json(g, i)).collect::<Vec<_>>(),
        "months": months,
        "best_month": best.map(|m| json!({
            "month": m.month.format("%Y-%m").to_string(),
            "share_pct": Share::of(u64::from(m.in_work_or_education), u64::from(m.participants)).map(|s| s.plain(1).trim_end_matches(" %").to_string()),
        })),
        "band_reached": r.band_reached.map(|b| band_json(g, b)),
        "tranche1": r.tranche1.plain(),
        "tranche2_max": r.tranche2_max.plain(),
        "tranche2_secured": r.tranche2_secured.plain(),
        "at_stake": r.at_stake.plain(),
        "next_band": r.next.map(|n| json!({
            "month": n.month.format("%Y-%m").to_string(),
            "band": band_json(g, n.band),
            "needed": n.needed,
            "more": n.more,
        })),
        "money": {
            "grant": g.amount.plain(),
            "tranche1": { "expected": r.tranche1.plain(), "received": r.received_tranche1.plain() },
            "tranche2": { "secured": r.tranche2_secured.plain(), "max": r.tranche2_max.plain(), "received": r.received_tranche2.plain() },
            "budget": r.budget.iter().map(|b| json!({ "year": b.year, "amount": b.amount.plain() })).collect::<Vec<_>>(),
            "budget_total": r.budget_total.plain(),
            "budget_difference": r.budget_difference.plain(),
            "co_financing": r.co_financing.plain(),
        },
        "warnings": r.warnings.iter().map(|w| json!({ "field": w.field(), "message": w.english(), "message_da": w.danish() })).collect::<Vec<_>>(),
    })
}
