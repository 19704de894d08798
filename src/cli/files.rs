//! The commands that work on files: check, evaluate, case, generate.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{CaseFormat, contracts_or_report, plural, print_problems};
use crate::case::investment_case;
use crate::course::CourseStore;
use crate::evaluate::{OncePerCitizen, evaluate};
use crate::load::{load_contracts, load_courses_into};
use crate::money::plain_decimal;
use crate::render::{EvaluationWriter, Format, Lang, case_table};

pub(super) fn check(paths: Vec<PathBuf>, strict: bool) -> io::Result<ExitCode> {
    let paths = if paths.is_empty() { vec![PathBuf::from("contracts")] } else { paths };
    let (set, mut problems, files) = load_contracts(&paths);
    if !problems.is_empty() {
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        print_problems(&problems);
        return Ok(ExitCode::from(1));
    }
    if files == 0 {
        eprintln!(
            "no contract files (*.toml) found in {}",
            paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        );
        return Ok(ExitCode::from(1));
    }
    let mut out = io::stdout().lock();
    for c in set.all() {
        writeln!(
            out,
            "ok  {} version {} (effective from {}; referrals {} to {}; {}, {})",
            c.id,
            c.version,
            c.effective_from,
            c.referrals.from,
            c.referrals.until,
            plural(c.milestones.len(), "milestone"),
            plural(c.target_groups.len(), "target group")
        )?;
    }
    let warned = super::grant::check_grants(&mut out, &set, strict)?;
    if strict && warned > 0 {
        writeln!(out, "{} with --strict.", plural(warned, "warning"))?;
        return Ok(ExitCode::from(1));
    }
    writeln!(out, "{} valid.", plural(files, "contract file"))?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn evaluate_cmd(
    contracts: &Path,
    courses_path: &Path,
    events: Option<&Path>,
    as_of: NaiveDate,
    format: Format,
    trace: bool,
) -> io::Result<ExitCode> {
    let Some(set) = contracts_or_report(contracts) else {
        return Ok(ExitCode::from(1));
    };
    // Held packed (a fraction of a `Vec<Course>`): the once-per-citizen
    // rule looks across all courses before any verdict is written.
    let mut courses = CourseStore::default();
    if let Err(problems) = load_courses_into(courses_path, events, &set, &mut courses) {
        eprintln!("The courses were refused; nothing was evaluated:");
        print_problems(&problems);
        return Ok(ExitCode::from(1));
    }
    let once = OncePerCitizen::index_of(&set, &courses, as_of);
    let stdout = io::stdout().lock();
    let mut w = EvaluationWriter::begin(BufWriter::with_capacity(1 << 16, stdout), format, as_of, trace)?;
    for i in 0..courses.len() {
        let c = courses.get(i);
        let mut e = evaluate(&set, &c, as_of);
        once.apply(i, &mut e);
        w.course(&e)?;
    }
    w.finish()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn case_cmd(
    contracts: &Path,
    id: &str,
    version: Option<u32>,
    format: CaseFormat,
    lang: Lang,
) -> io::Result<ExitCode> {
    let Some(set) = contracts_or_report(contracts) else {
        return Ok(ExitCode::from(1));
    };
    let contract = match version {
        Some(v) => set.get(id, v),
        None => set.latest(id),
    };
    let Some(contract) = contract else {
        let known: Vec<&str> = set.ids().collect();
        match version {
            Some(v) if set.contains(id) => eprintln!("contract `{id}` has no version {v}"),
            _ => eprintln!("no contract `{id}`; known: {}", known.join(", ")),
        }
        return Ok(ExitCode::from(1));
    };
    let (figures, without) = investment_case(contract);
    let mut out = io::stdout().lock();
    match format {
        CaseFormat::Table => case_table(&mut out, contract, &figures, &without, lang)?,
        CaseFormat::Json => {
            let groups: Vec<serde_json::Value> = figures
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "target_group": f.group.id.as_str(),
                        "benefit_saving": f.benefit_saving.plain(),
                        "supplier_cost": f.supplier_cost.plain(),
                        "fleksjob_subsidy": f.fleksjob_subsidy.plain(),
                        "saving_potential": f.saving_potential.plain(),
                        "monthly_saving": f.monthly_saving.plain(),
                        "months_to_break_even": f.months_to_break_even.map(|m| plain_decimal(m, 2)),
                        "deadweight_break_even_percent": f.deadweight_break_even.map(|s| plain_decimal(s.percent(2), 2)),
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "contract": contract.id.as_str(),
                "version": contract.version,
                "groups": groups,
                "without_estimate": without.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
            });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn generate_cmd(count: u64, seed: u64, out: Option<PathBuf>) -> io::Result<ExitCode> {
    match out {
        Some(path) => {
            let file = std::fs::File::create(&path).map_err(|e| {
                let hint = match path.parent() {
                    Some(dir) if !dir.as_os_str().is_empty() && !dir.is_dir() => {
                        format!(" (there is no folder {})", dir.display())
                    }
                    _ => String::new(),
                };
                io::Error::new(e.kind(), format!("cannot write {}: {e}{hint}", path.display()))
            })?;
            crate::generate::write_json(BufWriter::new(file), count, seed)?
        }
        None => crate::generate::write_json(BufWriter::new(io::stdout().lock()), count, seed)?,
    }
    Ok(ExitCode::SUCCESS)
}
