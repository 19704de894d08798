//! A damaged data file never rolls back acknowledged payments silently.
//! A stopped server's store (40 payments, each acknowledged) is damaged
//! the way a failing disk does it: one byte flipped somewhere in sled's
//! `db` file, or the file cut short. Each start must then either be
//! refused with a message that tells the operator what is missing, or
//! serve the store whole: all 40 payments, 200,000.00 kr. Never fewer.

mod support;

use std::path::Path;

use support::bin::{Client, Start, copy_dir, payments, record_payments, start, token, workdir};

/// Payments recorded before the damage: 40 job starts of 5,000.00 kr.
const PAYMENTS: usize = 40;
/// 40 × 5,000.00 kr.
const NET: &str = "200000.00";

/// A stopped server's working directory with 40 acknowledged payments;
/// returns it and the finance token.
fn recorded() -> (tempfile::TempDir, String) {
    let dir = workdir();
    let caseworker = token(dir.path(), "caseworker");
    let finance = token(dir.path(), "finance");
    let server = start(dir.path(), &[]).serving();
    let c = Client::default();
    record_payments(&c, &server.base, &caseworker, &finance, 1, PAYMENTS);
    assert_eq!(payments(&c, &server.base, &finance), (PAYMENTS, NET.to_string()));
    let (status, err) = server.stop();
    assert!(status.success(), "{err}");
    (dir, finance)
}

/// What a start on a damaged copy came to.
#[derive(Debug, PartialEq)]
enum Outcome {
    /// Refused, with the operator's message.
    Refused(String),
    /// Served everything.
    Whole,
    /// Served, but with fewer payments or a smaller total: the defect.
    Served(usize, String),
}

fn start_on(dir: &Path, finance: &str) -> Outcome {
    match start(dir, &[]) {
        Start::Refused(status, err) => {
            assert!(!status.success());
            Outcome::Refused(err)
        }
        Start::Serving(server) => {
            let c = Client::default();
            let (n, net) = payments(&c, &server.base, finance);
            let (_, verify) = c.get(&server.base, "/audit/verify", finance);
            drop(server);
            if (n, net.as_str()) == (PAYMENTS, NET) && verify["ok"] == true {
                Outcome::Whole
            } else {
                Outcome::Served(n, net)
            }
        }
    }
}

/// A refusal must say what is wrong and where to go from here.
fn assert_clear(message: &str) {
    let lower = message.to_lowercase();
    assert!(lower.contains("error:"), "{message}");
    assert!(
        lower.contains("backup") || lower.contains("corrupt") || lower.contains("anchor"),
        "a refusal must say what is wrong and how to restore: {message}"
    );
}

#[test]
fn a_flipped_byte_in_the_data_file_is_refused_or_harmless() {
    let (pristine, finance) = recorded();
    let db = pristine.path().join("store/db");
    let bytes = std::fs::read(&db).unwrap();
    let mut results = Vec::new();
    // 15 places spread over the file, each with its own bit pattern.
    for k in 1..=15u64 {
        let offset = (bytes.len() as u64 * k / 16) as usize;
        let pattern = 1u8 << (k % 8);
        let copy = tempfile::tempdir().unwrap();
        copy_dir(pristine.path(), copy.path());
        let mut damaged = bytes.clone();
        damaged[offset] ^= pattern;
        std::fs::write(copy.path().join("store/db"), &damaged).unwrap();
        let outcome = start_on(copy.path(), &finance);
        if let Outcome::Refused(m) = &outcome {
            assert_clear(m);
        }
        results.push((offset, outcome));
    }
    let silent: Vec<_> = results.iter().filter(|(_, o)| matches!(o, Outcome::Served(..))).collect();
    assert!(silent.is_empty(), "served with acknowledged payments missing: {silent:?}\nall: {results:?}");
}

#[test]
fn a_truncated_data_file_is_refused() {
    let (pristine, finance) = recorded();
    let db = pristine.path().join("store/db");
    let len = std::fs::metadata(&db).unwrap().len();
    for keep in [len / 2, len * 3 / 4, len - 4096] {
        let copy = tempfile::tempdir().unwrap();
        copy_dir(pristine.path(), copy.path());
        let f = std::fs::OpenOptions::new().write(true).open(copy.path().join("store/db")).unwrap();
        f.set_len(keep).unwrap();
        drop(f);
        match start_on(copy.path(), &finance) {
            Outcome::Refused(m) => assert_clear(&m),
            Outcome::Whole => {}
            other => panic!("db cut to {keep} of {len} bytes: {other:?}"),
        }
    }
}
