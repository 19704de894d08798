//! Refusals, forfeit reasons and pending notes as English sentences (the
//! `reason` field of output; Danish in `reason_da`).

use super::trace::period_text;
use crate::contract::Contract;
use crate::course::Course;
use crate::verdict::{ForfeitReason, PendingNote, Refusal};

/// A refusal in words: "referral on 2026-01-01 outside the referral period
/// 2025-02-01 to 2025-12-31".
pub fn refusal_text(r: &Refusal, course: &Course, contract: Option<&Contract>) -> String {
    let on = course.referred_on;
    match r {
        Refusal::UnknownContract => format!("there is no contract {}", course.contract),
        Refusal::NoVersionInForce { first_effective } => {
            format!("referral on {on} before any version of the contract took effect ({first_effective})")
        }
        Refusal::OutsidePeriod { period, group_period: false } => {
            format!("referral on {on} outside the referral period {}", period_text(period))
        }
        Refusal::OutsidePeriod { period, group_period: true } => format!(
            "referral on {on} outside target group {}'s referral period {}",
            course.target_group,
            period_text(period)
        ),
        Refusal::GroupNotInVersion => {
            format!("target group {} is not part of version {}", course.target_group, contract.map_or(0, |c| c.version))
        }
        Refusal::NotEligible { undecided: false } => {
            format!("the citizen is not eligible for target group {} on {on}", course.target_group)
        }
        Refusal::NotEligible { undecided: true } => format!(
            "eligibility for target group {} cannot be decided: an attribute the rule needs is missing",
            course.target_group
        ),
    }
}

/// A forfeited milestone's reason in words (the `reason` field of output).
pub fn reason_text(r: &ForfeitReason, course: &Course, contract: Option<&Contract>) -> String {
    match r {
        ForfeitReason::Refused(refusal) => refusal_text(refusal, course, contract),
        ForfeitReason::NoJobInCourse { course_end } => {
            format!("no counted job started during the course (ended {course_end})")
        }
        ForfeitReason::NoJobStart => "no job start".to_string(),
        ForfeitReason::Benefit { day, benefit } => format!("benefit {benefit} received on {day}"),
        ForfeitReason::ChainEnded { last_day, max_gap_days } => {
            format!("job ended on {last_day} with no new job within {max_gap_days} days")
        }
        ForfeitReason::EarlierBreak { day } => format!("chain broken on {day}; on_break = forfeit"),
        ForfeitReason::AlreadyEarned { course, date } => {
            format!("already earned for this citizen by course {course} on {date}")
        }
        ForfeitReason::EarnedElsewhere => {
            "not payable here: the contract pays it once per citizen, and it is earned on another referral".to_string()
        }
    }
}

/// A pending milestone's note in words.
pub fn pending_text(n: &PendingNote) -> String {
    match n {
        PendingNote::NotYetReferred => "not yet referred".to_string(),
        PendingNote::AwaitingJob => "course running; no counted job started yet".to_string(),
        PendingNote::AwaitingJobStart => "awaiting job start".to_string(),
        PendingNote::ChainRunning => "chain running".to_string(),
        PendingNote::GapOpen { last_day, deadline } => {
            format!("job ended on {last_day}; the chain continues if a new job starts by {deadline}")
        }
        PendingNote::AwaitingRestart { broken } => {
            format!("chain broken on {broken}; measured again from the next job (on_break = restart)")
        }
        PendingNote::AfterPending => "awaiting the earlier milestone".to_string(),
    }
}
