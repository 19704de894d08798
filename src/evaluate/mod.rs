//! `evaluate(contracts, course, as_of)`: every milestone's verdict for one
//! course, with the trace that decided it. Pure: no clock, no I/O.

pub mod once_per_citizen;
mod reason_da;
mod reason_text;
pub mod trace;
pub mod trace_da;

use chrono::NaiveDate;

use crate::contract::set::InForce;
use crate::contract::{Contract, ContractSet, Milestone};
use crate::course::Course;
use crate::money::Money;
use crate::rules::job_start::{JobStart, job_start};
use crate::rules::retention::retention;
use crate::rules::timeline::Timeline;
use crate::rules::{admission, status};
use crate::verdict::{CourseStatus, ForfeitReason, PendingNote, Refusal, Verdict};

pub use once_per_citizen::{Courses, OncePerCitizen, evaluate_all};
use trace::Step;

/// The engine's answer for one course on one date.
#[derive(Clone, Debug)]
pub struct CourseEvaluation<'a> {
    pub course: &'a Course,
    /// The version the course is judged by: the one in force on the referral
    /// date (or, when none was yet, the first version, to list milestones).
    pub contract: Option<&'a Contract>,
    pub as_of: NaiveDate,
    pub status: CourseStatus,
    /// `Some` when the course pays nothing at all, and why.
    pub refusal: Option<Refusal>,
    /// One per milestone of `contract`, in its order.
    pub milestones: Vec<MilestoneVerdict>,
    /// Sum of the achieved milestones' amounts.
    pub earned: Money,
    pub trace: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneVerdict {
    /// Index into `contract.milestones`.
    pub index: usize,
    pub verdict: Verdict,
}

impl<'a> CourseEvaluation<'a> {
    pub fn milestone(&self, v: &MilestoneVerdict) -> &'a Milestone {
        let contract = self.contract.expect("verdicts exist only with a contract");
        &contract.milestones[v.index]
    }

    /// The verdict for the milestone with this id.
    pub fn verdict(&self, milestone_id: &str) -> Option<&MilestoneVerdict> {
        self.milestones.iter().find(|v| self.milestone(v).id.as_str() == milestone_id)
    }

    pub fn eligible(&self) -> bool {
        self.refusal.is_none()
    }

    /// Recomputes `earned` from the verdicts.
    pub(crate) fn sum_earned(&mut self) {
        let c = self.contract;
        self.earned = self
            .milestones
            .iter()
            .filter(|v| matches!(v.verdict, Verdict::Achieved { .. }))
            .filter_map(|v| c.map(|c| c.milestones[v.index].amount))
            .sum();
    }
}

/// Judges one course against the version in force on its referral date, as
/// of `as_of`. Events dated after `as_of` are not seen. This does not apply
/// the once-per-citizen rule, which needs the citizen's other courses: use
/// [`evaluate_all`] for that.
pub fn evaluate<'a>(contracts: &'a ContractSet, course: &'a Course, as_of: NaiveDate) -> CourseEvaluation<'a> {
    let mut trace = Vec::with_capacity(12);
    let (contract, refusal) = match contracts.in_force(course.contract.as_str(), course.referred_on) {
        InForce::Version(c) => {
            trace.push(Step::Version {
                version: c.version,
                effective_from: c.effective_from,
                next: contracts.next_version(c).map(|n| (n.version, n.effective_from)),
            });
            (Some(c), None)
        }
        InForce::NotYet { first_effective } => {
            trace.push(Step::NoVersion { first_effective });
            let first = contracts.versions(course.contract.as_str()).into_iter().next().map(|c| c.as_ref());
            (first, Some(Refusal::NoVersionInForce { first_effective }))
        }
        InForce::Unknown => {
            trace.push(Step::UnknownContract);
            (None, Some(Refusal::UnknownContract))
        }
    };
    let mut eval = CourseEvaluation {
        course,
        contract,
        as_of,
        status: CourseStatus::Ongoing,
        refusal,
        milestones: Vec::new(),
        earned: Money::ZERO,
        trace,
    };
    let Some(contract) = contract else {
        eval.status = status::status(course, as_of, &mut eval.trace);
        return eval;
    };
    let admitted = match eval.refusal {
        None => admission::admit(contract, course, &mut eval.trace).map_err(|r| eval.refusal = Some(r)).is_ok(),
        Some(_) => false,
    };

    let mut verdicts: Vec<Option<Verdict>> = vec![None; contract.milestones.len()];
    if course.referred_on > as_of {
        eval.trace.push(Step::NotYetReferred);
        for v in verdicts.iter_mut() {
            *v = Some(Verdict::Pending { earliest: None, note: PendingNote::NotYetReferred });
        }
    } else if let (false, Some(r)) = (admitted, &eval.refusal) {
        eval.trace.push(Step::Refused);
        for v in verdicts.iter_mut() {
            *v = Some(Verdict::Forfeited { reason: ForfeitReason::Refused(r.clone()) });
        }
    } else {
        let tl = Timeline::new(&course.facts, &contract.payment, as_of);
        let start = job_start(course, &tl, &mut eval.trace);
        for (i, _) in contract.milestones.iter().enumerate().filter(|(_, m)| m.is_job_start()) {
            verdicts[i] = Some(match start {
                JobStart::Achieved(date) => Verdict::Achieved { date },
                JobStart::Pending => Verdict::Pending { earliest: None, note: PendingNote::AwaitingJob },
                JobStart::Missing { course_end } => {
                    Verdict::Forfeited { reason: ForfeitReason::NoJobInCourse { course_end } }
                }
                JobStart::OnBenefit { start, benefit } => {
                    Verdict::Forfeited { reason: ForfeitReason::Benefit { day: start, benefit } }
                }
            });
        }
        let (achieved, pending) = match start {
            JobStart::Achieved(d) => (Some(d), false),
            JobStart::Pending => (None, true),
            JobStart::Missing { .. } | JobStart::OnBenefit { .. } => (None, false),
        };
        retention(contract, &tl, achieved, pending, &mut verdicts, &mut eval.trace);
    }
    eval.milestones = verdicts
        .into_iter()
        .enumerate()
        .map(|(index, v)| MilestoneVerdict {
            index,
            verdict: v.unwrap_or(Verdict::Pending { earliest: None, note: PendingNote::AwaitingJob }),
        })
        .collect();
    eval.status = status::status(course, as_of, &mut eval.trace);
    if eval.status == CourseStatus::EndedJob && admitted && !matches!(start_of(&eval), Some(true)) {
        eval.trace.push(Step::OutcomeJobWithoutJobStart);
    }
    eval.sum_earned();
    eval
}

/// Whether the job start milestone(s) are achieved (None without any).
fn start_of(eval: &CourseEvaluation<'_>) -> Option<bool> {
    let c = eval.contract?;
    eval.milestones
        .iter()
        .find(|v| c.milestones[v.index].is_job_start())
        .map(|v| matches!(v.verdict, Verdict::Achieved { .. }))
}
