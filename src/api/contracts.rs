//! `/contracts`: read and add contract versions.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde_json::{Value, json};

use super::error::ApiError;
use crate::service::tokens::Caller;
use crate::service::{Added, ContractFormat, Service};
use crate::store::keys;
use crate::store::records::ContractRecord;
use crate::wire::contract_out::ContractOut;

pub async fn list(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<Value>, ApiError> {
    let set = svc.contracts();
    let viewer = caller.viewer();
    let contracts: Vec<Value> = set
        .ids()
        .filter(|id| svc.contract_visible(&set, id, &viewer))
        .map(|id| {
            let versions = set.versions(id);
            let latest = versions.last().expect("a contract has versions");
            json!({
                "id": id,
                "title": latest.title,
                "buyer": latest.buyer,
                "supplier": { "name": latest.supplier.name, "cvr": latest.supplier.cvr.as_str() },
                "versions": versions.iter().map(|c| json!({
                    "version": c.version,
                    "effective_from": c.effective_from,
                    "referrals": { "from": c.referrals.from, "until": c.referrals.until },
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(Json(json!({ "contracts": contracts })))
}

pub async fn get(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let set = svc.contracts();
    if !svc.contract_visible(&set, &id, &caller.viewer()) {
        return Err(ApiError::NotFound(format!("no contract {id}")));
    }
    let mut versions = Vec::new();
    for c in set.versions(&id) {
        let rec: Option<ContractRecord> = crate::store::Read::get(&svc.repo, &keys::contract(&id, c.version))?;
        let mut v = serde_json::to_value(ContractOut::of(c)).expect("serialises");
        if let Some(r) = rec {
            v["source"] = json!({ "format": r.format, "text": r.source, "origin": r.origin, "added_at": r.added_at, "added_by": r.added_by });
        }
        versions.push(v);
    }
    Ok(Json(json!({ "id": id, "versions": versions })))
}

/// A TOML body (any content type but JSON) or a JSON body.
pub async fn add(
    State(svc): State<Arc<Service>>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let text = std::str::from_utf8(&body).map_err(|_| ApiError::BadRequest("the body is not UTF-8 text".into()))?;
    let json_body = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json_body && crate::wire::grant_file::is_grant_file(text) {
        let (added, g) = svc.add_grant(text, "api", &caller.actor()).await?;
        let status = if added == Added::New { StatusCode::CREATED } else { StatusCode::OK };
        return Ok((
            status,
            Json(json!({ "added": added == Added::New, "grant": { "id": g.id.as_str(), "version": g.version } })),
        ));
    }
    let format = if json_body { ContractFormat::Json } else { ContractFormat::Toml };
    let (added, contract) = svc.add_contract(text, format, "api", &caller.actor()).await?;
    let status = if added == Added::New { StatusCode::CREATED } else { StatusCode::OK };
    Ok((status, Json(json!({ "added": added == Added::New, "contract": ContractOut::of(&contract) }))))
}
