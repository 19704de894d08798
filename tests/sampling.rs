//! Audit sampling against hand-computed sizes, allocations and intervals.

use nocure::ids::CourseId;
use nocure::money::Money;
use nocure::sampling::draw::draw;
use nocure::sampling::extrapolate::extrapolate;
use nocure::sampling::size::{allocate, sample_size};
use nocure::sampling::{Confidence, Outcome, Paid};
use rust_decimal::Decimal;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn paid(id: u64, milestone: &str, amount: &str) -> Paid {
    Paid {
        payment_id: id,
        course_id: CourseId::parse(&format!("c-{id}")).unwrap(),
        milestone: milestone.into(),
        amount: Money::parse(amount).unwrap(),
    }
}

/// 10 job starts of 5,000.00 (payments 1-10), 5 three-month retentions of
/// 10,000.00 (11-15): 100,000.00 paid.
fn population() -> Vec<Paid> {
    (1..=10)
        .map(|i| paid(i, "job_start", "5000.00"))
        .chain((11..=15).map(|i| paid(i, "retention_3m", "10000.00")))
        .collect()
}

#[test]
fn the_sample_size_is_the_least_n_that_finds_the_tolerable_rate() {
    // 0.95^58 = 0.0510 > 0.05, 0.95^59 = 0.0485 <= 0.05.
    assert_eq!(sample_size(Confidence::P95, dec("0.05"), 10_000), Some(59));
    // 0.90^21 = 0.1094 > 0.10, 0.90^22 = 0.0985.
    assert_eq!(sample_size(Confidence::P90, dec("0.10"), 10_000), Some(22));
    // 0.95^89 = 0.0104 > 0.01, 0.95^90 = 0.0099.
    assert_eq!(sample_size(Confidence::P99, dec("0.05"), 10_000), Some(90));
    // Never more than the population.
    assert_eq!(sample_size(Confidence::P95, dec("0.05"), 40), Some(40));
    assert_eq!(sample_size(Confidence::P95, dec("0"), 40), None);
    assert_eq!(sample_size(Confidence::P95, dec("1"), 40), None);
}

#[test]
fn the_sample_is_shared_between_milestones_by_their_sizes() {
    // 59 over 60/30/10: 35.4, 17.7, 5.9 -> 35, 17, 5 (57); the two left go
    // to the largest remainders, .9 and .7: 35, 18, 6.
    assert_eq!(allocate(59, &[60, 30, 10]), vec![35, 18, 6]);
    // 3 over 98/1/1: 2.94, 0.03, 0.03 -> 3, 0, 0; each stratum gets one.
    assert_eq!(allocate(3, &[98, 1, 1]), vec![1, 1, 1]);
    assert_eq!(allocate(5, &[2, 0]), vec![2, 0]);
}

#[test]
fn the_same_seed_draws_the_same_sample_stratified_by_milestone() {
    let pop = population();
    let (a, plan) = draw(&pop, 6, 42);
    let (b, _) = draw(&pop, 6, 42);
    assert_eq!(a, b);
    // 6 over 10/5: 4, 2.
    assert_eq!(plan, vec![("job_start".to_string(), 10, 4), ("retention_3m".to_string(), 5, 2)]);
    assert_eq!(a.iter().filter(|p| p.milestone == "job_start").count(), 4);
    let mut ids: Vec<u64> = a.iter().map(|p| p.payment_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 6, "no payment twice");
    let others: Vec<Vec<u64>> = (0..5).map(|s| draw(&pop, 6, s).0.iter().map(|p| p.payment_id).collect()).collect();
    assert!(others.iter().any(|o| *o != ids), "the seed decides the sample");
}

