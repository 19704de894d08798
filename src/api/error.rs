//! One error type for the API and one status `match`. Client errors are 4xx
//! problem details (RFC 9457) with a machine-readable `type`, a sentence,
//! and every field problem; infrastructure errors become a 500 whose body
//! says nothing internal (the cause goes to the log).

use std::borrow::Cow;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::contract::Problem;
use crate::cpr::redact_cpr;
use crate::store::RepoError;
use crate::store::kv::StoreError;

#[derive(Debug)]
pub enum ApiError {
    Unauthorized,
    Forbidden(String),
    NotFound(String),
    BadRequest(String),
    Invalid(Vec<Problem>),
    Conflict(String),
    /// The methods the route takes, for `Allow`.
    MethodNotAllowed(String),
    PayloadTooLarge(String),
    UnsupportedMediaType(String),
    Internal(String),
}

#[derive(Serialize)]
pub struct ProblemDoc {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

#[derive(Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem document. A message may repeat what the request sent (an id, a
/// date that is not one): any CPR-like number in it is redacted here, the one
/// place every problem document passes.
pub fn problem(status: StatusCode, kind: &str, detail: String, errors: Vec<FieldError>) -> Response {
    let redact = |t: String| match redact_cpr(&t) {
        Cow::Borrowed(_) => t,
        Cow::Owned(r) => r,
    };
    let doc = ProblemDoc {
        kind: format!("urn:nocure:problem:{kind}"),
        title: status.canonical_reason().unwrap_or("Error").to_string(),
        status: status.as_u16(),
        detail: redact(detail),
        errors: errors.into_iter().map(|e| FieldError { field: redact(e.field), message: redact(e.message) }).collect(),
    };
    let mut res = (status, Json(doc)).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    res
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Unauthorized => {
                let mut r = problem(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "a valid bearer token is needed: Authorization: Bearer <token>".into(),
                    vec![],
                );
                r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
                r
            }
            ApiError::Forbidden(d) => problem(StatusCode::FORBIDDEN, "forbidden", d, vec![]),
            ApiError::NotFound(d) => problem(StatusCode::NOT_FOUND, "not-found", d, vec![]),
            ApiError::BadRequest(d) => problem(StatusCode::BAD_REQUEST, "bad-request", d, vec![]),
            ApiError::Invalid(ps) => {
                let n = ps.len();
                let errors: Vec<FieldError> = ps
                    .into_iter()
                    .map(|p| FieldError {
                        field: match p.line {
                            Some(l) if p.field.is_empty() => format!("line {l}"),
                            Some(l) => format!("{} (line {l})", p.field),
                            None => p.field,
                        },
                        message: p.message,
                    })
                    .collect();
                let detail = format!(
                    "the request was refused as a whole: {n} problem{}; nothing was stored",
                    if n == 1 { "" } else { "s" }
                );
                problem(StatusCode::UNPROCESSABLE_ENTITY, "validation", detail, errors)
            }
            ApiError::Conflict(d) => problem(StatusCode::CONFLICT, "conflict", d, vec![]),
            ApiError::MethodNotAllowed(allow) => {
                let detail = format!("this route takes {allow}");
                let mut r = problem(StatusCode::METHOD_NOT_ALLOWED, "method", detail, vec![]);
                if let Ok(v) = HeaderValue::from_str(&allow) {
                    r.headers_mut().insert(header::ALLOW, v);
                }
                r
            }
            ApiError::PayloadTooLarge(d) => problem(StatusCode::PAYLOAD_TOO_LARGE, "too-large", d, vec![]),
            ApiError::UnsupportedMediaType(d) => problem(StatusCode::UNSUPPORTED_MEDIA_TYPE, "media-type", d, vec![]),
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                problem(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the server could not complete the request; nothing was stored".into(),
                    vec![],
                )
            }
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        ApiError::Internal(e.to_string())
    }
}

impl From<RepoError> for ApiError {
    fn from(e: RepoError) -> ApiError {
        match e {
            RepoError::Store(s) => s.into(),
            RepoError::Conflict(d) => ApiError::Conflict(d),
            RepoError::NotFound(d) => ApiError::NotFound(d),
            RepoError::Invalid(ps) => ApiError::Invalid(ps),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> ApiError {
        match r {
            JsonRejection::JsonDataError(e) => ApiError::Invalid(vec![Problem::new("", None, e.body_text())]),
            JsonRejection::JsonSyntaxError(e) => {
                ApiError::BadRequest(format!("the body is not valid JSON: {}", e.body_text()))
            }
            JsonRejection::MissingJsonContentType(_) => {
                ApiError::UnsupportedMediaType("send JSON with Content-Type: application/json".into())
            }
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::PayloadTooLarge("the body is larger than the server accepts".into())
            }
            other => ApiError::BadRequest(other.body_text()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(r: QueryRejection) -> ApiError {
        ApiError::BadRequest(r.body_text())
    }
}

/// `Json<T>` whose rejections are problem documents.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Json::<T>::from_request(req, state).await.map(|Json(v)| ApiJson(v)).map_err(ApiError::from)
    }
}

/// Turns any error response that is not yet a problem document (an unknown
/// route, a wrong method, a body over the limit, a timeout) into one.
pub async fn problem_fallback(req: Request, next: Next) -> Response {
    // A browser asking for a page gets an HTML error page instead.
    let browser = crate::pages::error_page::wants_html(req.headers())
        .then(|| (req.headers().clone(), req.uri().path().to_string()));
    let res = next.run(req).await;
    let status = res.status();
    // Problem documents pass, and so do the pages' own HTML error pages.
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(PROBLEM_JSON.as_bytes()) || v.as_bytes().starts_with(b"text/html"));
    if status.as_u16() < 400 || is_problem {
        return res;
    }
    if let Some((headers, path)) = browser {
        let mut out = crate::pages::error_page::answer(status, &path, &headers);
        if let Some(allow) = res.headers().get(header::ALLOW) {
            out.headers_mut().insert(header::ALLOW, allow.clone());
        }
        return out;
    }
    let (kind, detail) = match status {
        StatusCode::NOT_FOUND => ("not-found", "no such resource; GET /openapi.json lists the routes".to_string()),
        StatusCode::METHOD_NOT_ALLOWED => ("method", "this route does not take that method".to_string()),
        StatusCode::PAYLOAD_TOO_LARGE => ("too-large", "the body is larger than the server accepts".to_string()),
        StatusCode::REQUEST_TIMEOUT => {
            ("timeout", "the request took too long and was stopped; nothing was stored".to_string())
        }
        s => ("http", s.canonical_reason().unwrap_or("error").to_lowercase()),
    };
    let mut out = problem(status, kind, detail, vec![]);
    for (k, v) in res.headers() {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            out.headers_mut().insert(k.clone(), v.clone());
        }
    }
    out
}
