//! Courses and events as they arrive (JSON or CSV) and their conversion into
//! domain [`Course`]s, collecting every problem. The same raw event shape is
//! the store's format for events.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::benefit::{Benefit, JobType};
use crate::contract::{ContractSet, Problem};
use crate::course::{ATTRIBUTE_NAMES, Attributes, Course, EVENT_TYPES, Event, EventKind, Outcome};
use crate::ids::{CitizenRef, ContractId, CourseId, EventId, IdError, TargetGroupId};

pub use super::dates::{not_a_date, not_a_date_da, parse_date};

/// A course in input. Every field is optional here so that a missing one is
/// reported with the others instead of stopping the parse.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCourse {
    pub course_id: Option<String>,
    pub citizen: Option<String>,
    pub contract: Option<String>,
    pub target_group: Option<String>,
    pub referred_on: Option<String>,
    #[serde(default)]
    pub attributes: RawAttributes,
    #[serde(default)]
    pub events: Vec<RawEvent>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub a_kasse: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unemployed_since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit: Option<String>,
}

/// One event: `type` says which of the other fields it uses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retracts: Option<String>,
}

/// What an event's problems are prefixed with: a given name, or
/// `events[i]` spelled out only when there is a problem to name.
#[derive(Clone, Copy)]
enum Base<'a> {
    Named(&'a str),
    Event(usize),
}

/// One field of an event (`events[3].date`), for a problem.
#[derive(Clone, Copy)]
struct Field<'a> {
    base: Base<'a>,
    key: &'a str,
}

impl fmt::Display for Field<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.base {
            Base::Named(name) => write!(f, "{name}.{}", self.key),
            Base::Event(i) => write!(f, "events[{i}].{}", self.key),
        }
    }
}

/// Collects problems with a common path prefix.
pub struct Sink<'p> {
    pub prefix: String,
    pub problems: &'p mut Vec<Problem>,
}

impl Sink<'_> {
    /// A problem said in English and in Danish (the pages show Danish).
    pub fn said(&mut self, field: &str, en: impl Into<String>, da: impl Into<String>) {
        self.err(field, en);
        if let Some(p) = self.problems.last_mut() {
            p.message_da = Some(da.into());
        }
    }

    pub fn err(&mut self, field: &str, message: impl Into<String>) {
        let field = if self.prefix.is_empty() {
            field.to_string()
        } else if field.is_empty() {
            self.prefix.clone()
        } else {
            format!("{}.{field}", self.prefix)
        };
        self.problems.push(Problem::new(field, None, message));
    }
}

fn blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn date(v: &Option<String>, field: impl fmt::Display, required: bool, sink: &mut Sink<'_>) -> Option<NaiveDate> {
    match blank(v) {
        None => {
            if required {
                sink.err(&field.to_string(), "missing; expected a date YYYY-MM-DD");
            }
            None
        }
        Some(s) => parse_date(s).or_else(|| {
            sink.err(&field.to_string(), not_a_date(s));
            None
        }),
    }
}

fn ident<T>(
    v: &Option<String>,
    field: impl fmt::Display,
    sink: &mut Sink<'_>,
    parse: fn(&str) -> Result<T, IdError>,
) -> Option<T> {
    match blank(v) {
        None => {
            sink.err(&field.to_string(), "missing");
            None
        }
        Some(s) => parse(s).map_err(|e| sink.err(&field.to_string(), e.to_string())).ok(),
    }
}

fn benefit(v: &Option<String>, field: impl fmt::Display, sink: &mut Sink<'_>) -> Option<Benefit> {
    let s = blank(v)?;
    Benefit::parse(s).or_else(|| {
        sink.err(&field.to_string(), format!("unknown benefit `{s}`; expected {}", Benefit::expected()));
        None
    })
}

impl RawEvent {
    /// Converts one event; `field` names it (`events[3]`).
    pub fn to_event(&self, sink: &mut Sink<'_>, field: &str) -> Option<Event> {
        self.convert(sink, Base::Named(field))
    }

