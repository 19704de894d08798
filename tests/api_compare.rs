//! The comparison of options over real HTTP on the demo (`serve --demo`
//! with the shipped contract files), as of 31 Dec 2025, dagpenge. The
//! counts come from the cohorts in `src/demo.rs` and `src/demo_options.rs`:
//!
//! | option | referred | in job | no job | job starts | kept 3 m | kept 6 m | cost |
//! |---|---|---|---|---|---|---|---|
//! | Indsats ApS (lejre-jobparate) | 92 | 30 | 26 | 30 | 12 + 6 − 1 = 17 | 12 | earned 440,000 |
//! | Jobvejen ApS (lejre-jobvejen) | 40 | 8+4+3+2 = 17 | 12 | 17 | 8 + 4 = 12 | – | 17 × 10,000 + 12 × 12,000 = 314,000 |
//! | own team (lejre-egen-indsats) | 47 | 6+3+4+2 = 15 | 16 | 15 | 6 + 3 = 9 | 6 | 47 × 11,500 = 540,500 |
//!
//! Every job in the demo is ordinary for dagpenge, so the ordinary share
//! is the success rate. Wilson intervals, z = 1.96, z² = 3.8416:
//! centre = (p + z²/2n)/(1 + z²/n), half = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²).

mod support;

use serde_json::Value;
use support::app::{Options, TestApp, spawn_app};

async fn demo() -> TestApp {
    spawn_app(Options { demo: true, options: true, ..Options::default() }).await
}

const URL: &str = "/reports/compare?as_of=2025-12-31";

