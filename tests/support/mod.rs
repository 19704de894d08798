//! Shared helpers for the integration tests: reading engine fixtures and
//! checking an evaluation against a fixture's hand-written expectations.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use nocure::contract::ContractSet;
use nocure::course::Course;
use nocure::evaluate::evaluate_all;
use nocure::load::load_contracts;
use nocure::wire::course_file::read_json;
use nocure::wire::evaluation_out::EvaluationOut;
use serde::Deserialize;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture: contracts, courses, a date, and the verdicts expected,
/// written by hand from the contract.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    pub description: String,
    /// A folder of contract files, relative to the crate root.
    pub contracts: String,
    pub as_of: NaiveDate,
    pub courses: serde_json::Value,
    pub expect: Vec<Expect>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub course_id: String,
    pub status: Option<String>,
    pub eligible: Option<bool>,
    pub ineligible_code: Option<String>,
    pub ineligible_reason: Option<String>,
    /// `null` in the fixture means "no version in force".
    #[serde(default, deserialize_with = "some")]
    pub contract_version: Option<Option<u32>>,
    pub earned: Option<String>,
    /// milestone → "achieved YYYY-MM-DD" | "pending YYYY-MM-DD" | "pending" | "forfeited"
    #[serde(default)]
    pub milestones: BTreeMap<String, String>,
    /// milestone → a text the forfeit reason must contain
    #[serde(default)]
    pub reasons: BTreeMap<String, String>,
    /// milestone → a text the pending note must contain
    #[serde(default)]
    pub notes: BTreeMap<String, String>,
    /// texts that must each appear in one trace sentence
    #[serde(default)]
    pub trace: Vec<String>,
    /// texts that no trace sentence may contain
    #[serde(default)]
    pub trace_absent: Vec<String>,
}

fn some<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<u32>>, D::Error> {
    Option::<u32>::deserialize(d).map(Some)
}

pub fn contracts(dir: &str) -> ContractSet {
    let (set, problems, _) = load_contracts(&[root().join(dir)]);
    assert!(problems.is_empty(), "contracts in {dir}: {problems:?}");
    set
}

pub fn courses(set: &ContractSet, value: &serde_json::Value) -> Vec<Course> {
    let text = serde_json::to_vec(&serde_json::json!({ "courses": value })).unwrap();
    read_json(text.as_slice(), set, "fixture").unwrap_or_else(|p| panic!("fixture courses refused: {p:#?}"))
}

pub fn fixture_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// Runs one fixture; returns every mismatch (empty when it passes).
pub fn run_fixture(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let f: Fixture = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(!f.description.is_empty());
    let set = contracts(&f.contracts);
    let courses = courses(&set, &f.courses);
    let evals: Vec<EvaluationOut> =
        evaluate_all(&set, &courses, f.as_of).iter().map(EvaluationOut::from_eval).collect();
    let mut errors = Vec::new();
    if f.expect.len() != evals.len() {
        errors.push(format!("{} courses but {} expectations", evals.len(), f.expect.len()));
    }
    for x in &f.expect {
        let Some(e) = evals.iter().find(|e| e.course_id == x.course_id) else {
            errors.push(format!("{}: no such course", x.course_id));
            continue;
        };
        check(x, e, &mut errors);
    }
    errors.into_iter().map(|e| format!("{}: {e}", path.file_name().unwrap().to_string_lossy())).collect()
}

fn check(x: &Expect, e: &EvaluationOut, errors: &mut Vec<String>) {
    let id = &x.course_id;
    let eq = |errors: &mut Vec<String>, what: &str, want: String, got: String| {
        if want != got {
            errors.push(format!("{id} {what}: expected {want}, got {got}"));
        }
    };
    if let Some(s) = &x.status {
        eq(errors, "status", s.clone(), e.status.clone());
    }
    if let Some(b) = x.eligible {
        eq(errors, "eligible", b.to_string(), e.eligible.to_string());
    }
    if let Some(c) = &x.ineligible_code {
        eq(errors, "ineligible code", c.clone(), e.ineligible.as_ref().map(|i| i.code.clone()).unwrap_or_default());
    }
    if let Some(v) = x.contract_version {
        eq(errors, "contract_version", format!("{v:?}"), format!("{:?}", e.contract_version));
    }
    if let Some(m) = &x.earned {
        eq(errors, "earned", m.clone(), e.earned.clone());
    }
    for (m, want) in &x.milestones {
        let Some(got) = e.milestones.iter().find(|o| &o.milestone == m) else {
            errors.push(format!("{id}: no milestone {m}"));
            continue;
        };
        let got_text = match (got.status.as_str(), got.date, got.earliest) {
            ("achieved", Some(d), _) => format!("achieved {d}"),
            ("pending", _, Some(d)) => format!("pending {d}"),
            (s, _, _) => s.to_string(),
        };
        eq(errors, &format!("milestone {m}"), want.clone(), got_text);
    }
    let contains = |errors: &mut Vec<String>, what: String, hay: Option<&String>, needle: &str| {
        if !hay.is_some_and(|h| h.contains(needle)) {
            errors.push(format!("{id} {what}: expected to contain {needle:?}, got {hay:?}"));
        }
    };
    for (m, needle) in &x.reasons {
        let hay = e.milestones.iter().find(|o| &o.milestone == m).and_then(|o| o.reason.as_ref());
        contains(errors, format!("reason of {m}"), hay, needle);
    }
    for (m, needle) in &x.notes {
        let hay = e.milestones.iter().find(|o| &o.milestone == m).and_then(|o| o.note.as_ref());
        contains(errors, format!("note of {m}"), hay, needle);
    }
    if let Some(needle) = &x.ineligible_reason {
        contains(errors, "ineligible reason".into(), e.ineligible.as_ref().map(|i| &i.reason), needle);
    }
    for needle in &x.trace {
        if !e.trace.iter().any(|t| t.contains(needle.as_str())) {
            errors.push(format!("{id} trace: no sentence contains {needle:?}; trace: {:#?}", e.trace));
        }
    }
    for needle in &x.trace_absent {
        if let Some(t) = e.trace.iter().find(|t| t.contains(needle.as_str())) {
            errors.push(format!("{id} trace: a sentence contains {needle:?}, which must not appear: {t:?}"));
        }
    }
}

pub mod app;
pub mod bin;
pub mod danish;
