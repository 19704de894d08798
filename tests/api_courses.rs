//! Referrals, events and evaluations over real HTTP: CPR numbers become
//! pseudonyms and are never stored; events are append-only and checked as a
//! whole; oversized or malformed input changes nothing.

mod support;

use std::time::Duration;

use nocure::service::Limits;
use serde_json::{Value, json};
use support::app::{Options, TestApp, referral, spawn_app};

const CPR: &str = "010170-1234";
const CPR_DIGITS: &str = "0101701234";

fn with_cpr(id: &str, cpr: &str) -> Value {
    let mut body = referral(id, "unused");
    body.as_object_mut().unwrap().remove("citizen");
    body["cpr"] = json!(cpr);
    body
}

/// Every byte in the store, as text.
fn store_text(app: &TestApp) -> String {
    let kv = app.svc.repo.kv();
    let mut text = String::new();
    for prefix in
        ["audit/", "citizen/", "contract/", "course/", "invoice/", "meta/", "paid/", "payment/", "reversal/", "token/"]
    {
        for (k, v) in kv.scan(prefix, None, usize::MAX).unwrap() {
            text.push_str(&k);
            text.push_str(&String::from_utf8_lossy(&v));
        }
    }
    text
}

fn audit_len(app: &TestApp) -> usize {
    app.svc.repo.audit_page(0, 100_000).unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cpr_number_becomes_a_pseudonym_and_is_never_stored_or_returned() {
    let app = spawn_app(Options::default()).await;
    let (s, first) = app.post("/courses", Some("caseworker"), &with_cpr("c-1", CPR)).await;
    assert_eq!(s, 201, "{first}");
    let pseudonym = first["citizen"].as_str().unwrap().to_string();
    assert!(pseudonym.starts_with("p-") && pseudonym.len() == 34, "{pseudonym}");
    assert_eq!(first["attributes"]["birth_date"], "1970-01-01", "derived from the CPR number");
    // Re-referral with the CPR without its dash: the same person.
    let (_, second) = app.post("/courses", Some("caseworker"), &with_cpr("c-2", CPR_DIGITS)).await;
    assert_eq!(second["citizen"], pseudonym.as_str());
    let (_, other) = app.post("/courses", Some("caseworker"), &with_cpr("c-3", "020170-1234")).await;
    assert_ne!(other["citizen"], pseudonym.as_str());

    for path in ["/courses/c-1", "/courses/c-1/evaluation?as_of=2025-12-31", "/courses"] {
        let (_, body) = app.get(path, Some("finance")).await;
        let text = body.to_string();
        assert!(!text.contains(CPR) && !text.contains(CPR_DIGITS), "{path}: {text}");
    }
    let stored = store_text(&app);
    assert!(stored.contains(&pseudonym));
    assert!(!stored.contains(CPR_DIGITS) && !stored.contains(CPR), "a CPR number reached the store");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_cpr_numbers_are_refused_without_echoing_them() {
    let app = spawn_app(Options::default()).await;
    for (cpr, why) in [("320170-1234", "real date"), ("0101701", "ten digits"), ("010170-12a4", "ten digits")] {
        let (s, doc) = app.post("/courses", Some("caseworker"), &with_cpr("c-1", cpr)).await;
        assert_eq!(s, 422, "{cpr}");
        let text = doc.to_string();
        assert!(text.contains(why), "{text}");
        assert!(!text.contains(&cpr[..6]), "the CPR number is echoed: {text}");
    }
    // A CPR number where a pseudonym, an id or free text belongs is refused too.
    let (s, _) = app.post("/courses", Some("caseworker"), &referral("c-1", CPR_DIGITS)).await;
    assert_eq!(s, 422);
    let (s, _) = app.post("/courses", Some("caseworker"), &referral(CPR_DIGITS, "p-1")).await;
    assert_eq!(s, 422);
    let mut body = referral("c-1", "p-1");
    body["events"] = json!([{ "type": "course_ended", "date": "2025-03-01", "outcome": "interrupted", "reason": "moved, see 010170-1234" }]);
    assert_eq!(app.post("/courses", Some("caseworker"), &body).await.0, 422);
    // Given both, or the birth date disagrees: refused.
    let mut both = with_cpr("c-1", CPR);
    both["citizen"] = json!("p-1");
    assert_eq!(app.post("/courses", Some("caseworker"), &both).await.0, 422);
    let mut wrong_birth = with_cpr("c-1", CPR);
    wrong_birth["attributes"]["birth_date"] = json!("1971-01-01");
    assert_eq!(app.post("/courses", Some("caseworker"), &wrong_birth).await.0, 422);
    assert!(!store_text(&app).contains("course/c-1"), "nothing stored");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_are_appended_checked_as_a_whole_and_corrected_by_retraction() {
    let app = spawn_app(Options::default()).await;
    app.post("/courses", Some("caseworker"), &referral("c-1", "p-1")).await;
    let (_, course) = app.get("/courses/c-1", Some("caseworker")).await;
    let ids: Vec<&str> = course["events"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["e1", "e2", "e3"], "events get ids for later retraction");

    // A job that ends before the course's job started: refused, nothing added.
    let before = audit_len(&app);
    let (s, doc) = app
        .post(
            "/courses/c-1/events",
            Some("caseworker"),
            &json!([
                { "type": "benefit_paid", "from": "2025-05-01", "to": "2025-05-31", "benefit": "dagpenge" },
                { "type": "job_ended", "date": "2025-03-01" }
            ]),
        )
        .await;
    assert_eq!(s, 422, "{doc}");
    assert_eq!(doc["errors"][0]["field"], "events[1].date", "{doc}");
    assert_eq!(app.get("/courses/c-1", Some("caseworker")).await.1["events"].as_array().unwrap().len(), 3);
    assert_eq!(audit_len(&app), before);

    // One event, then a retraction of it.
    let (s, added) = app
        .post("/courses/c-1/events", Some("caseworker"), &json!({ "type": "job_ended", "date": "2025-04-10" }))
        .await;
    assert_eq!(s, 201);
    assert_eq!(added["appended"][0]["seq"], 4);
    let (_, e) = app.get("/courses/c-1/evaluation?as_of=2025-12-31", Some("caseworker")).await;
    assert_eq!(e["milestones"][1]["status"], "forfeited");
    let (s, _) = app
        .post(
            "/courses/c-1/events",
            Some("caseworker"),
            &json!({ "events": [ { "type": "retraction", "retracts": "e4" } ] }),
        )
        .await;
    assert_eq!(s, 201);
    let (_, e) = app.get("/courses/c-1/evaluation?as_of=2025-12-31", Some("caseworker")).await;
    assert_eq!(e["milestones"][1]["status"], "achieved", "{e}");
    assert_eq!(e["milestones"][1]["date"], "2025-06-03");
    // Both stay in the record: append-only.
    assert_eq!(app.get("/courses/c-1", Some("caseworker")).await.1["events"].as_array().unwrap().len(), 5);
    // Retracting what does not exist, or twice: refused.
    assert_eq!(
        app.post("/courses/c-1/events", Some("caseworker"), &json!({ "type": "retraction", "retracts": "e9" })).await.0,
        422
    );
    assert_eq!(
        app.post("/courses/c-1/events", Some("caseworker"), &json!({ "type": "retraction", "retracts": "e4" })).await.0,
        422
    );
    assert_eq!(
        app.post("/courses/c-9/events", Some("caseworker"), &json!({ "type": "job_ended", "date": "2025-04-10" }))
            .await
            .0,
        404
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_referral_sent_twice_is_stored_once_and_a_different_one_conflicts() {
    let app = spawn_app(Options::default()).await;
    assert_eq!(app.post("/courses", Some("caseworker"), &referral("c-1", "p-1")).await.0, 201);
    assert_eq!(app.post("/courses", Some("caseworker"), &referral("c-1", "p-1")).await.0, 200);
    assert_eq!(app.post("/courses", Some("caseworker"), &referral("c-1", "p-2")).await.0, 409);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_evaluation_is_the_engines() {
    let app = spawn_app(Options::default()).await;
    // The engine issue's example course, sent as a referral.
    let body = json!({
        "course_id": "c-0001", "citizen": "p-3f9a", "contract": "lejre-jobparate", "target_group": "dagpenge",
        "referred_on": "2025-02-03",
        "attributes": { "birth_date": "1970-05-01", "a_kasse": "AAK", "unemployed_since": "2023-11-01" },
        "events": [
            { "type": "course_started", "date": "2025-02-10" },
            { "type": "job_started", "date": "2025-03-03", "job": "ordinary" },
            { "type": "benefit_paid", "from": "2025-04-01", "to": "2025-04-30", "benefit": "dagpenge" },
            { "type": "job_ended", "date": "2025-05-31" },
            { "type": "course_ended", "date": "2025-03-03", "outcome": "job" }
        ] });
    assert_eq!(app.post("/courses", Some("caseworker"), &body).await.0, 201);
    let (s, e) = app.get("/courses/c-0001/evaluation?as_of=2026-03-15", Some("supplier")).await;
    assert_eq!(s, 200);
    assert_eq!(e["as_of"], "2026-03-15");
    assert_eq!(e["earned"], "5000.00");
    assert_eq!(e["milestones"][1]["reason"], "benefit dagpenge received on 2025-04-01");
    assert_eq!(e["milestones"][2]["reason"], "chain broken on 2025-04-01; on_break = forfeit");
    assert!(e["trace"].as_array().unwrap().len() >= 6);
    // as_of must be a date, not after today.
    assert_eq!(app.get("/courses/c-0001/evaluation?as_of=2099-01-01", Some("supplier")).await.0, 422);
    assert_eq!(app.get("/courses/c-0001/evaluation?as_of=15-03-2026", Some("supplier")).await.0, 422);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn courses_page_by_id_and_filter_by_status() {
    let app = spawn_app(Options::default()).await;
    for i in 1..=7 {
        let mut r = referral(&format!("c-{i}"), &format!("p-{i}"));
        if i % 2 == 0 {
            r["events"] = json!([{ "type": "course_started", "date": "2025-02-10" }]);
        }
        app.post("/courses", Some("caseworker"), &r).await;
    }
    let (_, p1) = app.get("/courses?limit=3", Some("finance")).await;
    let ids = |p: &Value| {
        p["courses"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["course_id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&p1), ["c-1", "c-2", "c-3"]);
    let (_, p2) =
        app.get(&format!("/courses?limit=3&after={}", p1["next_after"].as_str().unwrap()), Some("finance")).await;
    assert_eq!(ids(&p2), ["c-4", "c-5", "c-6"]);
    let (_, ongoing) = app.get("/courses?status=ongoing&as_of=2025-12-31", Some("finance")).await;
    assert_eq!(ids(&ongoing), ["c-2", "c-4", "c-6"]);
    assert_eq!(app.get("/courses?limit=1001", Some("finance")).await.0, 422);
    assert_eq!(app.get("/courses?limit=0", Some("finance")).await.0, 422);
    assert_eq!(app.get("/courses?status=finished", Some("finance")).await.0, 422);
    assert_eq!(app.get("/courses?colour=red", Some("finance")).await.0, 400);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_or_malformed_input_gets_a_4xx_and_changes_nothing() {
    let limits =
        Limits { max_body_bytes: 64 * 1024, max_invoice_lines: 50, max_events_per_request: 20, ..Limits::default() };
    let app = spawn_app(Options { limits, ..Options::default() }).await;
    app.post("/courses", Some("caseworker"), &referral("c-1", "p-1")).await;
    let before = audit_len(&app);
    let post_raw = |path: &str, body: Vec<u8>, content_type: &str| {
        app.client
            .post(format!("{}{path}", app.base))
            .bearer_auth(app.token("caseworker"))
            .header("content-type", content_type.to_string())
            .body(body)
            .send()
    };
    let big = format!("{{\"course_id\": \"{}\"}}", "x".repeat(100 * 1024));
    let res = post_raw("/courses", big.into_bytes(), "application/json").await.unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let res = post_raw("/courses", b"{ not json".to_vec(), "application/json").await.unwrap();
    assert_eq!(res.status(), 400);
    let res = post_raw("/courses", b"{}".to_vec(), "text/plain").await.unwrap();
    assert_eq!(res.status(), 415);
    let (s, doc) = app.post("/courses", Some("caseworker"), &json!({ "course_id": "c-2", "colour": "red" })).await;
    assert_eq!(s, 422, "{doc}");
    assert!(doc["errors"][0]["message"].as_str().unwrap().contains("unknown field `colour`"));
    let many: Vec<Value> = (0..21).map(|_| json!({ "type": "job_ended", "date": "2025-04-10" })).collect();
    assert_eq!(app.post("/courses/c-1/events", Some("caseworker"), &json!(many)).await.0, 422);
    let lines: Vec<(&str, &str, &str)> = (0..51).map(|_| ("c-1", "job_start", "5000.00")).collect();
    let (s, doc) = app.post("/invoices/verify", Some("finance"), &support::app::invoice("BIG", &lines)).await;
    assert_eq!(s, 422);
    assert!(doc["errors"][0]["message"].as_str().unwrap().contains("at most 50 lines"), "{doc}");
    let (s, _) = app
        .post("/invoices", Some("finance"), &json!({ "supplier_cvr": "00000000", "lines": [ { "amount": 5000.5 } ] }))
        .await;
    assert_eq!(s, 422);
    assert_eq!(audit_len(&app), before, "nothing was written");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_request_times_out_with_a_problem_document() {
    let limits = Limits { request_timeout: Duration::from_millis(300), ..Limits::default() };
    let app = spawn_app(Options { limits, ..Options::default() }).await;
    // A body that never finishes arriving.
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
    tx.send(Ok(b"{\"course_id\":".to_vec())).await.unwrap();
    let stream = tokio_stream_from(rx);
    let res = app
        .client
        .post(format!("{}/courses", app.base))
        .bearer_auth(app.token("caseworker"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 408);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    drop(tx);
    app.stop().await;
}

fn tokio_stream_from(
    mut rx: tokio::sync::mpsc::Receiver<Result<Vec<u8>, std::io::Error>>,
) -> impl futures_core::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}
