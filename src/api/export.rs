//! CSV answers: `?format=csv` or `Accept: text/csv` turns a table answer
//! into CSV, in the dialect `?dialect=plain` (default: comma, dot decimals)
//! or `?dialect=excel-da` (semicolon, comma decimals, UTF-8 with BOM).

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use crate::contract::Problem;
use crate::table::Table;
use crate::wire::table_csv::{Dialect, to_csv};

/// Whether the caller asked for CSV, and in which dialect.
pub fn csv_wanted(
    headers: &HeaderMap,
    format: Option<&str>,
    dialect: Option<&str>,
) -> Result<Option<Dialect>, ApiError> {
    let accept_csv = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim().starts_with("text/csv")));
    let csv = match format {
        None | Some("") => accept_csv,
        Some("csv") => true,
        Some("json") => false,
        Some(other) => {
            return Err(ApiError::Invalid(vec![Problem::new(
                "format",
                None,
                format!("`{other}` is not a format; expected json or csv"),
            )]));
        }
    };
    let dialect = match dialect {
        None => Dialect::Plain,
        Some(d) => Dialect::parse(d).ok_or_else(|| {
            ApiError::Invalid(vec![Problem::new(
                "dialect",
                None,
                format!("`{d}` is not a CSV dialect; expected plain or excel-da"),
            )])
        })?,
    };
    Ok(csv.then_some(dialect))
}

/// A table as a CSV download named `<name>.csv`.
pub fn csv_response(table: &Table, dialect: Dialect, name: &str) -> Response {
    let mut res = to_csv(table, dialect).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    let safe: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || "-_.".contains(*c)).collect();
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}.csv\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}
