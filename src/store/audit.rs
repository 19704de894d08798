//! The audit log: every write appends an entry saying who (role and token
//! name), when, what, and the hash of the content written. Entries are
//! hash-chained: each entry's hash covers its fields and the previous
//! entry's hash, so altering or removing any entry breaks the chain.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub role: String,
    /// The token's name (never the token).
    pub actor: String,
    /// `contract.add`, `course.create`, `events.append`, `invoice.record`,
    /// `payment.reverse`, `token.create`, `token.revoke`, `demo.load`.
    pub action: String,
    pub subject: String,
    /// SHA-256 of the content written.
    pub content_hash: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Who did something: a role and the token's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub role: String,
    pub name: String,
}

impl Actor {
    pub fn system(name: &str) -> Actor {
        Actor { role: "system".into(), name: name.into() }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The hash of an entry: SHA-256 over its fields, each length-prefixed so
/// that no two different entries can hash the same text.
pub fn entry_hash(e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    let at = e.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    for field in
        [e.seq.to_string().as_str(), &at, &e.role, &e.actor, &e.action, &e.subject, &e.content_hash, &e.prev_hash]
    {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Builds the next entry after `prev` (seq, hash).
pub fn next_entry(
    prev: (u64, &str),
    at: DateTime<Utc>,
    actor: &Actor,
    action: &str,
    subject: &str,
    content: &[u8],
) -> AuditEntry {
    let mut e = AuditEntry {
        seq: prev.0 + 1,
        at,
        role: actor.role.clone(),
        actor: actor.name.clone(),
        action: action.to_string(),
        subject: subject.to_string(),
        content_hash: sha256_hex(content),
        prev_hash: prev.1.to_string(),
        hash: String::new(),
    };
    e.hash = entry_hash(&e);
    e
}

/// The result of checking the chain.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChainReport {
    pub ok: bool,
    pub entries: u64,
    pub last_hash: String,
    pub problems: Vec<String>,
    /// The anchor the store was compared with (`SEQ:HASH`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
}

/// Walks the entries in order. `head` is the (seq, hash) the store says is
/// the last entry: it catches entries removed from the end.
pub fn verify_chain(entries: impl Iterator<Item = AuditEntry>, head: (u64, &str)) -> ChainReport {
    let mut r = ChainReport { ok: true, last_hash: GENESIS.to_string(), ..ChainReport::default() };
    let mut expected_seq = 1;
    for e in entries {
        if e.seq != expected_seq {
            r.problems.push(format!("entry {} follows entry {}: entries are missing", e.seq, expected_seq - 1));
        }
        if e.prev_hash != r.last_hash {
            r.problems
                .push(format!("entry {} does not chain to the entry before it (altered or removed entries)", e.seq));
        }
        if entry_hash(&e) != e.hash {
            r.problems.push(format!("entry {} has been altered: its hash does not match its content", e.seq));
        }
        r.last_hash = e.hash.clone();
        expected_seq = e.seq + 1;
        r.entries += 1;
    }
    if (r.entries, r.last_hash.as_str()) != (head.0, head.1) && !(r.entries == 0 && head.0 == 0) {
        r.problems.push(format!(
            "the log ends at entry {} but the store's head is entry {}: entries were removed from the end",
            r.entries, head.0
        ));
    }
    r.ok = r.problems.is_empty();
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: u64) -> Vec<AuditEntry> {
        let actor = Actor { role: "finance".into(), name: "anna".into() };
        let at = DateTime::parse_from_rfc3339("2026-01-05T10:00:00Z").unwrap().with_timezone(&Utc);
        let mut out: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let prev = out.last().map(|e| (e.seq, e.hash.clone())).unwrap_or((0, GENESIS.to_string()));
            out.push(next_entry((prev.0, &prev.1), at, &actor, "invoice.record", &format!("inv-{i}"), b"body"));
        }
        out
    }

    #[test]
    fn an_intact_chain_verifies() {
        let c = chain(5);
        let head = (5, c[4].hash.as_str());
        assert!(verify_chain(c.clone().into_iter(), head).ok);
    }

    #[test]
    fn altering_any_field_is_detected() {
        let mut c = chain(5);
        let head = (5, c[4].hash.clone());
        c[2].subject = "inv-other".into();
        let r = verify_chain(c.into_iter(), (head.0, &head.1));
        assert!(!r.ok);
        assert!(r.problems[0].contains("entry 3 has been altered"), "{:?}", r.problems);
    }

    #[test]
    fn removing_an_entry_in_the_middle_or_at_the_end_is_detected() {
        let c = chain(5);
        let head = (5, c[4].hash.clone());
        let mut middle = c.clone();
        middle.remove(2);
        let r = verify_chain(middle.into_iter(), (head.0, &head.1));
        assert!(!r.ok && r.problems.iter().any(|p| p.contains("missing")), "{:?}", r.problems);
        let mut tail = c;
        tail.pop();
        let r = verify_chain(tail.into_iter(), (head.0, &head.1));
        assert!(!r.ok && r.problems.iter().any(|p| p.contains("removed from the end")), "{:?}", r.problems);
    }

    #[test]
    fn a_rehashed_forgery_still_breaks_the_chain_after_it() {
        let mut c = chain(4);
        let head = (4, c[3].hash.clone());
        c[1].subject = "forged".into();
        c[1].hash = entry_hash(&c[1]);
        let r = verify_chain(c.into_iter(), (head.0, &head.1));
        assert!(r.problems.iter().any(|p| p.contains("entry 3 does not chain")), "{:?}", r.problems);
    }
}
