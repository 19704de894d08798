//! The second contract kind: a grant pool paid in tranches, the second
//! conditioned on the share of participants in work or education in a
//! month (the Ungeløftet grant of the committee minutes of 3 Feb 2026,
//! item 4). Pure: the grant file is read by `wire::grant_file`, participants
//! by `wire::participants_csv`; nothing here reads a file, the store or the
//! clock.
//!
//! - [`bands`]: the result bands of tranche 2 and the check that they cover
//!   every share from 0 % to 100 % once;
//! - [`amounts`]: tranche amounts from the percentages, rounded once;
//! - [`participant`] and [`months`]: the month rule (who is counted, who is
//!   in work or education in a month);
//! - [`report`]: the figures per month and the money as of a date;
//! - [`check`]: errors and warnings of a grant file.

pub mod amounts;
pub mod bands;
pub mod check;
pub mod months;
pub mod participant;
pub mod report;
pub mod set;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::contract::Period;
use crate::ids::ContractId;
use crate::money::Money;

pub use bands::Band;
pub use participant::{Participant, Spell, WorkSpell};

/// One version of a grant, as the grant file states it. Every value has
/// passed the parser's checks; [`check::check`] adds the findings that need
/// the whole grant (bands, tranches, budget).
#[derive(Clone, Debug, PartialEq)]
pub struct Grant {
    pub id: ContractId,
    pub version: u32,
    pub title: String,
    /// The municipality receiving the grant.
    pub buyer: String,
    /// Who gives the grant (the grant letter's sender).
    pub grantor: String,
    /// The date of the grant letter (tilsagn).
    pub letter_date: NaiveDate,
    /// The whole grant (puljemidler), before tranches.
    pub amount: Money,
    /// The project period; months are measured inside it.
    pub period: Period,
    /// The municipality's own co-financing, as the file settles it.
    pub co_financing: Money,
    /// Other figures the sources print for the co-financing (a warning).
    pub co_financing_also_stated: Vec<Money>,
    /// The grant budgeted by year (finanslovsår), in file order.
    pub budget: Vec<BudgetRow>,
    pub target: TargetGroup,
    /// Tranche 1 in percent of the grant, paid on interim accounts, not on
    /// results.
    pub tranche1_pct: Decimal,
    /// Tranche 2 bands, ascending by `from_pct`.
    pub bands: Vec<Band>,
    pub rule: MonthRule,
    /// Tranches received, as finance records them in the file.
    pub received: Vec<Receipt>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BudgetRow {
    pub year: i32,
    pub amount: Money,
}

/// Who the grant is for: the ages at enrolment (inclusive) and a text.
/// The age is whole years from the birth date (from the CPR number) to the
/// enrolment date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetGroup {
    pub min_age: u32,
    pub max_age: u32,
    pub description: String,
}

/// How a month is measured: which months count, and what makes a
/// participant count as in work or in education in a month. Every figure
/// here is a setting of the grant file, none a constant in code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthRule {
    pub measurement: Measurement,
    /// Days of a month (while enrolled) in work, or in education, that make
    /// a participant count as in work, or in education, that month.
    pub min_days: u32,
    /// Hours a week a job must have to count as work (ordinary paid hours).
    pub min_hours_per_week: Decimal,
}

/// Which month decides tranche 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measurement {
    /// The best complete calendar month of the period.
    AnyMonth,
    /// One named month (its first day).
    Month(NaiveDate),
}

/// A tranche received, with its date and amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub tranche: u8,
    pub date: NaiveDate,
    pub amount: Money,
}

impl TargetGroup {
    /// The age at enrolment, or `Err(age)` when it is outside the group.
    pub fn admits(&self, birth: NaiveDate, enrolled: NaiveDate) -> Result<u32, i32> {
        let age = crate::calendar::whole_years(birth, enrolled);
        match u32::try_from(age) {
            Ok(a) if (self.min_age..=self.max_age).contains(&a) => Ok(a),
            _ => Err(age),
        }
    }
}

impl Grant {
    /// The sum of the budget rows.
    pub fn budget_total(&self) -> Money {
        self.budget.iter().map(|r| r.amount).sum()
    }

    /// What the budget rows miss of the grant (positive: the rows are short).
    pub fn budget_difference(&self) -> Money {
        self.amount - self.budget_total()
    }

    pub fn received(&self, tranche: u8) -> Money {
        self.received.iter().filter(|r| r.tranche == tranche).map(|r| r.amount).sum()
    }
}
