//! The monthly table: per calendar month of the project period up to the
//! report date, how many participants were counted, in work, in education,
//! in work or education, and the share (exact).

use chrono::{Datelike, NaiveDate};

use super::{Grant, Participant};
use crate::calendar::{add_months, prev_day};
use crate::money::Share;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthRow {
    /// The month's first day.
    pub month: NaiveDate,
    /// Whether the month was over on the report date (a running month is
    /// counted up to the report date and secures nothing yet).
    pub complete: bool,
    pub participants: u32,
    pub in_work: u32,
    pub in_education: u32,
    pub in_work_or_education: u32,
    /// The band the share lies in (`None` when no one was counted).
    pub band: Option<usize>,
}

impl MonthRow {
    /// in work or education / participants, exact.
    pub fn share(&self) -> Option<Share> {
        Share::of(u64::from(self.in_work_or_education), u64::from(self.participants))
    }
}

/// The first day of the month of `d`.
pub fn month_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The month's rows from the period's first month up to the month of
/// `as_of` (or the period's last month, if earlier).
pub fn monthly(grant: &Grant, participants: &[Participant], as_of: NaiveDate) -> Vec<MonthRow> {
    let mut rows = Vec::new();
    let mut month = month_of(grant.period.from);
    while month <= as_of && month <= grant.period.until {
        let month_end = prev_day(add_months(month, 1));
        let first = month.max(grant.period.from);
        let last = month_end.min(grant.period.until);
        let complete = last <= as_of;
        let mut row = MonthRow {
            month,
            complete,
            participants: 0,
            in_work: 0,
            in_education: 0,
            in_work_or_education: 0,
            band: None,
        };
        for p in participants {
            let s = p.standing(&grant.rule, first, last.min(as_of));
            row.participants += u32::from(s.counted);
            row.in_work += u32::from(s.in_work);
            row.in_education += u32::from(s.in_education);
            row.in_work_or_education += u32::from(s.in_work_or_education);
        }
        row.band = super::bands::band_for(&grant.bands, row.in_work_or_education, row.participants);
        rows.push(row);
        month = add_months(month, 1);
    }
    rows
}
