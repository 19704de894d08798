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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::parse::parse_toml;
    use crate::money::round;
    use rust_decimal_macros::dec;

    fn lejre() -> Contract {
        parse_toml(include_str!("../contracts/lejre-jobparate-v2.toml")).unwrap().contract
    }

    /// docs/rules.md (the minutes' savings table): saving potential 25,974.00 and 12,560.75; 1.96 months for
    /// dagpenge (25,000 / (50,974 / 4)); deadweight 50.96 % and 33.44 %.
    #[test]
    fn lejre_investment_case_matches_the_minutes() {
        let c = lejre();
        let (f, without) = investment_case(&c);
        assert_eq!(without.len(), 1, "integration has no estimate in the minutes");
        let dag = f.iter().find(|x| x.group.id.as_str() == "dagpenge").unwrap();
        assert_eq!(dag.supplier_cost, Money::kr(25000));
        assert_eq!(dag.saving_potential.plain(), "25974.00");
        assert_eq!(dag.monthly_saving.plain(), "12743.50");
        assert_eq!(round(dag.months_to_break_even.unwrap(), 2), dec!(1.96));
        assert_eq!(dag.deadweight_break_even.unwrap().percent(2), dec!(50.96));

        let led = f.iter().find(|x| x.group.id.as_str() == "ledighedsydelse").unwrap();
        assert_eq!(led.saving_potential.plain(), "12560.75");
        assert_eq!(led.deadweight_break_even.unwrap().percent(2), dec!(33.44));
        // (118,195.50 − 80,634.75) / 9 = 4,173.4166…; 25,000 / that = 5.990…
        assert_eq!(round(led.months_to_break_even.unwrap(), 2), dec!(5.99));
    }
}
