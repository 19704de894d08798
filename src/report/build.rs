//! Computing a [`Portfolio`]: every course of the contract judged as of the
//! date, counted into its target group, and the ledger placed beside it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Borrow;

use chrono::NaiveDate;

use super::figures::{CaseRow, GroupFigures, MoneyFigures};
use super::jobs::ended_job_kind;
use super::ledger::LedgerEntry;
use super::savings::CourseSaving;
use super::series::series;
use super::{INDICATOR_MONTHS, Portfolio};
use crate::calendar::add_months;
use crate::case;
use crate::contract::{Contract, ContractSet, TargetGroup};
use crate::course::Course;
use crate::evaluate::evaluate_all;
use crate::invoice::{encode_key, write_key};
use crate::money::Money;
use crate::rules::timeline::Timeline;
use crate::verdict::{CourseStatus, Verdict};

fn case_row(contract: &Contract, group: &TargetGroup) -> Option<CaseRow> {
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

    let evals = evaluate_all(contracts, &mine, as_of);
    let mut achieved_keys: HashSet<String> = HashSet::default();
    let mut savings: Vec<Vec<CourseSaving>> = vec![Vec::new(); groups.len()];
    let mut exact: Vec<Money> = vec![Money::ZERO; groups.len()];
    for e in &evals {
        let (Some(&gi), Some(contract)) = (group_of.get(e.course.target_group.as_str()), e.contract) else { continue };
        if e.status == CourseStatus::NotYetReferred {
            continue;
        }
        let course = e.course;
        let fig = &mut groups[gi];
        fig.counts.add(e.status);
        if e.status == CourseStatus::EndedJob
            && let Some(end) = &course.facts.course_ended
        {
            fig.jobs.add(ended_job_kind(&course.facts, end.date));
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
                    achieved_keys.insert(encode_key(contract.id.as_str(), per_citizen, scope, m.id.as_str()));
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
        if job_start.is_some() {
            for v in e.milestones.iter().filter(|v| !matches!(v.verdict, Verdict::Pending { .. })) {
                let id = contract.milestones[v.index].id.as_str();
                if let Some(k) = milestones.iter().position(|(mid, _, _)| mid == id) {
                    fig.realised.decided[k] += 1;
                }
            }
        }
        let tl = Timeline::new(&course.facts, &contract.payment, as_of);
        if let Some(start) = job_start {
            fig.realised.job_starts += 1;
            if let Some(est) = contract.target_group(course.target_group.as_str()).and_then(|tg| tg.estimate.as_ref()) {
                let s = CourseSaving::new(&tl, start, est);
                fig.realised.months_saved += s.months_saved();
                exact[gi] += s.saving();
                savings[gi].push(s);
            }
        }
        let day = add_months(course.referred_on, INDICATOR_MONTHS);
        if day <= as_of {
            fig.indicators.due_6m += 1;
            let working = tl.spells().any(|s| s.start <= day && s.end.is_none_or(|e| day <= e));
            let in_work = working && tl.disallowed_on(day).is_none();
            if in_work {
                fig.indicators.in_work_6m += 1;
            }
            if in_work || course.facts.in_education_on(day) {
                fig.indicators.in_work_or_education_6m += 1;
            }
        }
    }
    // The rounding rule: a group's realised savings are rounded to øre once,
    // here; every total is the sum of rounded group figures.
    for (g, s) in groups.iter_mut().zip(&exact) {
        if g.case.is_some() || !s.is_zero() {
            g.realised.savings = Some(s.rounded());
        }
    }

    // The ledger as of the date: each active payment in its course's group;
    // a payment for a milestone no longer achieved is at risk, and so is a
    // second active payment for the same milestone (the store's paid index
    // prevents one; if it ever happened, the money would still show).
    let course_group: HashMap<&str, usize> =
        mine.iter().filter_map(|c| group_of.get(c.target_group.as_str()).map(|g| (c.id.as_str(), *g))).collect();
    let mut active_keys: HashSet<&str> = HashSet::default();
    let mut unassigned = MoneyFigures::default();
    let mut active: Vec<&LedgerEntry> = ledger.iter().filter(|e| e.active_on(as_of)).collect();
    active.sort_by_key(|e| (e.booked_on, e.payment_id));
    for e in active {
        let first = active_keys.insert(e.key.as_str());
        let m = match course_group.get(e.course_id.as_str()) {
            Some(g) => &mut groups[*g].money,
            None => &mut unassigned,
        };
        if e.paid_on(as_of) {
            m.paid += e.amount;
        } else {
            m.approved_unpaid += e.amount;
        }
        if !first || !achieved_keys.contains(&e.key) {
            m.at_risk += e.amount;
        }
    }
    let mut key = String::new();
    for e in &evals {
        let (Some(&gi), Some(contract)) = (group_of.get(e.course.target_group.as_str()), e.contract) else { continue };
        let per_citizen = contract.payment.once_per_citizen;
        let scope = if per_citizen { e.course.citizen.as_str() } else { e.course.id.as_str() };
        for v in e.milestones.iter().filter(|v| matches!(v.verdict, Verdict::Achieved { .. })) {
            let m = &contract.milestones[v.index];
            write_key(&mut key, contract.id.as_str(), per_citizen, scope, m.id.as_str());
            if !active_keys.contains(key.as_str()) {
                groups[gi].money.earned_uninvoiced += m.amount;
            }
        }
    }

    let mut total = GroupFigures::new(None, "Total".into(), milestones.len());
    let mut covered = GroupFigures::new(None, "Total (groups with an estimate)".into(), milestones.len());
    for g in &groups {
        total.plus(g);
        if g.case.is_some() {
            covered.plus(g);
        }
    }
    total.money.paid += unassigned.paid;
    total.money.approved_unpaid += unassigned.approved_unpaid;
    total.money.at_risk += unassigned.at_risk;
    if covered.realised.savings.is_none() && groups.iter().any(|g| g.case.is_some()) {
        covered.realised.savings = Some(Money::ZERO);
    }

    let first = mine.iter().map(|c| c.referred_on).filter(|d| *d <= as_of).min();
    let series = first.map(|f| series(f, as_of, &savings, ledger)).unwrap_or_default();
    Some(Portfolio {
        contract: id.to_string(),
        title: latest.title.clone(),
        version: latest.version,
        referrals: latest.referrals,
        as_of,
        milestones,
        promises: latest.promises,
        groups,
        total,
        covered,
        series,
    })
}
