//! The demo data set (`serve --demo`) over real HTTP: the minutes' status
//! table as of 31 Dec 2025, what the cohorts earned, and the demo invoices.

mod support;

use std::collections::BTreeMap;

use serde_json::Value;
use support::app::{Options, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_reproduces_the_minutes_status_table_and_its_earnings() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let (s, page) = app.get("/courses?contract=lejre-jobparate&as_of=2025-12-31&limit=1000", Some("finance")).await;
    assert_eq!(s, 200, "{page}");
    let courses = page["courses"].as_array().unwrap();
    assert_eq!(courses.len(), 130);

    // The minutes' status per 31 Dec 2025 (docs/rules.md).
    let mut table: BTreeMap<(String, String), usize> = BTreeMap::new();
    for c in courses {
        let key = (c["target_group"].as_str().unwrap().to_string(), c["status"].as_str().unwrap().to_string());
        *table.entry(key).or_default() += 1;
    }
    let count = |g: &str, s: &str| table.get(&(g.to_string(), s.to_string())).copied().unwrap_or(0);
    for (group, ongoing, job, no_job, interrupted) in
        [("dagpenge", 5, 30, 26, 31), ("ledighedsydelse", 2, 8, 7, 11), ("integration", 0, 2, 2, 6)]
    {
        assert_eq!(
            [
                count(group, "ongoing"),
                count(group, "ended_job"),
                count(group, "ended_no_job"),
                count(group, "interrupted")
            ],
            [ongoing, job, no_job, interrupted],
            "{group}"
        );
    }

    // The cohorts in `demo.rs`, by hand: kept 6 months 25,000; lost after 3
    // months 15,000; lost within 3 months 5,000; a job since Oct-Nov 5,000.
    // One of dagpenge's "lost after 3" had a day of dagpenge in the window,
    // reported late: 5,000 only.
    // dagpenge 12×25,000 + 5×15,000 + 5,000 + 7×5,000 + 5×5,000 = 440,000;
    // ledighedsydelse 4×25,000 + 2×15,000 + 5,000 + 5,000 = 140,000;
    // integration 25,000 + 5,000 = 30,000.
    let mut earned: BTreeMap<String, rust_decimal::Decimal> = BTreeMap::new();
    for c in courses {
        let id = c["course_id"].as_str().unwrap();
        let (s, e) = app.get(&format!("/courses/{id}/evaluation?as_of=2025-12-31"), Some("finance")).await;
        assert_eq!(s, 200, "{e}");
        let amount: rust_decimal::Decimal = e["earned"].as_str().unwrap().parse().unwrap();
        *earned.entry(c["target_group"].as_str().unwrap().to_string()).or_default() += amount;
    }
    let as_text: BTreeMap<String, String> = earned.iter().map(|(g, a)| (g.clone(), format!("{a:.2}"))).collect();
    assert_eq!(as_text["dagpenge"], "440000.00");
    assert_eq!(as_text["ledighedsydelse"], "140000.00");
    assert_eq!(as_text["integration"], "30000.00");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_invoices_show_a_rejected_line_of_each_kind_finance_meets() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let (s, inv) = app.get("/invoices/00000000/IA-2025-12", Some("finance")).await;
    assert_eq!(s, 200, "{inv}");
    let lines = inv["result"]["lines"].as_array().unwrap();
    let rejected: Vec<&str> =
        lines.iter().filter(|l| l["status"] == "rejected").map(|l| l["code"].as_str().unwrap()).collect();
    assert_eq!(rejected, ["not_achieved", "already_paid", "not_yet_due"], "{inv}");
    // Retention for the 12 + 4 + 1 who kept the job six months (3 and 6
    // months) and the 6 + 2 who lost it after three (3 months only):
    // 2×17 + 8 = 42 lines of 10,000.
    assert_eq!(inv["result"]["approved_total"], "420000.00");
    let (_, july) = app.get("/invoices/00000000/IA-2025-07", Some("finance")).await;
    assert_eq!(july["result"]["rejected_lines"], 0, "{july}");
    let (_, payments) = app.get("/payments?contract=lejre-jobparate", Some("finance")).await;
    let n = payments["payments"].as_array().unwrap().len() as u64;
    assert_eq!(n, july["result"]["approved_lines"].as_u64().unwrap() + 42);
    let (_, verify) = app.get("/audit/verify", Some("finance")).await;
    assert_eq!(verify["ok"], Value::Bool(true));

    // The day of dagpenge reported after December's invoice: that citizen's
    // 3 months (job from 7 Apr 2025, dagpenge on 12 May) is at risk.
    let (_, risk) = app.get("/payments/at-risk?as_of=2025-12-31", Some("finance")).await;
    let list = risk["payments"].as_array().unwrap();
    assert_eq!(list.len(), 1, "{risk}");
    assert_eq!(list[0]["payment"]["milestone"], "retention_3m");
    assert_eq!(list[0]["payment"]["invoice_number"], "IA-2025-12");
    assert!(list[0]["reason"].as_str().unwrap().contains("dagpenge received on 2025-05-12"), "{risk}");
    assert_eq!(risk["total_at_risk"], "10000.00");
    app.stop().await;
}
