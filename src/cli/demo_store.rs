//! Where `serve --demo` keeps its data, so that the demo gives the minutes'
//! figures every time it is started:
//!
//! - without `--data`: a fresh temporary store, deleted when the server
//!   stops ([`TempStore`]);
//! - with `--data DIR`: DIR must be new or empty. A store an earlier
//!   `--demo` made there is refused, or deleted with `--reset` (saying what
//!   it held); a store `--demo` did not make is never loaded into or
//!   deleted, with `--reset` or without.

use std::io;
use std::path::{Path, PathBuf};

use crate::store::keys;
use crate::store::kv::{Kv, SledKv};

/// A new folder under the system's temporary directory, removed on drop.
pub(super) struct TempStore {
    path: PathBuf,
}

impl TempStore {
    pub(super) fn create() -> io::Result<TempStore> {
        let mut salt = [0u8; 6];
        getrandom::fill(&mut salt).map_err(|e| io::Error::other(format!("no randomness for a folder name: {e}")))?;
        let path = std::env::temp_dir().join(format!("nocure-demo-{}-{}", std::process::id(), hex::encode(salt)));
        std::fs::create_dir(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display())))?;
        Ok(TempStore { path })
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// What a store holds, in words.
fn contents(kv: &SledKv) -> Result<String, String> {
    let count = |prefix: &str| kv.scan(prefix, None, usize::MAX).map(|v| v.len()).map_err(|e| e.to_string());
    Ok(format!(
        "{} courses, {} invoices, {} payments",
        count(keys::COURSE)?,
        count(keys::INVOICE)?,
        count(keys::PAYMENT)?
    ))
}

/// Makes `dir` ready for `--demo`: returns notes for the operator, or why
/// the demo may not use it.
pub(super) fn prepare_dir(dir: &Path, reset: bool) -> Result<Vec<String>, String> {
    let d = dir.display();
    if !dir.exists() {
        return Ok(vec![]);
    }
    if !dir.is_dir() {
        return Err(format!("{d} is not a folder"));
    }
    let empty = std::fs::read_dir(dir).map_err(|e| format!("cannot read {d}: {e}"))?.next().is_none();
    if empty {
        return Ok(vec![]);
    }
    let fresh = "Leave out --data for a fresh temporary demo store, or give a new folder";
    if !SledKv::exists(dir) {
        return Err(format!(
            "{d} is not empty and holds no store; --demo loads only into a new or empty folder. {fresh}."
        ));
    }
    let kv = SledKv::open(dir).map_err(|e| e.to_string())?;
    if kv.get(keys::DEMO).map_err(|e| e.to_string())?.is_none() {
        return Err(format!(
            "{d} holds a store not made by --demo; --demo never loads into it or deletes it (--reset neither). {fresh}."
        ));
    }
    let held = contents(&kv)?;
    drop(kv);
    if !reset {
        return Err(format!(
            "{d} already holds the demo data set from an earlier --demo ({held} now), so the README's figures would not hold. {fresh}; add --reset to delete it and load the demo again; or go on with it: nocure serve --data {d} (without --demo; the tokens printed before still work)."
        ));
    }
    std::fs::remove_dir_all(dir).map_err(|e| format!("cannot delete {d}: {e}"))?;
    Ok(vec![format!("--reset: deleted the demo store in {d} ({held}), made by an earlier --demo")])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_store_is_removed_on_drop() {
        let t = TempStore::create().unwrap();
        let p = t.path().to_path_buf();
        std::fs::write(p.join("conf"), b"x").unwrap();
        assert!(p.is_dir());
        drop(t);
        assert!(!p.exists());
    }

    #[test]
    fn a_folder_with_other_files_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(prepare_dir(&dir.path().join("new"), false), Ok(vec![]));
        assert_eq!(prepare_dir(dir.path(), true), Ok(vec![]), "an empty folder is fine");
        std::fs::write(dir.path().join("notes.txt"), b"mine").unwrap();
        let err = prepare_dir(dir.path(), true).unwrap_err();
        assert!(err.contains("holds no store"), "{err}");
        assert!(dir.path().join("notes.txt").exists());
    }
}
