//! A citizen's time on public benefit before a day, in days: the count the
//! reimbursement staircase runs on.
//!
//! CHOSEN (docs/rules.md, "Whose saving"): the time from the referral
//! attribute `unemployed_since` to the day before the referral counts as
//! time on benefit (the minutes' "months unemployed"); after that, the days
//! the recorded benefit periods cover (every benefit, fleksjob subsidy
//! included: the staircase counts all public support). Without
//! `unemployed_since` only recorded periods count, so the citizen stands
//! lower on the staircase: the cautious reading, a smaller municipal share.
//! The law counts the weeks within a reference period; the count here never
//! resets, since no course in the data spans a year of self-support.

use chrono::NaiveDate;

use crate::calendar::prev_day;
use crate::course::Course;
use crate::report::savings::Days;

/// Days on benefit strictly before `day`.
pub fn days_on_benefit_before(course: &Course, day: NaiveDate) -> i64 {
    let last = prev_day(day);
    let mut runs: Vec<Days> = Vec::new();
    if let Some(since) = course.attributes.unemployed_since {
        runs.push(Days { from: since, to: prev_day(course.referred_on).min(last) });
    }
    for b in &course.facts.benefits {
        runs.push(Days { from: b.from, to: b.to.min(last) });
    }
    runs.retain(|r| !r.is_empty());
    runs.sort_by_key(|r| (r.from, r.to));
    let mut total = 0;
    let mut covered_to: Option<NaiveDate> = None;
    for r in runs {
        let from = match covered_to {
            Some(c) if r.from <= c => crate::calendar::next_day(c),
            _ => r.from,
        };
        if from <= r.to {
            total += (r.to - from).num_days() + 1;
        }
        covered_to = Some(covered_to.map_or(r.to, |c| c.max(r.to)));
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benefit::Benefit;
    use crate::course::{Attributes, BenefitPeriod, Facts};
    use crate::ids::{CitizenRef, ContractId, CourseId, TargetGroupId};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn course(since: Option<NaiveDate>, benefits: Vec<BenefitPeriod>) -> Course {
        Course {
            id: CourseId::parse("c-1").unwrap(),
            citizen: CitizenRef::parse("p-1").unwrap(),
            contract: ContractId::parse("x").unwrap(),
            target_group: TargetGroupId::parse("dagpenge").unwrap(),
            referred_on: d(2025, 3, 1),
            attributes: Attributes { unemployed_since: since, ..Attributes::default() },
            facts: Facts { benefits, ..Facts::default() },
        }
    }

    #[test]
    fn unemployment_before_the_referral_and_recorded_benefit_overlapping_it() {
        let dp = |from, to| BenefitPeriod { from, to, benefit: Benefit::Dagpenge };
        // Unemployed since 1 Feb: 1 Feb-28 Feb = 28 days. Benefit recorded
        // 15 Feb-31 Mar overlaps it: 1 Mar-31 Mar adds 31. A gap, then
        // 10-19 Apr adds 10. Before 15 Apr: 28 + 31 + 5 (10-14 Apr) = 64.
        let c =
            course(Some(d(2025, 2, 1)), vec![dp(d(2025, 2, 15), d(2025, 3, 31)), dp(d(2025, 4, 10), d(2025, 4, 19))]);
        assert_eq!(days_on_benefit_before(&c, d(2025, 4, 15)), 64);
        assert_eq!(days_on_benefit_before(&c, d(2025, 5, 1)), 69);
        // Without unemployed_since only the recorded days: 15 Feb-31 Mar = 45.
        let c = course(None, vec![dp(d(2025, 2, 15), d(2025, 3, 31))]);
        assert_eq!(days_on_benefit_before(&c, d(2025, 4, 1)), 45);
        assert_eq!(days_on_benefit_before(&c, d(2025, 2, 15)), 0);
    }
}
