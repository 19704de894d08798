//! A load client against the running server (the release binary, started
//! here on loopback with the demo data in a fresh directory). Measures:
//!
//! 1. evaluation reads per second (`GET /courses/{id}/evaluation`);
//! 2. durably recorded one-line invoices per second (`POST /invoices`, each
//!    approving one job start, every write flushed before the answer);
//! 3. the server time (Server-Timing) to verify a 10,000-line invoice;
//!
//! and the committee figures over the demo's 130 courses per second.
//!
//! Run: `cargo bench --bench load` (figures in BENCHMARKS.md). Options via
//! environment: LOAD_SECONDS (default 10), LOAD_CONNECTIONS (default 32),
//! LOAD_ONLY=writes (only the recorded invoices), NOCURE_BIN (another
//! server binary, e.g. an older build to compare with).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

struct Server {
    child: Child,
    base: String,
    tokens: std::collections::HashMap<String, String>,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let contracts = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts");
    let bin = std::env::var_os("NOCURE_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_nocure").into());
    let mut child = Command::new(bin)
        .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data"])
        .arg(dir.path().join("store"))
        .arg("--contracts")
        .arg(contracts)
        .env("NOCURE_PSEUDONYM_KEY", "00112233445566778899aabbccddeeff")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut tokens = std::collections::HashMap::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("server output").unwrap();
        let mut words = line.split_whitespace();
        match (words.next(), words.next()) {
            (Some("listening"), Some("on")) => break words.next().unwrap().to_string(),
            (Some(role), Some(token)) if token.starts_with("nc_") => {
                tokens.insert(role.to_string(), token.to_string());
            }
            _ => {}
        }
    };
    Server { child, base, tokens, _dir: dir }
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Runs `f(i)` from `connections` tasks for `seconds`; returns (requests,
/// failures, latencies in µs).
async fn drive<F, Fut>(connections: u64, seconds: u64, f: F) -> (u64, u64, Vec<u64>)
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let f = Arc::new(f);
    let stop = Arc::new(AtomicBool::new(false));
    let counter = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (f, stop, counter, failures) = (f.clone(), stop.clone(), counter.clone(), failures.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            while !stop.load(Ordering::Relaxed) {
                let i = counter.fetch_add(1, Ordering::Relaxed);
                let t = Instant::now();
                if !f(i).await {
                    failures.fetch_add(1, Ordering::Relaxed);
                }
                lat.push(t.elapsed().as_micros() as u64);
            }
            lat
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort_unstable();
    (all.len() as u64, failures.load(Ordering::Relaxed), all)
}

fn pct(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p) as usize] as f64 / 1000.0
}

fn report(what: &str, seconds: u64, (n, failed, lat): (u64, u64, Vec<u64>)) {
    println!(
        "{what}: {n} requests in {seconds} s = {:.0}/s; failures {failed}; latency p50 {:.2} ms, p99 {:.2} ms",
        n as f64 / seconds as f64,
        pct(&lat, 0.50),
        pct(&lat, 0.99)
    );
}

