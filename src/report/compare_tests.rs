//! Three options on hand-made figures; every expected figure is worked out
//! below from the counts, not read from the code's output.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;
use crate::contract::Period;
use crate::money::Money;
use crate::report::figures::CaseRow;
use crate::report::status::StatusCounts;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// One contract with one group, `dagpenge`: status counts, ordinary jobs,
/// milestones reached, what they earned and the realised savings.
fn option(
    id: &str,
    milestones: &[(&str, u32, i64)],
    c: [u64; 5],
    ordinary: u64,
    achieved: &[u64],
    decided: &[u64],
    savings: i64,
) -> Portfolio {
    let mut g = GroupFigures::new(Some("dagpenge".into()), "Dagpenge".into(), milestones.len());
    g.counts = StatusCounts { referred: c[0], ongoing: c[1], ended_job: c[2], ended_no_job: c[3], interrupted: c[4] };
    g.jobs.ordinary = ordinary;
    g.jobs.fleksjob = c[2] - ordinary;
    g.realised.achieved = achieved.to_vec();
    g.realised.decided = decided.to_vec();
    g.realised.job_starts = achieved[0];
    g.money.earned = milestones.iter().zip(achieved).map(|((_, _, a), n)| Money::kr(a * *n as i64)).sum();
    g.realised.savings = Some(Money::kr(savings));
    g.case = Some(CaseRow {
        benefit_saving: Money::kr(50974),
        supplier_cost: Money::kr(25000),
        fleksjob_subsidy: Money::ZERO,
        saving_potential: Money::kr(25974),
        net_saving: Money::kr(50974),
        expected_months: dec!(4),
        monthly_net_saving: Money::parse("12743.50").unwrap(),
        months_to_break_even: None,
        deadweight_break_even: None,
    });
    let mut total = GroupFigures::new(None, "Total".into(), milestones.len());
    total.plus(&g);
    Portfolio {
        contract: id.into(),
        title: id.into(),
        version: 1,
        referrals: Period { from: d(2025, 2, 1), until: d(2026, 12, 31) },
        as_of: d(2025, 12, 31),
        milestones: milestones.iter().map(|(m, after, a)| (m.to_string(), *after, Money::kr(*a))).collect(),
        promises: Default::default(),
        groups: vec![g],
        covered: total.clone(),
        total,
        series: vec![],
    }
}

/// Supplier A (5,000 / 10,000 / 10,000): 40 referred, 24 ended in a job
/// (18 ordinary) and 6 without, 26 job starts, 14 kept 3 months of the 21
/// whose 3 months are decided (5 jobs are younger), 9 kept 6 of 16: earned
/// 26 × 5,000 + 14 × 10,000 + 9 × 10,000 = 360,000; saved 600,000.
fn supplier_a() -> Portfolio {
    let ms = [("job_start", 0, 5000), ("retention_3m", 3, 10000), ("retention_6m", 6, 10000)];
    option("a", &ms, [40, 4, 24, 6, 6], 18, &[26, 14, 9], &[26, 21, 16], 600_000)
}

/// The own team (milestones measured, not paid): 30 referred, 6 ended in
/// an ordinary job and 18 without, 10 job starts, 6 kept 3 months, 4 kept
/// 6, every stage decided; saved 200,000.
fn in_house() -> Portfolio {
    let ms = [("job_start", 0, 0), ("retention_3m", 3, 0), ("retention_6m", 6, 0)];
    option("own", &ms, [30, 2, 6, 18, 4], 6, &[10, 6, 4], &[10, 10, 10], 200_000)
}

/// Supplier B (10,000 at job start, 10,000 at 3 months, no 6-month stage):
/// 12 referred, 6 in a job (5 ordinary) and 4 without, 7 job starts, 3 kept
/// 3 months: earned 7 × 10,000 + 3 × 10,000 = 100,000; saved 90,000.
fn supplier_b() -> Portfolio {
    let ms = [("job_start", 0, 10000), ("retention_3m", 3, 10000)];
    option("b", &ms, [12, 0, 6, 4, 2], 5, &[7, 3], &[7, 7], 90_000)
}

