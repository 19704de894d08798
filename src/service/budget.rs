//! What the budget must hold: the service gathers a contract's courses and
//! hands them, with the parameter files, to the pure `budget` core.

use chrono::{Datelike, NaiveDate};

use super::Service;
use crate::budget::BudgetAnswer;
use crate::budget::forecast::forecast;
use crate::budget::split::realised;
use crate::budget::view::budget_view;
use crate::store::RepoError;
use crate::store::kv::StoreError;

/// The budget year a date looks at: the year of the day after it (as of
/// 31 Dec 2025, 2026).
pub fn default_year(as_of: NaiveDate) -> i32 {
    as_of.succ_opt().unwrap_or(as_of).year()
}

impl Service {
    /// `GET /reports/budget`.
    pub fn budget(&self, contract: &str, as_of: NaiveDate, year: i32) -> Result<BudgetAnswer, RepoError> {
        let set = self.contracts();
        if !set.contains(contract) {
            return Err(RepoError::NotFound(format!("no contract {contract}")));
        }
        let params = crate::wire::parameters::builtin().map_err(|ps| {
            StoreError::Corrupt(format!(
                "the parameter files do not parse: {}",
                ps.first().map(ToString::to_string).unwrap_or_default()
            ))
        })?;
        let courses = self.all_courses(contract)?;
        let missing = || RepoError::NotFound(format!("no contract {contract}"));
        let split = realised(&set, contract, &courses, params, as_of).ok_or_else(missing)?;
        let forecast = forecast(&set, contract, &courses, params, as_of).ok_or_else(missing)?;
        let view = budget_view(&set, contract, &courses, params, &forecast, year).ok_or_else(missing)?;
        Ok(BudgetAnswer { split, forecast, view })
    }
}
