//! Nothing acknowledged is lost: the server binary is killed with SIGKILL
//! in the middle of a stream of writes, restarted on the same data, and
//! every acknowledged write is there and the store's checks pass.

mod support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::json;

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

fn nocure(data: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nocure"));
    c.env("NOCURE_PSEUDONYM_KEY", KEY).env("RUST_LOG", "warn").current_dir(data);
    c
}

fn token(data: &Path, role: &str) -> String {
    let out = nocure(data)
        .args(["token", "create", "--role", role, "--name", &format!("crash-{role}"), "--data", "store"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// Kills the server when dropped, so that a failing test leaves none behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the server; returns the child and its base URL.
fn start(data: &Path) -> (Running, String) {
    let child = nocure(data)
        .args(["serve", "--data", "store", "--contracts", "contracts", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut running = Running(child);
    let stdout = running.0.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    loop {
        let Some(Ok(line)) = lines.next() else {
            let mut err = String::new();
            std::io::Read::read_to_string(running.0.stderr.as_mut().unwrap(), &mut err).ok();
            panic!("the server did not start: {err}");
        };
        if let Some(rest) = line.strip_prefix("listening on ") {
            let url = rest.split_whitespace().next().unwrap().to_string();
            return (running, url);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_killed_mid_stream_keeps_every_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    support::app::contracts_dir(&dir.path().join("contracts"));
    // Only `serve` creates a store (the token command refuses a path that
    // holds none): start it once and stop it gracefully.
    let (mut first, _) = start(dir.path());
    let pid = first.0.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    assert!(first.0.wait().unwrap().success());
    let caseworker = token(dir.path(), "caseworker");
    let finance = token(dir.path(), "finance");
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let client = reqwest::Client::new();
    // Three crashes in a row, each in the middle of a stream of writes.
    for round in 0..3 {
        let (mut child, base) = start(dir.path());
        let before = acked.lock().unwrap().len();
        let mut writers = Vec::new();
        for w in 0..8 {
            let (client, base, token, acked) = (client.clone(), base.clone(), caseworker.clone(), acked.clone());
            writers.push(tokio::spawn(async move {
                for i in 0.. {
                    let id = format!("r{round}-w{w}-{i}");
                    let body = json!({
                        "course_id": id, "citizen": format!("p-{round}-{w}-{i}"), "contract": "lejre-jobparate",
                        "target_group": "ledighedsydelse", "referred_on": "2025-03-03",
                        "events": [ { "type": "course_started", "date": "2025-03-10" } ]
                    });
                    match client.post(format!("{base}/courses")).bearer_auth(&token).json(&body).send().await {
                        Ok(res) if res.status() == 201 => acked.lock().unwrap().push(id),
                        Ok(res) => panic!("unexpected {}", res.status()),
                        Err(_) => return, // the server is gone
                    }
                }
            }));
        }
        // Let a few hundred writes through, then pull the plug.
        while acked.lock().unwrap().len() < before + 300 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        child.0.kill().unwrap(); // SIGKILL
        child.0.wait().unwrap();
        for w in writers {
            w.await.unwrap();
        }
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 900);

    // Restart on the same data: the consistency check runs at start.
    let (child, base) = start(dir.path());
    let mut missing = Vec::new();
    for id in &acked {
        let res = client.get(format!("{base}/courses/{id}")).bearer_auth(&caseworker).send().await.unwrap();
        if res.status() != 200 {
            missing.push(id.clone());
        }
    }
    assert!(missing.is_empty(), "{} of {} acknowledged writes lost: {missing:?}", missing.len(), acked.len());
    let report: serde_json::Value =
        client.get(format!("{base}/audit/verify")).bearer_auth(&finance).send().await.unwrap().json().await.unwrap();
    assert_eq!(report["ok"], true, "{report}");
    assert!(report["entries"].as_u64().unwrap() as usize >= acked.len());
    drop(child);
}
