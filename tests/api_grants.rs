//! The Ungeløftet grant over real HTTP: participants imported from CSV
//! (a bad row names its line and field, and nothing is stored) and recorded
//! as JSON, the report as of a date with its figures worked out by hand, a
//! committee's small cells, and the monthly table as CSV.

mod support;

use serde_json::{Value, json};
use support::app::{Options, TestApp, spawn_app};

const GRANT: &str = "/grants/lejre-ungeloeftet";

/// Ten young people enrolled on 1 Jan 2026 (born 1 Jan 2000: 26 at
/// enrolment). In January u-01…u-03 work (u-03 on into February), u-04 is
/// in education from 10 Jan on, u-05 in education 20–31 Jan; u-06…u-10
/// neither.
fn register() -> String {
    let mut s = String::from("participant,cpr,event,start,end,hours_per_week\n");
    for i in 1..=10 {
        s.push_str(&format!("u-{i:02},010100-40{i:02},enrolled,2026-01-01,,\n"));
    }
    s.push_str("u-01,,work,2026-01-01,2026-01-31,10\n");
    s.push_str("u-02,,work,2026-01-05,2026-01-31,20\n");
    s.push_str("u-03,,work,2026-01-12,,15\n");
    s.push_str("u-04,,education,2026-01-10,,\n");
    s.push_str("u-05,,education,2026-01-20,2026-01-31,\n");
    s
}

