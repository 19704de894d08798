//! The course's status on the evaluation date, in the minutes' categories.

use chrono::NaiveDate;

use crate::course::Course;
use crate::evaluate::trace::Step;
use crate::verdict::CourseStatus;

/// Ongoing until a `course_ended` dated on or before `as_of`; then its
/// outcome. A course referred after `as_of` is not yet referred.
pub fn status(course: &Course, as_of: NaiveDate, trace: &mut Vec<Step>) -> CourseStatus {
    let status = if course.referred_on > as_of {
        CourseStatus::NotYetReferred
    } else {
        match &course.facts.course_ended {
            Some(end) if end.date <= as_of => CourseStatus::from_outcome(end.outcome),
            _ => CourseStatus::Ongoing,
        }
    };
    trace.push(Step::Status { status });
    status
}
