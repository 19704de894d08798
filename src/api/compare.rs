//! `GET /reports/compare`: options side by side (aggregates only).

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
use crate::service::Service;
use crate::service::tokens::Caller;
use crate::wire::compare_out;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareQuery {
    /// Comma-separated contract ids; empty or left out: every contract.
    contracts: Option<String>,
    target_group: Option<String>,
    as_of: Option<String>,
    format: Option<String>,
    dialect: Option<String>,
}

pub async fn compare(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    q: Result<Query<CompareQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q?;
    let as_of = params::as_of(q.as_of.as_deref())?;
    let csv = csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let mut ids: Vec<String> = Vec::new();
    for id in q.contracts.as_deref().unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !ids.iter().any(|x| x == id) {
            ids.push(id.to_string());
        }
    }
    let policy = svc.disclosure.policy_for(caller.role);
    let group = q.target_group.clone();
    let c = super::blocking(move || svc.compare(&ids, group.as_deref(), as_of, policy.as_ref())).await??;
    match csv {
        Some(dialect) => {
            let da = dialect == crate::wire::table_csv::Dialect::ExcelDa;
            Ok(csv_response(&compare_out::table(&c, da), dialect, &format!("compare-{}", c.as_of)))
        }
        None => Ok(Json(compare_out::json(&c)).into_response()),
    }
}
