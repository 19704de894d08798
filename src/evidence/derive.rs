//! The work and benefit periods the registers establish for one citizen.
//!
//! Work: each pay period's paid hours are spread evenly over its days and
//! summed per calendar month (a period from 16 Mar to 15 Apr with 155 hours
//! gives March 16 × 5 = 80 hours and April 15 × 5 = 75). A month is a work
//! month when its hours are at least the contract's
//! `min_paid_hours_per_month`; consecutive work months are one work period,
//! from the first paid day in its first month to the last paid day in its
//! last month, or still running when that month reaches the end of the
//! extract. Hours paid by the supplier itself (its own CVR) are not work
//! for the contract; they are listed.
//!
//! Benefits: each week with a code is a benefit period from its Monday to
//! its Sunday (ISO weeks, so week 14 of 2025 is 31 Mar to 6 Apr); a code
//! the contract's table does not have is listed, not guessed.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Registers;
use crate::benefit::{Benefit, JobType};
use crate::calendar::{add_months, prev_day};
use crate::contract::registers::RegisterRules;
use crate::course::{BenefitPeriod, Spell};
use crate::ids::{CitizenRef, Cvr};

/// Paid hours of one calendar month, and its first and last paid day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthHours {
    /// The month's first day.
    pub month: NaiveDate,
    pub hours: Decimal,
    pub first_paid: NaiveDate,
    pub last_paid: NaiveDate,
}

/// A benefit week as the register gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BenefitWeek {
    pub year: i32,
    pub week: u32,
    pub monday: NaiveDate,
    pub sunday: NaiveDate,
    pub code: String,
    /// `None` when the contract's code table does not have the code.
    pub benefit: Option<Benefit>,
}

/// What the registers establish for one citizen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Hours per month (not at the supplier), in month order.
    pub months: Vec<MonthHours>,
    /// Work periods from the work months, in order, not overlapping.
    pub spells: Vec<Spell>,
    /// Every benefit week, in week order.
    pub weeks: Vec<BenefitWeek>,
    /// Months (first day) with hours paid at the supplier's own CVR.
    pub at_supplier: Vec<NaiveDate>,
}

impl Evidence {
    /// The benefit periods of the weeks whose code the contract knows.
    pub fn benefit_periods(&self) -> Vec<BenefitPeriod> {
        self.weeks
            .iter()
            .filter_map(|w| w.benefit.map(|benefit| BenefitPeriod { from: w.monday, to: w.sunday, benefit }))
            .collect()
    }
}

fn month_start(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn month_end(d: NaiveDate) -> NaiveDate {
    prev_day(add_months(month_start(d), 1))
}

/// Spreads one pay period's hours over the calendar months it covers, in
/// proportion to its days in each: `(month, hours, first day, last day)`.
pub fn spread(from: NaiveDate, to: NaiveDate, hours: Decimal) -> Vec<(NaiveDate, Decimal, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    if to < from {
        return out;
    }
    let total = Decimal::from((to - from).num_days() + 1);
    let mut month = month_start(from);
    while month <= to {
        let first = from.max(month);
        let last = to.min(month_end(month));
        let days = Decimal::from((last - first).num_days() + 1);
        out.push((month, hours * days / total, first, last));
        let next = add_months(month, 1);
        if next <= month {
            break;
        }
        month = next;
    }
    out
}

/// The evidence for `citizen`. `supplier` is the contract's supplier;
/// `job` the kind of job a work period is taken to be (the recorded one).
pub fn derive(
    rules: &RegisterRules,
    supplier: &Cvr,
    registers: &Registers,
    citizen: &CitizenRef,
    job: JobType,
) -> Evidence {
    derive_until(rules, supplier, registers, citizen, job, registers.income_until())
}

/// `derive` with `until`, the last day the income extracts cover for every
/// citizen (`Registers::income_until`), given: a work month reaching it is
/// still running.
pub fn derive_until(
    rules: &RegisterRules,
    supplier: &Cvr,
    registers: &Registers,
    citizen: &CitizenRef,
    job: JobType,
    until: Option<NaiveDate>,
) -> Evidence {
    let mut months: BTreeMap<NaiveDate, MonthHours> = BTreeMap::new();
    let mut at_supplier: Vec<NaiveDate> = Vec::new();
    for row in registers.income.iter().filter(|r| &r.citizen == citizen && r.hours > Decimal::ZERO) {
        for (month, hours, first, last) in spread(row.from, row.to, row.hours) {
            if &row.employer == supplier {
                if !at_supplier.contains(&month) {
                    at_supplier.push(month);
                }
                continue;
            }
            let m = months.entry(month).or_insert(MonthHours {
                month,
                hours: Decimal::ZERO,
                first_paid: first,
                last_paid: last,
            });
            m.hours += hours;
            m.first_paid = m.first_paid.min(first);
            m.last_paid = m.last_paid.max(last);
        }
    }
    at_supplier.sort();
    let mut spells: Vec<Spell> = Vec::new();
    let mut last_month: Option<NaiveDate> = None;
    for m in months.values().filter(|m| m.hours >= rules.min_paid_hours_per_month) {
        let running = until.is_some_and(|u| u <= month_end(m.month));
        let end = (!running).then_some(m.last_paid);
        match (spells.last_mut(), last_month) {
            (Some(s), Some(prev)) if add_months(prev, 1) == m.month => s.end = end,
            _ => spells.push(Spell { start: m.first_paid, end, job }),
        }
        last_month = Some(m.month);
    }
    let mut weeks: Vec<BenefitWeek> = registers
        .benefits
        .iter()
        .filter(|r| &r.citizen == citizen)
        .filter_map(|r| {
            let (monday, sunday) = r.days()?;
            Some(BenefitWeek {
                year: r.year,
                week: r.week,
                monday,
                sunday,
                code: r.code.clone(),
                benefit: rules.benefit(&r.code),
            })
        })
        .collect();
    weeks.sort_by(|a, b| (a.monday, &a.code).cmp(&(b.monday, &b.code)));
    weeks.dedup();
    Evidence { months: months.into_values().collect(), spells, weeks, at_supplier }
}
