//! Referrals, events and evaluations.

use std::collections::HashSet;

use chrono::{NaiveDate, Utc};

use super::{Service, Viewer};
use crate::contract::Problem;
use crate::cpr::{self, Cpr, contains_cpr};
use crate::evaluate::evaluate_all;
use crate::ids::{CitizenRef, CourseId};
use crate::store::audit::Actor;
use crate::store::records::{CourseRecord, EventRecord};
use crate::store::{Read, RepoError, keys};
use crate::verdict::CourseStatus;
use crate::wire::course_api::CourseIn;
use crate::wire::course_in::{RawCourse, RawEvent, Sink, parse_date};
use crate::wire::evaluation_out::EvaluationOut;

/// A page of courses and where the next page starts.
pub struct Page {
    pub courses: Vec<(CourseRecord, CourseStatus)>,
    pub next_after: Option<String>,
}

/// Free-text fields must not carry a CPR number into the store.
fn check_free_text(events: &[RawEvent], offset: usize, problems: &mut Vec<Problem>) {
    for (i, e) in events.iter().enumerate() {
        if e.reason.as_deref().is_some_and(contains_cpr) {
            problems.push(Problem::new(format!("events[{}].reason", i + offset), None, cpr::REFUSED));
        }
    }
}

/// Gives every event without an id one (`e<seq>`), so that a later
/// retraction can name it.
fn assign_ids(events: &mut [RawEvent], first_seq: u32, taken: &mut HashSet<String>) {
    for (i, e) in events.iter_mut().enumerate() {
        if e.id.is_none() {
            let mut id = format!("e{}", first_seq + i as u32);
            let mut n = 1;
            while taken.contains(&id) {
                n += 1;
                id = format!("e{}-{n}", first_seq + i as u32);
            }
            e.id = Some(id);
        }
        if let Some(id) = &e.id {
            taken.insert(id.clone());
        }
    }
}

impl Service {
    /// `POST /courses`. Returns the record and whether it was created now
    /// (false: the same referral was already stored).
    pub async fn create_course(&self, body: CourseIn, actor: &Actor) -> Result<(CourseRecord, bool), RepoError> {
        let mut problems = Vec::new();
        let mut attributes = body.attributes.clone();
        let citizen = match (body.cpr.as_deref(), body.citizen.as_deref()) {
            (Some(_), Some(_)) => {
                problems.push(Problem::new("cpr", None, "give either cpr or citizen, not both"));
                None
            }
            (None, None) => {
                problems.push(Problem::new("citizen", None, "missing; give the citizen's pseudonym or cpr"));
                None
            }
            (None, Some(p)) => Some(p.to_string()),
            (Some(cpr), None) => match Cpr::parse(cpr) {
                Err(e) => {
                    problems.push(Problem::new("cpr", None, e.to_string()));
                    None
                }
                Ok(cpr) => {
                    let born = cpr.birth_date();
                    match attributes.birth_date.as_deref().map(parse_date) {
                        None => attributes.birth_date = Some(born.to_string()),
                        Some(Some(given)) if given != born => problems.push(Problem::new(
                            "attributes.birth_date",
                            None,
                            "differs from the birth date in the CPR number",
                        )),
                        _ => {}
                    }
                    Some(self.key.pseudonym(&cpr).to_string())
                }
            },
        };
        if attributes.a_kasse.as_deref().is_some_and(contains_cpr) {
            problems.push(Problem::new("attributes.a_kasse", None, cpr::REFUSED));
        }
        if body.events.len() > self.limits.max_events_per_request {
            problems.push(Problem::new(
                "events",
                None,
                format!("{} events; at most {} per request", body.events.len(), self.limits.max_events_per_request),
            ));
        }
        check_free_text(&body.events, 0, &mut problems);
        let mut events = body.events.clone();
        let mut taken: HashSet<String> = events.iter().filter_map(|e| e.id.clone()).collect();
        assign_ids(&mut events, 1, &mut taken);
        let raw = RawCourse {
            course_id: body.course_id.clone(),
            // A stand-in when the citizen is missing or wrong, so that the
            // other fields are still checked; that problem is reported above.
            citizen: citizen.clone().or(Some("p-unknown".into())),
            contract: body.contract.clone(),
            target_group: body.target_group.clone(),
            referred_on: body.referred_on.clone(),
            attributes: attributes.clone(),
            events: events.clone(),
        };
        let set = self.contracts();
        let mut sink = Sink { prefix: String::new(), problems: &mut problems };
        let course = raw.to_course(&set, &mut sink);
        let (course, citizen) = match (course, citizen) {
            (Some((c, _)), Some(_)) if problems.is_empty() => {
                let citizen = c.citizen.to_string();
                (c, citizen)
            }
            _ => return Err(RepoError::Invalid(problems)),
        };
        let now = Utc::now();
        let record = CourseRecord {
            course_id: course.id.to_string(),
            citizen,
            contract: course.contract.to_string(),
            target_group: course.target_group.to_string(),
            referred_on: course.referred_on,
            attributes,
            created_at: now,
            created_by: actor.name.clone(),
            events: events
                .into_iter()
                .enumerate()
                .map(|(i, event)| EventRecord {
                    seq: i as u32 + 1,
                    recorded_at: now,
                    recorded_by: actor.name.clone(),
                    event,
                })
                .collect(),
        };
        let key = keys::course(&record.course_id);
        self.repo
            .write(actor, |tx| {
                if let Some(existing) = tx.get::<CourseRecord>(&key)? {
                    return if same_referral(&existing, &record) {
                        Ok((existing, false))
                    } else {
                        Err(RepoError::Conflict(format!(
                            "course {} already exists with other content; add events to it instead",
                            record.course_id
                        )))
                    };
                }
                let bytes = serde_json::to_vec(&record).expect("records serialise");
                tx.put(key.clone(), &record);
                tx.put(keys::citizen(&record.contract, &record.citizen, &record.course_id), &true);
                tx.audit("course.create", &record.course_id, &bytes);
                Ok((record.clone(), true))
            })
            .await
            .and_then(|(rec, created)| {
                self.remember_new(&rec)?;
                Ok((rec, created))
            })
    }