/// 2 staff-years at 600,000 with 15 % overhead and 60 citizens a
/// staff-year: 600,000 × 1.15 / 60 = 11,500 per referral.
fn team() -> InHouseCost {
    InHouseCost {
        staff_years: dec!(2),
        cost_per_staff_year: Money::kr(600_000),
        overhead: Share::from_ratio(dec!(0.15)),
        caseload: dec!(60),
    }
}

fn three(a: &Portfolio, own: &Portfolio, b: &Portfolio, policy: Option<&Policy>) -> Comparison {
    let c = |p, in_house| Candidate { portfolio: p, provider: String::new(), in_house };
    compare(&[c(a, None), c(own, Some(team())), c(b, None)], Some("dagpenge"), policy)
}

fn pct(f: Fig<Rate>) -> (Decimal, Decimal, Decimal) {
    let r = f.value().copied().unwrap_or_else(|| panic!("no rate: {f:?}"));
    (r.share.percent(1), r.interval.low.percent(2), r.interval.high.percent(2))
}

fn kr(f: Fig<Money>) -> String {
    f.value().map(|m| m.plain()).unwrap_or_else(|| format!("{f:?}"))
}

#[test]
fn every_rate_with_its_wilson_interval_by_hand() {
    let (a, own, b) = (supplier_a(), in_house(), supplier_b());
    let c = three(&a, &own, &b, None);
    let [ra, ro, rb] = [&c.rows[0], &c.rows[1], &c.rows[2]];
    // Wilson, z = 1.96, z² = 3.8416: centre = (p + z²/2n)/(1 + z²/n),
    // half = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²).
    // A, any job 24/30: p = 0.8, 1 + z²/n = 1.128053, centre = 0.765945,
    // √(0.16/30 + 3.8416/3600) = √0.006400444 = 0.080003, half = 0.139005
    // → [62.69 %, 90.50 %].
    assert_eq!(pct(ra.rate(RateName::AnyJob)), (dec!(80.0), dec!(62.69), dec!(90.50)));
    // A, ordinary 18/30: p = 0.6, centre = 0.588648, √0.009067111 =
    // 0.095221, half = 0.165448 → [42.32 %, 75.41 %].
    assert_eq!(pct(ra.rate(RateName::OrdinaryJob)), (dec!(60.0), dec!(42.32), dec!(75.41)));
    // A, job start 26/40: p = 0.65, 1 + z²/n = 1.096040, centre = 0.636856,
    // √0.006287750 = 0.079295, half = 0.141800 → [49.51 %, 77.87 %].
    assert_eq!(pct(ra.rate(RateName::JobStart)), (dec!(65.0), dec!(49.51), dec!(77.87)));
    // A, 3 months 14 of the 21 decided: p = 0.666667, 1 + z²/n = 1.182933,
    // centre = 0.640893, √0.012759788 = 0.112959, half = 0.187162 → [45.37,
    // 82.81]. (Of all 26 job starts it would be 53.8 %: the 5 jobs younger
    // than 3 months are not counted as lost.)
    assert_eq!(pct(ra.rate(RateName::Retention3m)), (dec!(66.7), dec!(45.37), dec!(82.81)));
    // A, 6 months 9 of 16: p = 0.5625, 1 + z²/n = 1.240100, centre =
    // 0.550399, √0.019132422 = 0.138320, half = 0.218617 → [33.18, 76.90].
    assert_eq!(pct(ra.rate(RateName::Retention6m)), (dec!(56.3), dec!(33.18), dec!(76.90)));
    // Own team, 6/24 (ordinary = any): p = 0.25, 1 + z²/n = 1.160067,
    // centre = 0.284495, √0.009479861 = 0.097365, half = 0.164503 → [12.00, 44.90].
    assert_eq!(pct(ro.rate(RateName::AnyJob)), (dec!(25.0), dec!(12.00), dec!(44.90)));
    assert_eq!(pct(ro.rate(RateName::OrdinaryJob)), (dec!(25.0), dec!(12.00), dec!(44.90)));
    // Own team, job start 10/30: centre = 0.352253, half = 0.159950 → [19.23, 51.22];
    // 3 months 6/10: 1 + z²/n = 1.384160, centre = 0.572246, √0.033604 =
    // 0.183314, half = 0.259576 → [31.27, 83.18]; 6 months 4/10 → [16.82, 68.73].
    assert_eq!(pct(ro.rate(RateName::JobStart)), (dec!(33.3), dec!(19.23), dec!(51.22)));
    assert_eq!(pct(ro.rate(RateName::Retention3m)), (dec!(60.0), dec!(31.27), dec!(83.18)));
    assert_eq!(pct(ro.rate(RateName::Retention6m)), (dec!(40.0), dec!(16.82), dec!(68.73)));
    // B: any job 6/10 → [31.27, 83.18]; ordinary 5/10: centre 0.5,
    // √0.034604 = 0.186022, half = 0.263410 → [23.66, 76.34]; job start
    // 7/12: 1 + z²/n = 1.320133, centre = 0.563125, √0.026924074 = 0.164086,
    // half = 0.243618 → [31.95, 80.67]; 3 months 3/7: 1 + z²/n = 1.548800,
    // centre = 0.453881, √0.054585423 = 0.233635, half = 0.295664 → [15.82, 74.95];
    // no 6-month stage, so no 6-month rate.
    assert_eq!(pct(rb.rate(RateName::AnyJob)), (dec!(60.0), dec!(31.27), dec!(83.18)));
    assert_eq!(pct(rb.rate(RateName::OrdinaryJob)), (dec!(50.0), dec!(23.66), dec!(76.34)));
    assert_eq!(pct(rb.rate(RateName::JobStart)), (dec!(58.3), dec!(31.95), dec!(80.67)));
    assert_eq!(pct(rb.rate(RateName::Retention3m)), (dec!(42.9), dec!(15.82), dec!(74.95)));
    assert_eq!(rb.rate(RateName::Retention6m), Fig::None);
}

