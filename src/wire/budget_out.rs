//! The budget answers as tables (CSV, the finance page) and JSON: realised
//! savings split between the municipality and the public purse, the
//! forecast by month, and the budget year against its savings target.

use rust_decimal::Decimal;
use serde_json::{Value as Json, json};

use crate::budget::BudgetAnswer;
use crate::budget::forecast::Forecast;
use crate::budget::split::{SplitReport, SplitRow};
use crate::budget::view::BudgetView;
use crate::money::{Money, round};
use crate::table::{Column, Table, Value};

/// The tables `?table=` names; the first is the default.
pub const BUDGET_TABLES: &[&str] = &["forecast", "split", "budget", "rates"];

/// Column keys for "kept k months" (fixed strings; a contract's retention
/// milestones are a few months apart).
const KEEPS: [&str; 13] = [
    "kept_0m", "kept_1m", "kept_2m", "kept_3m", "kept_4m", "kept_5m", "kept_6m", "kept_7m", "kept_8m", "kept_9m",
    "kept_10m", "kept_11m", "kept_12m",
];

/// The rates the forecast read, per group and over all groups.
pub fn rates_table(f: &Forecast, da: bool) -> Table {
    let share = |d: Decimal| Value::Percent(round(d * Decimal::ONE_HUNDRED, 1), 1);
    let months: Vec<u32> = f.rates.first().map(|r| r.keeps.iter().map(|(k, _)| *k).collect()).unwrap_or_default();
    let mut columns = vec![
        Column::new("group", "Target group", "Målgruppe"),
        Column::new("courses", "Courses read", "Forløb læst"),
        Column::new("job_start_pct", "Job start", "Jobstart"),
        Column::new("job_starts", "Job starts read", "Jobstarter læst"),
    ];
    for k in &months {
        let key = KEEPS.get(*k as usize).copied().unwrap_or("kept_longer");
        columns.push(Column::new(key, format!("Kept {k} months"), format!("Fastholdt {k} måneder")));
    }
    columns.push(Column::new(
        "window_kept_pct",
        "Share of the savings window in work",
        "Andel af besparelsesperioden i arbejde",
    ));
    let rows = f
        .rates
        .iter()
        .map(|r| {
            let label = match (&r.group, da) {
                (Some(_), _) => r.label.clone(),
                (None, true) => "Alle målgrupper".into(),
                (None, false) => "All groups".into(),
            };
            let mut row = vec![Value::Text(label), Value::Int(r.courses), share(r.job_start), Value::Int(r.job_starts)];
            row.extend(r.keeps.iter().map(|(_, p)| share(*p)));
            row.push(r.window_kept.map_or(Value::Missing, share));
            row
        })
        .collect();
    Table {
        name: "rates",
        title_en: "The rates the forecast reads (life tables; a course that came farther is read from there)".into(),
        title_da: "De satser, prognosen bygger på (overlevelsestabeller; et forløb, der er nået længere, læses derfra)"
            .into(),
        columns,
        rows,
        total: None,
    }
}

fn pct(share: Option<Decimal>) -> Value {
    share.map_or(Value::Missing, |s| Value::Percent(round(s * Decimal::ONE_HUNDRED, 1), 1))
}