    /// `POST /courses/{id}/events`: appends events after checking them
    /// together with the course's stored events. Returns the new records.
    pub async fn append_events(
        &self,
        id: &str,
        new: Vec<RawEvent>,
        actor: &Actor,
    ) -> Result<Vec<EventRecord>, RepoError> {
        let mut problems = Vec::new();
        if new.is_empty() {
            problems.push(Problem::new("events", None, "no events given"));
        }
        if new.len() > self.limits.max_events_per_request {
            problems.push(Problem::new(
                "events",
                None,
                format!("{} events; at most {} per request", new.len(), self.limits.max_events_per_request),
            ));
        }
        check_free_text(&new, 0, &mut problems);
        if !problems.is_empty() {
            return Err(RepoError::Invalid(problems));
        }
        let key = keys::course(id);
        let set = self.contracts();
        self.repo
            .write(actor, |tx| {
                let Some(mut rec) = tx.get::<CourseRecord>(&key)? else {
                    return Err(RepoError::NotFound(format!("no course {id}")));
                };
                let stored = rec.events.len();
                let mut taken: HashSet<String> = rec.events.iter().filter_map(|e| e.event.id.clone()).collect();
                let mut events = new.clone();
                assign_ids(&mut events, stored as u32 + 1, &mut taken);
                let mut raw = rec.to_raw();
                raw.events.extend(events.iter().cloned());
                let mut problems = Vec::new();
                let mut sink = Sink { prefix: String::new(), problems: &mut problems };
                if raw.to_course(&set, &mut sink).is_none() {
                    return Err(RepoError::Invalid(problems.into_iter().map(|p| relative(p, stored)).collect()));
                }
                let now = Utc::now();
                let appended: Vec<EventRecord> = events
                    .into_iter()
                    .enumerate()
                    .map(|(i, event)| EventRecord {
                        seq: (stored + i + 1) as u32,
                        recorded_at: now,
                        recorded_by: actor.name.clone(),
                        event,
                    })
                    .collect();
                rec.events.extend(appended.iter().cloned());
                tx.put(key.clone(), &rec);
                tx.audit("events.append", id, &serde_json::to_vec(&appended).expect("records serialise"));
                Ok((appended, rec))
            })
            .await
            .and_then(|(appended, rec)| {
                self.remember(&rec)?;
                Ok(appended)
            })
    }

