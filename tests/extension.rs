//! Whether to extend: the what-if for a period, on the demo's dagpenge
//! group as of 31 Dec 2025, extended through 2026 (the extension decided on
//! 3 Dec 2025 runs to 31 Dec 2026). Worked out by hand:
//!
//! - Referrals expected: 92 referred from 1 Feb to 31 Dec 2025 (334 days),
//!   over the 365 days of 2026: R = 92 × 365 / 334 = 100.538922….
//! - Central: the realised rates, job start 30 / 92, kept 3 months 17 / 30,
//!   6 months 12 / 30: job starts R × 30/92 = 32.784431; payments 32.784431
//!   × (5,000 + 17/30 × 10,000 + 12/30 × 10,000) = 440,000 × 365/334 =
//!   480,838.32; savings the realised 1,146,966.63 × 365/334 ≈ 1,253,421.62.
//! - Low and high: the ends of the Wilson intervals (z = 1.96): job start
//!   30/92 → [0.238946, 0.427169]; 17/30 → [0.391970, 0.726228]; 12/30 →
//!   [0.245904, 0.576799]. Each milestone's amount is rounded to øre and
//!   payments are their sum. Low: 24.023419 job starts, payments
//!   24.023419 × 5,000 = 120,117.09, × 0.391970 × 10,000 = 94,164.62,
//!   × 0.245904 × 10,000 = 59,074.53, together 273,356.24; savings 24.023419 ×
//!   1,146,966.63 / 30 ≈ 918,468.66, break-even deadweight 1 − 273,356.24 /
//!   918,468.66 = 70.24 %. High: 42.947141 job starts, payments 214,735.71
//!   plus 311,894.00 plus 247,718.89 = 774,348.60 (central: 163,922.16 plus
//!   185,778.44 plus 131,137.72 = 480,838.32), savings ≈ 1,641,964.60,
//!   break-even 52.84 %.

mod support;

use rust_decimal::Decimal;
use serde_json::{Value, json};
use support::app::{Options, spawn_app};

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap_or_else(|| panic!("{v}")).parse().unwrap()
}

