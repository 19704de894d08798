//! The in-house option: the municipality's own team doing what a supplier
//! would, judged on the same events by the same rules, but paid by its cost
//! instead of per milestone.
//!
//! The cost is described as procurement would budget a team: staff-years,
//! the cost of one staff-year, an overhead share on top, and the caseload
//! (citizens one staff-year takes through a course in a year). One referral
//! carries its share of the team's year:
//!
//! ```text
//! team cost a year   = staff-years × cost per staff-year × (1 + overhead share)
//! referrals a year   = staff-years × caseload
//! cost per referral  = team cost a year / referrals a year
//!                    = cost per staff-year × (1 + overhead share) / caseload
//! ```
//!
//! So the option's cost as of a date is its referrals by then times the cost
//! per referral, whatever their outcome (the team is paid whether or not a
//! citizen finds work), and its cost per result is that cost over the
//! results, as a supplier's is what it earned over the results.

use rust_decimal::Decimal;

use crate::money::{Money, Share};

/// What the own team costs (the `[cost]` table of an `in_house` contract).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InHouseCost {
    /// Full-time staff on the team (> 0).
    pub staff_years: Decimal,
    /// Salary, pension and other pay of one staff-year (> 0).
    pub cost_per_staff_year: Money,
    /// Overhead (management, rooms, IT) as a share of pay (>= 0).
    pub overhead: Share,
    /// Citizens one staff-year takes through a course in a year (> 0).
    pub caseload: Decimal,
}

impl InHouseCost {
    /// Staff-years × cost per staff-year × (1 + overhead), exact.
    pub fn team_cost_per_year(&self) -> Money {
        self.cost_per_staff_year * (self.staff_years * (Decimal::ONE + self.overhead.ratio()))
    }

    /// Staff-years × caseload.
    pub fn referrals_per_year(&self) -> Decimal {
        self.staff_years * self.caseload
    }

    /// The team's cost a year over the referrals it takes a year, exact
    /// (rounded only where a total is formed).
    pub fn per_referral(&self) -> Money {
        self.team_cost_per_year().checked_div(self.referrals_per_year()).unwrap_or(Money::ZERO)
    }

    /// The cost of `referrals` referrals, rounded to øre once.
    pub fn cost_of(&self, referrals: u64) -> Money {
        (self.per_referral() * Decimal::from(referrals)).rounded()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn cost_per_referral_by_hand() {
        // 2 staff-years at 600,000 with 15 % overhead: 2 × 600,000 × 1.15 =
        // 1,380,000 a year for 2 × 60 = 120 referrals: 11,500 per referral;
        // 7 referrals cost 80,500.
        let c = InHouseCost {
            staff_years: dec!(2),
            cost_per_staff_year: Money::kr(600_000),
            overhead: Share::from_ratio(dec!(0.15)),
            caseload: dec!(60),
        };
        assert_eq!(c.team_cost_per_year().plain(), "1380000.00");
        assert_eq!(c.referrals_per_year(), dec!(120));
        assert_eq!(c.per_referral().plain(), "11500.00");
        assert_eq!(c.cost_of(7).plain(), "80500.00");
    }

    #[test]
    fn a_total_is_rounded_once_not_per_referral() {
        // 100,000 a year for 3 referrals: 33,333.333… each; 3 cost exactly
        // 100,000.00, not 3 × 33,333.33 = 99,999.99.
        let c = InHouseCost {
            staff_years: dec!(1),
            cost_per_staff_year: Money::kr(100_000),
            overhead: Share::from_ratio(Decimal::ZERO),
            caseload: dec!(3),
        };
        assert_eq!(c.cost_of(3).plain(), "100000.00");
        assert_eq!(c.cost_of(1).plain(), "33333.33");
    }
}
