//! Starting the service: open the store, check it, load the contract files,
//! optionally the demo data, then serve until a shutdown signal. `serve`
//! takes a bound listener and a shutdown future, so tests run the real
//! server on port 0.

use std::future::Future;
use std::path::Path;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::contract::Problem;
use crate::load::contract_files;
use crate::service::check::Refusal;
use crate::service::tokens::Role;
use crate::service::{Added, ContractFormat, Service};
use crate::settings::{Settings, SettingsError, load_key};
use crate::store::audit::Actor;
use crate::store::kv::StoreError;
use crate::store::{Repo, RepoError};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Settings(#[from] SettingsError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the contract files have problems:\n{}", .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))]
    Contracts(Vec<Problem>),
    #[error("the store failed its consistency check; not starting:\n{}\n{RESTORE}", .0.join("\n"))]
    Check(Vec<String>),
    /// The store does not reach its anchor (the operator message).
    #[error("{0}")]
    Anchor(String),
    #[error("{0}")]
    Other(String),
}

/// What to do about a damaged store.
const RESTORE: &str = "What to do: move this data directory aside as it is (for the investigation), put the latest backup of the data directory in its place, and start again with the last anchor filed off this machine (--expect-anchor SEQ:HASH).";

/// A service ready to serve, and what to tell the operator.
pub struct Prepared {
    pub service: Arc<Service>,
    pub notes: Vec<String>,
    /// Fresh demo tokens (with `--demo`), one per role.
    pub demo_tokens: Vec<(Role, String)>,
}

/// Opens and checks the store, loads contract files and (with `demo`) the
/// demo data. Must run inside a tokio runtime.
pub async fn prepare(s: &Settings) -> Result<Prepared, StartError> {
    std::fs::create_dir_all(&s.data_dir)
        .map_err(|e| StoreError::Io(format!("cannot create the data directory {}: {e}", s.data_dir.display())))?;
    let (key, mut notes) = load_key(&s.key, &s.data_dir)?;
    let repo = Repo::open(&s.data_dir).map_err(|e| match e {
        StoreError::Locked(_) => StartError::Store(e),
        other => StartError::Other(format!("the store cannot be opened: {other}\n{RESTORE}")),
    })?;
    let service = Arc::new(
        Service::open(repo, key, s.limits.clone())
            .map_err(|e| match e {
                StoreError::Corrupt(m) => StartError::Other(format!("a stored record cannot be read: {m}\n{RESTORE}")),
                other => StartError::Store(other),
            })?
            .with_disclosure(s.disclosure.clone()),
    );
    match finish(&service, s, &mut notes).await {
        Ok(demo_tokens) => Ok(Prepared { service, notes, demo_tokens }),
        Err(e) => {
            // Let go of the store, so that it can be opened again.
            service.repo.close().await;
            Err(e)
        }
    }
}

async fn finish(service: &Service, s: &Settings, notes: &mut Vec<String>) -> Result<Vec<(Role, String)>, StartError> {
    let checked = service.check_at_start(s.expect_anchor.as_ref(), s.accept_store_at, &s.data_dir).await;
    notes.extend(checked.map_err(|r| match r {
        Refusal::Check(problems) => StartError::Check(problems),
        Refusal::Anchor(m) => StartError::Anchor(m),
        Refusal::Store(StoreError::Corrupt(m)) => {
            StartError::Other(format!("a stored record cannot be read: {m}\n{RESTORE}"))
        }
        Refusal::Store(e) => StartError::Store(e),
    })?);
    if let Some(dir) = &s.contracts_dir {
        load_contract_files(service, dir, notes).await?;
    }
    let mut demo_tokens = Vec::new();
    if s.demo {
        let fresh = crate::demo::load(service).await.map_err(|e| StartError::Other(format!("demo data: {e}")))?;
        notes.push(if fresh {
            "loaded the demo data set: 130 Lejre courses referred in 2025 and 2 invoices, and the courses of the other options whose contract files are there (a second supplier, the own team)".into()
        } else {
            "the demo data set is already loaded".into()
        });
        demo_tokens = crate::demo::tokens(service).await.map_err(|e| StartError::Other(format!("demo tokens: {e}")))?;
    }
    Ok(demo_tokens)
}

