//! The trace: the steps that decided a course's verdicts, as typed values.
//! Evaluation only records steps (cheap, no text); [`render`] turns them into
//! sentences a finance officer can check against the case file.

use std::fmt::Write;

use chrono::NaiveDate;

use super::CourseEvaluation;
use crate::benefit::JobType;
use crate::contract::Period;
use crate::contract::eligibility::Truth;
use crate::course::{BenefitPeriod, Outcome};
use crate::ids::CourseId;
use crate::verdict::{CourseStatus, ForfeitReason, PendingNote};

pub use super::reason_text::{pending_text, reason_text, refusal_text};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Version {
        version: u32,
        effective_from: NaiveDate,
        next: Option<(u32, NaiveDate)>,
    },
    NoVersion {
        first_effective: NaiveDate,
    },
    UnknownContract,
    ReferralInside {
        period: Period,
        group_period: bool,
    },
    ReferralOutside {
        period: Period,
        group_period: bool,
    },
    GroupNotInVersion,
    NoEligibilityRule,
    Eligibility {
        truth: Truth,
    },
    NotYetReferred,
    /// The course pays nothing (after a refusal above).
    Refused,
    Window {
        start: NaiveDate,
        from_event: bool,
        end: Option<(NaiveDate, Outcome)>,
    },
    JobTypeNotCounted {
        start: NaiveDate,
        job: JobType,
    },
    JobBeforeCourse {
        start: NaiveDate,
        course_start: NaiveDate,
    },
    JobAfterCourse {
        start: NaiveDate,
        course_end: NaiveDate,
    },
    JobStartOnBenefit {
        start: NaiveDate,
        period: BenefitPeriod,
    },
    JobStart {
        start: NaiveDate,
        job: JobType,
    },
    NoJobStart {
        course_end: Option<NaiveDate>,
    },
    RetentionWithoutJobStart {
        milestone: usize,
        pending: bool,
    },
    RetentionAchieved {
        milestone: usize,
        from: NaiveDate,
        due: NaiveDate,
    },
    RetentionPending {
        milestone: usize,
        from: NaiveDate,
        due: NaiveDate,
        note: PendingNote,
    },
    RetentionBroken {
        milestone: usize,
        from: NaiveDate,
        due: NaiveDate,
        reason: ForfeitReason,
    },
    Restart {
        milestone: usize,
        from: NaiveDate,
    },
    AwaitingRestart {
        milestone: usize,
        broken: NaiveDate,
    },
    ForfeitedAfterBreak {
        milestone: usize,
        day: NaiveDate,
    },
    AfterPending {
        milestone: usize,
    },
    AlreadyEarned {
        milestone: usize,
        course: CourseId,
        date: NaiveDate,
    },
    /// [`Step::AlreadyEarned`] without the other course (a supplier's view).
    EarnedElsewhere {
        milestone: usize,
    },
    Status {
        status: CourseStatus,
    },
    OutcomeJobWithoutJobStart,
}

/// The trace of an evaluation as sentences.
pub fn render(eval: &CourseEvaluation<'_>) -> Vec<String> {
    sentences(eval).collect()
}

/// The sentences of [`render`] one at a time.
pub fn sentences<'e>(eval: &'e CourseEvaluation<'_>) -> impl Iterator<Item = String> + 'e {
    eval.trace.iter().map(move |s| sentence(s, eval))
}

fn name(eval: &CourseEvaluation<'_>, i: usize) -> String {
    match eval.contract {
        Some(c) => format!("{} ({} kr.)", c.milestones[i].id, c.milestones[i].amount),
        None => format!("milestone {i}"),
    }
}

fn group_of<'a>(eval: &'a CourseEvaluation<'_>) -> &'a str {
    eval.course.target_group.as_str()
}

pub(super) fn period_text(p: &Period) -> String {
    format!("{} to {}", p.from, p.until)
}

