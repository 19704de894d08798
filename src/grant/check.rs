//! What `check` says about a grant as a whole: errors that stop it from
//! loading (bands that leave a share uncovered or cover it twice, tranches
//! above 100 % of the grant) and warnings that do not (budget rows that do
//! not sum to the grant, co-financing stated two ways). `check --strict`
//! treats warnings as errors. Each finding is a value with its figures; its
//! sentence is given in English and in Danish.

use rust_decimal::Decimal;

use super::Grant;
use super::bands::{Coverage, coverage};
use crate::money::{Money, danish_decimal, plain_decimal};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// No band covers this share.
    BandGap { share: Decimal },
    /// Two bands (their positions in the file, from 0) cover this share.
    BandOverlap { share: Decimal, first: usize, second: usize },
    /// Tranche 1 and the best tranche 2 together exceed the grant.
    TranchesAbove { total_pct: Decimal },
    /// The budget rows sum to `rows`, not to the grant.
    BudgetDiffers { rows: Money, grant: Money },
    /// The co-financing is also stated as other figures.
    CoFinancingTwoWays { used: Money, others: Vec<Money> },
}

impl Finding {
    pub fn is_error(&self) -> bool {
        matches!(self, Finding::BandGap { .. } | Finding::BandOverlap { .. } | Finding::TranchesAbove { .. })
    }

    /// The file's field the finding is about.
    pub fn field(&self) -> &'static str {
        match self {
            Finding::BandGap { .. } | Finding::BandOverlap { .. } => "tranche2.bands",
            Finding::TranchesAbove { .. } => "tranche2.bands",
            Finding::BudgetDiffers { .. } => "budget",
            Finding::CoFinancingTwoWays { .. } => "co_financing_also_stated",
        }
    }

    pub fn english(&self) -> String {
        let pct = |d: &Decimal| format!("{} %", d.normalize());
        match self {
            Finding::BandGap { share } => format!("no band covers a share of {}", pct(share)),
            Finding::BandOverlap { share, first, second } => format!(
                "bands {} and {} both cover a share of {}; bands are half-open intervals [from_pct, below_pct)",
                first + 1,
                second + 1,
                pct(share)
            ),
            Finding::TranchesAbove { total_pct } => {
                format!("tranche 1 and the best band of tranche 2 pay {} of the grant, more than 100 %", pct(total_pct))
            }
            Finding::BudgetDiffers { rows, grant } => format!(
                "the budget rows sum to {} kr., not to the grant of {} kr.: a difference of {} kr.",
                rows.plain(),
                grant.plain(),
                (*grant - *rows).plain()
            ),
            Finding::CoFinancingTwoWays { used, others } => format!(
                "the co-financing is stated two ways: {} kr. (used) and {} kr.",
                used.plain(),
                others.iter().map(|m| m.plain()).collect::<Vec<_>>().join(" kr. and ")
            ),
        }
    }

    pub fn danish(&self) -> String {
        let pct = |d: &Decimal| format!("{} %", danish_decimal(*d, d.normalize().scale()));
        match self {
            Finding::BandGap { share } => format!("intet interval dækker en andel på {}", pct(share)),
            Finding::BandOverlap { share, first, second } => {
                format!("interval {} og {} dækker begge en andel på {}", first + 1, second + 1, pct(share))
            }
            Finding::TranchesAbove { total_pct } => {
                format!("rate 1 og den højeste rate 2 udgør {} af puljemidlerne, mere end 100 %", pct(total_pct))
            }
            Finding::BudgetDiffers { rows, grant } => format!(
                "budgetrækkerne summerer til {} kr., ikke til tilsagnet på {} kr.: en forskel på {} kr.",
                rows.danish(),
                grant.danish(),
                (*grant - *rows).danish()
            ),
            Finding::CoFinancingTwoWays { used, others } => format!(
                "medfinansieringen er angivet på to måder: {} kr. (anvendt) og {} kr.",
                used.danish(),
                others.iter().map(|m| m.danish()).collect::<Vec<_>>().join(" kr. og ")
            ),
        }
    }
}

/// Every finding about `grant`, errors first.
pub fn check(grant: &Grant) -> Vec<Finding> {
    let mut out: Vec<Finding> = coverage(&grant.bands)
        .into_iter()
        .map(|c| match c {
            Coverage::Gap(share) => Finding::BandGap { share },
            Coverage::Overlap { share, first, second } => Finding::BandOverlap { share, first, second },
        })
        .collect();
    let best = grant.bands.iter().map(|b| b.pays_pct).max().unwrap_or(Decimal::ZERO);
    let total_pct = grant.tranche1_pct + best;
    if total_pct > Decimal::ONE_HUNDRED {
        out.push(Finding::TranchesAbove { total_pct });
    }
    if !grant.budget.is_empty() && grant.budget_total() != grant.amount {
        out.push(Finding::BudgetDiffers { rows: grant.budget_total(), grant: grant.amount });
    }
    let others: Vec<Money> =
        grant.co_financing_also_stated.iter().copied().filter(|m| *m != grant.co_financing).collect();
    if !others.is_empty() {
        out.push(Finding::CoFinancingTwoWays { used: grant.co_financing, others });
    }
    out
}

/// A percentage for messages: `54.5`.
pub fn pct_text(d: Decimal) -> String {
    plain_decimal(d.normalize(), d.normalize().scale())
}
