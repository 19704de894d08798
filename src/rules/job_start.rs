//! Job start: the first counted job that starts inside the course (on or
//! after the course start, which is `course_started` or else the referral
//! date, and not after the course end), provided its first day is not a
//! disallowed-benefit day. A job found before the course began is not the
//! supplier's result.
//!
//! The first job in the course decides (docs/rules.md): when benefit was paid
//! for its first day, job start is forfeited and a later job does not take
//! its place. Letting a later job stand in would mean that one more benefit
//! day could *raise* what a course earns (the later job's retention may
//! succeed where the first one's failed), which a payment rule must never do.

use chrono::NaiveDate;

use super::timeline::Timeline;
use crate::course::Course;
use crate::evaluate::trace::Step;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobStart {
    Achieved(NaiveDate),
    /// The course is still running on `as_of`.
    Pending,
    /// The course ended on this date without a counted job start.
    Missing {
        course_end: NaiveDate,
    },
    /// The first job in the course started on a day with disallowed benefit.
    OnBenefit {
        start: NaiveDate,
        benefit: crate::benefit::Benefit,
    },
}

pub fn job_start(course: &Course, tl: &Timeline<'_>, trace: &mut Vec<Step>) -> JobStart {
    let start = course.start();
    let end = course.facts.course_ended.as_ref().filter(|e| e.date <= tl.as_of);
    trace.push(Step::Window {
        start,
        from_event: course.facts.course_started.is_some(),
        end: end.map(|e| (e.date, e.outcome)),
    });
    let end = end.map(|e| e.date);
    let in_course = |d: NaiveDate| d >= start && end.is_none_or(|e| d <= e);
    for s in tl.uncounted_spells().filter(|s| in_course(s.start)) {
        trace.push(Step::JobTypeNotCounted { start: s.start, job: s.job });
    }
    for s in tl.spells() {
        if s.start < start {
            trace.push(Step::JobBeforeCourse { start: s.start, course_start: start });
            continue;
        }
        if let Some(e) = end
            && s.start > e
        {
            trace.push(Step::JobAfterCourse { start: s.start, course_end: e });
            break;
        }
        if let Some(period) = tl.disallowed_on(s.start) {
            trace.push(Step::JobStartOnBenefit { start: s.start, period });
            return JobStart::OnBenefit { start: s.start, benefit: period.benefit };
        }
        trace.push(Step::JobStart { start: s.start, job: s.job });
        return JobStart::Achieved(s.start);
    }
    match end {
        Some(course_end) => {
            trace.push(Step::NoJobStart { course_end: Some(course_end) });
            JobStart::Missing { course_end }
        }
        None => {
            trace.push(Step::NoJobStart { course_end: None });
            JobStart::Pending
        }
    }
}
