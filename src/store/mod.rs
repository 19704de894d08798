//! Storage: the narrow [`kv::Kv`] trait (sled, or memory for tests) and the
//! [`Repo`] on top, which gives typed JSON records and one way to write:
//! [`Repo::write`] runs a closure under the write lock, then commits its
//! writes and their audit entries in one atomic batch and waits until the
//! batch is on disk. A write either happens whole, audited and durable, or
//! not at all. A store on disk also keeps its [`anchor`]: the audit head,
//! outside the store, moved at every flush and checked at every start.

pub mod anchor;
pub mod anchored;
pub mod audit;
pub mod durability;
pub mod grant_records;
pub mod keys;
pub mod kv;
pub mod records;
pub mod register_records;
pub mod sample_records;

use std::sync::{Arc, Mutex};

use chrono::Utc;
use serde::Serialize;
use serde::de::DeserializeOwned;

use anchor::{AnchorFile, Anchoring};
use audit::{Actor, AuditEntry, ChainReport, GENESIS};
use durability::Flusher;
use kv::{Kv, SledKv, StoreError, Write};
use records::AuditHead;

use crate::contract::Problem;

/// Why a write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The request conflicts with what is stored (409).
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    NotFound(String),
    /// The request is invalid; every problem is listed (422).
    #[error("invalid input")]
    Invalid(Vec<Problem>),
}

pub struct Repo {
    kv: Arc<dyn Kv>,
    lock: Mutex<()>,
    flusher: Arc<Flusher>,
    anchoring: Option<Arc<Anchoring>>,
}

/// The writes a closure stages inside [`Repo::write`]. Reads see what is
/// committed (no other writer runs meanwhile).
pub struct Tx<'a> {
    kv: &'a dyn Kv,
    writes: Vec<Write>,
    audits: Vec<(String, String, Vec<u8>)>,
    ids: Option<u64>,
}

fn decode<T: DeserializeOwned>(key: &str, bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt(format!("{key}: {e}")))
}

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("records serialise")
}

/// Reading typed records, from the repository or inside a write.
pub trait Read {
    fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError>;
}

impl Read for Tx<'_> {
    fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        self.kv.get(key)?.map(|b| decode(key, &b)).transpose()
    }
}

impl Read for Repo {
    fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        self.kv.get(key)?.map(|b| decode(key, &b)).transpose()
    }
}

impl Tx<'_> {
    pub fn scan<T: DeserializeOwned>(&self, prefix: &str) -> Result<Vec<(String, T)>, StoreError> {
        scan_all(self.kv, prefix)
    }

    pub fn put<T: Serialize>(&mut self, key: String, value: &T) {
        self.writes.push(Write::Put(key, encode(value)));
    }

    pub fn delete(&mut self, key: String) {
        self.writes.push(Write::Delete(key));
    }

    /// Records an audit entry for this write: what was done, to what, and
    /// the content written (hashed into the entry).
    pub fn audit(&mut self, action: &str, subject: &str, content: &[u8]) {
        self.audits.push((action.to_string(), subject.to_string(), content.to_vec()));
    }

    /// The next payment id (1, 2, ...).
    pub fn next_payment_id(&mut self) -> Result<u64, StoreError> {
        let next = match self.ids {
            Some(n) => n + 1,
            None => self.get::<u64>(keys::PAYMENT_SEQ)?.unwrap_or(0) + 1,
        };
        self.ids = Some(next);
        Ok(next)
    }
}

fn scan_all<T: DeserializeOwned>(kv: &dyn Kv, prefix: &str) -> Result<Vec<(String, T)>, StoreError> {
    let mut out = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = kv.scan(prefix, after.as_deref(), 1024)?;
        let done = page.len() < 1024;
        after = page.last().map(|(k, _)| k.clone());
        for (k, v) in page {
            let value = decode(&k, &v)?;
            out.push((k, value));
        }
        if done {
            return Ok(out);
        }
    }
}

impl Repo {
    /// A repository without an anchor (an in-memory store for tests).
    /// Must be called inside a tokio runtime (it starts the flusher).
    pub fn new(kv: Arc<dyn Kv>) -> Repo {
        let flusher = Flusher::spawn(kv.clone(), None);
        Repo { kv, lock: Mutex::new(()), flusher, anchoring: None }
    }