#[test]
fn only_intervals_apart_tell_options_apart() {
    let (a, own, b) = (supplier_a(), in_house(), supplier_b());
    let c = three(&a, &own, &b, None);
    // Three pairs on each of four rates, one on the 6-month rate (B has none).
    assert_eq!(c.pairs.len(), 13);
    // Apart: only A against the own team on any job, [62.69, 90.50] above
    // [12.00, 44.90]. 60 % against 25 % in an ordinary job is not: [42.32,
    // 75.41] and [12.00, 44.90] share 42.32–44.90.
    let apart: Vec<&Pair> = c.pairs.iter().filter(|p| p.apart.is_some()).collect();
    assert_eq!(apart.len(), 1, "{apart:?}");
    assert_eq!(
        (apart[0].rate, apart[0].a, apart[0].b, apart[0].apart),
        (RateName::AnyJob, 0, 1, Some(Ordering::Greater))
    );
    let ordinary = c.pairs.iter().find(|p| p.rate == RateName::OrdinaryJob && p.a == 0 && p.b == 1).unwrap();
    assert_eq!(ordinary.apart, None);
}

#[test]
fn cost_per_result_net_and_break_even_by_hand() {
    let (a, own, b) = (supplier_a(), in_house(), supplier_b());
    let c = three(&a, &own, &b, None);
    let [ra, ro, rb] = [&c.rows[0], &c.rows[1], &c.rows[2]];
    // A: 360,000 earned; per job start 360,000 / 26 = 13,846.15; per 3
    // months 360,000 / 14 = 25,714.29; per 6 months 360,000 / 9 = 40,000;
    // net 600,000 − 360,000 = 240,000, per referral / 40 = 6,000; break-even
    // deadweight 1 − 360,000 / 600,000 = 40 %.
    assert_eq!(kr(ra.cost), "360000.00");
    assert_eq!(kr(ra.cost_per_job_start), "13846.15");
    assert_eq!(kr(ra.cost_per_retention_3m), "25714.29");
    assert_eq!(kr(ra.cost_per_retention_6m), "40000.00");
    assert_eq!(kr(ra.net_result), "240000.00");
    assert_eq!(kr(ra.net_per_referral), "6000.00");
    assert_eq!(ra.break_even_deadweight.value().unwrap().percent(2), dec!(40.00));
    // Own team: 30 referrals × 11,500 = 345,000, whatever their outcome;
    // per job start / 10 = 34,500; per 3 months / 6 = 57,500; per 6 months
    // / 4 = 86,250; net 200,000 − 345,000 = −145,000, per referral
    // −4,833.33; break-even 1 − 345,000 / 200,000 = −72.50 % (it does not
    // pay even if no one would have found work anyway).
    assert!(ro.in_house && !ra.in_house);
    assert_eq!(kr(ro.cost), "345000.00");
    assert_eq!(kr(ro.cost_per_job_start), "34500.00");
    assert_eq!(kr(ro.cost_per_retention_3m), "57500.00");
    assert_eq!(kr(ro.cost_per_retention_6m), "86250.00");
    assert_eq!(kr(ro.net_per_referral), "-4833.33");
    assert_eq!(ro.break_even_deadweight.value().unwrap().percent(2), dec!(-72.50));
    // B: 100,000; per job start / 7 = 14,285.71; per 3 months / 3 =
    // 33,333.33; no 6-month stage; net −10,000, per referral −833.33.
    assert_eq!(kr(rb.cost), "100000.00");
    assert_eq!(kr(rb.cost_per_job_start), "14285.71");
    assert_eq!(kr(rb.cost_per_retention_3m), "33333.33");
    assert_eq!(rb.cost_per_retention_6m, Fig::None);
    assert_eq!(kr(rb.net_per_referral), "-833.33");
}

