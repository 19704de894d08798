//! Tests of `eligibility`.

use super::*;
use crate::benefit::Benefit;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn lejre_dagpenge() -> Condition {
    Condition::Any(vec![
        Condition::AKasseIn(vec!["AAK".into(), "MA".into(), "LH".into()]),
        Condition::AgeAtLeast(50),
        Condition::UnemployedMonthsMoreThan(12),
    ])
}

#[test]
fn any_is_true_when_one_known_branch_is_true_even_with_gaps() {
    let a = Attributes { a_kasse: Some("MA".into()), ..Attributes::default() };
    assert_eq!(lejre_dagpenge().eval(&a, d(2025, 2, 3)), Truth::Yes);
}

#[test]
fn missing_attributes_make_the_answer_unknown_not_false() {
    let a = Attributes { a_kasse: Some("3F".into()), ..Attributes::default() };
    assert_eq!(lejre_dagpenge().eval(&a, d(2025, 2, 3)), Truth::Unknown);
    let text = lejre_dagpenge().explain(&a, d(2025, 2, 3));
    assert!(text.contains("birth_date not given"), "{text}");
}

#[test]
fn age_boundary_is_the_birthday() {
    let a = Attributes { birth_date: Some(d(1975, 3, 10)), ..Attributes::default() };
    assert_eq!(Condition::AgeAtLeast(50).eval(&a, d(2025, 3, 10)), Truth::Yes);
    assert_eq!(Condition::AgeAtLeast(50).eval(&a, d(2025, 3, 9)), Truth::No);
    assert_eq!(Condition::AgeBelow(50).eval(&a, d(2025, 3, 9)), Truth::Yes);
}

/// The minutes: "Har mere end 12 måneders ledighed". Unemployed since
/// 3 Feb 2024, referred on each day around the edge.
#[test]
fn more_than_12_months_is_a_calendar_duration() {
    let a = Attributes { unemployed_since: Some(d(2024, 2, 3)), ..Attributes::default() };
    let more = Condition::UnemployedMonthsMoreThan(12);
    // 11 months and 30 days (3 Jan 2025 + 30 days = 2 Feb): not more.
    assert_eq!(more.eval(&a, d(2025, 2, 2)), Truth::No);
    // Exactly 12 months (3 Feb 2025): 12 is not more than 12.
    assert_eq!(more.eval(&a, d(2025, 2, 3)), Truth::No);
    // One day more: 12 months and 1 day.
    assert_eq!(more.eval(&a, d(2025, 2, 4)), Truth::Yes);
    // 12 months and 14 days (17 Feb 2025): more, as the citizen.
    assert_eq!(more.eval(&a, d(2025, 2, 17)), Truth::Yes);
    let text = more.explain(&a, d(2025, 2, 17));
    assert!(text.contains("12 months and 14 days"), "{text}");
    // "At least" and "below" are unchanged by the days: 12 months is at
    // least 12; 11 months and 30 days is below 12.
    assert_eq!(Condition::UnemployedMonthsAtLeast(12).eval(&a, d(2025, 2, 3)), Truth::Yes);
    assert_eq!(Condition::UnemployedMonthsAtLeast(12).eval(&a, d(2025, 2, 2)), Truth::No);
    assert_eq!(Condition::UnemployedMonthsBelow(12).eval(&a, d(2025, 2, 2)), Truth::Yes);
    assert_eq!(Condition::UnemployedMonthsBelow(12).eval(&a, d(2025, 2, 3)), Truth::No);
}

/// The minutes: "Er mere end 50 år", read as 50 or older (a `# CHOSEN`
/// in the contract file): eligible from the 50th birthday, not the day
/// before.
#[test]
fn aged_50_or_more_from_the_50th_birthday() {
    let a = Attributes { birth_date: Some(d(1975, 2, 17)), ..Attributes::default() };
    let lejre = lejre_dagpenge();
    assert_eq!(lejre.eval(&a, d(2025, 2, 16)), Truth::Unknown, "49: the other branches are unknown");
    let known = Attributes { a_kasse: Some("3F".into()), unemployed_since: Some(d(2024, 6, 1)), ..a.clone() };
    assert_eq!(lejre.eval(&known, d(2025, 2, 16)), Truth::No);
    assert_eq!(lejre.eval(&known, d(2025, 2, 17)), Truth::Yes);
}

/// "Below 50" is false on the 50th birthday itself.
#[test]
fn age_below_is_false_from_the_birthday() {
    let a = Attributes { birth_date: Some(d(1975, 3, 10)), ..Attributes::default() };
    assert_eq!(Condition::AgeBelow(50).eval(&a, d(2025, 3, 10)), Truth::No);
    assert_eq!(Condition::AgeBelow(50).eval(&a, d(2025, 3, 9)), Truth::Yes);
}