    /// A course the viewer may see.
    pub fn course_for(&self, id: &str, viewer: &Viewer) -> Result<CourseRecord, RepoError> {
        let set = self.contracts();
        match self.course_record(id)? {
            Some(r) if self.visible(&set, &r, viewer) => Ok(r),
            _ => Err(RepoError::NotFound(format!("no course {id}"))),
        }
    }

    /// `GET /courses/{id}/evaluation`: the engine's verdicts as of a date,
    /// with the once-per-citizen rule applied across the citizen's courses.
    pub fn evaluation(&self, id: &str, as_of: NaiveDate, viewer: &Viewer) -> Result<EvaluationOut, RepoError> {
        let set = self.contracts();
        let course = match self.course(id)? {
            Some(c) if self.course_visible(&set, &c, viewer) => c,
            _ => return Err(RepoError::NotFound(format!("no course {id}"))),
        };
        let courses = self.with_citizen_courses(course)?;
        let mut evals = evaluate_all(&set, &courses, as_of);
        if let Viewer::Supplier(_) = viewer {
            // The citizen's other courses may be another supplier's.
            evals[0].hide_other_courses();
        }
        Ok(EvaluationOut::from_eval(&evals[0]))
    }

    /// `GET /courses`: courses in id order after `after`, filtered by
    /// contract and by status as of `as_of`.
    pub fn list_courses(
        &self,
        viewer: &Viewer,
        contract: Option<&str>,
        status: Option<CourseStatus>,
        as_of: NaiveDate,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Page, RepoError> {
        let set = self.contracts();
        let mut out = Vec::new();
        let mut cursor = after.map(keys::course);
        // Bound the work of one request when filters match little.
        let mut budget = limit.saturating_mul(20).max(1000);
        loop {
            let page = self.repo.page::<CourseRecord>(keys::COURSE, cursor.as_deref(), 256)?;
            let exhausted = page.len() < 256;
            for (k, rec) in page {
                cursor = Some(k);
                budget = budget.saturating_sub(1);
                if !self.visible(&set, &rec, viewer) || contract.is_some_and(|c| c != rec.contract) {
                    continue;
                }
                let course = match self.course(&rec.course_id)? {
                    Some(c) => c,
                    None => self.remember(&rec)?,
                };
                let s = crate::evaluate::evaluate(&set, &course, as_of).status;
                if status.is_none_or(|want| want == s) {
                    out.push((rec, s));
                    if out.len() == limit {
                        let next = out.last().map(|(r, _)| r.course_id.clone());
                        return Ok(Page { courses: out, next_after: next });
                    }
                }
                if budget == 0 {
                    let next = cursor.as_deref().and_then(|k| k.strip_prefix(keys::COURSE)).map(str::to_string);
                    return Ok(Page { courses: out, next_after: next });
                }
            }
            if exhausted {
                return Ok(Page { courses: out, next_after: None });
            }
        }
    }
}

/// The same referral sent again: same fields and events, whenever recorded.
fn same_referral(a: &CourseRecord, b: &CourseRecord) -> bool {
    a.course_id == b.course_id
        && a.citizen == b.citizen
        && a.contract == b.contract
        && a.target_group == b.target_group
        && a.referred_on == b.referred_on
        && a.attributes == b.attributes
        && a.events.iter().map(|e| &e.event).eq(b.events.iter().map(|e| &e.event))
}

/// Problem paths of the combined events, relative to the request.
fn relative(mut p: Problem, stored: usize) -> Problem {
    if let Some(rest) = p.field.strip_prefix("events[")
        && let Some((n, tail)) = rest.split_once(']')
        && let Ok(n) = n.parse::<usize>()
    {
        p.field =
            if n >= stored { format!("events[{}]{tail}", n - stored) } else { format!("stored event {}{tail}", n + 1) };
    }
    p
}

/// Parses a course id from a path segment.
pub fn course_id(text: &str) -> Result<CourseId, RepoError> {
    CourseId::parse(text).map_err(|e| RepoError::Invalid(vec![Problem::new("course_id", None, e.to_string())]))
}

/// Parses a pseudonym (for filters).
pub fn citizen_ref(text: &str) -> Result<CitizenRef, RepoError> {
    CitizenRef::parse(text).map_err(|e| RepoError::Invalid(vec![Problem::new("citizen", None, e.to_string())]))
}