    /// A repository whose anchor is kept in `anchor`. It refuses writes
    /// until it has been checked against the anchor and the anchor armed
    /// ([`Repo::check_anchor`], [`Repo::arm_anchor`] or [`Repo::accept`]).
    pub fn anchored(kv: Arc<dyn Kv>, anchor: AnchorFile) -> Repo {
        let anchoring = Arc::new(Anchoring::new(anchor));
        let flusher = Flusher::spawn(kv.clone(), Some(anchoring.clone()));
        Repo { kv, lock: Mutex::new(()), flusher, anchoring: Some(anchoring) }
    }

    /// The store in a data directory (sled), with its anchor file there.
    pub fn open(dir: &std::path::Path) -> Result<Repo, StoreError> {
        let kv = Arc::new(SledKv::open(dir)?);
        Ok(Repo::anchored(kv, AnchorFile::new(dir)))
    }

    /// Records under `prefix` after the full key `after`, at most `limit`.
    pub fn page<T: DeserializeOwned>(
        &self,
        prefix: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<Vec<(String, T)>, StoreError> {
        self.kv.scan(prefix, after, limit)?.into_iter().map(|(k, v)| decode(&k, &v).map(|t| (k, t))).collect()
    }

    pub fn scan<T: DeserializeOwned>(&self, prefix: &str) -> Result<Vec<(String, T)>, StoreError> {
        scan_all(self.kv.as_ref(), prefix)
    }

    /// Runs `f` under the write lock. If it returns `Ok`, its writes and one
    /// audit entry per [`Tx::audit`] are committed in one atomic batch, and
    /// the call returns once they are on disk. If it returns `Err`, nothing
    /// is written.
    pub async fn write<T>(
        &self,
        actor: &Actor,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, RepoError>,
    ) -> Result<T, RepoError> {
        if self.anchor_unchecked() {
            return Err(
                StoreError::Io("the store has not been checked against its anchor; nothing is written".into()).into()
            );
        }
        let (value, ticket) = {
            let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
            let mut tx = Tx { kv: self.kv.as_ref(), writes: Vec::new(), audits: Vec::new(), ids: None };
            let value = f(&mut tx)?;
            let Tx { mut writes, audits, ids, .. } = tx;
            if let Some(n) = ids {
                writes.push(Write::Put(keys::PAYMENT_SEQ.into(), encode(&n)));
            }
            if writes.is_empty() && audits.is_empty() {
                // Nothing new; but what this answer rests on must be durable.
                (value, self.flusher.ticket())
            } else {
                let head: AuditHead = self.get(keys::AUDIT_HEAD)?.unwrap_or(AuditHead { seq: 0, hash: GENESIS.into() });
                let (mut seq, mut hash) = (head.seq, head.hash);
                let at = Utc::now();
                for (action, subject, content) in audits {
                    let e = audit::next_entry((seq, &hash), at, actor, &action, &subject, &content);
                    seq = e.seq;
                    hash = e.hash.clone();
                    writes.push(Write::Put(keys::audit(e.seq), encode(&e)));
                }
                writes.push(Write::Put(keys::AUDIT_HEAD.into(), encode(&AuditHead { seq, hash })));
                self.kv.commit(writes)?;
                (value, self.flusher.ticket())
            }
        };
        self.flusher.durable(ticket).await?;
        Ok(value)
    }

    pub fn audit_page(&self, after: u64, limit: usize) -> Result<Vec<AuditEntry>, StoreError> {
        let after_key = (after > 0).then(|| keys::audit(after));
        Ok(self.page::<AuditEntry>(keys::AUDIT, after_key.as_deref(), limit)?.into_iter().map(|(_, e)| e).collect())
    }

    /// Walks the whole audit chain, up to the head read first (entries
    /// written meanwhile are the next check's).
    pub fn verify_audit(&self) -> Result<ChainReport, StoreError> {
        let head: AuditHead = self.get(keys::AUDIT_HEAD)?.unwrap_or(AuditHead { seq: 0, hash: GENESIS.into() });
        let entries =
            self.scan::<AuditEntry>(keys::AUDIT)?.into_iter().map(|(_, e)| e).take_while(|e| e.seq <= head.seq);
        Ok(audit::verify_chain(entries, (head.seq, &head.hash)))
    }

    /// Flushes and stops the background flusher. Writes after this are not
    /// acknowledged; call it when the server has stopped.
    pub async fn close(&self) {
        self.flusher.close().await;
    }

    /// The raw store, for consistency checks and tests.
    pub fn kv(&self) -> &Arc<dyn Kv> {
        &self.kv
    }
}
