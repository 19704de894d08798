//! The anchor: the audit chain's head (sequence number and hash), `SEQ:HASH`,
//! kept in a file of its own beside the store, `<data dir>/anchor`. It is written after every group flush and before the writes
//! of that flush are acknowledged, so that it never names an entry the
//! store has not made durable, and every acknowledged write is at or before
//! it. A store that comes back shorter than its anchor (a damaged or cut
//! file that sled recovers as a shorter log, an old copy put back) has lost
//! acknowledged writes, and says so instead of serving the rest.
//!
//! The same line filed off the machine (`GET /audit/anchor`, the start and
//! stop log lines) catches what the local file cannot: an old copy of the
//! whole data directory, anchor included (`serve --expect-anchor SEQ:HASH`,
//! `GET /audit/verify?expect=SEQ:HASH`).

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::audit::{AuditEntry, GENESIS};
use super::kv::StoreError;

/// The anchor file's name in the data directory.
pub const FILE: &str = "anchor";

/// An audit chain position: entry `seq` has hash `hash` (0 and the genesis
/// hash: before the first entry).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub seq: u64,
    pub hash: String,
}

impl Anchor {
    pub fn genesis() -> Anchor {
        Anchor { seq: 0, hash: GENESIS.into() }
    }

    /// Reads `SEQ:HASH` (the hash 64 lowercase hex digits).
    pub fn parse(text: &str) -> Result<Anchor, String> {
        let t = text.trim();
        let (seq, hash) =
            t.split_once(':').ok_or_else(|| format!("`{t}` is not an anchor; write SEQ:HASH, e.g. 78:3f9c…"))?;
        let seq: u64 =
            seq.trim().parse().map_err(|_| format!("`{seq}` in `{t}` is not an audit entry number (SEQ:HASH)"))?;
        let hash = hash.trim();
        if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
            return Err(format!("the hash in `{t}` must be 64 lowercase hexadecimal digits (SEQ:HASH)"));
        }
        if seq == 0 && hash != GENESIS {
            return Err(format!("`{t}`: entry 0 is the start of the chain; its hash is all zeros"));
        }
        Ok(Anchor { seq, hash: hash.to_string() })
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

/// How a store stands against an anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The store ends at the anchor.
    At,
    /// The store goes on past the anchor from the anchor's own entry:
    /// writes made durable but not yet anchored (a stop between the two).
    /// Whether the entries after it chain on is the chain check's part.
    Ahead(u64),
    /// The store ends before the anchor: acknowledged writes are missing.
    Behind { store: u64, anchor: u64 },
    /// The store's entry at the anchor's position is another one (or is
    /// missing from a store that claims to go past it).
    Diverged { seq: u64, found: Option<String> },
}

/// Compares the store (its head, and its entry at the anchor's sequence
/// number) with an anchor.
pub fn compare(anchor: &Anchor, head: &Anchor, at_anchor: Option<&AuditEntry>) -> Standing {
    if head.seq < anchor.seq {
        return Standing::Behind { store: head.seq, anchor: anchor.seq };
    }
    if anchor.seq > 0 {
        let found = at_anchor.map(|e| e.hash.clone());
        if found.as_deref() != Some(anchor.hash.as_str()) || at_anchor.is_some_and(|e| e.seq != anchor.seq) {
            return Standing::Diverged { seq: anchor.seq, found };
        }
    }
    if head.seq == anchor.seq {
        if head.hash != anchor.hash {
            return Standing::Diverged { seq: anchor.seq, found: Some(head.hash.clone()) };
        }
        return Standing::At;
    }
    Standing::Ahead(head.seq - anchor.seq)
}

impl Standing {
    /// What is wrong, for the operator (`None` when nothing is). `what`
    /// names the anchor ("its anchor", "the expected anchor").
    pub fn problem(&self, what: &str, anchor: &Anchor) -> Option<String> {
        match self {
            Standing::At | Standing::Ahead(_) => None,
            Standing::Behind { store, anchor: a } => {
                let missing = a - store;
                let writes = if missing == 1 { "1 acknowledged write is" } else { "acknowledged writes are" };
                let n = if missing == 1 { String::new() } else { format!("{missing} ") };
                Some(format!(
                    "the store ends at audit entry {store} but {what} says {a} were acknowledged: {n}{writes} missing"
                ))
            }
            Standing::Diverged { seq, found: Some(h) } => Some(format!(
                "the store's audit entry {seq} is not the one {what} names ({anchor}): the store has {seq}:{h}; it is another store's history, or an altered one"
            )),
            Standing::Diverged { seq, found: None } => {
                Some(format!("the store has no audit entry {seq}, which {what} names ({anchor}): entries are missing"))
            }
        }
    }
}

/// The anchor file in a data directory. It holds two slots of 512 bytes
/// (a sector each), written in turn: `nocure-anchor GEN SEQ:HASH CHECK`,
/// padded, where GEN counts the writes and CHECK is a checksum of the rest.
/// The newer valid slot is the anchor; a write torn by a power cut spoils
/// only its own slot, and the other still holds the anchor before it. So a
/// move overwrites one slot in place and syncs the data (`fdatasync`: no
/// file or directory metadata changes), which costs one device flush per
/// group commit; only the file's creation writes a temporary file, renames
/// it, and syncs the directory.
#[derive(Clone, Debug)]
pub struct AnchorFile {
    dir: PathBuf,
}

