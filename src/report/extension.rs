//! Whether to extend: the what-if for a period ("extend to 31 Dec 2026"),
//! at the realised rates and at the ends of their 95 % intervals.
//!
//! - **Referrals expected** in the period = the group's referrals so far
//!   per day, from the contract's first referral day to the date, times the
//!   period's days (or, when `referrals_per_year` is given, that × days /
//!   365).
//! - **Low, central, high**: the what-if ([`super::scenario`]) run three
//!   times on those referrals: with the realised job start rate (of those
//!   referred) and retention rates (of job starts), and with the low and
//!   the high end of each one's 95 % Wilson interval. A rate the reader
//!   gave is held in all three; so are deadweight, months saved per job
//!   start and the amounts. Low rates mean fewer payments *and* smaller
//!   savings, so "low" is not always the worse net result; the break-even
//!   deadweight of each says how much of the saving may be deadweight
//!   before the case stops paying.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::figures::GroupFigures;
use super::scenario::{ScenarioInput, ScenarioResult, run};
use crate::stats::{Interval, wilson};

/// The days of a 365-day year, for a yearly referral rate over a period.
pub const DAYS_A_YEAR: u32 = 365;

/// The period and how many referrals are expected in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

impl Period {
    /// Days from `from` to `until`, both included (0 when inverted).
    pub fn days(&self) -> i64 {
        ((self.until - self.from).num_days() + 1).max(0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extension {
    pub period: Period,
    pub referrals: Decimal,
    pub low: ScenarioResult,
    pub central: ScenarioResult,
    pub high: ScenarioResult,
}

/// Referrals expected in `period` at the pace of `referred` over
/// `first..=as_of`, or at `per_year` when given.
pub fn referrals_expected(
    period: &Period,
    referred: u64,
    first: NaiveDate,
    as_of: NaiveDate,
    per_year: Option<Decimal>,
) -> Decimal {
    let days = Decimal::from(period.days());
    match per_year {
        Some(y) => y * days / Decimal::from(DAYS_A_YEAR),
        None => {
            let so_far = (as_of - first).num_days() + 1;
            if so_far <= 0 { Decimal::ZERO } else { Decimal::from(referred) * days / Decimal::from(so_far) }
        }
    }
}

/// The three runs. `central` is the what-if's input for the period (its
/// referrals already the expected ones); `given` names the inputs the
/// reader gave (`job_start_rate_pct`, `retention_pct.<id>`), held fixed.
pub fn extend(
    period: Period,
    group: &GroupFigures,
    milestone_index: impl Fn(&str) -> Option<usize>,
    central: &ScenarioInput,
    given: &[String],
) -> Extension {
    let starts = group.realised.job_starts;
    let start_interval = wilson(starts, group.counts.referred);
    let at = |pick: fn(&Interval) -> Decimal| {
        let mut input = central.clone();
        if !given.iter().any(|g| g == "job_start_rate_pct")
            && let Some(i) = &start_interval
        {
            input.job_start_rate = pick(i);
        }
        for m in input.milestones.iter_mut().filter(|m| m.after_months > 0) {
            if given.iter().any(|g| *g == format!("retention_pct.{}", m.id)) {
                continue;
            }
            let reached = milestone_index(&m.id).and_then(|k| group.realised.achieved.get(k).copied());
            if let Some(i) = reached.and_then(|x| wilson(x, starts)) {
                m.rate = pick(&i);
            }
        }
        run(&input)
    };
    Extension {
        referrals: central.referrals,
        low: at(|i| i.low.ratio()),
        central: run(central),
        high: at(|i| i.high.ratio()),
        period,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use crate::report::scenario::ScenarioMilestone;
    use crate::report::status::StatusCounts;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_referrals_of_the_lejre_extension_year_by_hand() {
        // 2026 has 365 days; dagpenge: 92 referred from 1 Feb to 31 Dec 2025,
        // 334 days: 92 × 365 / 334 = 100.538922… referrals.
        let year = Period { from: d(2026, 1, 1), until: d(2026, 12, 31) };
        assert_eq!(year.days(), 365);
        let r = referrals_expected(&year, 92, d(2025, 2, 1), d(2025, 12, 31), None);
        assert_eq!(crate::money::round(r, 6), dec!(100.538922));
        // At 120 a year, half a year (1 Jan to 1 Jul 2026, 182 days):
        // 120 × 182 / 365 = 59.835616…
        let half = Period { from: d(2026, 1, 1), until: d(2026, 7, 1) };
        let r = referrals_expected(&half, 92, d(2025, 2, 1), d(2025, 12, 31), Some(dec!(120)));
        assert_eq!(crate::money::round(r, 6), dec!(59.835616));
    }

    /// A group where every rate sits at an end, so that the intervals are
    /// rational: 10 referred, all 10 started a job, none kept it 3 months.
    #[test]
    fn the_three_runs_at_the_interval_ends_by_hand() {
        let mut g = GroupFigures::new(Some("g".into()), "G".into(), 2);
        g.counts = StatusCounts { referred: 10, ended_job: 10, ..StatusCounts::default() };
        g.realised.job_starts = 10;
        g.realised.achieved = vec![10, 0];
        let central = ScenarioInput {
            referrals: dec!(20),
            job_start_rate: Decimal::ONE,
            milestones: vec![
                ScenarioMilestone {
                    id: "job_start".into(),
                    after_months: 0,
                    amount: Money::kr(5000),
                    rate: Decimal::ONE,
                },
                ScenarioMilestone {
                    id: "retention_3m".into(),
                    after_months: 3,
                    amount: Money::kr(10000),
                    rate: Decimal::ZERO,
                },
            ],
            deadweight: Decimal::ZERO,
            months_saved: dec!(2),
            monthly_net_saving: Money::kr(10000),
        };
        let idx = |id: &str| ["job_start", "retention_3m"].iter().position(|m| *m == id);
        let period = Period { from: d(2026, 1, 1), until: d(2026, 12, 31) };
        let e = extend(period.clone(), &g, idx, &central, &[]);
        // Central: 20 job starts × 5,000 = 100,000; savings 20 × 2 × 10,000
        // = 400,000; net 300,000; break-even 1 − 100/400 = 75 %.
        assert_eq!(e.central.payments.plain(), "100000.00");
        assert_eq!(e.central.net.plain(), "300000.00");
        // Low: job start 10 of 10 → low end 10 / (10 + 3.8416) =
        // 0.722459…; retention 0 of 10 → low end 0. Payments 20 × 10 /
        // 13.8416 × 5,000 = 1,000,000 / 13.8416 = 72,245.98; savings 20 ×
        // 10 / 13.8416 × 2 × 10,000 = 4,000,000 / 13.8416 = 288,983.93.
        assert_eq!(e.low.payments.rounded().plain(), "72245.98");
        assert_eq!(e.low.savings.rounded().plain(), "288983.93");
        // High: job start 1; retention 0 of 10 → high end 3.8416 / 13.8416
        // = 0.277540…: payments 20 × 5,000 + 20 × 3.8416 / 13.8416 × 10,000
        // = 100,000 + 55,508.03 = 155,508.03; savings as central, 400,000.
        assert_eq!(e.high.payments.rounded().plain(), "155508.03");
        assert_eq!(e.high.savings.plain(), "400000.00");
        // A rate the reader gave is held: job start fixed at 1 in all three.
        let e = extend(period, &g, idx, &central, &["job_start_rate_pct".to_string()]);
        assert_eq!(e.low.job_starts, dec!(20));
    }
}
