//! Subcommands of the `nocure` command line.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

mod demo_store;
mod files;
mod grant;
mod progress;
mod registers;
mod report;
mod server;

pub use registers::RegistersCommand;

use crate::contract::{ContractSet, Problem};
use crate::load::load_contracts;
use crate::render::{Format, Lang};
use crate::service::tokens::Role;
use crate::store::anchor::Anchor;
use files::{case_cmd, check, evaluate_cmd, generate_cmd};
use server::{serve_cmd, token_cmd};

#[derive(Debug, Parser)]
#[command(name = "nocure", version, about = "Outcome-payment contracts: check, evaluate, pay, report")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate contract files and folders; print every problem at once.
    Check {
        /// Contract files or folders (default: contracts/).
        paths: Vec<PathBuf>,
        /// Treat warnings (a grant's budget rows that do not sum to the
        /// grant, co-financing stated two ways) as errors.
        #[arg(long)]
        strict: bool,
    },
    /// Judge every course in a file against its contract as of a date.
    Evaluate {
        /// Folder (or files) with the contract versions.
        #[arg(long, default_value = "contracts")]
        contracts: PathBuf,
        /// Courses as JSON, or courses.csv (with events.csv beside it).
        #[arg(long)]
        courses: PathBuf,
        /// events.csv, when it is not beside courses.csv.
        #[arg(long)]
        events: Option<PathBuf>,
        /// The date to judge as of (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        as_of: NaiveDate,
        /// Output: json (every verdict and amount), table (one line per
        /// course) or csv (one row per course and milestone).
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// With --format table: print each course's trace under it.
        #[arg(long)]
        trace: bool,
    },
    /// The investment case per target group of a contract.
    Case {
        /// Folder (or files) with the contract versions.
        #[arg(long, default_value = "contracts")]
        contracts: PathBuf,
        /// The contract's id (e.g. lejre-jobparate).
        #[arg(long)]
        contract: String,
        /// A version number (default: the latest).
        #[arg(long)]
        version: Option<u32>,
        /// Output: table (for people) or json.
        #[arg(long, value_enum, default_value = "table")]
        format: CaseFormat,
        /// Labels and number format: en (25974.00) or da (25.974,00).
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
    },
    /// Committee figures for a contract as of a date: the status table,
    /// money, the investment case against realised savings, indicators.
    /// Reads course files (--courses) or a stopped server's store (--data,
    /// or the data_dir of --config); one of them is required.
    #[command(group(clap::ArgGroup::new("source").required(true).multiple(true).args(["courses", "data", "config"])))]
    Report {
        /// The contract (default: the only one).
        #[arg(long)]
        contract: Option<String>,
        /// The date the figures are as of (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        as_of: NaiveDate,
        /// Courses as JSON or courses.csv (payments are then not known).
        #[arg(long, conflicts_with_all = ["data", "config"])]
        courses: Option<PathBuf>,
        /// events.csv, with --courses courses.csv, when it is not beside it.
        #[arg(long, requires = "courses")]
        events: Option<PathBuf>,
        /// Contract files, with --courses.
        #[arg(long, default_value = "contracts")]
        contracts: PathBuf,
        /// A stopped server's data directory: courses and payments.
        #[arg(long)]
        data: Option<PathBuf>,
        /// The server's config file: its data_dir (default ./nocure-data)
        /// and key_file.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Output: table (for people), json (every table), or csv (one
        /// table, named with --table).
        #[arg(long, value_enum, default_value = "table")]
        format: report::ReportFormat,
        /// One table: status, money, case, realised, indicators or series.
        #[arg(long)]
        table: Option<String>,
        /// Labels and number format of --format table: en (default) or da.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// With --format csv: plain (default), or excel-da (semicolons,
        /// decimal commas, BOM).
        #[arg(long, value_parser = parse_dialect)]
        dialect: Option<crate::wire::table_csv::Dialect>,
        /// As a committee sees it: cells of fewer than 5 citizens hidden.
        #[arg(long)]
        committee: bool,
    },
    /// Grant pools (kind = "grant_pool"): the figures of a grant.
    Grant {
        #[command(subcommand)]
        command: GrantCommand,
    },
    /// Register extracts (income, benefits) for checking milestones.
    Registers {
        #[command(subcommand)]
        command: RegistersCommand,
    },
    /// Run the HTTP API with its embedded store.
    Serve {
        /// A TOML config file (data_dir, contracts_dir, listen, key_file, [limits]).
        #[arg(long)]
        config: Option<PathBuf>,
        /// The data directory (default ./nocure-data).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Contract files loaded at start (default ./contracts).
        #[arg(long)]
        contracts: Option<PathBuf>,
        /// Address to listen on (default 127.0.0.1:8080).
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
        /// Load the demo data set (Lejre's 130 courses of 2025) and print a
        /// token for each role. Without --data into a fresh temporary store,
        /// deleted when the server stops; with --data into a new or empty
        /// folder only.
        #[arg(long)]
        demo: bool,
        /// With --demo --data DIR: delete DIR's store first, if an earlier
        /// --demo made it (never any other store).
        #[arg(long, requires_all = ["demo", "data"])]
        reset: bool,
        /// The last anchor filed off this machine (SEQ:HASH, from
        /// GET /audit/anchor or the log): a store that does not reach it is
        /// refused (an old copy put back).
        #[arg(long, value_parser = parse_anchor)]
        expect_anchor: Option<Anchor>,
        /// Serve the store as it is although it failed the anchor check,
        /// naming the audit entry it ends at (from the refusal). Logged and
        /// recorded in the audit log.
        #[arg(long)]
        accept_store_at: Option<u64>,
    },
    /// Manage API tokens (the server must be stopped: the store is locked).
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Write synthetic Lejre courses as JSON (for benchmarks and load tests).
    Generate {
        /// How many courses.
        #[arg(long)]
        courses: u64,
        /// The random seed: the same seed gives the same courses.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum GrantCommand {
    /// A grant's months, the band reached, tranche 2 secured and at stake,
    /// and how many more participants the current month needs. Reads a
    /// participants CSV (--participants) or a stopped server's store
    /// (--data, or the data_dir of --config).
    #[command(group(clap::ArgGroup::new("source").required(true).multiple(true).args(["participants", "data", "config"])))]
    Report {
        /// The grant (default: the only one).
        #[arg(long)]
        grant: Option<String>,
        /// The date the figures are as of (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        as_of: NaiveDate,
        /// Participants as CSV (one row per event; either dialect).
        #[arg(long, conflicts_with_all = ["data", "config"])]
        participants: Option<PathBuf>,
        /// Contract files (with the grant file), with --participants.
        #[arg(long, default_value = "contracts")]
        contracts: PathBuf,
        /// A stopped server's data directory.
        #[arg(long)]
        data: Option<PathBuf>,
        /// The server's config file: its data_dir and key_file.
        #[arg(long)]
        config: Option<PathBuf>,
        /// Output: table (for people), json, or csv (the monthly table).
        #[arg(long, value_enum, default_value = "table")]
        format: report::ReportFormat,
        /// Labels and number format of --format table: en (default) or da.
        #[arg(long, value_enum)]
        lang: Option<Lang>,
        /// With --format csv: plain (default), or excel-da.
        #[arg(long, value_parser = parse_dialect)]
        dialect: Option<crate::wire::table_csv::Dialect>,
        /// As a committee sees it: counts under 5 hidden.
        #[arg(long)]
        committee: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it once; only its hash is stored.
    Create {
        /// The role the token signs in as.
        #[arg(long, value_enum)]
        role: Role,
        /// The supplier's CVR (supplier tokens only).
        #[arg(long)]
        supplier: Option<String>,
        /// A name for the token, shown in the audit log (e.g. the person).
        #[arg(long)]
        name: String,
        /// The server's config file (its data_dir and key_file).
        #[arg(long)]
        config: Option<PathBuf>,
        /// The server's data directory (default ./nocure-data); it must
        /// hold a store: `nocure serve` creates one.
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CaseFormat {
    Table,
    Json,
}

fn parse_dialect(s: &str) -> Result<crate::wire::table_csv::Dialect, String> {
    crate::wire::table_csv::Dialect::parse(s).ok_or_else(|| format!("`{s}` is not a CSV dialect; plain or excel-da"))
}

fn parse_anchor(s: &str) -> Result<Anchor, String> {
    Anchor::parse(s)
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::wire::course_in::parse_date(s).ok_or_else(|| crate::wire::course_in::not_a_date(s))
}

pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Check { paths, strict } => check(paths, strict),
        Command::Grant {
            command:
                GrantCommand::Report {
                    grant,
                    as_of,
                    participants,
                    contracts,
                    data,
                    config,
                    format,
                    lang,
                    dialect,
                    committee,
                },
        } => {
            let source = match participants {
                Some(participants) => grant::GrantSource::File { contracts, participants },
                None => grant::GrantSource::Data { config, data },
            };
            grant::grant_report_cmd(source, grant::GrantOptions { grant, as_of, format, lang, dialect, committee })
        }
        Command::Evaluate { contracts, courses, events, as_of, format, trace } => {
            evaluate_cmd(&contracts, &courses, events.as_deref(), as_of, format, trace)
        }
        Command::Case { contracts, contract, version, format, lang } => {
            case_cmd(&contracts, &contract, version, format, lang)
        }
        Command::Generate { courses, seed, out } => generate_cmd(courses, seed, out),
        Command::Report {
            contract,
            as_of,
            courses,
            events,
            contracts,
            data,
            config,
            format,
            table,
            lang,
            dialect,
            committee,
        } => {
            let source = match courses {
                Some(courses) => report::Source::Files { contracts, courses, events },
                None => report::Source::Data { config, data },
            };
            report::report_cmd(source, report::Options { contract, as_of, format, table, lang, dialect, committee })
        }
        Command::Serve { config, data, contracts, listen, demo, reset, expect_anchor, accept_store_at } => {
            let anchor = server::AnchorFlags { expect: expect_anchor, accept_at: accept_store_at };
            serve_cmd(config, data, contracts, listen, server::Demo { on: demo, reset }, anchor)
        }
        Command::Registers { command: RegistersCommand::Import { kind, file, config, data } } => {
            registers::import_cmd(kind, file, config, data)
        }
        Command::Token { command: TokenCommand::Create { role, supplier, name, config, data } } => {
            token_cmd(role, supplier, name, config, data)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

pub(crate) fn print_problems(problems: &[Problem]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
    let _ = writeln!(err, "{} found.", plural(problems.len(), "problem"));
}

pub(crate) fn contracts_or_report(path: &Path) -> Option<ContractSet> {
    if !path.exists() {
        let here = std::env::current_dir().map(|d| format!(" (in {})", d.display())).unwrap_or_default();
        eprintln!(
            "error: no contract folder {}{here}; give --contracts DIR, the folder with the contract files (the repository's contracts/)",
            path.display()
        );
        return None;
    }
    let (set, problems, files) = load_contracts(&[path.to_path_buf()]);
    if !problems.is_empty() {
        eprintln!("The contracts in {} have problems:", path.display());
        print_problems(&problems);
        return None;
    }
    if files == 0 {
        eprintln!("{}: no contract files (*.toml) found", path.display());
        return None;
    }
    Some(set)
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}
