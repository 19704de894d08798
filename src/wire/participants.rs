//! Participants of a grant project, as JSON (the API) or CSV (an import),
//! checked row by row and turned into `grant::Participant`: the CPR number
//! becomes its keyed pseudonym (never kept), and the age at enrolment is
//! checked against the grant's target group. Any problem refuses the whole
//! input; each names its line (CSV, as an editor counts it) or its place
//! (JSON) and field.
//!
//! CSV, one row per event, the participant's id on every row:
//!
//! ```text
//! participant,cpr,event,start,end,hours_per_week
//! u-001,010105-4321,enrolled,2025-09-01,,
//! u-001,,work,2025-10-06,2025-12-31,15
//! u-001,,education,2026-01-05,,
//! u-001,,left,2026-06-30,,
//! ```
//!
//! Events: `enrolled` (with `cpr`; `start` is the enrolment date), `left`
//! (`start` is the last day in the project), `work` (`start`, optional
//! `end`, `hours_per_week`) and `education` (`start`, optional `end`). A
//! Danish Excel file is read too: semicolons, dates as `01.09.2025`, hours
//! as `7,5`, a byte-order mark.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::csv_line::EditorLines;
use crate::contract::Problem;
use crate::cpr::{Cpr, PseudonymKey};
use crate::grant::{Grant, Participant, Spell, WorkSpell};
use crate::ids::ParticipantId;

/// A participant as the API takes it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantIn {
    pub participant: Option<String>,
    pub cpr: Option<String>,
    pub enrolled: Option<String>,
    pub left: Option<String>,
    #[serde(default)]
    pub work: Vec<SpellIn>,
    #[serde(default)]
    pub education: Vec<SpellIn>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpellIn {
    pub start: Option<String>,
    pub end: Option<String>,
    /// Work only: a string (`"7.5"`) or a number.
    pub hours_per_week: Option<serde_json::Value>,
}

/// The API body: `{"participants": [...]}`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantsIn {
    pub participants: Vec<ParticipantIn>,
}

/// Where a value came from: a CSV line, or a JSON path.
#[derive(Clone, Debug)]
enum At {
    Line(u32),
    Path(String),
}

/// One participant's raw values with where each came from.
struct Raw {
    at: At,
    id: String,
    cpr: Option<(String, At)>,
    enrolled: Option<(String, At)>,
    left: Option<(String, At)>,
    work: Vec<(SpellIn, At)>,
    education: Vec<(SpellIn, At)>,
}

struct Cx<'a> {
    file: &'a str,
    danish: bool,
    problems: Vec<Problem>,
}

impl Cx<'_> {
    fn err(&mut self, at: &At, field: &str, message: impl Into<String>) {
        let p = match at {
            At::Line(l) => Problem::new(field, Some(*l), message),
            At::Path(path) => Problem::new(format!("{path}.{field}"), None, message),
        };
        self.problems.push(if self.file.is_empty() { p } else { p.in_file(self.file) });
    }

    fn date(&mut self, text: &str, at: &At, field: &str) -> Option<NaiveDate> {
        let t = text.trim();
        let parsed = NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .ok()
            .or_else(|| if self.danish { NaiveDate::parse_from_str(t, "%d.%m.%Y").ok() } else { None });
        if parsed.is_none() {
            let expected = if self.danish { "a date such as 2025-09-01 or 01.09.2025" } else { "a date YYYY-MM-DD" };
            self.err(at, field, format!("`{t}` is not a date; expected {expected}"));
        }
        parsed
    }

    fn hours(&mut self, v: Option<&serde_json::Value>, at: &At) -> Option<Decimal> {
        let text = match v {
            Some(serde_json::Value::String(s)) => s.trim().to_string(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            Some(other) => {
                self.err(at, "hours_per_week", format!("expected hours a week such as \"7.5\", found {other}"));
                return None;
            }
            None => {
                self.err(at, "hours_per_week", "missing; a job needs its hours a week");
                return None;
            }
        };
        let normal = if self.danish { text.replace(',', ".") } else { text.clone() };
        match normal.parse::<Decimal>() {
            Ok(h) if h > Decimal::ZERO && h <= Decimal::from(168) => Some(h),
            _ => {
                self.err(at, "hours_per_week", format!("`{text}` is not a number of hours a week from above 0 to 168"));
                None
            }
        }
    }

    fn spell(&mut self, s: &SpellIn, at: &At) -> Option<Spell> {
        let from = match &s.start {
            Some(t) if !t.trim().is_empty() => self.date(t, at, "start"),
            _ => {
                self.err(at, "start", "missing; expected the first day");
                None
            }
        };
        let until = match &s.end {
            Some(t) if !t.trim().is_empty() => Some(self.date(t, at, "end")?),
            _ => None,
        };
        let from = from?;
        if let Some(u) = until
            && u < from
        {
            self.err(at, "end", format!("{u} is before the start {from}"));
            return None;
        }
        Some(Spell { from, until })
    }
}

