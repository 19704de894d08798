//! `nocure report`: the committee figures on the command line, from course
//! files (the payments are then unknown, and said to be) or from a stopped
//! server's data directory (courses and the ledger).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{contracts_or_report, print_problems};
use crate::load::load_courses;
use crate::render::Lang;
use crate::report::{Portfolio, portfolio};
use crate::table::to_text;
use crate::wire::report_out::{ReportView, TABLES};
use crate::wire::table_csv::{Dialect, to_csv};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Csv,
}

/// Where the courses come from.
pub enum Source {
    Files { contracts: PathBuf, courses: PathBuf, events: Option<PathBuf> },
    Data { config: Option<PathBuf>, data: Option<PathBuf> },
}

pub struct Options {
    pub contract: Option<String>,
    pub as_of: NaiveDate,
    pub format: ReportFormat,
    pub table: Option<String>,
    pub lang: Option<Lang>,
    pub dialect: Option<Dialect>,
    pub committee: bool,
}

/// Options that would be ignored with the chosen format are refused, so
/// that nobody takes a plain CSV for the Excel one they asked for.
fn check_options(o: &Options) -> Result<(), String> {
    let tables = TABLES.join(", ");
    if let Some(t) = o.table.as_deref()
        && !TABLES.contains(&t)
    {
        return Err(format!("no table `{t}`; one of {tables}"));
    }
    if o.dialect.is_some() && o.format != ReportFormat::Csv {
        return Err("--dialect applies to --format csv only".into());
    }
    if o.lang.is_some() && o.format != ReportFormat::Table {
        return Err("--lang applies to --format table only (CSV and JSON use plain keys and numbers; --dialect excel-da gives Danish Excel)".into());
    }
    if o.format == ReportFormat::Csv && o.table.is_none() {
        return Err(format!("--format csv writes one table; name it with --table: one of {tables}"));
    }
    Ok(())
}

/// The contract given, else the only contract, else the only one the
/// courses are under (a course file of one contract, read with the shipped
/// contracts folder that holds several).
fn pick_contract(ids: Vec<String>, given: Option<String>, used: &[&str]) -> Result<String, String> {
    match given {
        Some(c) if ids.contains(&c) => Ok(c),
        Some(c) => Err(format!("no contract `{c}`; known: {}", ids.join(", "))),
        None if ids.len() == 1 => Ok(ids[0].clone()),
        None if used.len() == 1 => Ok(used[0].to_string()),
        None => Err(format!("give --contract; one of {}", ids.join(", "))),
    }
}

fn from_files(contracts: &Path, courses: &Path, events: Option<&Path>, o: &Options) -> Result<Portfolio, ExitCode> {
    let set = contracts_or_report(contracts).ok_or(ExitCode::from(1))?;
    let courses = load_courses(courses, events, &set).map_err(|problems| {
        eprintln!("The courses were refused; nothing was reported:");
        print_problems(&problems);
        ExitCode::from(1)
    })?;
    let mut used: Vec<&str> = courses.iter().map(|c| c.contract.as_str()).collect();
    used.sort_unstable();
    used.dedup();
    let id = pick_contract(set.ids().map(str::to_string).collect(), o.contract.clone(), &used).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })?;
    portfolio(&set, &id, &courses, &[], o.as_of).ok_or(ExitCode::from(1))
}

fn from_data(config: Option<PathBuf>, data: Option<PathBuf>, o: &Options) -> Result<Portfolio, ExitCode> {
    let fail = |e: String| {
        eprintln!("error: {e}");
        ExitCode::from(1)
    };
    let s = super::server::settings(config, data, None, None, false).map_err(fail)?;
    super::server::existing_store(&s).map_err(fail)?;
    let rt = super::server::runtime().map_err(|e| fail(e.to_string()))?;
    rt.block_on(async {
        let svc = super::server::open_checked(&s).await.map_err(fail)?;
        let id = pick_contract(svc.contracts().ids().map(str::to_string).collect(), o.contract.clone(), &[])
            .map_err(fail)?;
        let p = svc.portfolio(&id, o.as_of).map_err(|e| fail(e.to_string()));
        svc.repo.close().await;
        p
    })
}

pub fn report_cmd(source: Source, o: Options) -> io::Result<ExitCode> {
    if let Err(e) = check_options(&o) {
        eprintln!("error: {e}");
        return Ok(ExitCode::from(2));
    }
    let files_only = matches!(source, Source::Files { .. });
    let p = match source {
        Source::Files { contracts, courses, events } => from_files(&contracts, &courses, events.as_deref(), &o),
        Source::Data { config, data } => from_data(config, data, &o),
    };
    let p = match p {
        Ok(p) => p,
        Err(code) => return Ok(code),
    };
    let mut view = ReportView::new(&p, o.committee);
    if files_only {
        view = view.without_payments();
    }
    let lang = o.lang.unwrap_or(Lang::En);
    let dialect = o.dialect.unwrap_or(Dialect::Plain);
    let da = lang == Lang::Da;
    let names: Vec<&str> = match o.table.as_deref() {
        Some(t) => vec![t],
        None => TABLES.to_vec(),
    };
    let mut out = io::stdout().lock();
    match o.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &view.json())?;
            writeln!(out)?;
        }
        ReportFormat::Csv => {
            let name = o.table.as_deref().expect("checked above");
            let t = view.table(name, dialect == Dialect::ExcelDa).expect("checked above");
            out.write_all(&to_csv(&t, dialect))?;
        }
        ReportFormat::Table => {
            for name in names {
                let t = view.table(name, da).expect("a known table");
                writeln!(out, "{}", to_text(&t, lang))?;
            }
            if !view.payments_known() {
                writeln!(
                    out,
                    "{}",
                    match lang {
                        Lang::Da =>
                            "Betalingerne kendes ikke af forløbsfiler: udbetalt, godkendt, ikke faktureret, i risiko og udbetalt pr. borger i job står som ukendt. En stoppet servers data (--data) har dem.",
                        Lang::En =>
                            "Course files do not hold the payments: paid, approved, not invoiced, at risk and paid per citizen in job are unknown. A stopped server's data (--data) has them.",
                    }
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
