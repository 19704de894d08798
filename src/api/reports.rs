//! `/reports`: committee figures (aggregates only) and the what-if.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::error::{ApiError, ApiJson};
use super::export::{csv_response, csv_wanted};
use super::params;
use crate::contract::Problem;
use crate::service::Service;
use crate::service::tokens::Caller;
use crate::wire::report_out::{ReportView, TABLES};
use crate::wire::scenario::ScenarioIn;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioQuery {
    contract: Option<String>,
    as_of: Option<String>,
    format: Option<String>,
    dialect: Option<String>,
    table: Option<String>,
}

/// The contract asked for, or the only one there is.
pub fn contract_param(svc: &Service, given: Option<&str>) -> Result<String, ApiError> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        Some(c) => Ok(c.to_string()),
        None => {
            let set = svc.contracts();
            let ids: Vec<&str> = set.ids().collect();
            match ids.as_slice() {
                [one] => Ok(one.to_string()),
                _ => Err(ApiError::Invalid(vec![Problem::new(
                    "contract",
                    None,
                    format!("missing; one of {}", ids.join(", ")),
                )])),
            }
        }
    }
}

pub async fn portfolio(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    q: Result<Query<PortfolioQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q?;
    let as_of = params::as_of(q.as_of.as_deref())?;
    let contract = contract_param(&svc, q.contract.as_deref())?;
    let csv = csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let table = q.table.clone();
    if let Some(t) = table.as_deref()
        && !TABLES.contains(&t)
    {
        return Err(ApiError::Invalid(vec![Problem::new(
            "table",
            None,
            format!("`{t}` is not a table; one of {}", TABLES.join(", ")),
        )]));
    }
    let policy = svc.disclosure.policy_for(caller.role);
    let p = super::blocking(move || svc.portfolio(&contract, as_of)).await??;
    let view = ReportView::with_policy(&p, policy.as_ref());
    match csv {
        Some(dialect) => {
            let name = table.as_deref().unwrap_or("status");
            let da = dialect == crate::wire::table_csv::Dialect::ExcelDa;
            let t = view.table(name, da).expect("checked above");
            Ok(csv_response(&t, dialect, &format!("{}-{name}-{}", p.contract, p.as_of)))
        }
        None => Ok(Json(view.json()).into_response()),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioQuery {
    format: Option<String>,
}

pub async fn scenario(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    q: Result<Query<ScenarioQuery>, QueryRejection>,
    ApiJson(mut body): ApiJson<ScenarioIn>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let Query(q) = q?;
    if q.format.as_deref().is_some_and(|f| f != "json") {
        return Err(ApiError::Invalid(vec![Problem::new("format", None, "a scenario is answered in JSON")]));
    }
    let as_of = params::as_of(body.as_of.as_deref())?;
    body.contract = Some(contract_param(&svc, body.contract.as_deref())?);
    let policy = svc.disclosure.policy_for(caller.role);
    let answer = super::blocking(move || svc.scenario(&body, as_of, policy.as_ref())).await??;
    Ok(Json(answer.json()))
}
