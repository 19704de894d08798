//! The investment case per target group, from the contract alone: what a
//! citizen in job saves, what the supplier costs, and when it pays.
//!
//! - supplier cost = the sum of the milestones (what one citizen can cost);
//! - saving potential = benefit saving − supplier cost − fleksjob subsidy;
//! - monthly benefit saving = benefit saving / expected months saved;
//! - months of work to break even = supplier cost / monthly *net* saving,
//!   where the net saving subtracts the fleksjob subsidy (a ledighedsydelse
//!   citizen in fleksjob saves benefit but costs subsidy);
//! - deadweight break-even = 1 − supplier cost / (benefit saving − fleksjob
//!   subsidy): the largest share of citizens in job who could have found
//!   work anyway before the case stops paying.

use rust_decimal::Decimal;

use crate::contract::{Contract, TargetGroup};
use crate::money::{Money, Share};

#[derive(Clone, Debug, PartialEq)]
pub struct CaseFigures<'a> {
    pub group: &'a TargetGroup,
    pub benefit_saving: Money,
    pub supplier_cost: Money,
    pub fleksjob_subsidy: Money,
    pub saving_potential: Money,
    pub monthly_saving: Money,
    /// Benefit saving minus fleksjob subsidy, per citizen in job.
    pub net_saving: Money,
    /// `None` when the net saving is not positive: the case never pays.
    pub months_to_break_even: Option<Decimal>,
    /// `None` when the net saving is not positive.
    pub deadweight_break_even: Option<Share>,
}

/// The figures for one target group; `None` when the contract gives no
/// estimate for it.
pub fn figures<'a>(contract: &Contract, group: &'a TargetGroup) -> Option<CaseFigures<'a>> {
    let est = group.estimate.as_ref()?;
    let supplier_cost = contract.supplier_cost();
    let net_saving = est.benefit_saving - est.fleksjob_subsidy;
    let monthly_saving = est.benefit_saving.checked_div(est.expected_months_saved).unwrap_or(Money::ZERO);
    let monthly_net = net_saving.checked_div(est.expected_months_saved).unwrap_or(Money::ZERO);
    let pays = net_saving.is_positive();
    Some(CaseFigures {
        group,
        benefit_saving: est.benefit_saving,
        supplier_cost,
        fleksjob_subsidy: est.fleksjob_subsidy,
        saving_potential: net_saving - supplier_cost,
        monthly_saving,
        net_saving,
        months_to_break_even: if pays { supplier_cost.ratio(monthly_net) } else { None },
        deadweight_break_even: if pays { deadweight_break_even(supplier_cost, net_saving) } else { None },
    })
}

/// 1 − cost / net saving per citizen in job: the share of citizens in job who
/// could have found work anyway before the case stops paying. Used with the
/// estimated and with the realised saving.
pub fn deadweight_break_even(cost_per_citizen: Money, net_saving_per_citizen: Money) -> Option<Share> {
    if !net_saving_per_citizen.is_positive() {
        return None;
    }
    cost_per_citizen.ratio(net_saving_per_citizen).map(|r| Share::from_ratio(Decimal::ONE - r))
}

/// The figures for every target group of a contract version that has an
/// estimate, and the ids of those without one.
pub fn investment_case(contract: &Contract) -> (Vec<CaseFigures<'_>>, Vec<&TargetGroup>) {
    let mut with = Vec::new();
    let mut without = Vec::new();
    for g in &contract.target_groups {
        match figures(contract, g) {
            Some(f) => with.push(f),
            None => without.push(g),
        }
    }
    (with, without)
}
