//! What the store holds, as JSON records. Events keep the input format
//! (`RawEvent`) plus who recorded them and when: events are appended, never
//! edited.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::wire::course_in::{RawAttributes, RawCourse, RawEvent};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractRecord {
    pub id: String,
    pub version: u32,
    /// `toml` or `json`: the format of `source`.
    pub format: String,
    /// The text as procurement wrote it.
    pub source: String,
    /// Where it came from (a file name, or `api`).
    pub origin: String,
    pub added_at: DateTime<Utc>,
    pub added_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseRecord {
    pub course_id: String,
    /// The citizen's pseudonym (never a CPR number).
    pub citizen: String,
    pub contract: String,
    pub target_group: String,
    pub referred_on: NaiveDate,
    pub attributes: RawAttributes,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub events: Vec<EventRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// 1, 2, ... in the order recorded.
    pub seq: u32,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
    pub event: RawEvent,
}

impl CourseRecord {
    /// The record in input form, for the engine's checks.
    pub fn to_raw(&self) -> RawCourse {
        RawCourse {
            course_id: Some(self.course_id.clone()),
            citizen: Some(self.citizen.clone()),
            contract: Some(self.contract.clone()),
            target_group: Some(self.target_group.clone()),
            referred_on: Some(self.referred_on.to_string()),
            attributes: self.attributes.clone(),
            events: self.events.iter().map(|e| e.event.clone()).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvoiceRecord {
    pub supplier_cvr: String,
    pub invoice_number: String,
    /// SHA-256 of the normalised request: the same invoice sent again has
    /// the same hash.
    pub body_hash: String,
    pub request: serde_json::Value,
    /// The verification as recorded, returned again to a repeated request.
    pub result: serde_json::Value,
    /// The same as its supplier reads it, when that differs: without the
    /// citizen's other courses (`invoice::Audience`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier_result: Option<serde_json::Value>,
    pub payment_ids: Vec<u64>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaymentRecord {
    pub id: u64,
    /// The at-most-once key (`contract/c:citizen/milestone`).
    pub key: String,
    pub contract: String,
    pub contract_version: u32,
    pub course_id: String,
    pub citizen: String,
    pub milestone: String,
    pub amount: String,
    pub achieved_on: NaiveDate,
    /// The invoice's date: the payment is approved from then.
    pub booked_on: NaiveDate,
    /// The invoice's due date: the payment is paid from then.
    pub due_on: NaiveDate,
    pub invoice_cvr: String,
    pub invoice_number: String,
    pub line: u32,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReversalRecord {
    pub payment_id: u64,
    /// The reversing amount (the payment's amount, negated).
    pub amount: String,
    pub reason: String,
    /// The day the reversal takes effect in the accounts.
    pub booked_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TokenRecord {
    /// SHA-256 of the token; the token itself is never stored.
    pub hash: String,
    pub name: String,
    pub role: String,
    pub supplier_cvr: Option<String>,
    pub created_at: DateTime<Utc>,
    pub revoked: bool,
}

/// The last audit entry: (seq, hash).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditHead {
    pub seq: u64,
    pub hash: String,
}
