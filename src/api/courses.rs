//! `/courses`: referrals, events and evaluations.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use super::error::{ApiError, ApiJson};
use super::params;
use crate::contract::Problem;
use crate::service::Service;
use crate::service::tokens::{Caller, Role};
use crate::verdict::CourseStatus;
use crate::wire::course_api::{CourseIn, CourseOut, EventOut, events_in};

pub async fn create(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    ApiJson(body): ApiJson<CourseIn>,
) -> Result<(StatusCode, Json<CourseOut>), ApiError> {
    let (rec, created) = svc.create_course(body, &caller.actor()).await?;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(CourseOut::of(&rec, true))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    contract: Option<String>,
    status: Option<String>,
    limit: Option<usize>,
    after: Option<String>,
    as_of: Option<String>,
    format: Option<String>,
    dialect: Option<String>,
}

pub async fn list(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    headers: axum::http::HeaderMap,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let Query(q) = q?;
    let csv = super::export::csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let limit = params::limit(q.limit, svc.limits.max_page)?;
    let as_of = params::as_of(q.as_of.as_deref())?;
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(CourseStatus::parse(s).ok_or_else(|| {
            ApiError::Invalid(vec![Problem::new(
                "status",
                None,
                format!(
                    "`{s}` is not a status; expected ongoing, ended_job, ended_no_job, interrupted or not_yet_referred"
                ),
            )])
        })?),
    };
    let page = svc.list_courses(&caller.viewer(), q.contract.as_deref(), status, as_of, q.after.as_deref(), limit)?;
    if let Some(dialect) = csv {
        let rows: Vec<_> = page
            .courses
            .iter()
            .map(|(r, s)| {
                (
                    r.course_id.clone(),
                    r.citizen.clone(),
                    r.contract.clone(),
                    r.target_group.clone(),
                    r.referred_on,
                    *s,
                    r.events.len(),
                )
            })
            .collect();
        return Ok(super::export::csv_response(&crate::wire::tables::courses(&rows), dialect, "courses"));
    }
    let courses: Vec<Value> = page
        .courses
        .iter()
        .map(|(r, s)| {
            json!({
                "course_id": r.course_id, "citizen": r.citizen, "contract": r.contract,
                "target_group": r.target_group, "referred_on": r.referred_on, "status": s.as_str(),
                "events": r.events.len(),
            })
        })
        .collect();
    Ok(Json(json!({ "as_of": as_of, "courses": courses, "next_after": page.next_after })).into_response())
}

pub async fn get(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<CourseOut>, ApiError> {
    let rec = svc.course_for(&id, &caller.viewer())?;
    Ok(Json(CourseOut::of(&rec, caller.role != Role::Supplier)))
}

pub async fn append(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let events = events_in(&body).map_err(ApiError::Invalid)?;
    let appended = svc.append_events(&id, events, &caller.actor()).await?;
    let out: Vec<EventOut> = appended.iter().map(|e| EventOut::of(e, true)).collect();
    Ok((StatusCode::CREATED, Json(json!({ "course_id": id, "appended": out }))))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsOf {
    pub(super) as_of: Option<String>,
}

pub async fn evaluation(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    q: Result<Query<AsOf>, axum::extract::rejection::QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Query(q) = q?;
    let as_of = params::as_of(q.as_of.as_deref())?;
    let e = svc.evaluation(&id, as_of, &caller.viewer())?;
    let mut v = serde_json::to_value(e).expect("serialises");
    v["as_of"] = json!(as_of);
    Ok(Json(v))
}
