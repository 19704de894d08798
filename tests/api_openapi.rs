//! The OpenAPI document says what the server does: every request body has
//! its schema (not a bare object), and every status the server answers for
//! an operation (probed here with no token, the wrong role, a malformed or
//! mistyped body, an empty body, an unknown query parameter) is documented
//! for that operation. `.ci/run` runs schemathesis against the demo on top.

mod support;

use nocure::api::access::policy;
use serde_json::Value;
use support::app::{Options, TestApp, spawn_app};

const WHO: [&str; 5] = ["procurement", "caseworker", "finance", "committee", "supplier"];

fn concrete(path: &str) -> String {
    path.replace("{id}/reversal", "1/reversal")
        .replace("{id}", "c-1")
        .replace("{cvr}", "00000000")
        .replace("{number}", "N-1")
}

fn documented(doc: &Value, method: &str, path: &str) -> Vec<String> {
    doc["paths"][path][method]["responses"].as_object().map(|r| r.keys().cloned().collect()).unwrap_or_default()
}

/// The schema a body's content type refers to, resolved.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => doc.pointer(r.trim_start_matches('#')).unwrap_or(&Value::Null),
        None => schema,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_body_has_its_schema() {
    let app = spawn_app(Options::default()).await;
    let (_, doc) = app.get("/openapi.json", None).await;
    for rule in policy() {
        let method = rule.method.as_str().to_lowercase();
        let Some(content) = doc["paths"][rule.path][&method]["requestBody"]["content"].as_object() else { continue };
        for (media, c) in content {
            let schema = resolve(&doc, &c["schema"]);
            let described = schema["properties"].is_object()
                || schema["type"] == "string"
                || schema["items"].is_object()
                || schema["anyOf"].is_array();
            assert!(described, "{method} {} {media}: {schema}", rule.path);
            if media == "application/json" {
                assert!(
                    schema["properties"].is_object() || schema["anyOf"].is_array(),
                    "{method} {} {media}: {schema}",
                    rule.path
                );
            }
        }
    }
    app.stop().await;
}

async fn status(app: &TestApp, method: &str, path: &str, who: Option<&str>, body: Option<(&str, &str)>) -> u16 {
    let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut r = app.client.request(m, format!("{}{path}", app.base));
    if let Some(w) = who {
        r = r.bearer_auth(app.token(w));
    }
    if let Some((ct, b)) = body {
        r = r.header("content-type", ct).body(b.to_string());
    }
    r.send().await.unwrap().status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_status_the_server_answers_is_documented() {
    let app = spawn_app(Options::default()).await;
    let (_, doc) = app.get("/openapi.json", None).await;
    let mut missing = Vec::new();
    for rule in policy() {
        let method = rule.method.as_str();
        let m = method.to_lowercase();
        let path = concrete(rule.path);
        let listed = documented(&doc, &m, rule.path);
        let allowed = WHO.iter().find(|w| rule.roles.iter().any(|r| r.as_str() == **w)).copied();
        let refused = WHO.iter().find(|w| !rule.roles.iter().any(|r| r.as_str() == **w)).copied();
        let mut probes: Vec<(String, u16)> = vec![
            ("no token".into(), status(&app, method, &path, None, None).await),
            ("unknown query parameter".into(), status(&app, method, &format!("{path}?zzz=1"), allowed, None).await),
        ];
        if !rule.roles.is_empty()
            && let Some(w) = refused
        {
            probes.push(("wrong role".into(), status(&app, method, &path, Some(w), None).await));
        }
        if method == "POST" {
            for (what, ct, body) in [
                ("malformed JSON", "application/json", "{ not json"),
                ("empty object", "application/json", "{}"),
                ("a list", "application/json", "[1]"),
                ("plain text", "text/plain", "hello"),
                ("no body", "application/json", ""),
            ] {
                probes.push((what.into(), status(&app, method, &path, allowed, Some((ct, body))).await));
            }
        }
        for (what, got) in probes {
            if !listed.contains(&got.to_string()) {
                missing.push(format!("{method} {} answers {got} to {what}; documented: {listed:?}", rule.path));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    app.stop().await;
}

/// The register evidence and audit sample pages: every status they answer
/// (not signed in, the wrong role, a form that is none, an empty or
/// mistyped form, an unknown course or sample) is documented for the page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_status_a_register_or_sample_page_answers_is_documented() {
    let app = spawn_app(Options::default()).await;
    let (_, doc) = app.get("/openapi.json", None).await;
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let send = |method: &str, path: &str, who: Option<&str>, body: Option<(&str, &str)>| {
        let m = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut r = client.request(m, format!("{}{path}", app.base));
        if let Some(w) = who {
            r = r.header("cookie", format!("nocure_token={}", app.token(w)));
        }
        if let Some((ct, b)) = body {
            r = r.header("content-type", ct).body(b.to_string());
        }
        r.send()
    };
    let mut missing = Vec::new();
    for (method, path, _, _) in nocure::pages::PAGES
        .iter()
        .filter(|p| p.1.starts_with("/finance/registers") || p.1.starts_with("/finance/samples"))
    {
        let listed = documented(&doc, method, path);
        let upper = method.to_uppercase();
        let mut probes = Vec::new();
        for (what, concrete) in [
            ("", path.replace("{id}", "1")),
            ("an unknown one", path.replace("{id}", "999")),
            ("not a number", path.replace("{id}", "x")),
        ] {
            probes.push((format!("no cookie {what}"), send(&upper, &concrete, None, None).await.unwrap().status()));
            probes.push((
                format!("wrong role {what}"),
                send(&upper, &concrete, Some("committee"), None).await.unwrap().status(),
            ));
            if *method == "get" {
                probes.push((
                    format!("finance {what}"),
                    send("GET", &concrete, Some("finance"), None).await.unwrap().status(),
                ));
                let course = format!("{concrete}?course=c-404");
                probes.push((
                    format!("an unknown course {what}"),
                    send("GET", &course, Some("finance"), None).await.unwrap().status(),
                ));
                continue;
            }
            for (kind, ct, body) in [
                ("JSON", "application/json", "{}"),
                ("plain text", "text/plain", "hello"),
                ("an empty form", "application/x-www-form-urlencoded", ""),
                (
                    "a mistyped form",
                    "application/x-www-form-urlencoded",
                    "seed=x&size=-1&outcome-1=error&amount-1=mange",
                ),
                ("a draw", "application/x-www-form-urlencoded", "seed=1&size=1"),
                ("a broken multipart", "multipart/form-data; boundary=zz", "--zz\r\nnot a part"),
            ] {
                let got = send("POST", &concrete, Some("finance"), Some((ct, body))).await.unwrap().status();
                probes.push((format!("{kind} {what}"), got));
            }
        }
        for (what, got) in probes {
            if !listed.contains(&got.as_u16().to_string()) {
                missing.push(format!("{upper} {path} answers {got} to {what}; documented: {listed:?}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    app.stop().await;
}
