//! Options side by side, without a server, at the edges the mutation run
//! found unpinned (TESTING.md): the rates' ids as the API and the pages
//! name them, and a retention share under small-cell protection when one
//! of its counts is 0 (0 is not a small count). Every figure by hand.

use chrono::NaiveDate;
use nocure::contract::Period;
use nocure::money::Money;
use nocure::report::compare::{Candidate, Fig, RateName, compare};
use nocure::report::disclosure::Policy;
use nocure::report::status::StatusCounts;
use nocure::report::{GroupFigures, Portfolio};
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// One supplier (5,000 / 10,000 / 10,000) with one group, `dagpenge`: 40
/// referred, 24 ended in a job (18 ordinary) and 6 without; 26 job starts,
/// every one of them decided at 3 months (14 kept, 12 not, none pending)
/// and at 6 months (9 kept, 17 not).
fn supplier() -> Portfolio {
    let ms = [("job_start", 0u32, 5000i64), ("retention_3m", 3, 10000), ("retention_6m", 6, 10000)];
    let mut g = GroupFigures::new(Some("dagpenge".into()), "Dagpenge".into(), ms.len());
    g.counts = StatusCounts { referred: 40, ongoing: 4, ended_job: 24, ended_no_job: 6, interrupted: 6 };
    g.jobs.ordinary = 18;
    g.jobs.fleksjob = 6;
    g.realised.achieved = vec![26, 14, 9];
    g.realised.decided = vec![26, 26, 26];
    g.realised.job_starts = 26;
    // 26 × 5,000 + 14 × 10,000 + 9 × 10,000 = 360,000.
    g.money.earned = Money::kr(360_000);
    g.realised.savings = Some(Money::kr(600_000));
    let mut total = GroupFigures::new(None, "Total".into(), ms.len());
    total.plus(&g);
    Portfolio {
        contract: "a".into(),
        title: "A".into(),
        version: 1,
        referrals: Period { from: d(2025, 2, 1), until: d(2026, 12, 31) },
        as_of: d(2025, 12, 31),
        milestones: ms.iter().map(|(m, after, a)| (m.to_string(), *after, Money::kr(*a))).collect(),
        promises: Default::default(),
        groups: vec![g],
        covered: total.clone(),
        total,
        series: vec![],
    }
}

#[test]
fn the_rates_are_named_as_the_api_names_them() {
    let ids: Vec<&str> = RateName::ALL.iter().map(|r| r.id()).collect();
    assert_eq!(ids, vec!["ordinary_job", "any_job", "job_start", "retention_3m", "retention_6m"]);
}

#[test]
fn a_retention_share_with_none_pending_is_shown_under_small_cell_protection() {
    let a = supplier();
    let c = compare(
        &[Candidate { portfolio: &a, provider: "A".into(), in_house: None }],
        Some("dagpenge"),
        Some(&Policy::default()),
    );
    // Threshold 5. 3 months: 14 kept, 26 decided, 12 not kept, 0 pending
    // (26 job starts − 26 decided): 0 is no small count, so the share
    // 14 / 26 = 53.846… % is shown, 53.8 %.
    let r3 = c.rows[0].rate(RateName::Retention3m);
    let r3 = r3.value().unwrap_or_else(|| panic!("withheld: {r3:?}"));
    assert_eq!((r3.successes, r3.trials), (14, 26));
    assert_eq!(r3.share.percent(1), dec!(53.8));
    // 6 months: 9 kept of 26 decided, 17 not kept, 0 pending: shown too.
    assert!(matches!(c.rows[0].rate(RateName::Retention6m), Fig::Value(_)));
}
