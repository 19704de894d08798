//! The answers the rules give. A "no" is a value with a reason, not an error.

use chrono::NaiveDate;

use crate::benefit::Benefit;
use crate::contract::Period;
use crate::course::Outcome;
use crate::ids::CourseId;

/// Where a course stands on the evaluation date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CourseStatus {
    /// Referred after the evaluation date.
    NotYetReferred,
    Ongoing,
    EndedJob,
    EndedNoJob,
    Interrupted,
}

impl CourseStatus {
    pub const ALL: [CourseStatus; 5] = [
        CourseStatus::NotYetReferred,
        CourseStatus::Ongoing,
        CourseStatus::EndedJob,
        CourseStatus::EndedNoJob,
        CourseStatus::Interrupted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CourseStatus::NotYetReferred => "not_yet_referred",
            CourseStatus::Ongoing => "ongoing",
            CourseStatus::EndedJob => "ended_job",
            CourseStatus::EndedNoJob => "ended_no_job",
            CourseStatus::Interrupted => "interrupted",
        }
    }

    pub fn parse(s: &str) -> Option<CourseStatus> {
        CourseStatus::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn from_outcome(o: Outcome) -> CourseStatus {
        match o {
            Outcome::Job => CourseStatus::EndedJob,
            Outcome::NoJob => CourseStatus::EndedNoJob,
            Outcome::Interrupted => CourseStatus::Interrupted,
        }
    }
}

/// Why a course pays nothing at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The course names a contract that has no versions.
    UnknownContract,
    /// No version of the contract had taken effect on the referral date.
    NoVersionInForce { first_effective: NaiveDate },
    /// The referral date is outside the referral period (the contract's, or
    /// the target group's own when `group_period`).
    OutsidePeriod { period: Period, group_period: bool },
    /// The version in force has no such target group.
    GroupNotInVersion,
    /// The citizen fails the target group's eligibility rule, or it cannot be
    /// decided because an attribute is missing (`undecided`).
    NotEligible { undecided: bool },
}

impl Refusal {
    /// The reason code used by invoice verification.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::UnknownContract => "wrong_contract",
            Refusal::NoVersionInForce { .. } | Refusal::OutsidePeriod { .. } => "referral_outside_period",
            Refusal::GroupNotInVersion | Refusal::NotEligible { .. } => "not_eligible",
        }
    }
}

/// One milestone's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Achieved {
        date: NaiveDate,
    },
    /// Can still be achieved; `earliest` when a chain is running.
    Pending {
        earliest: Option<NaiveDate>,
        note: PendingNote,
    },
    Forfeited {
        reason: ForfeitReason,
    },
}

impl Verdict {
    pub fn status(&self) -> &'static str {
        match self {
            Verdict::Achieved { .. } => "achieved",
            Verdict::Pending { .. } => "pending",
            Verdict::Forfeited { .. } => "forfeited",
        }
    }

    pub fn achieved_on(&self) -> Option<NaiveDate> {
        match self {
            Verdict::Achieved { date } => Some(*date),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingNote {
    /// The course is referred after the evaluation date.
    NotYetReferred,
    /// The course is still running and no counted job has started.
    AwaitingJob,
    /// The job start milestone is not achieved yet.
    AwaitingJobStart,
    /// The chain is running; the milestone falls due on `earliest`.
    ChainRunning,
    /// The last job ended on `last_day`; the chain continues only if a new
    /// job starts by `deadline`.
    GapOpen { last_day: NaiveDate, deadline: NaiveDate },
    /// The chain broke on `broken` (on_break = restart); measurement starts
    /// again with the next job.
    AwaitingRestart { broken: NaiveDate },
    /// An earlier milestone is still pending.
    AfterPending,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ForfeitReason {
    Refused(Refusal),
    /// The course ended on `course_end` without a counted job start in it.
    NoJobInCourse {
        course_end: NaiveDate,
    },
    /// Retention needs a job start, and there was none.
    NoJobStart,
    /// A disallowed benefit was received on `day`.
    Benefit {
        day: NaiveDate,
        benefit: Benefit,
    },
    /// The chain's last job ended on `last_day` and no job followed within
    /// `max_gap_days`.
    ChainEnded {
        last_day: NaiveDate,
        max_gap_days: u32,
    },
    /// An earlier milestone's chain broke on `day` (on_break = forfeit).
    EarlierBreak {
        day: NaiveDate,
    },
    /// Once per citizen: `course` already earned it on `date`.
    AlreadyEarned {
        course: CourseId,
        date: NaiveDate,
    },
    /// Once per citizen, as a supplier reads it: another course of the
    /// citizen earned it; which one and when is not the supplier's to know.
    EarnedElsewhere,
}
