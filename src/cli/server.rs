//! The commands that run or prepare the server: serve, token.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::demo_store::{TempStore, prepare_dir};
use crate::service::Service;
use crate::service::check::Refusal;
use crate::service::tokens::Role;
use crate::settings::{ConfigFile, KeySource, Settings, default_key_file};
use crate::store::Repo;
use crate::store::anchor::Anchor;
use crate::store::kv::SledKv;

/// `--demo` and `--reset`.
pub(super) struct Demo {
    pub on: bool,
    pub reset: bool,
}

/// For commands that read a store: the data directory must hold one. Only
/// `serve` creates a store; a mistyped path must not become an empty one.
pub(super) fn existing_store(s: &Settings) -> Result<(), String> {
    if SledKv::exists(&s.data_dir) {
        return Ok(());
    }
    let d = s.data_dir.display();
    Err(format!(
        "no store in {d}: give --data (or --config) with the server's data directory; `nocure serve --data {d}` creates a new store"
    ))
}

/// Log lines carry colour codes only on a terminal (and never with
/// `NO_COLOR` set): a log written to a file or a journal stays plain text.
fn log_colours() -> bool {
    use std::io::IsTerminal;
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub(super) fn settings(
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
    let expect_anchor = match &config {
        Some(path) => file.expect_anchor(path).map_err(|e| e.to_string())?,
        None => None,
    };
    Ok(Settings {
        data_dir: data.or(file.data_dir.clone()).unwrap_or_else(|| PathBuf::from("nocure-data")),
        contracts_dir: Some(contracts.or(file.contracts_dir.clone()).unwrap_or_else(|| PathBuf::from("contracts"))),
        listen: listen.or(file.listen).unwrap_or_else(|| ([127, 0, 0, 1], 8080).into()),
        demo,
        key: KeySource::EnvOrFile(file.key_file.clone().unwrap_or_else(default_key_file)),
        limits: file.limits(),
        expect_anchor,
        accept_store_at: None,
        disclosure: file.disclosure().map_err(|e| e.to_string())?,
    })
}

/// The serve command's anchor flags (they win over the config file).
#[derive(Debug, Default)]
pub(super) struct AnchorFlags {
    pub expect: Option<Anchor>,
    pub accept_at: Option<u64>,
}

pub(super) fn runtime() -> io::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()
}

pub(super) fn serve_cmd(
    config: Option<PathBuf>,
    data: Option<PathBuf>,
    contracts: Option<PathBuf>,
    listen: Option<std::net::SocketAddr>,
    demo: Demo,
    anchor: AnchorFlags,
) -> io::Result<ExitCode> {
    // --demo without --data: a fresh temporary store, whatever a config
    // file says, so that the demo's figures are the minutes' every time.
    let temp = match (demo.on, &data) {
        (true, None) => Some(TempStore::create()?),
        _ => None,
    };
    let data = temp.as_ref().map(|t| t.path().to_path_buf()).or(data);
    let mut s = match settings(config, data, contracts, listen, demo.on) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let mut notes = Vec::new();
    if demo.on && temp.is_none() {
        match prepare_dir(&s.data_dir, demo.reset) {
            Ok(n) => notes = n,
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(ExitCode::from(1));
            }
        }
    }
    if temp.is_none() && !SledKv::exists(&s.data_dir) {
        notes.push(format!("created a new store in {}", s.data_dir.display()));
    }
    s.expect_anchor = anchor.expect.or(s.expect_anchor);
    s.accept_store_at = anchor.accept_at;
    let _ = tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_ansi(log_colours())
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
        for note in notes.iter().chain(&prepared.notes) {
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
        // In place before the server says it listens.
        let shutdown = crate::server::shutdown_signal();
        let mut out = io::stdout().lock();
        if !prepared.demo_tokens.is_empty() {
            writeln!(out, "Demo tokens (shown once; a new set is made at each --demo start):")?;
            for (role, token) in &prepared.demo_tokens {
                writeln!(out, "  {:<12} {token}", role.as_str())?;
            }
            let var = |r: Role| match r {
                Role::Procurement => "PROC",
                Role::Caseworker => "CW",
                Role::Finance => "FIN",
                Role::Committee => "COM",
                Role::Supplier => "SUP",
            };
            let exports: Vec<String> = prepared.demo_tokens.iter().map(|(r, t)| format!("{}={t}", var(*r))).collect();
            writeln!(out, "For the README's curl session, paste into a shell:\n  export {}", exports.join(" "))?;
            writeln!(out, "Pages: open http://{addr}/ and sign in with the committee, finance or procurement token.")?;
        }
        match &temp {
            Some(t) => writeln!(
                out,
                "listening on http://{addr} (demo data in a temporary store {}, deleted when the server stops)",
                t.path().display()
            )?,
            None => writeln!(out, "listening on http://{addr} (data in {})", s.data_dir.display())?,
        }
        out.flush()?;
        drop(out);
        crate::server::serve(listener, prepared.service, shutdown).await?;
        Ok(ExitCode::SUCCESS)
    })
}

pub(super) fn token_cmd(
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
            existing_store(&s)?;
            let svc = open_checked(&s).await?;
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

/// Opens a stopped server's store for a command, with the checks a start
/// makes (consistency, anchor): a command neither reads nor writes a store
/// that has lost acknowledged writes.
pub(super) async fn open_checked(s: &Settings) -> Result<Service, String> {
    std::fs::create_dir_all(&s.data_dir).map_err(|e| e.to_string())?;
    let (key, _) = crate::settings::load_key(&s.key, &s.data_dir).map_err(|e| e.to_string())?;
    let repo = Repo::open(&s.data_dir).map_err(|e| e.to_string())?;
    let svc = Service::open(repo, key, s.limits.clone()).map_err(|e| e.to_string())?;
    match svc.check_at_start(s.expect_anchor.as_ref(), None, &s.data_dir).await {
        Ok(_) => Ok(svc),
        Err(r) => {
            svc.repo.close().await;
            Err(match r {
                Refusal::Check(ps) => format!("the store failed its consistency check:\n{}", ps.join("\n")),
                Refusal::Anchor(m) => m,
                Refusal::Store(e) => e.to_string(),
            })
        }
    }
}