async fn create_courses(client: &reqwest::Client, base: &str, token: &str, prefix: &str, n: usize) {
    let chunks: Vec<Vec<usize>> =
        (0..n).collect::<Vec<_>>().chunks(n.div_ceil(16).max(1)).map(|c| c.to_vec()).collect();
    let mut tasks = Vec::new();
    for chunk in chunks {
        let (client, base, token, prefix) = (client.clone(), base.to_string(), token.to_string(), prefix.to_string());
        tasks.push(tokio::spawn(async move {
            for i in chunk {
                let body = json!({
                    "course_id": format!("{prefix}-{i}"), "citizen": format!("p-{prefix}-{i}"),
                    "contract": "lejre-jobparate", "target_group": "ledighedsydelse", "referred_on": "2025-03-03",
                    "events": [
                        { "type": "course_started", "date": "2025-03-10" },
                        { "type": "benefit_paid", "from": "2025-03-03", "to": "2025-03-31", "benefit": "ledighedsydelse" },
                        { "type": "benefit_paid", "from": "2025-04-01", "to": "2025-04-13", "benefit": "ledighedsydelse" },
                        { "type": "job_started", "date": "2025-04-14", "job": "fleksjob" },
                        { "type": "course_ended", "date": "2025-04-14", "outcome": "job" }
                    ] });
                let res = client.post(format!("{base}/courses")).bearer_auth(&token).json(&body).send().await.unwrap();
                assert_eq!(res.status(), 201);
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let seconds = env_or("LOAD_SECONDS", 10);
        let connections = env_or("LOAD_CONNECTIONS", 32);
        let server = start();
        let base = server.base.clone();
        let client = reqwest::Client::builder().pool_max_idle_per_host(connections as usize).build().unwrap();
        let finance = server.tokens["finance"].clone();
        let caseworker = server.tokens["caseworker"].clone();
        println!("server {base}; {connections} connections; {seconds} s per measurement; 2-core loopback (client and server share the cores)");

        let only_writes = std::env::var("LOAD_ONLY").is_ok_and(|v| v == "writes");
        if !only_writes {
            // 1. Evaluation reads over the 130 demo courses.
            let (c, b, t) = (client.clone(), base.clone(), finance.clone());
            let reads = drive(connections, seconds, move |i| {
                let (c, b, t) = (c.clone(), b.clone(), t.clone());
                async move {
                    let url = format!("{b}/courses/c-{:03}/evaluation?as_of=2025-12-31", i % 130 + 1);
                    c.get(url).bearer_auth(&t).send().await.is_ok_and(|r| r.status() == 200)
                }
            })
            .await;
            report("evaluation reads", seconds, reads);

            // 1b. The committee figures over the 130 demo courses.
            let (c, b, t) = (client.clone(), base.clone(), server.tokens["committee"].clone());
            let figures = drive(connections, seconds, move |_| {
                let (c, b, t) = (c.clone(), b.clone(), t.clone());
                async move {
                    let url = format!("{b}/reports/portfolio?contract=lejre-jobparate&as_of=2025-12-31");
                    c.get(url).bearer_auth(&t).send().await.is_ok_and(|r| r.status() == 200)
                }
            })
            .await;
            report("committee figures (GET /reports/portfolio, 130 courses)", seconds, figures);
        }

        // 2. Recorded one-line invoices, each approving a job start.
        let n = (2000 * seconds) as usize;
        let setup = Instant::now();
        create_courses(&client, &base, &caseworker, "inv", n).await;
        println!("(set-up: {n} courses created in {:.1} s)", setup.elapsed().as_secs_f64());
        let (c, b, t) = (client.clone(), base.clone(), finance.clone());
        let records = drive(connections, seconds, move |i| {
            let (c, b, t) = (c.clone(), b.clone(), t.clone());
            async move {
                let body = json!({
                    "supplier_cvr": "00000000", "invoice_number": format!("LOAD-{i}"), "contract": "lejre-jobparate",
                    "as_of": "2025-12-31",
                    "lines": [ { "line": 1, "course_id": format!("inv-{}", i as usize % n), "milestone": "job_start", "amount": "5000.00" } ] });
                c.post(format!("{b}/invoices")).bearer_auth(&t).json(&body).send().await.is_ok_and(|r| r.status() == 201)
            }
        })
        .await;
        report("recorded one-line invoices (flushed)", seconds, records);
        if only_writes {
            return;
        }

        // 3. A 10,000-line invoice.
        let setup = Instant::now();
        create_courses(&client, &base, &caseworker, "big", 10_000).await;
        println!("(set-up: 10000 courses created in {:.1} s)", setup.elapsed().as_secs_f64());
        let lines: Vec<Value> = (0..10_000)
            .map(|i| json!({ "line": i + 1, "course_id": format!("big-{i}"), "milestone": "job_start", "amount": "5000.00" }))
            .collect();
        let body = json!({ "supplier_cvr": "00000000", "invoice_number": "BIG-1", "contract": "lejre-jobparate", "as_of": "2025-12-31", "lines": lines });
        let mut server_ms = Vec::new();
        let mut total_ms = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            let res = client.post(format!("{base}/invoices/verify")).bearer_auth(&finance).json(&body).send().await.unwrap();
            let timing = res.headers().get("server-timing").and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
            let v: Value = res.json().await.unwrap();
            total_ms.push(t.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(v["approved_lines"], 10_000, "{}", &v.to_string()[..200.min(v.to_string().len())]);
            let ms: f64 = timing.trim_start_matches("app;dur=").parse().unwrap_or(f64::NAN);
            server_ms.push(ms);
        }
        server_ms.sort_by(|a, b| a.total_cmp(b));
        total_ms.sort_by(|a, b| a.total_cmp(b));
        println!(
            "10,000-line invoice verified: server time median {:.1} ms (min {:.1}, max {:.1}); round trip median {:.1} ms",
            server_ms[2], server_ms[0], server_ms[4], total_ms[2]
        );
        // The server's memory after all of it (Linux): peak and current RSS.
        let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap_or_default();
        let field = |name: &str| status.lines().find(|l| l.starts_with(name)).unwrap_or("").split_whitespace().nth(1).unwrap_or("?").to_string();
        println!("server memory: peak RSS {} kB, RSS now {} kB", field("VmHWM:"), field("VmRSS:"));
    });
}
