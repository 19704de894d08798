//! Realised benefit savings: what the events show a citizen in job saved.
//!
//! The investment case estimates a saving per citizen in job
//! (`benefit_saving` over `expected_months_saved` months, less the fleksjob
//! subsidy). The realised saving of one course counts the *qualifying days*
//! after its job start S: days in a counted job without disallowed benefit,
//! inside the window [S, S + expected months) and on or before `as_of`. It
//! is the estimate's net saving times qualifying days / window days, so a
//! citizen who works the whole window saves exactly the estimate and one
//! who works half of it saves half. As in the investment case, the fleksjob
//! subsidy is counted for every citizen in job in the group.
//!
//! Everything is interval arithmetic over job spells and benefit periods;
//! nothing loops over days.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::calendar::{add_months, next_day, prev_day};
use crate::contract::Estimate;
use crate::money::Money;
use crate::rules::timeline::Timeline;

/// An inclusive run of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Days {
    pub fn len(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn is_empty(&self) -> bool {
        self.to < self.from
    }

    /// Days of this run on or before `day`.
    pub fn len_until(&self, day: NaiveDate) -> i64 {
        if day < self.from { 0 } else { (self.to.min(day) - self.from).num_days() + 1 }
    }
}

/// The first day after the savings window that starts on `start` and lasts
/// `months` (fractional months add that share of the following month's days,
/// rounded down).
pub fn window_end(start: NaiveDate, months: Decimal) -> NaiveDate {
    let whole = months.trunc();
    let frac = months - whole;
    let whole = whole.to_u32().unwrap_or(u32::MAX);
    let base = add_months(start, whole);
    if frac.is_zero() {
        return base;
    }
    let next = add_months(start, whole.saturating_add(1));
    let extra = (Decimal::from((next - base).num_days()) * frac).trunc().to_u64().unwrap_or(0);
    base.checked_add_days(chrono::Days::new(extra)).unwrap_or(NaiveDate::MAX)
}

/// Days in a counted job without disallowed benefit, in `[from, until)`
/// and on or before the timeline's `as_of`, in order.
pub fn qualifying_days(tl: &Timeline<'_>, from: NaiveDate, until: NaiveDate) -> Vec<Days> {
    let last = prev_day(until).min(tl.as_of);
    if last < from {
        return Vec::new();
    }
    let mut work: Vec<Days> = Vec::new();
    for s in tl.spells() {
        let run = Days { from: s.start.max(from), to: s.end.unwrap_or(tl.as_of).min(last) };
        if run.is_empty() {
            continue;
        }
        match work.last_mut() {
            Some(prev) if run.from <= next_day(prev.to) => prev.to = prev.to.max(run.to),
            _ => work.push(run),
        }
    }
    let mut out = Vec::with_capacity(work.len());
    for run in work {
        let mut pieces = vec![run];
        for b in tl.disallowed().filter(|b| b.to >= run.from && b.from <= run.to) {
            pieces = pieces
                .into_iter()
                .flat_map(|p| {
                    if b.to < p.from || b.from > p.to {
                        return vec![p];
                    }
                    let left = Days { from: p.from, to: prev_day(b.from) };
                    let right = Days { from: next_day(b.to), to: p.to };
                    [left, right].into_iter().filter(|d| !d.is_empty()).collect()
                })
                .collect();
        }
        out.extend(pieces);
    }
    out
}

/// One citizen in job's realised saving.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseSaving {
    /// The job start the window counts from.
    pub job_start: NaiveDate,
    /// The first day after the window.
    pub window_end: NaiveDate,
    pub qualifying: Vec<Days>,
    /// Days in the window (its full length, also when it is not over yet).
    pub window_days: i64,
    /// The estimate's net saving per citizen in job, and its months.
    pub net_saving: Money,
    pub months: Decimal,
}

impl CourseSaving {
    pub fn new(tl: &Timeline<'_>, job_start: NaiveDate, estimate: &Estimate) -> CourseSaving {
        let end = window_end(job_start, estimate.expected_months_saved);
        CourseSaving {
            job_start,
            window_end: end,
            qualifying: qualifying_days(tl, job_start, end),
            window_days: (end - job_start).num_days().max(1),
            net_saving: estimate.benefit_saving - estimate.fleksjob_subsidy,
            months: estimate.expected_months_saved,
        }
    }

