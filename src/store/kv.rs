//! The narrow storage trait: an ordered key-value map with atomic batches.
//! The sled implementation is the product's store; the in-memory one serves
//! tests that need a store but not a disk. Nothing above this file knows sled.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::fs::{self, File};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the data directory {0} is in use by another nocure process (a running server?); stop it first")]
    Locked(String),
    #[error("storage error: {0}")]
    Io(String),
    #[error("a stored record could not be read: {0}")]
    Corrupt(String),
}

/// One write in an atomic batch.
#[derive(Clone, Debug)]
pub enum Write {
    Put(String, Vec<u8>),
    Delete(String),
}

pub trait Kv: Send + Sync {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError>;
    /// Keys starting with `prefix`, after `after` (a full key), in key order.
    fn scan(&self, prefix: &str, after: Option<&str>, limit: usize) -> Result<Vec<(String, Vec<u8>)>, StoreError>;
    /// Applies every write or none.
    fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError>;
    /// Makes every committed write durable (fsync).
    fn flush(&self) -> Result<(), StoreError>;
}

/// sled's page cache. Its default (1 GiB) lets a modest store grow the
/// server to hundreds of megabytes; parsed courses are cached above the
/// store anyway (`service::cache`).
const CACHE_BYTES: u64 = 64 * 1024 * 1024;

pub struct SledKv {
    db: sled::Db,
    tree: sled::Tree,
    dir: PathBuf,
    /// sled's log file, opened again for a real fsync (see [`Kv::flush`]).
    log: File,
    /// Large values sled keeps in files of their own under `blobs/`, once
    /// synced.
    synced_blobs: Mutex<HashSet<OsString>>,
}

impl SledKv {
    /// Whether `path` holds a store (sled's `conf` and `db` files). Commands
    /// that read a store check this first, so that a mistyped path is
    /// refused instead of silently becoming a new, empty store.
    pub fn exists(path: &Path) -> bool {
        path.join("conf").is_file() && path.join("db").is_file()
    }

    pub fn open(path: &Path) -> Result<SledKv, StoreError> {
        let db = sled::Config::new().path(path).cache_capacity(CACHE_BYTES).open().map_err(|e| {
            let text = e.to_string();
            if text.contains("lock") || text.contains("WouldBlock") || text.contains("temporarily unavailable") {
                StoreError::Locked(path.display().to_string())
            } else {
                StoreError::Io(format!("cannot open {}: {text}", path.display()))
            }
        })?;
        let tree = db.open_tree("nocure").map_err(io)?;
        let fail = |e: std::io::Error| StoreError::Io(format!("cannot open {}: {e}", path.display()));
        let log = File::open(path.join("db")).map_err(fail)?;
        // The directory entries of the files sled has just created.
        File::open(path).and_then(|d| d.sync_all()).map_err(fail)?;
        Ok(SledKv { db, tree, dir: path.to_path_buf(), log, synced_blobs: Mutex::default() })
    }

    /// Syncs blob files written since the last flush, and their directory.
    fn sync_new_blobs(&self) -> std::io::Result<()> {
        let dir = self.dir.join("blobs");
        let Ok(list) = fs::read_dir(&dir) else { return Ok(()) };
        let mut synced = self.synced_blobs.lock().unwrap_or_else(|p| p.into_inner());
        let mut now = HashSet::new();
        let mut new = false;
        for entry in list {
            let name = entry?.file_name();
            if !synced.contains(&name) {
                File::open(dir.join(&name))?.sync_data()?;
                new = true;
            }
            now.insert(name);
        }
        if new {
            File::open(&dir)?.sync_all()?;
        }
        *synced = now;
        Ok(())
    }
}

fn io(e: sled::Error) -> StoreError {
    StoreError::Io(e.to_string())
}

fn key_string(k: &[u8]) -> Result<String, StoreError> {
    String::from_utf8(k.to_vec()).map_err(|_| StoreError::Corrupt("a key is not UTF-8".into()))
}

