//! The contract model: what procurement agreed with a supplier, one value per
//! contract version. Built by [`parse`] from the format-neutral tree
//! [`node`] (the shell reads TOML and JSON into it: `wire::contract_file`);
//! every value of these types has passed validation.

pub mod chosen;
pub mod eligibility;
mod fields;
pub mod in_house;
pub mod node;
pub mod parse;
pub mod problem;
pub mod registers;
pub mod set;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::benefit::{Benefit, BenefitSet, JobType};
use crate::ids::{ContractId, Cvr, MilestoneId, TargetGroupId};
use crate::money::Money;

pub use eligibility::Condition;
pub use in_house::InHouseCost;
pub use problem::Problem;
pub use set::ContractSet;

/// One version of a contract.
#[derive(Clone, Debug, PartialEq)]
pub struct Contract {
    pub id: ContractId,
    /// Versions of one contract are numbered 1, 2, ...; a change is a new
    /// version, never an edit.
    pub version: u32,
    pub kind: ContractKind,
    pub title: String,
    pub buyer: String,
    /// The version in force for a referral is the latest version whose
    /// `effective_from` is on or before the referral date.
    pub effective_from: NaiveDate,
    pub supersedes: Option<u32>,
    pub supplier: Supplier,
    /// Referrals on these dates (inclusive) are covered.
    pub referrals: Period,
    pub payment: PaymentCondition,
    /// Strictly ascending by `after_months`; at least one.
    pub milestones: Vec<Milestone>,
    /// At least one; ids unique.
    pub target_groups: Vec<TargetGroup>,
    /// What the supplier promised the results would be; reports hold the
    /// results against it. Pays nothing and decides no verdict.
    pub promises: Promises,
    /// How the income and benefit registers are read for this contract;
    /// `None` when the file has no `[registers]` table (no register check).
    pub registers: Option<registers::RegisterRules>,
}

/// The supplier's promised results, as shares of the courses that ended
/// ordinarily (in a job or without one), the base of the minutes' success
/// rate. Lejre: at least 50 % into ordinary work, at least 90 % into work of
/// any kind (fleksjob counted).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Promises {
    /// Least share ending in an ordinary job.
    pub ordinary_job: Option<crate::money::Share>,
    /// Least share ending in a job of any kind the contract counts.
    pub any_job: Option<crate::money::Share>,
}

/// The kind of contract: a supplier paid per milestone, or the
/// municipality's own team (`in_house`), judged on the same events by the
/// same milestones but paid by its cost. Grant pools with result tranches
/// are read by their own loader (docs/rules.md, "Other outcome forms").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractKind {
    Milestones,
    /// The own team; its milestones are measured, not paid (amount 0).
    InHouse(InHouseCost),
}

impl ContractKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ContractKind::Milestones => "milestones",
            ContractKind::InHouse(_) => "in_house",
        }
    }

    /// The own team's cost, for an in-house option.
    pub fn in_house(self) -> Option<InHouseCost> {
        match self {
            ContractKind::InHouse(c) => Some(c),
            ContractKind::Milestones => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Supplier {
    pub name: String,
    pub cvr: Cvr,
}

/// An inclusive, non-empty date period (`from <= until`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

impl Period {
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.until
    }
}

/// What counts as "in work without benefit", and what a break does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentCondition {
    /// Benefits a citizen may receive and still count as in work without
    /// benefit (Lejre: fleksjob). Any other benefit on a day breaks the chain.
    pub allowed_benefits: BenefitSet,
    /// Days strictly between two jobs that still count as one chain.
    pub max_gap_days: u32,
    pub on_break: OnBreak,
    /// A milestone is payable at most once per citizen across referrals.
    pub once_per_citizen: bool,
    /// The kinds of job that count (default: ordinary and fleksjob).
    pub job_types: Vec<JobType>,
}

impl PaymentCondition {
    pub fn counts_job(&self, job: JobType) -> bool {
        self.job_types.contains(&job)
    }

    pub fn disallows(&self, benefit: Benefit) -> bool {
        !self.allowed_benefits.contains(benefit)
    }
}

