//! Does the course count at all? The version in force on the referral date,
//! the referral period (the contract's, or the target group's own), the
//! target group, and its eligibility rule.

use crate::contract::eligibility::Truth;
use crate::contract::{Contract, TargetGroup};
use crate::course::Course;
use crate::evaluate::trace::Step;
use crate::verdict::Refusal;

/// Checks a course against the version in force. Pushes its steps to `trace`.
pub fn admit<'c>(contract: &'c Contract, course: &Course, trace: &mut Vec<Step>) -> Result<&'c TargetGroup, Refusal> {
    let on = course.referred_on;
    if !contract.referrals.contains(on) {
        trace.push(Step::ReferralOutside { period: contract.referrals, group_period: false });
        return Err(Refusal::OutsidePeriod { period: contract.referrals, group_period: false });
    }
    let Some(group) = contract.target_group(course.target_group.as_str()) else {
        trace.push(Step::GroupNotInVersion);
        return Err(Refusal::GroupNotInVersion);
    };
    if let Some(p) = group.referrals
        && !p.contains(on)
    {
        trace.push(Step::ReferralOutside { period: p, group_period: true });
        return Err(Refusal::OutsidePeriod { period: p, group_period: true });
    }
    trace.push(Step::ReferralInside {
        period: group.referrals.unwrap_or(contract.referrals),
        group_period: group.referrals.is_some(),
    });
    match &group.eligibility {
        None => {
            trace.push(Step::NoEligibilityRule);
            Ok(group)
        }
        Some(rule) => {
            let truth = rule.eval(&course.attributes, on);
            trace.push(Step::Eligibility { truth });
            match truth {
                Truth::Yes => Ok(group),
                Truth::No => Err(Refusal::NotEligible { undecided: false }),
                Truth::Unknown => Err(Refusal::NotEligible { undecided: true }),
            }
        }
    }
}