    fn convert(&self, sink: &mut Sink<'_>, base: Base<'_>) -> Option<Event> {
        let f = |key| Field { base, key };
        let id = match blank(&self.id) {
            None => None,
            Some(s) => match EventId::parse(s) {
                Ok(id) => Some(id),
                Err(e) => {
                    sink.err(&f("id").to_string(), e.to_string());
                    return None;
                }
            },
        };
        let Some(kind) = blank(&self.kind) else {
            sink.err(&f("type").to_string(), format!("missing; expected one of {}", EVENT_TYPES.join(", ")));
            return None;
        };
        // Which fields each type uses; any other field given is a mistake.
        let uses: &[&str] = match kind {
            "course_started" | "job_ended" | "education_started" | "education_ended" => &["date"],
            "course_ended" => &["date", "outcome", "reason"],
            "job_started" => &["date", "job"],
            "benefit_paid" => &["from", "to", "benefit"],
            "retraction" => &["retracts", "reason"],
            other => {
                sink.err(
                    &f("type").to_string(),
                    format!("unknown event type `{other}`; expected one of {}", EVENT_TYPES.join(", ")),
                );
                return None;
            }
        };
        let given = [
            ("date", &self.date),
            ("from", &self.from),
            ("to", &self.to),
            ("job", &self.job),
            ("benefit", &self.benefit),
            ("outcome", &self.outcome),
            ("reason", &self.reason),
            ("retracts", &self.retracts),
        ];
        let before = sink.problems.len();
        for (name, value) in given {
            if blank(value).is_some() && !uses.contains(&name) {
                sink.err(&f(name).to_string(), format!("not used by a {kind} event (it uses {})", uses.join(", ")));
            }
        }
        let kind = match kind {
            "course_started" => date(&self.date, f("date"), true, sink).map(|date| EventKind::CourseStarted { date }),
            "job_ended" => date(&self.date, f("date"), true, sink).map(|date| EventKind::JobEnded { date }),
            "education_started" => {
                date(&self.date, f("date"), true, sink).map(|date| EventKind::EducationStarted { date })
            }
            "education_ended" => date(&self.date, f("date"), true, sink).map(|date| EventKind::EducationEnded { date }),
            "course_ended" => {
                let d = date(&self.date, f("date"), true, sink);
                let outcome = match blank(&self.outcome) {
                    None => {
                        sink.err(&f("outcome").to_string(), "missing; expected job, no_job or interrupted");
                        None
                    }
                    Some(s) => Outcome::parse(s).or_else(|| {
                        sink.err(
                            &f("outcome").to_string(),
                            format!("`{s}` is not an outcome; expected job, no_job or interrupted"),
                        );
                        None
                    }),
                };
                let reason = blank(&self.reason).map(str::to_string);
                d.zip(outcome).map(|(date, outcome)| EventKind::CourseEnded { date, outcome, reason })
            }
            "job_started" => {
                let d = date(&self.date, f("date"), true, sink);
                let job = match blank(&self.job) {
                    None => Some(JobType::Ordinary),
                    Some(s) => JobType::parse(s).or_else(|| {
                        sink.err(
                            &f("job").to_string(),
                            format!("`{s}` is not a kind of job; expected ordinary or fleksjob"),
                        );
                        None
                    }),
                };
                d.zip(job).map(|(date, job)| EventKind::JobStarted { date, job })
            }
            "benefit_paid" => {
                let from = date(&self.from, f("from"), true, sink);
                let to = date(&self.to, f("to"), true, sink);
                let b = benefit(&self.benefit, f("benefit"), sink);
                if blank(&self.benefit).is_none() {
                    sink.err(&f("benefit").to_string(), format!("missing; expected {}", Benefit::expected()));
                }
                match (from, to, b) {
                    (Some(from), Some(to), Some(benefit)) => Some(EventKind::BenefitPaid { from, to, benefit }),
                    _ => None,
                }
            }
            _ => ident(&self.retracts, f("retracts"), sink, EventId::parse)
                .map(|retracts| EventKind::Retraction { retracts }),
        };
        if sink.problems.len() > before {
            return None;
        }
        kind.map(|kind| Event { id, kind })
    }

