//! The budget year against its savings target: supplier payments and the
//! municipality's benefit savings in the year, realised up to the date and
//! expected after it (the forecast), next to the target finance entered.
//!
//! CHOSEN (docs/rules.md): the target is a parameter (`parameters/
//! savings_targets.toml`, per buyer and year), not a stored figure; it is
//! the municipality's whole savings target, and the view shows what this
//! contract contributes to it (municipal savings less supplier payments).

use std::borrow::Borrow;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Parameters;
use super::forecast::{Forecast, earned_between};
use super::split::course_split;
use crate::contract::ContractSet;
use crate::course::Course;
use crate::evaluate::evaluate_all;
use crate::money::Money;
use crate::rules::timeline::Timeline;
use crate::verdict::Verdict;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetView {
    pub contract: String,
    pub buyer: String,
    pub year: i32,
    pub as_of: NaiveDate,
    /// Milestones achieved in the year up to the date.
    pub payments_realised: Money,
    /// Expected from the forecast's months in the year.
    pub payments_expected: Money,
    pub savings_realised: Money,
    pub savings_expected: Money,
    /// The year's months after the date that the forecast does not reach.
    pub months_beyond_forecast: u32,
    pub target: Option<Money>,
}

impl BudgetView {
    pub fn payments(&self) -> Money {
        self.payments_realised + self.payments_expected
    }

    pub fn savings(&self) -> Money {
        self.savings_realised + self.savings_expected
    }

    /// Municipal savings less supplier payments: the contract's contribution.
    pub fn net(&self) -> Money {
        self.savings() - self.payments()
    }

    /// The net as a share of the target.
    pub fn share_of_target(&self) -> Option<Decimal> {
        self.target.and_then(|t| self.net().ratio(t))
    }
}

/// The view of `year` for contract `id` as of `as_of`, from `forecast`
/// (made as of the same date).
pub fn budget_view<C: Borrow<Course>>(
    contracts: &ContractSet,
    id: &str,
    courses: &[C],
    params: &Parameters,
    forecast: &Forecast,
    year: i32,
) -> Option<BudgetView> {
    let latest = contracts.latest(id)?;
    let as_of = forecast.as_of;
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
    let until = as_of.min(last);
    let payments_realised =
        if as_of < first { Money::ZERO } else { earned_between(contracts, id, courses, as_of, first, until) };
    // Realised municipal savings on days of the year up to the date.
    let mine: Vec<&Course> = courses.iter().map(Borrow::borrow).filter(|c| c.contract.as_str() == id).collect();
    let mut saved = Money::ZERO;
    if as_of >= first {
        for e in evaluate_all(contracts, &mine, as_of) {
            let Some(contract) = e.contract else { continue };
            let Some(tg) = contract.target_group(e.course.target_group.as_str()) else { continue };
            let Some(est) = tg.estimate.as_ref() else { continue };
            let start = e.milestones.iter().find_map(|v| match v.verdict {
                Verdict::Achieved { date } if contract.milestones[v.index].is_job_start() => Some(date),
                _ => None,
            });
            let Some(s) = start else { continue };
            let (Some(stairs), Some(monthly)) = (params.staircase_on(s), params.monthly_rate(tg.benefit, s)) else {
                continue;
            };
            let tl = Timeline::new(&e.course.facts, &contract.payment, as_of);
            let split = course_split(e.course, &tl, s, est, stairs, monthly);
            saved += split.pieces.iter().filter(|p| p.piece.days.from.year() == year).map(|p| p.municipality).sum();
        }
    }
    let in_year = |m: &&super::forecast::MonthForecast| m.month_end.year() == year;
    let payments_expected = forecast.months.iter().filter(in_year).map(|m| m.payments).sum();
    let savings_expected = forecast.months.iter().filter(in_year).map(|m| m.municipality).sum();
    let last_month = forecast.months.last().map(|m| m.month_end).unwrap_or(as_of);
    let months_beyond_forecast = if last_month >= last {
        0
    } else if last_month.year() < year {
        12 - if as_of.year() == year { as_of.month() } else { 0 }
    } else {
        12 - last_month.month()
    };
    Some(BudgetView {
        contract: id.to_string(),
        buyer: latest.buyer.clone(),
        year,
        as_of,
        payments_realised,
        payments_expected,
        savings_realised: saved.rounded(),
        savings_expected,
        months_beyond_forecast,
        target: params.target(&latest.buyer, year),
    })
}
