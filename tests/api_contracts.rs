//! Contract versions: handlers tested through `Router::oneshot` on the
//! in-memory store, and the start refusing a changed contract file.

mod support;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use nocure::service::tokens::Role;
use nocure::service::{ContractFormat, Limits, Service};
use nocure::store::Repo;
use nocure::store::audit::Actor;
use nocure::store::kv::MemoryKv;
use serde_json::Value;
use tower::ServiceExt;

const V2: &str = include_str!("../contracts/lejre-jobparate-v2.toml");
const V1: &str = include_str!("../contracts/lejre-jobparate-v1.toml");

async fn service() -> (Arc<Service>, String, String) {
    let repo = Repo::new(Arc::new(MemoryKv::default()));
    let svc = Arc::new(Service::open(repo, support::app::test_key(), Limits::default()).unwrap());
    let system = Actor::system("test");
    svc.add_contract(V1, ContractFormat::Toml, "v1", &system).await.unwrap();
    let (procurement, _) = svc.create_token(Role::Procurement, None, "p", &system).await.unwrap();
    let (committee, _) = svc.create_token(Role::Committee, None, "k", &system).await.unwrap();
    (svc, procurement, committee)
}

async fn send(svc: &Arc<Service>, req: Request<Body>) -> (StatusCode, Value) {
    let res = nocure::api::router(svc.clone()).oneshot(req).await.unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap();
    (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn post_toml(token: &str, text: &str) -> Request<Body> {
    Request::post("/contracts")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/toml")
        .body(Body::from(text.to_string()))
        .unwrap()
}

#[tokio::test]
async fn procurement_adds_a_version_once_and_a_change_needs_a_new_version() {
    let (svc, procurement, committee) = service().await;
    let (s, body) = send(&svc, post_toml(&procurement, V2)).await;
    assert_eq!(s, StatusCode::CREATED, "{body}");
    assert_eq!(body["contract"]["version"], 2);
    assert_eq!(body["contract"]["referrals"]["until"], "2026-12-31");
    let (s, body) = send(&svc, post_toml(&procurement, V2)).await;
    assert_eq!((s, body["added"].as_bool()), (StatusCode::OK, Some(false)), "the same version again is a no-op");
    let changed = V2.replace("amount = \"5000.00\"", "amount = \"6000.00\"");
    let (s, body) = send(&svc, post_toml(&procurement, &changed)).await;
    assert_eq!(s, StatusCode::CONFLICT, "{body}");
    assert!(body["detail"].as_str().unwrap().contains("a change is a new version"));
    // Committee may read, not write.
    assert_eq!(send(&svc, post_toml(&committee, &changed)).await.0, StatusCode::FORBIDDEN);
    let read = Request::get("/contracts/lejre-jobparate")
        .header("authorization", format!("Bearer {committee}"))
        .body(Body::empty())
        .unwrap();
    let (s, body) = send(&svc, read).await;
    assert_eq!(s, StatusCode::OK);
    let versions = body["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert!(versions[0]["source"]["text"].as_str().unwrap().contains("Indsats ApS"));
}

#[tokio::test]
async fn an_invalid_contract_gets_every_problem_with_its_line() {
    let (svc, procurement, _) = service().await;
    let bad = std::fs::read_to_string(support::root().join("tests/fixtures/bad-contracts/milestones.toml")).unwrap();
    let (s, body) = send(&svc, post_toml(&procurement, &bad)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(
        fields,
        [
            "milestones[0].amount (line 21)",
            "milestones[1].amount (line 26)",
            "milestones[2].amount (line 31)",
            "milestones[2].id (line 29)",
            "milestones[2].after_months (line 30)",
        ]
    );
    // Same effective_from as version 1: refused as a cross-version problem.
    let clash = V2.replace("effective_from = 2025-12-03", "effective_from = 2024-12-04");
    let (s, body) = send(&svc, post_toml(&procurement, &clash)).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("the same day as version 1"));
    // JSON works with the same rules.
    let json = serde_json::json!({ "id": "x", "version": 1 });
    let req = Request::post("/contracts")
        .header("authorization", format!("Bearer {procurement}"))
        .header("content-type", "application/json")
        .body(Body::from(json.to_string()))
        .unwrap();
    let (s, body) = send(&svc, req).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["errors"].as_array().unwrap().len() >= 6, "{body}");
}

#[tokio::test]
async fn health_is_public_and_everything_else_needs_a_token() {
    let (svc, _, _) = service().await;
    assert_eq!(send(&svc, Request::get("/health").body(Body::empty()).unwrap()).await.0, StatusCode::OK);
    assert_eq!(send(&svc, Request::get("/contracts").body(Body::empty()).unwrap()).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contract_file_changed_under_the_same_version_stops_the_start() {
    let app = support::app::spawn_app(Default::default()).await;
    let data = app.stop().await;
    let file = data.path().join("contracts-in/lejre-jobparate-v1.toml");
    let text = std::fs::read_to_string(&file).unwrap().replace("amount = \"5000.00\"", "amount = \"6000.00\"");
    // `settings` copies the shipped files in again; change the copy after.
    let s = support::app::settings(data.path(), false, Default::default());
    std::fs::write(&file, &text).unwrap();
    let err = nocure::server::prepare(&s).await.err().expect("must not start");
    let msg = err.to_string();
    assert!(msg.contains("lejre-jobparate-v1.toml") && msg.contains("a change is a new version"), "{msg}");
    // A comment-only change is the same contract: the start goes on.
    let s = support::app::settings(data.path(), false, Default::default());
    let commented = format!("# reviewed again\n{}", std::fs::read_to_string(&file).unwrap());
    std::fs::write(&file, commented).unwrap();
    let p = nocure::server::prepare(&s).await.unwrap_or_else(|e| panic!("{e}"));
    p.service.repo.close().await;
}

/// Comments do not count: a stored version whose file gains a comment (a
/// `# CHOSEN:` note) keeps its meaning and takes the new text, audited; a
/// change of what it says is refused, naming the part that differs.
#[tokio::test]
async fn a_comment_only_change_updates_the_stored_text_and_a_change_of_terms_is_refused() {
    let (svc, _, _) = service().await;
    let system = Actor::system("test");
    let commented = V1.replace("max_gap_days = 14", "# CHOSEN: a new note.\nmax_gap_days = 14");
    let (added, _) = svc.add_contract(&commented, ContractFormat::Toml, "v1", &system).await.unwrap();
    assert_eq!(added, nocure::service::Added::Annotated);
    let (added, _) = svc.add_contract(&commented, ContractFormat::Toml, "v1", &system).await.unwrap();
    assert_eq!(added, nocure::service::Added::Unchanged);
    let rec: nocure::store::records::ContractRecord =
        nocure::store::Read::get(&svc.repo, &nocure::store::keys::contract("lejre-jobparate", 1)).unwrap().unwrap();
    assert!(rec.source.contains("# CHOSEN: a new note."));
    let promised_more = V1.replace("any_job_pct = 90", "any_job_pct = 95");
    let err = svc.add_contract(&promised_more, ContractFormat::Toml, "v1", &system).await.unwrap_err();
    assert!(err.to_string().contains("differs in promises"), "{err}");
}
