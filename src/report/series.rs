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
    // A payment is paid on the days from the later of its booking and due
    // day until the day it is reversed (`LedgerEntry::paid_on`): the month
    // ends are swept once over those days, in order.
    let mut starts: Vec<(NaiveDate, Money)> = Vec::with_capacity(ledger.len());
    let mut ends: Vec<(NaiveDate, Money)> = Vec::new();
    for e in ledger {
        let from = e.booked_on.max(e.due_on);
        match e.reversed_on {
            Some(r) if r <= from => {}
            Some(r) => {
                starts.push((from, e.amount));
                ends.push((r, e.amount));
            }
            None => starts.push((from, e.amount)),
        }
    }
    starts.sort_unstable_by_key(|(d, _)| *d);
    ends.sort_unstable_by_key(|(d, _)| *d);
    let (mut started, mut ended) = (starts.iter().peekable(), ends.iter().peekable());
    let mut paid = Money::ZERO;
    let mut out = Vec::new();
    let mut day = month_end(first);
    loop {
        let point = day.min(as_of);
        while let Some((_, a)) = started.next_if(|(d, _)| *d <= point) {
            paid += *a;
        }
        while let Some((_, a)) = ended.next_if(|(d, _)| *d <= point) {
            paid = paid - *a;
        }
        out.push(MonthPoint {
            month_end: point,
            paid,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::savings::Days;
    use rust_decimal_macros::dec;

    fn d(day: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(day)
    }

    /// A 100-day window from 1 Jan 2025, 30,000 kr. net saving for it.
    fn saving(qualifying: Vec<Days>) -> CourseSaving {
        CourseSaving {
            job_start: d(0),
            window_end: d(100),
            qualifying,
            window_days: 100,
            net_saving: Money::kr(30_000),
            months: dec!(3),
        }
    }

    /// Two runs of ten qualifying days (days 0–9 and 20–29): the span gives,
    /// on every day, what `saving_until` gives (nothing before the first
    /// qualifying day).
    #[test]
    fn a_span_saves_what_the_course_saves_on_every_day() {
        let s = saving(vec![Days { from: d(0), to: d(9) }, Days { from: d(20), to: d(29) }]);
        let span = Span::of(&s).unwrap();
        let before = d(0) - chrono::Days::new(1);
        for day in (0..110).map(d).chain([before]) {
            assert_eq!(span.saving_until(day).unwrap_or(Money::ZERO), s.saving_until(day), "{day}");
        }
        // Day 25: 10 + 6 qualifying days of 100 → 30,000 × 16 / 100 = 4,800.
        assert_eq!(span.saving_until(d(25)), Some(Money::kr(4_800)));
        // From day 29 on, all 20 days: 30,000 × 20 / 100 = 6,000.
        assert_eq!(span.saving_until(d(99)), Some(Money::kr(6_000)));
        assert_eq!(span.saving_until(before), None);
    }

    #[test]
    fn a_course_without_qualifying_days_has_no_span() {
        assert!(Span::of(&saving(Vec::new())).is_none());
    }

    fn entry(amount: i64, booked: u64, due: u64, reversed: Option<u64>) -> LedgerEntry {
        LedgerEntry {
            payment_id: 0,
            course_id: "c-1".into(),
            key: "k".into(),
            milestone: "job_start".into(),
            amount: Money::kr(amount),
            booked_on: d(booked),
            due_on: d(due),
            reversed_on: reversed.map(d),
        }
    }

    /// The month ends' paid sums, swept once, are each month end's
    /// payments `paid_on` it: booked and due in January (1,000), due in
    /// February (2,000), reversed in March (4,000), reversed before it was
    /// due (8,000, never paid), and reversed on its due day (16,000).
    #[test]
    fn the_paid_sums_are_the_payments_paid_on_each_month_end() {
        let ledger = [
            entry(1_000, 3, 3, None),
            entry(2_000, 10, 40, None),
            entry(4_000, 5, 20, Some(70)),
            entry(8_000, 5, 50, Some(45)),
            entry(16_000, 5, 50, Some(50)),
        ];
        let points = series(d(0), d(120), &[], &ledger);
        let paid: Vec<Money> = points.iter().map(|p| p.paid).collect();
        // 31 Jan: 1,000 + 4,000; 28 Feb: + 2,000; 31 Mar: − 4,000; 30 Apr: the same.
        assert_eq!(paid, [5_000, 7_000, 3_000, 3_000, 3_000].map(Money::kr));
        for p in &points {
            let naive: Money = ledger.iter().filter(|e| e.paid_on(p.month_end)).map(|e| e.amount).sum();
            assert_eq!(p.paid, naive, "{}", p.month_end);
        }
    }
}
