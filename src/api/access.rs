//! Who may call what. Deny by default: every route is listed here with the
//! roles it allows, and the middleware refuses any route that is not. The
//! same table drives the OpenAPI document and the role × route test.

use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;

use super::error::ApiError;
use crate::service::Service;
use crate::service::tokens::Role;

pub struct RoutePolicy {
    pub method: Method,
    pub path: &'static str,
    /// Empty: public.
    pub roles: &'static [Role],
    pub summary: &'static str,
}

use Role::{Caseworker as C, Committee as K, Finance as F, Procurement as P, Supplier as S};

macro_rules! route {
    ($m:ident, $p:expr, [$($r:expr),*], $s:expr) => {
        RoutePolicy { method: Method::$m, path: $p, roles: &[$($r),*], summary: $s }
    };
}

pub fn policy() -> Vec<RoutePolicy> {
    vec![
        route!(GET, "/health", [], "Liveness: the server is up and its store is readable"),
        route!(GET, "/openapi.json", [], "This API as an OpenAPI 3.1 document"),
        route!(GET, "/contracts", [P, F, C, K, S], "Contracts with their versions (a supplier sees its own)"),
        route!(POST, "/contracts", [P], "Add a contract version (TOML or JSON body)"),
        route!(GET, "/contracts/{id}", [P, F, C, K, S], "All versions of one contract, with their source text"),
        route!(POST, "/courses", [C], "Create a referral (with a CPR number or a pseudonym)"),
        route!(GET, "/courses", [C, F, S], "Courses, paged, filtered by contract and status"),
        route!(GET, "/courses/{id}", [C, F, S], "One course with its events"),
        route!(POST, "/courses/{id}/events", [C], "Append events (one or many); corrections retract by id"),
        route!(GET, "/courses/{id}/evaluation", [C, F, S], "The engine's verdicts and trace as of a date"),
        route!(POST, "/invoices/verify", [F, S], "Verify an invoice (a dry run; a supplier only its own)"),
        route!(POST, "/invoices", [F], "Verify and record an invoice; approved lines become payments"),
        route!(GET, "/invoices/{cvr}/{number}", [F, S], "A recorded invoice and its verdicts"),
        route!(GET, "/payments", [F], "Recorded payments and reversals"),
        route!(GET, "/payments/at-risk", [F], "Payments whose milestone is no longer achieved"),
        route!(POST, "/payments/{id}/reversal", [F], "Record a reversing entry for a payment"),
        route!(GET, "/audit", [F], "The audit log, paged"),
        route!(GET, "/audit/verify", [F], "Check the audit log's hash chain and the store against its anchor"),
        route!(GET, "/audit/anchor", [F], "The store's anchor (SEQ:HASH) to file off the machine"),
        route!(
            GET,
            "/reports/portfolio",
            [K, F, P],
            "Committee figures as of a date (a committee sees small cells hidden)"
        ),
        route!(
            POST,
            "/reports/scenario",
            [K, F, P],
            "What-if for an extension: expected payments, savings, break-even"
        ),
        route!(POST, "/reports/check", [K, F, P], "Check a typed figure list (CSV: label, value) against the figures"),
        route!(GET, "/grants", [K, F, P], "Grant pools (the second contract kind) with their warnings"),
        route!(
            GET,
            "/grants/{id}/report",
            [K, F, P],
            "A grant's figures as of a date: the months, the band reached, tranches secured and at stake (a committee sees small cells hidden)"
        ),
        route!(
            POST,
            "/grants/{id}/participants",
            [C],
            "Record a grant's participants (JSON or CSV, with CPR numbers turned into pseudonyms); all or nothing"
        ),
        route!(
            GET,
            "/reports/compare",
            [K, F, P],
            "Options side by side (suppliers, the own team) with 95 % intervals; a committee sees small cells hidden"
        ),
        route!(
            GET,
            "/reports/budget",
            [F, P],
            "What the budget must hold: savings split on the reimbursement staircase, a 12-month forecast, the year against its savings target"
        ),
        route!(
            POST,
            "/audit/samples",
            [F],
            "Draw an audit sample of paid milestones (seeded, stratified by milestone; size from confidence and tolerable error rate, or given)"
        ),
        route!(GET, "/audit/samples/{id}", [F], "An audit sample and its work list (JSON or CSV)"),
        route!(POST, "/audit/samples/{id}/checks", [F], "Record document checks of sampled payments; all or nothing"),
        route!(
            GET,
            "/audit/samples/{id}/result",
            [F],
            "The sample's errors extrapolated to the payments: estimate, interval, clawback list"
        ),
        route!(
            POST,
            "/registers/income",
            [F],
            "Import an income register extract (CSV, CPR numbers turned into pseudonyms); all or nothing"
        ),
        route!(
            POST,
            "/registers/benefits",
            [F],
            "Import a benefit register extract (CSV, CPR numbers turned into pseudonyms); all or nothing"
        ),
        route!(
            GET,
            "/courses/{id}/registers",
            [F],
            "A course's milestones judged on the recorded events and on the registers, with the differences"
        ),
    ]
}

/// The token from `Authorization: Bearer` or the pages' cookie.
pub fn token_of(req: &Request) -> Option<String> {
    token_of_headers(req.headers())
}

/// The token from `Authorization: Bearer` or the pages' cookie.
pub fn token_of_headers(headers: &axum::http::HeaderMap) -> Option<String> {
    if let Some(v) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        return v.strip_prefix("Bearer ").map(|t| t.trim().to_string());
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix("nocure_token="))
        .map(str::to_string)
        .next()
}

/// Authenticates and authorises by the matched route; puts the [`Caller`]
/// into the request for the handler.
pub async fn authorize(State(svc): State<Arc<Service>>, mut req: Request, next: Next) -> Result<Response, ApiError> {
    let path = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_default();
    let table = policy();
    // HEAD is GET without the body (RFC 9110), for the same roles.
    let method = if req.method() == Method::HEAD { Method::GET } else { req.method().clone() };
    let Some(rule) = table.iter().find(|r| r.method == method && r.path == path) else {
        // A route that exists, asked with a method it does not take.
        let mut allow: Vec<&str> = table.iter().filter(|r| r.path == path).map(|r| r.method.as_str()).collect();
        if allow.contains(&"GET") {
            allow.push("HEAD");
        }
        if allow.is_empty() {
            return Err(ApiError::Forbidden("this route is not open to anyone".into()));
        }
        return Err(ApiError::MethodNotAllowed(allow.join(", ")));
    };
    if rule.roles.is_empty() {
        return Ok(next.run(req).await);
    }
    let token = token_of(&req).ok_or(ApiError::Unauthorized)?;
    let caller = svc.authenticate(&token)?.ok_or(ApiError::Unauthorized)?;
    if !rule.roles.contains(&caller.role) {
        return Err(ApiError::Forbidden(format!("the {} role may not {} {}", caller.role, req.method(), path)));
    }
    req.extensions_mut().insert(caller);
    Ok(next.run(req).await)
}
