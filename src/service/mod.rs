//! The service: what the HTTP API (and the demo loader) ask for, done by
//! calling the pure core and writing through the [`Repo`]. Every write goes
//! through `Repo::write`, so it is checked, audited, atomic and durable.

pub mod budget;
pub mod cache;
pub mod check;
pub mod compare;
pub mod course_lookup;
pub mod course_view;
pub mod courses;
pub mod disclosure;
pub mod extension;
pub mod grants;
pub mod invoices;
pub mod ledger_tables;
pub mod payments;
pub mod register_overview;
pub mod registers;
pub mod reports;
pub mod samples;
pub mod tokens;

use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::contract::parse::Parsed;
use crate::contract::set::InForce;
use crate::contract::{Contract, ContractSet, Problem};
use crate::course::Course;
use crate::cpr::PseudonymKey;
use crate::ids::Cvr;
use crate::store::audit::Actor;
use crate::store::kv::StoreError;
use crate::store::records::{ContractRecord, CourseRecord};
use crate::store::{Read, Repo, RepoError, keys};
use crate::wire::contract_file::{parse_json, parse_toml};

/// Input limits. Oversized input gets a 4xx answer and changes nothing.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub max_invoice_lines: usize,
    pub max_events_per_request: usize,
    pub max_page: usize,
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body_bytes: 4 * 1024 * 1024,
            max_invoice_lines: 10_000,
            max_events_per_request: 1_000,
            max_page: 1_000,
            request_timeout: Duration::from_secs(30),
        }
    }
}

/// Who is looking: municipal staff see every course; a supplier sees only
/// courses under its own contracts, and anything else is "not found".
#[derive(Clone, Debug)]
pub enum Viewer {
    Staff,
    Supplier(Cvr),
}

pub struct Service {
    pub repo: Repo,
    cache: cache::CourseCache,
    contracts: RwLock<Arc<ContractSet>>,
    contracts_write: tokio::sync::Mutex<()>,
    pub key: PseudonymKey,
    pub limits: Limits,
    /// Who sees the committee figures under small-cell protection.
    pub disclosure: disclosure::DisclosureSettings,
}

/// The format of a contract text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractFormat {
    Toml,
    Json,
}

