//! Committee figures over real HTTP on the demo data (`serve --demo`), as of
//! 31 Dec 2025. The expected figures are worked out by hand from the
//! minutes' tables (docs/rules.md) and from the cohorts in `src/demo.rs`:
//!
//! - July's invoice (due 30 Aug 2025) pays the job starts of every job that
//!   started by 31 Jul: 12 + 4 + 1 kept six months, 6 + 2 lost after three,
//!   7 + 1 + 1 lost within three = 34 × 5,000 = 170,000 (dagpenge 25, i.e.
//!   125,000; ledighedsydelse 7, 35,000; integration 2, 10,000).
//! - December's invoice (due 30 Jan 2026) approves 3 and 6 months for those
//!   who kept the job and 3 months for those who lost it after three:
//!   dagpenge 30 lines, 300,000; ledighedsydelse 10, 100,000; integration 2,
//!   20,000; in all 420,000 approved but not yet paid on 31 Dec.
//! - Earned (see tests/demo.rs): 440,000, 140,000, 30,000. Not yet invoiced:
//!   the job starts since October, 5 and 1 (25,000, 5,000); the 3 months
//!   approved in December but forfeited by a late benefit day is invoiced
//!   and not earned (it is at risk).
//! - Still payable on open courses: for each job since October its 3 and 6
//!   months (20,000), for each ongoing course without a job all three
//!   (25,000): dagpenge 5×20,000 + 5×25,000 = 225,000; ledighedsydelse
//!   20,000 + 2×25,000 = 70,000.

mod support;

use serde_json::{Value, json};
use support::app::{Options, TestApp, spawn_app};

async fn demo() -> TestApp {
    spawn_app(Options { demo: true, ..Options::default() }).await
}

const URL: &str = "/reports/portfolio?contract=lejre-jobparate&as_of=2025-12-31";

