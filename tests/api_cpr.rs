//! CPR numbers at the edge, over real HTTP: a CPR-like number in any
//! identifier or free-text field that would be stored is refused with a
//! problem naming the field, without echoing the number; afterwards neither
//! the store (every key and value, and the files on disk) nor any CSV export
//! holds it. Ordinary ids, dates and amounts still pass.

mod support;

use nocure::service::tokens::Role;
use nocure::store::audit::Actor;
use serde_json::{Value, json};
use support::app::{Options, TestApp, invoice, referral, spawn_app};

/// The variants of the CPR number 010170-1234, and the plain forms.
const VARIANTS: [&str; 12] = [
    "0101701234",
    "010170-1234",
    "010170.1234",
    "010170_1234",
    "p-0101701234",
    "01.01.70-1234",
    "0101-70-1234",
    "s-010170-1234",
    "010170 1234",
    "01-01-70-1234",
    "c-010170:1234",
    "note 010170/1234 called",
];
const DIGITS: &str = "0101701234";

/// Every key and value in the store, as text.
fn store_text(app: &TestApp) -> String {
    let mut text = String::new();
    for (k, v) in app.svc.repo.kv().scan("", None, usize::MAX).unwrap() {
        text.push_str(&k);
        text.push('\n');
        text.push_str(&String::from_utf8_lossy(&v));
        text.push('\n');
    }
    text
}

/// Every byte of every file under `dir`, as text.
fn files_text(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            text.push_str(&files_text(&path));
        } else {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
    }
    text
}

fn leaks(text: &str) -> Vec<&'static str> {
    VARIANTS.iter().copied().chain([DIGITS]).filter(|v| text.contains(v)).collect()
}

/// A request that carries `v` in one field: (what, method path, body, the field the problem must name).
fn requests(v: &str, n: usize) -> Vec<(String, String, Value, String)> {
    let course = |f: &dyn Fn(&mut Value)| {
        let mut b = referral(&format!("c-{n}"), &format!("p-{n}"));
        f(&mut b);
        b
    };
    let inv = |f: &dyn Fn(&mut Value)| {
        let mut b = invoice(&format!("F-{n}"), &[("c-base", "job_start", "5000.00")]);
        f(&mut b);
        b
    };
    let ended = json!({ "type": "course_ended", "date": "2025-03-03", "outcome": "job", "reason": v });
    let retract = |what: &str| json!({ "type": "retraction", "retracts": if what == "retracts" { v } else { "e1" }, "reason": if what == "reason" { v } else { "typo" } });
    let mut out: Vec<(String, String, Value, String)> = vec![
        ("course_id".into(), "/courses".into(), course(&|b| b["course_id"] = json!(v)), "course_id".into()),
        ("citizen".into(), "/courses".into(), course(&|b| b["citizen"] = json!(v)), "citizen".into()),
        ("contract".into(), "/courses".into(), course(&|b| b["contract"] = json!(v)), "contract".into()),
        ("target_group".into(), "/courses".into(), course(&|b| b["target_group"] = json!(v)), "target_group".into()),
        (
            "a_kasse".into(),
            "/courses".into(),
            course(&|b| b["attributes"]["a_kasse"] = json!(v)),
            "attributes.a_kasse".into(),
        ),
        ("event id".into(), "/courses".into(), course(&|b| b["events"][0]["id"] = json!(v)), "events[0].id".into()),
        (
            "course_ended reason".into(),
            "/courses".into(),
            course(&|b| b["events"][2] = ended.clone()),
            "events[2].reason".into(),
        ),
        (
            "retraction retracts".into(),
            "/courses/c-ev/events".into(),
            json!([retract("retracts")]),
            "events[0].retracts".into(),
        ),
        (
            "retraction reason".into(),
            "/courses/c-ev/events".into(),
            json!([retract("reason")]),
            "events[0].reason".into(),
        ),
        (
            "appended event id".into(),
            "/courses/c-ev/events".into(),
            json!({ "type": "job_ended", "date": "2025-09-30", "id": v }),
            "events[0].id".into(),
        ),
        (
            "appended course_ended reason".into(),
            "/courses/c-ev/events".into(),
            json!({ "type": "course_ended", "date": "2025-09-30", "outcome": "no_job", "reason": v }),
            "events[0].reason".into(),
        ),
        (
            "invoice_number".into(),
            "/invoices".into(),
            inv(&|b| b["invoice_number"] = json!(v)),
            "invoice_number".into(),
        ),
        ("invoice contract".into(), "/invoices".into(), inv(&|b| b["contract"] = json!(v)), "contract".into()),
        (
            "line course_id".into(),
            "/invoices".into(),
            inv(&|b| b["lines"][0]["course_id"] = json!(v)),
            "lines[0].course_id".into(),
        ),
        (
            "line milestone".into(),
            "/invoices".into(),
            inv(&|b| b["lines"][0]["milestone"] = json!(v)),
            "lines[0].milestone".into(),
        ),
        (
            "line amount".into(),
            "/invoices".into(),
            inv(&|b| b["lines"][0]["amount"] = json!(v)),
            "lines[0].amount".into(),
        ),
        ("reversal reason".into(), "/payments/1/reversal".into(), json!({ "reason": v }), "reason".into()),
    ];
    for (what, field) in [("invoice_number", "invoice_number"), ("course_id", "course_id")] {
        let (num, course) = if what == "invoice_number" { (v, "c-base") } else { ("G-1", v) };
        let csv = format!(
            "supplier_cvr,invoice_number,contract,as_of,line,course_id,milestone,amount\n\
             00000000,{num},lejre-jobparate,2025-12-31,1,{course},job_start,5000.00\n"
        );
        out.push((format!("CSV {what}"), "/invoices#csv".into(), Value::String(csv), field.into()));
    }
    out
}