/// What a break in the chain does to later retention milestones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnBreak {
    /// The broken milestone and all later retention milestones are lost.
    Forfeit,
    /// They are measured again from the start of the next qualifying chain.
    Restart,
}

impl OnBreak {
    pub fn as_str(self) -> &'static str {
        match self {
            OnBreak::Forfeit => "forfeit",
            OnBreak::Restart => "restart",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Milestone {
    pub id: MilestoneId,
    /// 0 = job start; k = the job kept for k calendar months.
    pub after_months: u32,
    /// Positive, at most two decimals.
    pub amount: Money,
}

impl Milestone {
    pub fn is_job_start(&self) -> bool {
        self.after_months == 0
    }

    /// The milestone as a reader names it, not its id: "jobstart",
    /// "fastholdelse i 3 måneder" (the minutes' words); "job start",
    /// "job kept 3 months".
    pub fn name(&self, lang: crate::lang::Lang) -> String {
        milestone_name(self.after_months, lang)
    }
}

/// A milestone's name from its months: see [`Milestone::name`].
pub fn milestone_name(after_months: u32, lang: crate::lang::Lang) -> String {
    use crate::lang::Lang;
    match (lang, after_months) {
        (Lang::Da, 0) => "jobstart".into(),
        (Lang::Da, 1) => "fastholdelse i 1 måned".into(),
        (Lang::Da, m) => format!("fastholdelse i {m} måneder"),
        (Lang::En, 0) => "job start".into(),
        (Lang::En, 1) => "job kept 1 month".into(),
        (Lang::En, m) => format!("job kept {m} months"),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TargetGroup {
    pub id: TargetGroupId,
    /// A human label for reports ("Dagpenge"); defaults to the id.
    pub label: String,
    /// The benefit the group receives when referred.
    pub benefit: Benefit,
    /// The investment-case estimate; `None` when the contract gives none
    /// (Lejre's minutes give no figures for the integration group), so that
    /// no report invents one.
    pub estimate: Option<Estimate>,
    /// `None` admits everyone referred to the group.
    pub eligibility: Option<Condition>,
    /// A narrower referral period for this group (Lejre: integration
    /// citizens until 30 Jun 2025); inside the contract's period.
    pub referrals: Option<Period>,
}

/// A target group's investment-case estimate per citizen in job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    /// Estimated benefit saving per citizen in job (> 0).
    pub benefit_saving: Money,
    /// Months of benefit the saving stands for (> 0).
    pub expected_months_saved: Decimal,
    /// The municipality's fleksjob subsidy cost per citizen in job (>= 0).
    pub fleksjob_subsidy: Money,
}

impl Contract {
    /// The sum of all milestone amounts: what one citizen can cost.
    pub fn supplier_cost(&self) -> Money {
        self.milestones.iter().map(|m| m.amount).sum()
    }

    pub fn target_group(&self, id: &str) -> Option<&TargetGroup> {
        self.target_groups.iter().find(|g| g.id.as_str() == id)
    }

    /// The parts in which two versions of a contract differ, by their names
    /// in the file (empty when they say the same).
    pub fn differences(&self, other: &Contract) -> Vec<&'static str> {
        let mut out = Vec::new();
        let mut diff = |name: &'static str, same: bool| {
            if !same {
                out.push(name);
            }
        };
        diff("kind", self.kind == other.kind);
        diff("title", self.title == other.title);
        diff("buyer", self.buyer == other.buyer);
        diff("effective_from", self.effective_from == other.effective_from);
        diff("supersedes", self.supersedes == other.supersedes);
        diff("supplier", self.supplier == other.supplier);
        diff("referrals", self.referrals == other.referrals);
        diff("payment_condition", self.payment == other.payment);
        diff("milestones", self.milestones == other.milestones);
        diff("target_groups", self.target_groups == other.target_groups);
        diff("promises", self.promises == other.promises);
        diff("registers", self.registers == other.registers);
        out
    }

    pub fn milestone_index(&self, id: &str) -> Option<usize> {
        self.milestones.iter().position(|m| m.id.as_str() == id)
    }
}
