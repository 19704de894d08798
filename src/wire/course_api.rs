//! Courses over HTTP: the referral body (with a CPR number or a pseudonym),
//! the events body, and the course as returned.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::course_in::{RawAttributes, RawEvent};
use crate::contract::Problem;

/// `POST /courses`. Exactly one of `cpr` and `citizen`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseIn {
    pub course_id: Option<String>,
    /// `DDMMYY-SSSS` or ten digits; turned into a pseudonym, never stored.
    pub cpr: Option<String>,
    /// An existing pseudonym.
    pub citizen: Option<String>,
    pub contract: Option<String>,
    pub target_group: Option<String>,
    pub referred_on: Option<String>,
    #[serde(default)]
    pub attributes: RawAttributes,
    #[serde(default)]
    pub events: Vec<RawEvent>,
}

/// `POST /courses/{id}/events`: one event, an array, or `{ "events": [...] }`.
/// Each event is read on its own so that every bad one is reported.
pub fn events_in(body: &serde_json::Value) -> Result<Vec<RawEvent>, Vec<Problem>> {
    let items: Vec<&serde_json::Value> = match body {
        serde_json::Value::Array(a) => a.iter().collect(),
        serde_json::Value::Object(o) if o.contains_key("events") && o.len() == 1 => match &o["events"] {
            serde_json::Value::Array(a) => a.iter().collect(),
            _ => return Err(vec![Problem::new("events", None, "expected an array of events")]),
        },
        serde_json::Value::Object(_) => vec![body],
        _ => {
            return Err(vec![Problem::new(
                "events",
                None,
                "expected an event, an array of events, or { \"events\": [...] }",
            )]);
        }
    };
    let mut problems = Vec::new();
    let mut out = Vec::new();
    for (i, v) in items.into_iter().enumerate() {
        match serde_json::from_value::<RawEvent>(v.clone()) {
            Ok(e) => out.push(e),
            Err(e) => problems.push(Problem::new(format!("events[{i}]"), None, e.to_string())),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

#[derive(Clone, Debug, Serialize)]
pub struct CourseOut {
    pub course_id: String,
    pub citizen: String,
    pub contract: String,
    pub target_group: String,
    pub referred_on: NaiveDate,
    pub attributes: RawAttributes,
    pub created_at: DateTime<Utc>,
    pub events: Vec<EventOut>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventOut {
    pub seq: u32,
    pub recorded_at: DateTime<Utc>,
    /// The recording token's name; not shown to suppliers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<String>,
    #[serde(flatten)]
    pub event: RawEvent,
}
