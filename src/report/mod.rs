//! Committee figures for one contract as of a date, computed from the
//! courses, their events and the payment ledger. Pure: the service hands in
//! the courses and the ledger; nothing here reads the store or the clock.
//!
//! Per target group and in total:
//! - the status table in the minutes' form ([`status`]);
//! - money: earned (milestones achieved), paid, approved but not yet paid
//!   ([`ledger`]), earned but not yet invoiced, and the most that could still
//!   become payable on open courses (pending milestones);
//! - the investment case next to what the events show ([`savings`]):
//!   realised savings, net result (realised savings − earned), and the
//!   deadweight break-even at the estimated and at the realised savings;
//! - the reform's result indicators: share in work 6 months after referral,
//!   cost per citizen in work (paid / ended in job);
//! - a month-by-month series of cumulative payments and realised savings.
//!
//! [`disclosure`] hides small cells for committees; [`scenario`] is the
//! what-if, fed by [`Portfolio::realised_input`] by default.

pub mod disclosure;
pub mod ledger;
pub mod savings;
pub mod scenario;
pub mod status;

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::{add_months, next_day};
use crate::case;
use crate::contract::{Contract, ContractSet};
use crate::course::Course;
use crate::evaluate::evaluate_all;
use crate::invoice::encode_key;
use crate::money::{Money, Share};
use crate::rules::timeline::Timeline;
use crate::verdict::Verdict;
use ledger::LedgerEntry;
use savings::{CourseSaving, month_end};
use scenario::{ScenarioInput, ScenarioMilestone};
use status::StatusCounts;

/// Months after referral for the reform's "in work after 6 months".
pub const INDICATOR_MONTHS: u32 = 6;