/// Checks every raw participant and converts them, or lists every problem.
fn convert(raws: Vec<Raw>, grant: &Grant, key: &PseudonymKey, cx: &mut Cx) -> Vec<Participant> {
    let mut out = Vec::new();
    for r in raws {
        let id = match ParticipantId::parse(&r.id) {
            Ok(id) => Some(id),
            Err(e) => {
                cx.err(&r.at, "participant", e.to_string());
                None
            }
        };
        let enrolled = match &r.enrolled {
            Some((t, at)) => cx.date(t, at, "enrolled"),
            None => {
                cx.err(&r.at, "enrolled", "missing; every participant needs an enrolment date");
                None
            }
        };
        let cpr = match &r.cpr {
            Some((t, at)) => match Cpr::parse(t) {
                Ok(c) => Some((c, at.clone())),
                Err(e) => {
                    cx.err(at, "cpr", e.to_string());
                    None
                }
            },
            None => {
                cx.err(&r.at, "cpr", "missing; the CPR number gives the age at enrolment");
                None
            }
        };
        if let (Some((c, at)), Some(e)) = (&cpr, enrolled)
            && let Err(age) = grant.target.admits(c.birth_date(), e)
        {
            cx.err(
                at,
                "cpr",
                format!(
                    "aged {age} at enrolment on {e}; {} is for ages {} to {}",
                    grant.title, grant.target.min_age, grant.target.max_age
                ),
            );
        }
        let left = r.left.as_ref().and_then(|(t, at)| {
            let l = cx.date(t, at, "left")?;
            if enrolled.is_some_and(|e| l < e) {
                cx.err(at, "left", format!("{l} is before the enrolment on {}", enrolled.unwrap_or(l)));
                return None;
            }
            Some(l)
        });
        let mut work = Vec::new();
        for (s, at) in &r.work {
            let spell = cx.spell(s, at);
            let hours = cx.hours(s.hours_per_week.as_ref(), at);
            if let (Some(spell), Some(hours_per_week)) = (spell, hours) {
                work.push(WorkSpell { spell, hours_per_week });
            }
        }
        let education: Vec<Spell> = r.education.iter().filter_map(|(s, at)| cx.spell(s, at)).collect();
        if let (Some(id), Some(enrolled), Some((c, _))) = (id, enrolled, cpr) {
            out.push(Participant { id, citizen: key.pseudonym(&c), enrolled, left, work, education });
        }
    }
    out
}

/// Reads the API body's participants.
pub fn from_json(body: ParticipantsIn, grant: &Grant, key: &PseudonymKey) -> Result<Vec<Participant>, Vec<Problem>> {
    let mut cx = Cx { file: "", danish: false, problems: Vec::new() };
    let mut seen = BTreeMap::new();
    let mut raws = Vec::new();
    for (i, p) in body.participants.into_iter().enumerate() {
        let at = At::Path(format!("participants[{i}]"));
        let id = p.participant.clone().unwrap_or_default();
        if let Some(first) = seen.insert(id.clone(), i) {
            cx.err(&at, "participant", format!("`{id}` is also participants[{first}]; one entry per participant"));
        }
        let sub = |f: &str| At::Path(format!("participants[{i}].{f}"));
        raws.push(Raw {
            id,
            cpr: p.cpr.filter(|s| !s.trim().is_empty()).map(|s| (s, at.clone())),
            enrolled: p.enrolled.filter(|s| !s.trim().is_empty()).map(|s| (s, at.clone())),
            left: p.left.filter(|s| !s.trim().is_empty()).map(|s| (s, at.clone())),
            work: p.work.into_iter().enumerate().map(|(k, s)| (s, sub(&format!("work[{k}]")))).collect(),
            education: p.education.into_iter().enumerate().map(|(k, s)| (s, sub(&format!("education[{k}]")))).collect(),
            at,
        });
    }
    let out = convert(raws, grant, key, &mut cx);
    if cx.problems.is_empty() { Ok(out) } else { Err(cx.problems) }
}

