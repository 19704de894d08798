//! A contract version as JSON, for the API and pages.

use chrono::NaiveDate;
use serde::Serialize;

use crate::contract::eligibility::Condition;
use crate::contract::{Contract, Period};
use crate::money::plain_decimal;

#[derive(Clone, Debug, Serialize)]
pub struct ContractOut {
    pub id: String,
    pub version: u32,
    pub kind: &'static str,
    pub title: String,
    pub buyer: String,
    pub effective_from: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<u32>,
    pub supplier: SupplierOut,
    pub referrals: PeriodOut,
    pub payment_condition: PaymentOut,
    pub milestones: Vec<MilestoneOut>,
    pub target_groups: Vec<GroupOut>,
    /// An in-house option's cost, in the file's fields (so that the JSON
    /// reads back as the same contract).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostOut>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CostOut {
    pub staff_years: String,
    pub cost_per_staff_year: String,
    pub overhead_pct: String,
    pub caseload: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct SupplierOut {
    pub name: String,
    pub cvr: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PeriodOut {
    pub from: NaiveDate,
    pub until: NaiveDate,
}

#[derive(Clone, Debug, Serialize)]
pub struct PaymentOut {
    pub allowed_benefits: Vec<&'static str>,
    pub max_gap_days: u32,
    pub on_break: &'static str,
    pub once_per_citizen: bool,
    pub job_types: Vec<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MilestoneOut {
    pub id: String,
    pub after_months: u32,
    pub amount: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupOut {
    pub id: String,
    pub label: String,
    pub benefit: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefit_saving: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected_months_saved: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fleksjob_subsidy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub referrals: Option<PeriodOut>,
}

fn period(p: &Period) -> PeriodOut {
    PeriodOut { from: p.from, until: p.until }
}

/// The condition tree in the contract file's own shape.
pub fn condition_json(c: &Condition) -> serde_json::Value {
    use serde_json::json;
    match c {
        Condition::All(cs) => json!({ "all": cs.iter().map(condition_json).collect::<Vec<_>>() }),
        Condition::Any(cs) => json!({ "any": cs.iter().map(condition_json).collect::<Vec<_>>() }),
        Condition::Not(c) => json!({ "not": condition_json(c) }),
        Condition::AgeAtLeast(n) => json!({ "age_at_least": n }),
        Condition::AgeBelow(n) => json!({ "age_below": n }),
        Condition::UnemployedMonthsMoreThan(n) => json!({ "unemployed_months_more_than": n }),
        Condition::UnemployedMonthsAtLeast(n) => json!({ "unemployed_months_at_least": n }),
        Condition::UnemployedMonthsBelow(n) => json!({ "unemployed_months_below": n }),
        Condition::AKasseIn(k) => json!({ "a_kasse_in": k }),
        Condition::BenefitIn(s) => json!({ "benefit_in": s.iter().map(|b| b.as_str()).collect::<Vec<_>>() }),
    }
}

impl ContractOut {
    pub fn of(c: &Contract) -> ContractOut {
        ContractOut {
            id: c.id.to_string(),
            version: c.version,
            kind: c.kind.as_str(),
            title: c.title.clone(),
            buyer: c.buyer.clone(),
            effective_from: c.effective_from,
            supersedes: c.supersedes,
            supplier: SupplierOut { name: c.supplier.name.clone(), cvr: c.supplier.cvr.to_string() },
            referrals: period(&c.referrals),
            payment_condition: PaymentOut {
                allowed_benefits: c.payment.allowed_benefits.iter().map(|b| b.as_str()).collect(),
                max_gap_days: c.payment.max_gap_days,
                on_break: c.payment.on_break.as_str(),
                once_per_citizen: c.payment.once_per_citizen,
                job_types: c.payment.job_types.iter().map(|j| j.as_str()).collect(),
            },
            milestones: c
                .milestones
                .iter()
                .map(|m| MilestoneOut { id: m.id.to_string(), after_months: m.after_months, amount: m.amount.plain() })
                .collect(),
            target_groups: c
                .target_groups
                .iter()
                .map(|g| GroupOut {
                    id: g.id.to_string(),
                    label: g.label.clone(),
                    benefit: g.benefit.as_str(),
                    benefit_saving: g.estimate.as_ref().map(|e| e.benefit_saving.plain()),
                    expected_months_saved: g.estimate.as_ref().map(|e| {
                        plain_decimal(e.expected_months_saved.normalize(), e.expected_months_saved.normalize().scale())
                    }),
                    fleksjob_subsidy: g.estimate.as_ref().map(|e| e.fleksjob_subsidy.plain()),
                    eligibility: g.eligibility.as_ref().map(condition_json),
                    referrals: g.referrals.as_ref().map(period),
                })
                .collect(),
            cost: c.kind.in_house().map(|k| {
                let n = |d: rust_decimal::Decimal| plain_decimal(d.normalize(), d.normalize().scale());
                CostOut {
                    staff_years: n(k.staff_years),
                    cost_per_staff_year: k.cost_per_staff_year.plain(),
                    overhead_pct: n(k.overhead.ratio() * rust_decimal::Decimal::ONE_HUNDRED),
                    caseload: n(k.caseload),
                }
            }),
        }
    }
}
