//! Reading contract folders and course files from disk (shell, not core).

use std::fs;
use std::path::{Path, PathBuf};

use crate::contract::{ContractSet, Problem};
use crate::course::Course;
use crate::wire::contract_file::parse_toml;
use crate::wire::course_file::CourseSink;
use crate::wire::{course_file, grant_file};

/// Expands files and folders into contract files (`*.toml`, sorted, folders
/// searched recursively).
pub fn contract_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Problem> {
    let mut out = Vec::new();
    for p in paths {
        collect(p, &mut out)?;
    }
    Ok(out)
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) -> Result<(), Problem> {
    let meta = fs::metadata(p)
        .map_err(|e| Problem::new("", None, format!("cannot read: {e}")).in_file(&p.display().to_string()))?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = fs::read_dir(p)
            .map_err(|e| Problem::new("", None, format!("cannot list: {e}")).in_file(&p.display().to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "toml") {
                collect(&e, out)?;
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
    Ok(())
}

/// Loads contract files into a set, with every problem across all files.
pub fn load_contracts(paths: &[PathBuf]) -> (ContractSet, Vec<Problem>, usize) {
    let files = match contract_files(paths) {
        Ok(f) => f,
        Err(p) => return (ContractSet::new(), vec![p], 0),
    };
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    let mut grants = Vec::new();
    for f in &files {
        let name = f.display().to_string();
        match fs::read_to_string(f) {
            Err(e) => problems.push(Problem::new("", None, format!("cannot read: {e}")).in_file(&name)),
            // A grant file goes to its own parser before the milestone one.
            Ok(text) if grant_file::is_grant_file(&text) => match grant_file::parse_grant(&text) {
                Ok(p) => grants.push((name, p.grant)),
                Err(ps) => problems.extend(ps.into_iter().map(|p| p.in_file(&name))),
            },
            Ok(text) => match parse_toml(&text) {
                Ok(p) => parsed.push((name, p)),
                Err(ps) => problems.extend(ps.into_iter().map(|p| p.in_file(&name))),
            },
        }
    }
    let (mut set, cross) = ContractSet::build(parsed);
    problems.extend(cross);
    for (name, g) in grants {
        if let Err(p) = set.grants.add(&name, g) {
            problems.push(p);
        }
    }
    (set, problems, files.len())
}

/// Loads a course file: JSON, or `courses.csv` with its `events.csv` (given,
/// or beside it).
pub fn load_courses(path: &Path, events: Option<&Path>, contracts: &ContractSet) -> Result<Vec<Course>, Vec<Problem>> {
    let mut courses = Vec::new();
    load_courses_into(path, events, contracts, &mut courses)?;
    Ok(courses)
}

/// [`load_courses`] into any [`CourseSink`] (a compact store for a million
/// courses).
pub fn load_courses_into(
    path: &Path,
    events: Option<&Path>,
    contracts: &ContractSet,
    sink: &mut dyn CourseSink,
) -> Result<(), Vec<Problem>> {
    let name = path.display().to_string();
    let open = |p: &Path| {
        fs::File::open(p)
            .map_err(|e| vec![Problem::new("", None, format!("cannot open: {e}")).in_file(&p.display().to_string())])
    };
    if path.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")) {
        let events_path = match events {
            Some(e) => e.to_path_buf(),
            None => path.with_file_name("events.csv"),
        };
        let courses = course_file::read_csv(
            open(path)?,
            &name,
            open(&events_path)?,
            &events_path.display().to_string(),
            contracts,
        )?;
        for c in courses {
            sink.push(c);
        }
        Ok(())
    } else {
        course_file::read_json_seekable(open(path)?, contracts, &name, sink)
    }
}
