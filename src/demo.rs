//! The demo data set: Lejre's 130 referrals of 2025 (docs/rules.md), as courses
//! with events whose status on 31 Dec 2025 reproduces the minutes' table:
//!
//! | group | referred | ongoing | job | no job | interrupted |
//! |---|---|---|---|---|---|
//! | dagpenge | 92 | 5 | 30 | 26 | 31 |
//! | ledighedsydelse | 28 | 2 | 8 | 7 | 11 |
//! | integration | 10 | 0 | 2 | 2 | 6 |
//!
//! The courses that ended in a job are split into cohorts whose outcomes
//! can be checked by hand (amounts per course as of 31 Dec 2025):
//!
//! | cohort | dagpenge | ledighedsydelse | integration | earned each |
//! |---|---|---|---|---|
//! | kept the job 6 months | 12 (2 change jobs with a 9-day gap) | 4 | 1 | 25,000 |
//! | lost it after 3 months | 6 | 2 | 0 | 15,000 |
//! | lost it within 3 months | 7 | 1 | 1 | 5,000 |
//! | job since Oct–Nov, still in it | 5 | 1 | 0 | 5,000 |
//!
//! Earned by 31 Dec 2025: dagpenge 450,000; ledighedsydelse 140,000;
//! integration 30,000; in all 620,000 kr. Benefit is paid monthly until the
//! job starts, and again after a job is lost; fleksjob subsidy is paid while
//! a ledighedsydelse citizen is in fleksjob. The ongoing courses end in
//! 2026. Two invoices are recorded (one with rejected lines), see
//! [`invoices`]; after them a day of dagpenge is reported late for one
//! citizen ([`late_benefit`]), which forfeits that citizen's 3-month
//! instalment (dagpenge earns 440,000, in all 610,000) and puts its
//! payment at risk.

use chrono::{Days, NaiveDate};

use crate::calendar::add_months;
use crate::service::Service;
use crate::service::tokens::Role;
use crate::store::audit::Actor;
use crate::store::{Read, RepoError, keys};
use crate::wire::course_api::CourseIn;
use crate::wire::course_in::{RawAttributes, RawEvent};

mod grant;
mod invoices;
pub mod registers;

pub use invoices::{invoices, late_benefit};

pub const CONTRACT: &str = "lejre-jobparate";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid demo date")
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).expect("demo dates are near")
}

fn ev(kind: &str, date: NaiveDate) -> RawEvent {
    RawEvent { kind: Some(kind.into()), date: Some(date.to_string()), ..RawEvent::default() }
}

fn job(date: NaiveDate, fleks: bool) -> RawEvent {
    RawEvent { job: Some(if fleks { "fleksjob" } else { "ordinary" }.into()), ..ev("job_started", date) }
}

fn ended(date: NaiveDate, outcome: &str, reason: Option<&str>) -> RawEvent {
    RawEvent { outcome: Some(outcome.into()), reason: reason.map(str::to_string), ..ev("course_ended", date) }
}

