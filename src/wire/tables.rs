//! The API's lists as tables, for CSV exports and pages. (The ledger's
//! tables are built from store records, so they live in
//! `service::ledger_tables`: the wire layer does not read the store.)

use crate::money::Money;
use crate::table::{Column, Table, Value};
use crate::verdict::CourseStatus;
use crate::wire::invoice::VerificationOut;

fn money(text: &str) -> Value {
    Money::parse(text).map_or_else(|_| Value::Text(text.to_string()), Value::Money)
}

pub fn verification(v: &VerificationOut) -> Table {
    Table {
        name: "invoice",
        title_en: format!("Invoice {} from {}", v.invoice_number, v.supplier_cvr),
        title_da: format!("Faktura {} fra {}", v.invoice_number, v.supplier_cvr),
        columns: vec![
            Column::new("line", "Line", "Linje"),
            Column::new("course_id", "Course", "Forløb"),
            Column::new("milestone", "Milestone", "Rate"),
            Column::new("amount", "Amount", "Beløb"),
            Column::new("status", "Verdict", "Afgørelse"),
            Column::new("code", "Code", "Kode"),
            Column::new("message", "Reason", "Begrundelse"),
            Column::new("expected_amount", "Contract amount", "Kontraktens beløb"),
            Column::new("earliest", "Due at the earliest", "Tidligst"),
            Column::new("payment_id", "Payment", "Betaling"),
        ],
        rows: v
            .lines
            .iter()
            .map(|l| {
                vec![
                    Value::Int(u64::from(l.line)),
                    Value::Text(l.course_id.clone()),
                    Value::Text(l.milestone.clone()),
                    money(&l.amount),
                    Value::Text(l.status.clone()),
                    Value::Text(l.code.clone()),
                    Value::Text(l.message.clone()),
                    l.expected_amount.as_deref().map_or(Value::Missing, money),
                    l.earliest.map_or(Value::Missing, Value::Date),
                    l.payment_id.map_or(Value::Missing, Value::Int),
                ]
            })
            .collect(),
        total: None,
    }
}

/// `GET /courses` rows: (course id, citizen, contract, group, referred, status, events).
pub fn courses(rows: &[(String, String, String, String, chrono::NaiveDate, CourseStatus, usize)]) -> Table {
    Table {
        name: "courses",
        title_en: "Courses".into(),
        title_da: "Forløb".into(),
        columns: vec![
            Column::new("course_id", "Course", "Forløb"),
            Column::new("citizen", "Citizen (pseudonym)", "Borger (pseudonym)"),
            Column::new("contract", "Contract", "Kontrakt"),
            Column::new("target_group", "Target group", "Målgruppe"),
            Column::new("referred_on", "Referred on", "Henvist"),
            Column::new("status", "Status", "Status"),
            Column::new("events", "Events", "Hændelser"),
        ],
        rows: rows
            .iter()
            .map(|(id, citizen, contract, group, referred, status, events)| {
                vec![
                    Value::Text(id.clone()),
                    Value::Text(citizen.clone()),
                    Value::Text(contract.clone()),
                    Value::Text(group.clone()),
                    Value::Date(*referred),
                    Value::Text(status.as_str().into()),
                    Value::Int(*events as u64),
                ]
            })
            .collect(),
        total: None,
    }
}
