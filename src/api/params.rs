//! Query parameters shared by several routes.

use chrono::{NaiveDate, Utc};

use super::error::ApiError;
use crate::contract::Problem;
use crate::wire::course_in::parse_date;

/// Today (UTC): the default `as_of`, and the latest allowed. A later date
/// would read running jobs as continuing into the future and show
/// milestones as achieved that have not happened.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

pub fn as_of(param: Option<&str>) -> Result<NaiveDate, ApiError> {
    let Some(text) = param.filter(|s| !s.is_empty()) else { return Ok(today()) };
    let d = parse_date(text).ok_or_else(|| {
        ApiError::Invalid(vec![Problem::new("as_of", None, crate::wire::course_in::not_a_date(text))])
    })?;
    not_after_today(d, "as_of")
}

pub fn not_after_today(d: NaiveDate, field: &str) -> Result<NaiveDate, ApiError> {
    if d > today() {
        return Err(ApiError::Invalid(vec![Problem::new(
            field,
            None,
            format!("{d} is after today ({}); the engine judges what has happened, not what may", today()),
        )]));
    }
    Ok(d)
}

pub fn limit(param: Option<usize>, max: usize) -> Result<usize, ApiError> {
    match param {
        None => Ok(max.min(100)),
        Some(n) if (1..=max).contains(&n) => Ok(n),
        Some(n) => Err(ApiError::Invalid(vec![Problem::new("limit", None, format!("{n} is outside 1 to {max}"))])),
    }
}
