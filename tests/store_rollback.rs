//! An old copy of the whole data directory put back in place is
//! internally consistent (its anchor came with it), so only the anchor
//! filed off the machine can tell: a start with `--expect-anchor` refuses
//! it, `/audit/verify?expect=` reports it, and the operator can accept it
//! knowingly (logged and audited). Also: a store a little past its anchor
//! (a stop between the store's flush and the anchor's write) starts and
//! moves the anchor; a missing or unreadable anchor stops the start.

mod support;

use std::path::Path;

use nocure::store::anchor::AnchorFile;
use serde_json::Value;
use support::bin::{Client, Start, copy_dir, payments, record_payments, start, token, workdir};

/// The anchor as `GET /audit/anchor` gives it.
fn anchor(c: &Client, base: &str, finance: &str) -> (u64, String) {
    let (s, b) = c.get(base, "/audit/anchor", finance);
    assert_eq!(s, 200, "{b}");
    assert_eq!(b["anchor"].as_str().unwrap(), format!("{}:{}", b["seq"], b["hash"].as_str().unwrap()));
    (b["seq"].as_u64().unwrap(), b["anchor"].as_str().unwrap().to_string())
}

fn refused(s: Start) -> String {
    match s {
        Start::Refused(status, err) => {
            assert!(!status.success());
            err
        }
        Start::Serving(r) => panic!("the server started on {}; it must not", r.base),
    }
}

/// The anchor in the store's anchor file.
fn on_file(dir: &Path) -> String {
    AnchorFile::new(&dir.join("store")).read().unwrap().unwrap().to_string()
}

fn replace_store(dir: &Path, with: &Path) {
    std::fs::remove_dir_all(dir.join("store")).unwrap();
    copy_dir(with, &dir.join("store"));
}

#[test]
fn an_old_copy_put_back_is_refused_against_the_filed_anchor_and_can_be_accepted_knowingly() {
    let dir = workdir();
    let caseworker = token(dir.path(), "caseworker");
    let finance = token(dir.path(), "finance");
    let c = Client::default();

    // Ten payments, then a backup; five more after it.
    let server = start(dir.path(), &[]).serving();
    record_payments(&c, &server.base, &caseworker, &finance, 1, 10);
    // 2 tokens + 4 files stored at start (3 contract versions, the grant) + 10 × (course, invoice) = 26 entries.
    let (seq, at_backup) = anchor(&c, &server.base, &finance);
    assert_eq!(seq, 26);
    let (status, err) = server.stop();
    assert!(status.success(), "{err}");
    assert!(err.contains(&format!("stopped; the store's anchor is {at_backup}")), "{err}");
    let backup = tempfile::tempdir().unwrap();
    copy_dir(&dir.path().join("store"), backup.path());

    let server = start(dir.path(), &[]).serving();
    record_payments(&c, &server.base, &caseworker, &finance, 11, 5);
    // 26 + 5 × 2 = 36.
    let (seq, filed) = anchor(&c, &server.base, &finance);
    assert_eq!(seq, 36);
    assert_eq!(payments(&c, &server.base, &finance), (15, "75000.00".into()));
    server.stop();

    // The backup put back: consistent in itself, 5 payments short.
    replace_store(dir.path(), backup.path());
    let err = refused(start(dir.path(), &["--expect-anchor", &filed]));
    assert!(
        err.contains("the store ends at audit entry 26 but the expected anchor says 36 were acknowledged: 10 acknowledged writes are missing"),
        "{err}"
    );
    assert!(err.contains("--accept-store-at 26") && err.contains("backup"), "{err}");

    // Without the filed anchor it starts (nothing local can tell), but
    // /audit/verify against the filed anchor reports it.
    let server = start(dir.path(), &[]).serving();
    let (_, own) = c.get(&server.base, "/audit/verify", &finance);
    assert_eq!(own["ok"], true, "{own}");
    assert_eq!(own["anchor"].as_str(), Some(at_backup.as_str()));
    let (s, report) = c.get(&server.base, &format!("/audit/verify?expect={filed}"), &finance);
    assert_eq!(s, 200);
    assert_eq!(report["ok"], false, "{report}");
    assert!(report["problems"][0].as_str().unwrap().contains("10 acknowledged writes are missing"), "{report}");
    let (s, bad) = c.get(&server.base, "/audit/verify?expect=36", &finance);
    assert_eq!(s, 422, "{bad}");
    server.stop();

    // Accepting another entry than the store's last is refused.
    let err = refused(start(dir.path(), &["--expect-anchor", &filed, "--accept-store-at", "36"]));
    assert!(err.contains("--accept-store-at 36 does not match the store, which ends at audit entry 26"), "{err}");

    // The operator accepts the backup knowingly: logged, audited, served.
    let server = start(dir.path(), &["--expect-anchor", &filed, "--accept-store-at", "26"]).serving();
    assert!(server.said("ACCEPTED by the operator (--accept-store-at 26)"), "{}", server.stderr());
    assert_eq!(payments(&c, &server.base, &finance), (10, "50000.00".into()));
    let (_, log) = c.get(&server.base, "/audit?after=26", &finance);
    let e: &Value = &log["entries"][0];
    assert_eq!(
        (e["seq"].as_u64(), e["action"].as_str(), e["actor"].as_str()),
        (Some(27), Some("store.accept"), Some("operator"))
    );
    assert!(e["subject"].as_str().unwrap().contains("10 acknowledged writes are missing"), "{e}");
    let (seq, accepted) = anchor(&c, &server.base, &finance);
    assert_eq!(seq, 27);
    server.stop();

    // From then on it starts against its new anchor; the old filed anchor
    // still shows the loss.
    start(dir.path(), &["--expect-anchor", &accepted]).serving().stop();
    let err = refused(start(dir.path(), &["--expect-anchor", &filed]));
    assert!(err.contains("the store ends at audit entry 27 but the expected anchor says 36"), "{err}");
}

