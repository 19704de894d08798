//! Eligibility: a small typed condition tree over referral attributes.
//! Not a scripting language: `all`, `any`, `not` and a fixed set of
//! comparisons. Missing attributes make a comparison *unknown*; the tree is
//! evaluated in three-valued (Kleene) logic, so `any` is true as soon as one
//! known branch is true, and a citizen whose eligibility cannot be decided is
//! not eligible, with the missing attribute named.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::benefit::BenefitSet;
use crate::calendar::{months_and_days, whole_years};
use crate::course::Attributes;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// Age in whole years on the referral date is at least N.
    AgeAtLeast(u32),
    /// Age in whole years on the referral date is below N.
    AgeBelow(u32),
    /// Unemployed for more than N months: the calendar duration from
    /// `unemployed_since` to the referral date (months and days) is longer
    /// than N months, so 12 months and 1 day is more than 12 months.
    UnemployedMonthsMoreThan(u32),
    /// The duration unemployed is N months or longer.
    UnemployedMonthsAtLeast(u32),
    /// The duration unemployed is shorter than N months.
    UnemployedMonthsBelow(u32),
    /// The citizen's unemployment insurance fund is one of these codes.
    AKasseIn(Vec<String>),
    /// The benefit received at referral is one of these.
    BenefitIn(BenefitSet),
}

/// The names a contract file may use, for error messages.
pub const CONDITION_NAMES: &[&str] = &[
    "all",
    "any",
    "not",
    "age_at_least",
    "age_below",
    "unemployed_months_more_than",
    "unemployed_months_at_least",
    "unemployed_months_below",
    "a_kasse_in",
    "benefit_in",
];

/// Three-valued truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    Yes,
    No,
    Unknown,
}

impl Truth {
    fn from_bool(b: bool) -> Truth {
        if b { Truth::Yes } else { Truth::No }
    }

    fn word(self) -> &'static str {
        match self {
            Truth::Yes => "yes",
            Truth::No => "no",
            Truth::Unknown => "unknown",
        }
    }
}

impl Condition {
    /// Evaluates the condition for a citizen referred on `on`.
    pub fn eval(&self, a: &Attributes, on: NaiveDate) -> Truth {
        match self {
            Condition::All(cs) => {
                let mut acc = Truth::Yes;
                for c in cs {
                    match c.eval(a, on) {
                        Truth::No => return Truth::No,
                        Truth::Unknown => acc = Truth::Unknown,
                        Truth::Yes => {}
                    }
                }
                acc
            }
            Condition::Any(cs) => {
                let mut acc = Truth::No;
                for c in cs {
                    match c.eval(a, on) {
                        Truth::Yes => return Truth::Yes,
                        Truth::Unknown => acc = Truth::Unknown,
                        Truth::No => {}
                    }
                }
                acc
            }
            Condition::Not(c) => match c.eval(a, on) {
                Truth::Yes => Truth::No,
                Truth::No => Truth::Yes,
                Truth::Unknown => Truth::Unknown,
            },
            Condition::AgeAtLeast(n) => age(a, on).map_or(Truth::Unknown, |y| Truth::from_bool(y >= *n as i32)),
            Condition::AgeBelow(n) => age(a, on).map_or(Truth::Unknown, |y| Truth::from_bool(y < *n as i32)),
            // A duration of (m months, d days) compared with n months: more
            // than n when m > n, or m = n and at least one day more.
            Condition::UnemployedMonthsMoreThan(n) => {
                duration(a, on).map_or(Truth::Unknown, |(m, d)| Truth::from_bool(m > *n || (m == *n && d > 0)))
            }
            Condition::UnemployedMonthsAtLeast(n) => {
                duration(a, on).map_or(Truth::Unknown, |(m, _)| Truth::from_bool(m >= *n))
            }
            Condition::UnemployedMonthsBelow(n) => {
                duration(a, on).map_or(Truth::Unknown, |(m, _)| Truth::from_bool(m < *n))
            }
            Condition::AKasseIn(codes) => {
                a.a_kasse.as_deref().map_or(Truth::Unknown, |k| Truth::from_bool(codes.iter().any(|c| c == k)))
            }
            Condition::BenefitIn(set) => a.benefit.map_or(Truth::Unknown, |b| Truth::from_bool(set.contains(b))),
        }
    }

    /// The same evaluation, in words a finance officer can check by hand:
    /// every comparison with the citizen's value and its outcome.
    pub fn explain(&self, a: &Attributes, on: NaiveDate) -> String {
        let mut out = String::new();
        self.explain_into(a, on, &mut out);
        out
    }

