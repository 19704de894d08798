//! Access over real HTTP: the whole role × route matrix, and suppliers
//! seeing only their own.

mod support;

use nocure::api::access::policy;
use serde_json::{Value, json};
use support::app::{Options, TestApp, invoice, referral, spawn_app};

const WHO: [&str; 5] = ["procurement", "caseworker", "finance", "committee", "supplier"];

/// The role table, written out by hand (not read from the policy):
/// procurement reads and adds contracts; caseworkers create referrals, add
/// events, read courses and evaluations; finance verifies and records
/// invoices, reads courses, payments and the audit log, records reversals;
/// committees read aggregated figures only (not the budget's per-group
/// figures, which are not under small-cell protection); suppliers read their own
/// courses and evaluations and verify (not record) their own invoices.
/// Reading contracts (not personal data) is open to every role. The
/// committee figures are aggregates: committees, finance and procurement.
const EXPECTED: &[(&str, &str, &[&str])] = &[
    ("GET", "/health", &[]),
    ("GET", "/openapi.json", &[]),
    ("GET", "/contracts", &["procurement", "caseworker", "finance", "committee", "supplier"]),
    ("POST", "/contracts", &["procurement"]),
    ("GET", "/contracts/{id}", &["procurement", "caseworker", "finance", "committee", "supplier"]),
    ("POST", "/courses", &["caseworker"]),
    ("GET", "/courses", &["caseworker", "finance", "supplier"]),
    ("GET", "/courses/{id}", &["caseworker", "finance", "supplier"]),
    ("POST", "/courses/{id}/events", &["caseworker"]),
    ("GET", "/courses/{id}/evaluation", &["caseworker", "finance", "supplier"]),
    ("POST", "/invoices/verify", &["finance", "supplier"]),
    ("POST", "/invoices", &["finance"]),
    ("GET", "/invoices/{cvr}/{number}", &["finance", "supplier"]),
    ("GET", "/payments", &["finance"]),
    ("GET", "/payments/at-risk", &["finance"]),
    ("POST", "/payments/{id}/reversal", &["finance"]),
    ("GET", "/audit", &["finance"]),
    ("GET", "/audit/verify", &["finance"]),
    ("GET", "/audit/anchor", &["finance"]),
    ("GET", "/reports/portfolio", &["committee", "finance", "procurement"]),
    ("POST", "/reports/scenario", &["committee", "finance", "procurement"]),
    ("POST", "/reports/check", &["committee", "finance", "procurement"]),
    // Grant pools: the figures are aggregates (committee, finance,
    // procurement); participants are personal data recorded by caseworkers.
    ("GET", "/grants", &["committee", "finance", "procurement"]),
    ("GET", "/grants/{id}/report", &["committee", "finance", "procurement"]),
    ("POST", "/grants/{id}/participants", &["caseworker"]),
    ("GET", "/reports/compare", &["committee", "finance", "procurement"]),
    ("GET", "/reports/budget", &["finance", "procurement"]),
    // Register extracts are personal data read by finance to check claims.
    ("POST", "/registers/income", &["finance"]),
    ("POST", "/registers/benefits", &["finance"]),
    ("GET", "/courses/{id}/registers", &["finance"]),
    ("POST", "/audit/samples", &["finance"]),
    ("GET", "/audit/samples/{id}", &["finance"]),
    ("POST", "/audit/samples/{id}/checks", &["finance"]),
    ("GET", "/audit/samples/{id}/result", &["finance"]),
];

/// A course under Lejre (supplier 00000000) and one under `gap7`
/// (supplier 11111111), and a recorded invoice with one payment.
async fn setup(app: &TestApp) -> u64 {
    let (s, _) = app.post("/courses", Some("caseworker"), &referral("m-own", "p-own")).await;
    assert_eq!(s, 201);
    let mut other = referral("m-other", "p-other");
    other["contract"] = json!("gap7");
    other["attributes"] = json!({});
    let (s, body) = app.post("/courses", Some("caseworker"), &other).await;
    assert_eq!(s, 201, "{body}");
    let (s, body) =
        app.post("/invoices", Some("finance"), &invoice("INV-1", &[("m-own", "job_start", "5000.00")])).await;
    assert_eq!(s, 201, "{body}");
    body["payments"][0].as_u64().unwrap()
}

fn concrete(path: &str, payment: u64) -> String {
    path.replace("{id}/reversal", &format!("{payment}/reversal"))
        .replace("/contracts/{id}", "/contracts/lejre-jobparate")
        .replace("/grants/{id}", "/grants/lejre-ungeloeftet")
        .replace("{id}", "m-own")
        .replace("{cvr}/{number}", "00000000/INV-1")
}

fn body_for(path: &str) -> Value {
    match path {
        "/contracts" => json!({ "not": "a contract" }),
        "/courses" => referral("m-new", "p-new"),
        "/courses/{id}/events" => json!({ "type": "job_ended", "date": "2025-12-31" }),
        "/invoices/verify" | "/invoices" => invoice("INV-2", &[("m-own", "job_start", "5000.00")]),
        "/payments/{id}/reversal" => json!({ "reason": "test of access" }),
        "/reports/scenario" => json!({ "contract": "lejre-jobparate", "as_of": "2025-12-31" }),
        _ => json!({}),
    }
}

