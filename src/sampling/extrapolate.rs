//! From the checked sample to the population, stratum by stratum (the
//! stratified mean-per-unit estimator): in a stratum of N payments of which
//! n were checked with errors e₁…eₙ (0 for a confirmed payment), the mean
//! error ē = Σe / n, the estimated error N·ē, the sample variance
//! s² = Σ(e − ē)² / (n − 1), and the estimate's variance
//! N² · (1 − n/N) · s² / n. The population's estimate is the sum of the
//! strata's, its interval the estimate ± z · √(Σ variances), never below
//! the errors actually found nor above what was paid. Each stratum's
//! estimate is rounded to øre where it is formed and the total is their
//! sum; the interval's ends are rounded once, at the end.

use rust_decimal::Decimal;

use super::draw::strata;
use super::{Confidence, Outcome, Paid};
use crate::money::{Money, round};
use crate::stats::sqrt::sqrt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StratumResult {
    pub milestone: String,
    /// N: payments in the stratum, and what they paid.
    pub population: u64,
    pub paid: Money,
    /// n: payments checked.
    pub checked: u64,
    pub errors: u64,
    pub error_found: Money,
    /// N · ē, rounded to øre.
    pub estimate: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extrapolation {
    pub confidence: Confidence,
    pub strata: Vec<StratumResult>,
    pub paid: Money,
    pub error_found: Money,
    /// The sum of the strata's estimates.
    pub estimate: Money,
    pub lower: Money,
    pub upper: Money,
    /// The payments found in error, with the amount to claw back, in
    /// payment id order.
    pub clawback: Vec<(Paid, Money)>,
}

/// Extrapolates the checked payments (`checked`: each a payment of the
/// population and its outcome) to `population`.
pub fn extrapolate(population: &[Paid], checked: &[(Paid, Outcome)], confidence: Confidence) -> Extrapolation {
    let mut rows = Vec::new();
    let mut variance = Decimal::ZERO;
    let mut raw_estimate = Decimal::ZERO;
    for (milestone, items) in strata(population) {
        let big_n = Decimal::from(items.len() as u64);
        let errors: Vec<Decimal> = checked
            .iter()
            .filter(|(p, _)| p.milestone == milestone)
            .map(|(_, o)| match o {
                Outcome::Confirmed => Decimal::ZERO,
                Outcome::Error(m) => m.as_decimal(),
            })
            .collect();
        let n = Decimal::from(errors.len() as u64);
        let found: Decimal = errors.iter().sum();
        let (estimate, var) = if errors.is_empty() {
            (Decimal::ZERO, Decimal::ZERO)
        } else {
            let mean = found / n;
            let s2 = if errors.len() > 1 {
                errors.iter().map(|e| (e - mean) * (e - mean)).sum::<Decimal>() / (n - Decimal::ONE)
            } else {
                Decimal::ZERO
            };
            (big_n * mean, big_n * big_n * (Decimal::ONE - n / big_n) * s2 / n)
        };
        raw_estimate += estimate;
        variance += var;
        rows.push(StratumResult {
            milestone,
            population: items.len() as u64,
            paid: items.iter().map(|p| p.amount).sum(),
            checked: errors.len() as u64,
            errors: errors.iter().filter(|e| !e.is_zero()).count() as u64,
            error_found: Money::from_decimal(found),
            estimate: Money::from_decimal(round(estimate, 2)),
        });
    }
    let paid: Money = rows.iter().map(|r| r.paid).sum();
    let error_found: Money = rows.iter().map(|r| r.error_found).sum();
    let estimate: Money = rows.iter().map(|r| r.estimate).sum();
    let half = confidence.z() * sqrt(variance).unwrap_or(Decimal::ZERO);
    let lower = round((raw_estimate - half).max(error_found.as_decimal()), 2).min(estimate.as_decimal());
    let upper = round((raw_estimate + half).min(paid.as_decimal()), 2).max(estimate.as_decimal());
    let mut clawback: Vec<(Paid, Money)> = checked
        .iter()
        .filter_map(|(p, o)| match o {
            Outcome::Error(m) => Some((p.clone(), *m)),
            Outcome::Confirmed => None,
        })
        .collect();
    clawback.sort_by_key(|(p, _)| p.payment_id);
    Extrapolation {
        confidence,
        strata: rows,
        paid,
        error_found,
        estimate,
        lower: Money::from_decimal(lower),
        upper: Money::from_decimal(upper),
        clawback,
    }
}
