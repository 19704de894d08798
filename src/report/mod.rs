//! Committee figures for one contract as of a date, computed from the
//! courses, their events and the payment ledger. Pure: the service hands in
//! the courses and the ledger; nothing here reads the store or the clock.
//!
//! Per target group, in total, and in total over the groups the investment
//! case covers (those with an estimate):
//! - the status table in the minutes' form ([`status`]), and the kind of
//!   job the courses ended in against the supplier's promises ([`jobs`]);
//! - money ([`figures::MoneyFigures`]): earned (milestones achieved), paid,
//!   approved but not yet paid ([`ledger`]), earned but not yet invoiced,
//!   at risk (paid or approved for a milestone no longer achieved), which
//!   reconcile to earned; and the most that could still become payable;
//! - the investment case next to what the events show ([`savings`]):
//!   realised savings, net result (realised savings − earned), and the
//!   deadweight break-even at the estimated and at the realised savings;
//! - cost per result on what was earned (per citizen in job, per job
//!   start, per retention milestone), with paid beside it;
//! - the reform's result indicators: share in work 6 months after referral;
//! - a month-by-month series of cumulative payments and realised savings
//!   ([`series`]).
//!
//! The rounding rule (`money`): money is exact until a group's realised
//! savings are formed, which are rounded to øre once; every other amount is
//! a sum of øre amounts, and every total is the sum of its rows.
//!
//! [`disclosure`] decides what a committee may see; [`scenario`] is the
//! what-if, fed by [`Portfolio::realised_input`] by default;
//! [`figure_check`] holds a typed figure list against the computed tables.

pub mod build;
pub mod compare;
pub mod disclosure;
pub mod extension;
pub mod figure_check;
pub mod figures;
pub mod jobs;
pub mod ledger;
pub mod savings;
pub mod scenario;
pub mod series;
pub mod status;
pub mod sums;
pub mod suppress;
mod what_if_input;

use chrono::NaiveDate;

use crate::contract::{Period, Promises};
use crate::money::Money;

pub use build::portfolio;
pub use figures::{CaseRow, GroupFigures, Indicators, MoneyFigures, MonthPoint, Realised};

/// Months after referral for the reform's "in work after 6 months".
pub const INDICATOR_MONTHS: u32 = 6;

#[derive(Clone, Debug, PartialEq)]
pub struct Portfolio {
    pub contract: String,
    pub title: String,
    /// The latest version (its milestones, estimates and promises head the
    /// report).
    pub version: u32,
    /// The latest version's referral period.
    pub referrals: Period,
    pub as_of: NaiveDate,
    /// Milestones of the latest version: (id, after_months, amount).
    pub milestones: Vec<(String, u32, Money)>,
    pub promises: Promises,
    pub groups: Vec<GroupFigures>,
    /// Every group.
    pub total: GroupFigures,
    /// The groups with an estimate: the investment case's total, which the
    /// realised savings are counted over. A group without one (Lejre's
    /// integration group, which left the scheme) is shown apart from it.
    pub covered: GroupFigures,
    /// Month ends from the first referral's month to `as_of`.
    pub series: Vec<MonthPoint>,
}

impl Portfolio {
    pub fn group(&self, id: &str) -> Option<&GroupFigures> {
        self.groups.iter().find(|g| g.id.as_deref() == Some(id))
    }

    /// Whether the investment case covers group `i` (it has an estimate).
    pub fn is_covered(&self, i: usize) -> bool {
        self.groups.get(i).is_some_and(|g| g.case.is_some())
    }
}
