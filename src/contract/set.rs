//! All versions of all contracts, and which version is in force on a date.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use super::Contract;
use super::parse::Parsed;
use super::problem::Problem;

/// Contract versions by id. Versions of one contract are kept in version
/// order, which (validated on insert) is also `effective_from` order.
#[derive(Clone, Debug, Default)]
pub struct ContractSet {
    by_id: BTreeMap<String, Vec<Versioned>>,
    /// The grant files (`kind = "grant_pool"`) loaded beside the contracts.
    pub grants: crate::grant::set::GrantSet,
}

#[derive(Clone, Debug)]
struct Versioned {
    contract: Arc<Contract>,
    /// Where the version came from (a file name), for messages.
    source: String,
}

/// The answer to "which version is in force on this date?".
#[derive(Clone, Copy, Debug)]
pub enum InForce<'a> {
    Version(&'a Contract),
    /// The contract exists, but no version had taken effect on that date.
    NotYet {
        first_effective: NaiveDate,
    },
    Unknown,
}

impl ContractSet {
    pub fn new() -> ContractSet {
        ContractSet::default()
    }

    /// Builds a set from parsed versions, reporting every cross-version
    /// problem (same number twice, same `effective_from` twice, versions out
    /// of order, `supersedes` naming a version that does not exist).
    pub fn build(items: Vec<(String, Parsed)>) -> (ContractSet, Vec<Problem>) {
        let mut set = ContractSet::new();
        let mut problems = Vec::new();
        for (source, parsed) in items {
            if let Err(ps) = set.add(&source, parsed) {
                problems.extend(ps);
            }
        }
        problems.extend(set.check_supersedes());
        (set, problems)
    }

    /// Adds one version after checking it against the versions already held.
    pub fn add(&mut self, source: &str, parsed: Parsed) -> Result<(), Vec<Problem>> {
        let problems = self.conflicts(source, &parsed);
        if !problems.is_empty() {
            return Err(problems);
        }
        let versions = self.by_id.entry(parsed.contract.id.to_string()).or_default();
        let at = versions.partition_point(|v| v.contract.version < parsed.contract.version);
        versions.insert(at, Versioned { contract: Arc::new(parsed.contract), source: source.to_string() });
        Ok(())
    }

    /// What adding `parsed` would conflict with (empty when it fits).
    pub fn conflicts(&self, source: &str, parsed: &Parsed) -> Vec<Problem> {
        let c = &parsed.contract;
        let mut problems = Vec::new();
        let at = |field: &str, line: Option<u32>, msg: String| Problem::new(field, line, msg).in_file(source);
        for v in self.by_id.get(c.id.as_str()).map(Vec::as_slice).unwrap_or_default() {
            let other = &v.contract;
            if other.version == c.version {
                problems.push(
                    at(
                        "version",
                        parsed.version_line,
                        format!("version {} of `{}` is also defined in {}", c.version, c.id, v.source),
                    )
                    .with_danish(format!("version {} af `{}` findes også i {}", c.version, c.id, v.source)),
                );
            } else if other.effective_from == c.effective_from {
                problems.push(
                    at(
                        "effective_from",
                        parsed.effective_from_line,
                        format!(
                            "version {} of `{}` takes effect on {}, the same day as version {} ({}); one version must be in force on each date",
                            c.version, c.id, c.effective_from, other.version, v.source
                        ),
                    )
                    .with_danish(format!(
                        "version {} træder i kraft {}, samme dag som version {}; der skal gælde én version på hver dato",
                        c.version,
                        day(c.effective_from),
                        other.version
                    )),
                );
            } else if (other.version < c.version) != (other.effective_from < c.effective_from) {
                problems.push(
                    at(
                        "effective_from",
                        parsed.effective_from_line,
                        format!(
                            "version {} of `{}` takes effect on {}, but version {} ({}) takes effect on {}; a later version must take effect later",
                            c.version, c.id, c.effective_from, other.version, v.source, other.effective_from
                        ),
                    )
                    .with_danish(format!(
                        "version {} træder i kraft {}, men version {} træder i kraft {}; en senere version skal træde i kraft senere",
                        c.version,
                        day(c.effective_from),
                        other.version,
                        day(other.effective_from)
                    )),
                );
            }
        }
        problems
    }

    fn check_supersedes(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        for versions in self.by_id.values() {
            for v in versions {
                if let Some(s) = v.contract.supersedes
                    && !versions.iter().any(|o| o.contract.version == s)
                {
                    problems.push(
                        Problem::new(
                            "supersedes",
                            None,
                            format!(
                                "supersedes version {s} of `{}`, which is not among the contract files",
                                v.contract.id
                            ),
                        )
                        .with_danish(format!(
                            "erstatter version {s} af `{}`, som ikke findes blandt kontraktfilerne",
                            v.contract.id
                        ))
                        .in_file(&v.source),
                    );
                }
            }
        }
        problems
    }

    /// The version in force on `date`: the latest whose `effective_from` is
    /// on or before it.
    pub fn in_force(&self, id: &str, date: NaiveDate) -> InForce<'_> {
        let Some(versions) = self.by_id.get(id) else {
            return InForce::Unknown;
        };
        match versions.iter().rev().find(|v| v.contract.effective_from <= date) {
            Some(v) => InForce::Version(&v.contract),
            None => InForce::NotYet { first_effective: versions[0].contract.effective_from },
        }
    }

    /// The version that follows `c`, if any (for the trace).
    pub fn next_version(&self, c: &Contract) -> Option<&Contract> {
        self.by_id.get(c.id.as_str())?.iter().find(|v| v.contract.version > c.version).map(|v| v.contract.as_ref())
    }

    pub fn get(&self, id: &str, version: u32) -> Option<&Arc<Contract>> {
        self.by_id.get(id)?.iter().find(|v| v.contract.version == version).map(|v| &v.contract)
    }

    /// All versions of a contract, oldest first.
    pub fn versions(&self, id: &str) -> Vec<&Arc<Contract>> {
        self.by_id.get(id).map(|vs| vs.iter().map(|v| &v.contract).collect()).unwrap_or_default()
    }

    pub fn latest(&self, id: &str) -> Option<&Arc<Contract>> {
        self.by_id.get(id)?.last().map(|v| &v.contract)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// Whether any version of the contract has this target group.
    pub fn has_target_group(&self, id: &str, group: &str) -> bool {
        self.by_id.get(id).is_some_and(|vs| vs.iter().any(|v| v.contract.target_group(group).is_some()))
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }

    pub fn all(&self) -> impl Iterator<Item = &Arc<Contract>> {
        self.by_id.values().flatten().map(|v| &v.contract)
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}
