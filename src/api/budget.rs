//! `GET /reports/budget`: what the budget must hold (finance, procurement).

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::error::ApiError;
use super::export::{csv_response, csv_wanted};
use super::params;
use super::reports::contract_param;
use crate::contract::Problem;
use crate::service::Service;
use crate::service::budget::default_year;
use crate::service::tokens::Caller;
use crate::wire::budget_out::{BUDGET_TABLES, budget_table, forecast_table, json, rates_table, split_table};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetQuery {
    contract: Option<String>,
    as_of: Option<String>,
    year: Option<String>,
    format: Option<String>,
    dialect: Option<String>,
    table: Option<String>,
}

fn year_param(text: Option<&str>, default: i32) -> Result<i32, ApiError> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default),
        Some(t) => t.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)).ok_or_else(|| {
            ApiError::Invalid(vec![Problem::new("year", None, format!("`{t}` is not a year from 2000 to 2100"))])
        }),
    }
}

pub async fn budget(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    q: Result<Query<BudgetQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q?;
    let as_of = params::as_of(q.as_of.as_deref())?;
    let year = year_param(q.year.as_deref(), default_year(as_of))?;
    let contract = contract_param(&svc, q.contract.as_deref())?;
    let csv = csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let table = q.table.as_deref().filter(|t| !t.is_empty()).unwrap_or(BUDGET_TABLES[0]).to_string();
    if !BUDGET_TABLES.contains(&table.as_str()) {
        return Err(ApiError::Invalid(vec![Problem::new(
            "table",
            None,
            format!("`{table}` is not a table; one of {}", BUDGET_TABLES.join(", ")),
        )]));
    }
    // The figures are per target group without small-cell protection; a
    // reader the [disclosure] setting protects reads the committee figures.
    if svc.disclosure.policy_for(caller.role).is_some() {
        return Err(ApiError::Forbidden(format!(
            "the {} role sees figures under small-cell protection; the budget figures are not protected",
            caller.role
        )));
    }
    let a = super::blocking(move || svc.budget(&contract, as_of, year)).await??;
    match csv {
        Some(dialect) => {
            let da = dialect == crate::wire::table_csv::Dialect::ExcelDa;
            let t = match table.as_str() {
                "split" => split_table(&a.split, da),
                "budget" => budget_table(&a.view, da),
                "rates" => rates_table(&a.forecast, da),
                _ => forecast_table(&a.forecast, da),
            };
            Ok(csv_response(&t, dialect, &format!("{}-{table}-{}", a.forecast.contract, a.forecast.as_of)))
        }
        None => Ok(Json(json(&a)).into_response()),
    }
}
