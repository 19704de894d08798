//! The store's checks, run at every start: the audit chain is intact,
//! every payment points at an existing course and invoice, no milestone is
//! paid twice; and the store reaches its anchor (and the one filed off the
//! machine), or the operator has accepted it as it is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::Service;
use crate::store::RepoError;
use crate::store::anchor::Anchor;
use crate::store::anchored::refusal;
use crate::store::audit::Actor;
use crate::store::kv::StoreError;
use crate::store::records::{InvoiceRecord, PaymentRecord, ReversalRecord};
use crate::store::{Read, keys};

impl Service {
    /// Every problem found (empty when the store is consistent).
    pub fn check_store(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let chain = self.repo.verify_audit()?;
        problems.extend(chain.problems.into_iter().map(|p| format!("audit log: {p}")));

        let reversed: BTreeSet<u64> =
            self.repo.scan::<ReversalRecord>(keys::REVERSAL)?.into_iter().map(|(_, r)| r.payment_id).collect();
        let invoices: BTreeSet<String> = self
            .repo
            .scan::<InvoiceRecord>(keys::INVOICE)?
            .into_iter()
            .map(|(_, i)| format!("{}/{}", i.supplier_cvr, i.invoice_number))
            .collect();
        let mut active: BTreeMap<String, Vec<u64>> = BTreeMap::new();
        for (_, p) in self.repo.scan::<PaymentRecord>(keys::PAYMENT)? {
            if self.course_record(&p.course_id)?.is_none() {
                problems.push(format!("payment {} is for course {}, which does not exist", p.id, p.course_id));
            }
            if !invoices.contains(&format!("{}/{}", p.invoice_cvr, p.invoice_number)) {
                problems.push(format!(
                    "payment {} is for invoice {} from {}, which does not exist",
                    p.id, p.invoice_number, p.invoice_cvr
                ));
            }
            if !reversed.contains(&p.id) {
                active.entry(p.key.clone()).or_default().push(p.id);
            }
        }
        for (key, ids) in &active {
            if ids.len() > 1 {
                problems.push(format!("{key} is paid more than once: payments {ids:?}"));
            }
            match self.repo.get::<u64>(&keys::paid(key))? {
                Some(id) if ids.contains(&id) => {}
                other => {
                    problems.push(format!("the paid index for {key} says {other:?}, but the active payment is {ids:?}"))
                }
            }
        }
        for (k, id) in self.repo.scan::<u64>(keys::PAID)? {
            let key = k.strip_prefix(keys::PAID).unwrap_or(&k);
            if !active.get(key).is_some_and(|ids| ids.contains(&id)) {
                problems.push(format!(
                    "the paid index for {key} points at payment {id}, which is not an active payment for it"
                ));
            }
        }
        Ok(problems)
    }
}

/// Why a start is refused.
#[derive(Debug)]
pub enum Refusal {
    /// The store is inconsistent in itself.
    Check(Vec<String>),
    /// The store does not reach its anchor: the operator message.
    Anchor(String),
    Store(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Refusal {
        Refusal::Store(e)
    }
}

impl Service {
    /// Everything checked before a store is used: its consistency, then its
    /// anchor. On success the anchor is armed (every later flush moves it)
    /// or, with `accept_at`, the operator's acceptance of a store that
    /// failed the anchor check is recorded; returns what to tell the
    /// operator, the anchor to file off the machine last.
    pub async fn check_at_start(
        &self,
        expect: Option<&Anchor>,
        accept_at: Option<u64>,
        data_dir: &Path,
    ) -> Result<Vec<String>, Refusal> {
        let problems = self.check_store()?;
        let check = self.repo.check_anchor(expect)?;
        if !problems.is_empty() {
            return Err(Refusal::Check(problems.into_iter().chain(check.problems).collect()));
        }
        for n in &check.notes {
            tracing::warn!("{n}");
        }
        let mut notes = check.notes.clone();
        if check.problems.is_empty() {
            if let Some(at) = accept_at {
                notes.push(format!(
                    "--accept-store-at {at} is not needed (the store passed the anchor check); leave it out"
                ));
            }
            self.repo.arm_anchor(&check)?;
        } else {
            let Some(at) = accept_at else {
                return Err(Refusal::Anchor(refusal(&check.problems, &check.head, data_dir)));
            };
            let accepted = self.repo.accept(&check, at, &Actor::system("operator")).await.map_err(|e| match e {
                RepoError::Store(e) => Refusal::Store(e),
                other => Refusal::Anchor(format!("{other}\n{}", refusal(&check.problems, &check.head, data_dir))),
            })?;
            let text = format!(
                "ACCEPTED by the operator (--accept-store-at {at}): the store is served as it is, although {}; recorded as audit entry {} (store.accept)",
                check.problems.join("; "),
                accepted.seq
            );
            tracing::warn!("{text}");
            notes.push(text);
        }
        let a = self.repo.anchor()?;
        tracing::info!(anchor = %a, "the store's anchor");
        notes.push(format!(
            "the store's anchor is {a} (audit entry {}); file it off this machine: a start with --expect-anchor {a} refuses any older copy of this store",
            a.seq
        ));
        Ok(notes)
    }
}
