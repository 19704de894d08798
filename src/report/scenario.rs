//! What-if: the expected economics of a year of referrals, for an extension
//! decision. The same arithmetic gives the realised figures when it is fed
//! the realised rates (see `realised_input`), which is how a committee can
//! trust the what-if: it is the same model as the figures they know.
//!
//! For N referrals a year:
//! - job starts = N × job start rate (the share of referred citizens whose
//!   course earns the job start milestone);
//! - expected payments = Σ over milestones of job starts × the milestone's
//!   rate (1 for job start; the retention rate for the others) × amount;
//! - gross savings = job starts × months saved per job start × the monthly
//!   net saving (benefit saving less fleksjob subsidy, per month);
//! - savings caused by the case = gross savings × (1 − deadweight share);
//! - net result = caused savings − expected payments, per year and per
//!   referral;
//! - break-even deadweight = 1 − expected payments / gross savings: the
//!   largest share of those in job who could have found work anyway before
//!   the case stops paying.
//!
//! Rounding: each milestone's expected amount, the gross savings and the
//! savings after deadweight are rounded to øre where they are formed;
//! expected payments are the sum of the milestone amounts and the net
//! result the difference of the rounded figures, so the answer adds up as
//! shown. (Fed the realised rates, the exact amounts are the realised
//! figures, so rounding them gives the realised figures to the øre.)

use rust_decimal::Decimal;

use crate::money::{Money, Share};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioMilestone {
    pub id: String,
    pub after_months: u32,
    pub amount: Money,
    /// Share of job starts that reach this milestone (1 for job start).
    pub rate: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioInput {
    pub referrals: Decimal,
    pub job_start_rate: Decimal,
    pub milestones: Vec<ScenarioMilestone>,
    pub deadweight: Decimal,
    /// Months of benefit saved per job start, on average.
    pub months_saved: Decimal,
    pub monthly_net_saving: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioResult {
    pub job_starts: Decimal,
    /// Per milestone: how many are expected to be paid, and for how much.
    pub per_milestone: Vec<(String, Decimal, Money)>,
    pub payments: Money,
    pub gross_savings: Money,
    pub savings: Money,
    pub net: Money,
    pub net_per_referral: Option<Money>,
    pub break_even_deadweight: Option<Share>,
}

pub fn run(input: &ScenarioInput) -> ScenarioResult {
    let job_starts = input.referrals * input.job_start_rate;
    let per_milestone: Vec<(String, Decimal, Money)> = input
        .milestones
        .iter()
        .map(|m| {
            let n = job_starts * m.rate;
            (m.id.clone(), n, (m.amount * n).rounded())
        })
        .collect();
    let payments: Money = per_milestone.iter().map(|(_, _, a)| *a).sum();
    let exact_savings = input.monthly_net_saving * (job_starts * input.months_saved);
    let gross_savings = exact_savings.rounded();
    let savings = (exact_savings * (Decimal::ONE - input.deadweight)).rounded();
    let net = savings - payments;
    ScenarioResult {
        job_starts,
        per_milestone,
        payments,
        gross_savings,
        savings,
        net,
        net_per_referral: net.checked_div(input.referrals),
        break_even_deadweight: gross_savings
            .is_positive()
            .then(|| payments.ratio(gross_savings))
            .flatten()
            .map(|r| Share::from_ratio(Decimal::ONE - r)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::round;
    use rust_decimal_macros::dec;

    fn lejre(rate3: Decimal, rate6: Decimal) -> Vec<ScenarioMilestone> {
        vec![
            ScenarioMilestone { id: "job_start".into(), after_months: 0, amount: Money::kr(5000), rate: Decimal::ONE },
            ScenarioMilestone { id: "retention_3m".into(), after_months: 3, amount: Money::kr(10000), rate: rate3 },
            ScenarioMilestone { id: "retention_6m".into(), after_months: 6, amount: Money::kr(10000), rate: rate6 },
        ]
    }

    #[test]
    fn the_contract_estimate_as_a_scenario_gives_the_investment_case() {
        // Everyone in job keeps it 6 months and saves the estimated 4 months
        // (50,974 / 4 a month), no deadweight: per citizen in job 25,974
        // saved net of 25,000, and the break-even deadweight of 50.96 %.
        let input = ScenarioInput {
            referrals: dec!(100),
            job_start_rate: dec!(0.01),
            milestones: lejre(Decimal::ONE, Decimal::ONE),
            deadweight: Decimal::ZERO,
            months_saved: dec!(4),
            monthly_net_saving: Money::parse("12743.50").unwrap(),
        };
        let r = run(&input);
        assert_eq!(r.job_starts, Decimal::ONE);
        assert_eq!(r.payments.plain(), "25000.00");
        assert_eq!(r.gross_savings.plain(), "50974.00");
        assert_eq!(r.net.plain(), "25974.00");
        assert_eq!(r.break_even_deadweight.unwrap().percent(2), dec!(50.96));
    }

    #[test]
    fn an_extension_year_by_hand() {
        // 100 referrals, 40 % start a job, 60 % of them keep it 3 months and
        // 40 % 6 months, 20 % deadweight, 3 months saved at 12,743.50:
        // 40 job starts; payments 40×5,000 + 24×10,000 + 16×10,000 = 600,000;
        // gross savings 40 × 3 × 12,743.50 = 1,529,220; caused 1,223,376;
        // net 623,376, per referral 6,233.76; break-even deadweight
        // 1 − 600,000 / 1,529,220 = 60.76 %.
        let input = ScenarioInput {
            referrals: dec!(100),
            job_start_rate: dec!(0.40),
            milestones: lejre(dec!(0.60), dec!(0.40)),
            deadweight: dec!(0.20),
            months_saved: dec!(3),
            monthly_net_saving: Money::parse("12743.50").unwrap(),
        };
        let r = run(&input);
        assert_eq!(r.payments.plain(), "600000.00");
        assert_eq!(r.gross_savings.plain(), "1529220.00");
        assert_eq!(r.savings.plain(), "1223376.00");
        assert_eq!(r.net.plain(), "623376.00");
        assert_eq!(r.net_per_referral.unwrap().plain(), "6233.76");
        assert_eq!(round(r.break_even_deadweight.unwrap().ratio() * dec!(100), 2), dec!(60.76));
    }

    #[test]
    fn no_referrals_and_no_savings_give_no_ratios() {
        let input = ScenarioInput {
            referrals: Decimal::ZERO,
            job_start_rate: dec!(0.5),
            milestones: lejre(dec!(0.5), dec!(0.5)),
            deadweight: Decimal::ZERO,
            months_saved: Decimal::ZERO,
            monthly_net_saving: Money::kr(1000),
        };
        let r = run(&input);
        assert_eq!(r.net_per_referral, None);
        assert_eq!(r.break_even_deadweight, None);
        assert!(r.payments.is_zero());
    }
}
