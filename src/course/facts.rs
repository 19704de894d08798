//! Reduces a course's events to facts, checking them as a whole: one start,
//! one end, jobs that end after they start, benefit periods that end after
//! they begin, retractions that name an existing event.

use rustc_hash::FxHashMap as HashMap;

use chrono::NaiveDate;

use super::{Event, EventKind, Outcome};
use crate::benefit::{Benefit, JobType};
use crate::contract::Problem;

/// What the events of a course establish, with retracted events removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub course_started: Option<NaiveDate>,
    pub course_ended: Option<CourseEnd>,
    /// Employment spells in start order; they do not overlap.
    pub spells: Vec<Spell>,
    /// Benefit periods in `from` order.
    pub benefits: Vec<BenefitPeriod>,
    /// Education spells in start order, `(start, end)` inclusive; they do
    /// not overlap.
    pub education: Vec<(NaiveDate, Option<NaiveDate>)>,
}

impl Facts {
    /// Whether the citizen is in education on `day`.
    pub fn in_education_on(&self, day: NaiveDate) -> bool {
        self.education.iter().any(|(s, e)| *s <= day && e.is_none_or(|e| day <= e))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseEnd {
    pub date: NaiveDate,
    pub outcome: Outcome,
    pub reason: Option<String>,
}

/// A job from `start` to `end` inclusive; `end` is `None` while it lasts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spell {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub job: JobType,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BenefitPeriod {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub benefit: Benefit,
}

fn at(i: usize, field: &str, message: String) -> Problem {
    let field = if field.is_empty() { format!("events[{i}]") } else { format!("events[{i}].{field}") };
    Problem::new(field, None, message)
}

impl Facts {
    pub fn build(referred_on: NaiveDate, events: &[Event]) -> Result<Facts, Vec<Problem>> {
        let mut problems = Vec::new();

        // Event ids are unique; retractions name an existing, unretracted event.
        let mut ids: HashMap<&str, usize> = HashMap::default();
        for (i, e) in events.iter().enumerate() {
            if let Some(id) = &e.id
                && let Some(j) = ids.insert(id.as_str(), i)
            {
                problems.push(at(i, "id", format!("event id `{id}` is already used by events[{j}]")));
            }
        }
        let mut retracted = vec![false; events.len()];
        for (i, e) in events.iter().enumerate() {
            if let EventKind::Retraction { retracts } = &e.kind {
                match ids.get(retracts.as_str()) {
                    None => problems.push(at(i, "retracts", format!("no event has the id `{retracts}`"))),
                    Some(&j) if matches!(events[j].kind, EventKind::Retraction { .. }) => problems.push(at(
                        i,
                        "retracts",
                        format!("`{retracts}` is a retraction; to undo it, record the event again"),
                    )),
                    Some(&j) if retracted[j] => {
                        problems.push(at(i, "retracts", format!("`{retracts}` is already retracted")))
                    }
                    Some(&j) => retracted[j] = true,
                }
            }
        }

        let mut facts = Facts::default();
        let mut started_at: Option<usize> = None;
        let mut ended_at: Option<usize> = None;
        // (date, input position, is_start, job)
        let mut jobs: Vec<(NaiveDate, usize, bool, JobType)> = Vec::new();
        let mut education: Vec<(NaiveDate, usize, bool)> = Vec::new();
        for (i, e) in events.iter().enumerate() {
            if retracted[i] {
                continue;
            }
            match &e.kind {
                EventKind::CourseStarted { date } => {
                    if let Some(j) = started_at {
                        problems.push(at(
                            i,
                            "",
                            format!("the course already started (events[{j}]); a course starts once"),
                        ));
                    } else if *date < referred_on {
                        problems.push(at(
                            i,
                            "date",
                            format!("the course cannot start on {date}, before the referral on {referred_on}"),
                        ));
                    } else {
                        started_at = Some(i);
                        facts.course_started = Some(*date);
                    }
                }
                EventKind::CourseEnded { date, outcome, reason } => {
                    if let Some(j) = ended_at {
                        problems.push(at(i, "", format!("the course already ended (events[{j}]); a course ends once")));
                    } else {
                        ended_at = Some(i);
                        facts.course_ended = Some(CourseEnd { date: *date, outcome: *outcome, reason: reason.clone() });
                    }
                }
                EventKind::JobStarted { date, job } => jobs.push((*date, i, true, *job)),
                EventKind::JobEnded { date } => jobs.push((*date, i, false, JobType::Ordinary)),
                EventKind::EducationStarted { date } => education.push((*date, i, true)),
                EventKind::EducationEnded { date } => education.push((*date, i, false)),
                EventKind::BenefitPaid { from, to, benefit } => {
                    if to < from {
                        problems.push(at(
                            i,
                            "to",
                            format!("the benefit period ends on {to}, before it starts on {from}"),
                        ));
                    } else {
                        facts.benefits.push(BenefitPeriod { from: *from, to: *to, benefit: *benefit });
                    }
                }
                EventKind::Retraction { .. } => {}
            }
        }
        if let (Some(end_i), Some(end)) = (ended_at, &facts.course_ended) {
            let start = facts.course_started.unwrap_or(referred_on);
            if end.date < start {
                problems.push(at(
                    end_i,
                    "date",
                    format!("the course cannot end on {}, before it started on {start}", end.date),
                ));
            }
        }

        pair_jobs(&mut jobs, &mut facts.spells, &mut problems);
        pair_education(&mut education, &mut facts.education, &mut problems);
        facts.benefits.sort_by_key(|b| (b.from, b.to));

        if problems.is_empty() { Ok(facts) } else { Err(problems) }
    }
}

/// Pairs education starts and ends into spells (an end on the day of a
/// start closes the open spell first, as for jobs).
fn pair_education(
    events: &mut [(NaiveDate, usize, bool)],
    spells: &mut Vec<(NaiveDate, Option<NaiveDate>)>,
    problems: &mut Vec<Problem>,
) {
    // On a date, ends before starts; then input order.
    events.sort_by_key(|e| (e.0, e.2, e.1));
    let mut open: Option<(NaiveDate, usize)> = None;
    for &(d, i, start) in events.iter() {
        match (open, start) {
            (None, true) => open = Some((d, i)),
            (Some((s, _)), false) => {
                spells.push((s, Some(d)));
                open = None;
            }
            (Some((s, j)), true) => problems.push(at(
                i,
                "date",
                format!("education starts on {d} while the education started on {s} (events[{j}]) has not ended; record its education_ended first"),
            )),
            (None, false) => problems.push(at(
                i,
                "date",
                format!("education_ended on {d} has no education_started on or before it"),
            )),
        }
    }
    if let Some((s, _)) = open {
        spells.push((s, None));
    }
}

/// Pairs job starts and ends into spells. On a date, an end closes the job
/// that is open before a new one starts, whatever order the events were
/// listed in; a one-day job (start and end on the same date) also works.
fn pair_jobs(jobs: &mut [(NaiveDate, usize, bool, JobType)], spells: &mut Vec<Spell>, problems: &mut Vec<Problem>) {
    jobs.sort_by_key(|j| (j.0, j.1));
    let mut open: Option<(NaiveDate, usize, JobType)> = None;
    let mut k = 0;
    while k < jobs.len() {
        let date = jobs[k].0;
        let mut group_end = k;
        while group_end < jobs.len() && jobs[group_end].0 == date {
            group_end += 1;
        }
        let mut starts: Vec<_> = jobs[k..group_end].iter().filter(|j| j.2).collect();
        let mut ends: Vec<_> = jobs[k..group_end].iter().filter(|j| !j.2).collect();
        starts.reverse();
        ends.reverse();
        loop {
            match (open, ends.last(), starts.last()) {
                (Some((s, _, job)), Some(_), _) => {
                    ends.pop();
                    spells.push(Spell { start: s, end: Some(date), job });
                    open = None;
                }
                (None, _, Some(&&(d, i, _, job))) => {
                    starts.pop();
                    open = Some((d, i, job));
                }
                (Some((s, j, _)), None, Some(&&(d, i, _, _))) => {
                    starts.pop();
                    problems.push(at(
                        i,
                        "date",
                        format!("a job starts on {d} while the job started on {s} (events[{j}]) has not ended; record its job_ended first"),
                    ));
                }
                (None, Some(&&(d, i, _, _)), None) => {
                    ends.pop();
                    problems.push(at(
                        i,
                        "date",
                        format!(
                            "job_ended on {d} has no job_started on or before it (an event cannot end before it starts)"
                        ),
                    ));
                }
                (_, None, None) => break,
            }
        }
        k = group_end;
    }
    if let Some((s, _, job)) = open {
        spells.push(Spell { start: s, end: None, job });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::EventId;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn ev(kind: EventKind) -> Event {
        Event { id: None, kind }
    }

    #[test]
    fn jobs_pair_into_spells_whatever_the_listing_order() {
        let events = [
            ev(EventKind::JobStarted { date: d(2025, 6, 1), job: JobType::Ordinary }),
            ev(EventKind::JobStarted { date: d(2025, 3, 3), job: JobType::Fleksjob }),
            ev(EventKind::JobEnded { date: d(2025, 6, 1) }),
        ];
        let f = Facts::build(d(2025, 2, 1), &events).unwrap();
        assert_eq!(
            f.spells,
            vec![
                Spell { start: d(2025, 3, 3), end: Some(d(2025, 6, 1)), job: JobType::Fleksjob },
                Spell { start: d(2025, 6, 1), end: None, job: JobType::Ordinary },
            ]
        );
    }

    #[test]
    fn an_end_before_its_start_is_refused() {
        let events = [
            ev(EventKind::JobEnded { date: d(2025, 3, 1) }),
            ev(EventKind::JobStarted { date: d(2025, 3, 3), job: JobType::Ordinary }),
            ev(EventKind::BenefitPaid { from: d(2025, 4, 30), to: d(2025, 4, 1), benefit: Benefit::Dagpenge }),
        ];
        let problems = Facts::build(d(2025, 2, 1), &events).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, vec!["events[2].to", "events[0].date"]);
    }

    #[test]
    fn a_retracted_event_no_longer_counts() {
        let id = EventId::parse("e1").unwrap();
        let events = [
            Event {
                id: Some(id.clone()),
                kind: EventKind::BenefitPaid { from: d(2025, 4, 1), to: d(2025, 4, 30), benefit: Benefit::Dagpenge },
            },
            ev(EventKind::Retraction { retracts: id.clone() }),
        ];
        assert!(Facts::build(d(2025, 2, 1), &events).unwrap().benefits.is_empty());
        let twice = [events[0].clone(), events[1].clone(), events[1].clone()];
        assert_eq!(Facts::build(d(2025, 2, 1), &twice).unwrap_err()[0].field, "events[2].retracts");
    }

    #[test]
    fn the_course_starts_once_and_not_before_the_referral() {
        let events = [
            ev(EventKind::CourseStarted { date: d(2025, 1, 31) }),
            ev(EventKind::CourseStarted { date: d(2025, 2, 10) }),
        ];
        let problems = Facts::build(d(2025, 2, 1), &events).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "events[0].date");
    }
}
