//! The demo's other options for the same citizens, so that the comparison
//! of options has something to compare: a second, fictional supplier
//! (`contracts/lejre-jobvejen.toml`: 10,000 kr. at job start, 12,000 kr.
//! after 3 months, no 6-month stage) and the jobcenter's own team
//! (`contracts/lejre-egen-indsats.toml`, kind `in_house`). Their courses
//! are dagpenge courses built like Lejre's ([`crate::demo::course`]), in
//! other numbers per cohort; every figure is invented for the demo.
//!
//! As of 31 Dec 2025 (the cohorts are described in [`crate::demo`]):
//!
//! | option | referred | ongoing | in job | no job | interrupted | job starts | kept 3 m | kept 6 m |
//! |---|---|---|---|---|---|---|---|---|
//! | second supplier | 35 | 2 | 23 | 6 | 4 | 23 | 13 of 18 | – |
//! | own team | 60 | 3 | 21 | 20 | 16 | 21 | 11 of 16 | 6 of 16 |
//!
//! Job starts are the courses ended in a job (a job found before the
//! course started, an interruption, earns nothing); kept 3 months are the
//! cohorts that kept the job 6 months or lost it after 3, of the job starts
//! whose 3 months are decided (all but the 5 jobs since October); kept 6
//! months those that kept it 6. The second supplier earned 23 × 10,000 +
//! 13 × 12,000 = 386,000 kr.; the own team costs 60 × 11,500 = 690,000 kr.
//! The second supplier's job-start share, 23 / 35, is told apart from both
//! others' (tests/api_compare.rs).
//! Loaded only where the contract files are (a server started with other
//! contracts gets Lejre's demo alone).

use crate::demo::{Cohort, course};
use crate::service::Service;
use crate::store::RepoError;
use crate::store::audit::Actor;
use crate::wire::course_api::CourseIn;

pub const SUPPLIER: &str = "lejre-jobvejen";
pub const IN_HOUSE: &str = "lejre-egen-indsats";

/// How many dagpenge courses of each cohort.
pub type Cohorts = &'static [(Cohort, usize)];

/// (contract, course id prefix, cohorts).
pub const OPTIONS: &[(&str, &str, Cohorts)] = &[
    (
        SUPPLIER,
        "jv",
        &[
            (Cohort::KeptSixMonths, 8),
            (Cohort::LostAfterThree, 5),
            (Cohort::LostWithinThree, 5),
            (Cohort::RecentJob, 5),
            (Cohort::Ongoing, 2),
            (Cohort::NoJob, 6),
            (Cohort::Sickness, 2),
            (Cohort::MovedAway, 2),
        ],
    ),
    (
        IN_HOUSE,
        "ei",
        &[
            (Cohort::KeptSixMonths, 6),
            (Cohort::LostAfterThree, 5),
            (Cohort::LostWithinThree, 5),
            (Cohort::RecentJob, 5),
            (Cohort::Ongoing, 3),
            (Cohort::NoJob, 20),
            (Cohort::Sickness, 8),
            (Cohort::MovedAway, 5),
            (Cohort::JobBeforeCourse, 3),
        ],
    ),
];

/// The courses of one option in referral order, with their ids
/// (`jv-001`, …; citizens `p-demo-jv001`, …).
pub fn courses(contract: &str) -> Vec<(String, String, crate::demo::DemoCourse)> {
    let Some((_, prefix, cohorts)) = OPTIONS.iter().find(|(c, _, _)| *c == contract) else { return Vec::new() };
    let mut all = Vec::new();
    let mut k = 0;
    for (cohort, n) in cohorts.iter() {
        for i in 0..*n {
            all.push(course("dagpenge", *cohort, i, k));
            k += 1;
        }
    }
    all.sort_by_key(|c| c.referred_on);
    all.into_iter()
        .enumerate()
        .map(|(n, c)| (format!("{prefix}-{:03}", n + 1), format!("p-demo-{prefix}{:03}", n + 1), c))
        .collect()
}

/// Loads each option whose contract is there; returns how many courses.
pub async fn load(svc: &Service, caseworker: &Actor) -> Result<usize, RepoError> {
    let mut loaded = 0;
    for (contract, _, _) in OPTIONS {
        if svc.contracts().latest(contract).is_none() {
            continue;
        }
        for (id, citizen, c) in courses(contract) {
            let body = CourseIn {
                course_id: Some(id),
                cpr: None,
                citizen: Some(citizen),
                contract: Some(contract.to_string()),
                target_group: Some(c.group.into()),
                referred_on: Some(c.referred_on.to_string()),
                attributes: c.attributes.clone(),
                events: c.events.clone(),
            };
            svc.create_course(body, caseworker).await?;
            loaded += 1;
        }
    }
    Ok(loaded)
}
