//! Grant pools in the service: grant files stored as immutable versions
//! (the text under `grant/…`, audited), their participants, and the report.

use std::sync::Arc;

use chrono::NaiveDate;

use super::{Added, Service};
use crate::contract::{ContractSet, Problem};
use crate::grant::report::{GrantReport, grant_report};
use crate::grant::{Grant, Participant};
use crate::store::audit::Actor;
use crate::store::grant_records::ParticipantRecord;
use crate::store::kv::StoreError;
use crate::store::records::ContractRecord;
use crate::store::{Read, Repo, RepoError, keys};
use crate::wire::grant_file::parse_grant;

/// Adds the grant versions stored in `repo` to `set` (at start).
pub(super) fn load_stored(repo: &Repo, set: &mut ContractSet) -> Result<(), StoreError> {
    for (k, rec) in repo.scan::<ContractRecord>(keys::GRANT)? {
        let p = parse_grant(&rec.source)
            .map_err(|ps| StoreError::Corrupt(format!("{k}: stored grant no longer parses: {}", ps[0])))?;
        set.grants
            .add(&rec.origin, p.grant)
            .map_err(|p| StoreError::Corrupt(format!("stored grants conflict: {p}")))?;
    }
    Ok(())
}

impl Service {
    /// Adds a grant version: validated, stored with its source text and
    /// audited. The same id and version with the same terms is a no-op (a
    /// text differing only in comments replaces the stored one); with other
    /// terms it is a conflict (a change is a new version).
    pub async fn add_grant(&self, source: &str, origin: &str, actor: &Actor) -> Result<(Added, Arc<Grant>), RepoError> {
        let _one_at_a_time = self.contracts_write.lock().await;
        let cpr_lines: Vec<Problem> = (1..)
            .zip(source.lines())
            .filter(|(_, line)| crate::cpr::contains_cpr(line))
            .map(|(n, _)| Problem::new("", Some(n), crate::cpr::REFUSED))
            .collect();
        if !cpr_lines.is_empty() {
            return Err(RepoError::Invalid(cpr_lines));
        }
        let parsed = parse_grant(source).map_err(RepoError::Invalid)?;
        let g = parsed.grant;
        let set = self.contracts();
        let key = keys::grant(g.id.as_str(), g.version);
        if let Some(existing) = set.grants.get(g.id.as_str(), g.version) {
            if existing.as_ref() != &g {
                return Err(RepoError::Conflict(format!(
                    "version {} of grant {} is already stored with other terms; a change is a new version",
                    g.version, g.id
                )));
            }
            let Some(stored) = self.repo.get::<ContractRecord>(&key)? else {
                return Ok((Added::Unchanged, existing.clone()));
            };
            if stored.source == source {
                return Ok((Added::Unchanged, existing.clone()));
            }
            let record = ContractRecord { source: source.to_string(), ..stored };
            self.repo
                .write(actor, |tx| {
                    tx.put(key.clone(), &record);
                    tx.audit("grant.annotate", &format!("{}/v{}", g.id, g.version), source.as_bytes());
                    Ok(())
                })
                .await?;
            return Ok((Added::Annotated, existing.clone()));
        }
        let record = ContractRecord {
            id: g.id.to_string(),
            version: g.version,
            format: "toml".into(),
            source: source.to_string(),
            origin: origin.to_string(),
            added_at: chrono::Utc::now(),
            added_by: actor.name.clone(),
        };
        self.repo
            .write(actor, |tx| {
                if tx.get::<ContractRecord>(&key)?.is_some() {
                    return Err(RepoError::Conflict(format!("version {} of grant {} was just added", g.version, g.id)));
                }
                tx.put(key.clone(), &record);
                tx.audit("grant.add", &format!("{}/v{}", g.id, g.version), source.as_bytes());
                Ok(())
            })
            .await?;
        let mut next = (*set).clone();
        let (id, version) = (g.id.to_string(), g.version);
        next.grants.add(origin, g).map_err(|p| RepoError::Invalid(vec![p]))?;
        let added = next.grants.get(&id, version).cloned().expect("just added");
        *self.contracts.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(next);
        Ok((Added::New, added))
    }

    /// The latest version of a grant.
    pub fn grant(&self, id: &str) -> Option<Arc<Grant>> {
        self.contracts().grants.latest(id).cloned()
    }

    /// A grant's figures as of a date, from its stored participants.
    pub fn grant_report(&self, id: &str, as_of: NaiveDate) -> Result<Option<(Arc<Grant>, GrantReport)>, StoreError> {
        let Some(g) = self.grant(id) else { return Ok(None) };
        let participants = self.participants(id)?;
        let report = grant_report(&g, &participants, as_of);
        Ok(Some((g, report)))
    }

    /// A grant's stored participants.
    pub fn participants(&self, grant: &str) -> Result<Vec<Participant>, StoreError> {
        self.repo
            .scan::<ParticipantRecord>(&keys::participant_prefix(grant))?
            .into_iter()
            .map(|(k, r)| r.to_participant().map_err(|e| StoreError::Corrupt(format!("{k}: {e}"))))
            .collect()
    }

    /// Records participants of a grant, all or nothing, audited: a new
    /// participant is added; one already stored is replaced by the new
    /// facts (a register re-imported with later events); the same facts
    /// again change nothing. Returns (added, replaced, unchanged).
    pub async fn record_participants(
        &self,
        grant: &str,
        participants: &[Participant],
        actor: &Actor,
    ) -> Result<(usize, usize, usize), RepoError> {
        let at = chrono::Utc::now();
        self.repo
            .write(actor, |tx| {
                let (mut added, mut replaced, mut unchanged) = (0, 0, 0);
                for p in participants {
                    let key = keys::participant(grant, p.id.as_str());
                    let rec = ParticipantRecord::new(grant, p, at, &actor.name);
                    match tx.get::<ParticipantRecord>(&key)? {
                        Some(old) if old.citizen != rec.citizen => {
                            return Err(RepoError::Conflict(format!(
                                "participant {} of {grant} is recorded with another CPR number; a participant's id is one person's",
                                p.id
                            )));
                        }
                        Some(old) if old.same_facts(&rec) => {
                            unchanged += 1;
                            continue;
                        }
                        Some(_) => replaced += 1,
                        None => added += 1,
                    }
                    let subject = format!("{grant}/{}", p.id);
                    let body = serde_json::to_vec(&rec).unwrap_or_default();
                    tx.put(key, &rec);
                    tx.audit("participant.set", &subject, &body);
                }
                Ok((added, replaced, unchanged))
            })
            .await
    }
}