fn sentence(step: &Step, eval: &CourseEvaluation<'_>) -> String {
    let course = eval.course;
    let contract = eval.contract;
    let on = course.referred_on;
    match step {
        Step::Version { version, effective_from, next } => {
            let mut s = format!(
                "Contract {} version {version} (effective from {effective_from}) is in force on the referral date {on}",
                course.contract
            );
            if let Some((v, d)) = next {
                let _ = write!(s, "; version {v} takes effect on {d}");
            }
            s.push('.');
            s
        }
        Step::NoVersion { first_effective } => format!(
            "No version of contract {} is in force on the referral date {on}; the first takes effect on {first_effective}.",
            course.contract
        ),
        Step::UnknownContract => format!("There is no contract {}.", course.contract),
        Step::ReferralInside { period, group_period } => format!(
            "The referral date {on} is inside the referral period {}{}.",
            period_text(period),
            if *group_period { format!(" of target group {}", group_of(eval)) } else { String::new() }
        ),
        Step::ReferralOutside { period, group_period } => format!(
            "The referral date {on} is outside the referral period {}{}.",
            period_text(period),
            if *group_period { format!(" of target group {}", group_of(eval)) } else { String::new() }
        ),
        Step::GroupNotInVersion => {
            format!("Version {} has no target group {}.", contract.map_or(0, |c| c.version), group_of(eval))
        }
        Step::NoEligibilityRule => {
            format!("Target group {} has no eligibility rule: everyone referred to it is eligible.", group_of(eval))
        }
        Step::Eligibility { truth } => {
            let rule = contract
                .and_then(|c| c.target_group(group_of(eval)))
                .and_then(|g| g.eligibility.as_ref())
                .map(|r| r.explain(&course.attributes, on))
                .unwrap_or_default();
            let verdict = match truth {
                Truth::Yes => "eligible",
                Truth::No => "not eligible",
                Truth::Unknown => "not eligible, because it cannot be decided without the missing attribute",
            };
            format!("Eligibility for target group {} on {on}: {rule}. The citizen is {verdict}.", group_of(eval))
        }
        Step::NotYetReferred => {
            format!("The course is referred on {on}, after the evaluation date {}: nothing is due yet.", eval.as_of)
        }
        Step::Refused => {
            let why = eval.refusal.as_ref().map(|r| refusal_text(r, course, contract)).unwrap_or_default();
            format!("The course pays nothing: {why}. Every milestone is forfeited.")
        }
        Step::Window { start, from_event, end } => {
            let from = if *from_event {
                format!("{start} (course_started)")
            } else {
                format!("{start} (the referral date; no course_started is recorded)")
            };
            match end {
                Some((d, o)) => format!("The course ran from {from} to {d} (course_ended, outcome {o})."),
                None => format!("The course runs from {from} and has not ended by {}.", eval.as_of),
            }
        }
        Step::JobTypeNotCounted { start, job } => format!(
            "A job of type {job} started on {start} does not count: the contract counts {} jobs only.",
            contract.map_or(String::new(), |c| c
                .payment
                .job_types
                .iter()
                .map(|j| j.as_str())
                .collect::<Vec<_>>()
                .join(" and "))
        ),
        Step::JobBeforeCourse { start, course_start } => format!(
            "The job started on {start} began before the course started on {course_start}: it is not the supplier's result."
        ),
        Step::JobAfterCourse { start, course_end } => {
            format!(
                "The job started on {start} began after the course ended on {course_end}: it is not the supplier's result."
            )
        }
        Step::JobStartOnBenefit { start, period } => format!(
            "The first counted job in the course started on {start}, but benefit {} was paid for that day (period {} to {}): not a job without benefit. Job start is forfeited; a later job does not take its place.",
            period.benefit, period.from, period.to
        ),
        Step::JobStart { start, job } => {
            let ms: Vec<String> = contract
                .map(|c| {
                    c.milestones
                        .iter()
                        .enumerate()
                        .filter(|(_, m)| m.is_job_start())
                        .map(|(i, _)| name(eval, i))
                        .collect()
                })
                .unwrap_or_default();
            let achieved = if ms.is_empty() {
                String::new()
            } else if *start <= eval.as_of {
                format!(" {} is achieved on {start}.", ms.join(", "))
            } else {
                String::new()
            };
            let what = if *job == JobType::Ordinary { "An ordinary job" } else { "A fleksjob" };
            format!(
                "{what} started on {start}, inside the course, with no disallowed benefit that day; retention is measured from this date.{achieved}"
            )
        }
        Step::NoJobStart { course_end: Some(d) } => {
            format!("No counted job started during the course, which ended on {d}: job start is forfeited.")
        }
        Step::NoJobStart { course_end: None } => {
            format!("No counted job has started by {}; the course is still running: job start is pending.", eval.as_of)
        }
        Step::RetentionWithoutJobStart { milestone, pending } => format!(
            "{} needs a job start first: {}.",
            name(eval, *milestone),
            if *pending { "pending" } else { "forfeited" }
        ),
        Step::RetentionAchieved { milestone, from, due } => format!(
            "{}: every day from {from} to {} was in work without disallowed benefit: achieved on {due}.",
            name(eval, *milestone),
            crate::calendar::prev_day(*due)
        ),
        Step::RetentionPending { milestone, from, due, note } => {
            let n = name(eval, *milestone);
            match note {
                PendingNote::GapOpen { last_day, deadline } => format!(
                    "{n}: in work without disallowed benefit from {from}; the job ended on {last_day} and the chain continues only if a new job starts by {deadline}: pending (due {due} if it holds)."
                ),
                _ => format!(
                    "{n}: in work without disallowed benefit from {from} through {}; due on {due} if the chain holds: pending.",
                    eval.as_of
                ),
            }
        }
        Step::RetentionBroken { milestone, from, due, reason } => {
            let policy = contract.map_or("forfeit", |c| c.payment.on_break.as_str());
            let what = match reason {
                ForfeitReason::Benefit { day, .. } => {
                    let p = eval.course.facts.benefits.iter().find(|b| b.from <= *day && *day <= b.to);
                    match p {
                        Some(p) => format!("benefit {} was received on {day} (paid {} to {})", p.benefit, p.from, p.to),
                        None => reason_text(reason, course, contract),
                    }
                }
                ForfeitReason::ChainEnded { last_day, max_gap_days } => {
                    format!("the job ended on {last_day} and no new job started within {max_gap_days} days after it")
                }
                other => reason_text(other, course, contract),
            };
            format!(
                "{} needs every day from {from} to {} in work without disallowed benefit, but {what}: the chain is broken (on_break = {policy}).",
                name(eval, *milestone),
                crate::calendar::prev_day(*due)
            )
        }
        Step::Restart { milestone, from } => format!(
            "{}: measured again from {from}, the first day back in a counted job without disallowed benefit (on_break = restart).",
            name(eval, *milestone)
        ),
        Step::AwaitingRestart { milestone, broken } => format!(
            "{}: after the break on {broken} no counted job without disallowed benefit has started by {}; it is measured again from the next one: pending.",
            name(eval, *milestone),
            eval.as_of
        ),
        Step::ForfeitedAfterBreak { milestone, day } => {
            format!("{}: forfeited, because the chain broke on {day} (on_break = forfeit).", name(eval, *milestone))
        }
        Step::AfterPending { milestone } => {
            format!("{}: pending until the earlier milestone is decided.", name(eval, *milestone))
        }
        Step::AlreadyEarned { milestone, course: other, date } => format!(
            "{}: already earned for this citizen by course {other} on {date}; the contract pays each milestone once per citizen: forfeited here.",
            name(eval, *milestone)
        ),
        Step::EarnedElsewhere { milestone } => format!(
            "{}: already earned for this citizen on another referral; the contract pays each milestone once per citizen: not payable here.",
            name(eval, *milestone)
        ),
        Step::Status { status } => match (status, &course.facts.course_ended) {
            (CourseStatus::NotYetReferred, _) => format!("Status on {}: not yet referred.", eval.as_of),
            (CourseStatus::Ongoing, _) => format!("Status on {}: ongoing.", eval.as_of),
            (s, Some(end)) => format!(
                "Status on {}: {} (course_ended on {}{}).",
                eval.as_of,
                s.as_str(),
                end.date,
                end.reason.as_ref().map(|r| format!(", reason: {r}")).unwrap_or_default()
            ),
            (s, None) => format!("Status on {}: {}.", eval.as_of, s.as_str()),
        },
        Step::OutcomeJobWithoutJobStart => {
            "Note: the course ended with outcome job, but no counted job start inside the course is recorded."
                .to_string()
        }
    }
}
