//! Reading a whole batch of courses: one JSON document, or two CSV files
//! (`courses.csv` and `events.csv`). A batch is accepted whole or refused
//! whole, with every problem listed. JSON is read as a stream, one course at
//! a time, so a million courses never exist as raw text in memory.

use rustc_hash::FxHashMap as HashMap;
use std::fmt;
use std::io::{Read, Seek, SeekFrom};

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::course_chunks::{self, Fast};
use super::course_in::{RawCourse, RawEvent, Sink};
use super::course_json::{CourseSeed, RawBuf};
use super::csv_line::EditorLines;
use super::seen_ids::SeenIds;
use crate::contract::{ContractSet, Problem};
use crate::course::{Course, CourseStore};

struct Batch<'a> {
    contracts: &'a ContractSet,
    file: &'a str,
    /// Where each accepted course goes, while no problem has been found.
    each: &'a mut dyn CourseSink,
    problems: Vec<Problem>,
    ids: SeenIds,
    index: usize,
}

impl Batch<'_> {
    fn push(&mut self, raw: &RawCourse, problems_for: impl Fn(Problem) -> Problem) {
        let i = self.index;
        self.index += 1;
        let mut local = Vec::new();
        if let Some(id) = raw.course_id.as_deref().map(str::trim).filter(|s| !s.is_empty())
            && let Some(j) = self.ids.first(id, i)
        {
            local.push(Problem::new("course_id", None, format!("duplicate course id `{id}` (also courses[{j}])")));
        }
        let mut sink = Sink { prefix: String::new(), problems: &mut local };
        let course = raw.to_course(self.contracts, &mut sink);
        if local.is_empty() {
            if let Some((c, _)) = course
                && self.problems.is_empty()
            {
                self.each.push(c);
            }
        } else {
            let label = match raw.course_id.as_deref() {
                Some(id) => format!("courses[{i}] ({id})"),
                None => format!("courses[{i}]"),
            };
            for mut p in local {
                p.field = if p.field.is_empty() { label.clone() } else { format!("{label}.{}", p.field) };
                self.problems.push(problems_for(p.in_file(self.file)));
            }
        }
    }
}

/// Where accepted courses go as a batch is read: a `Vec<Course>`, or a
/// compact store.
pub trait CourseSink {
    fn push(&mut self, course: Course);
    /// Forgets the courses pushed so far (the batch is read again).
    fn clear(&mut self);
}

impl CourseSink for Vec<Course> {
    fn push(&mut self, course: Course) {
        Vec::push(self, course);
    }
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

impl CourseSink for CourseStore {
    fn push(&mut self, course: Course) {
        CourseStore::push(self, &course);
    }
    fn clear(&mut self) {
        CourseStore::clear(self);
    }
}

/// Reads `{ "courses": [ ... ] }` (or a bare array of courses).
pub fn read_json<R: Read>(reader: R, contracts: &ContractSet, file: &str) -> Result<Vec<Course>, Vec<Problem>> {
    let mut courses = Vec::new();
    read_json_into(reader, contracts, file, &mut courses)?;
    Ok(courses)
}

/// [`read_json`] from something that can be read again from the start (a
/// file): read in large chunks, several times faster, with the same
/// courses, problems and messages (on anything out of the ordinary the
/// file is read again as [`read_json`] reads it).
pub fn read_json_seekable<R: Read + Seek>(
    mut reader: R,
    contracts: &ContractSet,
    file: &str,
    sink: &mut dyn CourseSink,
) -> Result<(), Vec<Problem>> {
    let start = reader.stream_position();
    if let Ok(start) = start {
        let mut batch =
            Batch { contracts, file, each: &mut *sink, problems: Vec::new(), ids: SeenIds::default(), index: 0 };
        if let Ok(Fast::Done) = course_chunks::read(&mut reader, &mut |raw| batch.push(raw, |p| p)) {
            return if batch.problems.is_empty() { Ok(()) } else { Err(batch.problems) };
        }
        sink.clear();
        if reader.seek(SeekFrom::Start(start)).is_err() {
            return Err(vec![Problem::new("", None, "cannot read the file again from its start").in_file(file)]);
        }
    }
    read_json_into(reader, contracts, file, sink)
}

/// Reads `{ "courses": [ ... ] }` (or a bare array of courses), handing each
/// accepted course to `sink` as it is read, in file order, until the first
/// problem. The batch is still accepted or refused whole: on `Err` the
/// courses already handed over must be dropped.
pub fn read_json_into<R: Read>(
    reader: R,
    contracts: &ContractSet,
    file: &str,
    sink: &mut dyn CourseSink,
) -> Result<(), Vec<Problem>> {
    let mut batch = Batch { contracts, file, each: sink, problems: Vec::new(), ids: SeenIds::default(), index: 0 };
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(1 << 16, reader));
    let found = Top { batch: &mut batch }.deserialize(&mut de).and_then(|found| de.end().map(|_| found));
    match found {
        Err(e) => {
            let line = (e.line() > 0).then_some(e.line() as u32);
            Err(vec![Problem::new("", line, format!("not valid course JSON: {e}")).in_file(file)])
        }
        Ok(false) => {
            Err(vec![Problem::new("courses", None, "missing; expected { \"courses\": [ ... ] }").in_file(file)])
        }
        Ok(true) if batch.problems.is_empty() => Ok(()),
        Ok(true) => Err(batch.problems),
    }
}

