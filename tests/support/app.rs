//! The whole service over real HTTP: a server on a loopback port with a
//! fresh data directory, started from the library.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use nocure::cpr::PseudonymKey;
use nocure::server::{prepare, serve};
use nocure::service::tokens::Role;
use nocure::service::{Limits, Service};
use nocure::settings::{KeySource, Settings};
use nocure::store::audit::Actor;
use serde_json::Value;
use tempfile::TempDir;
use tokio::sync::oneshot;

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub svc: Arc<Service>,
    /// Tokens by name: the five roles, and `other-supplier` (CVR 11111111,
    /// the supplier of the `gap7` test contract).
    pub tokens: HashMap<&'static str, String>,
    pub data: TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

#[derive(Default)]
pub struct Options {
    pub demo: bool,
    pub limits: Limits,
    /// Also the demo's other options: a second supplier and the own team
    /// (`contracts/lejre-jobvejen.toml`, `contracts/lejre-egen-indsats.toml`).
    pub options: bool,
}

pub fn test_key() -> PseudonymKey {
    PseudonymKey::new(b"a test key of thirty-two bytes!!".to_vec()).unwrap()
}

/// A contracts folder with Lejre's two versions, a contract of another
/// supplier (`gap7`, CVR 11111111) and Lejre's Ungeløftet grant.
pub fn contracts_dir(into: &Path) {
    let root = super::root();
    std::fs::create_dir_all(into).unwrap();
    for f in [
        "contracts/lejre-jobparate-v1.toml",
        "contracts/lejre-jobparate-v2.toml",
        "tests/fixtures/contracts/gap7.toml",
        "contracts/lejre-ungeloeftet-v1.toml",
    ] {
        let name = Path::new(f).file_name().unwrap();
        std::fs::copy(root.join(f), into.join(name)).unwrap();
    }
}

pub fn settings(data: &Path, demo: bool, limits: Limits) -> Settings {
    let contracts = data.join("contracts-in");
    contracts_dir(&contracts);
    Settings {
        data_dir: data.join("store"),
        contracts_dir: Some(contracts),
        listen: ([127, 0, 0, 1], 0).into(),
        demo,
        key: KeySource::Key(test_key()),
        limits,
        expect_anchor: None,
        accept_store_at: None,
        disclosure: Default::default(),
    }
}

pub async fn spawn_app(opts: Options) -> TestApp {
    let data = tempfile::tempdir().unwrap();
    spawn_in(data, opts).await
}

pub async fn spawn_in(data: TempDir, opts: Options) -> TestApp {
    let s = settings(data.path(), opts.demo, opts.limits);
    if opts.options {
        let into = s.contracts_dir.as_ref().expect("a contracts folder");
        for f in ["lejre-jobvejen.toml", "lejre-egen-indsats.toml"] {
            std::fs::copy(super::root().join("contracts").join(f), into.join(f)).unwrap();
        }
    }
    let prepared = prepare(&s).await.unwrap_or_else(|e| panic!("start: {e}"));
    let svc = prepared.service;
    let mut tokens = HashMap::new();
    let admin = Actor::system("test");
    for role in Role::ALL {
        let supplier = (role == Role::Supplier).then_some("00000000");
        let (t, _) = svc.create_token(role, supplier, &format!("test-{role}"), &admin).await.unwrap();
        tokens.insert(role.as_str(), t);
    }
    let (t, _) = svc.create_token(Role::Supplier, Some("11111111"), "other-supplier", &admin).await.unwrap();
    tokens.insert("other-supplier", t);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = oneshot::channel::<()>();
    let server_svc = svc.clone();
    let task = tokio::spawn(async move {
        serve(listener, server_svc, async {
            let _ = stopped.await;
        })
        .await
        .unwrap();
    });
    TestApp { base, client: reqwest::Client::new(), svc, tokens, data, stop: Some(stop), task: Some(task) }
}

impl TestApp {
    pub fn token(&self, who: &str) -> &str {
        &self.tokens[who]
    }

    pub async fn get(&self, path: &str, who: Option<&str>) -> (u16, Value) {
        let mut r = self.client.get(format!("{}{path}", self.base));
        if let Some(w) = who {
            r = r.bearer_auth(self.token(w));
        }
        let res = r.send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, path: &str, who: Option<&str>, body: &Value) -> (u16, Value) {
        let mut r = self.client.post(format!("{}{path}", self.base)).json(body);
        if let Some(w) = who {
            r = r.bearer_auth(self.token(w));
        }
        let res = r.send().await.unwrap();
        let status = res.status().as_u16();
        (status, res.json().await.unwrap_or(Value::Null))
    }

    /// Stops the server and waits for it to finish.
    pub async fn stop(mut self) -> TempDir {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            let _ = t.await;
        }
        self.svc.repo.close().await;
        drop(self.svc);
        self.data
    }
}

/// A referral of a Lejre dagpenge citizen, with a job from 3 Mar 2025.
pub fn referral(id: &str, citizen: &str) -> Value {
    serde_json::json!({
        "course_id": id, "citizen": citizen, "contract": "lejre-jobparate", "target_group": "dagpenge",
        "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK" },
        "events": [
            { "type": "course_started", "date": "2025-02-10" },
            { "type": "job_started", "date": "2025-03-03" },
            { "type": "course_ended", "date": "2025-03-03", "outcome": "job" }
        ]
    })
}

pub fn invoice(number: &str, lines: &[(&str, &str, &str)]) -> Value {
    let lines: Vec<Value> = lines
        .iter()
        .enumerate()
        .map(|(i, (course, milestone, amount))| {
            serde_json::json!({ "line": i + 1, "course_id": course, "milestone": milestone, "amount": amount })
        })
        .collect();
    serde_json::json!({
        "supplier_cvr": "00000000", "invoice_number": number, "contract": "lejre-jobparate",
        "as_of": "2025-12-31", "lines": lines
    })
}
