//! Each milestone judged twice: on the recorded events and on the register
//! evidence (the same course with its jobs and benefits replaced by the
//! registers' work and benefit periods, judged by the same rules), and the
//! differences between the two.

use chrono::{Datelike, NaiveDate};

use super::Registers;
use super::derive::{Evidence, derive_until};
use super::words::Difference;
use crate::benefit::JobType;
use crate::calendar::{add_months, prev_day};
use crate::contract::{Contract, ContractSet};
use crate::course::{BenefitPeriod, Course};
use crate::evaluate::evaluate;
use crate::verdict::Verdict;

/// One milestone's two verdicts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneCheck {
    /// Index into the contract's milestones.
    pub index: usize,
    pub after_months: u32,
    pub recorded: Verdict,
    pub register: Verdict,
    /// The income register reaches the day the recorded events achieve the
    /// milestone on (false when they do not achieve it): only then is the
    /// register verdict evidence.
    pub covered: bool,
}

impl MilestoneCheck {
    /// The recorded events achieve the milestone on a day the registers
    /// cover, and the registers do not achieve it: an invoice line for it
    /// is flagged.
    pub fn disagrees(&self) -> bool {
        self.covered && self.recorded.achieved_on().is_some() && self.register.achieved_on().is_none()
    }
}

/// A course judged on its register evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterCheck {
    pub evidence: Evidence,
    /// One per milestone, in the contract's order.
    pub milestones: Vec<MilestoneCheck>,
    /// What the registers say differently, in the order found.
    pub differences: Vec<Difference>,
}

impl RegisterCheck {
    pub fn milestone(&self, index: usize) -> Option<&MilestoneCheck> {
        self.milestones.iter().find(|m| m.index == index)
    }
}

/// Judges `course` on the registers as of `as_of`. `None` when no contract
/// version is in force for it or the version has no `[registers]` table.
pub fn check(
    contracts: &ContractSet,
    course: &Course,
    registers: &Registers,
    as_of: NaiveDate,
) -> Option<RegisterCheck> {
    check_until(contracts, course, registers, registers.income_until(), as_of)
}

/// `check` with the last day the income extracts cover given: `registers`
/// may then hold only the course's citizen's rows (`Registers::by_citizen`),
/// so that judging many courses reads the extracts once.
pub fn check_until(
    contracts: &ContractSet,
    course: &Course,
    registers: &Registers,
    until: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Option<RegisterCheck> {
    let recorded = evaluate(contracts, course, as_of);
    let contract = recorded.contract?;
    let rules = contract.registers.as_ref()?;
    let first_job = course.facts.spells.iter().find(|s| contract.payment.counts_job(s.job));
    let job = first_job.map_or(JobType::Ordinary, |s| s.job);
    let evidence = derive_until(rules, &contract.supplier.cvr, registers, &course.citizen, job, until);
    // Before the last day the income register covers, its silence is
    // evidence; after it, nothing is known yet.
    let covers = |d: NaiveDate| until.is_some_and(|u| d <= u);

    let mut on_registers = course.clone();
    on_registers.facts.spells = evidence.spells.clone();
    // A week in which work starts is a benefit week only before the first
    // day of work: the register counts weeks, the rules count days.
    let mut benefits = evidence.benefit_periods();
    for b in &mut benefits {
        for s in &evidence.spells {
            if b.from < s.start && s.start <= b.to {
                b.to = prev_day(s.start);
            }
        }
    }
    on_registers.facts.benefits = benefits;
    let second = evaluate(contracts, &on_registers, as_of);
    let milestones: Vec<MilestoneCheck> = recorded
        .milestones
        .iter()
        .zip(&second.milestones)
        .map(|(a, b)| MilestoneCheck {
            index: a.index,
            after_months: contract.milestones[a.index].after_months,
            recorded: a.verdict.clone(),
            register: b.verdict.clone(),
            covered: a.verdict.achieved_on().is_some_and(covers),
        })
        .collect();

    let mut differences = Vec::new();
    if let Some(start) = first_job.map(|s| s.start) {
        let first_paid = evidence.spells.iter().map(|s| s.start).find(|d| *d >= first_of_month(start));
        let same_month = first_paid.is_some_and(|d| (d.year(), d.month()) == (start.year(), start.month()));
        if !same_month && first_paid.is_none() && !covers(start) {
            differences.push(Difference::JobStartNotCovered { recorded: start, until });
        } else if !same_month {
            differences.push(Difference::JobStart { recorded: start, first_paid });
        }
        benefit_weeks(contract, &evidence, &course.facts.benefits, start, &mut differences);
    }
    for month in &evidence.at_supplier {
        differences.push(Difference::AtSupplier { month: *month });
    }
    for w in evidence.weeks.iter().filter(|w| w.benefit.is_none()) {
        differences.push(Difference::UnknownCode { year: w.year, week: w.week, code: w.code.clone() });
    }
    for m in &milestones {
        let beyond = m.recorded.achieved_on().filter(|_| !m.covered);
        if let (Some(achieved), true) = (beyond, m.recorded.status() != m.register.status()) {
            differences.push(Difference::NotCovered { after_months: m.after_months, achieved, until });
        } else if m.recorded.status() != m.register.status() {
            differences.push(Difference::Verdicts {
                after_months: m.after_months,
                recorded: m.recorded.clone(),
                register: m.register.clone(),
            });
        }
    }
    Some(RegisterCheck { evidence, milestones, differences })
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// Each week with a benefit the contract does not allow that falls inside a
/// retention measured from the recorded job start, and in which the
/// recorded events show no such benefit (then the registers confirm the
/// recording): named by the shortest retention it falls in.
fn benefit_weeks(
    contract: &Contract,
    evidence: &Evidence,
    recorded: &[BenefitPeriod],
    start: NaiveDate,
    out: &mut Vec<Difference>,
) {
    let mut retentions: Vec<u32> = contract.milestones.iter().map(|m| m.after_months).filter(|m| *m > 0).collect();
    retentions.sort_unstable();
    for w in &evidence.weeks {
        let Some(benefit) = w.benefit.filter(|b| contract.payment.disallows(*b)) else { continue };
        let sunday = w.monday + chrono::Days::new(6);
        if recorded.iter().any(|r| contract.payment.disallows(r.benefit) && r.from <= sunday && w.monday <= r.to) {
            continue;
        }
        // The week the job starts in is its benefit before the job.
        let within = retentions.iter().find(|m| w.monday >= start && w.monday <= prev_day(add_months(start, **m)));
        if let Some(months) = within {
            out.push(Difference::BenefitInRetention { year: w.year, week: w.week, benefit, months: *months });
        }
    }
}
