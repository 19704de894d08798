//! The stored form of an audit sample: how it was drawn, the population it
//! was drawn from (so that the extrapolation is always to that population),
//! and each sampled payment with its document check.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SampleRecord {
    pub id: u64,
    pub seed: u64,
    pub confidence_pct: u32,
    /// The tolerable error rate in percent, when the size was computed.
    pub tolerable_error_pct: Option<String>,
    pub size: u64,
    pub population: Vec<SampledPayment>,
    pub items: Vec<SampledPayment>,
    pub drawn_at: DateTime<Utc>,
    pub drawn_by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampledPayment {
    pub payment_id: u64,
    pub course_id: String,
    pub milestone: String,
    pub amount: String,
    /// `confirmed` or `error`, once checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_amount: Option<String>,
}