async fn call(app: &TestApp, method: &str, path: &str, token: Option<&str>, body: &Value) -> u16 {
    let url = format!("{}{path}", app.base);
    let mut r = match method {
        "GET" => app.client.get(url),
        _ => app.client.post(url).json(body),
    };
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    r.send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_on_every_route_gets_what_the_policy_says() {
    let app = spawn_app(Options::default()).await;
    let payment = setup(&app).await;
    let mut failures = Vec::new();
    let routes: Vec<(String, String)> = policy().iter().map(|r| (r.method.to_string(), r.path.to_string())).collect();
    for (method, path) in &routes {
        if !EXPECTED.iter().any(|(m, p, _)| m == method && p == path) {
            failures.push(format!("{method} {path} is served but not in the expected table"));
        }
    }
    for (method, template, allowed_roles) in EXPECTED {
        if !routes.iter().any(|(m, p)| m == method && p == template) {
            failures.push(format!("{method} {template} is expected but not served"));
        }
        let path = concrete(template, payment);
        let body = body_for(template);
        let public = allowed_roles.is_empty();
        for (label, token) in [
            ("no token", None),
            ("a wrong token", Some("nc_0000000000000000000000000000000000000000000000000000000000000000")),
        ] {
            let got = call(&app, method, &path, token, &body).await;
            let ok = if public { got == 200 } else { got == 401 };
            if !ok {
                failures.push(format!("{method} {path} with {label}: got {got}"));
            }
        }
        for who in WHO {
            let allowed = public || allowed_roles.contains(&who);
            let got = call(&app, method, &path, Some(app.token(who)), &body).await;
            let ok = if allowed { ![401, 403, 404, 405].contains(&got) } else { got == 403 };
            if !ok {
                failures.push(format!(
                    "{method} {path} as {who}: got {got}, {}",
                    if allowed { "allowed" } else { "expected 403" }
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_supplier_sees_only_its_own_and_gets_404_for_the_rest() {
    let app = spawn_app(Options::default()).await;
    setup(&app).await;
    // Lejre's supplier (00000000) and gap7's (11111111).
    for (who, own, other) in [("supplier", "m-own", "m-other"), ("other-supplier", "m-other", "m-own")] {
        assert_eq!(app.get(&format!("/courses/{own}"), Some(who)).await.0, 200);
        let (s, body) = app.get(&format!("/courses/{other}"), Some(who)).await;
        assert_eq!(s, 404, "{who} reading {other}: {body}");
        assert!(!body.to_string().contains("p-own") && !body.to_string().contains("p-other"));
        assert_eq!(app.get(&format!("/courses/{other}/evaluation?as_of=2025-12-31"), Some(who)).await.0, 404);
        let (_, list) = app.get("/courses", Some(who)).await;
        let ids: Vec<&str> =
            list["courses"].as_array().unwrap().iter().map(|c| c["course_id"].as_str().unwrap()).collect();
        assert_eq!(ids, vec![own], "{who}");
    }
    let (_, contracts) = app.get("/contracts", Some("supplier")).await;
    let ids: Vec<&str> = contracts["contracts"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["lejre-jobparate"]);
    assert_eq!(app.get("/contracts/gap7", Some("supplier")).await.0, 404);

    // Verifying: only under its own CVR, and another supplier's course is unknown.
    let mut theirs = invoice("X-1", &[("m-own", "job_start", "5000.00")]);
    theirs["supplier_cvr"] = json!("11111111");
    assert_eq!(app.post("/invoices/verify", Some("supplier"), &theirs).await.0, 403);
    let (s, v) =
        app.post("/invoices/verify", Some("supplier"), &invoice("X-2", &[("m-other", "job_start", "5000.00")])).await;
    assert_eq!(s, 200);
    assert_eq!(v["lines"][0]["code"], "unknown_course", "{v}");
    // Reading invoices: its own only.
    assert_eq!(app.get("/invoices/00000000/INV-1", Some("supplier")).await.0, 200);
    assert_eq!(app.get("/invoices/00000000/INV-1", Some("other-supplier")).await.0, 404);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_problem_documents() {
    let app = spawn_app(Options::default()).await;
    let res = app.client.get(format!("{}/courses", app.base)).send().await.unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    let doc: Value = res.json().await.unwrap();
    for field in ["type", "title", "status", "detail"] {
        assert!(doc.get(field).is_some(), "{field} missing: {doc}");
    }
    let res = app.client.get(format!("{}/no/such/route", app.base)).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    let (s, doc) = app.post("/courses", Some("caseworker"), &json!({ "course_id": "x" })).await;
    assert_eq!(s, 422);
    let fields: Vec<&str> = doc["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    for f in ["citizen", "contract", "target_group", "referred_on"] {
        assert!(fields.contains(&f), "{f} not in {fields:?}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_covers_every_route_with_its_roles() {
    let app = spawn_app(Options::default()).await;
    let (s, doc) = app.get("/openapi.json", None).await;
    assert_eq!(s, 200);
    for rule in policy() {
        let op = &doc["paths"][rule.path][rule.method.as_str().to_lowercase()];
        assert!(op.is_object(), "{} {} missing from /openapi.json", rule.method, rule.path);
        let roles: Vec<&str> = op["x-roles"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert_eq!(roles, rule.roles.iter().map(|r| r.as_str()).collect::<Vec<_>>());
    }
    // The pages are in it too, and each one listed is served.
    for (method, path, _, _) in nocure::pages::PAGES {
        assert!(doc["paths"][*path][*method].is_object(), "{method} {path} missing from /openapi.json");
        let url = format!("{}{path}", app.base);
        let req = if *method == "get" { app.client.get(url) } else { app.client.post(url) };
        let status = req.send().await.unwrap().status().as_u16();
        assert!(![404, 405].contains(&status), "{method} {path} is not served: {status}");
    }
    app.stop().await;
}
