//! A participant of a grant project and the month rule: whether a
//! participant is counted in a month, and whether in work or in education.
//!
//! The rule, with the settings of the grant file's `[month_rule]`:
//! - a participant is counted in a month (the denominator) when enrolled on
//!   at least one day of it: from the enrolment date up to and including
//!   the day they left;
//! - of the days of the month they are enrolled (up to the report date),
//!   the days in a job of at least `min_hours_per_week` hours a week are
//!   days in work, the days in education are days in education; at least
//!   `min_days` of them make the participant in work, or in education, that
//!   month, and at least `min_days` days in either (counted once) make them
//!   in work or education.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::MonthRule;
use crate::ids::{CitizenRef, ParticipantId};

/// An inclusive span of days; open when `until` is `None`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spell {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
}

/// A job: a spell and its hours a week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WorkSpell {
    pub spell: Spell,
    pub hours_per_week: Decimal,
}

/// A young person in the project. The id is the project's own; the
/// citizen is the CPR pseudonym (the number itself is never kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub id: ParticipantId,
    pub citizen: CitizenRef,
    pub enrolled: NaiveDate,
    /// The last day in the project, when they left.
    pub left: Option<NaiveDate>,
    pub work: Vec<WorkSpell>,
    pub education: Vec<Spell>,
}

/// A participant's standing in one month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MonthStanding {
    pub counted: bool,
    pub in_work: bool,
    pub in_education: bool,
    pub in_work_or_education: bool,
}

impl Spell {
    /// The days of this spell inside `[from, until]`, as a span (or none).
    fn clip(&self, from: NaiveDate, until: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        let a = self.from.max(from);
        let b = self.until.map_or(until, |u| u.min(until));
        (a <= b).then_some((a, b))
    }
}

/// The number of distinct days covered by `spans`.
fn days_covered(mut spans: Vec<(NaiveDate, NaiveDate)>) -> u32 {
    spans.sort();
    let mut total = 0i64;
    let mut end: Option<NaiveDate> = None;
    for (a, b) in spans {
        let start = match end {
            Some(e) if e >= b => continue,
            Some(e) if e >= a => e.succ_opt().unwrap_or(e),
            _ => a,
        };
        total += (b - start).num_days() + 1;
        end = Some(b);
    }
    u32::try_from(total).unwrap_or(u32::MAX)
}

impl Participant {
    /// The participant's standing in the days `[first, last]` of a month
    /// (`last` is the month's last day, or the report date in the running
    /// month).
    pub fn standing(&self, rule: &MonthRule, first: NaiveDate, last: NaiveDate) -> MonthStanding {
        let enrolled = Spell { from: self.enrolled, until: self.left };
        let Some((from, until)) = enrolled.clip(first, last) else {
            return MonthStanding::default();
        };
        let work: Vec<_> = self
            .work
            .iter()
            .filter(|w| w.hours_per_week >= rule.min_hours_per_week)
            .filter_map(|w| w.spell.clip(from, until))
            .collect();
        let education: Vec<_> = self.education.iter().filter_map(|s| s.clip(from, until)).collect();
        let enough = |spans: Vec<(NaiveDate, NaiveDate)>| !spans.is_empty() && days_covered(spans) >= rule.min_days;
        let both: Vec<_> = work.iter().chain(&education).copied().collect();
        MonthStanding {
            counted: true,
            in_work: enough(work),
            in_education: enough(education),
            in_work_or_education: enough(both),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grant::Measurement;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn overlapping_spans_count_each_day_once() {
        // 1–10 Mar and 5–12 Mar: 12 days; 20 Mar alone: 1 more.
        let spans =
            vec![(d(2026, 3, 1), d(2026, 3, 10)), (d(2026, 3, 5), d(2026, 3, 12)), (d(2026, 3, 20), d(2026, 3, 20))];
        assert_eq!(days_covered(spans), 13);
    }

    #[test]
    fn days_before_enrolment_do_not_count() {
        let rule = MonthRule { measurement: Measurement::AnyMonth, min_days: 10, min_hours_per_week: dec!(1) };
        let p = Participant {
            id: ParticipantId::parse("u-1").unwrap(),
            citizen: CitizenRef::parse("p-1").unwrap(),
            enrolled: d(2026, 3, 16),
            left: None,
            // In work 1–31 Mar, but enrolled only from 16 Mar: 16 days count.
            work: vec![WorkSpell { spell: Spell { from: d(2026, 3, 1), until: None }, hours_per_week: dec!(10) }],
            education: vec![],
        };
        let s = p.standing(&rule, d(2026, 3, 1), d(2026, 3, 31));
        assert!(s.counted && s.in_work && s.in_work_or_education && !s.in_education);
        // With 17 days required, 16 are too few.
        let rule = MonthRule { min_days: 17, ..rule };
        assert!(!p.standing(&rule, d(2026, 3, 1), d(2026, 3, 31)).in_work);
        // February: not yet enrolled, not counted.
        assert!(!p.standing(&rule, d(2026, 2, 1), d(2026, 2, 28)).counted);
    }
}