fn option<'a>(doc: &'a Value, contract: &str) -> &'a Value {
    doc["options"].as_array().unwrap().iter().find(|o| o["contract"] == contract).unwrap_or_else(|| panic!("{doc}"))
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_options_side_by_side_with_intervals_by_hand() {
    let app = demo().await;
    let (status, doc) = app.get(URL, Some("finance")).await;
    assert_eq!(status, 200, "{doc}");
    // Every contract (the test server also holds the `gap7` fixture, with
    // no courses); the suppliers first, the own team last; dagpenge, the
    // one group all have.
    assert_eq!(doc["target_group"], "dagpenge");
    let order: Vec<&str> = doc["options"].as_array().unwrap().iter().map(|o| s(&o["contract"])).collect();
    assert_eq!(order, ["gap7", "lejre-jobparate", "lejre-jobvejen", "lejre-egen-indsats"]);
    assert_eq!(
        (&option(&doc, "gap7")["referred"], &option(&doc, "gap7")["any_job_pct"]),
        (&Value::from(0), &Value::Null)
    );

    let lejre = option(&doc, "lejre-jobparate");
    assert_eq!(lejre["option"], "Indsats ApS");
    assert_eq!(lejre["kind"], "supplier");
    assert_eq!(lejre["referred"], 92);
    // 30/56: 1 + z²/n = 1.068600, centre 0.533422, √0.004747759 = 0.068904,
    // half 0.126382 → [40.70, 65.98].
    assert_eq!(
        (s(&lejre["any_job_pct"]), s(&lejre["any_job_low_pct"]), s(&lejre["any_job_high_pct"])),
        ("53.6", "40.70", "65.98")
    );
    assert_eq!(lejre["ordinary_job_pct"], "53.6");
    // Job starts 30/92: 1 + z²/n = 1.041757, centre 0.333058, √0.002502102
    // = 0.050021, half 0.094111 → [23.89, 42.72].
    assert_eq!(
        (s(&lejre["job_start_pct"]), s(&lejre["job_start_low_pct"]), s(&lejre["job_start_high_pct"])),
        ("32.6", "23.89", "42.72")
    );
    // Kept 3 months 17/30: centre 0.559099, √0.009252296 = 0.096189, half
    // 0.167129 → [39.20, 72.62]; 6 months 12/30: centre 0.411352, half
    // 0.165448 → [24.59, 57.68].
    assert_eq!((s(&lejre["retention_3m_low_pct"]), s(&lejre["retention_3m_high_pct"])), ("39.20", "72.62"));
    assert_eq!(
        (s(&lejre["retention_6m_pct"]), s(&lejre["retention_6m_low_pct"]), s(&lejre["retention_6m_high_pct"])),
        ("40.0", "24.59", "57.68")
    );
    // 440,000 earned: / 30 = 14,666.67; / 17 = 25,882.35; / 12 = 36,666.67.
    assert_eq!(lejre["cost"], "440000.00");
    assert_eq!(lejre["cost_per_job_start"], "14666.67");
    assert_eq!(lejre["cost_per_retention_3m"], "25882.35");
    assert_eq!(lejre["cost_per_retention_6m"], "36666.67");

    let jv = option(&doc, "lejre-jobvejen");
    assert_eq!(
        (jv["option"].as_str().unwrap(), &jv["referred"]),
        ("Jobvejen ApS (fiktiv demoleverandør)", &Value::from(40))
    );
    // 17/29: 1 + z²/n = 1.132469, centre 0.576123, √0.009506400 = 0.097501,
    // half 0.168748 → [40.74, 74.49]. Job starts 17/40: centre 0.431572,
    // half 0.146480 → [28.51, 57.81]. 3 months 12/17: 1 + z²/n = 1.225976,
    // centre 0.667933, √0.015535681 = 0.124642, half 0.199269 → [46.87, 86.72].
    assert_eq!(
        (s(&jv["any_job_pct"]), s(&jv["any_job_low_pct"]), s(&jv["any_job_high_pct"])),
        ("58.6", "40.74", "74.49")
    );
    assert_eq!((s(&jv["job_start_low_pct"]), s(&jv["job_start_high_pct"])), ("28.51", "57.81"));
    assert_eq!(
        (s(&jv["retention_3m_pct"]), s(&jv["retention_3m_low_pct"]), s(&jv["retention_3m_high_pct"])),
        ("70.6", "46.87", "86.72")
    );
    // No 6-month stage: no rate and no cost per 6-month retention.
    assert_eq!((&jv["retention_6m_pct"], &jv["cost_per_retention_6m"]), (&Value::Null, &Value::Null));
    // 314,000 / 17 = 18,470.59; / 12 = 26,166.67.
    assert_eq!(
        (s(&jv["cost"]), s(&jv["cost_per_job_start"]), s(&jv["cost_per_retention_3m"])),
        ("314000.00", "18470.59", "26166.67")
    );

    let own = option(&doc, "lejre-egen-indsats");
    assert_eq!(own["kind"], "in-house");
    // 15/31: 1 + z²/n = 1.123923, centre 0.485649, √0.0090555 = 0.095160,
    // half 0.165949 → [31.97, 65.16]. Job starts 15/47: centre 0.332814,
    // half 0.128862 → [20.40, 46.17]. 3 months 9/15 and 6 months 6/15:
    // 1 + z²/n = 1.256107, √0.020268444 = 0.142367, half 0.222147, centres
    // 0.579611 and 0.420389 → [35.75, 80.18] and [19.82, 64.25].
    assert_eq!(
        (s(&own["any_job_pct"]), s(&own["any_job_low_pct"]), s(&own["any_job_high_pct"])),
        ("48.4", "31.97", "65.16")
    );
    assert_eq!((s(&own["job_start_low_pct"]), s(&own["job_start_high_pct"])), ("20.40", "46.17"));
    assert_eq!((s(&own["retention_3m_low_pct"]), s(&own["retention_3m_high_pct"])), ("35.75", "80.18"));
    assert_eq!((s(&own["retention_6m_low_pct"]), s(&own["retention_6m_high_pct"])), ("19.82", "64.25"));
    // 47 referrals × 11,500 = 540,500, whatever their outcome: / 15 =
    // 36,033.33; / 9 = 60,055.56; / 6 = 90,083.33.
    assert_eq!(own["cost"], "540500.00");
    assert_eq!(
        (s(&own["cost_per_job_start"]), s(&own["cost_per_retention_3m"]), s(&own["cost_per_retention_6m"])),
        ("36033.33", "60055.56", "90083.33")
    );

    // Net result = realised savings − cost, per referral over the referred.
    for (o, referred) in [(lejre, 92), (jv, 40), (own, 47)] {
        let saved: rust_decimal::Decimal = s(&o["realised_savings"]).parse().unwrap();
        let cost: rust_decimal::Decimal = s(&o["cost"]).parse().unwrap();
        assert_eq!(s(&o["net_result"]), format!("{:.2}", saved - cost), "{o}");
        let per = nocure::money::round((saved - cost) / rust_decimal::Decimal::from(referred), 2);
        assert_eq!(s(&o["net_per_referral"]), format!("{per:.2}"), "{o}");
    }
    // The realised savings are each contract's own report's.
    let (_, p) = app.get("/reports/portfolio?contract=lejre-jobparate&as_of=2025-12-31", Some("finance")).await;
    let dagpenge = p["groups"].as_array().unwrap().iter().find(|g| g["id"] == "dagpenge").unwrap().clone();
    assert!(p.to_string().contains(s(&lejre["realised_savings"])), "{dagpenge}");

    // Every pair on every rate overlaps: nothing can be told apart on these
    // groups (e.g. 58.6 % [40.74, 74.49] against 48.4 % [31.97, 65.16]).
    // Pairs: three on each of four rates, one on the 6-month rate.
    let pairs = doc["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 13, "{doc}");
    assert!(pairs.iter().all(|p| p["verdict"] == "cannot_be_told_apart"), "{doc}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_roles_and_bad_requests() {
    let app = demo().await;
    let res = app
        .client
        .get(format!("{}{URL}&contracts=lejre-jobvejen,lejre-egen-indsats&format=csv&dialect=excel-da", app.base))
        .bearer_auth(app.token("committee"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let body = res.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 3, "{body}");
    assert!(lines[0].starts_with("\u{feff}Mulighed;Kontrakt;Type;Antal henviste"), "{body}");
    // Danish Excel: decimal commas, the own team's cost 540.500 as 540500,00.
    assert!(lines[2].contains(";egen indsats;47;48,4;31,97;65,16;"), "{body}");
    assert!(lines[2].contains(";540500,00;36033,33;"), "{body}");

    // A supplier and a caseworker may not; an unknown contract is 404; an
    // unknown group or parameter is refused.
    assert_eq!(app.get(URL, Some("supplier")).await.0, 403);
    assert_eq!(app.get(URL, Some("caseworker")).await.0, 403);
    let (st, doc) = app.get(&format!("{URL}&contracts=lejre-jobparate,nope"), Some("committee")).await;
    assert_eq!(st, 404, "{doc}");
    let (st, doc) = app.get(&format!("{URL}&target_group=unicorns"), Some("committee")).await;
    assert_eq!(st, 422, "{doc}");
    assert!(doc.to_string().contains("dagpenge"), "names the groups there are: {doc}");
    assert_eq!(app.get(&format!("{URL}&colour=blue"), Some("committee")).await.0, 400);

    // Each contract's total when asked for a group only Lejre has: the
    // others have no such courses.
    let (st, doc) = app.get(&format!("{URL}&target_group=ledighedsydelse"), Some("finance")).await;
    assert_eq!(st, 200, "{doc}");
    assert_eq!(option(&doc, "lejre-jobvejen")["referred"], 0);
    assert_eq!(option(&doc, "lejre-jobparate")["referred"], 28);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_committee_sees_small_cells_withheld_as_in_the_contracts_own_report() {
    let app = demo().await;
    // Ledighedsydelse under Lejre: 4 kept 6 months (< 5), so the 6-month
    // rate and every amount are withheld; the status counts are the
    // minutes' (published), so the success rate 8/15 = 53.3 % stays.
    let (st, doc) =
        app.get(&format!("{URL}&contracts=lejre-jobparate&target_group=ledighedsydelse"), Some("committee")).await;
    assert_eq!(st, 200, "{doc}");
    let o = option(&doc, "lejre-jobparate");
    assert_eq!(o["any_job_pct"], "53.3");
    assert_eq!(o["retention_6m_pct"], "suppressed");
    assert_eq!(o["cost"], "suppressed");
    assert_eq!(o["net_per_referral"], "suppressed");
    // Finance sees the figure: 140,000 earned.
    let (_, doc) =
        app.get(&format!("{URL}&contracts=lejre-jobparate&target_group=ledighedsydelse"), Some("finance")).await;
    assert_eq!(option(&doc, "lejre-jobparate")["cost"], "140000.00");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_own_team_is_never_paid_per_milestone() {
    let app = demo().await;
    // ei-001 is the own team's first course; whatever it achieved, an
    // invoice line for it is refused, with 0.00 as with any amount.
    let invoice = serde_json::json!({
        "supplier_cvr": "99999999", "invoice_number": "EI-1", "contract": "lejre-egen-indsats", "as_of": "2025-12-31",
        "lines": [ { "line": 1, "course_id": "ei-001", "milestone": "job_start", "amount": "0.00" } ]
    });
    let (s, doc) = app.post("/invoices/verify", Some("finance"), &invoice).await;
    assert_eq!(s, 200, "{doc}");
    assert_eq!(doc["lines"][0]["code"], "wrong_contract", "{doc}");
    assert!(doc.to_string().contains("paid by its cost, never per milestone"), "{doc}");
}