#[test]
fn a_store_past_its_anchor_starts_and_moves_it_and_a_missing_or_garbled_anchor_stops_the_start() {
    let dir = workdir();
    let caseworker = token(dir.path(), "caseworker");
    let finance = token(dir.path(), "finance");
    let c = Client::default();
    let server = start(dir.path(), &[]).serving();
    record_payments(&c, &server.base, &caseworker, &finance, 1, 2);
    // 2 tokens + 4 files (3 contract versions, the grant) + 2 × 2 = 10.
    let (seq, head) = anchor(&c, &server.base, &finance);
    assert_eq!(seq, 10);
    let (_, log) = c.get(&server.base, "/audit?after=6&limit=1", &finance);
    let seventh = format!("7:{}", log["entries"][0]["hash"].as_str().unwrap());
    server.stop();
    let file = dir.path().join("store/anchor");
    assert_eq!(on_file(dir.path()), head);

    // As after a stop between the store's flush and the anchor's write:
    // the anchor names entry 7 of this very chain.
    std::fs::write(&file, format!("{seventh}\n")).unwrap();
    let server = start(dir.path(), &[]).serving();
    assert!(server.said("the store is 3 audit entries past its anchor"), "{}", server.stderr());
    assert_eq!(on_file(dir.path()), head);
    server.stop();

    // An anchor naming an entry 7 of another history.
    std::fs::write(&file, format!("7:{}\n", "ab".repeat(32))).unwrap();
    let err = refused(start(dir.path(), &[]));
    assert!(err.contains("the store's audit entry 7 is not the one its anchor names"), "{err}");

    std::fs::remove_file(&file).unwrap();
    let err = refused(start(dir.path(), &[]));
    assert!(err.contains("the store holds 10 audit entries but its anchor") && err.contains("is missing"), "{err}");

    std::fs::write(&file, "9:not a hash\n").unwrap();
    let err = refused(start(dir.path(), &[]));
    assert!(err.contains("cannot be read") && err.contains("64 lowercase hexadecimal digits"), "{err}");

    // Nor does a command write to it: a token would overwrite the evidence.
    let out = support::bin::nocure(dir.path())
        .args(["token", "create", "--role", "finance", "--name", "late", "--data", "store"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be read"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "9:not a hash\n");
}
