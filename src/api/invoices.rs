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

/// An invoice may not be judged as of a day that has not come.
fn check_as_of(body: &InvoiceIn) -> Result<(), ApiError> {
    if let Some(d) = body.as_of.as_deref().and_then(parse_date) {
        params::not_after_today(d, "as_of")?;
    }
    Ok(())
}

pub async fn verify(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    ApiJson(body): ApiJson<InvoiceIn>,
) -> Result<Json<VerificationOut>, ApiError> {
    let viewer = caller.viewer();
    if let Viewer::Supplier(own) = &viewer
        && body.supplier_cvr.as_deref().map(str::trim) != Some(own.as_str())
    {
        return Err(ApiError::Forbidden(format!("a supplier may only verify its own invoices (CVR {own})")));
    }
    check_as_of(&body)?;
    let out = super::blocking(move || svc.verify_invoice(&body, &viewer)).await??;
    Ok(Json(out))
}

pub async fn record(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    ApiJson(body): ApiJson<InvoiceIn>,
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
    Ok(Json(json!({
        "supplier_cvr": r.supplier_cvr,
        "invoice_number": r.invoice_number,
        "recorded_at": r.recorded_at,
        "recorded_by": r.recorded_by,
        "payments": r.payment_ids,
        "result": r.result,
    })))
}