#[test]
fn a_committee_sees_nothing_the_options_own_reports_withhold() {
    let (a, own, b) = (supplier_a(), in_house(), supplier_b());
    let c = three(&a, &own, &b, Some(&Policy::default()));
    let rb = &c.rows[2];
    // B's 3 citizens kept 3 months are under 5: the rate and every amount
    // (a sum of milestone amounts over them) are withheld; the status
    // counts are published, so its success rate stays.
    assert_eq!(rb.rate(RateName::Retention3m), Fig::Withheld);
    assert_eq!(rb.cost, Fig::Withheld);
    assert_eq!(rb.net_per_referral, Fig::Withheld);
    assert_eq!(pct(rb.rate(RateName::AnyJob)).0, dec!(60.0));
    assert!(!c.pairs.iter().any(|p| p.rate == RateName::Retention3m && p.b == 2));
    // The own team's 4 kept 6 months: withheld, and so is its cost; its 4
    // not kept 3 months (10 decided, 6 kept) withhold the 3-month share.
    assert_eq!(c.rows[1].rate(RateName::Retention6m), Fig::Withheld);
    assert_eq!(c.rows[1].rate(RateName::Retention3m), Fig::Withheld);
    assert_eq!(c.rows[1].cost, Fig::Withheld);
    // A: 21 decided, 7 not kept, 5 pending; 16, 7, 10: none under 5.
    assert_eq!(pct(c.rows[0].rate(RateName::Retention3m)).0, dec!(66.7));
    // A has no count under 5: all shown.
    assert_eq!(kr(c.rows[0].cost), "360000.00");
}

#[test]
fn a_group_an_option_does_not_have_gives_no_figures() {
    let a = supplier_a();
    let c =
        compare(&[Candidate { portfolio: &a, provider: "A".into(), in_house: None }], Some("ledighedsydelse"), None);
    assert_eq!(c.rows[0].referred, Fig::Value(0));
    assert_eq!(c.rows[0].rate(RateName::AnyJob), Fig::None);
    assert_eq!(c.rows[0].cost_per_job_start, Fig::None);
    assert!(c.pairs.is_empty());
}
