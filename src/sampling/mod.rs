//! Audit sampling of paid milestones: how many to check (`size`), which
//! ones (`draw`: seeded, reproducible, stratified by milestone), and what
//! the document checks say of the whole population (`extrapolate`: the
//! amount paid in error with a confidence interval, and the clawback list).
//! Pure: the population and the outcomes are given.

pub mod draw;
pub mod extrapolate;
pub mod size;

use crate::ids::CourseId;
use crate::money::Money;

/// One paid milestone: an element of the population.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paid {
    pub payment_id: u64,
    pub course_id: CourseId,
    /// The stratum: the milestone's id.
    pub milestone: String,
    pub amount: Money,
}

/// The outcome of one document check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Confirmed,
    /// Paid in error: this much of the payment should not have been paid
    /// (more than 0, at most the payment).
    Error(Money),
}

/// The confidence levels a sample can be sized and stated at, with the
/// normal quantile used for the interval (two-sided).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confidence {
    P90,
    P95,
    P99,
}

impl Confidence {
    pub fn parse(pct: &str) -> Option<Confidence> {
        match pct.trim() {
            "90" => Some(Confidence::P90),
            "95" => Some(Confidence::P95),
            "99" => Some(Confidence::P99),
            _ => None,
        }
    }

    /// The level as a ratio: 0.90, 0.95, 0.99.
    pub fn level(self) -> rust_decimal::Decimal {
        use rust_decimal_macros::dec;
        match self {
            Confidence::P90 => dec!(0.90),
            Confidence::P95 => dec!(0.95),
            Confidence::P99 => dec!(0.99),
        }
    }

    /// The two-sided normal quantile: 1.645, 1.960, 2.576.
    pub fn z(self) -> rust_decimal::Decimal {
        use rust_decimal_macros::dec;
        match self {
            Confidence::P90 => dec!(1.645),
            Confidence::P95 => dec!(1.960),
            Confidence::P99 => dec!(2.576),
        }
    }

    pub fn pct(self) -> u32 {
        match self {
            Confidence::P90 => 90,
            Confidence::P95 => 95,
            Confidence::P99 => 99,
        }
    }
}
