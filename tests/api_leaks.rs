//! What one party must not learn about another, over real HTTP: a supplier
//! is told that a milestone is not payable to it (once per citizen), not
//! which course of another supplier earned it or when, nor whose invoice
//! paid it; suppliers do not see which staff member recorded an invoice;
//! page forms are refused before their body is read; unsupported methods
//! are 405 with `Allow`.

mod support;

use std::time::{Duration, Instant};

use reqwest::redirect::Policy;
use serde_json::{Value, json};
use support::app::{Options, TestApp, spawn_app};

/// The test contract `gap7` as `switch`, version 1 with supplier 11111111
/// (the `other-supplier` token), version 2 from 1 Jun 2025 with supplier
/// 00000000 (the `supplier` token). Once per citizen (the default).
fn switch(version: u32) -> String {
    let base = std::fs::read_to_string(support::root().join("tests/fixtures/contracts/gap7.toml")).unwrap();
    let text = base.replace("id = \"gap7\"", "id = \"switch\"");
    match version {
        1 => text,
        _ => text
            .replace("version = 1", "version = 2\nsupersedes = 1")
            .replace("effective_from = 2025-01-01", "effective_from = 2025-06-01")
            .replace("cvr = \"11111111\"", "cvr = \"00000000\""),
    }
}

fn course(id: &str, referred: &str, started: &str, job: &str) -> Value {
    json!({
        "course_id": id, "citizen": "p-dup", "contract": "switch", "target_group": "dagpenge",
        "referred_on": referred, "attributes": {},
        "events": [ { "type": "course_started", "date": started }, { "type": "job_started", "date": job } ]
    })
}

fn claim(cvr: &str, number: &str, course: &str) -> Value {
    json!({ "supplier_cvr": cvr, "invoice_number": number, "contract": "switch", "as_of": "2025-12-31",
            "lines": [ { "line": 1, "course_id": course, "milestone": "job_start", "amount": "5000.00" } ] })
}

/// Nothing that names supplier A's course, its date or A's invoice.
fn assert_says_nothing_of_a(text: &str, what: &str) {
    for secret in ["dup-a", "2025-03-10", "A-1", "11111111"] {
        assert!(!text.contains(secret), "{what} tells supplier B {secret:?}: {text}");
    }
}

