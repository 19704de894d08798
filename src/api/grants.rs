//! `/grants`: grant pools (the second contract kind), their participants
//! and their figures.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};

use super::error::ApiError;
use super::export::{csv_response, csv_wanted};
use super::params;
use crate::contract::Problem;
use crate::grant::set::warnings;
use crate::service::Service;
use crate::service::tokens::Caller;
use crate::wire::grant_out::{months_table, report_json};
use crate::wire::participants::{ParticipantsIn, from_csv, from_json};

pub async fn list(State(svc): State<Arc<Service>>) -> Json<Value> {
    let set = svc.contracts();
    let grants: Vec<Value> = set
        .grants
        .latest_each()
        .map(|g| {
            json!({
                "id": g.id.as_str(),
                "version": g.version,
                "title": g.title,
                "buyer": g.buyer,
                "grantor": g.grantor,
                "amount": g.amount.plain(),
                "period": { "from": g.period.from, "until": g.period.until },
                "warnings": warnings(g).iter().map(|w| json!({ "field": w.field(), "message": w.english() })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Json(json!({ "grants": grants }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    as_of: Option<String>,
    format: Option<String>,
    dialect: Option<String>,
}

pub async fn report(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q?;
    let as_of = params::as_of(q.as_of.as_deref())?;
    let csv = csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let policy = svc.disclosure.policy_for(caller.role);
    let found = super::blocking(move || svc.grant_report(&id, as_of)).await??;
    let Some((g, r)) = found else { return Err(ApiError::NotFound("no such grant".into())) };
    match csv {
        Some(dialect) => {
            let t = months_table(&g, &r, policy.as_ref());
            Ok(csv_response(&t, dialect, &format!("{}-months-{}", g.id, r.as_of)))
        }
        None => Ok(Json(report_json(&g, &r, policy.as_ref())).into_response()),
    }
}

/// Participants as JSON (`{"participants": [...]}`) or CSV (`text/csv`);
/// all or nothing.
pub async fn record_participants(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let Some(g) = svc.grant(&id) else { return Err(ApiError::NotFound("no such grant".into())) };
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let participants = if content_type.starts_with("text/csv") {
        let text = std::str::from_utf8(&body).map_err(|_| ApiError::BadRequest("the body is not UTF-8 text".into()))?;
        from_csv(text, "", &g, &svc.key).map_err(ApiError::Invalid)?
    } else if content_type.starts_with("application/json") {
        let parsed: ParticipantsIn = serde_json::from_slice(&body).map_err(|e| {
            if e.is_data() {
                ApiError::Invalid(vec![Problem::new("", None, crate::cpr::redact_cpr(&e.to_string()).into_owned())])
            } else {
                ApiError::BadRequest("the body is not valid JSON".into())
            }
        })?;
        from_json(parsed, &g, &svc.key).map_err(ApiError::Invalid)?
    } else {
        return Err(ApiError::UnsupportedMediaType(
            "send participants as JSON (application/json) or CSV (text/csv)".into(),
        ));
    };
    if participants.is_empty() {
        return Err(ApiError::Invalid(vec![Problem::new("participants", None, "no participants in the body")]));
    }
    let (added, replaced, unchanged) = svc.record_participants(g.id.as_str(), &participants, &caller.actor()).await?;
    let status = if added + replaced > 0 { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(json!({ "grant": g.id.as_str(), "added": added, "replaced": replaced, "unchanged": unchanged }))))
}