const COLUMNS: [&str; 6] = ["participant", "cpr", "event", "start", "end", "hours_per_week"];

/// Reads a participants CSV (either dialect). `file` names it in problems.
pub fn from_csv(text: &str, file: &str, grant: &Grant, key: &PseudonymKey) -> Result<Vec<Participant>, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let danish = text.lines().next().unwrap_or_default().contains(';');
    let mut cx = Cx { file, danish, problems: Vec::new() };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if danish { b';' } else { b',' })
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(e) => {
            cx.err(&At::Line(1), "", format!("not CSV: {e}"));
            return Err(cx.problems);
        }
    };
    for h in &header {
        if !COLUMNS.contains(&h.as_str()) {
            cx.err(&At::Line(1), h, format!("unknown column; expected {}", COLUMNS.join(", ")));
        }
    }
    for c in ["participant", "event", "start"] {
        if !header.iter().any(|h| h == c) {
            cx.err(&At::Line(1), c, format!("the header has no column `{c}`"));
        }
    }
    if !cx.problems.is_empty() {
        return Err(cx.problems);
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut lines = EditorLines::new(text.as_bytes());
    let mut by_id: BTreeMap<String, Raw> = BTreeMap::new();
    let mut order = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = lines.of(e.position()).unwrap_or(i as u32 + 2);
                cx.err(&At::Line(line), "", format!("not CSV: {e}"));
                continue;
            }
        };
        let line = lines.of(record.position()).unwrap_or(i as u32 + 2);
        let at = At::Line(line);
        let get = |name: &str| col(name).and_then(|c| record.get(c)).map(str::to_string).filter(|s| !s.is_empty());
        // A CPR number belongs in the cpr column only; elsewhere the cell is
        // refused and never repeated.
        for (h, v) in header.iter().zip(record.iter()) {
            if h != "cpr" && crate::cpr::contains_cpr(v) {
                cx.err(&at, h, crate::cpr::REFUSED);
            }
        }
        let Some(id) = get("participant") else {
            cx.err(&at, "participant", "missing; every row names its participant");
            continue;
        };
        let raw = by_id.entry(id.clone()).or_insert_with(|| {
            order.push(id.clone());
            Raw {
                at: at.clone(),
                id: id.clone(),
                cpr: None,
                enrolled: None,
                left: None,
                work: vec![],
                education: vec![],
            }
        });
        let event = get("event").unwrap_or_default();
        if event != "enrolled"
            && let Some(_) = get("cpr")
        {
            cx.err(&at, "cpr", "only the enrolled row carries the CPR number");
        }
        let once =
            |slot: &mut Option<(String, At)>, v: Option<String>, field: &str, cx: &mut Cx| match (slot.as_ref(), v) {
                (Some((_, At::Line(first))), Some(_)) => {
                    cx.err(&at, field, format!("the participant already has a `{event}` row on line {first}"))
                }
                (_, Some(v)) => *slot = Some((v, at.clone())),
                (_, None) => cx.err(&at, "start", "missing; expected the date"),
            };
        let spell = SpellIn {
            start: get("start"),
            end: get("end"),
            hours_per_week: get("hours_per_week").map(serde_json::Value::String),
        };
        match event.as_str() {
            "enrolled" => {
                once(&mut raw.enrolled, get("start"), "event", &mut cx);
                raw.cpr = get("cpr").map(|c| (c, at.clone()));
            }
            "left" => once(&mut raw.left, get("start"), "event", &mut cx),
            "work" => raw.work.push((spell, at.clone())),
            "education" => raw.education.push((spell, at.clone())),
            other => {
                cx.err(&at, "event", format!("`{other}` is not an event; expected enrolled, left, work or education"))
            }
        }
    }
    let raws: Vec<Raw> = order.iter().filter_map(|id| by_id.remove(id)).collect();
    let out = convert(raws, grant, key, &mut cx);
    if cx.problems.is_empty() { Ok(out) } else { Err(cx.problems) }
}
