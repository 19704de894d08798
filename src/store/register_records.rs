//! The stored form of a register extract: one record per import (what was
//! imported, when, by whom, how many rows) and the rows themselves, one
//! record per citizen and pay period or ISO week, with the citizen's
//! pseudonym (never a CPR number). Records of imports before rows were
//! stored apart hold their rows themselves.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::evidence::{BenefitRow, IncomeRow};
use crate::ids::{CitizenRef, Cvr};
use crate::money::Money;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExtractRecord {
    /// `income` or `benefits`.
    pub kind: String,
    /// The file's name as given, if any.
    pub file: String,
    pub imported_at: DateTime<Utc>,
    pub imported_by: String,
    /// Rows in the extract (0 in records that hold their rows).
    #[serde(default)]
    pub rows: u64,
    /// Of them, rows for a citizen and period an earlier extract stated.
    #[serde(default)]
    pub replacing: u64,
    /// The rows, in records of imports before rows were stored apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub income: Vec<IncomeRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<BenefitRecord>,
}

/// What the latest extract says of one citizen and one pay period (income)
/// or ISO week (benefits): every row it has for them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowGroup {
    /// The extract's number among those of its kind.
    pub extract: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub income: Vec<IncomeRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<BenefitRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeRecord {
    pub citizen: String,
    pub employer: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub hours: Decimal,
    pub income: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitRecord {
    pub citizen: String,
    pub year: i32,
    pub week: u32,
    pub code: String,
}

impl IncomeRecord {
    /// The pay period the row is about: `2025-03-01..2025-03-31`.
    pub fn period(&self) -> String {
        format!("{}..{}", self.from, self.to)
    }

    pub fn new(r: &IncomeRow) -> IncomeRecord {
        IncomeRecord {
            citizen: r.citizen.as_str().to_string(),
            employer: r.employer.as_str().to_string(),
            from: r.from,
            to: r.to,
            hours: r.hours,
            income: r.income.as_decimal(),
        }
    }

    pub fn to_row(&self) -> Result<IncomeRow, String> {
        Ok(IncomeRow {
            citizen: CitizenRef::parse(&self.citizen).map_err(|e| e.to_string())?,
            employer: Cvr::parse(&self.employer).map_err(|e| e.to_string())?,
            from: self.from,
            to: self.to,
            hours: self.hours,
            income: Money::from_decimal(self.income),
        })
    }
}

impl BenefitRecord {
    /// The ISO week the row is about: `2025-W14`.
    pub fn period(&self) -> String {
        format!("{:04}-W{:02}", self.year, self.week)
    }

    pub fn new(r: &BenefitRow) -> BenefitRecord {
        BenefitRecord { citizen: r.citizen.as_str().to_string(), year: r.year, week: r.week, code: r.code.clone() }
    }

    pub fn to_row(&self) -> Result<BenefitRow, String> {
        Ok(BenefitRow {
            citizen: CitizenRef::parse(&self.citizen).map_err(|e| e.to_string())?,
            year: self.year,
            week: self.week,
            code: self.code.clone(),
        })
    }
}
