//! The payment ledger as the reports see it: each payment with the dates
//! that place it in time. A recorded invoice is approved; its payments are
//! *booked* on the invoice's date and *paid* on its due date. A reversal
//! takes a payment out from the day it is booked. Nothing here reads the
//! store: the service hands the entries in.

use chrono::{Datelike, NaiveDate};

use crate::money::Money;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerEntry {
    pub payment_id: u64,
    pub course_id: String,
    /// The at-most-once key (`PaidKey::encode`).
    pub key: String,
    pub milestone: String,
    pub amount: Money,
    /// The invoice's date: from then on the payment is approved.
    pub booked_on: NaiveDate,
    /// The invoice's due date: from then on the payment is paid.
    pub due_on: NaiveDate,
    /// The day a reversal took the payment out, if any.
    pub reversed_on: Option<NaiveDate>,
}

impl LedgerEntry {
    /// Approved (booked) and not reversed on `day`.
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.booked_on <= day && self.reversed_on.is_none_or(|r| r > day)
    }

    /// Active and due on `day`: money that has left the municipality.
    pub fn paid_on(&self, day: NaiveDate) -> bool {
        self.active_on(day) && self.due_on <= day
    }

    /// Active but not yet due on `day`.
    pub fn approved_unpaid_on(&self, day: NaiveDate) -> bool {
        self.active_on(day) && self.due_on > day
    }
}

/// The date a committee report opens on when none is asked for: the date
/// of the latest recorded invoice (the day the ledger was last brought up
/// to date, so payments and earnings are complete as of it), and when
/// there is none, the end of the last complete month before `today`.
/// Returns the date and whether it is an invoice's.
pub fn default_as_of(ledger: &[LedgerEntry], today: NaiveDate) -> (NaiveDate, bool) {
    match ledger.iter().map(|e| e.booked_on).filter(|d| *d <= today).max() {
        Some(d) => (d, true),
        None => {
            let first = today.with_day(1).unwrap_or(today);
            (first.pred_opt().unwrap_or(first), false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_report_opens_on_the_latest_invoice_or_the_last_month_end() {
        let e = |booked: NaiveDate| LedgerEntry {
            payment_id: 1,
            course_id: "c-1".into(),
            key: "k".into(),
            milestone: "job_start".into(),
            amount: Money::kr(5000),
            booked_on: booked,
            due_on: booked,
            reversed_on: None,
        };
        let today = d(2026, 12, 1);
        // The demo's invoices are dated 31 Jul and 31 Dec 2025.
        assert_eq!(default_as_of(&[e(d(2025, 7, 31)), e(d(2025, 12, 31))], today), (d(2025, 12, 31), true));
        assert_eq!(default_as_of(&[], today), (d(2026, 11, 30), false));
        assert_eq!(default_as_of(&[], d(2026, 3, 1)), (d(2026, 2, 28), false));
        assert_eq!(default_as_of(&[], d(2026, 3, 31)), (d(2026, 2, 28), false), "March is not over on the 31st");
    }

    #[test]
    fn a_payment_is_approved_then_paid_then_reversed() {
        let e = LedgerEntry {
            payment_id: 1,
            course_id: "c-1".into(),
            key: "k".into(),
            milestone: "job_start".into(),
            amount: Money::kr(5000),
            booked_on: d(2025, 12, 31),
            due_on: d(2026, 1, 30),
            reversed_on: Some(d(2026, 3, 1)),
        };
        assert!(!e.active_on(d(2025, 12, 30)));
        assert!(e.approved_unpaid_on(d(2025, 12, 31)) && !e.paid_on(d(2025, 12, 31)));
        assert!(e.paid_on(d(2026, 1, 30)) && !e.approved_unpaid_on(d(2026, 1, 30)));
        assert!(e.paid_on(d(2026, 2, 28)));
        assert!(!e.active_on(d(2026, 3, 1)) && !e.paid_on(d(2026, 3, 1)));
    }
}
