//! Audit sampling at the edges the mutation run found unpinned
//! (TESTING.md): which payments a given seed draws, checked against
//! SplitMix64 as published (Steele, Lea and Flood 2014; Vigna's reference
//! code) written out again here, and the confidence levels as the
//! parameters name them.

use nocure::ids::CourseId;
use nocure::money::Money;
use nocure::sampling::draw::draw;
use nocure::sampling::{Confidence, Paid};
use rust_decimal_macros::dec;

fn paid(id: u64, milestone: &str, amount: &str) -> Paid {
    Paid {
        payment_id: id,
        course_id: CourseId::parse(&format!("c-{id}")).unwrap(),
        milestone: milestone.into(),
        amount: Money::parse(amount).unwrap(),
    }
}

/// SplitMix64, from the reference: add the golden gamma, then two
/// xor-shift-multiply rounds and a final xor-shift.
struct Reference(u64);

impl Reference {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[test]
fn the_reference_generator_gives_the_published_numbers() {
    // The reference implementation's first outputs for seed 1234567.
    let mut r = Reference(1_234_567);
    let first: Vec<u64> = (0..5).map(|_| r.next()).collect();
    assert_eq!(
        first,
        vec![
            6_457_827_717_110_365_317,
            3_203_168_211_198_807_973,
            9_817_491_932_198_370_423,
            4_593_380_528_125_082_431,
            16_408_922_859_458_223_821
        ]
    );
}

#[test]
fn seed_1_draws_payments_2_6_and_9_of_ten() {
    // Ten job starts, payments 1-10 in id order; 3 to draw with seed 1.
    // SplitMix64 from seed 1 gives (the reference above):
    //   x1 = 10,451,216,379,200,822,465; bound 10; x1 mod 10 = 5 -> swap
    //        places 0 and 0 + 5: [6, 2, 3, 4, 5, 1, 7, 8, 9, 10];
    //   x2 = 13,757,245,211,066,428,519; bound 9; x2 mod 9 = 7 -> swap
    //        places 1 and 8: [6, 9, 3, 4, 5, 1, 7, 8, 2, 10];
    //   x3 = 17,911,839,290,282,890,590; bound 8; x3 mod 8 = 6 -> swap
    //        places 2 and 8: [6, 9, 2, ...].
    // No draw is rejected: each is below 2^64 − 1 − ((2^64 − 1) mod bound)
    // (x3 is above 2^64 − 1 − (2^64 − 1) / 8 = 16,140,901,064,495,857,664,
    // so a rejection zone of that size would draw another third payment).
    // The first three, in id order: 2, 6, 9.
    let mut r = Reference(1);
    assert_eq!(
        [r.next(), r.next(), r.next()],
        [10_451_216_379_200_822_465, 13_757_245_211_066_428_519, 17_911_839_290_282_890_590]
    );
    let pop: Vec<Paid> = (1..=10).map(|i| paid(i, "job_start", "5000.00")).collect();
    let (sample, plan) = draw(&pop, 3, 1);
    assert_eq!(sample.iter().map(|p| p.payment_id).collect::<Vec<_>>(), vec![2, 6, 9]);
    assert_eq!(plan, vec![("job_start".to_string(), 10, 3)]);
    // The population's order does not matter: the strata are in id order.
    let mut reversed = pop.clone();
    reversed.reverse();
    assert_eq!(draw(&reversed, 3, 1).0, sample);
}

#[test]
fn the_confidence_levels_are_90_95_and_99() {
    assert_eq!(Confidence::parse("90"), Some(Confidence::P90));
    assert_eq!(Confidence::parse(" 95 "), Some(Confidence::P95));
    assert_eq!(Confidence::parse("99"), Some(Confidence::P99));
    assert_eq!(Confidence::parse("80"), None);
    assert_eq!(Confidence::parse("0.95"), None);
    let all = [Confidence::P90, Confidence::P95, Confidence::P99];
    assert_eq!(all.map(Confidence::pct), [90, 95, 99]);
    assert_eq!(all.map(Confidence::level), [dec!(0.90), dec!(0.95), dec!(0.99)]);
    assert_eq!(all.map(Confidence::z), [dec!(1.645), dec!(1.960), dec!(2.576)]);
}
