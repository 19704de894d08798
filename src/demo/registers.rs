//! The demo's register extracts: an income extract that confirms the
//! recorded jobs of every demo course, and a benefit extract, except for
//! three courses whose registers contradict what was recorded, so that a
//! new user sees the differences on `GET /courses/{id}/registers`:
//!
//! - [`LATE_PAY`]: the first pay period starts a month after the recorded
//!   job start;
//! - [`BENEFIT_WEEK`]: dagpenge in ISO week 20 of 2025 (12–18 May), inside
//!   the 3-month retention;
//! - [`AT_SUPPLIER`]: every hour is paid by the supplier's own CVR number.
//!
//! The income extract runs to 31 Mar 2026, the end of the month of the
//! last recorded job start (the ongoing courses' jobs of 2026): one pay
//! period per calendar month of each recorded job, from the job's start
//! (or the month's first day) to its end (or the month's last day), each
//! with 160 paid hours (a monthly salary reports its norm hours, also for
//! a part month). The benefit extract has one more week: the day of
//! dagpenge reported late ([`super::late_benefit`]); there the registers
//! agree with the recorded events (both forfeit the 3-month instalment) and
//! the check names the week. Citizens are the demo's pseudonyms; the rows
//! are stored through the same audited, whole-or-nothing path as an import.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{Cohort, DemoCourse, d, plus};
use crate::calendar::add_months;
use crate::evidence::{BenefitRow, IncomeRow};
use crate::ids::{CitizenRef, Cvr};
use crate::money::Money;
use crate::service::Service;
use crate::service::registers::Extract;
use crate::store::RepoError;
use crate::store::audit::Actor;

/// The employer of every confirmed demo job (not the supplier).
pub const EMPLOYER: &str = "29403473";
/// The last day the demo's income extract covers.
pub const UNTIL: (i32, u32, u32) = (2026, 3, 31);

/// Which demo courses contradict: the first, second and third dagpenge
/// course that kept its job six months, in referral order.
pub const LATE_PAY: usize = 0;
pub const BENEFIT_WEEK: usize = 1;
pub const AT_SUPPLIER: usize = 2;

/// The ids of the dagpenge courses that kept their job, in referral order.
pub fn kept(all: &[(String, DemoCourse)]) -> Vec<String> {
    all.iter()
        .filter(|(_, c)| c.group == "dagpenge" && c.cohort == Cohort::KeptSixMonths)
        .map(|(id, _)| id.clone())
        .collect()
}

fn month_end(day: NaiveDate) -> NaiveDate {
    add_months(day.with_day(1).unwrap_or(day), 1).pred_opt().unwrap_or(day)
}

/// One pay period per calendar month from `from` to `to` (inclusive).
fn pay(out: &mut Vec<IncomeRow>, citizen: &CitizenRef, employer: &Cvr, from: NaiveDate, to: NaiveDate) {
    let mut start = from;
    while start <= to {
        let end = month_end(start).min(to);
        out.push(IncomeRow {
            citizen: citizen.clone(),
            employer: employer.clone(),
            from: start,
            to: end,
            hours: Decimal::from(160),
            income: Money::kr(32_000),
        });
        start = plus(end, 1);
    }
}

/// The demo's income and benefit extracts for the stored demo courses.
pub fn extracts(svc: &Service, all: &[(String, DemoCourse)]) -> Result<(Vec<IncomeRow>, Vec<BenefitRow>), RepoError> {
    let until = d(UNTIL.0, UNTIL.1, UNTIL.2);
    let invalid = |e: crate::ids::IdError| RepoError::NotFound(format!("demo register row: {e:?}"));
    let employer = Cvr::parse(EMPLOYER).map_err(invalid)?;
    let supplier = svc
        .contracts()
        .latest(super::CONTRACT)
        .map(|c| c.supplier.cvr.clone())
        .ok_or_else(|| RepoError::NotFound(format!("no contract {}", super::CONTRACT)))?;
    let kept = kept(all);
    let mut income = Vec::new();
    let mut benefits = Vec::new();
    for (id, _) in all {
        let Some(course) = svc.course(id)? else { return Err(RepoError::NotFound(format!("no course {id}"))) };
        let citizen = &course.citizen;
        for spell in &course.facts.spells {
            let to = spell.end.unwrap_or(until).min(until);
            if kept.get(LATE_PAY) == Some(id) {
                pay(&mut income, citizen, &employer, add_months(spell.start, 1), to);
            } else if kept.get(AT_SUPPLIER) == Some(id) {
                pay(&mut income, citizen, &supplier, spell.start, to);
            } else {
                pay(&mut income, citizen, &employer, spell.start, to);
            }
        }
        if kept.get(BENEFIT_WEEK) == Some(id) {
            benefits.push(BenefitRow { citizen: citizen.clone(), year: 2025, week: 20, code: "DP".into() });
        }
    }
    let (late_id, late) = super::late_benefit(all);
    let day = late.from.as_deref().and_then(crate::wire::course_in::parse_date);
    if let (Some(day), Some(course)) = (day, svc.course(&late_id)?) {
        let week = day.iso_week();
        benefits.push(BenefitRow {
            citizen: course.citizen.clone(),
            year: week.year(),
            week: week.week(),
            code: "DP".into(),
        });
    }
    Ok((income, benefits))
}

/// Stores the demo's two extracts as the `demo` loader.
pub async fn load(svc: &Service, all: &[(String, DemoCourse)], actor: &Actor) -> Result<(), RepoError> {
    let (income, benefits) = extracts(svc, all)?;
    svc.import_extract(&Extract::Income(income), "demo-income.csv", actor).await?;
    svc.import_extract(&Extract::Benefits(benefits), "demo-benefits.csv", actor).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contradicted_courses_are_the_first_three_dagpenge_courses_that_kept_their_job() {
        // Referred 3, 10 and 17 Feb 2025 (a week apart); c-001 is the first
        // referral of all, and other cohorts are referred between them.
        let all = super::super::courses();
        let kept = kept(&all);
        assert_eq!([&kept[LATE_PAY], &kept[BENEFIT_WEEK], &kept[AT_SUPPLIER]], ["c-001", "c-004", "c-009"]);
    }
}
