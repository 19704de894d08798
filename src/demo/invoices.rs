//! The demo's two invoices from the supplier, and the late benefit day
//! reported after them.

use super::{CONTRACT, Cohort, DemoCourse, plus};
use crate::wire::course_in::RawEvent;
use crate::wire::invoice::{InvoiceIn, LineIn};

/// The demo invoices from the supplier (Lejre's contract, CVR 00000000).
/// July: job start for every job that started by 31 Jul 2025. December:
/// retention for the courses that kept their jobs, plus three lines finance
/// must reject: a 3-month claim for a job lost within 3 months
/// (`not_achieved`), job start claimed again (`already_paid`), and 6 months
/// for a job that started in October (`not_yet_due`).
pub fn invoices(all: &[(String, DemoCourse)]) -> Vec<InvoiceIn> {
    let line = |n: u32, id: &str, milestone: &str, amount: &str| LineIn {
        line: Some(n),
        course_id: Some(id.to_string()),
        milestone: Some(milestone.into()),
        amount: Some(serde_json::Value::String(amount.into())),
    };
    let jobs = [Cohort::KeptSixMonths, Cohort::LostAfterThree, Cohort::LostWithinThree];
    let mut july = Vec::new();
    for (id, c) in all.iter().filter(|(_, c)| jobs.contains(&c.cohort)) {
        let start = c.events.iter().find(|e| e.kind.as_deref() == Some("job_started")).and_then(|e| e.date.clone());
        if start.is_some_and(|s| s.as_str() <= "2025-07-31") {
            july.push(line(july.len() as u32 + 1, id, "job_start", "5000.00"));
        }
    }
    let mut december = Vec::new();
    for (id, c) in all.iter().filter(|(_, c)| matches!(c.cohort, Cohort::KeptSixMonths | Cohort::LostAfterThree)) {
        december.push(line(december.len() as u32 + 1, id, "retention_3m", "10000.00"));
        if c.cohort == Cohort::KeptSixMonths {
            december.push(line(december.len() as u32 + 1, id, "retention_6m", "10000.00"));
        }
    }
    let first =
        |cohort: Cohort| all.iter().find(|(_, c)| c.cohort == cohort).map(|(id, _)| id.clone()).expect("cohort exists");
    let n = december.len() as u32;
    december.push(line(n + 1, &first(Cohort::LostWithinThree), "retention_3m", "10000.00"));
    december.push(line(n + 2, &first(Cohort::KeptSixMonths), "job_start", "5000.00"));
    december.push(line(n + 3, &first(Cohort::RecentJob), "retention_6m", "10000.00"));
    let invoice = |number: &str, as_of: &str, due_on: &str, lines| InvoiceIn {
        supplier_cvr: Some("00000000".into()),
        invoice_number: Some(number.into()),
        contract: Some(CONTRACT.into()),
        as_of: Some(as_of.into()),
        due_on: Some(due_on.into()),
        lines,
    };
    vec![
        invoice("IA-2025-07", "2025-07-31", "2025-08-30", july),
        invoice("IA-2025-12", "2025-12-31", "2026-01-30", december),
    ]
}

/// A day of dagpenge, 35 days into the job of the first dagpenge citizen
/// who lost the job after three months, reported after December's invoice
/// approved that citizen's 3-month instalment: the instalment is forfeited
/// and its payment is at risk.
pub fn late_benefit(all: &[(String, DemoCourse)]) -> (String, RawEvent) {
    let (id, c) = all
        .iter()
        .find(|(_, c)| c.cohort == Cohort::LostAfterThree && c.group == "dagpenge")
        .expect("the cohort exists");
    let start = c
        .events
        .iter()
        .find(|e| e.kind.as_deref() == Some("job_started"))
        .and_then(|e| e.date.as_deref())
        .and_then(crate::wire::course_in::parse_date)
        .expect("a job start");
    let day = plus(start, 35).to_string();
    let event = RawEvent {
        kind: Some("benefit_paid".into()),
        from: Some(day.clone()),
        to: Some(day),
        benefit: Some("dagpenge".into()),
        ..RawEvent::default()
    };
    (id.clone(), event)
}