    fn explain_into(&self, a: &Attributes, on: NaiveDate, out: &mut String) {
        let verdict = self.eval(a, on).word();
        let _ = match self {
            Condition::All(cs) | Condition::Any(cs) => {
                let word = if matches!(self, Condition::All(_)) { "all of" } else { "any of" };
                let _ = write!(out, "{word} [");
                for (i, c) in cs.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    c.explain_into(a, on, out);
                }
                write!(out, "]: {verdict}")
            }
            Condition::Not(c) => {
                out.push_str("not (");
                c.explain_into(a, on, out);
                write!(out, "): {verdict}")
            }
            Condition::AgeAtLeast(n) | Condition::AgeBelow(n) => {
                let cmp = if matches!(self, Condition::AgeAtLeast(_)) { "at least" } else { "below" };
                match age(a, on) {
                    Some(y) => write!(out, "age {y} on {on} is {cmp} {n}: {verdict}"),
                    None => write!(out, "age {cmp} {n}: unknown, birth_date not given"),
                }
            }
            Condition::UnemployedMonthsMoreThan(n)
            | Condition::UnemployedMonthsAtLeast(n)
            | Condition::UnemployedMonthsBelow(n) => {
                let cmp = match self {
                    Condition::UnemployedMonthsMoreThan(_) => "more than",
                    Condition::UnemployedMonthsAtLeast(_) => "at least",
                    _ => "below",
                };
                match (duration(a, on), a.unemployed_since) {
                    (Some((m, d)), Some(since)) => {
                        let (mw, dw) = (if m == 1 { "month" } else { "months" }, if d == 1 { "day" } else { "days" });
                        write!(out, "unemployed {m} {mw} and {d} {dw} ({since} to {on}) is {cmp} {n} months: {verdict}")
                    }
                    _ => write!(out, "months unemployed {cmp} {n}: unknown, unemployed_since not given"),
                }
            }
            Condition::AKasseIn(codes) => match &a.a_kasse {
                Some(k) => write!(out, "a-kasse {k} is one of {}: {verdict}", codes.join(", ")),
                None => write!(out, "a-kasse one of {}: unknown, a_kasse not given", codes.join(", ")),
            },
            Condition::BenefitIn(set) => match a.benefit {
                Some(b) => write!(out, "benefit {b} is one of {set}: {verdict}"),
                None => write!(out, "benefit one of {set}: unknown, benefit not given"),
            },
        };
    }
}

impl Condition {
    /// [`Condition::explain`] in Danish, dates and all: "mindst én af
    /// [a-kasse MA er en af AAK, MA, LH: ja; alder 38 år den 03.03.2025 er
    /// mindst 50 år: nej; …]: ja".
    pub fn explain_da(&self, a: &Attributes, on: NaiveDate) -> String {
        let mut out = String::new();
        self.explain_da_into(a, on, &mut out);
        out
    }

    fn explain_da_into(&self, a: &Attributes, on: NaiveDate, out: &mut String) {
        let verdict = match self.eval(a, on) {
            Truth::Yes => "ja",
            Truth::No => "nej",
            Truth::Unknown => "ukendt",
        };
        let day = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
        let _ = match self {
            Condition::All(cs) | Condition::Any(cs) => {
                let word = if matches!(self, Condition::All(_)) { "alle af" } else { "mindst én af" };
                let _ = write!(out, "{word} [");
                for (i, c) in cs.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    c.explain_da_into(a, on, out);
                }
                write!(out, "]: {verdict}")
            }
            Condition::Not(c) => {
                out.push_str("ikke (");
                c.explain_da_into(a, on, out);
                write!(out, "): {verdict}")
            }
            Condition::AgeAtLeast(n) | Condition::AgeBelow(n) => {
                let cmp = if matches!(self, Condition::AgeAtLeast(_)) { "mindst" } else { "under" };
                match age(a, on) {
                    Some(y) => write!(out, "alder {y} år den {} er {cmp} {n} år: {verdict}", day(on)),
                    None => write!(out, "alder {cmp} {n} år: ukendt, fødselsdatoen er ikke oplyst"),
                }
            }
            Condition::UnemployedMonthsMoreThan(n)
            | Condition::UnemployedMonthsAtLeast(n)
            | Condition::UnemployedMonthsBelow(n) => {
                let cmp = match self {
                    Condition::UnemployedMonthsMoreThan(_) => "mere end",
                    Condition::UnemployedMonthsAtLeast(_) => "mindst",
                    _ => "under",
                };
                match (duration(a, on), a.unemployed_since) {
                    (Some((m, d)), Some(since)) => {
                        let (mw, dw) = (if m == 1 { "måned" } else { "måneder" }, if d == 1 { "dag" } else { "dage" });
                        write!(
                            out,
                            "ledig {m} {mw} og {d} {dw} ({}–{}) er {cmp} {n} måneder: {verdict}",
                            day(since),
                            day(on)
                        )
                    }
                    _ => write!(out, "ledig {cmp} {n} måneder: ukendt, første ledighedsdag er ikke oplyst"),
                }
            }
            Condition::AKasseIn(codes) => match &a.a_kasse {
                Some(k) => write!(out, "a-kasse {k} er en af {}: {verdict}", codes.join(", ")),
                None => write!(out, "a-kasse en af {}: ukendt, a-kassen er ikke oplyst", codes.join(", ")),
            },
            Condition::BenefitIn(set) => match a.benefit {
                Some(b) => write!(out, "ydelse {} er en af {}: {verdict}", b.danish(), set.danish()),
                None => write!(out, "ydelse en af {}: ukendt, ydelsen er ikke oplyst", set.danish()),
            },
        };
    }
}

fn age(a: &Attributes, on: NaiveDate) -> Option<i32> {
    a.birth_date.map(|b| whole_years(b, on))
}

/// Months and days unemployed on the referral date.
fn duration(a: &Attributes, on: NaiveDate) -> Option<(u32, u32)> {
    a.unemployed_since.map(|s| months_and_days(s, on))
}

#[cfg(test)]
mod tests {
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
}
