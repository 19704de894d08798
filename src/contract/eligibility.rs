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
mod tests;
