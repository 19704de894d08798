//! A grant's report as the reader may see it: the monthly table (for CSV,
//! the page and the terminal) and the JSON answer. Under small-cell
//! protection (`[disclosure]`, by default the committee role), the counts
//! in work and in education from 1 to the threshold − 1 are shown as
//! `< 5`, and a month with fewer participants than the threshold shows no
//! count and no share; the participants, those in work or education and
//! the share of a month with enough participants are the grant's own
//! result measure and are shown (docs/rules.md, "Grant pools").

use crate::lang::{MONTHS_DA, MONTHS_EN};
use serde_json::{Value as Json, json};

use crate::grant::report::GrantReport;
use crate::grant::{Band, Grant};
use crate::money::Share;
use crate::report::disclosure::Policy;
use crate::table::{Column, Table, Value};

/// A month for people: `april 2026`, `April 2026`.
pub fn month_name(d: chrono::NaiveDate, lang: crate::lang::Lang) -> String {
    use chrono::Datelike;
    let names = if lang == crate::lang::Lang::Da { &MONTHS_DA } else { &MONTHS_EN };
    format!("{} {}", names[d.month0() as usize], d.year())
}

/// A month in a chart's axis: `apr 26`, `Apr 26`.
pub fn month_short(d: chrono::NaiveDate, lang: crate::lang::Lang) -> String {
    use chrono::Datelike;
    let names = if lang == crate::lang::Lang::Da { &MONTHS_DA } else { &MONTHS_EN };
    format!("{} {:02}", &names[d.month0() as usize][..3], d.year() % 100)
}

/// The months table with the months named for people (the CSV keeps
/// `2026-04`).
pub fn months_table_for_people(g: &Grant, r: &GrantReport, policy: Option<&Policy>, lang: crate::lang::Lang) -> Table {
    let mut t = months_table(g, r, policy);
    for (row, m) in t.rows.iter_mut().zip(&r.months) {
        row[0] = Value::Text(month_name(m.month, lang));
    }
    t
}

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

/// The report's figures as labelled lines in the reader's language, for
/// the terminal and the page: the deciding month and its band, tranche 1,
/// tranche 2 secured and at stake, the next band, the budget against the
/// grant and the co-financing.
pub fn summary(g: &Grant, r: &GrantReport, lang: crate::lang::Lang) -> Vec<(String, String)> {
    use crate::lang::Lang::{Da, En};
    let t = |en: &str, da: &str| if lang == Da { da.to_string() } else { en.to_string() };
    let money = |m: crate::money::Money| Value::Money(m).human(lang);
    let month = |d: chrono::NaiveDate| month_name(d, lang);
    let share = |m: &crate::grant::months::MonthRow| Value::pct(m.share(), 1).human(lang);
    let mut out = Vec::new();
    let best = match r.best.map(|b| &r.months[b]) {
        Some(m) => format!(
            "{} ({} {} {}, {})",
            month(m.month),
            share(m),
            t("in work or education:", "i beskæftigelse eller uddannelse:"),
            m.in_work_or_education,
            m.band.map_or("–".into(), |b| band_text(&g.bands[b]))
        ),
        None => t("no complete month yet", "ingen afsluttet måned endnu"),
    };
    out.push((t("Best complete month", "Bedste afsluttede måned"), best));
    out.push((t("Band reached", "Interval nået"), r.band_reached.map_or("–".into(), |b| band_text(&g.bands[b]))));
    out.push((t("Tranche 1 (paid on accounts)", "Rate 1 (udbetales på delregnskab)"), money(r.tranche1)));
    out.push((t("Tranche 2 secured so far", "Rate 2 sikret indtil nu"), money(r.tranche2_secured)));
    out.push((t("Tranche 2 still at stake", "Rate 2 stadig på spil"), money(r.at_stake)));
    if let Some(n) = r.next {
        out.push((
            t("To reach the next band", "For at nå næste interval"),
            match lang {
                En if n.more == 0 => format!(
                    "{} has {} in work or education, enough for {} (tranche 2 {}) if the month ends so",
                    month(n.month),
                    n.needed,
                    band_text(&g.bands[n.band]),
                    money(n.tranche2)
                ),
                Da if n.more == 0 => format!(
                    "{} har {} i beskæftigelse eller uddannelse, nok til {} (rate 2 {}), hvis måneden slutter sådan",
                    month(n.month),
                    n.needed,
                    band_text(&g.bands[n.band]),
                    money(n.tranche2)
                ),
                En => format!(
                    "{} more in work or education in {} ({} of the month's participants) reach {}: tranche 2 {}",
                    n.more,
                    month(n.month),
                    n.needed,
                    band_text(&g.bands[n.band]),
                    money(n.tranche2)
                ),
                Da => format!(
                    "{} flere i beskæftigelse eller uddannelse i {} ({} af månedens deltagere) når {}: rate 2 {}",
                    n.more,
                    month(n.month),
                    n.needed,
                    band_text(&g.bands[n.band]),
                    money(n.tranche2)
                ),
            },
        ));
    }
    out.push((t("Tranche 1 received", "Rate 1 modtaget"), money(r.received_tranche1)));
    out.push((t("Tranche 2 received", "Rate 2 modtaget"), money(r.received_tranche2)));
    for b in &r.budget {
        out.push((format!("{} {}", t("Budget", "Budget"), b.year), money(b.amount)));
    }
    out.push((t("Budget rows in all", "Budgetrækker i alt"), money(r.budget_total)));
    out.push((t("Grant", "Tilsagn"), money(g.amount)));
    out.push((t("Grant less budget rows", "Tilsagn minus budgetrækker"), money(r.budget_difference)));
    out.push((t("Municipal co-financing", "Kommunal medfinansiering"), money(r.co_financing)));
    out
}
