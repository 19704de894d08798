//! `POST /reports/check`: a typed figure list (CSV: label, value), as a
//! secretary copies it from a draft case text, checked against the
//! committee figures as of a date; every figure that disagrees is flagged.

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
use crate::service::Service;
use crate::service::tokens::Caller;
use crate::wire::figure_check_out;
use crate::wire::figures_csv::read_typed;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckQuery {
    contract: Option<String>,
    as_of: Option<String>,
    format: Option<String>,
    dialect: Option<String>,
}

pub async fn check(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    q: Result<Query<CheckQuery>, QueryRejection>,
    body: String,
) -> Result<Response, ApiError> {
    let Query(q) = q?;
    let as_of = params::as_of(q.as_of.as_deref())?;
    let contract = contract_param(&svc, q.contract.as_deref())?;
    let csv = csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let typed = read_typed(&body, "body").map_err(ApiError::Invalid)?;
    let policy = svc.disclosure.policy_for(caller.role);
    let c = contract.clone();
    let checked = super::blocking(move || svc.check_figures(&c, as_of, &typed, policy.as_ref())).await??;
    Ok(match csv {
        Some(dialect) => {
            let da = dialect == crate::wire::table_csv::Dialect::ExcelDa;
            csv_response(&figure_check_out::table(&checked, da), dialect, &format!("{contract}-check-{as_of}"))
        }
        None => Json(figure_check_out::json(&contract, as_of, &checked)).into_response(),
    })
}