#[test]
fn the_error_is_extrapolated_with_its_interval_and_clawback_list() {
    let pop = population();
    // Job starts: 4 checked, errors 0, 0, 0, 5,000.00: mean 1,250, estimate
    // 10 × 1,250 = 12,500.00; s² = (3 × 1,250² + 3,750²) / 3 = 6,250,000;
    // variance 10² × (1 − 4/10) × 6,250,000 / 4 = 93,750,000.
    // Retentions: 2 checked, both confirmed: estimate 0, variance 0.
    // √93,750,000 = 9,682.4584; × 1.96 = 18,977.6184.
    // Lower: 12,500 − 18,977.62 < 5,000.00 found, so 5,000.00.
    // Upper: 12,500 + 18,977.6184 = 31,477.62.
    let checked = vec![
        (pop[0].clone(), Outcome::Confirmed),
        (pop[3].clone(), Outcome::Confirmed),
        (pop[5].clone(), Outcome::Confirmed),
        (pop[8].clone(), Outcome::Error(Money::parse("5000.00").unwrap())),
        (pop[10].clone(), Outcome::Confirmed),
        (pop[13].clone(), Outcome::Confirmed),
    ];
    let x = extrapolate(&pop, &checked, Confidence::P95);
    assert_eq!(x.paid, Money::parse("100000.00").unwrap());
    assert_eq!(x.error_found, Money::parse("5000.00").unwrap());
    assert_eq!(x.strata[0].estimate, Money::parse("12500.00").unwrap());
    assert_eq!(x.strata[1].estimate, Money::ZERO);
    assert_eq!(x.estimate, Money::parse("12500.00").unwrap());
    assert_eq!(x.lower, Money::parse("5000.00").unwrap());
    assert_eq!(x.upper, Money::parse("31477.62").unwrap());
    assert_eq!(x.clawback.len(), 1);
    assert_eq!(x.clawback[0].0.payment_id, 9);
    assert_eq!((x.strata[0].checked, x.strata[0].errors), (4, 1));
}

#[test]
fn seed_0_draws_exactly_the_payments_the_documented_algorithm_gives() {
    // Payments 1-6 job starts, 7-10 three-month retentions; a sample of 4.
    // Allocation (largest remainder): 4 × 6 / 10 = 2 rest 4, 4 × 4 / 10 = 1
    // rest 6; the one left goes to the larger rest: 2 and 2.
    let pop: Vec<Paid> = (1..=6)
        .map(|i| paid(i, "job_start", "5000.00"))
        .chain((7..=10).map(|i| paid(i, "retention_3m", "10000.00")))
        .collect();
    // SplitMix64 from state 0, computed apart from this code (from the
    // published algorithm: state += 0x9E3779B97F4A7C15, then the two
    // xor-shift-multiply steps and a final xor-shift); the first outputs:
    //   x1 = 16294208416658607535, x2 = 7960286522194355700,
    //   x3 = 487617019471545679,   x4 = 17909611376780542444.
    // below(b) keeps x when x < 2^64 - 1 - ((2^64 - 1) mod b), the largest
    // multiple of b (18446744073709551612 for b = 6 and 4,
    // 18446744073709551615 for 5 and 3); all four are kept.
    // job_start [1 2 3 4 5 6]:
    //   i = 0, b = 6: x1 = 6 × 2715701402776434589 + 1 -> j = 1: [2 1 3 4 5 6]
    //   i = 1, b = 5: x2 = 5 × 1592057304438871140 + 0 -> j = 1: unchanged
    //   taken: 2, 1.
    // retention_3m [7 8 9 10]:
    //   i = 0, b = 4: x3 = 4 × 121904254867886419 + 3 -> j = 3: [10 8 9 7]
    //   i = 1, b = 3: x4 = 3 × 5969870458926847481 + 1 -> j = 2: [10 9 8 7]
    //   taken: 10, 9.
    // With the zone computed as 2^64 - 1 - (2^64 - 1) / b instead, x1 is
    // above 15372286728091293013 and rejected, and the draw is 1, 6, 8, 10.
    let (sample, plan) = draw(&pop, 4, 0);
    assert_eq!(plan, vec![("job_start".to_string(), 6, 2), ("retention_3m".to_string(), 4, 2)]);
    let ids: Vec<u64> = sample.iter().map(|p| p.payment_id).collect();
    assert_eq!(ids, vec![1, 2, 9, 10]);
}
