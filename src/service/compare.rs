//! The comparison of options: the service computes each contract's figures
//! and hands them to the pure `report::compare`.

use chrono::NaiveDate;

use super::Service;
use crate::contract::Problem;
use crate::report::Portfolio;
use crate::report::compare::{Candidate, Comparison, compare};
use crate::report::disclosure::Policy;
use crate::store::RepoError;

impl Service {
    /// The contracts compared when none are named: every contract, the
    /// suppliers' first and the in-house options last, each in id order.
    pub fn comparable(&self) -> Vec<String> {
        let set = self.contracts();
        let mut ids: Vec<(bool, String)> =
            set.ids().filter_map(|id| set.latest(id).map(|c| (c.kind.in_house().is_some(), id.to_string()))).collect();
        ids.sort();
        ids.into_iter().map(|(_, id)| id).collect()
    }

    /// `GET /reports/compare`: `ids` (every contract when empty) on `group`
    /// (when `None`, the first target group every compared contract has,
    /// else each contract's total), as the reader under `policy` sees them.
    pub fn compare(
        &self,
        ids: &[String],
        group: Option<&str>,
        as_of: NaiveDate,
        policy: Option<&Policy>,
    ) -> Result<Comparison, RepoError> {
        let ids: Vec<String> = if ids.is_empty() { self.comparable() } else { ids.to_vec() };
        let set = self.contracts();
        let unknown: Vec<&String> = ids.iter().filter(|id| !set.contains(id)).collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = set.ids().collect();
            let names: Vec<&str> = unknown.iter().map(|s| s.as_str()).collect();
            return Err(RepoError::NotFound(format!("no contract {}; known: {}", names.join(", "), known.join(", "))));
        }
        let portfolios: Vec<Portfolio> = ids.iter().map(|id| self.portfolio(id, as_of)).collect::<Result<_, _>>()?;
        let groups_of = |p: &Portfolio| p.groups.iter().filter_map(|g| g.id.clone()).collect::<Vec<_>>();
        let group = match group.map(str::trim).filter(|g| !g.is_empty()) {
            Some(g) => {
                if !portfolios.iter().any(|p| p.group(g).is_some()) {
                    let mut all: Vec<String> = portfolios.iter().flat_map(groups_of).collect();
                    all.sort();
                    all.dedup();
                    return Err(RepoError::Invalid(vec![Problem::new(
                        "target_group",
                        None,
                        format!("no compared contract has target group `{g}`; one of {}", all.join(", ")),
                    )]));
                }
                Some(g.to_string())
            }
            None => portfolios
                .first()
                .map(groups_of)
                .unwrap_or_default()
                .into_iter()
                .find(|g| portfolios.iter().all(|p| p.group(g).is_some())),
        };
        let candidates: Vec<Candidate<'_>> = portfolios
            .iter()
            .map(|p| {
                let latest = set.latest(&p.contract);
                Candidate {
                    portfolio: p,
                    provider: latest.map(|c| c.supplier.name.clone()).unwrap_or_default(),
                    in_house: latest.and_then(|c| c.kind.in_house()),
                }
            })
            .collect();
        let mut c = compare(&candidates, group.as_deref(), policy);
        c.as_of = as_of;
        Ok(c)
    }
}
