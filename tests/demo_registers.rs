//! The demo's register extracts over real HTTP: three demo courses whose
//! registers contradict what was recorded report exactly the differences
//! their extracts were written with, and courses whose registers confirm
//! the recorded jobs report none.

mod support;

use serde_json::Value;
use support::app::{Options, spawn_app};

fn said(body: &Value, lang: &str) -> Vec<String> {
    body["differences"].as_array().unwrap().iter().map(|d| d[lang].as_str().unwrap().to_string()).collect()
}

fn disagrees(body: &Value) -> Vec<bool> {
    body["milestones"].as_array().unwrap().iter().map(|m| m["disagrees"].as_bool().unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_registers_confirm_most_courses_and_contradict_three() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let get = |id: String| {
        let app = &app;
        async move {
            let (s, body) = app.get(&format!("/courses/{id}/registers?as_of=2025-12-31"), Some("finance")).await;
            assert_eq!(s, 200, "{id}: {body}");
            body
        }
    };

    // c-001, the first dagpenge course that kept its job (referred 3 Feb,
    // started 3 + 7 = 10 Feb, job from 10 Feb + 35 days = 17 Mar 2025): its
    // first pay period starts a month later, 17 Apr. On the registers the
    // job starts after the course ended (17 Mar), so no milestone is earned.
    let body = get("c-001".into()).await;
    assert_eq!(
        said(&body, "en"),
        [
            "job start recorded 17 Mar 2025, first paid hours in April 2025",
            "job start: achieved on 17 Mar 2025 on the recorded events, forfeited on the registers",
            "job kept 3 months: achieved on 17 Jun 2025 on the recorded events, forfeited on the registers",
            "job kept 6 months: achieved on 17 Sep 2025 on the recorded events, forfeited on the registers",
        ]
    );
    assert_eq!(said(&body, "da")[0], "jobstart registreret 17.03.2025, første lønnede timer i april 2025");
    assert_eq!(disagrees(&body), [true, true, true]);

    // c-004, the second (referred 10 Feb, started 17 Feb, job from 17 Feb +
    // 35 + 7 = 31 Mar 2025): dagpenge in ISO week 20 (12-18 May), inside
    // 31 Mar - 30 Jun. The job start stands; the chain breaks in week 20.
    let body = get("c-004".into()).await;
    assert_eq!(
        said(&body, "en"),
        [
            "benefit (dagpenge) paid in week 20 of 2025 inside the 3-month retention",
            "job kept 3 months: achieved on 30 Jun 2025 on the recorded events, forfeited on the registers",
            "job kept 6 months: achieved on 30 Sep 2025 on the recorded events, forfeited on the registers",
        ]
    );
    assert_eq!(disagrees(&body), [false, true, true]);

    // c-009, the third (referred 17 Feb, started 24 Feb, job from 24 Feb +
    // 35 + 14 = 14 Apr 2025): every hour is paid by the supplier's own CVR,
    // one pay period a month from April 2025 to March 2026 (12 months), so
    // the registers show no job at all.
    let body = get("c-009".into()).await;
    let en = said(&body, "en");
    assert_eq!(en.len(), 1 + 12 + 3, "{en:?}");
    assert_eq!(en[0], "job start recorded 14 Apr 2025, no month with enough paid hours in the income register");
    assert_eq!(en[1], "paid hours at the supplier's own CVR number in April 2025");
    assert_eq!(en[12], "paid hours at the supplier's own CVR number in March 2026");
    assert_eq!(
        en[13..],
        [
            "job start: achieved on 14 Apr 2025 on the recorded events, forfeited on the registers",
            "job kept 3 months: achieved on 14 Jul 2025 on the recorded events, forfeited on the registers",
            "job kept 6 months: achieved on 14 Oct 2025 on the recorded events, forfeited on the registers",
        ]
    );
    assert_eq!(disagrees(&body), [true, true, true]);

    // c-026, the dagpenge course whose day of dagpenge (job start + 35
    // days, in week 20) was reported late: the benefit register has that
    // week, so the registers agree with the recorded events (both forfeit
    // the 3-month instalment): a week the recording already shows is no
    // difference, and finance is told nothing.
    let body = get("c-026".into()).await;
    assert!(said(&body, "en").is_empty(), "{body}");
    assert_eq!(disagrees(&body), [false, false, false]);

    // c-002, a ledighedsydelse course that kept its fleksjob: the income
    // register confirms it, all three milestones agree.
    let body = get("c-002".into()).await;
    assert!(said(&body, "en").is_empty(), "{body}");
    let recorded: Vec<&str> =
        body["milestones"].as_array().unwrap().iter().map(|m| m["recorded"].as_str().unwrap()).collect();
    assert_eq!(recorded, ["achieved", "achieved", "achieved"], "{body}");
    assert_eq!(disagrees(&body), [false, false, false]);

    // Every other course, with or without a recorded job (c-124 starts one
    // on 2 Feb 2026, inside the extract), reports no difference.
    for n in 1..=130 {
        let id = format!("c-{n:03}");
        if ["c-001", "c-004", "c-009"].contains(&id.as_str()) {
            continue;
        }
        let body = get(id.clone()).await;
        assert!(said(&body, "en").is_empty(), "{id}: {body}");
        assert!(!disagrees(&body).contains(&true), "{id}: {body}");
    }
}