async fn setup() -> TestApp {
    let app = spawn_app(Options::default()).await;
    for v in [1, 2] {
        let res =
            app.client.post(format!("{}/contracts", app.base)).bearer_auth(app.token("procurement")).body(switch(v));
        let res = res.send().await.unwrap();
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    }
    // Supplier A's course earns job start on 10 Mar 2025; the citizen is
    // referred again after the change of supplier and starts a job with B.
    let (s, doc) =
        app.post("/courses", Some("caseworker"), &course("dup-a", "2025-02-03", "2025-02-10", "2025-03-10")).await;
    assert_eq!(s, 201, "{doc}");
    let (s, doc) =
        app.post("/courses", Some("caseworker"), &course("dup-b", "2025-07-01", "2025-07-02", "2025-08-04")).await;
    assert_eq!(s, 201, "{doc}");
    app
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplier_learns_only_that_a_milestone_is_not_payable_to_it() {
    let app = setup().await;
    // Before A has invoiced: the engine forfeits B's job start (A earned it first).
    let (s, v) = app.post("/invoices/verify", Some("supplier"), &claim("00000000", "B-0", "dup-b")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["lines"][0]["code"], "once_per_citizen", "{v}");
    assert!(v["lines"][0]["message"].as_str().unwrap().contains("not payable"), "{v}");
    assert_says_nothing_of_a(&v.to_string(), "verification");
    let (_, e) = app.get("/courses/dup-b/evaluation?as_of=2025-12-31", Some("supplier")).await;
    assert_eq!(e["milestones"][0]["status"], "forfeited", "{e}");
    assert_says_nothing_of_a(&e.to_string(), "evaluation");
    // Finance sees the full reason.
    let (_, v) = app.post("/invoices/verify", Some("finance"), &claim("00000000", "B-0", "dup-b")).await;
    assert_eq!(v["lines"][0]["code"], "not_achieved", "{v}");
    let m = v["lines"][0]["message"].as_str().unwrap();
    assert!(m.contains("dup-a") && m.contains("2025-03-10"), "{v}");
    let (_, e) = app.get("/courses/dup-b/evaluation?as_of=2025-12-31", Some("finance")).await;
    assert!(e.to_string().contains("dup-a"), "{e}");
    // Recorded by finance while A's course had earned it: B reads its
    // recorded invoice without A's course.
    let (s, v) = app.post("/invoices", Some("finance"), &claim("00000000", "B-0", "dup-b")).await;
    assert_eq!((s, v["lines"][0]["code"].as_str()), (201, Some("not_achieved")), "{v}");
    let (_, r) = app.get("/invoices/00000000/B-0", Some("supplier")).await;
    assert_eq!(r["result"]["lines"][0]["code"], "once_per_citizen", "{r}");
    assert_says_nothing_of_a(&r.to_string(), "the invoice recorded before A was paid");

    // A invoices and is paid; B claims again.
    let (s, v) = app.post("/invoices", Some("finance"), &claim("11111111", "A-1", "dup-a")).await;
    assert_eq!((s, v["approved_lines"].as_u64()), (201, Some(1)), "{v}");
    let (_, v) = app.post("/invoices/verify", Some("supplier"), &claim("00000000", "B-1", "dup-b")).await;
    assert_eq!(v["lines"][0]["code"], "once_per_citizen", "{v}");
    assert_says_nothing_of_a(&v.to_string(), "verification after A was paid");
    let (_, v) = app.post("/invoices", Some("finance"), &claim("00000000", "B-1", "dup-b")).await;
    assert_eq!(v["lines"][0]["code"], "already_paid", "{v}");
    assert_eq!(v["lines"][0]["payment"]["course_id"], "dup-a", "finance sees which payment: {v}");
    // The recorded invoice: B reads it without A's course or invoice.
    let (s, r) = app.get("/invoices/00000000/B-1", Some("supplier")).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["result"]["lines"][0]["code"], "once_per_citizen", "{r}");
    assert_says_nothing_of_a(&r.to_string(), "the recorded invoice");
    let (_, r) = app.get("/invoices/00000000/B-1", Some("finance")).await;
    assert_eq!(r["result"]["lines"][0]["payment"]["invoice_number"], "A-1", "{r}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplier_is_not_shown_another_course_even_its_own() {
    // The same citizen referred twice to the same supplier (Lejre, 00000000):
    // the first course's job start is paid; the second's claim names no course.
    let app = spawn_app(Options::default()).await;
    let (s, _) = app.post("/courses", Some("caseworker"), &support::app::referral("k-1", "p-k")).await;
    assert_eq!(s, 201);
    let mut again = support::app::referral("k-2", "p-k");
    again["referred_on"] = json!("2025-08-04");
    again["events"] =
        json!([{ "type": "course_started", "date": "2025-08-11" }, { "type": "job_started", "date": "2025-09-01" }]);
    assert_eq!(app.post("/courses", Some("caseworker"), &again).await.0, 201);
    let paid = support::app::invoice("P-1", &[("k-1", "job_start", "5000.00")]);
    assert_eq!(app.post("/invoices", Some("finance"), &paid).await.0, 201);
    let claim = support::app::invoice("P-2", &[("k-2", "job_start", "5000.00")]);
    let (_, v) = app.post("/invoices/verify", Some("supplier"), &claim).await;
    assert_eq!(v["lines"][0]["code"], "once_per_citizen", "{v}");
    assert!(!v.to_string().contains("k-1") && !v.to_string().contains("P-1"), "{v}");
    let (_, v) = app.post("/invoices/verify", Some("finance"), &claim).await;
    assert_eq!(v["lines"][0]["payment"]["course_id"], "k-1", "{v}");
    // Its own claim on the same course again: the payment is its own to see.
    let (_, v) = app.post("/invoices/verify", Some("supplier"), &paid).await;
    assert_eq!(v["lines"][0]["code"], "already_paid", "{v}");
    assert_eq!(v["lines"][0]["payment"]["invoice_number"], "P-1", "{v}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suppliers_do_not_see_who_recorded_an_invoice() {
    let app = setup().await;
    let (s, _) = app.post("/invoices", Some("finance"), &claim("11111111", "A-1", "dup-a")).await;
    assert_eq!(s, 201);
    let (s, r) = app.get("/invoices/11111111/A-1", Some("other-supplier")).await;
    assert_eq!(s, 200, "{r}");
    assert!(r.get("recorded_by").is_none(), "{r}");
    assert!(!r.to_string().contains("test-finance"), "the staff token's name: {r}");
    let (_, r) = app.get("/invoices/11111111/A-1", Some("finance")).await;
    assert_eq!(r["recorded_by"], "test-finance", "{r}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_forms_check_the_sign_in_before_reading_the_body() {
    let app = spawn_app(Options::default()).await;
    let client = reqwest::Client::builder().redirect(Policy::none()).build().unwrap();
    for (path, page) in
        [("/finance/invoice", "/finance"), ("/finance/record", "/finance"), ("/procurement/check", "/procurement")]
    {
        // Not signed in, and a body the form would refuse: sent to sign in.
        let res = client
            .post(format!("{}{path}", app.base))
            .header("content-type", "text/plain")
            .body("not a form")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{path}");
        assert_eq!(res.headers()["location"], format!("/login?next={page}"), "{path}");
        // Signed in with a role the page is not for: 403 before the body.
        let res = client
            .post(format!("{}{path}", app.base))
            .header("cookie", format!("nocure_token={}", app.token("committee")))
            .header("content-type", "text/plain")
            .body("not a form")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{path}");
        // A body that never finishes: answered at once, not after the timeout.
        let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(1);
        tx.send(Ok(b"invoice=".to_vec())).await.unwrap();
        let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|x| (x, rx)) });
        let started = Instant::now();
        let res = client
            .post(format!("{}{path}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(reqwest::Body::wrap_stream(stream))
            .timeout(Duration::from_secs(10))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303, "{path}");
        assert!(started.elapsed() < Duration::from_secs(5), "{path} waited for the body: {:?}", started.elapsed());
        drop(tx);
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsupported_methods_are_405_with_allow() {
    let app = spawn_app(Options::default()).await;
    for (method, path, allow) in [
        ("TRACE", "/health", "GET"),
        ("DELETE", "/courses", "GET,POST"),
        ("PUT", "/invoices/verify", "POST"),
        ("PATCH", "/courses/c-1", "GET"),
        ("OPTIONS", "/payments/1/reversal", "POST"),
        ("TRACE", "/finance", "GET"),
        ("DELETE", "/login", "GET,POST"),
    ] {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let res = app.client.request(m, format!("{}{path}", app.base)).bearer_auth(app.token("finance")).send().await;
        let res = res.unwrap();
        assert_eq!(res.status(), 405, "{method} {path}");
        let got = res.headers().get("allow").map(|v| v.to_str().unwrap().replace(' ', "")).unwrap_or_default();
        let mut got: Vec<&str> = got.split(',').filter(|m| *m != "HEAD").collect();
        got.sort_unstable();
        assert_eq!(got.join(","), allow, "{method} {path}");
    }
    app.stop().await;
}
