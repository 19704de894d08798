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
    let spans: Vec<Vec<Span<'_>>> = savings.iter().map(|g| g.iter().filter_map(Span::of).collect()).collect();
    let mut out = Vec::new();
    let mut day = month_end(first);
    loop {
        let point = day.min(as_of);
        out.push(MonthPoint {
            month_end: point,
            paid: ledger.iter().filter(|e| e.paid_on(point)).map(|e| e.amount).sum(),
            savings: spans
                .iter()
                .map(|group| group.iter().filter_map(|s| s.saving_until(point)).sum::<Money>().rounded())
                .sum(),
        });
        if day >= as_of {
            return out;
        }
        day = month_end(next_day(day));
    }
}

/// A course's saving over time: nothing before its first qualifying day
/// (left out of the sum: adding nothing changes no sum), its whole saving
/// from its last one on (worked out once), and in between what
/// [`CourseSaving::saving_until`] says, as before.
struct Span<'a> {
    saving: &'a CourseSaving,
    first: NaiveDate,
    last: NaiveDate,
    /// `saving.saving_until(last)`: the same for every day from `last` on.
    whole: Money,
}

impl<'a> Span<'a> {
    /// `None` for a course without a qualifying day (it saves nothing).
    fn of(saving: &'a CourseSaving) -> Option<Span<'a>> {
        let first = saving.qualifying.iter().map(|d| d.from).min()?;
        let last = saving.qualifying.iter().map(|d| d.to).max()?;
        Some(Span { saving, first, last, whole: saving.saving_until(last) })
    }

    fn saving_until(&self, day: NaiveDate) -> Option<Money> {
        if day < self.first {
            None
        } else if day >= self.last {
            Some(self.whole)
        } else {
            Some(self.saving.saving_until(day))
        }
    }
}
