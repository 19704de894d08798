//! Committee figures: the service gathers a contract's courses and ledger
//! and hands them to the pure `report` core.

use std::sync::Arc;

use chrono::NaiveDate;

use super::Service;
use crate::contract::Problem;
use crate::course::Course;
use crate::money::Money;
use crate::report::disclosure::{Policy, Row};
use crate::report::figure_check::{Checked, Typed, check};
use crate::report::ledger::LedgerEntry;
use crate::report::ledger::default_as_of;
use crate::report::scenario::{self, ScenarioInput};
use crate::report::{Portfolio, portfolio};
use crate::store::kv::StoreError;
use crate::store::records::CourseRecord;
use crate::store::{RepoError, keys};
use crate::wire::report_out::ReportView;
use crate::wire::scenario::{ScenarioIn, out};

impl Service {
    /// Every course under a contract (from the cache once it is warm).
    pub fn all_courses(&self, contract: &str) -> Result<Vec<Arc<Course>>, StoreError> {
        if let Some(all) = self.cache.all_of(contract) {
            return Ok(all);
        }
        let mut out = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = self.repo.page::<CourseRecord>(keys::COURSE, after.as_deref(), 1024)?;
            let done = page.len() < 1024;
            for (k, rec) in page {
                after = Some(k);
                if rec.contract == contract {
                    out.push(match self.cache.get(&rec.course_id) {
                        Some(c) => c,
                        None => self.remember(&rec)?,
                    });
                }
            }
            if done {
                return Ok(out);
            }
        }
    }

    /// The contract's payments as ledger entries (with their reversals).
    pub fn ledger(&self, contract: &str) -> Result<Vec<LedgerEntry>, RepoError> {
        self.payments(Some(contract))?
            .into_iter()
            .map(|(p, r)| {
                Ok(LedgerEntry {
                    payment_id: p.id,
                    amount: Money::parse(&p.amount)
                        .map_err(|e| StoreError::Corrupt(format!("payment {}: {e}", p.id)))?,
                    course_id: p.course_id,
                    key: p.key,
                    milestone: p.milestone,
                    booked_on: p.booked_on,
                    due_on: p.due_on,
                    reversed_on: r.map(|r| r.booked_on),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()
            .map_err(RepoError::from)
    }

    /// `GET /reports/portfolio`.
    pub fn portfolio(&self, contract: &str, as_of: NaiveDate) -> Result<Portfolio, RepoError> {
        let set = self.contracts();
        if !set.contains(contract) {
            return Err(RepoError::NotFound(format!("no contract {contract}")));
        }
        let courses = self.all_courses(contract)?;
        let ledger = self.ledger(contract)?;
        portfolio(&set, contract, &courses, &ledger, as_of)
            .ok_or_else(|| RepoError::NotFound(format!("no contract {contract}")))
    }

    /// `POST /reports/scenario`: the what-if for one target group, with the
    /// realised rates as defaults. A reader under small-cell protection
    /// does not get the realised rates of a group whose amounts are withheld
    /// from them; they must give them.
    pub fn scenario(
        &self,
        body: &ScenarioIn,
        as_of: NaiveDate,
        policy: Option<&Policy>,
    ) -> Result<ScenarioAnswer, RepoError> {
        let invalid = |field: &str, msg: String| RepoError::Invalid(vec![Problem::new(field, None, msg)]);
        let contract = body
            .contract
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("contract", "missing".into()))?;
        let p = self.portfolio(contract, as_of)?;
        scenario_on(&p, body, policy)
    }
}

impl Service {
    /// The date a committee report opens on when none is asked for
    /// (`report::ledger::default_as_of`), and whether it is an invoice's.
    pub fn landing_date(&self, contract: &str, today: NaiveDate) -> Result<(NaiveDate, bool), RepoError> {
        Ok(default_as_of(&self.ledger(contract)?, today))
    }

    /// `POST /reports/check`: a typed figure list held against the tables
    /// this reader may see.
    pub fn check_figures(
        &self,
        contract: &str,
        as_of: NaiveDate,
        typed: &[Typed],
        policy: Option<&Policy>,
    ) -> Result<Vec<Checked>, RepoError> {
        let p = self.portfolio(contract, as_of)?;
        Ok(check(&ReportView::with_policy(&p, policy).tables(true), typed))
    }
}

/// The what-if on figures already computed (the committee page has them).
pub fn scenario_on(p: &Portfolio, body: &ScenarioIn, policy: Option<&Policy>) -> Result<ScenarioAnswer, RepoError> {
    let invalid = |field: &str, msg: String| RepoError::Invalid(vec![Problem::new(field, None, msg)]);
    let with_estimate: Vec<&str> =
        p.groups.iter().filter(|g| g.case.is_some()).filter_map(|g| g.id.as_deref()).collect();
    let group_id = match body.target_group.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(g) => g,
        None => with_estimate.first().copied().ok_or_else(|| {
            invalid("target_group", format!("no target group of {} has a savings estimate", p.contract))
        })?,
    };
    let Some(gi) = p.groups.iter().position(|g| g.id.as_deref() == Some(group_id)) else {
        return Err(invalid("target_group", format!("{} has no target group `{group_id}`", p.contract)));
    };
    let g = &p.groups[gi];
    if g.case.is_none() {
        let choose = with_estimate.join(", ");
        return Err(invalid(
            "target_group",
            format!("the contract gives no savings estimate for `{group_id}`; choose one of {choose}"),
        ));
    }
    // A committee does not get the realised rates of a group whose amounts
    // are withheld from it: only the contract's own figures, and the rates
    // must be given.
    let hidden = ReportView::with_policy(p, policy).amounts_withheld(Row::Group(gi));
    let base = if hidden { p.contract_input(g) } else { p.realised_input(g, None) };
    let base = base.ok_or_else(|| invalid("target_group", format!("no estimate for `{group_id}`")))?;
    let (input, given) = body.apply(base).map_err(RepoError::Invalid)?;
    if hidden {
        let needed = ["referrals_per_year".to_string(), "job_start_rate_pct".to_string()]
            .into_iter()
            .chain(input.milestones.iter().filter(|m| m.after_months > 0).map(|m| format!("retention_pct.{}", m.id)));
        let why = format!(
            "the realised figures of `{group_id}` are withheld from committees (they rest on a count of fewer than 5 citizens); give this input"
        );
        let missing: Vec<Problem> =
            needed.filter(|f| !given.contains(f)).map(|f| Problem::new(f, None, why.clone())).collect();
        if !missing.is_empty() {
            return Err(RepoError::Invalid(missing));
        }
    }
    let result = scenario::run(&input);
    let extension = super::extension::extension_of(p, gi, body, &input, &given)?;
    Ok(ScenarioAnswer {
        contract: p.contract.clone(),
        group: group_id.to_string(),
        as_of: p.as_of,
        input,
        given,
        result,
        extension,
    })
}

/// A what-if's inputs (with those that were given) and its result.
pub struct ScenarioAnswer {
    pub contract: String,
    pub group: String,
    pub as_of: NaiveDate,
    pub input: ScenarioInput,
    pub given: Vec<String>,
    pub result: scenario::ScenarioResult,
    /// For a period (`until`): the extension at low, central and high rates.
    pub extension: Option<crate::report::extension::Extension>,
}

impl ScenarioAnswer {
    pub fn json(&self) -> serde_json::Value {
        let mut j = out(&self.contract, &self.group, self.as_of, &self.input, &self.given, &self.result);
        if let Some(e) = &self.extension {
            j["extension"] = crate::wire::scenario::extension_json(e);
        }
        j
    }
}
