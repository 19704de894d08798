//! The grant's figures as of a date: the months, the month that decides
//! tranche 2 so far, what is secured and what is still at stake, how many
//! more participants in work or education the running month needs to lift
//! tranche 2, and the money side (tranches expected and received, the
//! budget against the grant, co-financing).
//!
//! Tranche 2 is secured by complete months only: a running month can still
//! fall. Under `Measurement::AnyMonth` the best complete month of the period
//! decides (the highest share; the earliest of equal shares); under
//! `Measurement::Month` only the named month does.

use chrono::NaiveDate;

use super::check::{Finding, check};
use super::months::{MonthRow, month_of, monthly};
use super::{BudgetRow, Grant, Measurement, Participant};
use crate::money::Money;

#[derive(Clone, Debug, PartialEq)]
pub struct GrantReport {
    pub as_of: NaiveDate,
    pub months: Vec<MonthRow>,
    /// The month deciding tranche 2 so far (an index into `months`).
    pub best: Option<usize>,
    /// The band that month reaches.
    pub band_reached: Option<usize>,
    pub tranche1: Money,
    /// The most tranche 2 can pay.
    pub tranche2_max: Money,
    /// Tranche 2 as the deciding month stands (0 without one).
    pub tranche2_secured: Money,
    /// `tranche2_max − tranche2_secured`.
    pub at_stake: Money,
    /// For the running (or last) measured month: the next band that would
    /// pay more than is secured, and how many more participants it needs.
    pub next: Option<NextBand>,
    pub received_tranche1: Money,
    pub received_tranche2: Money,
    pub budget: Vec<BudgetRow>,
    pub budget_total: Money,
    /// The grant less the budget rows.
    pub budget_difference: Money,
    pub co_financing: Money,
    /// The warnings of `check` (a grant with errors never loads).
    pub warnings: Vec<Finding>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NextBand {
    /// The month (its first day).
    pub month: NaiveDate,
    pub band: usize,
    /// Participants in work or education the month needs in all.
    pub needed: u32,
    /// How many more than it has (0: it has them; the month must end so).
    pub more: u32,
    /// What reaching the band would secure in tranche 2.
    pub tranche2: Money,
}

fn measured(grant: &Grant, row: &MonthRow) -> bool {
    match grant.rule.measurement {
        Measurement::AnyMonth => true,
        Measurement::Month(m) => row.month == month_of(m),
    }
}

pub fn grant_report(grant: &Grant, participants: &[Participant], as_of: NaiveDate) -> GrantReport {
    let months = monthly(grant, participants, as_of);
    let mut best: Option<usize> = None;
    for (i, row) in months.iter().enumerate() {
        if !row.complete || !measured(grant, row) || row.participants == 0 {
            continue;
        }
        if best.is_none_or(|b| row.share() > months[b].share()) {
            best = Some(i);
        }
    }
    let band_reached = best.and_then(|b| months[b].band);
    let tranche2_secured = band_reached.map_or(Money::ZERO, |b| grant.tranche2(b));
    let tranche2_max = grant.tranche2_max();
    let next = next_band(grant, &months, tranche2_secured);
    GrantReport {
        as_of,
        best,
        band_reached,
        tranche1: grant.tranche1(),
        tranche2_max,
        tranche2_secured,
        at_stake: tranche2_max - tranche2_secured,
        next,
        received_tranche1: grant.received(1),
        received_tranche2: grant.received(2),
        budget: grant.budget.clone(),
        budget_total: grant.budget_total(),
        budget_difference: grant.budget_difference(),
        co_financing: grant.co_financing,
        warnings: check(grant).into_iter().filter(|f| !f.is_error()).collect(),
        months,
    }
}

/// The last month shown, if measured and not empty: the lowest band that
/// pays more than is secured, and the participants it needs.
fn next_band(grant: &Grant, months: &[MonthRow], secured: Money) -> Option<NextBand> {
    let row = months.last().filter(|r| measured(grant, r) && r.participants > 0)?;
    let mut order: Vec<usize> = (0..grant.bands.len()).collect();
    order.sort_by_key(|&i| grant.bands[i].from_pct);
    let band = order.into_iter().find(|&i| grant.tranche2(i) > secured)?;
    let needed = grant.bands[band].least_part(row.participants);
    Some(NextBand {
        month: row.month,
        band,
        needed,
        more: needed.saturating_sub(row.in_work_or_education),
        tranche2: grant.tranche2(band),
    })
}
