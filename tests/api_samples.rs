//! Audit samples over real HTTP on the demo's payments: the same seed draws
//! the same sample, the work list is exported as CSV, checks are recorded
//! all or nothing, and the result states the error found, the estimate
//! with its interval and the clawback list.

mod support;

use serde_json::{Value, json};
use support::app::{Options, spawn_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeded_sample_is_checked_and_extrapolated() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let (_, payments) = app.get("/payments", Some("finance")).await;
    let active = payments["payments"].as_array().unwrap().iter().filter(|p| p["reversal"].is_null()).count() as u64;
    assert!(active > 0);
    // 95 % and 5 %: 59, or the whole population when it is smaller.
    let req = json!({ "seed": 7, "confidence_pct": "95", "tolerable_error_pct": "5" });
    let (s, a) = app.post("/audit/samples", Some("finance"), &req).await;
    assert_eq!(s, 201, "{a}");
    assert_eq!(a["size"].as_u64().unwrap(), 59.min(active));
    let (_, b) = app.post("/audit/samples", Some("finance"), &req).await;
    assert_eq!(a["items"], b["items"], "the same seed draws the same sample");
    assert_eq!((a["id"].as_u64(), b["id"].as_u64()), (Some(1), Some(2)));

    // The work list as CSV: a header and one row per sampled payment.
    let csv = app
        .client
        .get(format!("{}/audit/samples/1?format=csv", app.base))
        .bearer_auth(app.token("finance"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(csv.starts_with("payment_id,course_id,milestone,amount,outcome,error_amount"), "{csv}");
    assert_eq!(csv.lines().count() as u64, 1 + a["size"].as_u64().unwrap());

    // A check naming a payment outside the sample refuses the whole body.
    let items = a["items"].as_array().unwrap();
    let first = &items[0];
    let bad = json!({ "checks": [ { "payment_id": first["payment_id"], "outcome": "confirmed" },
                                  { "payment_id": 999999, "outcome": "confirmed" } ] });
    let (s, body) = app.post("/audit/samples/1/checks", Some("finance"), &bad).await;
    assert_eq!(s, 422, "{body}");
    let (_, r) = app.get("/audit/samples/1/result", Some("finance")).await;
    assert!(r["strata"].as_array().unwrap().iter().all(|s| s["checked"] == 0), "{r}");

    // The first sampled payment wholly in error, the rest confirmed.
    let checks: Vec<Value> = items
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                json!({ "payment_id": p["payment_id"], "outcome": "error", "error_amount": p["amount"] })
            } else {
                json!({ "payment_id": p["payment_id"], "outcome": "confirmed" })
            }
        })
        .collect();
    let (s, body) = app.post("/audit/samples/1/checks", Some("finance"), &json!({ "checks": checks })).await;
    assert_eq!(s, 200, "{body}");
    let (s, r) = app.get("/audit/samples/1/result", Some("finance")).await;
    assert_eq!(s, 200, "{r}");
    assert_eq!(r["error_found"], first["amount"]);
    assert_eq!(r["clawback"][0]["payment_id"], first["payment_id"]);
    assert_eq!(r["clawback"].as_array().unwrap().len(), 1);
    let money = |v: &Value| v.as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap();
    // The estimate is the sum of the milestones' and lies in its interval,
    // which starts no lower than the error found.
    let sum: rust_decimal::Decimal = r["strata"].as_array().unwrap().iter().map(|s| money(&s["estimated_error"])).sum();
    assert_eq!(sum, money(&r["estimated_error"]));
    assert!(money(&r["interval"]["lower"]) >= money(&r["error_found"]));
    assert!(money(&r["interval"]["lower"]) <= sum && sum <= money(&r["interval"]["upper"]));
    assert!(money(&r["interval"]["upper"]) <= money(&r["paid"]));
    assert_eq!(app.get("/audit/samples/1/result", Some("supplier")).await.0, 403);
    app.stop().await;
}
