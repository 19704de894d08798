//! The once-per-citizen rule over courses held packed (what `nocure
//! evaluate` holds for a large file), against the same rule over a slice.
//! Lejre's version 1 pays each milestone once per citizen.

mod support;

use chrono::NaiveDate;
use nocure::course::CourseStore;
use nocure::evaluate::{OncePerCitizen, evaluate};
use nocure::verdict::Verdict;
use serde_json::json;

#[test]
fn a_citizens_second_course_in_a_packed_store_forfeits_the_job_start_the_first_earned() {
    let set = support::contracts("contracts");
    // p-1 referred twice: c-1 finds a job on 3 Mar 2025, c-2 (referred
    // 2 Jun 2025, after that job ended on 31 May) on 1 Sep 2025. The job
    // start (5,000 kr.) is payable once: c-1 earned it first, so c-2's is
    // forfeited naming c-1. c-3, another citizen, keeps its own.
    let one = |id: &str, citizen: &str, referred: &str, course: &str, job: &str, ended: Option<&str>| {
        let mut events =
            vec![json!({ "type": "course_started", "date": course }), json!({ "type": "job_started", "date": job })];
        if let Some(e) = ended {
            events.push(json!({ "type": "job_ended", "date": e }));
        }
        json!({ "course_id": id, "citizen": citizen, "contract": "lejre-jobparate", "target_group": "dagpenge",
            "referred_on": referred, "attributes": { "a_kasse": "AAK" }, "events": events })
    };
    let courses = support::courses(
        &set,
        &json!([
            one("c-1", "p-1", "2025-02-03", "2025-02-10", "2025-03-03", Some("2025-05-31")),
            one("c-2", "p-1", "2025-06-02", "2025-06-09", "2025-09-01", None),
            one("c-3", "p-2", "2025-02-03", "2025-02-10", "2025-03-03", None),
        ]),
    );
    let mut store = CourseStore::default();
    for c in &courses {
        store.push(c);
    }
    let as_of = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let job_start = |once: &OncePerCitizen, i: usize| {
        let mut e = evaluate(&set, &courses[i], as_of);
        once.apply(i, &mut e);
        e.milestones[0].verdict.clone()
    };
    let packed = OncePerCitizen::index_of(&set, &store, as_of);
    let sliced = OncePerCitizen::index(&set, &courses, as_of);
    for once in [&packed, &sliced] {
        assert!(matches!(job_start(once, 0), Verdict::Achieved { .. }));
        assert!(job_start(once, 1).achieved_on().is_none(), "{:?}", job_start(once, 1));
        assert!(matches!(job_start(once, 2), Verdict::Achieved { .. }));
    }
}