    /// The raw form of a domain event (the store's format).
    pub fn from_event(e: &Event) -> RawEvent {
        let mut r = RawEvent {
            kind: Some(e.kind.type_name().to_string()),
            id: e.id.as_ref().map(|i| i.to_string()),
            ..RawEvent::default()
        };
        match &e.kind {
            EventKind::CourseStarted { date }
            | EventKind::JobEnded { date }
            | EventKind::EducationStarted { date }
            | EventKind::EducationEnded { date } => r.date = Some(date.to_string()),
            EventKind::CourseEnded { date, outcome, reason } => {
                r.date = Some(date.to_string());
                r.outcome = Some(outcome.as_str().to_string());
                r.reason = reason.clone();
            }
            EventKind::JobStarted { date, job } => {
                r.date = Some(date.to_string());
                r.job = Some(job.as_str().to_string());
            }
            EventKind::BenefitPaid { from, to, benefit } => {
                r.from = Some(from.to_string());
                r.to = Some(to.to_string());
                r.benefit = Some(benefit.as_str().to_string());
            }
            EventKind::Retraction { retracts } => r.retracts = Some(retracts.to_string()),
        }
        r
    }
}

/// The parts of a course other than its events, checked.
pub struct Header {
    pub id: CourseId,
    pub citizen: CitizenRef,
    pub contract: ContractId,
    pub target_group: TargetGroupId,
    pub referred_on: NaiveDate,
    pub attributes: Attributes,
}

impl RawCourse {
    /// Checks the header fields, including that the contract and target
    /// group exist.
    pub fn header(&self, contracts: &ContractSet, sink: &mut Sink<'_>) -> Option<Header> {
        let id = ident(&self.course_id, "course_id", sink, CourseId::parse);
        let citizen = ident(&self.citizen, "citizen", sink, CitizenRef::parse);
        let contract = ident(&self.contract, "contract", sink, ContractId::parse).and_then(|c| {
            if contracts.contains(c.as_str()) {
                Some(c)
            } else {
                let known: Vec<&str> = contracts.ids().collect();
                sink.err("contract", format!("unknown contract `{c}`; known: {}", known.join(", ")));
                None
            }
        });
        let group = ident(&self.target_group, "target_group", sink, TargetGroupId::parse);
        let group = match (&contract, group) {
            (Some(c), Some(g)) if !contracts.has_target_group(c.as_str(), g.as_str()) => {
                sink.err("target_group", format!("contract `{c}` has no target group `{g}` in any version"));
                None
            }
            (_, g) => g,
        };
        let referred_on = date(&self.referred_on, "referred_on", true, sink);
        let a = &self.attributes;
        let attributes = Attributes {
            birth_date: date(&a.birth_date, "attributes.birth_date", false, sink),
            a_kasse: blank(&a.a_kasse).map(str::to_string),
            unemployed_since: date(&a.unemployed_since, "attributes.unemployed_since", false, sink),
            benefit: benefit(&a.benefit, "attributes.benefit", sink),
        };
        Some(Header {
            id: id?,
            citizen: citizen?,
            contract: contract?,
            target_group: group?,
            referred_on: referred_on?,
            attributes,
        })
    }

    /// Converts the whole course: header, events one by one, then the events
    /// as a whole. Problems carry `sink`'s prefix.
    pub fn to_course(&self, contracts: &ContractSet, sink: &mut Sink<'_>) -> Option<(Course, Vec<Event>)> {
        let before = sink.problems.len();
        let header = self.header(contracts, sink);
        let events: Vec<Option<Event>> =
            self.events.iter().enumerate().map(|(i, e)| e.convert(sink, Base::Event(i))).collect();
        if sink.problems.len() > before {
            return None;
        }
        let h = header?;
        let events: Vec<Event> = events.into_iter().collect::<Option<_>>()?;
        match Course::new(h.id, h.citizen, h.contract, h.target_group, h.referred_on, h.attributes, &events) {
            Ok(c) => Some((c, events)),
            Err(ps) => {
                for p in ps {
                    sink.err(&p.field, p.message);
                }
                None
            }
        }
    }
}

/// The accepted attribute names (also used by CSV headers).
pub fn attribute_names() -> &'static [&'static str] {
    ATTRIBUTE_NAMES
}
