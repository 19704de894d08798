//! Invoices and the payment ledger over real HTTP: nothing paid twice,
//! nothing lost, and an audit trail that shows tampering.

mod support;

use nocure::invoice::{PaidKey, Scope};
use nocure::store::kv::Write;
use nocure::store::{Read, keys};
use serde_json::{Value, json};
use support::app::{Options, TestApp, invoice, referral, spawn_app, spawn_in};

async fn course(app: &TestApp, id: &str, citizen: &str) {
    let (s, b) = app.post("/courses", Some("caseworker"), &referral(id, citizen)).await;
    assert_eq!(s, 201, "{b}");
}

fn count_payments(app: &TestApp) -> usize {
    app.svc.payments(None).unwrap().len()
}

fn audit_actions(app: &TestApp, action: &str) -> usize {
    app.svc.repo.audit_page(0, 10_000).unwrap().iter().filter(|e| e.action == action).count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_submissions_of_one_invoice_record_it_once() {
    let app = spawn_app(Options::default()).await;
    course(&app, "k-1", "p-k1").await;
    course(&app, "k-2", "p-k2").await;
    let body = invoice(
        "INV-50",
        &[("k-1", "job_start", "5000.00"), ("k-2", "job_start", "5000.00"), ("k-2", "retention_3m", "10000.00")],
    );
    let sends = (0..50).map(|_| {
        let (client, url, token, body) =
            (app.client.clone(), format!("{}/invoices", app.base), app.token("finance").to_string(), body.clone());
        tokio::spawn(async move {
            let res = client.post(url).bearer_auth(token).json(&body).send().await.unwrap();
            (res.status().as_u16(), res.json::<Value>().await.unwrap())
        })
    });
    let results: Vec<(u16, Value)> = futures_join(sends).await;
    let created = results.iter().filter(|(s, _)| *s == 201).count();
    let repeated = results.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!((created, repeated), (1, 49), "{:?}", results.iter().map(|r| r.0).collect::<Vec<_>>());
    // Every answer is the one recorded result.
    let first = &results[0].1;
    assert!(results.iter().all(|(_, b)| b["payments"] == first["payments"] && b["lines"] == first["lines"]));
    // Two job starts approved and paid once; 3 months (due 3 Jun 2025) too.
    assert_eq!(first["approved_total"], "20000.00", "{first}");
    assert_eq!(count_payments(&app), 3);
    assert_eq!(audit_actions(&app, "invoice.record"), 1);
    app.stop().await;
}

async fn futures_join<T: Send + 'static>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles.collect::<Vec<_>>() {
        out.push(h.await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_invoices_claiming_one_milestone_at_once_pay_it_once() {
    for round in 0..5 {
        let app = spawn_app(Options::default()).await;
        course(&app, "k-1", "p-k1").await;
        let sends = ["A", "B"].map(|n| {
            let body = invoice(&format!("INV-{n}-{round}"), &[("k-1", "job_start", "5000.00")]);
            let (client, url, token) =
                (app.client.clone(), format!("{}/invoices", app.base), app.token("finance").to_string());
            tokio::spawn(async move {
                client.post(url).bearer_auth(token).json(&body).send().await.unwrap().json::<Value>().await.unwrap()
            })
        });
        let results = futures_join(sends.into_iter()).await;
        let codes: Vec<&str> = results.iter().map(|r| r["lines"][0]["code"].as_str().unwrap()).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(sorted, vec!["already_paid", "approved"], "round {round}: {results:?}");
        assert_eq!(count_payments(&app), 1);
        let key = PaidKey {
            contract: nocure::ids::ContractId::parse("lejre-jobparate").unwrap(),
            scope: Scope::Citizen(nocure::ids::CitizenRef::parse("p-k1").unwrap()),
            milestone: nocure::ids::MilestoneId::parse("job_start").unwrap(),
        };
        assert!(app.svc.repo.get::<u64>(&keys::paid(&key.encode())).unwrap().is_some());
        app.stop().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_number_with_other_content_is_a_conflict_and_pays_nothing() {
    let app = spawn_app(Options::default()).await;
    course(&app, "k-1", "p-k1").await;
    course(&app, "k-2", "p-k2").await;
    assert_eq!(
        app.post("/invoices", Some("finance"), &invoice("N-1", &[("k-1", "job_start", "5000.00")])).await.0,
        201
    );
    let (s, doc) = app.post("/invoices", Some("finance"), &invoice("N-1", &[("k-2", "job_start", "5000.00")])).await;
    assert_eq!(s, 409, "{doc}");
    assert_eq!(count_payments(&app), 1);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_rejection_says_why_in_the_issues_codes() {
    let app = spawn_app(Options::default()).await;
    course(&app, "k-1", "p-k1").await;
    // p-k1 again, referred later: once per citizen.
    let mut again = referral("k-2", "p-k1");
    again["referred_on"] = json!("2025-08-04");
    again["events"] = json!([{ "type": "course_started", "date": "2025-08-11" }]);
    assert_eq!(app.post("/courses", Some("caseworker"), &again).await.0, 201);
    let mut outside = referral("k-3", "p-k3");
    outside["referred_on"] = json!("2025-01-31");
    outside["events"] = json!([]);
    assert_eq!(app.post("/courses", Some("caseworker"), &outside).await.0, 201);
    let mut ineligible = referral("k-4", "p-k4");
    ineligible["attributes"] = json!({ "a_kasse": "3F", "birth_date": "1990-01-01", "unemployed_since": "2025-01-01" });
    assert_eq!(app.post("/courses", Some("caseworker"), &ineligible).await.0, 201);
    let mut other = referral("k-5", "p-k5");
    other["contract"] = json!("gap7");
    other["attributes"] = json!({});
    assert_eq!(app.post("/courses", Some("caseworker"), &other).await.0, 201);
    // Job lost on 10 Apr: 3 months (due 3 Jun) not achieved.
    let (s, _) = app
        .post("/courses/k-1/events", Some("caseworker"), &json!({ "type": "job_ended", "date": "2025-04-10" }))
        .await;
    assert_eq!(s, 201);
    assert_eq!(
        app.post("/invoices", Some("finance"), &invoice("P-1", &[("k-1", "job_start", "5000.00")])).await.0,
        201
    );
    course(&app, "k-7", "p-k7").await;
    let mut recent = referral("k-6", "p-k6");
    recent["referred_on"] = json!("2025-11-03");
    recent["events"] =
        json!([{ "type": "course_started", "date": "2025-11-10" }, { "type": "job_started", "date": "2025-12-01" }]);
    assert_eq!(app.post("/courses", Some("caseworker"), &recent).await.0, 201);

    let lines = [
        ("k-9", "job_start", "5000.00"),      // unknown_course
        ("k-5", "job_start", "5000.00"),      // wrong_contract
        ("k-3", "job_start", "5000.00"),      // referral_outside_period
        ("k-4", "job_start", "5000.00"),      // not_eligible
        ("k-1", "retention_3m", "10000.00"),  // not_achieved
        ("k-6", "retention_3m", "10000.00"),  // not_yet_due
        ("k-1", "job_start", "5000.00"),      // already_paid
        ("k-7", "job_start", "4000.00"),      // amount_mismatch
        ("k-6", "job_start", "5000.00"),      // approved
        ("k-6", "job_start", "5000.00"),      // duplicate_line (same claim as line 9)
        ("k-6", "retention_12m", "10000.00"), // unknown_milestone
    ];
    let (s, v) = app.post("/invoices/verify", Some("finance"), &invoice("V-1", &lines)).await;
    assert_eq!(s, 200, "{v}");
    let codes: Vec<&str> = v["lines"].as_array().unwrap().iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "unknown_course",
            "wrong_contract",
            "referral_outside_period",
            "not_eligible",
            "not_achieved",
            "not_yet_due",
            "already_paid",
            "amount_mismatch",
            "approved",
            "duplicate_line",
            "unknown_milestone"
        ]
    );
    let l = &v["lines"];
    assert!(
        l[4]["trace"].as_array().unwrap().iter().any(|t| t.as_str().unwrap().contains("the job ended on 2025-04-10")),
        "{}",
        l[4]
    );
    assert_eq!(l[5]["earliest"], "2026-03-01", "3 months after 1 Dec 2025");
    assert_eq!(l[6]["payment"]["invoice_number"], "P-1");
    assert_eq!(l[7]["expected_amount"], "5000.00");
    assert_eq!(l[9]["first_line"], 9);
    assert_eq!(v["approved_total"], "5000.00");
    // 4 lines of 5,000 + 10,000 + 10,000 + 5,000 + 4,000 + 5,000 + 10,000.
    assert_eq!(v["rejected_total"], "64000.00");
    // The re-referred citizen's job start is already paid (under k-1).
    let (_, v) =
        app.post("/invoices/verify", Some("finance"), &invoice("V-2", &[("k-2", "job_start", "5000.00")])).await;
    assert_eq!(v["lines"][0]["code"], "already_paid", "{v}");
    assert_eq!(v["lines"][0]["payment"]["course_id"], "k-1", "{v}");
    // A dry run writes nothing.
    assert_eq!(count_payments(&app), 1);
    assert!(app.svc.invoice("00000000", "V-1", &nocure::service::Viewer::Staff).is_err());
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_benefit_puts_a_payment_at_risk_and_a_reversal_frees_it() {
    let app = spawn_app(Options::default()).await;
    course(&app, "k-1", "p-k1").await;
    let (s, v) = app
        .post(
            "/invoices",
            Some("finance"),
            &invoice("R-1", &[("k-1", "job_start", "5000.00"), ("k-1", "retention_3m", "10000.00")]),
        )
        .await;
    assert_eq!((s, v["approved_lines"].as_u64()), (201, Some(2)), "{v}");
    let (_, risk) = app.get("/payments/at-risk?as_of=2025-12-31", Some("finance")).await;
    assert_eq!(risk["payments"].as_array().unwrap().len(), 0);

    // Dagpenge for 15 May, reported late: inside the 3-month window.
    let late = json!({ "type": "benefit_paid", "from": "2025-05-15", "to": "2025-05-15", "benefit": "dagpenge" });
    assert_eq!(app.post("/courses/k-1/events", Some("caseworker"), &late).await.0, 201);
    let (_, risk) = app.get("/payments/at-risk?as_of=2025-12-31", Some("finance")).await;
    let list = risk["payments"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{risk}");
    assert_eq!(list[0]["payment"]["milestone"], "retention_3m");
    assert_eq!(list[0]["now"], "forfeited");
    assert!(list[0]["reason"].as_str().unwrap().contains("benefit dagpenge received on 2025-05-15"));
    assert_eq!(risk["total_at_risk"], "10000.00");
    let id = list[0]["payment"]["id"].as_u64().unwrap();

    assert_eq!(
        app.post(&format!("/payments/{id}/reversal"), Some("finance"), &json!({})).await.0,
        422,
        "a reason is required"
    );
    let (s, r) = app
        .post(&format!("/payments/{id}/reversal"), Some("finance"), &json!({ "reason": "dagpenge reported late" }))
        .await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["amount"], "-10000.00");
    assert_eq!(
        app.post(&format!("/payments/{id}/reversal"), Some("finance"), &json!({ "reason": "again" })).await.0,
        409
    );
    assert_eq!(app.post("/payments/999/reversal", Some("finance"), &json!({ "reason": "x" })).await.0, 404);
    let (_, risk) = app.get("/payments/at-risk?as_of=2025-12-31", Some("finance")).await;
    assert_eq!(risk["payments"].as_array().unwrap().len(), 0);
    // Nothing deleted: both payments are listed, one with its reversal.
    let (_, p) = app.get("/payments", Some("finance")).await;
    assert_eq!(p["payments"].as_array().unwrap().len(), 2);
    assert_eq!((p["total_paid"].as_str(), p["net"].as_str()), (Some("15000.00"), Some("5000.00")));
    // The late benefit is retracted (it was a mistake): 3 months may be claimed again.
    let events = app.get("/courses/k-1", Some("caseworker")).await.1["events"].clone();
    let late_id = events.as_array().unwrap().last().unwrap()["id"].as_str().unwrap().to_string();
    let retract = json!({ "type": "retraction", "retracts": late_id, "reason": "entered on the wrong citizen" });
    assert_eq!(app.post("/courses/k-1/events", Some("caseworker"), &retract).await.0, 201);
    let (_, v) = app.post("/invoices", Some("finance"), &invoice("R-2", &[("k-1", "retention_3m", "10000.00")])).await;
    assert_eq!(v["lines"][0]["code"], "approved", "{v}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_chains_every_write_and_shows_tampering() {
    let app = spawn_app(Options::default()).await;
    course(&app, "k-1", "p-k1").await;
    app.post("/invoices", Some("finance"), &invoice("A-1", &[("k-1", "job_start", "5000.00")])).await;
    let (_, log) = app.get("/audit?limit=1000", Some("finance")).await;
    let entries = log["entries"].as_array().unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"course.create") && actions.contains(&"invoice.record"), "{actions:?}");
    let record = entries.iter().find(|e| e["action"] == "invoice.record").unwrap();
    assert_eq!((record["role"].as_str(), record["actor"].as_str()), (Some("finance"), Some("test-finance")));
    assert_eq!(app.get("/audit/verify", Some("finance")).await.1["ok"], true);

    // Alter the course.create entry behind the server's back.
    let seq = entries.iter().find(|e| e["action"] == "course.create").unwrap()["seq"].as_u64().unwrap();
    let mut forged = entries.iter().find(|e| e["seq"] == seq).unwrap().clone();
    forged["subject"] = json!("k-forged");
    app.svc.repo.kv().commit(vec![Write::Put(keys::audit(seq), serde_json::to_vec(&forged).unwrap())]).unwrap();
    let (_, report) = app.get("/audit/verify", Some("finance")).await;
    assert_eq!(report["ok"], false);
    assert!(report["problems"][0].as_str().unwrap().contains(&format!("entry {seq} has been altered")), "{report}");

    // A restart refuses the tampered store.
    let data = app.stop().await;
    let s = support::app::settings(data.path(), false, Default::default());
    match nocure::server::prepare(&s).await {
        Err(e) => assert!(e.to_string().contains("consistency check") && e.to_string().contains("altered"), "{e}"),
        Ok(_) => panic!("a tampered store must not start"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_payment_without_its_invoice_stops_the_start() {
    let app = spawn_app(Options::default()).await;
    course(&app, "k-1", "p-k1").await;
    app.post("/invoices", Some("finance"), &invoice("A-1", &[("k-1", "job_start", "5000.00")])).await;
    app.svc.repo.kv().commit(vec![Write::Delete(keys::invoice("00000000", "A-1"))]).unwrap();
    let data = app.stop().await;
    let s = support::app::settings(data.path(), false, Default::default());
    let err = nocure::server::prepare(&s).await.err().expect("must not start");
    assert!(err.to_string().contains("payment 1 is for invoice A-1 from 00000000, which does not exist"), "{err}");
    // And a clean store restarts with everything in place.
    let app = spawn_in(tempfile::tempdir().unwrap(), Options::default()).await;
    app.stop().await;
}
