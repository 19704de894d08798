//! Register extracts over real HTTP: finance imports an income and a
//! benefit extract as CSV (CPR numbers become pseudonyms), a bad extract is
//! refused whole with each row's line and field, and a course's milestones
//! are judged a second time on the registers. Afterwards no CPR number is
//! in the store or on disk.

mod support;

use serde_json::{Value, json};
use support::app::{Options, TestApp, spawn_app};

const CPR: &str = "010170-1234";
const DIGITS: &str = "0101701234";

async fn post_csv(app: &TestApp, path: &str, body: &str) -> (u16, Value) {
    let r = app
        .client
        .post(format!("{}{path}", app.base))
        .bearer_auth(app.token("finance"))
        .header("content-type", "text/csv")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extracts_are_imported_whole_and_judge_the_course_again() {
    let app = spawn_app(Options::default()).await;
    // A referral by CPR: job recorded from 3 Mar 2025, course ended 3 Mar
    // in the job.
    let mut referral = support::app::referral("r-1", "unused");
    referral.as_object_mut().unwrap().remove("citizen");
    referral["cpr"] = json!(CPR);
    let (s, body) = app.post("/courses", Some("caseworker"), &referral).await;
    assert_eq!(s, 201, "{body}");

    // A bad income extract: line 3 has no number of hours, line 5 (after
    // a blank line 4) a CPR number that is no date, and line 6 a period
    // that ends before it starts. Nothing is stored.
    let bad = "cpr,employer_cvr,period_from,period_to,paid_hours,income\n\
               010170-1234,12345678,2025-04-01,2025-04-30,160,32000.00\n\
               010170-1234,12345678,2025-05-01,2025-05-31,lots,32000.00\n\
               \n\
               320170-1234,12345678,2025-05-01,2025-05-31,160,32000.00\n\
               010170-1234,12345678,2025-06-30,2025-06-01,160,32000.00\n";
    let (s, body) = post_csv(&app, "/registers/income", bad).await;
    assert_eq!(s, 422, "{body}");
    let errors: Vec<String> =
        body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(errors, vec!["paid_hours (line 3)", "cpr (line 5)", "period_to (line 6)"], "{body}");
    assert!(!body.to_string().contains("320170"), "{body}");
    assert!(!store_text(&app).contains("register/"), "a refused extract stores nothing");

    // Pay from April to December (160 hours a month), Danish Excel dialect;
    // kontanthjaelp in week 20 (12-18 May), inside the 3 months from 3 Mar.
    let mut income = String::from("cpr;employer_cvr;period_from;period_to;paid_hours;income\n");
    for m in 4u32..=12 {
        let last = chrono::NaiveDate::from_ymd_opt(2025 + (m / 12) as i32, m % 12 + 1, 1).unwrap().pred_opt().unwrap();
        income.push_str(&format!("{CPR};12345678;01.{m:02}.2025;{};160;32.000,00\n", last.format("%d.%m.%Y")));
    }
    let (s, body) = post_csv(&app, "/registers/income", &income).await;
    assert_eq!((s, &body["rows"], &body["extract"]), (201, &json!(9), &json!(1)), "{body}");
    let (s, body) = post_csv(&app, "/registers/benefits", &format!("cpr,week,benefit_code\n{CPR},2025-W20,KH\n")).await;
    assert_eq!(s, 201, "{body}");

    let (s, body) = app.get("/courses/r-1/registers?as_of=2025-12-31", Some("finance")).await;
    assert_eq!(s, 200, "{body}");
    let en: Vec<&str> = body["differences"].as_array().unwrap().iter().map(|d| d["en"].as_str().unwrap()).collect();
    let da: Vec<&str> = body["differences"].as_array().unwrap().iter().map(|d| d["da"].as_str().unwrap()).collect();
    assert_eq!(en[0], "job start recorded 3 Mar 2025, first paid hours in April 2025");
    assert_eq!(en[1], "benefit (kontanthjaelp) paid in week 20 of 2025 inside the 3-month retention");
    assert_eq!(da[1], "ydelse (kontanthjælp) udbetalt i uge 20 2025 inden for fastholdelse i 3 måneder");
    // The recorded events achieve all three milestones; on the registers
    // the chain breaks in week 20, so 3 and 6 months are not achieved.
    let m = body["milestones"].as_array().unwrap();
    assert_eq!(m[1]["recorded"], "achieved");
    assert_eq!(m[1]["disagrees"], true);
    assert_eq!(m[2]["disagrees"], true);

    // Invoice verification: the 3-month line is approved (the recorded
    // events achieve it) and flagged for finance with what the registers
    // say; a supplier's dry run carries no flag (register data is finance's).
    let inv = support::app::invoice("R-1", &[("r-1", "retention_3m", "10000.00")]);
    let (s, v) = app.post("/invoices/verify", Some("finance"), &inv).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["lines"][0]["status"], "approved");
    let flag = v["lines"][0]["registers_disagree"].as_str().unwrap();
    assert!(flag.contains("benefit (kontanthjaelp) paid in week 20 of 2025 inside the 3-month retention"), "{flag}");
    let (_, v) = app.post("/invoices/verify", Some("supplier"), &inv).await;
    assert_eq!(v["lines"][0]["status"], "approved");
    assert!(v["lines"][0].get("registers_disagree").is_none(), "{v}");
    // The finance page shows the flag in Danish and in English.
    for (number, milestone, amount, lang, label, words) in [
        (
            "R-2",
            "retention_3m",
            "10000.00",
            "da",
            "Kontrollér bilagene: registrene siger noget andet",
            "udbetalt i uge 20 2025",
        ),
        (
            "R-3",
            "retention_6m",
            "10000.00",
            "en",
            "Check the documents: the registers disagree",
            "paid in week 20 of 2025",
        ),
    ] {
        let inv = support::app::invoice(number, &[("r-1", milestone, amount)]);
        let html = app
            .client
            .post(format!("{}/finance/record", app.base))
            .header("cookie", format!("nocure_token={}; nocure_lang={lang}", app.token("finance")))
            .header("origin", app.base.as_str())
            .form(&[("invoice", inv.to_string())])
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains(label) && html.contains(words), "{html}");
        assert!(html.contains("data-code=\"registers_disagree\""), "{html}");
    }

    // Only finance reads it.
    assert_eq!(app.get("/courses/r-1/registers?as_of=2025-12-31", Some("supplier")).await.0, 403);
    assert!(!store_text(&app).contains(DIGITS) && !store_text(&app).contains(CPR));
    let data = app.stop().await;
    let files = files_text(data.path());
    assert!(!files.contains(DIGITS) && !files.contains(CPR), "a CPR number is on disk");
}