const SLOT: usize = 512;
const MAGIC: &str = "nocure-anchor";

fn check_of(gen_: u64, a: &Anchor) -> String {
    super::audit::sha256_hex(format!("{gen_} {a}").as_bytes())[..16].to_string()
}

fn slot(gen_: u64, a: &Anchor) -> Vec<u8> {
    let mut line = format!("{MAGIC} {gen_} {a} {}", check_of(gen_, a)).into_bytes();
    line.resize(SLOT - 1, b' ');
    line.push(b'\n');
    line
}

/// A slot's generation and anchor, if it is whole.
fn read_slot(bytes: &[u8]) -> Option<(u64, Anchor)> {
    let text = std::str::from_utf8(bytes).ok()?;
    let mut words = text.split_whitespace();
    if words.next()? != MAGIC {
        return None;
    }
    let gen_: u64 = words.next()?.parse().ok()?;
    let a = Anchor::parse(words.next()?).ok()?;
    (words.next()? == check_of(gen_, &a) && words.next().is_none()).then_some((gen_, a))
}

impl AnchorFile {
    pub fn new(dir: &Path) -> AnchorFile {
        AnchorFile { dir: dir.to_path_buf() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// The newest whole slot (generation and anchor); `None` when there is
    /// no file. A file of one line `SEQ:HASH` is read as generation 0.
    fn read_gen(&self) -> Result<Option<(u64, Anchor)>, StoreError> {
        let path = self.path();
        let bytes = match fs::read(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::Io(format!("cannot read the anchor {}: {e}", path.display()))),
            Ok(b) => b,
        };
        if !bytes.starts_with(MAGIC.as_bytes()) {
            let text = String::from_utf8(bytes).map_err(|_| unreadable(&path, "it is not text"))?;
            return Anchor::parse(&text).map(|a| Some((0, a))).map_err(|e| unreadable(&path, &e));
        }
        let newest = bytes.chunks(SLOT).filter_map(read_slot).max_by_key(|(g, _)| *g);
        newest.map(Some).ok_or_else(|| unreadable(&path, "neither of its two slots is whole"))
    }

    /// The anchor; `None` when there is no file.
    pub fn read(&self) -> Result<Option<Anchor>, StoreError> {
        Ok(self.read_gen()?.map(|(_, a)| a))
    }

    /// Moves the anchor durably (see the type's note).
    pub fn write(&self, anchor: &Anchor) -> Result<(), StoreError> {
        let path = self.path();
        let fail = |e: std::io::Error| StoreError::Io(format!("cannot write the anchor {}: {e}", path.display()));
        let current = match self.read_gen() {
            Ok(Some((g, _))) if fs::metadata(&path).map(|m| m.len()).ok() == Some(2 * SLOT as u64) => Some(g),
            _ => None,
        };
        match current {
            Some(g) => {
                let next = g + 1;
                let f = OpenOptions::new().write(true).open(&path).map_err(fail)?;
                f.write_all_at(&slot(next, anchor), (next % 2) * SLOT as u64).map_err(fail)?;
                f.sync_data().map_err(fail)
            }
            None => {
                // A new file (or one in an older form): both slots, written
                // aside and renamed into place.
                let tmp = self.dir.join(format!("{FILE}.tmp"));
                let mut f = File::create(&tmp).map_err(fail)?;
                let (a, b) = (slot(2, anchor), slot(1, anchor));
                f.write_all(&[a, b].concat()).map_err(fail)?;
                f.sync_all().map_err(fail)?;
                drop(f);
                fs::rename(&tmp, &path).map_err(fail)?;
                File::open(&self.dir).and_then(|d| d.sync_all()).map_err(fail)
            }
        }
    }
}

/// The anchor as the flusher keeps it. Until the store has been checked
/// against its anchor (armed), nothing is written to the file: a store that
/// came back short must not overwrite the evidence.
pub struct Anchoring {
    file: AnchorFile,
    /// The anchor on disk, once armed.
    durable: Mutex<Option<Anchor>>,
}

impl Anchoring {
    pub fn new(file: AnchorFile) -> Anchoring {
        Anchoring { file, durable: Mutex::new(None) }
    }

    pub fn file(&self) -> &AnchorFile {
        &self.file
    }

    /// The anchor on disk, once armed.
    pub fn durable(&self) -> Option<Anchor> {
        self.durable.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Arms the anchor at `head`, which must be durable, writing it unless
    /// the file already holds it.
    pub fn arm(&self, head: &Anchor, on_file: Option<&Anchor>) -> Result<(), StoreError> {
        let mut d = self.durable.lock().unwrap_or_else(|p| p.into_inner());
        if on_file != Some(head) {
            self.file.write(head)?;
        }
        *d = Some(head.clone());
        Ok(())
    }

    /// After a flush made `head` durable: moves the anchor to it (when
    /// armed and it moved).
    pub fn advance(&self, head: &Anchor) -> Result<(), StoreError> {
        let mut d = self.durable.lock().unwrap_or_else(|p| p.into_inner());
        match &*d {
            None => Ok(()),
            Some(a) if a == head => Ok(()),
            Some(_) => {
                self.file.write(head)?;
                *d = Some(head.clone());
                Ok(())
            }
        }
    }
}

fn unreadable(path: &Path, why: &str) -> StoreError {
    StoreError::Corrupt(format!("the anchor {} cannot be read ({why})", path.display()))
}

#[cfg(test)]
mod tests;
