//! `nocure registers import` on a stopped server's store: a good extract is
//! stored and said so; a bad one names each row's line and field and stores
//! nothing; the CPR number is on no file of the store afterwards.

mod support;

use support::bin::{nocure, workdir};

fn import(dir: &std::path::Path, kind: &str, file: &str) -> (bool, String, String) {
    let out = nocure(dir).args(["registers", "import", "--kind", kind, file, "--data", "store"]).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn files_text(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            text.push_str(&files_text(&path));
        } else {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
    }
    text
}

#[test]
fn an_extract_is_imported_whole_or_its_bad_rows_are_named() {
    let dir = workdir();
    let d = dir.path();
    // Line 3: week 53 of 2025 does not exist; line 4: no code.
    std::fs::write(
        d.join("bad.csv"),
        "cpr,week,benefit_code\n010170-1234,2025-W14,KH\n010170-1234,2025-W53,KH\n010170-1234,2025-W15,\n",
    )
    .unwrap();
    let (ok, _, err) = import(d, "benefits", "bad.csv");
    assert!(!ok);
    assert!(err.contains("bad.csv:3: week"), "{err}");
    assert!(err.contains("bad.csv:4: benefit_code"), "{err}");
    assert!(err.contains("nothing was stored"), "{err}");
    assert!(!err.contains("010170"), "{err}");

    std::fs::write(d.join("uger.csv"), "cpr;week;benefit_code\n010170-1234;2025-W14;KH\n0101701234;2025-W15;KH\n")
        .unwrap();
    let (ok, out, err) = import(d, "benefits", "uger.csv");
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "imported benefits extract 1: 2 rows");
    let store = files_text(&d.join("store"));
    assert!(!store.contains("0101701234") && !store.contains("010170-1234"), "a CPR number is in the store");
}
