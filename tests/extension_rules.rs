//! Whether to extend, without a server, at the edges the mutation run found
//! unpinned (TESTING.md): a retention rate the reader gave is held in the
//! low and high runs while the others move to their interval's ends.
//! Every figure is worked out by hand below.

use chrono::NaiveDate;
use nocure::money::Money;
use nocure::report::GroupFigures;
use nocure::report::extension::{Period, extend};
use nocure::report::scenario::{ScenarioInput, ScenarioMilestone};
use nocure::report::status::StatusCounts;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 10 referred, all 10 started a job, none kept it 3 months: every rate
/// sits at an end of its interval, so the ends are rational. Wilson with
/// z = 1.96 (z² = 3.8416): 10 of 10 runs from 10 / 13.8416 to 1, 0 of 10
/// from 0 to 3.8416 / 13.8416.
fn group() -> GroupFigures {
    let mut g = GroupFigures::new(Some("g".into()), "G".into(), 2);
    g.counts = StatusCounts { referred: 10, ended_job: 10, ..StatusCounts::default() };
    g.realised.job_starts = 10;
    g.realised.achieved = vec![10, 0];
    g
}

/// 20 referrals expected; job start 5,000 at rate 1, 3 months 10,000 at
/// rate 0; 2 months saved a job start at 10,000 a month.
fn central() -> ScenarioInput {
    ScenarioInput {
        referrals: dec!(20),
        job_start_rate: Decimal::ONE,
        milestones: vec![
            ScenarioMilestone { id: "job_start".into(), after_months: 0, amount: Money::kr(5000), rate: Decimal::ONE },
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
    }
}

fn high_payments(given: &[&str]) -> String {
    let idx = |id: &str| ["job_start", "retention_3m"].iter().position(|m| *m == id);
    let given: Vec<String> = given.iter().map(|s| s.to_string()).collect();
    let e = extend(Period { from: d(2026, 1, 1), until: d(2026, 12, 31) }, &group(), idx, &central(), &given);
    e.high.payments.rounded().plain()
}

#[test]
fn a_retention_rate_the_reader_gave_is_held_in_the_high_run() {
    // Nothing given: high job start rate 1 (20 job starts), high retention
    // 3.8416 / 13.8416 = 0.277540…: 20 × 5,000 + 20 × 0.277540… × 10,000 =
    // 100,000 + 55,508.03 = 155,508.03.
    assert_eq!(high_payments(&[]), "155508.03");
    // The job start rate given: it is held at 1, which is also its high
    // end; the retention still moves to its high end: 155,508.03.
    assert_eq!(high_payments(&["job_start_rate_pct"]), "155508.03");
    // The 3-month rate given: held at the reader's 0, so only the 20 job
    // starts are paid: 20 × 5,000 = 100,000.00.
    assert_eq!(high_payments(&["retention_pct.retention_3m"]), "100000.00");
    // Another milestone's rate given holds nothing here: 155,508.03.
    assert_eq!(high_payments(&["retention_pct.retention_6m"]), "155508.03");
}

#[test]
fn a_period_counts_both_its_ends_and_an_inverted_one_none() {
    // 1 to 31 Jan: 31 days; one day: 1; ending the day before it starts: 0.
    assert_eq!(Period { from: d(2026, 1, 1), until: d(2026, 1, 31) }.days(), 31);
    assert_eq!(Period { from: d(2026, 1, 1), until: d(2026, 1, 1) }.days(), 1);
    assert_eq!(Period { from: d(2026, 1, 2), until: d(2026, 1, 1) }.days(), 0);
    assert_eq!(Period { from: d(2026, 1, 3), until: d(2026, 1, 1) }.days(), 0);
}
