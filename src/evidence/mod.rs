//! Register evidence: rows of the income register (paid hours per pay
//! period) and of the benefit register (a benefit code per ISO week), the
//! work and benefit periods they establish for a course (`derive`), and each
//! milestone judged a second time on them, with the differences in words
//! (`judge`, `words`). Pure: the rows are given, pseudonymised at the edge.

pub mod derive;
pub mod flag;
pub mod judge;
pub mod words;

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::ids::{CitizenRef, Cvr};
use crate::money::Money;

/// One row of the income register: what an employer paid a citizen for one
/// pay period (inclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncomeRow {
    pub citizen: CitizenRef,
    pub employer: Cvr,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Paid hours, at least 0.
    pub hours: Decimal,
    pub income: Money,
}

/// One row of the benefit register: a benefit code paid to a citizen in an
/// ISO week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenefitRow {
    pub citizen: CitizenRef,
    pub year: i32,
    pub week: u32,
    pub code: String,
}

impl BenefitRow {
    /// The week's Monday and Sunday; `None` for a week the year does not have.
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        let monday = NaiveDate::from_isoywd_opt(self.year, self.week, chrono::Weekday::Mon)?;
        let sunday = NaiveDate::from_isoywd_opt(self.year, self.week, chrono::Weekday::Sun)?;
        Some((monday, sunday))
    }
}

/// The register extracts loaded, for all citizens.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Registers {
    pub income: Vec<IncomeRow>,
    pub benefits: Vec<BenefitRow>,
}

impl Registers {
    /// The last day the income register covers: the end of its latest pay
    /// period. A work month reaching it is still running.
    pub fn income_until(&self) -> Option<NaiveDate> {
        self.income.iter().map(|r| r.to).max()
    }

    /// Each citizen's rows, in one pass over the extracts: for judging many
    /// courses at once (`judge::check_until` with the whole extracts'
    /// `income_until`, since one citizen's rows do not say how far the
    /// register reaches).
    pub fn by_citizen(&self) -> HashMap<&CitizenRef, Registers> {
        let mut out: HashMap<&CitizenRef, Registers> = HashMap::new();
        for row in &self.income {
            out.entry(&row.citizen).or_default().income.push(row.clone());
        }
        for row in &self.benefits {
            out.entry(&row.citizen).or_default().benefits.push(row.clone());
        }
        out
    }
}
