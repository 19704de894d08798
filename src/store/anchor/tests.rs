//! Tests of `anchor`.

use super::*;
use crate::store::audit::{Actor, next_entry};
use chrono::{DateTime, Utc};

fn chain(n: u64) -> Vec<AuditEntry> {
    chain_of("inv", n)
}

fn chain_of(subject: &str, n: u64) -> Vec<AuditEntry> {
    let at = DateTime::parse_from_rfc3339("2026-01-05T10:00:00Z").unwrap().with_timezone(&Utc);
    let mut out: Vec<AuditEntry> = Vec::new();
    for i in 0..n {
        let prev = out.last().map(|e| (e.seq, e.hash.clone())).unwrap_or((0, GENESIS.to_string()));
        let s = format!("{subject}-{i}");
        out.push(next_entry((prev.0, &prev.1), at, &Actor::system("t"), "invoice.record", &s, b""));
    }
    out
}

fn pos(e: &AuditEntry) -> Anchor {
    Anchor { seq: e.seq, hash: e.hash.clone() }
}

#[test]
fn an_anchor_reads_back_as_written() {
    let a = Anchor { seq: 78, hash: "ab".repeat(32) };
    assert_eq!(Anchor::parse(&a.to_string()), Ok(a.clone()));
    assert_eq!(Anchor::parse(&format!(" {a}\n")), Ok(a));
    assert_eq!(Anchor::parse(&Anchor::genesis().to_string()), Ok(Anchor::genesis()));
}

#[test]
fn a_malformed_anchor_says_what_is_expected() {
    for bad in ["78", "x:ab", &format!("78:{}", "AB".repeat(32)), &format!("78:{}", "ab".repeat(31)), "0:ff"] {
        let e = Anchor::parse(bad).unwrap_err();
        assert!(e.contains("SEQ:HASH") || e.contains("start of the chain"), "{bad}: {e}");
    }
}

#[test]
fn a_store_behind_its_anchor_counts_what_is_missing() {
    let c = chain(78);
    let s = compare(&pos(&c[77]), &pos(&c[75]), None);
    assert_eq!(s, Standing::Behind { store: 76, anchor: 78 });
    // 78 − 76 = 2 writes.
    assert_eq!(
        s.problem("its anchor", &pos(&c[77])).unwrap(),
        "the store ends at audit entry 76 but its anchor says 78 were acknowledged: 2 acknowledged writes are missing"
    );
    let one = compare(&pos(&c[77]), &pos(&c[76]), None).problem("its anchor", &pos(&c[77])).unwrap();
    assert!(one.ends_with(": 1 acknowledged write is missing"), "{one}");
}

#[test]
fn a_store_at_or_past_its_anchor_is_fine() {
    let c = chain(10);
    assert_eq!(compare(&pos(&c[9]), &pos(&c[9]), Some(&c[9])), Standing::At);
    assert_eq!(compare(&pos(&c[6]), &pos(&c[9]), Some(&c[6])), Standing::Ahead(3));
    assert_eq!(compare(&Anchor::genesis(), &pos(&c[9]), None), Standing::Ahead(10));
    assert_eq!(compare(&Anchor::genesis(), &Anchor::genesis(), None), Standing::At);
    assert_eq!(Standing::Ahead(3).problem("its anchor", &pos(&c[6])), None);
}

#[test]
fn another_history_of_the_same_length_or_longer_is_caught() {
    let ours = chain(10);
    let theirs = chain_of("other", 12);
    // Same length, other last entry.
    let s = compare(&pos(&ours[9]), &pos(&theirs[9]), Some(&theirs[9]));
    assert!(matches!(s, Standing::Diverged { seq: 10, found: Some(_) }), "{s:?}");
    assert!(s.problem("its anchor", &pos(&ours[9])).unwrap().contains("audit entry 10 is not the one"));
    // Longer, but its entry 7 is not ours.
    let s = compare(&pos(&ours[6]), &pos(&theirs[11]), Some(&theirs[6]));
    assert!(matches!(s, Standing::Diverged { seq: 7, .. }), "{s:?}");
    // Longer, and entry 7 is missing.
    let s = compare(&pos(&ours[6]), &pos(&theirs[11]), None);
    assert_eq!(s, Standing::Diverged { seq: 7, found: None });
    assert!(s.problem("its anchor", &pos(&ours[6])).unwrap().contains("no audit entry 7"));
}

#[test]
fn the_file_is_moved_slot_by_slot_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let f = AnchorFile::new(dir.path());
    assert_eq!(f.read().unwrap(), None);
    let a = Anchor { seq: 3, hash: "cd".repeat(32) };
    f.write(&a).unwrap();
    assert_eq!(f.read().unwrap(), Some(a.clone()));
    assert_eq!(fs::metadata(f.path()).unwrap().len(), 1024);
    assert!(!dir.path().join("anchor.tmp").exists());
    let text = fs::read_to_string(f.path()).unwrap();
    assert!(text.starts_with(&format!("nocure-anchor 2 3:{} ", "cd".repeat(32))), "{text}");
    // Generation 3 goes into the second slot, 4 into the first, …
    for (i, seq) in [4u64, 5, 6].into_iter().enumerate() {
        let b = Anchor { seq, hash: format!("{:02x}", seq).repeat(32) };
        f.write(&b).unwrap();
        assert_eq!(f.read().unwrap(), Some(b.clone()));
        let bytes = fs::read(f.path()).unwrap();
        let written = &bytes[((3 + i) % 2) * SLOT..][..SLOT];
        assert_eq!(read_slot(written), Some((3 + i as u64, b)));
    }
    // A write torn in the newer slot leaves the one before it.
    let mut bytes = fs::read(f.path()).unwrap();
    bytes[SLOT + 20] ^= 1; // generation 5 (seq 6) is in the second slot
    fs::write(f.path(), &bytes).unwrap();
    assert_eq!(f.read().unwrap().map(|a| a.seq), Some(5));
    // Both spoilt: unreadable, and said so.
    bytes[20] ^= 1;
    fs::write(f.path(), &bytes).unwrap();
    let e = f.read().unwrap_err().to_string();
    assert!(e.contains("anchor") && e.contains("cannot be read") && e.contains("slots"), "{e}");
    fs::write(f.path(), "garbage").unwrap();
    assert!(f.read().unwrap_err().to_string().contains("cannot be read"));
    // A one-line anchor (as written by hand) is read, and replaced whole.
    fs::write(f.path(), format!("{a}\n")).unwrap();
    assert_eq!(f.read().unwrap(), Some(a));
    let c = Anchor { seq: 9, hash: "ef".repeat(32) };
    f.write(&c).unwrap();
    assert_eq!((f.read().unwrap(), fs::metadata(f.path()).unwrap().len()), (Some(c), 1024));
}
