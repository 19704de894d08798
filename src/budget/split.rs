//! Realised savings split between the municipality and the public purse.
//!
//! The minutes' 50,974 kr. per citizen in work is an average. What a
//! citizen's work saves the *public purse* is the benefit not paid: the
//! group's monthly rate (parameter file) times the estimate's months, less
//! the fleksjob subsidy, counted over the same qualifying days as the
//! realised savings (`report::savings`). What it saves the *municipality*
//! is that amount day by day times the municipality's share on the
//! staircase, at the week the citizen would have reached had they stayed on
//! benefit (`history`, `staircase`). The rest is the state's.
//!
//! CHOSEN (docs/rules.md): the rate and the staircase are those in force on
//! the job start; the group's benefit gives the rate; the fleksjob subsidy
//! is shared on the same staircase as the benefit (the staircase covers it).
//! Money is exact per course and rounded to øre once per group; totals are
//! sums of rounded rows.

use std::borrow::Borrow;
use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Parameters;
use super::history::days_on_benefit_before;
use super::staircase::{Piece, Staircase, pieces};
use crate::benefit::Benefit;
use crate::contract::{ContractSet, Estimate};
use crate::course::Course;
use crate::evaluate::evaluate_all;
use crate::money::Money;
use crate::report::savings::{CourseSaving, Days};
use crate::rules::timeline::Timeline;
use crate::verdict::{CourseStatus, Verdict};

/// The saving of one run of days on one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PieceSaving {
    pub piece: Piece,
    /// Exact (not rounded).
    pub public: Money,
    pub municipality: Money,
}

/// What the public purse saves per window (the rate times the months, less
/// the fleksjob subsidy), and the window's days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PerWindow {
    pub net: Money,
    pub days: i64,
}

impl PerWindow {
    pub fn new(monthly: Money, estimate: &Estimate, window_days: i64) -> PerWindow {
        let gross = monthly * estimate.expected_months_saved;
        PerWindow { net: gross - estimate.fleksjob_subsidy, days: window_days.max(1) }
    }
}

/// Cuts `runs` at the staircase's steps and month ends, and prices each run.
pub fn price(stairs: &Staircase, start: NaiveDate, days_before: i64, runs: &[Days], w: PerWindow) -> Vec<PieceSaving> {
    pieces(stairs, start, days_before, runs)
        .into_iter()
        .map(|piece| {
            let public = w.net * (Decimal::from(piece.days.len()) / Decimal::from(w.days));
            PieceSaving { piece, public, municipality: public * piece.step.municipality }
        })
        .collect()
}

/// One citizen in work's realised saving, split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseSplit {
    pub job_start: NaiveDate,
    /// Days on benefit before the job start, and the week the job start is on.
    pub days_before: i64,
    pub week: u32,
    pub pieces: Vec<PieceSaving>,
}

impl CourseSplit {
    pub fn public(&self) -> Money {
        self.pieces.iter().map(|p| p.public).sum()
    }

    pub fn municipality(&self) -> Money {
        self.pieces.iter().map(|p| p.municipality).sum()
    }
}

/// The split of a course whose job started on `job_start`.
pub fn course_split(
    course: &Course,
    tl: &Timeline<'_>,
    job_start: NaiveDate,
    estimate: &Estimate,
    stairs: &Staircase,
    monthly: Money,
) -> CourseSplit {
    let saving = CourseSaving::new(tl, job_start, estimate);
    let days_before = days_on_benefit_before(course, job_start);
    let w = PerWindow::new(monthly, estimate, saving.window_days);
    CourseSplit {
        job_start,
        days_before,
        week: super::staircase::week_of_day(days_before),
        pieces: price(stairs, job_start, days_before, &saving.qualifying, w),
    }
}

