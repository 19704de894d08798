//! The server's logs never hold a CPR number or a token: the binary runs
//! with debug logging, is sent CPR numbers in a body, a path and a query,
//! and tokens good and bad, and its whole log is searched afterwards. It is
//! stopped with SIGTERM and must shut down cleanly.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};

const CPR: &str = "0101701234";
const CPR_DASHED: &str = "010170-1234";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logs_hold_no_cpr_number_and_no_token() {
    let dir = tempfile::tempdir().unwrap();
    let contracts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nocure"))
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data"])
        .arg(dir.path().join("store"))
        .arg("--contracts")
        .arg(&contracts)
        .env("NOCURE_PSEUDONYM_KEY", "00112233445566778899aabbccddeeff")
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the log from the start: a full pipe would stop the server.
    let mut stderr = child.stderr.take().unwrap();
    let collect = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).ok();
        text
    });
    let mut tokens = std::collections::HashMap::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("server output").unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["listening", "on", url, ..] => break url.to_string(),
            [role, token] if token.starts_with("nc_") => {
                tokens.insert(role.to_string(), token.to_string());
            }
            _ => {}
        }
    };

    let client = reqwest::Client::new();
    let cw = &tokens["caseworker"];
    let referral = serde_json::json!({
        "course_id": "log-1", "cpr": CPR_DASHED, "contract": "lejre-jobparate", "target_group": "dagpenge",
        "referred_on": "2025-03-03", "attributes": { "a_kasse": "AAK" }, "events": []
    });
    let res = client.post(format!("{base}/courses")).bearer_auth(cw).json(&referral).send().await.unwrap();
    assert_eq!(res.status(), 201);
    // A CPR number in a path, in a query, in a free-text field, and a bad one.
    client.get(format!("{base}/courses/{CPR}")).bearer_auth(cw).send().await.unwrap();
    client.get(format!("{base}/courses?contract={CPR}")).bearer_auth(cw).send().await.unwrap();
    let mut bad = referral.clone();
    bad["course_id"] = serde_json::json!("log-2");
    bad["cpr"] = serde_json::json!("320170-1234");
    assert_eq!(client.post(format!("{base}/courses")).bearer_auth(cw).json(&bad).send().await.unwrap().status(), 422);
    let note = serde_json::json!({ "type": "course_ended", "date": "2025-03-05", "outcome": "interrupted", "reason": format!("moved, {CPR}") });
    client.post(format!("{base}/courses/log-1/events")).bearer_auth(cw).json(&note).send().await.unwrap();
    // A register extract with CPR numbers, good and bad (the bad row's
    // number is no date).
    for cpr in [CPR_DASHED, "320170-1234"] {
        let csv = format!("cpr,week,benefit_code\n{cpr},2025-W14,KH\n");
        let res = client
            .post(format!("{base}/registers/benefits"))
            .bearer_auth(&tokens["finance"])
            .header("content-type", "text/csv")
            .body(csv)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), if cpr == CPR_DASHED { 201 } else { 422 });
    }
    // Tokens: a good one, a wrong one, and the pages' cookie.
    client.get(format!("{base}/audit")).bearer_auth(&tokens["finance"]).send().await.unwrap();
    client.get(format!("{base}/audit")).bearer_auth("nc_0123456789abcdef").send().await.unwrap();
    client
        .get(format!("{base}/committee"))
        .header("cookie", format!("nocure_token={}", tokens["committee"]))
        .send()
        .await
        .unwrap();

    // SIGTERM: a graceful stop.
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let status = child.wait().unwrap();
    assert!(status.success(), "the server did not stop cleanly: {status}");
    let log = collect.join().unwrap();
    assert!(log.contains("shutting down"), "{log}");
    assert!(log.lines().count() > 10, "debug logging was on: {log}");
    for secret in
        [CPR, CPR_DASHED, "320170", "nc_0123456789abcdef"].iter().map(|s| s.to_string()).chain(tokens.values().cloned())
    {
        assert!(!log.contains(&secret), "the log holds {secret}:\n{log}");
    }
}
