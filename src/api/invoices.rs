//! `/invoices`: verify (a dry run) and record.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::error::{ApiError, ApiJson};
use super::params;
use crate::service::tokens::Caller;
use crate::service::{Service, Viewer};
use crate::wire::course_in::parse_date;
use crate::wire::invoice::{InvoiceIn, VerificationOut};

/// An invoice body: JSON, or CSV (`Content-Type: text/csv`, one row per
/// line; see `wire::invoice_csv`).
pub struct InvoiceBody(pub InvoiceIn);

impl<S: Send + Sync> axum::extract::FromRequest<S> for InvoiceBody {
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, ApiError> {
        let csv = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"));
        if !csv {
            return ApiJson::<InvoiceIn>::from_request(req, state).await.map(|ApiJson(v)| InvoiceBody(v));
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge("the body is larger than the server accepts".into())
            } else {
                ApiError::BadRequest(e.body_text())
            }
        })?;
        let text = std::str::from_utf8(&bytes).map_err(|_| ApiError::BadRequest("the CSV is not UTF-8 text".into()))?;
        crate::wire::invoice_csv::parse(text, "body").map(InvoiceBody).map_err(ApiError::Invalid)
    }
}

/// An invoice may not be judged as of a day that has not come.
fn check_as_of(body: &InvoiceIn) -> Result<(), ApiError> {
    if let Some(d) = body.as_of.as_deref().and_then(parse_date) {
        params::not_after_today(d, "as_of")?;
    }
    Ok(())
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatQuery {
    format: Option<String>,
    dialect: Option<String>,
}

pub async fn verify(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    headers: axum::http::HeaderMap,
    q: Result<axum::extract::Query<FormatQuery>, axum::extract::rejection::QueryRejection>,
    InvoiceBody(body): InvoiceBody,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let axum::extract::Query(q) = q?;
    let csv = super::export::csv_wanted(&headers, q.format.as_deref(), q.dialect.as_deref())?;
    let viewer = caller.viewer();
    if let Viewer::Supplier(own) = &viewer
        && body.supplier_cvr.as_deref().map(str::trim) != Some(own.as_str())
    {
        return Err(ApiError::Forbidden(format!("a supplier may only verify its own invoices (CVR {own})")));
    }
    check_as_of(&body)?;
    if let Some(dialect) = csv {
        let out = super::blocking(move || svc.verify_invoice(&body, &viewer)).await??;
        let name = format!("verified-{}-{}", out.supplier_cvr, out.invoice_number);
        return Ok(super::export::csv_response(&crate::wire::tables::verification(&out), dialect, &name));
    }
    // The JSON written straight from the verdicts (the same bytes as
    // `Json(svc.verify_invoice(..))`).
    let json = super::blocking(move || svc.verify_invoice_json(&body, &viewer)).await??;
    let content_type = axum::http::HeaderValue::from_static("application/json");
    Ok(([(axum::http::header::CONTENT_TYPE, content_type)], json).into_response())
}

pub async fn record(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    InvoiceBody(body): InvoiceBody,
) -> Result<(StatusCode, Json<VerificationOut>), ApiError> {
    check_as_of(&body)?;
    let (out, created) = svc.record_invoice(&body, &caller.actor()).await?;
    Ok((if created { StatusCode::CREATED } else { StatusCode::OK }, Json(out)))
}

pub async fn get(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    Path((cvr, number)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let r = svc.invoice(&cvr, &number, &caller.viewer())?;
    let mut out = json!({
        "supplier_cvr": r.supplier_cvr,
        "invoice_number": r.invoice_number,
        "recorded_at": r.recorded_at,
        "payments": r.payment_ids,
    });
    match caller.viewer() {
        // Staff names are the municipality's; the citizen's other courses too.
        Viewer::Supplier(_) => out["result"] = r.supplier_result.unwrap_or(r.result),
        Viewer::Staff => {
            out["recorded_by"] = json!(r.recorded_by);
            out["result"] = r.result;
        }
    }
    Ok(Json(out))
}