/// Savings rest on the realised savings, which the report rounds to øre
/// once (1,146,966.63); scaled up, that rounding moves them by under a øre.
fn near(v: &Value, expected: &str) {
    let diff = (dec(v) - expected.parse::<Decimal>().unwrap()).abs();
    assert!(diff <= Decimal::new(1, 2), "{v} is not {expected} ± 0.01");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_2026_extension_at_low_central_and_high_rates() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let body = json!({ "contract": "lejre-jobparate", "target_group": "dagpenge", "as_of": "2025-12-31", "until": "2026-12-31" });
    let (s, doc) = app.post("/reports/scenario", Some("finance"), &body).await;
    assert_eq!(s, 200, "{doc}");
    let e = &doc["extension"];
    assert_eq!(
        (e["from"].as_str(), e["until"].as_str(), e["days"].as_i64()),
        (Some("2026-01-01"), Some("2026-12-31"), Some(365))
    );
    assert_eq!(e["referrals_expected"], "100.54");
    assert_eq!(e["central"]["job_starts"], "32.78");
    assert_eq!(e["central"]["payments"], "480838.32");
    near(&e["central"]["savings"], "1253421.62");
    assert_eq!(e["low"]["job_starts"], "24.02");
    assert_eq!(e["low"]["payments"], "273356.24");
    near(&e["low"]["savings"], "918468.66");
    assert_eq!(e["low"]["break_even_deadweight_pct"], "70.24");
    assert_eq!(e["high"]["job_starts"], "42.95");
    assert_eq!(e["high"]["payments"], "774348.60");
    near(&e["high"]["savings"], "1641964.60");
    assert_eq!(e["high"]["break_even_deadweight_pct"], "52.84");
    // Net = savings − payments in each run (no deadweight given).
    for band in ["low", "central", "high"] {
        let r = &e[band];
        assert_eq!(dec(&r["net"]), dec(&r["savings"]) - dec(&r["payments"]), "{band}");
    }
    // Without a period, the answer is the what-if as before.
    let (_, plain) = app
        .post("/reports/scenario", Some("finance"), &json!({ "contract": "lejre-jobparate", "as_of": "2025-12-31" }))
        .await;
    assert!(plain.get("extension").is_none(), "{plain}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn given_rates_are_held_and_bad_periods_refused() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    // 120 referrals a year over the first half of 2026 (181 days, 1 Jan to
    // 30 Jun): 120 × 181 / 365 = 59.51; job start given as 40 %: held in
    // all three runs, 59.506849 × 0.4 = 23.80 job starts each.
    let body = json!({
        "contract": "lejre-jobparate", "as_of": "2025-12-31", "from": "2026-01-01", "until": "2026-06-30",
        "referrals_per_year": 120, "job_start_rate_pct": "40"
    });
    let (s, doc) = app.post("/reports/scenario", Some("finance"), &body).await;
    assert_eq!(s, 200, "{doc}");
    let e = &doc["extension"];
    assert_eq!((e["days"].as_i64(), &e["referrals_expected"]), (Some(181), &json!("59.51")));
    for band in ["low", "central", "high"] {
        assert_eq!(e[band]["job_starts"], "23.80", "{band}");
    }
    // The retention rates still vary: payments low < central < high.
    assert!(dec(&e["low"]["payments"]) < dec(&e["central"]["payments"]));
    assert!(dec(&e["central"]["payments"]) < dec(&e["high"]["payments"]));

    for (bad, field) in [
        (json!({ "as_of": "2025-12-31", "until": "2025-12-01" }), "until"),
        (json!({ "as_of": "2025-12-31", "until": "31.12.2026" }), "until"),
        (json!({ "as_of": "2025-12-31", "from": "2026-01-01" }), "until"),
    ] {
        let mut body = bad.clone();
        body["contract"] = json!("lejre-jobparate");
        let (s, doc) = app.post("/reports/scenario", Some("finance"), &body).await;
        assert_eq!(s, 422, "{bad}: {doc}");
        assert!(doc.to_string().contains(field), "{doc}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_committee_pages_what_if_shows_the_extension_in_danish() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let get = |path: String| {
        let (base, token) = (app.base.clone(), app.token("finance").to_string());
        async move {
            let res = reqwest::Client::new()
                .get(format!("{base}{path}"))
                .header("cookie", format!("nocure_token={token}; nocure_lang=da"))
                .send()
                .await
                .unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    // The form offers the contract's last referral day, 31.12.2026.
    let (s, page) = get("/committee?contract=lejre-jobparate&as_of=2025-12-31".into()).await;
    assert_eq!(s, 200);
    assert!(page.contains("id=\"until\" name=\"until\" value=\"2026-12-31\""), "{page}");
    // Submitted with the realised rates (fields left empty): the figures
    // worked out by hand above, in Danish.
    let (s, page) =
        get("/committee?contract=lejre-jobparate&as_of=2025-12-31&wi=1&group=dagpenge&until=2026-12-31".into()).await;
    assert_eq!(s, 200);
    let start = page.find("id=\"table-extension\"").unwrap_or_else(|| panic!("{page}"));
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    assert!(table.contains("Forlængelsen 01.01.2026–31.12.2026 (365 dage)"), "{table}");
    let at = table.find("data-key=\"payments\"").unwrap();
    let row = &table[at..at + table[at..].find("</tr>").unwrap()];
    let cells: Vec<&str> = row.split("<td class=\"num\">").skip(1).map(|c| c.split("</td>").next().unwrap()).collect();
    assert_eq!(cells, ["273.356,24 kr.", "480.838,32 kr.", "774.348,60 kr."]);
    assert!(table.contains(">100,5<"), "referrals expected 100.54 shown as 100,5: {table}");
    // A bad period is named by its field on the form.
    let (_, page) =
        get("/committee?contract=lejre-jobparate&as_of=2025-12-31&wi=1&group=dagpenge&until=2025-01-01".into()).await;
    assert!(page.contains("Forlæng henvisningerne til: kan ikke bruges"), "{page}");
}