    /// Qualifying days on or before `day`.
    pub fn days_until(&self, day: NaiveDate) -> i64 {
        self.qualifying.iter().map(|d| d.len_until(day)).sum()
    }

    pub fn days(&self) -> i64 {
        self.qualifying.iter().map(Days::len).sum()
    }

    fn share(&self, days: i64) -> Decimal {
        Decimal::from(days) / Decimal::from(self.window_days)
    }

    /// The realised net saving (exact; rounded where reported).
    pub fn saving(&self) -> Money {
        self.net_saving * self.share(self.days())
    }

    /// The realised saving counting qualifying days up to `day` only.
    pub fn saving_until(&self, day: NaiveDate) -> Money {
        self.net_saving * self.share(self.days_until(day))
    }

    /// Months of benefit saved: the estimate's months times the share.
    pub fn months_saved(&self) -> Decimal {
        self.months * self.share(self.days())
    }
}

/// The last day of `date`'s month.
pub fn month_end(date: NaiveDate) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(date.year(), date.month(), 1).unwrap_or(date);
    prev_day(add_months(first, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benefit::{Benefit, BenefitSet, JobType};
    use crate::contract::{OnBreak, PaymentCondition};
    use crate::course::{BenefitPeriod, Facts, Spell};
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pay() -> PaymentCondition {
        PaymentCondition {
            allowed_benefits: [Benefit::Fleksjob].into_iter().collect::<BenefitSet>(),
            max_gap_days: 14,
            on_break: OnBreak::Forfeit,
            once_per_citizen: true,
            job_types: JobType::ALL.to_vec(),
        }
    }

    fn dagpenge() -> Estimate {
        Estimate { benefit_saving: Money::kr(50974), expected_months_saved: dec!(4), fleksjob_subsidy: Money::ZERO }
    }

    #[test]
    fn the_window_is_calendar_months_from_the_job_start() {
        assert_eq!(window_end(d(2025, 3, 3), dec!(4)), d(2025, 7, 3));
        assert_eq!(window_end(d(2025, 10, 31), dec!(4)), d(2026, 2, 28));
        // 4.5 months from 3 Mar: 3 Jul plus half of the 31 days to 3 Aug = 15.
        assert_eq!(window_end(d(2025, 3, 3), dec!(4.5)), d(2025, 7, 18));
    }

    #[test]
    fn a_whole_window_in_work_saves_the_estimate() {
        let facts = Facts {
            spells: vec![Spell { start: d(2025, 3, 3), end: None, job: JobType::Ordinary }],
            ..Facts::default()
        };
        let p = pay();
        let tl = Timeline::new(&facts, &p, d(2025, 12, 31));
        let s = CourseSaving::new(&tl, d(2025, 3, 3), &dagpenge());
        // 3 Mar to 2 Jul 2025: 29 + 30 + 31 + 30 + 2 = 122 days.
        assert_eq!((s.days(), s.window_days), (122, 122));
        assert_eq!(s.saving().plain(), "50974.00");
        assert_eq!(s.months_saved(), dec!(4));
    }

    #[test]
    fn a_job_lost_and_a_benefit_day_count_pro_rata() {
        // Job 3 Mar to 6 Apr (35 days), dagpenge 10-11 Mar (2 days), as of
        // 31 Dec: 33 qualifying days of 122. 50,974 × 33 / 122 = 13,788.049…
        let facts = Facts {
            spells: vec![Spell { start: d(2025, 3, 3), end: Some(d(2025, 4, 6)), job: JobType::Ordinary }],
            benefits: vec![BenefitPeriod { from: d(2025, 3, 10), to: d(2025, 3, 11), benefit: Benefit::Dagpenge }],
            ..Facts::default()
        };
        let p = pay();
        let tl = Timeline::new(&facts, &p, d(2025, 12, 31));
        let s = CourseSaving::new(&tl, d(2025, 3, 3), &dagpenge());
        assert_eq!(
            s.qualifying,
            vec![Days { from: d(2025, 3, 3), to: d(2025, 3, 9) }, Days { from: d(2025, 3, 12), to: d(2025, 4, 6) }]
        );
        assert_eq!(s.days(), 33);
        assert_eq!(s.saving().plain(), "13788.05");
        // Up to 31 Mar: 7 + 20 = 27 days.
        assert_eq!(s.days_until(d(2025, 3, 31)), 27);
    }

    #[test]
    fn as_of_and_allowed_benefits_and_a_second_job() {
        // Two jobs with a 9-day gap (the gap is not work), fleksjob subsidy
        // (allowed) throughout, as of 15 Apr: 3 Mar-31 Mar and 10 Apr-15 Apr.
        let facts = Facts {
            spells: vec![
                Spell { start: d(2025, 3, 3), end: Some(d(2025, 3, 31)), job: JobType::Fleksjob },
                Spell { start: d(2025, 4, 10), end: None, job: JobType::Fleksjob },
            ],
            benefits: vec![BenefitPeriod { from: d(2025, 3, 1), to: d(2025, 12, 31), benefit: Benefit::Fleksjob }],
            ..Facts::default()
        };
        let p = pay();
        let tl = Timeline::new(&facts, &p, d(2025, 4, 15));
        let q = qualifying_days(&tl, d(2025, 3, 3), d(2025, 7, 3));
        assert_eq!(q.iter().map(Days::len).sum::<i64>(), 29 + 6);
    }

    fn tl_of<'a>(facts: &'a Facts, p: &'a PaymentCondition, as_of: NaiveDate) -> Timeline<'a> {
        Timeline::new(facts, p, as_of)
    }

    fn job(start: NaiveDate, end: Option<NaiveDate>) -> Spell {
        Spell { start, end, job: JobType::Ordinary }
    }

    fn dagpenge_days(from: NaiveDate, to: NaiveDate) -> BenefitPeriod {
        BenefitPeriod { from, to, benefit: Benefit::Dagpenge }
    }

    #[test]
    fn one_day_and_empty_runs() {
        let one = Days { from: d(2025, 3, 3), to: d(2025, 3, 3) };
        assert_eq!((one.len(), one.is_empty()), (1, false));
        let empty = Days { from: d(2025, 3, 4), to: d(2025, 3, 3) };
        assert_eq!((empty.len(), empty.is_empty()), (0, true));
        // 3 to 9 Mar: none before the first day, one on it, three by the
        // 5th, all seven from the last day on.
        let week = Days { from: d(2025, 3, 3), to: d(2025, 3, 9) };
        let counts: Vec<i64> = [d(2025, 3, 2), d(2025, 3, 3), d(2025, 3, 5), d(2025, 3, 9), d(2025, 4, 1)]
            .map(|x| week.len_until(x))
            .into();
        assert_eq!(counts, [0, 1, 3, 7, 7]);
    }

    /// As of the job-start day itself only that day counts; as of the day
    /// before, none; a window that ends the day after the start holds one.
    #[test]
    fn a_window_that_leaves_only_the_job_start_day() {
        let facts = Facts { spells: vec![job(d(2025, 3, 3), None)], ..Facts::default() };
        let p = pay();
        let on_start = tl_of(&facts, &p, d(2025, 3, 3));
        assert_eq!(
            qualifying_days(&on_start, d(2025, 3, 3), d(2025, 7, 3)),
            vec![Days { from: d(2025, 3, 3), to: d(2025, 3, 3) }]
        );
        let later = tl_of(&facts, &p, d(2025, 12, 31));
        assert_eq!(
            qualifying_days(&later, d(2025, 3, 3), d(2025, 3, 4)),
            vec![Days { from: d(2025, 3, 3), to: d(2025, 3, 3) }]
        );
        assert_eq!(qualifying_days(&later, d(2025, 3, 3), d(2025, 3, 3)), vec![]);
    }

    /// Job 3 Mar to 6 Apr, dagpenge 10-11 Mar: runs 3-9 Mar (7 days) and
    /// 12 Mar-6 Apr. Cut on the second run's first day: 7 + 1 = 8 days; the
    /// day before it: 7; before the job: 0. Up to 31 Mar: 7 + 20 = 27 days,
    /// 50,974 × 27 / 122 = 11,281.131… kr.; over all 33 days 4 × 33 / 122
    /// months of benefit.
    #[test]
    fn days_until_cuts_on_a_runs_first_day() {
        let facts = Facts {
            spells: vec![job(d(2025, 3, 3), Some(d(2025, 4, 6)))],
            benefits: vec![dagpenge_days(d(2025, 3, 10), d(2025, 3, 11))],
            ..Facts::default()
        };
        let p = pay();
        let s = CourseSaving::new(&tl_of(&facts, &p, d(2025, 12, 31)), d(2025, 3, 3), &dagpenge());
        assert_eq!([d(2025, 3, 2), d(2025, 3, 11), d(2025, 3, 12)].map(|x| s.days_until(x)), [0, 7, 8]);
        assert_eq!(s.saving_until(d(2025, 3, 31)).plain(), "11281.13");
        assert_eq!(s.months_saved(), dec!(4) * (dec!(33) / dec!(122)));
    }

    /// A job ending on 1 Apr and the next starting that day share it; a job
    /// starting the day after another ends continues the run. Either way
    /// the window 3 Mar-2 Jul is one run of 122 days, each day once.
    #[test]
    fn jobs_that_touch_or_share_a_day_make_one_run() {
        let p = pay();
        for second in [d(2025, 4, 1), d(2025, 4, 2)] {
            let facts =
                Facts { spells: vec![job(d(2025, 3, 3), Some(d(2025, 4, 1))), job(second, None)], ..Facts::default() };
            let q = qualifying_days(&tl_of(&facts, &p, d(2025, 12, 31)), d(2025, 3, 3), d(2025, 7, 3));
            assert_eq!(q, vec![Days { from: d(2025, 3, 3), to: d(2025, 7, 2) }], "second job from {second}");
        }
    }

    /// Dagpenge 1-3 Mar ends on the run's first day (3 Mar) and 2-10 Jul
    /// starts on its last (2 Jul): both days are lost, 3 Mar-2 Jul becomes
    /// 4 Mar-1 Jul. Dagpenge 10-11 and 12-12 Mar inside the run (the second
    /// starting the day after the first ends): 4-9 Mar and 13 Mar-1 Jul.
    #[test]
    fn benefit_on_a_runs_edges_and_several_inside_it() {
        let p = pay();
        let edges = Facts {
            spells: vec![job(d(2025, 3, 3), None)],
            benefits: vec![dagpenge_days(d(2025, 3, 1), d(2025, 3, 3)), dagpenge_days(d(2025, 7, 2), d(2025, 7, 10))],
            ..Facts::default()
        };
        let tl = tl_of(&edges, &p, d(2025, 12, 31));
        assert_eq!(
            qualifying_days(&tl, d(2025, 3, 3), d(2025, 7, 3)),
            vec![Days { from: d(2025, 3, 4), to: d(2025, 7, 1) }]
        );
        let inside = Facts {
            benefits: vec![
                dagpenge_days(d(2025, 3, 1), d(2025, 3, 3)),
                dagpenge_days(d(2025, 3, 10), d(2025, 3, 11)),
                dagpenge_days(d(2025, 3, 12), d(2025, 3, 12)),
                dagpenge_days(d(2025, 7, 2), d(2025, 7, 10)),
            ],
            ..edges
        };
        let tl = tl_of(&inside, &p, d(2025, 12, 31));
        assert_eq!(
            qualifying_days(&tl, d(2025, 3, 3), d(2025, 7, 3)),
            vec![Days { from: d(2025, 3, 4), to: d(2025, 3, 9) }, Days { from: d(2025, 3, 13), to: d(2025, 7, 1) }]
        );
    }

    /// Ledighedsydelse: 118,195.50 less the fleksjob subsidy 80,634.75 is a
    /// net 37,560.75 kr. over 9 months; a whole window (3 Mar to 2 Dec 2025,
    /// 29+30+31+30+31+31+30+31+30+2 = 275 days) in work saves all of it.
    #[test]
    fn the_fleksjob_subsidy_is_taken_off_the_saving() {
        let facts = Facts { spells: vec![job(d(2025, 3, 3), None)], ..Facts::default() };
        let p = pay();
        let estimate = Estimate {
            benefit_saving: Money::parse("118195.50").unwrap(),
            expected_months_saved: dec!(9),
            fleksjob_subsidy: Money::parse("80634.75").unwrap(),
        };
        let s = CourseSaving::new(&tl_of(&facts, &p, d(2025, 12, 31)), d(2025, 3, 3), &estimate);
        assert_eq!((s.window_end, s.days(), s.window_days), (d(2025, 12, 3), 275, 275));
        assert_eq!(s.saving().plain(), "37560.75");
    }

    #[test]
    fn month_ends() {
        assert_eq!(month_end(d(2025, 2, 10)), d(2025, 2, 28));
        assert_eq!(month_end(d(2024, 2, 1)), d(2024, 2, 29));
        assert_eq!(month_end(d(2025, 12, 31)), d(2025, 12, 31));
    }
}
