//! Subcommands of the `nocure` command line.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use crate::case::investment_case;
use crate::contract::{ContractSet, Problem};
use crate::evaluate::{OncePerCitizen, evaluate};
use crate::load::{load_contracts, load_courses};
use crate::money::plain_decimal;
use crate::render::{EvaluationWriter, Format, Lang, case_table};
use crate::service::tokens::Role;
use crate::settings::{ConfigFile, KeySource, Settings, default_key_file};

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
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
        /// With --format table: print each course's trace under it.
        #[arg(long)]
        trace: bool,
    },
    /// The investment case per target group of a contract.
    Case {
        #[arg(long, default_value = "contracts")]
        contracts: PathBuf,
        #[arg(long)]
        contract: String,
        /// A version number (default: the latest).
        #[arg(long)]
        version: Option<u32>,
        #[arg(long, value_enum, default_value = "table")]
        format: CaseFormat,
        /// Labels and number format: en (25974.00) or da (25.974,00).
        #[arg(long, value_enum, default_value = "en")]
        lang: Lang,
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
        /// Load the demo data set (Lejre's 130 courses of 2025) into an
        /// empty store and print a token for each role.
        #[arg(long)]
        demo: bool,
    },
    /// Manage API tokens (the server must be stopped: the store is locked).
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Write synthetic Lejre courses as JSON (for benchmarks and load tests).
    Generate {
        #[arg(long)]
        courses: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it once; only its hash is stored.
    Create {
        #[arg(long, value_enum)]
        role: Role,
        /// The supplier's CVR (supplier tokens only).
        #[arg(long)]
        supplier: Option<String>,
        /// A name for the token, shown in the audit log (e.g. the person).
        #[arg(long)]
        name: String,
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CaseFormat {
    Table,
    Json,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    crate::wire::course_in::parse_date(s).ok_or_else(|| format!("`{s}` is not a date; write YYYY-MM-DD"))
}

pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Check { paths } => check(paths),
        Command::Evaluate { contracts, courses, events, as_of, format, trace } => {
            evaluate_cmd(&contracts, &courses, events.as_deref(), as_of, format, trace)
        }
        Command::Case { contracts, contract, version, format, lang } => {
            case_cmd(&contracts, &contract, version, format, lang)
        }
        Command::Generate { courses, seed, out } => generate_cmd(courses, seed, out),
        Command::Serve { config, data, contracts, listen, demo } => serve_cmd(config, data, contracts, listen, demo),
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

fn report(problems: &[Problem]) {
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in problems {
        let _ = writeln!(err, "{p}");
    }
    let _ = writeln!(err, "{} found.", plural(problems.len(), "problem"));
}

fn contracts_or_report(path: &Path) -> Option<ContractSet> {
    let (set, problems, files) = load_contracts(&[path.to_path_buf()]);
    if !problems.is_empty() {
        eprintln!("The contracts in {} have problems:", path.display());
        report(&problems);
        return None;
    }
    if files == 0 {
        eprintln!("{}: no contract files (*.toml) found", path.display());
        return None;
    }
    Some(set)
}

fn check(paths: Vec<PathBuf>) -> io::Result<ExitCode> {
    let paths = if paths.is_empty() { vec![PathBuf::from("contracts")] } else { paths };
    let (set, mut problems, files) = load_contracts(&paths);
    if !problems.is_empty() {
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        report(&problems);
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
    writeln!(out, "{} valid.", plural(files, "contract file"))?;
    Ok(ExitCode::SUCCESS)
}

fn evaluate_cmd(
    contracts: &Path,
    courses: &Path,
    events: Option<&Path>,
    as_of: NaiveDate,
    format: Format,
    trace: bool,
) -> io::Result<ExitCode> {
    let Some(set) = contracts_or_report(contracts) else {
        return Ok(ExitCode::from(1));
    };
    let courses = match load_courses(courses, events, &set) {
        Ok(c) => c,
        Err(problems) => {
            eprintln!("The courses were refused; nothing was evaluated:");
            report(&problems);
            return Ok(ExitCode::from(1));
        }
    };
    let once = OncePerCitizen::index(&set, &courses, as_of);
    let stdout = io::stdout().lock();
    let mut w = EvaluationWriter::begin(BufWriter::with_capacity(1 << 16, stdout), format, as_of, trace)?;
    for (i, c) in courses.iter().enumerate() {
        let mut e = evaluate(&set, c, as_of);
        once.apply(i, &mut e);
        w.course(&e)?;
    }
    w.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn case_cmd(contracts: &Path, id: &str, version: Option<u32>, format: CaseFormat, lang: Lang) -> io::Result<ExitCode> {
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

fn generate_cmd(count: u64, seed: u64, out: Option<PathBuf>) -> io::Result<ExitCode> {
    match out {
        Some(path) => crate::generate::write_json(BufWriter::new(std::fs::File::create(path)?), count, seed)?,
        None => crate::generate::write_json(BufWriter::new(io::stdout().lock()), count, seed)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

fn settings(
    config: Option<PathBuf>,
    data: Option<PathBuf>,
    contracts: Option<PathBuf>,
    listen: Option<std::net::SocketAddr>,
    demo: bool,
) -> Result<Settings, String> {
    let file = match &config {
        Some(path) => ConfigFile::read(path).map_err(|e| e.to_string())?,
        None => ConfigFile::default(),
    };
    Ok(Settings {
        data_dir: data.or(file.data_dir.clone()).unwrap_or_else(|| PathBuf::from("nocure-data")),
        contracts_dir: Some(contracts.or(file.contracts_dir.clone()).unwrap_or_else(|| PathBuf::from("contracts"))),
        listen: listen.or(file.listen).unwrap_or_else(|| ([127, 0, 0, 1], 8080).into()),
        demo,
        key: KeySource::EnvOrFile(file.key_file.clone().unwrap_or_else(default_key_file)),
        limits: file.limits(),
    })
}

fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()
}

fn serve_cmd(
    config: Option<PathBuf>,
    data: Option<PathBuf>,
    contracts: Option<PathBuf>,
    listen: Option<std::net::SocketAddr>,
    demo: bool,
) -> io::Result<ExitCode> {
    let s = match settings(config, data, contracts, listen, demo) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sled=warn")),
        )
        .try_init();
    runtime()?.block_on(async move {
        let prepared = match crate::server::prepare(&s).await {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(ExitCode::from(1));
            }
        };
        for note in &prepared.notes {
            eprintln!("note: {note}");
        }
        let listener = match tokio::net::TcpListener::bind(s.listen).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("error: cannot listen on {}: {e}", s.listen);
                return Ok(ExitCode::from(1));
            }
        };
        let addr = listener.local_addr()?;
        let mut out = io::stdout().lock();
        if !prepared.demo_tokens.is_empty() {
            writeln!(out, "Demo tokens (shown once; a new set is made at each --demo start):")?;
            for (role, token) in &prepared.demo_tokens {
                writeln!(out, "  {:<12} {token}", role.as_str())?;
            }
            writeln!(out, "Try: curl -H 'Authorization: Bearer <committee token>' http://{addr}/contracts")?;
        }
        writeln!(out, "listening on http://{addr} (data in {})", s.data_dir.display())?;
        out.flush()?;
        drop(out);
        crate::server::serve(listener, prepared.service, crate::server::shutdown_signal()).await?;
        Ok(ExitCode::SUCCESS)
    })
}

fn token_cmd(
    role: Role,
    supplier: Option<String>,
    name: String,
    config: Option<PathBuf>,
    data: Option<PathBuf>,
) -> io::Result<ExitCode> {
    let s = match settings(config, data, None, None, false) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    runtime()?.block_on(async move {
        let result = async {
            std::fs::create_dir_all(&s.data_dir).map_err(|e| e.to_string())?;
            let kv = std::sync::Arc::new(crate::store::kv::SledKv::open(&s.data_dir).map_err(|e| e.to_string())?);
            let (key, _) = crate::settings::load_key(&s.key, &s.data_dir).map_err(|e| e.to_string())?;
            let svc = crate::service::Service::open(crate::store::Repo::new(kv), key, s.limits.clone())
                .map_err(|e| e.to_string())?;
            let actor = crate::store::audit::Actor::system("cli");
            svc.create_token(role, supplier.as_deref(), &name, &actor).await.map_err(|e| match e {
                crate::store::RepoError::Invalid(ps) => ps.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "),
                other => other.to_string(),
            })
        }
        .await;
        match result {
            Ok((token, record)) => {
                println!("{token}");
                eprintln!(
                    "created a {} token named {:?}; it is shown only now, store it safely",
                    record.role, record.name
                );
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("error: {e}");
                Ok(ExitCode::from(1))
            }
        }
    })
}
