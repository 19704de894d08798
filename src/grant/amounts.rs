//! Tranche amounts, computed from the grant file's percentages and rounded
//! to øre once, by the one rounding rule (`money::round`, half away from
//! zero): 40 % of 1,834,319.32 is 733,727.728, paid as 733,727.73.

use rust_decimal::Decimal;

use super::Grant;
use crate::money::Money;

/// `pct` percent of `amount`, rounded to øre.
pub fn percent_of(amount: Money, pct: Decimal) -> Money {
    (amount * (pct / Decimal::ONE_HUNDRED)).rounded()
}

/// One row of the payment scenarios the minutes print: per band, tranche 1,
/// tranche 2 and what of the grant is not paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub band: usize,
    pub tranche1: Money,
    pub tranche2: Money,
    /// The grant less both tranches (the rounded amounts, so the row sums
    /// to the grant).
    pub not_paid: Money,
}

impl Grant {
    pub fn tranche1(&self) -> Money {
        percent_of(self.amount, self.tranche1_pct)
    }

    /// Tranche 2 if the share reaches band `band`.
    pub fn tranche2(&self, band: usize) -> Money {
        self.bands.get(band).map_or(Money::ZERO, |b| percent_of(self.amount, b.pays_pct))
    }

    /// The most tranche 2 can pay (the best-paying band).
    pub fn tranche2_max(&self) -> Money {
        (0..self.bands.len()).map(|i| self.tranche2(i)).max().unwrap_or(Money::ZERO)
    }

    /// The minutes' table: one row per band, in band order.
    pub fn scenarios(&self) -> Vec<Scenario> {
        let t1 = self.tranche1();
        (0..self.bands.len())
            .map(|band| {
                let t2 = self.tranche2(band);
                Scenario { band, tranche1: t1, tranche2: t2, not_paid: self.amount - t1 - t2 }
            })
            .collect()
    }
}
