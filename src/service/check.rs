//! The store's consistency check, run at every start: the audit chain is
//! intact, every payment points at an existing course and invoice, and no
//! milestone is paid twice.

use std::collections::{BTreeMap, BTreeSet};

use super::Service;
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