/// A contract version (the test contract `gap7` under a new id) with `v`
/// in one place of the TOML.
fn contract(v: &str, n: usize, place: &str) -> String {
    let base = std::fs::read_to_string(support::root().join("tests/fixtures/contracts/gap7.toml")).unwrap();
    let id = format!("cpr-{n}-{}", place.replace('_', "-"));
    let text = base.replace("id = \"gap7\"", &format!("id = \"{id}\""));
    match place {
        "title" => text.replace("title = \"Test: gap7\"", &format!("title = \"Test {v}\"")),
        "supplier_name" => text.replace("name = \"Test ApS\"", &format!("name = \"Test ApS {v}\"")),
        "label" => text.replace("benefit = \"dagpenge\"", &format!("benefit = \"dagpenge\"\nlabel = \"{v}\"")),
        _ => format!("# {v}\n{text}"),
    }
}

async fn send(app: &TestApp, path: &str, body: &Value, who: &str) -> (u16, String) {
    let r = app.client.post(format!("{}{}", app.base, path.trim_end_matches("#csv"))).bearer_auth(app.token(who));
    let r = match body {
        Value::String(text) if path.ends_with("#csv") => r.header("content-type", "text/csv").body(text.clone()),
        Value::String(text) => r.body(text.clone()),
        other => r.json(other),
    };
    let res = r.send().await.unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cpr_like_numbers_are_refused_in_every_stored_field_and_reach_no_store_or_csv() {
    let app = spawn_app(Options::default()).await;
    // A course, an invoice with one payment, and a course to append events to.
    assert_eq!(app.post("/courses", Some("caseworker"), &referral("c-base", "p-base")).await.0, 201);
    assert_eq!(app.post("/courses", Some("caseworker"), &referral("c-ev", "p-ev")).await.0, 201);
    let (s, body) =
        app.post("/invoices", Some("finance"), &invoice("B-1", &[("c-base", "job_start", "5000.00")])).await;
    assert_eq!((s, body["payments"][0].as_u64()), (201, Some(1)), "{body}");

    let mut failures = Vec::new();
    for (n, v) in VARIANTS.iter().enumerate() {
        let mut all = requests(v, n);
        for place in ["title", "supplier_name", "label", "comment"] {
            all.push((
                format!("contract {place}"),
                "/contracts".into(),
                Value::String(contract(v, n, place)),
                "".into(),
            ));
        }
        for (what, path, body, field) in all {
            let who = match path.as_str() {
                "/courses" | "/courses/c-ev/events" => "caseworker",
                "/contracts" => "procurement",
                _ => "finance",
            };
            let (status, text) = send(&app, &path, &body, who).await;
            // CSV problems name the line too: `course_id (line 2)`.
            let named = field.is_empty() || text.contains(&format!("\"field\":\"{field}"));
            if status != 422 || !named || !leaks(&text).is_empty() {
                failures.push(format!("{what} = {v:?}: {status} {text}"));
            }
        }
        let admin = Actor::system("test");
        if app.svc.create_token(Role::Finance, None, v, &admin).await.is_ok() {
            failures.push(format!("token name {v:?} was accepted"));
        }
        // Looked up, not stored: still never echoed.
        for path in [format!("/courses/{v}"), format!("/courses?contract={v}"), format!("/contracts/{v}")] {
            let res = app.client.get(format!("{}{path}", app.base)).bearer_auth(app.token("finance")).send().await;
            let text = res.unwrap().text().await.unwrap();
            if !leaks(&text).is_empty() {
                failures.push(format!("GET {path} echoes it: {text}"));
            }
        }
    }

    // Every CSV export, in both dialects.
    let mut exports = vec![
        "/courses?format=csv".to_string(),
        "/payments?format=csv".into(),
        "/payments/at-risk?format=csv&as_of=2025-12-31".into(),
    ];
    for t in nocure::wire::report_out::TABLES {
        exports.push(format!("/reports/portfolio?contract=lejre-jobparate&as_of=2025-12-31&format=csv&table={t}"));
    }
    for path in exports {
        for dialect in ["plain", "excel-da"] {
            let url = format!("{}{path}&dialect={dialect}", app.base);
            let res = app.client.get(url).bearer_auth(app.token("finance")).send().await.unwrap();
            assert_eq!(res.status(), 200, "{path}");
            let text = res.text().await.unwrap();
            if !leaks(&text).is_empty() {
                failures.push(format!("{path} ({dialect}) holds {:?}", leaks(&text)));
            }
        }
    }
    let (s, text) =
        send(&app, "/invoices/verify?format=csv", &invoice("B-1", &[("c-base", "job_start", "5000.00")]), "finance")
            .await;
    if s != 200 || !leaks(&text).is_empty() {
        failures.push(format!("/invoices/verify?format=csv: {s} {text}"));
    }

    let in_store = leaks(&store_text(&app));
    if !in_store.is_empty() {
        failures.push(format!("the store holds {in_store:?}"));
    }
    let data = app.stop().await;
    let on_disk = leaks(&files_text(data.path()));
    // The contract files the server was started from are the test's own.
    if !on_disk.is_empty() {
        failures.push(format!("the data directory holds {on_disk:?}"));
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ordinary_ids_dates_amounts_and_text_still_pass() {
    let app = spawn_app(Options::default()).await;
    // Numbers that are not a CPR number: eleven digits, a day 32, a month 13,
    // an ISO date with a number, a Danish date with a year of four digits.
    let ids = ["c-12345678901", "c-3201701234", "c-0113701234", "c-2025-01-01-1234", "c-31.12.2025-1234"];
    for (i, id) in ids.iter().enumerate() {
        let mut body = referral(id, &format!("p-{i}"));
        body["events"][2]["reason"] = json!("phone 12 34 56 78; dagpenge 01.05.2025 to 31.05.2025; 5000.00 kr.");
        let (s, doc) = app.post("/courses", Some("caseworker"), &body).await;
        assert_eq!(s, 201, "{id}: {doc}");
    }
    let lines = [("c-12345678901", "job_start", "5000.00")];
    let (s, doc) = app.post("/invoices", Some("finance"), &invoice("IA-2025-0101-17", &lines)).await;
    assert_eq!(s, 201, "{doc}");
    assert_eq!(doc["lines"][0]["status"], "approved", "{doc}");
    let (s, doc) =
        app.post("/payments/1/reversal", Some("finance"), &json!({ "reason": "invoice 2025-0001, 5000.00 kr." })).await;
    assert_eq!(s, 201, "{doc}");
    app.stop().await;
}
