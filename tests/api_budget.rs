//! `GET /reports/budget` over real HTTP on the demo data (`serve --demo`),
//! as of 31 Dec 2025: the budget year 2026 against Lejre's savings target
//! of 4.1 million kr. (parameters/savings_targets.toml), the forecast for
//! January to December 2026, and the realised savings split.

mod support;

use serde_json::Value;
use support::app::{Options, TestApp, spawn_app};

const URL: &str = "/reports/budget?contract=lejre-jobparate&as_of=2025-12-31";

async fn demo() -> TestApp {
    spawn_app(Options { demo: true, ..Options::default() }).await
}

fn kr(v: &Value) -> rust_decimal::Decimal {
    v.as_str().unwrap_or_else(|| panic!("an amount: {v}")).parse().unwrap()
}

#[tokio::test]
async fn finance_sees_the_year_the_forecast_and_whose_saving() {
    let app = demo().await;
    let (s, doc) = app.get(URL, Some("finance")).await;
    assert_eq!(s, 200, "{doc}");
    let b = &doc["budget"];
    assert_eq!((b["year"].as_i64(), b["target"].as_str()), (Some(2026), Some("4100000.00")));
    assert_eq!(b["payments_realised"], "0.00");
    assert_eq!(b["months_beyond_forecast"], 0);
    assert_eq!(kr(&b["net"]), kr(&b["savings"]) - kr(&b["payments"]));

    let f = &doc["forecast"];
    let months = f["months"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    assert_eq!(
        (months[0]["month_end"].as_str(), months[11]["month_end"].as_str()),
        (Some("2026-01-31"), Some("2026-12-31"))
    );
    // The year's expected payments are the sum of its months, and the year
    // view takes the same figure.
    let sum: rust_decimal::Decimal = months.iter().map(|m| kr(&m["payments"])).sum();
    assert_eq!(kr(&f["payments_to_year_end"]), sum);
    assert_eq!(kr(&b["payments_expected"]), sum);
    // The most the open courses can still cost is the committee report's
    // "still payable" (tests/api_reports.rs): dagpenge 5 × 20,000 + 5 ×
    // 25,000 = 225,000, ledighedsydelse 20,000 + 2 × 25,000 = 70,000.
    assert_eq!(f["most_payable"], "295000.00");
    // Weighted by the realised rates the forecast expects less than that.
    assert!(sum < kr(&f["most_payable"]) && sum > rust_decimal::Decimal::ZERO, "{sum}");

    // Whose saving: the public purse's equals the minutes' average (the rate
    // files hold the minutes' monthly averages); the municipality carries
    // less, and the state the rest.
    let (_, report) = app.get("/reports/portfolio?contract=lejre-jobparate&as_of=2025-12-31", Some("finance")).await;
    let realised = report["groups"].as_array().unwrap().iter().find(|g| g["id"] == "dagpenge").unwrap()["realised"]
        ["realised_savings"]
        .clone();
    let split = &doc["split"];
    let dp = split["groups"].as_array().unwrap().iter().find(|g| g["group"] == "dagpenge").unwrap();
    assert_eq!(dp["public_purse"], realised, "{dp}");
    assert_eq!(dp["minutes_realised"], realised);
    assert!(kr(&dp["municipality"]) < kr(&dp["public_purse"]));
    assert_eq!(kr(&dp["municipality"]) + kr(&dp["state"]), kr(&dp["public_purse"]));
    let total = &split["total"];
    let rows = split["groups"].as_array().unwrap();
    for key in ["public_purse", "municipality", "state", "minutes_realised"] {
        let s: rust_decimal::Decimal = rows.iter().map(|r| kr(&r[key])).sum();
        assert_eq!(kr(&total[key]), s, "{key}");
    }
    app.stop().await;
}

#[tokio::test]
async fn tables_as_csv_and_what_is_refused() {
    let app = demo().await;
    let get = |path: String, who: &'static str| {
        let req = app.client.get(format!("{}{path}", app.base)).bearer_auth(app.token(who));
        async move {
            let res = req.send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (s, csv) = get(format!("{URL}&format=csv"), "finance").await;
    assert_eq!(s, 200);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "month_end,payments,payments_low,payments_high,savings_public,savings_municipality"
    );
    assert_eq!(lines.count(), 12 + 1, "{csv}");
    let (s, csv) = get(format!("{URL}&format=csv&dialect=excel-da&table=split"), "procurement").await;
    assert_eq!(s, 200);
    assert!(csv.contains("Kommunens andel") && csv.contains("Dagpenge;"), "{csv}");
    let (s, csv) = get(format!("{URL}&format=csv&table=budget&year=2026"), "finance").await;
    assert_eq!(s, 200);
    assert!(csv.contains("4100000.00"), "{csv}");
    let (s, csv) = get(format!("{URL}&format=csv&table=rates"), "finance").await;
    assert_eq!(s, 200);
    assert!(csv.starts_with("group,courses,job_start_pct,job_starts,kept_3m,kept_6m,window_kept_pct"), "{csv}");
    for bad in ["&table=nope", "&year=20x6", "&year=1999"] {
        let (s, body) = get(format!("{URL}{bad}"), "finance").await;
        assert_eq!(s, 422, "{bad}: {body}");
    }
    let (s, _) = get("/reports/budget?contract=nope&as_of=2025-12-31".into(), "finance").await;
    assert_eq!(s, 404);
    let (s, _) = get(URL.into(), "committee").await;
    assert_eq!(s, 403);
    app.stop().await;
}
