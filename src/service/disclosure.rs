//! The small-cell setting: which roles see the committee figures protected,
//! the threshold, and which tables count as published (the minutes print
//! them). From the server config's `[disclosure]` table; the default
//! protects committee members with a threshold of 5 and the status table
//! published, so that a committee member sees the minutes' public table.

use crate::report::disclosure::Policy;
use crate::service::tokens::Role;

/// The tables a setting may name as published.
pub const PUBLISHABLE: &[&str] = &["status", "jobs", "results", "indicators"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisclosureSettings {
    pub threshold: u64,
    /// Roles that see counts below the threshold suppressed.
    pub roles: Vec<Role>,
    pub published: Vec<String>,
}

impl Default for DisclosureSettings {
    fn default() -> DisclosureSettings {
        let p = Policy::default();
        DisclosureSettings { threshold: p.threshold, roles: vec![Role::Committee], published: p.published }
    }
}

impl DisclosureSettings {
    /// The policy for a reader in `role`, or `None` when they see every figure.
    pub fn policy_for(&self, role: Role) -> Option<Policy> {
        (self.roles.contains(&role) && self.threshold > 1)
            .then(|| Policy { threshold: self.threshold, published: self.published.clone() })
    }
}