#[derive(Clone, Debug, PartialEq)]
pub struct Portfolio {
    pub contract: String,
    pub title: String,
    /// The latest version (its milestones and estimates head the report).
    pub version: u32,
    pub as_of: NaiveDate,
    /// Milestones of the latest version: (id, after_months, amount).
    pub milestones: Vec<(String, u32, Money)>,
    pub groups: Vec<GroupFigures>,
    pub total: GroupFigures,
    /// Month ends from the first referral's month to `as_of`.
    pub series: Vec<MonthPoint>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GroupFigures {
    /// `None` for the total.
    pub id: Option<String>,
    pub label: String,
    pub counts: StatusCounts,
    /// Courses referred in the 12 months up to the date: the default
    /// referrals per year of a what-if.
    pub referred_12m: u64,
    pub money: MoneyFigures,
    /// The contract's estimate (latest version); `None` without one.
    pub case: Option<CaseRow>,
    pub realised: Realised,
    pub indicators: Indicators,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MoneyFigures {
    /// Milestones achieved as of the date (what the courses have earned).
    pub earned: Money,
    /// Payments due by the date, net of reversals.
    pub paid: Money,
    /// Payments on recorded invoices not yet due.
    pub approved_unpaid: Money,
    /// Achieved milestones no recorded invoice pays.
    pub earned_uninvoiced: Money,
    /// Pending milestones on courses referred by the date: the most that
    /// could still become payable.
    pub liability: Money,
}

/// The investment-case estimate per citizen in job ([`case::figures`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRow {
    pub benefit_saving: Money,
    pub supplier_cost: Money,
    pub fleksjob_subsidy: Money,
    pub saving_potential: Money,
    pub net_saving: Money,
    pub expected_months: Decimal,
    pub monthly_net_saving: Money,
    pub months_to_break_even: Option<Decimal>,
    pub deadweight_break_even: Option<Share>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Realised {
    /// Courses whose job start milestone is achieved.
    pub job_starts: u64,
    /// Achieved count per milestone of [`Portfolio::milestones`].
    pub achieved: Vec<u64>,
    /// Months of benefit saved, summed over job starts (groups with an
    /// estimate only).
    pub months_saved: Decimal,
    /// Realised net savings; `None` when no group has an estimate.
    pub savings: Option<Money>,
    /// What the courses of groups with an estimate earned: the cost the
    /// savings are set against.
    pub cost: Money,
}

impl Realised {
    /// Realised savings − earned.
    pub fn net_result(&self) -> Option<Money> {
        self.savings.map(|s| s - self.cost)
    }

    /// 1 − earned / realised savings: the largest share of those in job who
    /// could have found work anyway before the case stops paying, on the
    /// results so far. `None` without positive savings.
    pub fn deadweight_break_even(&self) -> Option<Share> {
        let s = self.savings.filter(|s| s.is_positive())?;
        self.cost.ratio(s).map(|r| Share::from_ratio(Decimal::ONE - r))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Indicators {
    /// Courses referred at least 6 months before the date.
    pub due_6m: u64,
    /// Of those, citizens in a counted job without disallowed benefit on the
    /// day 6 months after referral.
    pub in_work_6m: u64,
}

impl Indicators {
    pub fn share_in_work_6m(&self) -> Option<Share> {
        Share::of(self.in_work_6m, self.due_6m)
    }
}

impl GroupFigures {
    /// Cost per citizen in work: paid / ended in job.
    pub fn cost_per_job(&self) -> Option<Money> {
        self.money.paid.checked_div(Decimal::from(self.counts.ended_job))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthPoint {
    pub month_end: NaiveDate,
    /// Paid by this day, net of reversals.
    pub paid: Money,
    /// Realised savings of qualifying days up to this day.
    pub savings: Money,
}

impl GroupFigures {
    fn new(id: Option<String>, label: String, milestones: usize) -> GroupFigures {
        GroupFigures {
            id,
            label,
            counts: StatusCounts::default(),
            referred_12m: 0,
            money: MoneyFigures::default(),
            case: None,
            realised: Realised { achieved: vec![0; milestones], ..Realised::default() },
            indicators: Indicators::default(),
        }
    }

    fn plus(&mut self, o: &GroupFigures) {
        self.counts.plus(&o.counts);
        self.referred_12m += o.referred_12m;
        let (m, om) = (&mut self.money, &o.money);
        m.earned += om.earned;
        m.paid += om.paid;
        m.approved_unpaid += om.approved_unpaid;
        m.earned_uninvoiced += om.earned_uninvoiced;
        m.liability += om.liability;
        let (r, or) = (&mut self.realised, &o.realised);
        r.job_starts += or.job_starts;
        for (a, b) in r.achieved.iter_mut().zip(&or.achieved) {
            *a += b;
        }
        r.months_saved += or.months_saved;
        r.savings = match (r.savings, or.savings) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(Money::ZERO) + b.unwrap_or(Money::ZERO)),
        };
        r.cost += or.cost;
        self.indicators.due_6m += o.indicators.due_6m;
        self.indicators.in_work_6m += o.indicators.in_work_6m;
    }
}

fn case_row(contract: &Contract, group: &crate::contract::TargetGroup) -> Option<CaseRow> {
    let f = case::figures(contract, group)?;
    let est = group.estimate.as_ref()?;
    Some(CaseRow {
        benefit_saving: f.benefit_saving,
        supplier_cost: f.supplier_cost,
        fleksjob_subsidy: f.fleksjob_subsidy,
        saving_potential: f.saving_potential,
        net_saving: f.net_saving,
        expected_months: est.expected_months_saved,
        monthly_net_saving: f.net_saving.checked_div(est.expected_months_saved).unwrap_or(Money::ZERO),
        months_to_break_even: f.months_to_break_even,
        deadweight_break_even: f.deadweight_break_even,
    })
}

/// The figures for contract `id` as of `as_of`. `courses` may hold courses
/// of other contracts (they are skipped); `ledger` the contract's payments.
/// `None` when the contract is unknown.
pub fn portfolio<C: Borrow<Course>>(
    contracts: &ContractSet,
    id: &str,
    courses: &[C],
    ledger: &[LedgerEntry],
    as_of: NaiveDate,
) -> Option<Portfolio> {
    let latest = contracts.latest(id)?.clone();
    let mine: Vec<&Course> = courses.iter().map(Borrow::borrow).filter(|c| c.contract.as_str() == id).collect();

    // Groups: the latest version's, then any only older versions have.
    let mut group_ids: Vec<(String, String)> = Vec::new();
    for v in contracts.versions(id).into_iter().rev() {
        for g in &v.target_groups {
            if !group_ids.iter().any(|(x, _)| x == g.id.as_str()) {
                group_ids.push((g.id.to_string(), g.label.clone()));
            }
        }
    }
    let milestones: Vec<(String, u32, Money)> =
        latest.milestones.iter().map(|m| (m.id.to_string(), m.after_months, m.amount)).collect();
    let mut groups: Vec<GroupFigures> = group_ids
        .iter()
        .map(|(gid, label)| {
            let mut g = GroupFigures::new(Some(gid.clone()), label.clone(), milestones.len());
            g.case = contracts
                .versions(id)
                .into_iter()
                .rev()
                .find_map(|v| v.target_group(gid).map(|tg| (v, tg)))
                .and_then(|(v, tg)| case_row(v, tg));
            g
        })
        .collect();
    let group_of: HashMap<&str, usize> = group_ids.iter().enumerate().map(|(i, (gid, _))| (gid.as_str(), i)).collect();

    // The ledger as of the date.
    let course_group: HashMap<&str, usize> =
        mine.iter().filter_map(|c| group_of.get(c.target_group.as_str()).map(|g| (c.id.as_str(), *g))).collect();
    let mut active_keys: HashSet<&str> = HashSet::new();
    let mut unassigned = MoneyFigures::default();
    for e in ledger.iter().filter(|e| e.active_on(as_of)) {
        active_keys.insert(e.key.as_str());
        let m = match course_group.get(e.course_id.as_str()) {
            Some(g) => &mut groups[*g].money,
            None => &mut unassigned,
        };
        if e.paid_on(as_of) {
            m.paid += e.amount;
        } else {
            m.approved_unpaid += e.amount;
        }
    }

    let evals = evaluate_all(contracts, &mine, as_of);
    let year_before = as_of.checked_sub_months(chrono::Months::new(12)).unwrap_or(NaiveDate::MIN);
    let mut savings: Vec<CourseSaving> = Vec::new();
    for e in &evals {
        let (Some(g), Some(contract)) = (group_of.get(e.course.target_group.as_str()), e.contract) else { continue };
        if e.status == crate::verdict::CourseStatus::NotYetReferred {
            continue;
        }
        let course = e.course;
        let fig = &mut groups[*g];
        fig.counts.add(e.status);
        if course.referred_on > year_before {
            fig.referred_12m += 1;
        }
        fig.money.earned += e.earned;
        let per_citizen = contract.payment.once_per_citizen;
        let scope = if per_citizen { course.citizen.as_str() } else { course.id.as_str() };
        let mut job_start = None;
        for v in &e.milestones {
            let m = &contract.milestones[v.index];
            match &v.verdict {
                Verdict::Pending { .. } => fig.money.liability += m.amount,
                Verdict::Achieved { date } => {
                    if !active_keys
                        .contains(encode_key(contract.id.as_str(), per_citizen, scope, m.id.as_str()).as_str())
                    {
                        fig.money.earned_uninvoiced += m.amount;
                    }
                    if let Some(k) = milestones.iter().position(|(mid, _, _)| mid == m.id.as_str()) {
                        fig.realised.achieved[k] += 1;
                    }
                    if m.is_job_start() {
                        job_start = Some(*date);
                    }
                }
                Verdict::Forfeited { .. } => {}
            }
        }
        let tl = Timeline::new(&course.facts, &contract.payment, as_of);
        if let Some(start) = job_start {
            fig.realised.job_starts += 1;
            if let Some(est) = contract.target_group(course.target_group.as_str()).and_then(|tg| tg.estimate.as_ref()) {
                let s = CourseSaving::new(&tl, start, est);
                fig.realised.months_saved += s.months_saved();
                *fig.realised.savings.get_or_insert(Money::ZERO) += s.saving();
                savings.push(s);
            }
        }
        let day = add_months(course.referred_on, INDICATOR_MONTHS);
        if day <= as_of {
            fig.indicators.due_6m += 1;
            let working = tl.spells().any(|s| s.start <= day && s.end.is_none_or(|e| day <= e));
            if working && tl.disallowed_on(day).is_none() {
                fig.indicators.in_work_6m += 1;
            }
        }
    }
    for g in groups.iter_mut() {
        if g.case.is_some() || g.realised.savings.is_some() {
            g.realised.cost = g.money.earned;
            g.realised.savings.get_or_insert(Money::ZERO);
        }
    }

    let mut total = GroupFigures::new(None, "Total".into(), milestones.len());
    for g in &groups {
        total.plus(g);
    }
    total.money.paid += unassigned.paid;
    total.money.approved_unpaid += unassigned.approved_unpaid;

    let first = mine.iter().map(|c| c.referred_on).filter(|d| *d <= as_of).min();
    let series = first.map(|f| series(f, as_of, &savings, ledger)).unwrap_or_default();
    Some(Portfolio {
        contract: id.to_string(),
        title: latest.title.clone(),
        version: latest.version,
        as_of,
        milestones,
        groups,
        total,
        series,
    })
}

/// Cumulative payments and realised savings at each month end.
fn series(first: NaiveDate, as_of: NaiveDate, savings: &[CourseSaving], ledger: &[LedgerEntry]) -> Vec<MonthPoint> {
    let mut out = Vec::new();
    let mut day = month_end(first);
    loop {
        let point = day.min(as_of);
        out.push(MonthPoint {
            month_end: point,
            paid: ledger.iter().filter(|e| e.paid_on(point)).map(|e| e.amount).sum(),
            savings: savings.iter().map(|s| s.saving_until(point)).sum(),
        });
        if day >= as_of {
            return out;
        }
        day = month_end(next_day(day));
    }
}

impl Portfolio {
    pub fn group(&self, id: &str) -> Option<&GroupFigures> {
        self.groups.iter().find(|g| g.id.as_deref() == Some(id))
    }

    /// The what-if with only the contract's figures (amounts, the estimate's
    /// months and monthly saving) and no rates: for readers who may not see
    /// the group's realised rates.
    pub fn contract_input(&self, group: &GroupFigures) -> Option<ScenarioInput> {
        let case = group.case.as_ref()?;
        Some(ScenarioInput {
            referrals: Decimal::ZERO,
            job_start_rate: Decimal::ZERO,
            milestones: self
                .milestones
                .iter()
                .map(|(id, after, amount)| ScenarioMilestone {
                    id: id.clone(),
                    after_months: *after,
                    amount: *amount,
                    rate: if *after == 0 { Decimal::ONE } else { Decimal::ZERO },
                })
                .collect(),
            deadweight: Decimal::ZERO,
            months_saved: case.expected_months,
            monthly_net_saving: case.monthly_net_saving,
        })
    }

    /// The what-if fed the realised rates of a group with an estimate, for
    /// `referrals` referrals (by default the group's referred courses, so
    /// that the result is the realised figures).
    pub fn realised_input(&self, group: &GroupFigures, referrals: Option<Decimal>) -> Option<ScenarioInput> {
        let case = group.case.as_ref()?;
        let n = Decimal::from(group.counts.referred);
        let starts = Decimal::from(group.realised.job_starts);
        let ratio = |a: Decimal, b: Decimal| if b.is_zero() { Decimal::ZERO } else { a / b };
        Some(ScenarioInput {
            referrals: referrals.unwrap_or(n),
            job_start_rate: ratio(starts, n),
            milestones: self
                .milestones
                .iter()
                .enumerate()
                .map(|(k, (id, after, amount))| ScenarioMilestone {
                    id: id.clone(),
                    after_months: *after,
                    amount: *amount,
                    rate: if *after == 0 {
                        Decimal::ONE
                    } else {
                        ratio(Decimal::from(group.realised.achieved[k]), starts)
                    },
                })
                .collect(),
            deadweight: Decimal::ZERO,
            months_saved: ratio(group.realised.months_saved, starts),
            monthly_net_saving: case.monthly_net_saving,
        })
    }
}
