//! The server binary as an operator runs it: in a working directory with a
//! `store` data directory and a `contracts` folder, started with `serve`,
//! stopped with SIGTERM (or killed), its stderr kept for what it told the
//! operator.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};

use serde_json::Value;

pub const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

/// `nocure` in `dir`, with a fixed pseudonym key.
pub fn nocure(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nocure"));
    c.env("NOCURE_PSEUDONYM_KEY", KEY).env("RUST_LOG", "info,sled=warn").current_dir(dir);
    c
}

/// A working directory with the contract files in `contracts/` and a new
/// store in `store/` (only `serve` creates one: started once and stopped;
/// it stores the 3 contract files, audit entries 1 to 3).
pub fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    super::app::contracts_dir(&dir.path().join("contracts"));
    let (status, err) = start(dir.path(), &[]).serving().stop();
    assert!(status.success(), "{err}");
    dir
}

/// Creates a token with the CLI (the server must be stopped).
pub fn token(dir: &Path, role: &str) -> String {
    let out = nocure(dir)
        .args(["token", "create", "--role", role, "--name", &format!("bin-{role}"), "--data", "store"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A running server; killed when dropped, so that a failing test leaves
/// none behind.
pub struct Running {
    pub child: Child,
    pub base: String,
    stderr: Arc<Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Running {
    /// SIGTERM, then waits; returns the exit status and everything the
    /// server wrote to stderr.
    pub fn stop(mut self) -> (ExitStatus, String) {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(killed.success());
        let status = self.child.wait().unwrap();
        // The stderr reader ends with the process.
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        let text = self.stderr.lock().unwrap().clone();
        (status, text)
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Whether the server has written `needle` to stderr, waiting up to 10 s
    /// for it (stderr is read by another thread, so it may lag stdout).
    pub fn said(&self, needle: &str) -> bool {
        for _ in 0..200 {
            if self.stderr().contains(needle) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        false
    }
}

/// What a start came to.
pub enum Start {
    Serving(Running),
    /// The server did not start: its exit status and stderr.
    Refused(ExitStatus, String),
}

impl Start {
    pub fn serving(self) -> Running {
        match self {
            Start::Serving(r) => r,
            Start::Refused(status, err) => panic!("the server did not start ({status}): {err}"),
        }
    }
}

/// `nocure serve --data store --contracts contracts` plus `extra`.
pub fn start(dir: &Path, extra: &[&str]) -> Start {
    let mut child = nocure(dir)
        .args(["serve", "--data", "store", "--contracts", "contracts", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut pipe = child.stderr.take().unwrap();
    let sink = stderr.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = pipe.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    loop {
        let Some(Ok(line)) = lines.next() else {
            let status = child.wait().unwrap();
            reader.join().unwrap();
            let text = stderr.lock().unwrap().clone();
            return Start::Refused(status, text);
        };
        if let Some(rest) = line.strip_prefix("listening on ") {
            let base = rest.split_whitespace().next().unwrap().to_string();
            // Keep draining stdout so that the server never blocks on it.
            std::thread::spawn(move || for _ in lines {});
            return Start::Serving(Running { child, base, stderr, reader: Some(reader) });
        }
    }
}

/// A blocking HTTP client for the binary tests.
pub struct Client {
    http: reqwest::Client,
    rt: tokio::runtime::Runtime,
}

impl Default for Client {
    fn default() -> Client {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        Client { http: reqwest::Client::new(), rt }
    }
}

impl Client {
    pub fn get(&self, base: &str, path: &str, token: &str) -> (u16, Value) {
        self.rt.block_on(async {
            let res = self.http.get(format!("{base}{path}")).bearer_auth(token).send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json().await.unwrap_or(Value::Null))
        })
    }

    pub fn post(&self, base: &str, path: &str, token: &str, body: &Value) -> (u16, Value) {
        self.rt.block_on(async {
            let res = self.http.post(format!("{base}{path}")).bearer_auth(token).json(body).send().await.unwrap();
            let status = res.status().as_u16();
            (status, res.json().await.unwrap_or(Value::Null))
        })
    }
}

/// Records `n` referrals (`s-1` …) and one invoice each, paying each
/// course's job start (5,000.00 kr. in Lejre's contract): `n` payments.
pub fn record_payments(c: &Client, base: &str, caseworker: &str, finance: &str, from: usize, n: usize) {
    for i in from..from + n {
        let id = format!("s-{i}");
        let (s, b) = c.post(base, "/courses", caseworker, &super::app::referral(&id, &format!("p-s{i}")));
        assert_eq!(s, 201, "{b}");
        let body = super::app::invoice(&format!("S-{i}"), &[(&id, "job_start", "5000.00")]);
        let (s, b) = c.post(base, "/invoices", finance, &body);
        assert_eq!(s, 201, "{b}");
        assert_eq!(b["payments"].as_array().map(Vec::len), Some(1), "{b}");
    }
}

/// The payments the server serves, and their net total.
pub fn payments(c: &Client, base: &str, finance: &str) -> (usize, String) {
    let (s, b) = c.get(base, "/payments", finance);
    assert_eq!(s, 200, "{b}");
    (b["payments"].as_array().unwrap().len(), b["net"].as_str().unwrap().to_string())
}

/// Copies a directory tree (a stopped server's data directory).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
