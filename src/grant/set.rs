//! The grant files beside the milestone contracts: versions by id, the
//! latest used for reports. Kept in the contract set (`ContractSet::grants`)
//! so that one folder of contract files loads both kinds.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::Grant;
use super::check::{Finding, check};
use crate::contract::Problem;

#[derive(Clone, Debug, Default)]
pub struct GrantSet {
    by_id: BTreeMap<String, Vec<(Arc<Grant>, String)>>,
}

impl GrantSet {
    /// Adds a version; the same id and version twice is a problem.
    pub fn add(&mut self, source: &str, grant: Grant) -> Result<(), Problem> {
        let versions = self.by_id.entry(grant.id.to_string()).or_default();
        if let Some((_, other)) = versions.iter().find(|(g, _)| g.version == grant.version) {
            return Err(Problem::new(
                "version",
                None,
                format!("version {} of `{}` is also defined in {other}", grant.version, grant.id),
            )
            .in_file(source));
        }
        let at = versions.partition_point(|(g, _)| g.version < grant.version);
        versions.insert(at, (Arc::new(grant), source.to_string()));
        Ok(())
    }

    /// The latest version of a grant.
    pub fn latest(&self, id: &str) -> Option<&Arc<Grant>> {
        self.by_id.get(id)?.last().map(|(g, _)| g)
    }

    pub fn get(&self, id: &str, version: u32) -> Option<&Arc<Grant>> {
        self.by_id.get(id)?.iter().find(|(g, _)| g.version == version).map(|(g, _)| g)
    }

    /// Every version, by id then version.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Grant>> {
        self.by_id.values().flatten().map(|(g, _)| g)
    }

    /// The latest version of each grant.
    pub fn latest_each(&self) -> impl Iterator<Item = &Arc<Grant>> {
        self.by_id.values().filter_map(|v| v.last().map(|(g, _)| g))
    }

    pub fn len(&self) -> usize {
        self.by_id.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// The warnings of a grant (a grant with errors never loads).
pub fn warnings(grant: &Grant) -> Vec<Finding> {
    check(grant).into_iter().filter(|f| !f.is_error()).collect()
}
