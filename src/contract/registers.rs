//! How a contract reads the registers (`[registers]` in a contract file):
//! the paid hours a calendar month needs to count as work, and the benefit
//! register's codes mapped to the contract's benefit names.

use rust_decimal::Decimal;

use crate::benefit::Benefit;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisterRules {
    /// A calendar month counts as work when the paid hours the income
    /// register gives for it (a pay period's hours spread evenly over its
    /// days) are at least this many. Positive.
    pub min_paid_hours_per_month: Decimal,
    /// Benefit register code → benefit; codes unique.
    pub benefit_codes: Vec<(String, Benefit)>,
}

impl RegisterRules {
    /// The benefit a register code stands for, if the table has it.
    pub fn benefit(&self, code: &str) -> Option<Benefit> {
        self.benefit_codes.iter().find(|(c, _)| c == code).map(|(_, b)| *b)
    }
}