impl Kv for SledKv {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.tree.get(key.as_bytes()).map_err(io)?.map(|v| v.to_vec()))
    }

    fn scan(&self, prefix: &str, after: Option<&str>, limit: usize) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let start = match after {
            Some(a) => Bound::Excluded(a.as_bytes().to_vec()),
            None => Bound::Included(prefix.as_bytes().to_vec()),
        };
        let mut out = Vec::new();
        for kv in self.tree.range::<Vec<u8>, _>((start, Bound::Unbounded)) {
            let (k, v) = kv.map_err(io)?;
            if !k.starts_with(prefix.as_bytes()) || out.len() >= limit {
                break;
            }
            out.push((key_string(&k)?, v.to_vec()));
        }
        Ok(out)
    }

    fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        for w in writes {
            match w {
                Write::Put(k, v) => batch.insert(k.as_bytes(), v),
                Write::Delete(k) => batch.remove(k.as_bytes()),
            }
        }
        self.tree.apply_batch(batch).map_err(io)
    }

    /// sled's own flush writes its log with `sync_file_range` on Linux,
    /// which makes no promise after a power cut (no file size, no device
    /// cache; on FUSE it reaches the file system not at all), and writes
    /// large values to blob files without syncing them. So after it, the
    /// log file is fdatasync'ed here, and so are new blob files: a flush is
    /// then durable against power loss, not only against a crash of the
    /// process (RELIABILITY.md, power cuts).
    fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().map_err(io)?;
        self.log.sync_data().map_err(|e| StoreError::Io(format!("fsync of the store's log failed: {e}")))?;
        self.sync_new_blobs().map_err(|e| StoreError::Io(format!("fsync of the store's blobs failed: {e}")))
    }
}

/// An in-memory store for tests.
#[derive(Default)]
pub struct MemoryKv(Mutex<BTreeMap<String, Vec<u8>>>);

impl Kv for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.0.lock().expect("lock").get(key).cloned())
    }

    fn scan(&self, prefix: &str, after: Option<&str>, limit: usize) -> Result<Vec<(String, Vec<u8>)>, StoreError> {
        let map = self.0.lock().expect("lock");
        let start = match after {
            Some(a) => Bound::Excluded(a.to_string()),
            None => Bound::Included(prefix.to_string()),
        };
        Ok(map
            .range((start, Bound::Unbounded))
            .take_while(|(k, _)| k.starts_with(prefix))
            .take(limit)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect())
    }

    fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        let mut map = self.0.lock().expect("lock");
        for w in writes {
            match w {
                Write::Put(k, v) => map.insert(k, v),
                Write::Delete(k) => map.remove(&k),
            };
        }
        Ok(())
    }

    fn flush(&self) -> Result<(), StoreError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise(kv: &dyn Kv) {
        kv.commit(vec![
            Write::Put("a/1".into(), b"x".to_vec()),
            Write::Put("a/2".into(), b"y".to_vec()),
            Write::Put("a/3".into(), b"z".to_vec()),
            Write::Put("b/1".into(), b"w".to_vec()),
        ])
        .unwrap();
        let keys = |v: Vec<(String, Vec<u8>)>| v.into_iter().map(|(k, _)| k).collect::<Vec<_>>();
        assert_eq!(keys(kv.scan("a/", None, 10).unwrap()), ["a/1", "a/2", "a/3"]);
        assert_eq!(keys(kv.scan("a/", Some("a/1"), 1).unwrap()), ["a/2"]);
        assert_eq!(keys(kv.scan("b/", None, 10).unwrap()), ["b/1"]);
        kv.commit(vec![Write::Delete("a/2".into())]).unwrap();
        assert_eq!(kv.get("a/2").unwrap(), None);
        assert_eq!(kv.get("a/3").unwrap(), Some(b"z".to_vec()));
        kv.flush().unwrap();
    }

    #[test]
    fn sled_and_memory_behave_alike() {
        exercise(&MemoryKv::default());
        let dir = tempfile::tempdir().unwrap();
        exercise(&SledKv::open(dir.path()).unwrap());
    }

    #[test]
    fn a_second_open_of_the_same_directory_is_refused_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let _first = SledKv::open(dir.path()).unwrap();
        match SledKv::open(dir.path()) {
            Err(StoreError::Locked(_)) => {}
            Err(other) => panic!("expected Locked, got {other}"),
            Ok(_) => panic!("two processes must not share a data directory"),
        }
    }
}
