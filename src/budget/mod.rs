//! What the budget must hold: whose saving a citizen in work is (the
//! municipality's or the public purse's), the forecast of supplier payments
//! and benefit savings for the coming months, and the year's budget view
//! against the savings target. Pure: the parameters (reimbursement
//! staircase, monthly benefit rates, savings targets) are values handed in,
//! read from `parameters/*.toml` by `wire::parameters`.
//!
//! - [`staircase`]: the municipality's share by week on benefit;
//! - [`history`]: a citizen's days on benefit before a date;
//! - [`split`]: realised savings for the municipality and the public purse;
//! - [`forecast`]: expected payments and savings by month;
//! - [`view`]: the budget year against its savings target.

pub mod forecast;
pub mod history;
pub mod rates;
pub mod split;
pub mod staircase;
pub mod view;

use chrono::NaiveDate;

use crate::benefit::Benefit;
use crate::money::Money;
pub use staircase::{Staircase, Step};

/// A benefit's monthly rate in force from a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rate {
    pub benefit: Benefit,
    pub from: NaiveDate,
    pub monthly: Money,
}

/// A buyer's savings target for a calendar year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub buyer: String,
    pub year: i32,
    pub amount: Money,
}

/// How the forecast is made (`parameters/forecast.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForecastSettings {
    /// Months the forecast looks ahead.
    pub horizon_months: u32,
    /// The band is the expectation ± this many standard deviations.
    pub band_sd: rust_decimal::Decimal,
}

impl Default for ForecastSettings {
    /// The repository's values, for parameters built in code (tests).
    fn default() -> ForecastSettings {
        ForecastSettings { horizon_months: 12, band_sd: rust_decimal::Decimal::TWO }
    }
}

/// The dated parameters: every value with the date it applies from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parameters {
    pub forecast: ForecastSettings,
    /// Ascending by `from`.
    pub staircases: Vec<Staircase>,
    /// Ascending by (benefit, from).
    pub rates: Vec<Rate>,
    pub targets: Vec<Target>,
}

impl Parameters {
    /// The staircase in force on `day`.
    pub fn staircase_on(&self, day: NaiveDate) -> Option<&Staircase> {
        self.staircases.iter().rev().find(|s| s.from <= day)
    }

    /// `benefit`'s monthly rate in force on `day`.
    pub fn monthly_rate(&self, benefit: Benefit, day: NaiveDate) -> Option<Money> {
        self.rates.iter().rev().find(|r| r.benefit == benefit && r.from <= day).map(|r| r.monthly)
    }

    /// The savings target `buyer` entered for `year`.
    pub fn target(&self, buyer: &str, year: i32) -> Option<Money> {
        self.targets.iter().find(|t| t.buyer == buyer && t.year == year).map(|t| t.amount)
    }
}

/// The budget answers for one contract, made as of one date.
pub struct BudgetAnswer {
    pub split: split::SplitReport,
    pub forecast: forecast::Forecast,
    pub view: view::BudgetView,
}