impl ContractFormat {
    fn as_str(self) -> &'static str {
        match self {
            ContractFormat::Toml => "toml",
            ContractFormat::Json => "json",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Added {
    New,
    /// The same id and version with the same content was already stored.
    Unchanged,
    /// The same content with other comments: the stored text is replaced
    /// (audited as `contract.annotate`); the version means what it meant.
    Annotated,
}

pub fn parse_contract(source: &str, format: ContractFormat) -> Result<Parsed, Vec<Problem>> {
    match format {
        ContractFormat::Toml => parse_toml(source),
        ContractFormat::Json => match serde_json::from_str::<serde_json::Value>(source) {
            Ok(v) => parse_json(&v),
            Err(e) => Err(vec![Problem::new("", Some(e.line() as u32), format!("not valid JSON: {e}"))]),
        },
    }
}

impl Service {
    /// A service over `repo`, with the contracts already stored in it.
    pub fn open(repo: Repo, key: PseudonymKey, limits: Limits) -> Result<Service, StoreError> {
        let mut parsed = Vec::new();
        for (k, rec) in repo.scan::<ContractRecord>(keys::CONTRACT)? {
            let format = if rec.format == "json" { ContractFormat::Json } else { ContractFormat::Toml };
            let p = parse_contract(&rec.source, format)
                .map_err(|ps| StoreError::Corrupt(format!("{k}: stored contract no longer parses: {}", ps[0])))?;
            parsed.push((rec.origin.clone(), p));
        }
        let (mut set, problems) = ContractSet::build(parsed);
        if let Some(p) = problems.first() {
            return Err(StoreError::Corrupt(format!("stored contracts conflict: {p}")));
        }
        grants::load_stored(&repo, &mut set)?;
        Ok(Service {
            repo,
            cache: cache::CourseCache::default(),
            contracts: RwLock::new(Arc::new(set)),
            contracts_write: tokio::sync::Mutex::new(()),
            key,
            limits,
            disclosure: disclosure::DisclosureSettings::default(),
        })
    }

    /// The service with this small-cell setting (the server config's).
    pub fn with_disclosure(mut self, d: disclosure::DisclosureSettings) -> Service {
        self.disclosure = d;
        self
    }

    pub fn contracts(&self) -> Arc<ContractSet> {
        self.contracts.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Adds a contract version: validated, checked against the stored
    /// versions, stored with its source text and audited. The same id and
    /// version with the same content is a no-op; with other content it is a
    /// conflict (a change is a new version).
    pub async fn add_contract(
        &self,
        source: &str,
        format: ContractFormat,
        origin: &str,
        actor: &Actor,
    ) -> Result<(Added, Arc<Contract>), RepoError> {
        let _one_at_a_time = self.contracts_write.lock().await;
        // The source is stored as written: no line of it may hold a CPR number.
        let cpr_lines: Vec<Problem> = (1..)
            .zip(source.lines())
            .filter(|(_, line)| crate::cpr::contains_cpr(line))
            .map(|(n, _)| Problem::new("", Some(n), crate::cpr::REFUSED))
            .collect();
        if !cpr_lines.is_empty() {
            return Err(RepoError::Invalid(cpr_lines));
        }
        let parsed = parse_contract(source, format).map_err(RepoError::Invalid)?;
        let set = self.contracts();
        let c = &parsed.contract;
        if let Some(existing) = set.get(c.id.as_str(), c.version) {
            return if existing.as_ref() == c {
                let added = self.annotate(existing, source, format, actor).await?;
                Ok((added, existing.clone()))
            } else {
                Err(RepoError::Conflict(format!(
                    "version {} of contract {} is already stored with other content (it differs in {}); a change is a new version",
                    c.version,
                    c.id,
                    existing.differences(c).join(", ")
                )))
            };
        }
        let conflicts = set.conflicts(origin, &parsed);
        if !conflicts.is_empty() {
            return Err(RepoError::Invalid(conflicts));
        }
        let record = ContractRecord {
            id: c.id.to_string(),
            version: c.version,
            format: format.as_str().into(),
            source: source.to_string(),
            origin: origin.to_string(),
            added_at: chrono::Utc::now(),
            added_by: actor.name.clone(),
        };
        let key = keys::contract(c.id.as_str(), c.version);
        self.repo
            .write(actor, |tx| {
                if tx.get::<ContractRecord>(&key)?.is_some() {
                    return Err(RepoError::Conflict(format!(
                        "version {} of contract {} was just added",
                        c.version, c.id
                    )));
                }
                tx.put(key.clone(), &record);
                tx.audit("contract.add", &format!("{}/v{}", c.id, c.version), source.as_bytes());
                Ok(())
            })
            .await?;
        let mut next = (*set).clone();
        let (id, version) = (c.id.to_string(), c.version);
        next.add(origin, parsed).map_err(RepoError::Invalid)?;
        let added = next.get(&id, version).cloned().expect("just added");
        *self.contracts.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
        Ok((Added::New, added))
    }

    /// A stored version whose text differs from `source` only where it does
    /// not count (comments, layout: the parsed contracts are equal) gets the
    /// new text, so that the notes it carries (`# CHOSEN:`) are the file's.
    async fn annotate(
        &self,
        c: &Contract,
        source: &str,
        format: ContractFormat,
        actor: &Actor,
    ) -> Result<Added, RepoError> {
        let key = keys::contract(c.id.as_str(), c.version);
        let Some(stored) = self.repo.get::<ContractRecord>(&key)? else { return Ok(Added::Unchanged) };
        if stored.source == source {
            return Ok(Added::Unchanged);
        }
        let record = ContractRecord { source: source.to_string(), format: format.as_str().into(), ..stored };
        self.repo
            .write(actor, |tx| {
                tx.put(key.clone(), &record);
                tx.audit("contract.annotate", &format!("{}/v{}", c.id, c.version), source.as_bytes());
                Ok(())
            })
            .await?;
        Ok(Added::Annotated)
    }

    /// The version a course is judged by (in force on its referral date, or
    /// the first version when none was yet).
    pub fn version_for<'s>(
        &self,
        set: &'s ContractSet,
        contract: &str,
        referred_on: chrono::NaiveDate,
    ) -> Option<&'s Contract> {
        match set.in_force(contract, referred_on) {
            InForce::Version(c) => Some(c),
            _ => set.versions(contract).into_iter().next().map(|c| c.as_ref()),
        }
    }

    /// Whether `viewer` may see a course.
    pub fn visible(&self, set: &ContractSet, rec: &CourseRecord, viewer: &Viewer) -> bool {
        self.visible_at(set, &rec.contract, rec.referred_on, viewer)
    }

    pub fn course_visible(&self, set: &ContractSet, c: &Course, viewer: &Viewer) -> bool {
        self.visible_at(set, c.contract.as_str(), c.referred_on, viewer)
    }

    fn visible_at(&self, set: &ContractSet, contract: &str, referred_on: chrono::NaiveDate, viewer: &Viewer) -> bool {
        match viewer {
            Viewer::Staff => true,
            Viewer::Supplier(cvr) => {
                self.version_for(set, contract, referred_on).is_some_and(|c| &c.supplier.cvr == cvr)
            }
        }
    }

    /// Whether a supplier may see a contract (any version is theirs).
    pub fn contract_visible(&self, set: &ContractSet, id: &str, viewer: &Viewer) -> bool {
        match viewer {
            Viewer::Staff => set.contains(id),
            Viewer::Supplier(cvr) => set.versions(id).iter().any(|c| &c.supplier.cvr == cvr),
        }
    }
}
