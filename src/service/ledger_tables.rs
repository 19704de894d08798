//! The payment ledger as tables (payments, payments at risk), for CSV
//! exports and the finance page. Built from the store's records, so it
//! lives in the service layer, above the store: the wire formats below it
//! do not read the store.

use super::payments::AtRisk;
use crate::money::Money;
use crate::store::records::{PaymentRecord, ReversalRecord};
use crate::table::{Column, Table, Value};

fn money(text: &str) -> Value {
    Money::parse(text).map_or_else(|_| Value::Text(text.to_string()), Value::Money)
}

pub fn payments(list: &[(PaymentRecord, Option<ReversalRecord>)]) -> Table {
    Table {
        name: "payments",
        title_en: "Payments".into(),
        title_da: "Betalinger".into(),
        columns: vec![
            Column::new("payment_id", "Payment", "Betaling"),
            Column::new("contract", "Contract", "Kontrakt"),
            Column::new("course_id", "Course", "Forløb"),
            Column::new("milestone", "Milestone", "Rate"),
            Column::new("amount", "Amount", "Beløb"),
            Column::new("achieved_on", "Achieved on", "Opnået"),
            Column::new("booked_on", "Booked on", "Bogført"),
            Column::new("due_on", "Due on", "Forfald"),
            Column::new("invoice", "Invoice", "Faktura"),
            Column::new("line", "Line", "Linje"),
            Column::new("reversed_on", "Reversed on", "Tilbageført"),
            Column::new("reversal_reason", "Reversal reason", "Begrundelse"),
        ],
        rows: list
            .iter()
            .map(|(p, r)| {
                vec![
                    Value::Int(p.id),
                    Value::Text(p.contract.clone()),
                    Value::Text(p.course_id.clone()),
                    Value::Text(p.milestone.clone()),
                    money(&p.amount),
                    Value::Date(p.achieved_on),
                    Value::Date(p.booked_on),
                    Value::Date(p.due_on),
                    Value::Text(format!("{}/{}", p.invoice_cvr, p.invoice_number)),
                    Value::Int(u64::from(p.line)),
                    r.as_ref().map_or(Value::Missing, |r| Value::Date(r.booked_on)),
                    r.as_ref().map_or(Value::Missing, |r| Value::Text(r.reason.clone())),
                ]
            })
            .collect(),
        total: None,
    }
}

pub fn at_risk(list: &[AtRisk]) -> Table {
    Table {
        name: "at-risk",
        title_en: "Payments at risk: the milestone is no longer achieved".into(),
        title_da: "Betalinger i risiko: raten er ikke længere opnået".into(),
        columns: vec![
            Column::new("payment_id", "Payment", "Betaling"),
            Column::new("course_id", "Course", "Forløb"),
            Column::new("milestone", "Milestone", "Rate"),
            Column::new("amount", "Amount", "Beløb"),
            Column::new("invoice", "Invoice", "Faktura"),
            Column::new("now", "Now", "Nu"),
            Column::new("reason", "Why", "Hvorfor"),
        ],
        rows: list
            .iter()
            .map(|a| {
                let p = &a.payment;
                vec![
                    Value::Int(p.id),
                    Value::Text(p.course_id.clone()),
                    Value::Text(p.milestone.clone()),
                    money(&p.amount),
                    Value::Text(format!("{}/{}", p.invoice_cvr, p.invoice_number)),
                    Value::Text(a.now.clone()),
                    Value::Text(a.reason.clone().unwrap_or_default()),
                ]
            })
            .collect(),
        total: None,
    }
}
