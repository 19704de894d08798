//! Education as an event kind: a course records `education_started` and
//! `education_ended`, and the reform's indicator "in work or education 6
//! months after referral" counts it (the grant pools measure the same).

mod support;

use chrono::NaiveDate;
use nocure::load::load_contracts;
use nocure::report::portfolio;
use nocure::wire::course_file::read_json;
use serde_json::json;

fn course(id: &str, referred: &str, events: serde_json::Value) -> serde_json::Value {
    json!({ "course_id": id, "citizen": format!("p-{id}"), "contract": "lejre-jobparate", "target_group": "dagpenge",
        "referred_on": referred, "attributes": { "a_kasse": "AAK" }, "events": events })
}

#[test]
fn education_counts_in_the_in_work_or_education_indicator() {
    let (set, problems, _) = load_contracts(&[support::root().join("contracts")]);
    assert!(problems.is_empty(), "{problems:?}");
    // Four courses referred 3 Mar 2025; their day is 3 Sep 2025.
    let file = json!({ "courses": [
        // In work on 3 Sep.
        course("e-1", "2025-03-03", json!([ { "type": "job_started", "date": "2025-04-01" } ])),
        // In education from 18 Aug, ended 30 Sep: in education on 3 Sep.
        course("e-2", "2025-03-03", json!([
            { "type": "education_started", "date": "2025-08-18" },
            { "type": "education_ended", "date": "2025-09-30" } ])),
        // Education ended 31 Aug: neither on 3 Sep.
        course("e-3", "2025-03-03", json!([
            { "type": "education_started", "date": "2025-01-06" },
            { "type": "education_ended", "date": "2025-08-31" } ])),
        // Nothing.
        course("e-4", "2025-03-03", json!([]))
    ] });
    let courses = read_json(file.to_string().as_bytes(), &set, "education.json").unwrap();
    let p = portfolio(&set, "lejre-jobparate", &courses, &[], NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()).unwrap();
    let i = p.group("dagpenge").unwrap().indicators;
    // 4 due; in work 1 (e-1); in work or education 2 (e-1, e-2): 50.0 %.
    assert_eq!((i.due_6m, i.in_work_6m, i.in_work_or_education_6m), (4, 1, 2));
    assert_eq!(i.share_in_work_or_education_6m().unwrap().percent(1).to_string(), "50.0");

    // An education_ended with no start is refused, naming the event.
    let bad = json!({ "courses": [ course("e-5", "2025-03-03", json!([ { "type": "education_ended", "date": "2025-05-01" } ])) ] });
    let problems = read_json(bad.to_string().as_bytes(), &set, "bad.json").unwrap_err();
    assert!(
        problems.iter().any(|p| p.field.ends_with("events[0].date") && p.message.contains("has no education_started")),
        "{problems:?}"
    );
}
