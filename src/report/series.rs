//! Cumulative payments and realised savings at each month's end: the
//! committee chart, and a table whose last row is the money and realised
//! tables' totals as of the date.

use chrono::NaiveDate;

use super::figures::MonthPoint;
use super::ledger::LedgerEntry;
use super::savings::{CourseSaving, month_end};
use crate::calendar::next_day;
use crate::money::Money;

/// One point per month end from `first`'s month to `as_of` (the last point
/// is `as_of` itself). `savings` holds each group's courses; a group's
/// savings are rounded to øre per point, as the realised table rounds them,
/// so the last point equals the realised total.
pub fn series(
    first: NaiveDate,
    as_of: NaiveDate,
    savings: &[Vec<CourseSaving>],
    ledger: &[LedgerEntry],
) -> Vec<MonthPoint> {
    let mut out = Vec::new();
    let mut day = month_end(first);
    loop {
        let point = day.min(as_of);
        out.push(MonthPoint {
            month_end: point,
            paid: ledger.iter().filter(|e| e.paid_on(point)).map(|e| e.amount).sum(),
            savings: savings
                .iter()
                .map(|group| group.iter().map(|s| s.saving_until(point)).sum::<Money>().rounded())
                .sum(),
        });
        if day >= as_of {
            return out;
        }
        day = month_end(next_day(day));
    }
}