/// Expected payments and benefit savings by month, with the band.
pub fn forecast_table(f: &Forecast, da: bool) -> Table {
    let mut rows: Vec<Vec<Value>> = f
        .months
        .iter()
        .map(|m| {
            vec![
                Value::Date(m.month_end),
                Value::Money(m.payments),
                Value::Money(m.low),
                Value::Money(m.high),
                Value::Money(m.public),
                Value::Money(m.municipality),
            ]
        })
        .collect();
    let sum = |g: fn(&crate::budget::forecast::MonthForecast) -> Money| f.months.iter().map(g).sum();
    rows.push(vec![
        Value::Text(if da { "I alt" } else { "Total" }.into()),
        Value::Money(sum(|m| m.payments)),
        Value::Missing,
        Value::Missing,
        Value::Money(sum(|m| m.public)),
        Value::Money(sum(|m| m.municipality)),
    ]);
    let total = Some(rows.len() - 1);
    Table {
        name: "forecast",
        title_en: "Forecast: expected supplier payments and benefit savings by month".into(),
        title_da: "Prognose: forventede betalinger til leverandøren og ydelsesbesparelser pr. måned".into(),
        columns: vec![
            Column::new("month_end", "Month (end)", "Måned (ultimo)"),
            Column::sum("payments", "Expected payments", "Forventede betalinger"),
            Column::new("payments_low", "Low (−2 sd)", "Lav (−2 sd)"),
            Column::new("payments_high", "High (+2 sd)", "Høj (+2 sd)"),
            Column::sum("savings_public", "Benefit savings, public purse", "Ydelsesbesparelse, det offentlige"),
            Column::sum("savings_municipality", "Benefit savings, municipality", "Ydelsesbesparelse, kommunen"),
        ],
        rows,
        total,
    }
}

fn split_row(r: &SplitRow, label: String) -> Vec<Value> {
    vec![
        Value::Text(label),
        Value::Int(r.citizens),
        Value::money(r.minutes_per_citizen),
        Value::Money(r.minutes_realised),
        Value::Money(r.public),
        Value::Money(r.municipality),
        Value::Money(r.state),
        pct(r.municipal_share()),
    ]
}

/// Realised savings: the minutes' average next to the public purse's and
/// the municipality's share on the staircase.
pub fn split_table(s: &SplitReport, da: bool) -> Table {
    let mut rows: Vec<Vec<Value>> = s.groups.iter().map(|g| split_row(g, g.label.clone())).collect();
    let mut total = split_row(&s.total, if da { "I alt".into() } else { "Total".into() });
    total[2] = Value::Missing;
    rows.push(total);
    let total = Some(rows.len() - 1);
    Table {
        name: "split",
        title_en: "Whose saving: realised benefit savings for the public purse and the municipality".into(),
        title_da: "Hvis besparelse: realiseret ydelsesbesparelse for det offentlige og for kommunen".into(),
        columns: vec![
            Column::new("group", "Target group", "Målgruppe"),
            Column::sum("citizens_in_job", "Citizens in job", "Borgere i job"),
            Column::new(
                "minutes_per_citizen",
                "Minutes: saving per citizen in job",
                "Referatet: besparelse pr. borger i job",
            ),
            Column::sum(
                "minutes_realised",
                "Realised at the minutes' average",
                "Realiseret efter referatets gennemsnit",
            ),
            Column::sum("public_purse", "Public purse", "Det offentlige"),
            Column::sum("municipality", "Municipality", "Kommunen"),
            Column::sum("state", "State", "Staten"),
            Column::new("municipal_share_pct", "Municipality's share", "Kommunens andel"),
        ],
        rows,
        total,
    }
}

/// The budget year: payments and savings, realised and expected, against
/// the savings target.
pub fn budget_table(v: &BudgetView, da: bool) -> Table {
    let t = |en: &str, dk: &str| Value::Text(if da { dk } else { en }.to_string());
    let money3 = |a: Money, b: Money| vec![Value::Money(a), Value::Money(b), Value::Money(a + b)];
    let mut pay = vec![t("Supplier payments", "Betalinger til leverandøren")];
    pay.extend(money3(v.payments_realised, v.payments_expected));
    let mut save = vec![t("Benefit savings, municipality", "Ydelsesbesparelse, kommunen")];
    save.extend(money3(v.savings_realised, v.savings_expected));
    let mut net = vec![t("Net: savings − payments", "Netto: besparelse − betalinger")];
    net.extend(money3(v.savings_realised - v.payments_realised, v.savings_expected - v.payments_expected));
    let target = vec![t("Savings target", "Sparemål"), Value::Missing, Value::Missing, Value::money(v.target)];
    let share = vec![
        t("Net as a share of the target", "Netto som andel af sparemålet"),
        Value::Missing,
        Value::Missing,
        pct(v.share_of_target()),
    ];
    Table {
        name: "budget",
        title_en: format!("Budget {}: what this contract adds to the savings target", v.year),
        title_da: format!("Budget {}: hvad kontrakten bidrager med til sparemålet", v.year),
        columns: vec![
            Column::new("figure", "Figure", "Tal"),
            Column::new(
                "realised",
                format!("Realised to {}", v.as_of),
                format!("Realiseret til {}", v.as_of.format("%d.%m.%Y")),
            ),
            Column::new("expected", "Expected after", "Forventet derefter"),
            Column::new("year", format!("Year {}", v.year), format!("År {}", v.year)),
        ],
        rows: vec![pay, save, net, target, share],
        total: None,
    }
}