fn group<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["groups"].as_array().unwrap().iter().find(|g| g["id"] == id).unwrap_or_else(|| panic!("{id} in {doc}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finance_sees_the_minutes_table_and_the_money_by_hand() {
    let app = demo().await;
    let (s, doc) = app.get(URL, Some("finance")).await;
    assert_eq!(s, 200, "{doc}");
    assert_eq!(doc["masked"], false);
    // The minutes' table (docs/rules.md), computed instead of typed: 53.6, 53.3, 50.0, 53.3.
    for (id, cells, rate) in [
        ("dagpenge", [92, 5, 30, 26, 31], "53.6"),
        ("ledighedsydelse", [28, 2, 8, 7, 11], "53.3"),
        ("integration", [10, 0, 2, 2, 6], "50.0"),
    ] {
        let st = &group(&doc, id)["status"];
        let got: Vec<u64> = ["referred", "ongoing", "ended_job", "ended_no_job", "interrupted"]
            .iter()
            .map(|k| st[*k].as_u64().unwrap())
            .collect();
        assert_eq!(got, cells, "{id}");
        assert_eq!(st["success_rate_pct"], rate, "{id}");
    }
    assert_eq!(doc["total"]["status"]["referred"], 130);
    assert_eq!(doc["total"]["status"]["success_rate_pct"], "53.3");

    for (id, earned, paid, approved, uninvoiced, liability) in [
        ("dagpenge", "440000.00", "125000.00", "300000.00", "25000.00", "225000.00"),
        ("ledighedsydelse", "140000.00", "35000.00", "100000.00", "5000.00", "70000.00"),
        ("integration", "30000.00", "10000.00", "20000.00", "0.00", "0.00"),
    ] {
        let m = &group(&doc, id)["money"];
        assert_eq!(
            [&m["earned"], &m["paid"], &m["approved_unpaid"], &m["earned_uninvoiced"], &m["liability"]],
            [earned, paid, approved, uninvoiced, liability],
            "{id}"
        );
    }
    // The contract's investment case next to the results (docs/rules.md).
    let case = &group(&doc, "dagpenge")["case"];
    assert_eq!(
        (case["saving_potential"].as_str(), case["months_to_break_even"].as_str()),
        (Some("25974.00"), Some("1.96"))
    );
    assert_eq!(case["deadweight_estimated_pct"], "50.96");
    assert_eq!(group(&doc, "dagpenge")["realised"]["job_starts"], 30);
    assert_eq!(group(&doc, "ledighedsydelse")["case"]["deadweight_estimated_pct"], "33.44");
    // Integration has no estimate: no savings are invented.
    assert_eq!(group(&doc, "integration")["realised"]["realised_savings"], Value::Null);
    // Cost per citizen in work: 170,000 paid / 40 ended in job = 4,250.
    assert_eq!(doc["total"]["indicators"]["cost_per_job"], "4250.00");

    // A month later the December invoice has fallen due.
    let (_, jan) = app.get("/reports/portfolio?contract=lejre-jobparate&as_of=2026-01-30", Some("finance")).await;
    assert_eq!(jan["total"]["money"]["paid"], "590000.00");
    assert_eq!(jan["total"]["money"]["approved_unpaid"], "0.00");
    let (_, before) = app.get("/reports/portfolio?contract=lejre-jobparate&as_of=2026-01-29", Some("finance")).await;
    assert_eq!(before["total"]["money"]["paid"], "170000.00");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_committee_sees_aggregates_with_small_cells_hidden() {
    let app = demo().await;
    let (s, doc) = app.get(URL, Some("committee")).await;
    assert_eq!(s, 200, "{doc}");
    assert_eq!(doc["masked"], true);
    // Dagpenge and the total are shown whole.
    assert_eq!(group(&doc, "dagpenge")["status"]["success_rate_pct"], "53.6");
    assert_eq!(group(&doc, "dagpenge")["money"]["earned"], "440000.00");
    assert_eq!(doc["total"]["status"]["success_rate_pct"], "53.3");
    // Ledighedsydelse has 2 ongoing, integration 2 in job and 2 without:
    // "< 5", the cells a sum would give away hidden, and every derived figure.
    let led = &group(&doc, "ledighedsydelse")["status"];
    assert_eq!(
        (led["ongoing"].as_str(), led["ended_job"].as_str(), led["ended_no_job"].as_str()),
        (Some("< 5"), Some("hidden"), Some("hidden"))
    );
    assert_eq!(led["interrupted"], 11);
    let int = &group(&doc, "integration")["status"];
    assert_eq!(
        (int["ended_job"].as_str(), int["ended_no_job"].as_str(), int["ongoing"].as_str()),
        (Some("< 5"), Some("< 5"), Some("hidden"))
    );
    for id in ["ledighedsydelse", "integration"] {
        let g = group(&doc, id);
        assert_eq!(g["status"]["success_rate_pct"], "< 5", "{id}");
        assert_eq!(g["money"]["earned"], "< 5", "{id}");
        assert_eq!(g["achieved"]["job_start"], "< 5", "{id}");
    }
    // No course, citizen or pseudonym anywhere.
    let text = doc.to_string();
    assert!(!text.contains("p-demo") && !text.contains("c-0"), "per-citizen data in {text}");

    // The CSV says the same, in Danish Excel form.
    let res = app
        .client
        .get(format!("{}{URL}&table=status", app.base))
        .bearer_auth(app.token("committee"))
        .header("accept", "text/csv")
        .query(&[("dialect", "excel-da")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    let bytes = res.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xef\xbb\xbf");
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "Målgruppe;Henviste;Igangværende;Afsluttet i job;Afsluttet uden job;Afbrudt;Effekt");
    assert_eq!(lines[1], "Dagpenge;92;5;30;26;31;53,6");
    assert_eq!(lines[2], "Ledighedsydelse;28;< 5;skjult;skjult;11;< 5");
    assert_eq!(lines[4], "I alt;130;7;40;35;48;53,3");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_what_if_fed_the_realised_rates_gives_the_realised_figures() {
    let app = demo().await;
    let (_, doc) = app.get(URL, Some("finance")).await;
    let dag = group(&doc, "dagpenge");
    let (s, sc) = app
        .post("/reports/scenario", Some("committee"), &json!({ "contract": "lejre-jobparate", "as_of": "2025-12-31" }))
        .await;
    assert_eq!(s, 200, "{sc}");
    assert_eq!(sc["target_group"], "dagpenge");
    assert_eq!(sc["given"], json!([]));
    // 92 referred, 30 job starts (32.61 %), 17 and 12 kept 3 and 6 months.
    assert_eq!(sc["inputs"]["referrals_per_year"], "92.00");
    assert_eq!(sc["inputs"]["job_start_rate_pct"], "32.61");
    assert_eq!(sc["inputs"]["retention_pct"], json!({ "retention_3m": "56.67", "retention_6m": "40.00" }));
    let r = &sc["result"];
    assert_eq!(r["payments"], dag["money"]["earned"]);
    assert_eq!(r["savings"], dag["realised"]["realised_savings"]);
    assert_eq!(r["net_per_year"], dag["realised"]["net_result"]);
    assert_eq!(r["break_even_deadweight_pct"], dag["realised"]["deadweight_realised_pct"]);

    // An extension year by hand (as in report::scenario's tests): 100
    // referrals, 40 % job starts, 60 % / 40 % kept, 20 % deadweight, 3 months
    // at 12,743.50: payments 600,000, savings 1,223,376, net 623,376.
    let body = json!({
        "contract": "lejre-jobparate", "target_group": "dagpenge", "as_of": "2025-12-31",
        "referrals_per_year": 100, "job_start_rate_pct": "40", "deadweight_pct": "20", "months_saved": "3",
        "retention_pct": { "retention_3m": "60", "retention_6m": "40" }
    });
    let (_, sc) = app.post("/reports/scenario", Some("finance"), &body).await;
    let r = &sc["result"];
    assert_eq!(
        (r["payments"].as_str(), r["savings"].as_str(), r["net_per_year"].as_str()),
        (Some("600000.00"), Some("1223376.00"), Some("623376.00"))
    );
    assert_eq!(r["net_per_referral"], "6233.76");
    assert_eq!(r["break_even_deadweight_pct"], "60.76");

    // Bad input: every problem, nothing computed.
    let (s, p) = app
        .post(
            "/reports/scenario",
            Some("finance"),
            &json!({ "contract": "lejre-jobparate", "job_start_rate_pct": 0.4, "deadweight_pct": "101" }),
        )
        .await;
    assert_eq!(s, 422, "{p}");
    assert_eq!(p["errors"].as_array().unwrap().len(), 2, "{p}");
    // A committee gets no realised rates for a group it may not see.
    let (s, p) = app
        .post(
            "/reports/scenario",
            Some("committee"),
            &json!({ "contract": "lejre-jobparate", "target_group": "ledighedsydelse", "as_of": "2025-12-31" }),
        )
        .await;
    assert_eq!(s, 422, "{p}");
    assert!(p["errors"][0]["message"].as_str().unwrap().contains("hidden from committees"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_export_as_csv_in_both_dialects() {
    let app = demo().await;
    let get = |path: &str| {
        let req = app.client.get(format!("{}{path}", app.base)).bearer_auth(app.token("finance"));
        async move {
            let res = req.send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (s, csv) = get("/payments?contract=lejre-jobparate&format=csv").await;
    assert_eq!(s, 200);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "payment_id,contract,course_id,milestone,amount,achieved_on,booked_on,due_on,invoice,line,reversed_on,reversal_reason"
    );
    // 34 job starts in July and 42 retention lines in December.
    assert_eq!(lines.count(), 34 + 42);
    let (_, csv) = get("/payments?format=csv&dialect=excel-da").await;
    assert!(csv.starts_with('\u{feff}') && csv.contains(";5000,00;"), "{}", &csv[..200]);
    let (s, csv) = get("/courses?contract=lejre-jobparate&as_of=2025-12-31&status=ongoing&format=csv").await;
    assert_eq!(s, 200);
    assert_eq!(csv.lines().count(), 1 + 7, "{csv}");
    let (s, _) = get("/payments?format=xml").await;
    assert_eq!(s, 422);
    let (s, _) = get("/reports/portfolio?contract=lejre-jobparate&format=csv&table=nope").await;
    assert_eq!(s, 422);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invoice_may_come_as_csv() {
    let app = demo().await;
    let csv = "supplier_cvr;invoice_number;contract;as_of;line;course_id;milestone;amount\r\n\
               00000000;CSV-1;lejre-jobparate;2025-12-31;1;c-130;job_start;5.000,00\r\n\
               00000000;CSV-1;lejre-jobparate;2025-12-31;2;c-001;job_start;5.000,00\r\n";
    let res = app
        .client
        .post(format!("{}/invoices/verify", app.base))
        .bearer_auth(app.token("supplier"))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let v: Value = res.json().await.unwrap();
    let codes: Vec<&str> = v["lines"].as_array().unwrap().iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert_eq!(codes[1], "already_paid", "{v}");
    let res = app
        .client
        .post(format!("{}/invoices/verify", app.base))
        .bearer_auth(app.token("finance"))
        .header("content-type", "text/csv")
        .body("supplier_cvr,invoice_number\n00000000,X\n")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_reads_the_same_figures_from_a_stopped_servers_data() {
    let app = demo().await;
    let data = app.stop().await;
    let store = data.path().join("store");
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_nocure"))
            .args([
                "report",
                "--as-of",
                "2025-12-31",
                "--contract",
                "lejre-jobparate",
                "--format",
                "csv",
                "--table",
                "money",
                "--data",
            ])
            .arg(&store)
            .env("NOCURE_PSEUDONYM_KEY", "00112233445566778899aabbccddeeff")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The figures worked out at the top of this file.
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "group,earned,paid,approved_unpaid,earned_uninvoiced,liability\n\
         Dagpenge,440000.00,125000.00,300000.00,25000.00,225000.00\n\
         Ledighedsydelse,140000.00,35000.00,100000.00,5000.00,70000.00\n\
         Integration,30000.00,10000.00,20000.00,0.00,0.00\n\
         Total,610000.00,170000.00,420000.00,30000.00,295000.00\n"
    );
    drop(data);
}