struct Top<'a, 'b> {
    batch: &'a mut Batch<'b>,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object { \"courses\": [ ... ] }")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key == "courses" && !found {
                map.next_value_seed(Courses { batch: &mut *self.batch })?;
                found = true;
            } else {
                return Err(de::Error::unknown_field(&key, &["courses"]));
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        Courses { batch: self.batch }.visit_seq(seq)?;
        Ok(true)
    }
}

struct Courses<'a, 'b> {
    batch: &'a mut Batch<'b>,
}

impl<'de> DeserializeSeed<'de> for Courses<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Courses<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of courses")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut buf = RawBuf::default();
        while let Some(()) = seq.next_element_seed(CourseSeed(&mut buf))? {
            self.batch.push(&buf.raw, |p| p);
            buf.reset();
        }
        Ok(())
    }
}

const COURSE_COLUMNS: &[&str] = &[
    "course_id",
    "citizen",
    "contract",
    "target_group",
    "referred_on",
    "birth_date",
    "a_kasse",
    "unemployed_since",
    "benefit",
];
const EVENT_COLUMNS: &[&str] =
    &["course_id", "type", "id", "date", "from", "to", "job", "benefit", "outcome", "reason", "retracts"];

struct CsvTable {
    columns: Vec<String>,
    rows: Vec<(u32, csv::StringRecord)>,
}

fn read_table<R: Read>(mut reader: R, file: &str, known: &[&str], problems: &mut Vec<Problem>) -> Option<CsvTable> {
    // Read whole (the rows are held anyway), so that lines are counted on
    // the text as an editor counts them.
    let mut text = Vec::new();
    if let Err(e) = reader.read_to_end(&mut text) {
        problems.push(Problem::new("", None, format!("cannot read: {e}")).in_file(file));
        return None;
    }
    let mut lines = EditorLines::new(&text);
    let mut r = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(text.as_slice());
    let header = match r.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.push(Problem::new("", Some(1), format!("cannot read the header: {e}")).in_file(file));
            return None;
        }
    };
    let columns: Vec<String> = header.iter().map(|h| h.trim_start_matches('\u{feff}').to_string()).collect();
    let mut ok = true;
    for c in &columns {
        if !known.contains(&c.as_str()) {
            problems.push(
                Problem::new(c.clone(), Some(1), format!("unknown column; expected {}", known.join(", ")))
                    .in_file(file),
            );
            ok = false;
        }
    }
    if !columns.iter().any(|c| c == "course_id") {
        problems.push(Problem::new("course_id", Some(1), "the course_id column is missing").in_file(file));
        ok = false;
    }
    let mut rows = Vec::new();
    for rec in r.records() {
        match rec {
            Ok(rec) => rows.push((lines.of(rec.position()).unwrap_or(0), rec)),
            Err(e) => {
                let line = lines.of(e.position());
                problems.push(Problem::new("", line, format!("malformed CSV: {e}")).in_file(file));
                ok = false;
            }
        }
    }
    ok.then_some(CsvTable { columns, rows })
}

