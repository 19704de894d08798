//! The comparison of options over real HTTP on the demo (`serve --demo`
//! with the shipped contract files), as of 31 Dec 2025, dagpenge. The
//! counts come from the cohorts in `src/demo.rs` and `src/demo_options.rs`:
//!
//! | option | referred | in job | no job | job starts | kept 3 m | kept 6 m | cost |
//! |---|---|---|---|---|---|---|---|
//! | Indsats ApS (lejre-jobparate) | 92 | 30 | 26 | 30 | 12 + 6 − 1 = 17 of 25 | 12 of 25 | earned 440,000 |
//! | Jobvejen ApS (lejre-jobvejen) | 35 | 8+5+5+5 = 23 | 6 | 23 | 8 + 5 = 13 of 18 | – | 23 × 10,000 + 13 × 12,000 = 386,000 |
//! | own team (lejre-egen-indsats) | 60 | 6+5+5+5 = 21 | 20 | 21 | 6 + 5 = 11 of 16 | 6 of 16 | 60 × 11,500 = 690,000 |
//!
//! "Of 25": the job starts whose stage is decided by the date, kept or lost
//! first; the 5 jobs that started since October (the cohort "job since
//! Oct") are younger than 3 months and left out, not counted as lost.
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
    // Kept 3 months 17/25: 1 + z²/n = 1.153664, centre 0.656025,
    // √0.010240640 = 0.101196, half 0.171925 → [48.41, 82.80]; 6 months
    // 12/25: centre 0.482664, √0.011520640 = 0.107334, half 0.182354 →
    // [30.03, 66.50].
    assert_eq!(
        (s(&lejre["retention_3m_pct"]), s(&lejre["retention_3m_low_pct"]), s(&lejre["retention_3m_high_pct"])),
        ("68.0", "48.41", "82.80")
    );
    assert_eq!(
        (s(&lejre["retention_6m_pct"]), s(&lejre["retention_6m_low_pct"]), s(&lejre["retention_6m_high_pct"])),
        ("48.0", "30.03", "66.50")
    );
    // 440,000 earned: / 30 = 14,666.67; / 17 = 25,882.35; / 12 = 36,666.67.
    assert_eq!(lejre["cost"], "440000.00");
    assert_eq!(lejre["cost_per_job_start"], "14666.67");
    assert_eq!(lejre["cost_per_retention_3m"], "25882.35");
    assert_eq!(lejre["cost_per_retention_6m"], "36666.67");

    let jv = option(&doc, "lejre-jobvejen");
    assert_eq!(
        (jv["option"].as_str().unwrap(), &jv["referred"]),
        ("Jobvejen ApS (fiktiv demoleverandør)", &Value::from(35))
    );
    // 23/29: 1 + z²/n = 1.132469, centre 0.758818, √0.006800262 = 0.082464,
    // half 0.142723 → [61.61, 90.15]. Job starts 23/35: 1 + z²/n =
    // 1.109760, centre 0.641601, √0.007221318 = 0.084978, half 0.150084 →
    // [49.15, 79.17]. 3 months 13/18: 1 + z²/n = 1.213422, centre 0.683137,
    // √0.014109602 = 0.118784, half 0.191868 → [49.13, 87.50].
    assert_eq!(
        (s(&jv["any_job_pct"]), s(&jv["any_job_low_pct"]), s(&jv["any_job_high_pct"])),
        ("79.3", "61.61", "90.15")
    );
    assert_eq!(
        (s(&jv["job_start_pct"]), s(&jv["job_start_low_pct"]), s(&jv["job_start_high_pct"])),
        ("65.7", "49.15", "79.17")
    );
    assert_eq!(
        (s(&jv["retention_3m_pct"]), s(&jv["retention_3m_low_pct"]), s(&jv["retention_3m_high_pct"])),
        ("72.2", "49.13", "87.50")
    );
    // No 6-month stage: no rate and no cost per 6-month retention.
    assert_eq!((&jv["retention_6m_pct"], &jv["cost_per_retention_6m"]), (&Value::Null, &Value::Null));
    // 386,000 / 23 = 16,782.61; / 13 = 29,692.31.
    assert_eq!(
        (s(&jv["cost"]), s(&jv["cost_per_job_start"]), s(&jv["cost_per_retention_3m"])),
        ("386000.00", "16782.61", "29692.31")
    );

    let own = option(&doc, "lejre-egen-indsats");
    assert_eq!(own["kind"], "in-house");
    // 21/41: 1 + z²/n = 1.093698, centre 0.511150, √0.006665260 = 0.081641,
    // half 0.146308 → [36.48, 65.75]. Job starts 21/60: 1 + z²/n =
    // 1.064027, centre 0.359026, √0.004058444 = 0.063706, half 0.117350 →
    // [24.17, 47.64]. 3 months 11/16 and 6 months 6/16: 1 + z²/n = 1.240100;
    // centres 0.651197 and 0.399202, √0.017179297 = 0.131070 and √0.0184 =
    // 0.135647, halves 0.207158 and 0.214392 → [44.40, 85.84], [18.48, 61.36].
    assert_eq!(
        (s(&own["any_job_pct"]), s(&own["any_job_low_pct"]), s(&own["any_job_high_pct"])),
        ("51.2", "36.48", "65.75")
    );
    assert_eq!((s(&own["job_start_low_pct"]), s(&own["job_start_high_pct"])), ("24.17", "47.64"));
    assert_eq!((s(&own["retention_3m_low_pct"]), s(&own["retention_3m_high_pct"])), ("44.40", "85.84"));
    assert_eq!((s(&own["retention_6m_low_pct"]), s(&own["retention_6m_high_pct"])), ("18.48", "61.36"));
    // 60 referrals × 11,500 = 690,000, whatever their outcome: / 21 =
    // 32,857.14; / 11 = 62,727.27; / 6 = 115,000.
    assert_eq!(own["cost"], "690000.00");
    assert_eq!(
        (s(&own["cost_per_job_start"]), s(&own["cost_per_retention_3m"]), s(&own["cost_per_retention_6m"])),
        ("32857.14", "62727.27", "115000.00")
    );

    // Net result = realised savings − cost, per referral over the referred.
    for (o, referred) in [(lejre, 92), (jv, 35), (own, 60)] {
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

    // Pairs: three on each of four rates, one on the 6-month rate. Apart
    // only on the job-start share: Jobvejen's [49.15, 79.17] lies above
    // Lejre's [23.89, 42.72] and the own team's [24.17, 47.64]. Every other
    // pair overlaps, e.g. in a job 79.3 % [61.61, 90.15] against 53.6 %
    // [40.70, 65.98] (61.61 < 65.98): they cannot be told apart.
    let pairs = doc["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 13, "{doc}");
    let apart: Vec<(&str, &str, &str, &str)> = pairs
        .iter()
        .filter(|p| p["verdict"] != "cannot_be_told_apart")
        .map(|p| (s(&p["rate"]), s(&p["a"]), s(&p["b"]), s(&p["verdict"])))
        .collect();
    assert_eq!(
        apart,
        [
            ("job_start", "lejre-jobparate", "lejre-jobvejen", "b_higher"),
            ("job_start", "lejre-jobvejen", "lejre-egen-indsats", "a_higher")
        ]
    );
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
    // Danish Excel: decimal commas, the own team's cost 690.000 as 690000,00.
    assert!(lines[2].contains(";egen indsats;60;51,2;36,48;65,75;"), "{body}");
    assert!(lines[2].contains(";690000,00;32857,14;"), "{body}");

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
