//! The what-if's inputs from a portfolio: the realised rates (so that the
//! what-if reproduces the realised figures), or only the contract's own
//! figures for a reader who may not see a group's rates.

use rust_decimal::Decimal;

use super::Portfolio;
use super::figures::GroupFigures;
use super::scenario::{ScenarioInput, ScenarioMilestone};

impl Portfolio {
    fn scenario_milestones(&self, rate: impl Fn(usize, u32) -> Decimal) -> Vec<ScenarioMilestone> {
        self.milestones
            .iter()
            .enumerate()
            .map(|(k, (id, after, amount))| ScenarioMilestone {
                id: id.clone(),
                after_months: *after,
                amount: *amount,
                rate: if *after == 0 { Decimal::ONE } else { rate(k, *after) },
            })
            .collect()
    }

    /// The what-if with only the contract's figures (amounts, the estimate's
    /// months and monthly saving) and no rates.
    pub fn contract_input(&self, group: &GroupFigures) -> Option<ScenarioInput> {
        let case = group.case.as_ref()?;
        Some(ScenarioInput {
            referrals: Decimal::ZERO,
            job_start_rate: Decimal::ZERO,
            milestones: self.scenario_milestones(|_, _| Decimal::ZERO),
            deadweight: Decimal::ZERO,
            months_saved: case.expected_months,
            monthly_net_saving: case.monthly_net_saving,
        })
    }

    /// The what-if fed the realised rates of a group with an estimate, exact
    /// (never rounded for display), for `referrals` referrals: by default the
    /// group's referred courses, so that the result is the realised figures
    /// to the øre.
    pub fn realised_input(&self, group: &GroupFigures, referrals: Option<Decimal>) -> Option<ScenarioInput> {
        let case = group.case.as_ref()?;
        let n = Decimal::from(group.counts.referred);
        let starts = Decimal::from(group.realised.job_starts);
        let ratio = |a: Decimal, b: Decimal| if b.is_zero() { Decimal::ZERO } else { a / b };
        Some(ScenarioInput {
            referrals: referrals.unwrap_or(n),
            job_start_rate: ratio(starts, n),
            milestones: self.scenario_milestones(|k, _| ratio(Decimal::from(group.realised.achieved[k]), starts)),
            deadweight: Decimal::ZERO,
            months_saved: ratio(group.realised.months_saved, starts),
            monthly_net_saving: case.monthly_net_saving,
        })
    }
}
