//! The stored form of a register extract: one record per import, its rows
//! with the citizen's pseudonym (never a CPR number).

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
    #[serde(default)]
    pub income: Vec<IncomeRecord>,
    #[serde(default)]
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
