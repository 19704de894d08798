//! A referred citizen's course with the supplier, and the dated events that
//! happened in it. A [`Course`] holds the events already checked as a whole
//! and reduced to [`Facts`] (job spells, benefit periods, course start and
//! end), which is all the rules need.

mod compact;
mod facts;

use std::fmt;

use chrono::NaiveDate;

use crate::benefit::{Benefit, JobType};
use crate::contract::Problem;
use crate::ids::{CitizenRef, ContractId, CourseId, EventId, TargetGroupId};

pub use compact::CourseStore;
pub use facts::{BenefitPeriod, CourseEnd, Facts, Spell};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Course {
    pub id: CourseId,
    pub citizen: CitizenRef,
    pub contract: ContractId,
    pub target_group: TargetGroupId,
    pub referred_on: NaiveDate,
    pub attributes: Attributes,
    pub facts: Facts,
}

/// What the eligibility rules may look at, as known on the referral date.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    pub birth_date: Option<NaiveDate>,
    /// Unemployment insurance fund code (`AAK`, `MA`, `LH`, ...).
    pub a_kasse: Option<String>,
    pub unemployed_since: Option<NaiveDate>,
    /// The benefit received when referred.
    pub benefit: Option<Benefit>,
}

/// The attribute names accepted in input, for error messages.
pub const ATTRIBUTE_NAMES: &[&str] = &["birth_date", "a_kasse", "unemployed_since", "benefit"];

/// One recorded event. Events are never edited: a correction is a new
/// [`EventKind::Retraction`] naming the event it withdraws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub id: Option<EventId>,
    pub kind: EventKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    CourseStarted {
        date: NaiveDate,
    },
    CourseEnded {
        date: NaiveDate,
        outcome: Outcome,
        reason: Option<String>,
    },
    JobStarted {
        date: NaiveDate,
        job: JobType,
    },
    JobEnded {
        date: NaiveDate,
    },
    /// The citizen starts in education (ordinary education, not a course
    /// of the contract); the reform's indicators count "in work or
    /// education".
    EducationStarted {
        date: NaiveDate,
    },
    EducationEnded {
        date: NaiveDate,
    },
    /// A benefit paid for the days `from` to `to`, inclusive.
    BenefitPaid {
        from: NaiveDate,
        to: NaiveDate,
        benefit: Benefit,
    },
    Retraction {
        retracts: EventId,
    },
}

impl EventKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            EventKind::CourseStarted { .. } => "course_started",
            EventKind::CourseEnded { .. } => "course_ended",
            EventKind::JobStarted { .. } => "job_started",
            EventKind::JobEnded { .. } => "job_ended",
            EventKind::EducationStarted { .. } => "education_started",
            EventKind::EducationEnded { .. } => "education_ended",
            EventKind::BenefitPaid { .. } => "benefit_paid",
            EventKind::Retraction { .. } => "retraction",
        }
    }

    /// The date the event happened on (a benefit period's first day).
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            EventKind::CourseStarted { date }
            | EventKind::CourseEnded { date, .. }
            | EventKind::JobStarted { date, .. }
            | EventKind::JobEnded { date }
            | EventKind::EducationStarted { date }
            | EventKind::EducationEnded { date } => Some(*date),
            EventKind::BenefitPaid { from, .. } => Some(*from),
            EventKind::Retraction { .. } => None,
        }
    }
}

pub const EVENT_TYPES: &[&str] = &[
    "course_started",
    "course_ended",
    "job_started",
    "job_ended",
    "education_started",
    "education_ended",
    "benefit_paid",
    "retraction",
];

/// How a course ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    Job,
    NoJob,
    Interrupted,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Job => "job",
            Outcome::NoJob => "no_job",
            Outcome::Interrupted => "interrupted",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        match s {
            "job" => Some(Outcome::Job),
            "no_job" => Some(Outcome::NoJob),
            "interrupted" => Some(Outcome::Interrupted),
            _ => None,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Course {
    /// Builds a course, checking its events as a whole. Problems name the
    /// event by its position (`events[3].date`).
    pub fn new(
        id: CourseId,
        citizen: CitizenRef,
        contract: ContractId,
        target_group: TargetGroupId,
        referred_on: NaiveDate,
        attributes: Attributes,
        events: &[Event],
    ) -> Result<Course, Vec<Problem>> {
        let facts = Facts::build(referred_on, events)?;
        Ok(Course { id, citizen, contract, target_group, referred_on, attributes, facts })
    }

    /// The course's first day: `course_started`, else the referral date.
    pub fn start(&self) -> NaiveDate {
        self.facts.course_started.unwrap_or(self.referred_on)
    }
}