/// Loads every contract file in `dir` as an immutable version. A file whose
/// id and version are stored with other content stops the start.
async fn load_contract_files(svc: &Service, dir: &Path, notes: &mut Vec<String>) -> Result<(), StartError> {
    if !dir.exists() {
        notes.push(format!("no contract folder {}; using the contracts already stored", dir.display()));
        return Ok(());
    }
    let files = contract_files(&[dir.to_path_buf()]).map_err(|p| StartError::Contracts(vec![p]))?;
    // Parse all first, so that every problem in every file is reported.
    let mut texts = Vec::new();
    let mut grants = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        let name = f.display().to_string();
        match std::fs::read_to_string(&f) {
            Err(e) => problems.push(Problem::new("", None, format!("cannot read: {e}")).in_file(&name)),
            Ok(text) if crate::wire::grant_file::is_grant_file(&text) => {
                match crate::wire::grant_file::parse_grant(&text) {
                    Ok(_) => grants.push((name, text)),
                    Err(ps) => problems.extend(ps.into_iter().map(|p| p.in_file(&name))),
                }
            }
            Ok(text) => match crate::wire::contract_file::parse_toml(&text) {
                Ok(_) => texts.push((name, text)),
                Err(ps) => problems.extend(ps.into_iter().map(|p| p.in_file(&name))),
            },
        }
    }
    if !problems.is_empty() {
        return Err(StartError::Contracts(problems));
    }
    let actor = Actor::system("startup");
    for (name, text) in texts {
        match svc.add_contract(&text, ContractFormat::Toml, &name, &actor).await {
            Ok((Added::New, c)) => notes.push(format!("stored contract {} version {} from {name}", c.id, c.version)),
            Ok((Added::Unchanged, _)) => {}
            Ok((Added::Annotated, c)) => notes.push(format!(
                "contract {} version {}: {name} differs from the stored text only in comments; the stored text now has them",
                c.id, c.version
            )),
            Err(RepoError::Conflict(m)) => return Err(StartError::Other(format!("{name}: {m}"))),
            Err(RepoError::Invalid(ps)) => {
                return Err(StartError::Contracts(ps.into_iter().map(|p| p.in_file(&name)).collect()));
            }
            Err(e) => return Err(StartError::Other(format!("{name}: {e}"))),
        }
    }
    for (name, text) in grants {
        match svc.add_grant(&text, &name, &actor).await {
            Ok((Added::New, g)) => notes.push(format!("stored grant {} version {} from {name}", g.id, g.version)),
            Ok((Added::Unchanged, _)) => {}
            Ok((Added::Annotated, g)) => notes.push(format!(
                "grant {} version {}: {name} differs from the stored text only in comments; the stored text now has them",
                g.id, g.version
            )),
            Err(RepoError::Conflict(m)) => return Err(StartError::Other(format!("{name}: {m}"))),
            Err(RepoError::Invalid(ps)) => {
                return Err(StartError::Contracts(ps.into_iter().map(|p| p.in_file(&name)).collect()));
            }
            Err(e) => return Err(StartError::Other(format!("{name}: {e}"))),
        }
    }
    Ok(())
}

/// Serves the API on `listener` until `shutdown` completes; requests in
/// flight are finished first.
pub async fn serve(
    listener: TcpListener,
    service: Arc<Service>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let warm = service.clone();
    let warming = tokio::task::spawn_blocking(move || match warm.warm_cache() {
        Ok(n) => tracing::info!(courses = n, "course cache warm"),
        Err(e) => tracing::warn!(error = %e, "could not warm the course cache"),
    });
    let result = axum::serve(listener, crate::api::router(service.clone())).with_graceful_shutdown(shutdown).await;
    // Let go of the store only when nothing reads it any more.
    let _ = warming.await;
    service.repo.close().await;
    match service.repo.anchor() {
        Ok(a) => tracing::info!(anchor = %a, "stopped; the store's anchor is {a}: file it off this machine"),
        Err(e) => tracing::warn!(error = %e, "stopped; the store's anchor could not be read"),
    }
    result
}

/// SIGINT or SIGTERM. The handlers are in place when this returns (call it
/// inside the runtime, before saying that the server listens), so a signal
/// sent the moment the server answers still stops it gracefully.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{SignalKind, signal};
        (signal(SignalKind::terminate()), signal(SignalKind::interrupt()))
    };
    async move {
        #[cfg(unix)]
        match signals {
            (Ok(mut term), Ok(mut int)) => {
                tokio::select! {
                    _ = term.recv() => {},
                    _ = int.recv() => {},
                }
            }
            _ => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
    }
}
