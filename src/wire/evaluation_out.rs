//! The JSON shape of an evaluation (CLI `--format json` and the HTTP API).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::evaluate::CourseEvaluation;
use crate::evaluate::trace::{pending_text, reason_text, refusal_text, render};

use crate::verdict::Verdict;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EvaluationOut {
    pub course_id: String,
    pub citizen: String,
    pub contract: String,
    pub contract_version: Option<u32>,
    pub target_group: String,
    pub referred_on: NaiveDate,
    pub status: String,
    pub eligible: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ineligible: Option<IneligibleOut>,
    pub milestones: Vec<MilestoneOut>,
    pub earned: String,
    pub trace: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct IneligibleOut {
    pub code: String,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct MilestoneOut {
    pub milestone: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub earliest: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub note: Option<String>,
    pub amount: String,
}

impl EvaluationOut {
    pub fn from_eval(e: &CourseEvaluation<'_>) -> EvaluationOut {
        let course = e.course;
        let milestones = e
            .milestones
            .iter()
            .map(|v| {
                let m = e.milestone(v);
                let mut out = MilestoneOut {
                    milestone: m.id.to_string(),
                    status: v.verdict.status().to_string(),
                    date: None,
                    earliest: None,
                    reason: None,
                    note: None,
                    amount: m.amount.plain(),
                };
                match &v.verdict {
                    Verdict::Achieved { date } => out.date = Some(*date),
                    Verdict::Pending { earliest, note } => {
                        out.earliest = *earliest;
                        out.note = Some(pending_text(note));
                    }
                    Verdict::Forfeited { reason } => out.reason = Some(reason_text(reason, course, e.contract)),
                }
                out
            })
            .collect();
        EvaluationOut {
            course_id: course.id.to_string(),
            citizen: course.citizen.to_string(),
            contract: course.contract.to_string(),
            contract_version: e
                .contract
                .filter(|_| !matches!(e.refusal, Some(crate::verdict::Refusal::NoVersionInForce { .. })))
                .map(|c| c.version),
            target_group: course.target_group.to_string(),
            referred_on: course.referred_on,
            status: e.status.as_str().to_string(),
            eligible: e.eligible(),
            ineligible: e
                .refusal
                .as_ref()
                .map(|r| IneligibleOut { code: r.code().to_string(), reason: refusal_text(r, course, e.contract) }),
            milestones,
            earned: e.earned.plain(),
            trace: render(e),
        }
    }
}

/// The whole batch: `{ as_of, courses, total_earned }`.
#[derive(Clone, Debug, Serialize)]
pub struct BatchOut<'a> {
    pub as_of: NaiveDate,
    pub courses: &'a [EvaluationOut],
    pub total_earned: String,
}
