//! The HTTP API (axum): the router, the access policy, one error type.
//! Handlers parse the request, call the [`Service`] and shape the answer;
//! the rules stay in the core.

pub mod access;
pub mod budget;
pub mod compare;
pub mod contracts;
pub mod courses;
pub mod error;
pub mod export;
pub mod figures;
pub mod grants;
pub mod invoices;
pub mod ledger;
pub mod openapi;
pub mod params;
pub mod registers;
pub mod reports;
pub mod samples;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::service::Service;
use error::ApiError;

/// Runs blocking work (a large verification, a scan) off the async threads.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|e| ApiError::Internal(e.to_string()))
}

/// The path as logged: never the query, headers or body (so no token), and
/// any segment that holds a CPR-like number, also percent-encoded
/// (`010170%2D1234`), replaced.
pub fn log_path(path: &str) -> String {
    path.split('/')
        .map(|seg| if crate::cpr::contains_cpr(&percent_decoded(seg)) { "[redacted]" } else { seg })
        .collect::<Vec<_>>()
        .join("/")
}

/// `%2D` → `-`; anything that is not an escape stays as it is.
fn percent_decoded(seg: &str) -> String {
    let b = seg.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = (b[i] == b'%').then(|| seg.get(i + 1..i + 3)).flatten().and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn health(State(svc): State<Arc<Service>>) -> Result<Json<Value>, ApiError> {
    crate::store::Read::get::<serde_json::Value>(&svc.repo, crate::store::keys::AUDIT_HEAD)?;
    Ok(Json(
        json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION"), "contracts": svc.contracts().ids().count() }),
    ))
}

/// `Server-Timing: app;dur=<ms>`: the time spent in the server, for
/// operators and load tests.
async fn server_timing(req: Request, next: middleware::Next) -> axum::response::Response {
    let start = std::time::Instant::now();
    let mut res = next.run(req).await;
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if let Ok(v) = axum::http::HeaderValue::from_str(&format!("app;dur={ms:.3}")) {
        res.headers_mut().insert("server-timing", v);
    }
    res
}

async fn openapi(State(svc): State<Arc<Service>>) -> Json<Value> {
    Json(openapi::document(&svc.limits))
}

/// The API router over a service.
pub fn router(svc: Arc<Service>) -> Router {
    let limits = svc.limits.clone();
    let api = Router::new()
        .route("/health", get(health))
        .route("/openapi.json", get(openapi))
        .route("/contracts", get(contracts::list).post(contracts::add))
        .route("/contracts/{id}", get(contracts::get))
        .route("/courses", get(courses::list).post(courses::create))
        .route("/courses/{id}", get(courses::get))
        .route("/courses/{id}/events", post(courses::append))
        .route("/courses/{id}/evaluation", get(courses::evaluation))
        .route("/invoices/verify", post(invoices::verify))
        .route("/invoices", post(invoices::record))
        .route("/invoices/{cvr}/{number}", get(invoices::get))
        .route("/payments", get(ledger::payments))
        .route("/payments/at-risk", get(ledger::at_risk))
        .route("/payments/{id}/reversal", post(ledger::reverse))
        .route("/audit", get(ledger::audit))
        .route("/audit/verify", get(ledger::audit_verify))
        .route("/audit/anchor", get(ledger::audit_anchor))
        .route("/reports/portfolio", get(reports::portfolio))
        .route("/reports/scenario", post(reports::scenario))
        .route("/reports/check", post(figures::check))
        .route("/grants", get(grants::list))
        .route("/grants/{id}/report", get(grants::report))
        .route("/grants/{id}/participants", post(grants::record_participants))
        .route("/reports/compare", get(compare::compare))
        .route("/reports/budget", get(budget::budget))
        .route("/audit/samples", post(samples::draw))
        .route("/audit/samples/{id}", get(samples::get))
        .route("/audit/samples/{id}/checks", post(samples::checks))
        .route("/audit/samples/{id}/result", get(samples::result))
        .route("/registers/income", post(registers::income))
        .route("/registers/benefits", post(registers::benefits))
        .route("/courses/{id}/registers", get(registers::course))
        .route_layer(middleware::from_fn_with_state(svc.clone(), access::authorize))
        .merge(crate::pages::router());
    api.with_state(svc)
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, limits.request_timeout))
        .layer(middleware::from_fn(error::problem_fallback))
        .layer(middleware::from_fn(server_timing))
        .layer(TraceLayer::new_for_http().make_span_with(
            |req: &Request| tracing::info_span!("request", method = %req.method(), path = %log_path(req.uri().path())),
        ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn logged_paths_hold_no_cpr_number_even_percent_encoded() {
        assert_eq!(super::log_path("/courses/010170%2D1234/evaluation"), "/courses/[redacted]/evaluation");
        assert_eq!(super::log_path("/courses/s-01.01.70-1234"), "/courses/[redacted]");
        assert_eq!(super::log_path("/courses/c-2025-0001"), "/courses/c-2025-0001");
    }
}