/// Benefit in calendar-month periods from `from` to `to`.
fn monthly(out: &mut Vec<RawEvent>, from: NaiveDate, to: NaiveDate, benefit: &str) {
    let mut start = from;
    while start <= to {
        let end = add_months(start, 1).pred_opt().expect("a day before").min(to);
        out.push(RawEvent {
            kind: Some("benefit_paid".into()),
            from: Some(start.to_string()),
            to: Some(end.to_string()),
            benefit: Some(benefit.into()),
            ..RawEvent::default()
        });
        start = plus(end, 1);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cohort {
    KeptSixMonths,
    LostAfterThree,
    LostWithinThree,
    RecentJob,
    Ongoing,
    NoJob,
    Sickness,
    MovedAway,
    JobBeforeCourse,
    Education,
}

/// (group, cohort, how many): the spec the tests and the README rely on.
pub const COHORTS: &[(&str, Cohort, usize)] = &[
    ("dagpenge", Cohort::KeptSixMonths, 12),
    ("dagpenge", Cohort::LostAfterThree, 6),
    ("dagpenge", Cohort::LostWithinThree, 7),
    ("dagpenge", Cohort::RecentJob, 5),
    ("dagpenge", Cohort::Ongoing, 5),
    ("dagpenge", Cohort::NoJob, 26),
    ("dagpenge", Cohort::Sickness, 10),
    ("dagpenge", Cohort::MovedAway, 8),
    ("dagpenge", Cohort::JobBeforeCourse, 8),
    ("dagpenge", Cohort::Education, 5),
    ("ledighedsydelse", Cohort::KeptSixMonths, 4),
    ("ledighedsydelse", Cohort::LostAfterThree, 2),
    ("ledighedsydelse", Cohort::LostWithinThree, 1),
    ("ledighedsydelse", Cohort::RecentJob, 1),
    ("ledighedsydelse", Cohort::Ongoing, 2),
    ("ledighedsydelse", Cohort::NoJob, 7),
    ("ledighedsydelse", Cohort::Sickness, 6),
    ("ledighedsydelse", Cohort::MovedAway, 2),
    ("ledighedsydelse", Cohort::JobBeforeCourse, 3),
    ("integration", Cohort::KeptSixMonths, 1),
    ("integration", Cohort::LostWithinThree, 1),
    ("integration", Cohort::NoJob, 2),
    ("integration", Cohort::JobBeforeCourse, 2),
    ("integration", Cohort::MovedAway, 2),
    ("integration", Cohort::Sickness, 2),
];

/// One demo course before it gets its id.
pub struct DemoCourse {
    pub group: &'static str,
    pub cohort: Cohort,
    pub referred_on: NaiveDate,
    pub attributes: RawAttributes,
    pub events: Vec<RawEvent>,
}

fn attributes(group: &str, k: usize, referred: NaiveDate) -> RawAttributes {
    let benefit = match group {
        "dagpenge" => "dagpenge",
        "ledighedsydelse" => "ledighedsydelse",
        _ => "integrationsydelse",
    };
    let months_ago = |m: u32| referred.checked_sub_months(chrono::Months::new(m)).expect("near").to_string();
    // Dagpenge eligibility takes any one of: a-kasse AAK/MA/LH, age 50+,
    // more than 12 months unemployed. Each course meets exactly one.
    let (birth, a_kasse, since) = match (group, k % 3) {
        ("dagpenge", 0) => (d(1986, 4, 12), Some(["AAK", "MA", "LH"][k / 3 % 3]), months_ago(4)),
        ("dagpenge", 1) => (d(1969, 9, 3), Some("3F"), months_ago(6)),
        ("dagpenge", _) => (d(1990, 1, 27), Some("FOA"), months_ago(15)),
        _ => (d(1978 + (k % 10) as i32, 3, 15), None, months_ago(9)),
    };
    RawAttributes {
        birth_date: Some(birth.to_string()),
        a_kasse: a_kasse.map(str::to_string),
        unemployed_since: Some(since),
        benefit: Some(benefit.into()),
    }
}

pub(crate) fn course(group: &'static str, cohort: Cohort, i: usize, k: usize) -> DemoCourse {
    let fleks = group == "ledighedsydelse";
    let benefit = match group {
        "dagpenge" => "dagpenge",
        "ledighedsydelse" => "ledighedsydelse",
        _ => "integrationsydelse",
    };
    let i64_ = i as u64;
    // Integration citizens could be referred until 30 Jun 2025 only.
    let spread = |start: NaiveDate, step: u64| plus(start, step * i64_);
    let mut e = Vec::new();
    let referred = match cohort {
        Cohort::KeptSixMonths => spread(d(2025, 2, 3), 7),
        Cohort::LostAfterThree => spread(d(2025, 3, 3), 10),
        Cohort::LostWithinThree => spread(d(2025, 4, 1), 9),
        Cohort::RecentJob => spread(d(2025, 8, 4), 14),
        Cohort::Ongoing => spread(d(2025, 10, 13), 14),
        Cohort::NoJob => spread(d(2025, 2, 10), if group == "dagpenge" { 8 } else { 20 }),
        Cohort::Sickness => spread(d(2025, 2, 17), if group == "integration" { 30 } else { 9 }),
        Cohort::MovedAway => spread(d(2025, 3, 5), 12),
        Cohort::JobBeforeCourse => spread(d(2025, 2, 24), 11),
        Cohort::Education => spread(d(2025, 5, 5), 15),
    };
    let started = plus(referred, 7);
    let paid_until = |e: &mut Vec<RawEvent>, until: NaiveDate| monthly(e, referred, until, benefit);
    match cohort {
        Cohort::KeptSixMonths | Cohort::LostAfterThree | Cohort::LostWithinThree | Cohort::RecentJob => {
            let start = match cohort {
                Cohort::KeptSixMonths => plus(started, 35 + 7 * (i64_ % 4)),
                Cohort::RecentJob => plus(d(2025, 10, 6), 10 * i64_),
                _ => plus(started, 28),
            };
            e.push(ev("course_started", started));
            paid_until(&mut e, start.pred_opt().expect("a day before"));
            e.push(job(start, fleks));
            e.push(ended(start, "job", None));
            let lost = match cohort {
                Cohort::LostAfterThree => Some(plus(add_months(start, 3), 20)),
                Cohort::LostWithinThree => Some(plus(start, 35 + 7 * (i64_ % 3))),
                _ => None,
            };
            if fleks {
                let until = lost.unwrap_or(d(2026, 6, 30));
                monthly(&mut e, start, until, "fleksjob");
            }
            match lost {
                Some(last) => {
                    e.push(ev("job_ended", last));
                    paid_until_after(&mut e, last, benefit);
                }
                None if cohort == Cohort::KeptSixMonths && group == "dagpenge" && (i == 3 || i == 8) => {
                    // A change of job with 9 days between: one chain (max_gap_days = 14).
                    let first_end = plus(start, 100);
                    e.push(ev("job_ended", first_end));
                    e.push(job(plus(first_end, 10), false));
                }
                None => {}
            }
        }
        Cohort::Ongoing => {
            e.push(ev("course_started", started));
            // Still running on 31 Dec 2025; each ends in 2026.
            match i {
                0 => {
                    paid_until(&mut e, d(2026, 2, 1));
                    e.push(job(d(2026, 2, 2), fleks));
                    e.push(ended(d(2026, 2, 2), "job", None));
                }
                2 => {
                    paid_until(&mut e, d(2026, 3, 15));
                    e.push(job(d(2026, 3, 16), fleks));
                    e.push(ended(d(2026, 3, 16), "job", None));
                }
                1 | 3 => {
                    paid_until(&mut e, d(2026, 4, 30));
                    let end = if i == 1 { d(2026, 3, 31) } else { d(2026, 4, 30) };
                    e.push(ended(end, "no_job", None));
                }
                _ => {
                    paid_until(&mut e, d(2026, 2, 20));
                    e.push(ended(d(2026, 2, 20), "interrupted", Some("sickness")));
                }
            }
        }
        Cohort::NoJob => {
            let end = plus(started, 91 + 3 * (i64_ % 10));
            e.push(ev("course_started", started));
            paid_until(&mut e, plus(end, 60));
            e.push(ended(end, "no_job", None));
        }
        Cohort::Sickness | Cohort::MovedAway | Cohort::Education => {
            let (after, reason) = match cohort {
                Cohort::Sickness => (20 + 2 * (i64_ % 10), "sickness"),
                Cohort::MovedAway => (30, "moved away"),
                _ => (25, "started education"),
            };
            let end = plus(started, after);
            e.push(ev("course_started", started));
            paid_until(&mut e, end);
            if cohort == Cohort::Sickness {
                monthly(&mut e, plus(end, 1), plus(end, 45), "sygedagpenge");
            }
            e.push(ended(end, "interrupted", Some(reason)));
        }
        Cohort::JobBeforeCourse => {
            let found = plus(referred, 3);
            paid_until(&mut e, found.pred_opt().expect("a day before"));
            e.push(job(found, fleks));
            e.push(ev("course_started", started));
            e.push(ended(started, "interrupted", Some("job found before the course started")));
        }
    }
    DemoCourse { group, cohort, referred_on: referred, attributes: attributes(group, k, referred), events: e }
}

fn paid_until_after(e: &mut Vec<RawEvent>, last_day: NaiveDate, benefit: &str) {
    let back = plus(last_day, 1);
    monthly(e, back, plus(back, 59), benefit);
}

/// All 130 demo courses in referral order; `c-001` is the first referred.
pub fn courses() -> Vec<(String, DemoCourse)> {
    let mut all = Vec::new();
    let mut k = 0;
    for (group, cohort, n) in COHORTS {
        for i in 0..*n {
            all.push(course(group, *cohort, i, k));
            k += 1;
        }
    }
    all.sort_by_key(|c| c.referred_on);
    all.into_iter().enumerate().map(|(n, c)| (format!("c-{:03}", n + 1), c)).collect()
}

/// Loads the demo data into an empty store (courses, invoices, register
/// extracts), recorded
/// and audited as the `demo` loader. Returns false when demo data is
/// already there.
pub async fn load(svc: &Service) -> Result<bool, RepoError> {
    if svc.repo.get::<bool>(keys::DEMO)?.is_some() {
        return Ok(false);
    }
    if svc.contracts().latest(CONTRACT).is_none() {
        return Err(RepoError::NotFound(format!(
            "the demo needs the {CONTRACT} contract; start with --contracts pointing at the shipped contracts/ folder"
        )));
    }
    let caseworker = Actor { role: "caseworker".into(), name: "demo".into() };
    let all = courses();
    for (id, c) in &all {
        let body = CourseIn {
            course_id: Some(id.clone()),
            cpr: None,
            citizen: Some(format!("p-demo-{}", &id[2..])),
            contract: Some(CONTRACT.into()),
            target_group: Some(c.group.into()),
            referred_on: Some(c.referred_on.to_string()),
            attributes: c.attributes.clone(),
            events: c.events.clone(),
        };
        svc.create_course(body, &caseworker).await?;
    }
    let finance = Actor { role: "finance".into(), name: "demo".into() };
    for inv in invoices(&all) {
        svc.record_invoice(&inv, &finance).await?;
    }
    // Reported after December's invoice was recorded: puts a payment at risk.
    let (id, late) = late_benefit(&all);
    svc.append_events(&id, vec![late], &caseworker).await?;
    grant::load(svc, &caseworker).await?;
    registers::load(svc, &all, &finance).await?;
    crate::demo_options::load(svc, &caseworker).await?;
    svc.repo
        .write(&Actor::system("demo"), |tx| {
            tx.put(keys::DEMO.into(), &true);
            tx.audit("demo.load", "demo data set", b"130 courses, 2 invoices");
            Ok(())
        })
        .await?;
    Ok(true)
}

/// New demo tokens, one per role, replacing earlier demo tokens.
pub async fn tokens(svc: &Service) -> Result<Vec<(Role, String)>, RepoError> {
    let system = Actor::system("demo");
    svc.revoke_tokens("demo-", &system).await?;
    let mut out = Vec::new();
    for role in Role::ALL {
        let supplier = (role == Role::Supplier).then_some("00000000");
        let (token, _) = svc.create_token(role, supplier, &format!("demo-{role}"), &system).await?;
        out.push((role, token));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spec_has_the_minutes_counts() {
        let count = |g: &str| COHORTS.iter().filter(|(x, _, _)| *x == g).map(|(_, _, n)| n).sum::<usize>();
        assert_eq!((count("dagpenge"), count("ledighedsydelse"), count("integration")), (92, 28, 10));
        assert_eq!(courses().len(), 130);
    }

    #[test]
    fn integration_referrals_are_before_july() {
        for (id, c) in courses() {
            if c.group == "integration" {
                assert!(c.referred_on <= d(2025, 6, 30), "{id} referred {}", c.referred_on);
            }
            assert!(c.referred_on.format("%Y").to_string() == "2025", "{id}");
        }
    }
}