fn row_json(r: &SplitRow) -> Json {
    json!({
        "group": r.group,
        "label": r.label,
        "benefit": r.benefit.map(|b| b.as_str()),
        "citizens_in_job": r.citizens,
        "citizens_without_rate": r.without_rate,
        "minutes_per_citizen": r.minutes_per_citizen.map(Money::plain),
        "minutes_realised": r.minutes_realised.plain(),
        "public_purse": r.public.plain(),
        "municipality": r.municipality.plain(),
        "state": r.state.plain(),
        "municipal_share_pct": r.municipal_share().map(|s| round(s * Decimal::ONE_HUNDRED, 1).to_string()),
    })
}

/// The whole answer as JSON (amounts as plain decimal strings).
pub fn json(a: &BudgetAnswer) -> Json {
    let f = &a.forecast;
    let v = &a.view;
    json!({
        "contract": f.contract,
        "as_of": f.as_of.to_string(),
        "split": {
            "groups": a.split.groups.iter().map(row_json).collect::<Vec<_>>(),
            "total": row_json(&a.split.total),
        },
        "forecast": {
            "horizon_months": f.months.len(),
            "months": f.months.iter().map(|m| json!({
                "month_end": m.month_end.to_string(),
                "payments": m.payments.plain(),
                "payments_low": m.low.plain(),
                "payments_high": m.high.plain(),
                "savings_public": m.public.plain(),
                "savings_municipality": m.municipality.plain(),
            })).collect::<Vec<_>>(),
            "rates": f.rates.iter().map(|r| json!({
                "group": r.group,
                "label": r.label,
                "courses": r.courses,
                "job_starts": r.job_starts,
                "job_start_pct": round(r.job_start * Decimal::ONE_HUNDRED, 1).to_string(),
                "kept_pct": r.keeps.iter().map(|(k, p)| json!({ "months": k, "pct": round(*p * Decimal::ONE_HUNDRED, 1).to_string() })).collect::<Vec<_>>(),
                "window_kept_pct": r.window_kept.map(|p| round(p * Decimal::ONE_HUNDRED, 1).to_string()),
            })).collect::<Vec<_>>(),
            "year_end": f.year_end.to_string(),
            "payments_to_year_end": f.payments_to_year_end.plain(),
            "most_payable": f.most_payable.plain(),
        },
        "budget": {
            "year": v.year,
            "buyer": v.buyer,
            "payments_realised": v.payments_realised.plain(),
            "payments_expected": v.payments_expected.plain(),
            "payments": v.payments().plain(),
            "savings_realised": v.savings_realised.plain(),
            "savings_expected": v.savings_expected.plain(),
            "savings": v.savings().plain(),
            "net": v.net().plain(),
            "target": v.target.map(Money::plain),
            "share_of_target_pct": v.share_of_target().map(|s| round(s * Decimal::ONE_HUNDRED, 1).to_string()),
            "months_beyond_forecast": v.months_beyond_forecast,
        },
    })
}
