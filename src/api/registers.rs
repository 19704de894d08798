//! `/registers`: register extracts (income, benefits) imported as CSV, and a
//! course's milestones judged on them.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde_json::{Value, json};

use super::courses::AsOf;
use super::error::ApiError;
use super::params;
use crate::contract::Problem;
use crate::evidence::judge::RegisterCheck;
use crate::lang::Lang;
use crate::service::Service;
use crate::service::registers::Extract;
use crate::service::tokens::Caller;
use crate::wire::registers_csv;

fn csv_text(headers: &HeaderMap, body: &Bytes) -> Result<String, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if !content_type.starts_with("text/csv") {
        return Err(ApiError::UnsupportedMediaType("send the register extract as CSV (text/csv)".into()));
    }
    String::from_utf8(body.to_vec()).map_err(|_| ApiError::BadRequest("the body is not UTF-8 text".into()))
}

async fn import(svc: Arc<Service>, caller: Caller, extract: Extract) -> Result<(StatusCode, Json<Value>), ApiError> {
    if extract.is_empty() {
        return Err(ApiError::Invalid(vec![Problem::new("", None, "no rows in the extract")]));
    }
    let (seq, _) = svc.import_extract(&extract, "", &caller.actor()).await?;
    Ok((StatusCode::CREATED, Json(json!({ "kind": extract.kind(), "extract": seq, "rows": extract.len() }))))
}

/// An income register extract (CSV); stored whole or not at all.
pub async fn income(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let text = csv_text(&headers, &body)?;
    let rows = registers_csv::income(&text, "", &svc.key).map_err(ApiError::Invalid)?;
    import(svc, caller, Extract::Income(rows)).await
}

/// A benefit register extract (CSV); stored whole or not at all.
pub async fn benefits(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let text = csv_text(&headers, &body)?;
    let rows = registers_csv::benefits(&text, "", &svc.key).map_err(ApiError::Invalid)?;
    import(svc, caller, Extract::Benefits(rows)).await
}

/// A course's milestones judged on the recorded events and on the
/// registers, and the differences in English and Danish.
pub async fn course(
    State(svc): State<Arc<Service>>,
    Path(id): Path<String>,
    q: Result<Query<AsOf>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = q?;
    let as_of = params::as_of(q.as_of.as_deref())?;
    let found = super::blocking(move || svc.register_check(&id, as_of)).await??;
    let Some(check) = found else {
        return Err(ApiError::NotFound("the course's contract has no [registers] table".into()));
    };
    Ok(Json(check_json(&check, as_of)))
}

pub fn check_json(check: &RegisterCheck, as_of: chrono::NaiveDate) -> Value {
    let milestones: Vec<Value> = check
        .milestones
        .iter()
        .map(|m| {
            json!({
                "after_months": m.after_months,
                "recorded": m.recorded.status(),
                "registers": m.register.status(),
                "covered": m.covered,
                "disagrees": m.disagrees(),
            })
        })
        .collect();
    let differences: Vec<Value> = check
        .differences
        .iter()
        .map(|d| json!({ "code": d.code(), "en": d.say(Lang::En), "da": d.say(Lang::Da) }))
        .collect();
    json!({ "as_of": as_of, "milestones": milestones, "differences": differences })
}
