//! Properties every evaluation must have, over random courses under every
//! break policy and gap tolerance the test contracts hold.

mod support;

use chrono::{Days, NaiveDate};
use nocure::benefit::{Benefit, JobType};
use nocure::contract::ContractSet;
use nocure::course::{Attributes, Course, Event, EventKind, Outcome};
use nocure::evaluate::{CourseEvaluation, evaluate};
use nocure::ids::{CitizenRef, ContractId, CourseId, TargetGroupId};
use nocure::money::Money;
use nocure::verdict::Verdict;
use proptest::prelude::*;

fn contracts() -> ContractSet {
    support::contracts("tests/fixtures/contracts")
}

const CONTRACTS: [&str; 3] = ["gap7", "restart", "monthly"];

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 2, 3).unwrap().checked_add_days(Days::new(offset)).unwrap()
}

/// A random but well-formed course: referral, optional course start and
/// end, up to four jobs with gaps, up to four benefit periods.
#[derive(Clone, Debug)]
struct Shape {
    contract: usize,
    course_start: Option<u64>,
    course_end: Option<(u64, u8)>,
    /// (gap before the job, length; None = still running)
    jobs: Vec<(u64, Option<u64>, bool)>,
    /// (where it starts, length, which benefit)
    benefits: Vec<((bool, u64, usize), u64, u8)>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        0..CONTRACTS.len(),
        proptest::option::of(0u64..20),
        proptest::option::of((0u64..200, 0u8..3)),
        proptest::collection::vec((0u64..40, proptest::option::of(1u64..200), any::<bool>()), 0..4),
        proptest::collection::vec(((any::<bool>(), 0u64..400, 0usize..8), 0u64..40, 0u8..3), 0..4),
    )
        .prop_map(|(contract, course_start, course_end, jobs, benefits)| Shape {
            contract,
            course_start,
            course_end,
            jobs,
            benefits,
        })
}

/// Day offsets where jobs start and end: where the rules have their edges.
fn job_days(s: &Shape) -> Vec<u64> {
    let mut days = Vec::new();
    let mut t = 0;
    for (i, (gap, len, _)) in s.jobs.iter().enumerate() {
        t += gap + if i == 0 { 0 } else { 1 };
        days.push(t);
        match len {
            Some(l) => {
                t += l;
                days.push(t);
            }
            None => break,
        }
    }
    days
}

/// A benefit day: anywhere, or (half the time) on a job's first or last day.
fn pick_day(s: &Shape, (anchored, offset, which): (bool, u64, usize)) -> u64 {
    let days = job_days(s);
    if anchored && !days.is_empty() { days[which % days.len()] } else { offset }
}

fn build(s: &Shape, extra_benefit_day: Option<u64>) -> Course {
    let mut events = Vec::new();
    let ev = |kind| Event { id: None, kind };
    if let Some(o) = s.course_start {
        events.push(ev(EventKind::CourseStarted { date: day(o) }));
    }
    if let Some((o, outcome)) = s.course_end {
        let start = s.course_start.unwrap_or(0);
        let outcome = [Outcome::Job, Outcome::NoJob, Outcome::Interrupted][outcome as usize];
        events.push(ev(EventKind::CourseEnded { date: day(start + o), outcome, reason: None }));
    }
    let mut t = 0;
    for (i, (gap, len, fleks)) in s.jobs.iter().enumerate() {
        t += gap + if i == 0 { 0 } else { 1 };
        let job = if *fleks { JobType::Fleksjob } else { JobType::Ordinary };
        events.push(ev(EventKind::JobStarted { date: day(t), job }));
        match len {
            Some(l) => {
                t += l;
                events.push(ev(EventKind::JobEnded { date: day(t) }));
            }
            None => break,
        }
    }
    for (at, len, b) in &s.benefits {
        let from = pick_day(s, *at);
        let benefit = [Benefit::Dagpenge, Benefit::Fleksjob, Benefit::Sygedagpenge][*b as usize];
        events.push(ev(EventKind::BenefitPaid { from: day(from), to: day(from + len), benefit }));
    }
    if let Some(d) = extra_benefit_day {
        events.push(ev(EventKind::BenefitPaid { from: day(d), to: day(d), benefit: Benefit::Dagpenge }));
    }
    Course::new(
        CourseId::parse("c-prop").unwrap(),
        CitizenRef::parse("p-prop").unwrap(),
        ContractId::parse(CONTRACTS[s.contract]).unwrap(),
        TargetGroupId::parse("dagpenge").unwrap(),
        day(0),
        Attributes::default(),
        &events,
    )
    .expect("generated courses are well-formed")
}

fn achieved(e: &CourseEvaluation<'_>) -> Vec<(usize, NaiveDate)> {
    e.milestones.iter().filter_map(|v| v.verdict.achieved_on().map(|d| (v.index, d))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn earned_never_exceeds_the_sum_of_milestones(s in shape(), as_of in 0u64..800) {
        let set = contracts();
        let c = build(&s, None);
        let e = evaluate(&set, &c, day(as_of));
        let cap: Money = e.contract.unwrap().milestones.iter().map(|m| m.amount).sum();
        prop_assert!(e.earned <= cap);
        prop_assert!(e.earned >= Money::ZERO);
    }

    #[test]
    fn achieved_dates_follow_milestone_order(s in shape(), as_of in 0u64..800) {
        let set = contracts();
        let c = build(&s, None);
        let e = evaluate(&set, &c, day(as_of));
        let a = achieved(&e);
        for w in a.windows(2) {
            prop_assert!(w[0].0 < w[1].0 && w[0].1 < w[1].1, "{a:?}");
        }
        for (_, d) in &a {
            prop_assert!(*d <= day(as_of), "achieved after as_of: {d}");
        }
    }

    #[test]
    fn a_later_as_of_never_unachieves_a_milestone(s in shape(), a in 0u64..800, more in 0u64..400) {
        let set = contracts();
        let c = build(&s, None);
        let early = evaluate(&set, &c, day(a));
        let late = evaluate(&set, &c, day(a + more));
        for (i, d) in achieved(&early) {
            prop_assert_eq!(late.milestones[i].verdict.achieved_on(), Some(d), "milestone {} at {} then {}", i, day(a), day(a + more));
        }
        prop_assert!(late.earned >= early.earned);
    }

    #[test]
    fn a_disallowed_benefit_day_never_increases_what_is_earned(
        s in shape(),
        extra in (any::<bool>(), 0u64..500, 0usize..8),
        as_of in 0u64..800,
    ) {
        let set = contracts();
        let without = build(&s, None);
        let with = build(&s, Some(pick_day(&s, extra)));
        let a = evaluate(&set, &without, day(as_of));
        let b = evaluate(&set, &with, day(as_of));
        prop_assert!(b.earned <= a.earned, "{} > {}", b.earned, a.earned);
        // Nor does it turn a forfeited milestone into an achieved one.
        for (x, y) in a.milestones.iter().zip(&b.milestones) {
            if matches!(x.verdict, Verdict::Forfeited { .. }) {
                let turned = matches!(y.verdict, Verdict::Achieved { .. });
                prop_assert!(!turned, "milestone {} went from forfeited to achieved", x.index);
            }
        }
    }
}
