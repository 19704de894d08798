//! The pages in a real browser: the server with the demo data on a loopback
//! port, driven by `e2e/pages.mjs` in Debian's headless Chromium through
//! playwright-core. It signs in as a committee member and as finance, checks
//! every figure shown against the API (the committee page, and the grant
//! page's band and tranches), compares the options, runs the what-if, uploads an invoice
//! and sees a rejected line with its reason, records it, finds the demo's
//! contradicted courses on the register evidence page, draws and checks an
//! audit sample (its estimate and interval against the API's), and saves
//! screenshots in `target/e2e/`.
//!
//! Needs `/usr/bin/chromium` (or `$CHROMIUM`), Node.js and `npm ci` in
//! `e2e/`. `.ci/run` installs them and sets `NOCURE_BROWSER_TESTS=1`, which
//! makes their absence a failure; elsewhere the test says it was skipped.

mod support;

use std::path::PathBuf;
use std::process::Command;

use support::app::{Options, spawn_app};

fn missing() -> Vec<String> {
    let root = support::root();
    let chromium = PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    let mut out = Vec::new();
    if !chromium.exists() {
        out.push(format!("{} (Debian package chromium)", chromium.display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        out.push("node".into());
    }
    if !root.join("e2e/node_modules/playwright-core").exists() {
        out.push("e2e/node_modules/playwright-core (npm ci in e2e/)".into());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_committee_and_finance_pages_in_chromium() {
    let missing = missing();
    if !missing.is_empty() {
        let required = std::env::var("NOCURE_BROWSER_TESTS").is_ok_and(|v| v == "1");
        assert!(!required, "the browser test needs {}", missing.join(", "));
        eprintln!("SKIPPED the browser test: it needs {} (.ci/run installs them)", missing.join(", "));
        return;
    }
    let app = spawn_app(Options { demo: true, options: true, ..Options::default() }).await;
    let tokens = serde_json::to_string(&app.tokens).unwrap();
    let root = support::root();
    let shots = root.join("target/e2e");
    let base = app.base.clone();
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(root.join("e2e/pages.mjs"))
            .current_dir(root.join("e2e"))
            .env("NOCURE_BASE", base)
            .env("NOCURE_TOKENS", tokens)
            .env("NOCURE_SHOTS", &shots)
            .output()
            .expect("node runs")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    println!("{stdout}");
    assert!(output.status.success(), "browser checks failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("all checks passed"), "{stdout}");
    assert!(support::root().join("target/e2e/committee.png").exists());
    app.stop().await;
}
