//! `/payments` and `/audit`: the ledger and its audit trail (finance).

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use super::error::{ApiError, ApiJson};
use super::export::{csv_response, csv_wanted};
use super::params;
use crate::contract::Problem;
use crate::money::Money;
use crate::service::Service;
use crate::service::ledger_tables as tables;
use crate::service::tokens::Caller;
use crate::store::anchor::Anchor;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractQuery {
    contract: Option<String>,
    format: Option<String>,
    dialect: Option<String>,
}

pub async fn payments(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    q: Result<Query<ContractQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q?;
    let csv = csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let list = svc.payments(q.contract.as_deref())?;
    if let Some(dialect) = csv {
        return Ok(csv_response(&tables::payments(&list), dialect, "payments"));
    }
    let (mut paid, mut reversed) = (Money::ZERO, Money::ZERO);
    let payments: Vec<Value> = list
        .iter()
        .map(|(p, r)| {
            let amount = Money::parse(&p.amount).unwrap_or(Money::ZERO);
            paid += amount;
            if r.is_some() {
                reversed += amount;
            }
            let mut v = serde_json::to_value(p).expect("serialises");
            v["reversal"] = serde_json::to_value(r).expect("serialises");
            v
        })
        .collect();
    Ok(Json(json!({
        "payments": payments,
        "total_paid": paid.plain(),
        "total_reversed": reversed.plain(),
        "net": (paid - reversed).plain(),
    }))
    .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsOf {
    as_of: Option<String>,
    format: Option<String>,
    dialect: Option<String>,
}

pub async fn at_risk(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    q: Result<Query<AsOf>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q?;
    let as_of = params::as_of(q.as_of.as_deref())?;
    let csv = csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let list = super::blocking(move || svc.at_risk(as_of)).await??;
    if let Some(dialect) = csv {
        return Ok(csv_response(&tables::at_risk(&list), dialect, &format!("at-risk-{as_of}")));
    }
    let total: Money = list.iter().filter_map(|a| Money::parse(&a.payment.amount).ok()).sum();
    Ok(Json(json!({ "as_of": as_of, "payments": list, "total_at_risk": total.plain() })).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReversalIn {
    reason: Option<String>,
    /// The day the reversal takes effect; default today, not after today.
    booked_on: Option<String>,
}

pub async fn reverse(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ReversalIn>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let id: u64 = id.parse().map_err(|_| ApiError::NotFound(format!("no payment {id}")))?;
    let booked_on = match body.booked_on.as_deref() {
        None | Some("") => params::today(),
        Some(text) => {
            let d = crate::wire::course_in::parse_date(text).ok_or_else(|| {
                ApiError::Invalid(vec![crate::contract::Problem::new(
                    "booked_on",
                    None,
                    crate::wire::course_in::not_a_date(text),
                )])
            })?;
            params::not_after_today(d, "booked_on")?
        }
    };
    let r = svc.reverse(id, body.reason.as_deref().unwrap_or(""), booked_on, &caller.actor()).await?;
    Ok((StatusCode::CREATED, Json(serde_json::to_value(r).expect("serialises"))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// A sequence number; read as text so that one past the largest (an
    /// integer, as documented) is "after everything", not an error.
    after: Option<String>,
    limit: Option<usize>,
}

pub async fn audit(
    State(svc): State<Arc<Service>>,
    q: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = q?;
    let limit = params::limit(q.limit, svc.limits.max_page)?;
    let after = match q.after.as_deref() {
        None => 0,
        Some(t) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => t.parse::<u64>().unwrap_or(u64::MAX),
        Some(t) => return Err(ApiError::BadRequest(format!("after: `{t}` is not a sequence number"))),
    };
    let entries = svc.repo.audit_page(after, limit)?;
    let next = (entries.len() == limit).then(|| entries.last().map(|e| e.seq)).flatten();
    Ok(Json(json!({ "entries": entries, "next_after": next })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerifyQuery {
    /// An anchor filed earlier (`SEQ:HASH`) that the store must reach.
    expect: Option<String>,
}

/// The chain, the store against its anchor file, and against `expect`.
pub async fn audit_verify(
    State(svc): State<Arc<Service>>,
    q: Result<Query<VerifyQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = q?;
    let expect = match q.expect.as_deref() {
        None => None,
        Some(text) => Some(Anchor::parse(text).map_err(|e| ApiError::Invalid(vec![Problem::new("expect", None, e)]))?),
    };
    let report = super::blocking(move || svc.repo.verify(expect.as_ref())).await??;
    Ok(Json(serde_json::to_value(report).expect("serialises")))
}

/// The store's anchor (the audit head last made durable), to file off the
/// machine; `serve --expect-anchor` and `/audit/verify?expect=` check a
/// store against it later.
pub async fn audit_anchor(State(svc): State<Arc<Service>>) -> Result<Json<Value>, ApiError> {
    let a = svc.repo.anchor()?;
    Ok(Json(json!({ "anchor": a.to_string(), "seq": a.seq, "hash": a.hash })))
}