/// `unemployed_months_at_least` and `unemployed_months_below` count whole
/// months: unemployed since 2 Feb 2024, on 3 Mar 2025 that is 13 months
/// (2 Feb 2024 + 13 months = 2 Mar 2025) and 1 day (3 Mar).
#[test]
fn at_least_and_below_count_whole_months() {
    let a = Attributes { unemployed_since: Some(d(2024, 2, 2)), ..Attributes::default() };
    let on = d(2025, 3, 3);
    assert_eq!(Condition::UnemployedMonthsAtLeast(13).eval(&a, on), Truth::Yes);
    assert_eq!(Condition::UnemployedMonthsAtLeast(14).eval(&a, on), Truth::No);
    assert_eq!(Condition::UnemployedMonthsBelow(14).eval(&a, on), Truth::Yes);
    assert_eq!(Condition::UnemployedMonthsBelow(13).eval(&a, on), Truth::No);
    let none = Attributes::default();
    assert_eq!(Condition::UnemployedMonthsAtLeast(1).eval(&none, on), Truth::Unknown);
    assert_eq!(Condition::UnemployedMonthsBelow(1).eval(&none, on), Truth::Unknown);
}

/// The explanation is what finance checks by hand: every comparison with
/// the citizen's value, its label and outcome, joined by "; ". Born
/// 10 Mar 1975, so 49 on 3 Mar 2025; unemployed since 2 Feb 2024, so
/// 13 months and 1 day; a-kasse 3F; dagpenge.
#[test]
fn the_explanation_names_every_comparison() {
    let a = Attributes {
        birth_date: Some(d(1975, 3, 10)),
        unemployed_since: Some(d(2024, 2, 2)),
        a_kasse: Some("3F".into()),
        benefit: Some(Benefit::Dagpenge),
    };
    let c = Condition::All(vec![
        Condition::Not(Box::new(Condition::AgeBelow(30))),
        Condition::Any(vec![
            Condition::AgeAtLeast(50),
            Condition::UnemployedMonthsAtLeast(12),
            Condition::UnemployedMonthsBelow(3),
            Condition::AKasseIn(vec!["AAK".into(), "MA".into()]),
        ]),
        Condition::BenefitIn([Benefit::Dagpenge].into_iter().collect()),
    ]);
    assert_eq!(
        c.explain(&a, d(2025, 3, 3)),
        "all of [not (age 49 on 2025-03-03 is below 30: no): yes; \
         any of [age 49 on 2025-03-03 is at least 50: no; \
         unemployed 13 months and 1 day (2024-02-02 to 2025-03-03) is at least 12 months: yes; \
         unemployed 13 months and 1 day (2024-02-02 to 2025-03-03) is below 3 months: no; \
         a-kasse 3F is one of AAK, MA: no]: yes; \
         benefit dagpenge is one of dagpenge: yes]: yes"
    );
    // One month and no days, one month and two days: singular and plural.
    let b = Attributes { unemployed_since: Some(d(2025, 2, 1)), ..Attributes::default() };
    assert_eq!(
        Condition::UnemployedMonthsMoreThan(1).explain(&b, d(2025, 3, 1)),
        "unemployed 1 month and 0 days (2025-02-01 to 2025-03-01) is more than 1 months: no"
    );
    assert_eq!(
        Condition::UnemployedMonthsBelow(2).explain(&b, d(2025, 3, 3)),
        "unemployed 1 month and 2 days (2025-02-01 to 2025-03-03) is below 2 months: yes"
    );
    assert_eq!(
        Condition::UnemployedMonthsAtLeast(2).explain(&b, d(2025, 4, 2)),
        "unemployed 2 months and 1 day (2025-02-01 to 2025-04-02) is at least 2 months: yes"
    );
}

#[test]
fn the_explanation_names_a_missing_attribute() {
    let none = Attributes::default();
    let on = d(2025, 3, 3);
    let texts: Vec<String> = [
        Condition::AgeAtLeast(50),
        Condition::AgeBelow(30),
        Condition::UnemployedMonthsMoreThan(12),
        Condition::UnemployedMonthsAtLeast(12),
        Condition::UnemployedMonthsBelow(3),
        Condition::AKasseIn(vec!["AAK".into()]),
        Condition::BenefitIn([Benefit::Dagpenge].into_iter().collect()),
    ]
    .iter()
    .map(|c| c.explain(&none, on))
    .collect();
    assert_eq!(
        texts,
        [
            "age at least 50: unknown, birth_date not given",
            "age below 30: unknown, birth_date not given",
            "months unemployed more than 12: unknown, unemployed_since not given",
            "months unemployed at least 12: unknown, unemployed_since not given",
            "months unemployed below 3: unknown, unemployed_since not given",
            "a-kasse one of AAK: unknown, a_kasse not given",
            "benefit one of dagpenge: unknown, benefit not given",
        ]
    );
}

#[test]
fn not_and_all_follow_kleene_logic() {
    let none = Attributes::default();
    let c = Condition::Not(Box::new(Condition::BenefitIn([Benefit::Dagpenge].into_iter().collect())));
    assert_eq!(c.eval(&none, d(2025, 1, 1)), Truth::Unknown);
    let all = Condition::All(vec![Condition::AgeAtLeast(200), Condition::AgeBelow(10)]);
    let a = Attributes { birth_date: Some(d(1990, 1, 1)), ..Attributes::default() };
    assert_eq!(all.eval(&a, d(2025, 1, 1)), Truth::No);
    assert_eq!(Condition::All(vec![]).eval(&none, d(2025, 1, 1)), Truth::Yes);
}