async fn post_csv(app: &TestApp, body: &str) -> (u16, Value) {
    let r = app
        .client
        .post(format!("{}{GRANT}/participants", app.base))
        .bearer_auth(app.token("caseworker"))
        .header("content-type", "text/csv")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

async fn report(app: &TestApp, who: &str, as_of: &str) -> Value {
    let (s, body) = app.get(&format!("{GRANT}/report?as_of={as_of}"), Some(who)).await;
    assert_eq!(s, 200, "{body}");
    body
}

fn errors(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_string(), e["message"].as_str().unwrap().to_string()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_row_names_its_line_and_field_and_nothing_is_stored() {
    let app = spawn_app(Options::default()).await;
    // Line 2 is fine; line 3 is 36 years old at enrolment (born 1990);
    // line 4 has no such date; line 5's participant has no enrolled row and
    // its job no hours.
    let bad = "participant,cpr,event,start,end,hours_per_week\n\
               u-01,010100-4001,enrolled,2026-01-01,,\n\
               u-02,010190-1234,enrolled,2026-01-01,,\n\
               u-01,,work,2026-01-32,,10\n\
               u-03,,work,2026-01-05,,\n";
    let (s, body) = post_csv(&app, bad).await;
    assert_eq!(s, 422, "{body}");
    let e = errors(&body);
    let has = |field: &str, text: &str| e.iter().any(|(f, m)| f == field && m.contains(text));
    assert!(has("cpr (line 3)", "aged 36 at enrolment on 2026-01-01; Ungeløftet is for ages 15 to 29"), "{e:?}");
    assert!(has("start (line 4)", "`2026-01-32` is not a date"), "{e:?}");
    assert!(has("enrolled (line 5)", "missing"), "{e:?}");
    assert!(has("hours_per_week (line 5)", "missing"), "{e:?}");
    // The CPR number is never echoed.
    assert!(!body.to_string().contains("010190"), "{body}");
    // Nothing of the file was stored: line 2 alone was fine, but January
    // has no participants.
    let r = report(&app, "finance", "2026-01-31").await;
    assert_eq!(r["months"].as_array().unwrap().iter().map(|m| m["participants"].as_u64().unwrap()).sum::<u64>(), 0);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_gives_the_band_the_secured_tranche_and_who_is_still_needed() {
    let app = spawn_app(Options::default()).await;
    let (s, body) = post_csv(&app, &register()).await;
    assert_eq!(s, 201, "{body}");
    assert_eq!(body["added"], 10);
    // Again: the same facts, nothing new.
    let (s, body) = post_csv(&app, &register()).await;
    assert_eq!((s, &body["unchanged"]), (200, &json!(10)), "{body}");
    // No CPR number in the store, only pseudonyms.
    let stored: Vec<(String, Value)> = app.svc.repo.scan("participant/").unwrap();
    assert_eq!(stored.len(), 10);
    let text = serde_json::to_string(&stored).unwrap();
    assert!(!text.contains("010100") && !text.contains("0101004001"), "{text}");

    // As of 15 Feb 2026. January (complete): 10 counted; in work u-01,
    // u-02, u-03 = 3; in education u-04, u-05 = 2; in work or education 5;
    // 5/10 = 50.0 %: the band [50 %, 55 %), tranche 2 = 40 % of
    // 1,834,319.32 = 733,727.728 → 733,727.73; at stake 917,159.66 −
    // 733,727.73 = 183,431.93. February (running): u-03 in work, u-04 in
    // education: 2/10. The next band paying more, [55 %, 100 %], needs
    // ceil(0.55 × 10) = 6: 4 more.
    let r = report(&app, "finance", "2026-02-15").await;
    let months = r["months"].as_array().unwrap();
    let jan = months.iter().find(|m| m["month"] == "2026-01").unwrap();
    assert_eq!(
        (&jan["participants"], &jan["in_work"], &jan["in_education"], &jan["in_work_or_education"], &jan["share_pct"]),
        (&json!(10), &json!(3), &json!(2), &json!(5), &json!("50.0"))
    );
    let feb = months.last().unwrap();
    assert_eq!(
        (&feb["month"], &feb["complete"], &feb["in_work_or_education"]),
        (&json!("2026-02"), &json!(false), &json!(2))
    );
    assert_eq!(r["best_month"]["month"], "2026-01");
    assert_eq!(r["band_reached"]["label"], "[50 %, 55 %)");
    assert_eq!(r["tranche1"], "917159.66");
    assert_eq!(r["tranche2_secured"], "733727.73");
    assert_eq!(r["at_stake"], "183431.93");
    assert_eq!((&r["next_band"]["needed"], &r["next_band"]["more"]), (&json!(6), &json!(4)));
    assert_eq!(r["next_band"]["band"]["tranche2"], "917159.66");
    assert_eq!(r["money"]["budget_difference"], "20000.00");
    assert!(r["warnings"][0]["message"].as_str().unwrap().contains("a difference of 20000.00 kr."), "{r}");

    // The committee: in work (3) and in education (2) are under 5 and
    // shown as "< 5"; the participants, those in work or education and the
    // share are the grant's own measure.
    let c = report(&app, "committee", "2026-02-15").await;
    let jan = c["months"].as_array().unwrap().iter().find(|m| m["month"] == "2026-01").unwrap().clone();
    assert_eq!(
        (&jan["participants"], &jan["in_work"], &jan["in_education"], &jan["share_pct"]),
        (&json!(10), &json!("< 5"), &json!("< 5"), &json!("50.0"))
    );
    assert_eq!(c["tranche2_secured"], "733727.73");

    // The monthly table as CSV, plain and for Danish Excel. The project
    // period starts 17 Jun 2025, so the table starts in June 2025.
    let csv = app
        .client
        .get(format!("{}{GRANT}/report?as_of=2026-02-15&format=csv", app.base))
        .bearer_auth(app.token("finance"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.starts_with("month,participants,in_work,in_education,in_work_or_education,share_pct,band,tranche2"),
        "{csv}"
    );
    assert!(csv.contains("2025-06,0,0,0,0,,,"), "{csv}");
    assert!(csv.contains("2026-01,10,3,2,5,50.0,\"[50 %, 55 %)\",733727.73"), "{csv}");
    let da = app
        .client
        .get(format!("{}{GRANT}/report?as_of=2026-02-15&format=csv&dialect=excel-da", app.base))
        .bearer_auth(app.token("finance"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(da.contains("2026-01;10;3;2;5;50,0;[50 %, 55 %);733727,73"), "{da}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn participants_are_recorded_as_json_with_their_places_named() {
    let app = spawn_app(Options::default()).await;
    let body = json!({ "participants": [
        { "participant": "u-1", "cpr": "010100-4001", "enrolled": "2026-01-01",
          "work": [ { "start": "2026-01-05", "hours_per_week": "7.5" } ] },
        { "participant": "u-2", "cpr": "010110-4002", "enrolled": "2026-01-01" }
    ] });
    // u-2 is born 1 Jan 2010: 16 on 1 Jan 2026, inside 15–29.
    let (s, r) = app.post(&format!("{GRANT}/participants"), Some("caseworker"), &body).await;
    assert_eq!(s, 201, "{r}");
    assert_eq!(r["added"], 2);
    // A 14-year-old (born 2 Jan 2011: 14 on 1 Jan 2026) and a job without hours.
    let bad = json!({ "participants": [
        { "participant": "u-3", "cpr": "020111-4003", "enrolled": "2026-01-01",
          "work": [ { "start": "2026-01-05" } ] } ] });
    let (s, r) = app.post(&format!("{GRANT}/participants"), Some("caseworker"), &bad).await;
    assert_eq!(s, 422, "{r}");
    let e = errors(&r);
    assert!(e.iter().any(|(f, m)| f == "participants[0].cpr" && m.contains("aged 14 at enrolment")), "{e:?}");
    assert!(e.iter().any(|(f, m)| f == "participants[0].work[0].hours_per_week" && m.contains("missing")), "{e:?}");
    // January: u-1 in work (7.5 h a week ≥ the file's 1), u-2 not: 1 of 2.
    let r = report(&app, "finance", "2026-01-31").await;
    let jan = r["months"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((&jan["participants"], &jan["in_work_or_education"]), (&json!(2), &json!(1)));
    // u-1 again with another CPR number: a conflict, nothing changed.
    let other = json!({ "participants": [ { "participant": "u-1", "cpr": "010101-4009", "enrolled": "2026-01-01" } ] });
    let (s, r) = app.post(&format!("{GRANT}/participants"), Some("caseworker"), &other).await;
    assert_eq!(s, 409, "{r}");
    let (s, _) = app.get("/grants/no-such/report?as_of=2026-01-31", Some("finance")).await;
    assert_eq!(s, 404);
    app.stop().await;
}