/// One row: a target group, or the total of the groups with an estimate.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SplitRow {
    /// `None` for the total.
    pub group: Option<String>,
    pub label: String,
    pub benefit: Option<Benefit>,
    /// Citizens in work whose saving is split (a job start, an estimate and
    /// a rate).
    pub citizens: u64,
    /// Citizens in work left out for want of a monthly rate.
    pub without_rate: u64,
    /// The minutes' net saving per citizen in job (the estimate).
    pub minutes_per_citizen: Option<Money>,
    /// Realised savings as the minutes' average gives them (`report::savings`).
    pub minutes_realised: Money,
    /// Rounded once per group.
    pub public: Money,
    pub municipality: Money,
    pub state: Money,
}

impl SplitRow {
    /// The municipality's share of the public purse's saving.
    pub fn municipal_share(&self) -> Option<Decimal> {
        self.municipality.ratio(self.public)
    }

    fn plus(&mut self, o: &SplitRow) {
        self.citizens += o.citizens;
        self.without_rate += o.without_rate;
        self.minutes_realised += o.minutes_realised;
        self.public += o.public;
        self.municipality += o.municipality;
        self.state += o.state;
    }
}

/// Realised savings split, per target group with an estimate and in total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitReport {
    pub contract: String,
    pub as_of: NaiveDate,
    pub groups: Vec<SplitRow>,
    pub total: SplitRow,
}

/// The split for contract `id` as of `as_of`; `None` when it is unknown.
pub fn realised<C: Borrow<Course>>(
    contracts: &ContractSet,
    id: &str,
    courses: &[C],
    params: &Parameters,
    as_of: NaiveDate,
) -> Option<SplitReport> {
    contracts.latest(id)?;
    let mine: Vec<&Course> = courses.iter().map(Borrow::borrow).filter(|c| c.contract.as_str() == id).collect();
    let mut rows: Vec<SplitRow> = Vec::new();
    for v in contracts.versions(id).into_iter().rev() {
        for g in &v.target_groups {
            if g.estimate.is_some() && !rows.iter().any(|r| r.group.as_deref() == Some(g.id.as_str())) {
                rows.push(SplitRow {
                    group: Some(g.id.to_string()),
                    label: g.label.clone(),
                    benefit: Some(g.benefit),
                    minutes_per_citizen: g.estimate.as_ref().map(|e| e.benefit_saving - e.fleksjob_subsidy),
                    ..SplitRow::default()
                });
            }
        }
    }
    let index: HashMap<String, usize> =
        rows.iter().enumerate().filter_map(|(i, r)| r.group.clone().map(|g| (g, i))).collect();
    let mut exact = vec![(Money::ZERO, Money::ZERO, Money::ZERO); rows.len()];
    for e in evaluate_all(contracts, &mine, as_of) {
        let (Some(&gi), Some(contract)) = (index.get(e.course.target_group.as_str()), e.contract) else { continue };
        if e.status == CourseStatus::NotYetReferred {
            continue;
        }
        let Some(tg) = contract.target_group(e.course.target_group.as_str()) else { continue };
        let Some(est) = tg.estimate.as_ref() else { continue };
        let start = e.milestones.iter().find_map(|v| match (&v.verdict, contract.milestones[v.index].is_job_start()) {
            (Verdict::Achieved { date }, true) => Some(*date),
            _ => None,
        });
        let Some(start) = start else { continue };
        let tl = Timeline::new(&e.course.facts, &contract.payment, as_of);
        let minutes = CourseSaving::new(&tl, start, est).saving();
        exact[gi].0 += minutes;
        let (Some(stairs), Some(monthly)) = (params.staircase_on(start), params.monthly_rate(tg.benefit, start)) else {
            rows[gi].without_rate += 1;
            continue;
        };
        let s = course_split(e.course, &tl, start, est, stairs, monthly);
        rows[gi].citizens += 1;
        exact[gi].1 += s.public();
        exact[gi].2 += s.municipality();
    }
    let mut total = SplitRow { label: "Total".into(), ..SplitRow::default() };
    for (r, (minutes, public, municipality)) in rows.iter_mut().zip(exact) {
        r.minutes_realised = minutes.rounded();
        r.public = public.rounded();
        r.municipality = municipality.rounded();
        r.state = r.public - r.municipality;
        total.plus(r);
    }
    Some(SplitReport { contract: id.to_string(), as_of, groups: rows, total })
}
