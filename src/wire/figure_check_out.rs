//! The typed-figure check as a table (page, CSV) and as JSON.

use serde_json::{Value as Json, json};

use crate::report::figure_check::{Checked, Verdict};
use crate::table::{Column, Table, Value};

fn code(v: &Verdict) -> &'static str {
    match v {
        Verdict::Agrees { .. } => "agrees",
        Verdict::Differs { .. } => "differs",
        Verdict::WrongUnit { .. } => "wrong_unit",
        Verdict::UnknownLabel { .. } => "unknown_label",
        Verdict::NotANumber => "not_a_number",
        Verdict::Suppressed => "suppressed",
        Verdict::NoFigure => "no_figure",
    }
}

fn words(v: &Verdict, da: bool) -> String {
    let w = match (v, da) {
        (Verdict::Agrees { .. }, true) => "stemmer",
        (Verdict::Agrees { .. }, false) => "agrees",
        (Verdict::Differs { .. }, true) => "afviger",
        (Verdict::Differs { .. }, false) => "differs",
        (Verdict::WrongUnit { .. }, true) => "forkert enhed",
        (Verdict::WrongUnit { .. }, false) => "wrong unit",
        (Verdict::UnknownLabel { .. }, true) => "ukendt betegnelse",
        (Verdict::UnknownLabel { .. }, false) => "unknown label",
        (Verdict::NotANumber, true) => "ikke et tal",
        (Verdict::NotANumber, false) => "not a number",
        (Verdict::Suppressed, true) => "undertrykt for dig; kan ikke kontrolleres",
        (Verdict::Suppressed, false) => "suppressed for you; cannot be checked",
        (Verdict::NoFigure, true) => "intet beregnet tal",
        (Verdict::NoFigure, false) => "no computed figure",
    };
    match v {
        Verdict::UnknownLabel { rows, .. } if da => format!("{w} (rækker: {})", rows.join(", ")),
        Verdict::UnknownLabel { rows, .. } => format!("{w} (rows: {})", rows.join(", ")),
        _ => w.to_string(),
    }
}

fn computed(v: &Verdict) -> Value {
    match v {
        Verdict::Agrees { computed } | Verdict::Differs { computed } | Verdict::WrongUnit { computed } => {
            computed.clone()
        }
        _ => Value::Missing,
    }
}

/// One row per typed figure: line, label, typed, computed, verdict.
pub fn table(checked: &[Checked], da: bool) -> Table {
    Table {
        name: "check",
        title_en: "Typed figures checked against the computed ones".into(),
        title_da: "Indtastede tal holdt op mod de beregnede".into(),
        columns: vec![
            Column::new("line", "Line", "Linje"),
            Column::new("label", "Label", "Betegnelse"),
            Column::new("typed", "Typed", "Indtastet"),
            Column::new("computed", "Computed", "Beregnet"),
            Column::new("verdict", "Result", "Resultat"),
        ],
        rows: checked
            .iter()
            .map(|c| {
                vec![
                    Value::Int(u64::from(c.typed.line)),
                    Value::Text(c.typed.label.clone()),
                    Value::Text(c.typed.value.clone()),
                    computed(&c.verdict),
                    Value::Text(words(&c.verdict, da)),
                ]
            })
            .collect(),
        total: None,
    }
}

/// `POST /reports/check`'s answer.
pub fn json(contract: &str, as_of: chrono::NaiveDate, checked: &[Checked]) -> Json {
    json!({
        "contract": contract,
        "as_of": as_of,
        "figures": checked.len(),
        "flagged": checked.iter().filter(|c| c.flagged()).count(),
        "lines": checked.iter().map(|c| {
            let mut o = json!({
                "line": c.typed.line,
                "label": c.typed.label,
                "value": c.typed.value,
                "table": c.table,
                "verdict": code(&c.verdict),
                "flagged": c.flagged(),
                "computed": serde_json::to_value(computed(&c.verdict)).unwrap_or_default(),
            });
            if let Verdict::UnknownLabel { rows, columns } = &c.verdict {
                o["known_rows"] = json!(rows);
                o["known_columns"] = json!(columns);
            }
            o
        }).collect::<Vec<_>>(),
    })
}