fn cell(t: &CsvTable, rec: &csv::StringRecord, column: &str) -> Option<String> {
    let i = t.columns.iter().position(|c| c == column)?;
    rec.get(i).map(str::to_string).filter(|s| !s.is_empty())
}

/// Reads `courses.csv` and `events.csv`. Problems name the file and line.
pub fn read_csv<C: Read, E: Read>(
    courses: C,
    courses_file: &str,
    events: E,
    events_file: &str,
    contracts: &ContractSet,
) -> Result<Vec<Course>, Vec<Problem>> {
    let mut problems = Vec::new();
    let ct = read_table(courses, courses_file, COURSE_COLUMNS, &mut problems);
    let et = read_table(events, events_file, EVENT_COLUMNS, &mut problems);
    let (Some(ct), Some(et)) = (ct, et) else {
        return Err(problems);
    };
    let mut raws: Vec<(u32, RawCourse, Vec<u32>)> = Vec::with_capacity(ct.rows.len());
    let mut by_id: HashMap<String, usize> = HashMap::default();
    for (line, rec) in &ct.rows {
        let c = |col| cell(&ct, rec, col);
        let raw = RawCourse {
            course_id: c("course_id"),
            citizen: c("citizen"),
            contract: c("contract"),
            target_group: c("target_group"),
            referred_on: c("referred_on"),
            attributes: super::course_in::RawAttributes {
                birth_date: c("birth_date"),
                a_kasse: c("a_kasse"),
                unemployed_since: c("unemployed_since"),
                benefit: c("benefit"),
            },
            events: Vec::new(),
        };
        if let Some(id) = &raw.course_id {
            by_id.entry(id.clone()).or_insert(raws.len());
        }
        raws.push((*line, raw, Vec::new()));
    }
    for (line, rec) in &et.rows {
        let e = |col| cell(&et, rec, col);
        let Some(cid) = e("course_id") else {
            problems.push(Problem::new("course_id", Some(*line), "missing").in_file(events_file));
            continue;
        };
        let Some(&i) = by_id.get(&cid) else {
            problems.push(
                Problem::new("course_id", Some(*line), format!("no course `{cid}` in {courses_file}"))
                    .in_file(events_file),
            );
            continue;
        };
        raws[i].1.events.push(RawEvent {
            kind: e("type"),
            id: e("id"),
            date: e("date"),
            from: e("from"),
            to: e("to"),
            job: e("job"),
            benefit: e("benefit"),
            outcome: e("outcome"),
            reason: e("reason"),
            retracts: e("retracts"),
        });
        raws[i].2.push(*line);
    }
    let mut courses = Vec::new();
    let mut batch =
        Batch { contracts, file: courses_file, each: &mut courses, problems, ids: SeenIds::default(), index: 0 };
    for (line, raw, event_lines) in raws {
        batch.push(&raw, |p| locate_csv(p, line, &event_lines, events_file));
    }
    let problems = batch.problems;
    if problems.is_empty() { Ok(courses) } else { Err(problems) }
}

/// Turns `courses[3] (c-4).events[2].date` into `events.csv:<line>: date`,
/// and `courses[3] (c-4).attributes.birth_date` into `courses.csv:<line>: birth_date`.
fn locate_csv(mut p: Problem, course_line: u32, event_lines: &[u32], events_file: &str) -> Problem {
    let (label, rest) = match p.field.split_once(").") {
        Some((l, r)) => (format!("{l})"), r.to_string()),
        None => (p.field.clone(), String::new()),
    };
    if let Some(after) = rest.strip_prefix("events[")
        && let Some((n, field)) = after.split_once(']')
        && let Ok(n) = n.parse::<usize>()
    {
        p.file = Some(events_file.to_string());
        p.line = event_lines.get(n).copied();
        p.field = format!("{label} {}", field.trim_start_matches('.'));
        return p;
    }
    p.line = Some(course_line);
    p.field = format!("{label} {}", rest.trim_start_matches("attributes."));
    p
}
