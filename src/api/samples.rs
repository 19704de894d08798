//! `/audit/samples`: audit samples of paid milestones (finance): drawn from
//! a seed, exported as a work list, checked against the documents, and
//! extrapolated to the payments they were drawn from.

use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};

use super::error::ApiError;
use super::export::{csv_response, csv_wanted};
use crate::contract::Problem;
use crate::money::Money;
use crate::sampling::extrapolate::Extrapolation;
use crate::sampling::{Confidence, Outcome};
use crate::service::Service;
use crate::service::samples::{Check, SampleRequest};
use crate::service::tokens::Caller;
use crate::store::sample_records::SampleRecord;
use crate::table::{Column, Table, Value as Cell};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrawIn {
    seed: u64,
    confidence_pct: Option<String>,
    tolerable_error_pct: Option<String>,
    size: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecksIn {
    checks: Vec<CheckIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    payment_id: u64,
    outcome: String,
    error_amount: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    format: Option<String>,
    dialect: Option<String>,
}

fn body<T>(b: Result<Json<T>, JsonRejection>) -> Result<T, ApiError> {
    b.map(|Json(v)| v).map_err(|e| match e {
        JsonRejection::JsonDataError(e) => {
            ApiError::Invalid(vec![Problem::new("", None, crate::cpr::redact_cpr(&e.body_text()).into_owned())])
        }
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::UnsupportedMediaType("send the body as JSON (application/json)".into())
        }
        other => ApiError::BadRequest(other.body_text()),
    })
}

/// Draws and stores a sample.
pub async fn draw(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    b: Result<Json<DrawIn>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let d = body(b)?;
    let mut problems = Vec::new();
    let confidence = match d.confidence_pct.as_deref() {
        None => Some(Confidence::P95),
        Some(t) => Confidence::parse(t),
    };
    if confidence.is_none() {
        problems.push(Problem::new("confidence_pct", None, "expected 90, 95 or 99"));
    }
    let tolerable = match d.tolerable_error_pct.as_deref() {
        None => None,
        Some(t) => match t.trim().parse::<Decimal>() {
            Ok(v) if v > Decimal::ZERO && v < Decimal::ONE_HUNDRED => Some(v / Decimal::ONE_HUNDRED),
            _ => {
                problems.push(Problem::new("tolerable_error_pct", None, "expected a percentage above 0 and below 100"));
                None
            }
        },
    };
    let Some(confidence) = confidence.filter(|_| problems.is_empty()) else {
        return Err(ApiError::Invalid(problems));
    };
    let req = SampleRequest { seed: d.seed, confidence, tolerable, size: d.size };
    let rec = svc.draw_sample(&req, &caller.actor()).await?;
    Ok((StatusCode::CREATED, Json(sample_json(&rec))))
}

fn sample_json(rec: &SampleRecord) -> Value {
    json!({
        "id": rec.id, "seed": rec.seed, "confidence_pct": rec.confidence_pct,
        "tolerable_error_pct": rec.tolerable_error_pct, "size": rec.size,
        "population": rec.population.len(), "items": rec.items,
    })
}

fn work_list(rec: &SampleRecord) -> Table {
    Table {
        name: "sample",
        title_en: format!("Audit sample {}", rec.id),
        title_da: format!("Stikprøve {}", rec.id),
        columns: vec![
            Column::new("payment_id", "Payment", "Betaling"),
            Column::new("course_id", "Course", "Forløb"),
            Column::new("milestone", "Milestone", "Rate"),
            Column::new("amount", "Amount", "Beløb"),
            Column::new("outcome", "Outcome", "Resultat"),
            Column::new("error_amount", "Error amount", "Fejlbeløb"),
        ],
        rows: rec
            .items
            .iter()
            .map(|p| {
                let money = |t: &str| Money::parse(t).map_or_else(|_| Cell::Text(t.to_string()), Cell::Money);
                vec![
                    Cell::Int(p.payment_id),
                    Cell::Text(p.course_id.clone()),
                    Cell::Text(p.milestone.clone()),
                    money(&p.amount),
                    p.outcome.clone().map_or(Cell::Missing, Cell::Text),
                    p.error_amount.as_deref().map_or(Cell::Missing, money),
                ]
            })
            .collect(),
        total: None,
    }
}

/// A sample and its work list (JSON, or CSV).
pub async fn get(
    State(svc): State<Arc<Service>>,
    Path(id): Path<u64>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q?;
    let csv = csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let rec = svc.sample(id)?;
    Ok(match csv {
        Some(dialect) => csv_response(&work_list(&rec), dialect, &format!("sample-{id}")),
        None => Json(sample_json(&rec)).into_response(),
    })
}

/// Records document checks, all or nothing.
pub async fn checks(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<u64>,
    b: Result<Json<ChecksIn>, JsonRejection>,
) -> Result<Json<Value>, ApiError> {
    let c = body(b)?;
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (i, ch) in c.checks.iter().enumerate() {
        let outcome = match (ch.outcome.as_str(), ch.error_amount.as_deref()) {
            ("confirmed", None) => Some(Outcome::Confirmed),
            ("error", Some(a)) => match Money::parse(a) {
                Ok(m) => Some(Outcome::Error(m)),
                Err(e) => {
                    problems.push(Problem::new(format!("checks[{i}].error_amount"), None, e.to_string()));
                    None
                }
            },
            ("error", None) => {
                problems.push(Problem::new(format!("checks[{i}].error_amount"), None, "an error needs its amount"));
                None
            }
            ("confirmed", Some(_)) => {
                problems.push(Problem::new(format!("checks[{i}].error_amount"), None, "a confirmed payment has none"));
                None
            }
            _ => {
                problems.push(Problem::new(format!("checks[{i}].outcome"), None, "expected confirmed or error"));
                None
            }
        };
        if let Some(outcome) = outcome {
            out.push(Check { payment_id: ch.payment_id, outcome });
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Invalid(problems));
    }
    let rec = svc.record_checks(id, &out, &caller.actor()).await?;
    Ok(Json(sample_json(&rec)))
}

fn result_json(rec: &SampleRecord, x: &Extrapolation) -> Value {
    let strata: Vec<Value> = x
        .strata
        .iter()
        .map(|s| {
            json!({ "milestone": s.milestone, "population": s.population, "paid": s.paid.plain(),
                "checked": s.checked, "errors": s.errors, "error_found": s.error_found.plain(),
                "estimated_error": s.estimate.plain() })
        })
        .collect();
    let clawback: Vec<Value> = x
        .clawback
        .iter()
        .map(|(p, m)| {
            json!({ "payment_id": p.payment_id, "course_id": p.course_id.as_str(), "milestone": p.milestone,
                "paid": p.amount.plain(), "claw_back": m.plain() })
        })
        .collect();
    json!({
        "id": rec.id, "confidence_pct": x.confidence.pct(), "paid": x.paid.plain(),
        "error_found": x.error_found.plain(), "estimated_error": x.estimate.plain(),
        "interval": { "lower": x.lower.plain(), "upper": x.upper.plain() },
        "strata": strata, "clawback": clawback,
    })
}

/// The checked part of the sample extrapolated to its population.
pub async fn result(State(svc): State<Arc<Service>>, Path(id): Path<u64>) -> Result<Json<Value>, ApiError> {
    let (rec, x) = super::blocking(move || svc.sample_result(id)).await??;
    Ok(Json(result_json(&rec, &x)))
}
