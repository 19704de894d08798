//! The reimbursement staircase (refusionstrappen): the share of a benefit
//! the municipality carries, by the citizen's week on public benefit (lov om
//! kommunernes finansiering af visse offentlige ydelser, § 5). The state
//! carries the complement. The steps come from a dated parameter file
//! (`parameters/reimbursement.toml`); nothing here is a constant.
//!
//! A citizen's time on benefit is counted in days; day index 0 is the first
//! day on benefit, and day index `i` is in week `i / 7 + 1`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::next_day;
use crate::report::savings::{Days, month_end};

/// One step: from week `from_week` on (1-based), the municipality carries
/// `municipality` of the benefit and the state `state` (they sum to 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub from_week: u32,
    pub municipality: Decimal,
    pub state: Decimal,
}

/// The steps in force from a date. Steps ascend by `from_week`; the first
/// starts at week 1 (the parser checks both).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staircase {
    pub from: NaiveDate,
    pub steps: Vec<Step>,
}

impl Staircase {
    /// The step a 1-based week falls on.
    pub fn step(&self, week: u32) -> Step {
        let mut found = self.steps[0];
        for s in &self.steps {
            if s.from_week <= week {
                found = *s;
            }
        }
        found
    }

    /// The step of day index `i` (0 = the first day on benefit).
    pub fn step_of_day(&self, i: i64) -> Step {
        self.step(week_of_day(i))
    }

    /// The first day index of the step after the one day `i` is on, if any.
    fn next_boundary(&self, i: i64) -> Option<i64> {
        let week = week_of_day(i);
        self.steps.iter().find(|s| s.from_week > week).map(|s| i64::from(s.from_week - 1) * 7)
    }
}

/// The 1-based week of day index `i` (negative indices count as week 1).
pub fn week_of_day(i: i64) -> u32 {
    u32::try_from(i.max(0) / 7 + 1).unwrap_or(u32::MAX)
}

/// A run of days on one step of the staircase and in one calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Piece {
    pub days: Days,
    /// The week of the run's first day.
    pub week: u32,
    pub step: Step,
}

/// Cuts `runs` (days after `start`, in order) at every step of the
/// staircase and every month end. Day `start` is day index `days_before`
/// days into the citizen's time on benefit: the counterfactual in which the
/// citizen had stayed on benefit instead of working.
pub fn pieces(stairs: &Staircase, start: NaiveDate, days_before: i64, runs: &[Days]) -> Vec<Piece> {
    let index = |d: NaiveDate| days_before + (d - start).num_days();
    let mut out = Vec::new();
    for run in runs {
        let mut from = run.from;
        while from <= run.to {
            let i = index(from);
            let mut to = run.to.min(month_end(from));
            if let Some(b) = stairs.next_boundary(i) {
                let last_on_step = from + chrono::Duration::days(b - i - 1);
                to = to.min(last_on_step);
            }
            out.push(Piece { days: Days { from, to }, week: week_of_day(i), step: stairs.step_of_day(i) });
            from = next_day(to);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    pub(crate) fn law() -> Staircase {
        let s = |from_week, m: Decimal| Step { from_week, municipality: m, state: Decimal::ONE - m };
        Staircase {
            from: d(2016, 1, 4),
            steps: vec![s(1, dec!(0.20)), s(5, dec!(0.60)), s(27, dec!(0.70)), s(53, dec!(0.80))],
        }
    }

    #[test]
    fn weeks_and_steps() {
        let l = law();
        // Day 0-27 are weeks 1-4; day 28 is week 5; day 182 week 27; day 364 week 53.
        assert_eq!((week_of_day(0), week_of_day(27), week_of_day(28)), (1, 4, 5));
        assert_eq!(l.step_of_day(27).municipality, dec!(0.20));
        assert_eq!(l.step_of_day(28).municipality, dec!(0.60));
        assert_eq!(l.step_of_day(181).municipality, dec!(0.60));
        assert_eq!(l.step_of_day(182).municipality, dec!(0.70));
        assert_eq!(l.step_of_day(363).municipality, dec!(0.70));
        assert_eq!(l.step_of_day(364).municipality, dec!(0.80));
        assert_eq!(l.step_of_day(5000).state, dec!(0.20));
    }

    #[test]
    fn a_run_is_cut_at_each_step_and_month_end() {
        // Start 1 Jan 2026 on day index 20 (week 3). Run 1 Jan-31 Mar 2026:
        // day 28 (week 5) is 1 Jan + 8 = 9 Jan; day 182 (week 27) is
        // 1 Jan + 162 days = 12 Jun, outside the run. 1 Feb is day 20 + 31 =
        // 51 (week 8), 1 Mar day 51 + 28 = 79 (week 12).
        let run = Days { from: d(2026, 1, 1), to: d(2026, 3, 31) };
        let p = pieces(&law(), d(2026, 1, 1), 20, &[run]);
        let got: Vec<_> = p.iter().map(|p| (p.days.from, p.days.to, p.week, p.step.municipality)).collect();
        assert_eq!(
            got,
            vec![
                (d(2026, 1, 1), d(2026, 1, 8), 3, dec!(0.20)),
                (d(2026, 1, 9), d(2026, 1, 31), 5, dec!(0.60)),
                (d(2026, 2, 1), d(2026, 2, 28), 8, dec!(0.60)),
                (d(2026, 3, 1), d(2026, 3, 31), 12, dec!(0.60)),
            ]
        );
    }
}
