//! Verifying and recording supplier invoices. Both run the same
//! verification; recording then writes the approved lines as payments in
//! the same atomic batch as the invoice and its audit entry.

use rustc_hash::FxHashSet as HashSet;
use std::cell::RefCell;
use std::sync::Arc;

use super::{Service, Viewer};
use crate::course::Course;
use crate::invoice::{Audience, Invoice, LineStatus, PaymentRef, Verification, verify};
use crate::lang::Lang;
use crate::money::Money;
use crate::store::audit::{Actor, sha256_hex};
use crate::store::kv::StoreError;
use crate::store::records::{InvoiceRecord, PaymentRecord};
use crate::store::{Read, RepoError, keys};
use crate::wire::invoice::{CanonicalInvoice, InvoiceIn, VerificationOut};
use crate::wire::invoice_json::VerificationJson;

fn payment_ref(p: &PaymentRecord) -> Result<PaymentRef, StoreError> {
    Ok(PaymentRef {
        payment_id: p.id,
        course_id: crate::ids::CourseId::parse(&p.course_id).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        invoice_cvr: p.invoice_cvr.clone(),
        invoice_number: p.invoice_number.clone(),
        line: p.line,
        amount: Money::parse(&p.amount).map_err(|e| StoreError::Corrupt(e.to_string()))?,
    })
}

impl Service {
    /// The courses an invoice names that the viewer may see, and the other
    /// courses of their citizens under the invoice's contract (for the
    /// once-per-citizen rule). Courses the viewer may not see are left out,
    /// so their lines read "unknown course".
    fn gather(&self, invoice: &Invoice, viewer: &Viewer) -> Result<Vec<Arc<Course>>, RepoError> {
        let set = self.contracts();
        let mut loaded: HashSet<&str> = HashSet::with_capacity_and_hasher(invoice.lines.len(), Default::default());
        let ids: Vec<&str> =
            invoice.lines.iter().map(|l| l.course_id.as_str()).filter(|id| loaded.insert(id)).collect();
        let mut courses = Vec::with_capacity(ids.len());
        for (id, cached) in ids.iter().zip(self.cached_courses(&ids)) {
            let course = match cached {
                Some(c) => Some(c),
                None => self.course(id)?,
            };
            if let Some(c) = course.filter(|c| self.course_visible(&set, c, viewer)) {
                courses.push(c);
            }
        }
        // The citizens' other courses under the invoice's contract.
        let mut citizens: Vec<&str> =
            courses.iter().filter(|c| c.contract == invoice.contract).map(|c| c.citizen.as_str()).collect();
        citizens.sort_unstable();
        citizens.dedup();
        let have: HashSet<&str> = courses.iter().map(|c| c.id.as_str()).collect();
        let others = self.citizens_course_ids_besides(invoice.contract.as_str(), &citizens, &|id| have.contains(id))?;
        for id in others {
            if let Some(c) = self.course(&id)? {
                courses.push(c);
            }
        }
        Ok(courses)
    }

    /// `POST /invoices/verify`: a dry run; nothing is written.
    pub fn verify_invoice(&self, body: &InvoiceIn, viewer: &Viewer) -> Result<VerificationOut, RepoError> {
        self.verify_invoice_in(body, viewer, Lang::En)
    }

    /// The same with the messages and traces in `lang` (the pages).
    pub fn verify_invoice_in(
        &self,
        body: &InvoiceIn,
        viewer: &Viewer,
        lang: Lang,
    ) -> Result<VerificationOut, RepoError> {
        let (invoice, v) = self.verified(body, viewer)?;
        Ok(VerificationOut::of_in(&invoice, &v, "verified", lang))
    }

    /// `POST /invoices/verify` as JSON: the answer's bytes, written straight
    /// from the verdicts (the same bytes as serialising
    /// [`Service::verify_invoice`]'s answer).
    pub fn verify_invoice_json(&self, body: &InvoiceIn, viewer: &Viewer) -> Result<Vec<u8>, RepoError> {
        let (invoice, v) = self.verified(body, viewer)?;
        Ok(VerificationJson::of(&invoice, &v, "verified", Lang::En).to_vec())
    }

    /// The invoice checked and verified for `viewer` (a dry run).
    fn verified(&self, body: &InvoiceIn, viewer: &Viewer) -> Result<(Invoice, Verification), RepoError> {
        let invoice = body.to_invoice(self.limits.max_invoice_lines).map_err(RepoError::Invalid)?;
        let courses = self.gather(&invoice, viewer)?;
        let set = self.contracts();
        let audience = match viewer {
            Viewer::Staff => Audience::Finance,
            Viewer::Supplier(_) => Audience::Supplier,
        };
        let mut v = verify_with(&self.repo, &invoice, &set, &courses, audience)?;
        if audience == Audience::Finance {
            crate::evidence::flag::flag(&mut v, &invoice, &set, &courses, &self.registers()?);
        }
        Ok((invoice, v))
    }

    /// `POST /invoices`: verifies and records. The same invoice (same
    /// supplier, number and content) sent again returns the stored result
    /// and pays nothing new; other content under the same number is a
    /// conflict. Returns the result and whether it was recorded now.
    pub async fn record_invoice(&self, body: &InvoiceIn, actor: &Actor) -> Result<(VerificationOut, bool), RepoError> {
        self.record_invoice_in(body, actor, Lang::En).await
    }

    /// The same, answering in `lang` when the invoice is recorded now (the
    /// store keeps English); an invoice recorded before answers with the
    /// stored result.
    pub async fn record_invoice_in(
        &self,
        body: &InvoiceIn,
        actor: &Actor,
        lang: Lang,
    ) -> Result<(VerificationOut, bool), RepoError> {
        let invoice = body.to_invoice(self.limits.max_invoice_lines).map_err(RepoError::Invalid)?;
        let canonical = serde_json::to_vec(&CanonicalInvoice::of(&invoice)).expect("serialises");
        let body_hash = sha256_hex(&canonical);
        let key = keys::invoice(invoice.supplier_cvr.as_str(), invoice.number.as_str());
        // Read-only and slow: done before taking the write lock.
        if let Some(existing) = self.repo.get::<InvoiceRecord>(&key)?
            && existing.body_hash != body_hash
        {
            return Err(conflict(&invoice));
        }
        let courses = self.gather(&invoice, &Viewer::Staff)?;
        let set = self.contracts();
        let registers = self.registers()?;
        self.repo
            .write(actor, |tx| {
                if let Some(existing) = tx.get::<InvoiceRecord>(&key)? {
                    if existing.body_hash != body_hash {
                        return Err(conflict(&invoice));
                    }
                    let out: VerificationOut = serde_json::from_value(existing.result)
                        .map_err(|e| StoreError::Corrupt(format!("{key}: {e}")))?;
                    return Ok((out, false));
                }
                let mut v = verify_with(&*tx, &invoice, &set, &courses, Audience::Finance)?;
                crate::evidence::flag::flag(&mut v, &invoice, &set, &courses, &registers);
                let mut out = VerificationOut::of(&invoice, &v, "recorded");
                let now = chrono::Utc::now();
                for (line_out, line) in out.lines.iter_mut().zip(&v.lines) {
                    if let LineStatus::Approved { achieved_on, key: paid_key, contract_version, citizen } = &line.status
                    {
                        let id = tx.next_payment_id()?;
                        let record = PaymentRecord {
                            id,
                            key: paid_key.encode(),
                            contract: invoice.contract.to_string(),
                            contract_version: *contract_version,
                            course_id: line.course_id.to_string(),
                            citizen: citizen.to_string(),
                            milestone: paid_key.milestone.to_string(),
                            amount: line.claimed.plain(),
                            achieved_on: *achieved_on,
                            booked_on: invoice.as_of,
                            due_on: invoice.due_on,
                            invoice_cvr: invoice.supplier_cvr.to_string(),
                            invoice_number: invoice.number.to_string(),
                            line: line.line,
                            recorded_at: now,
                            recorded_by: actor.name.clone(),
                        };
                        tx.put(keys::payment(id), &record);
                        tx.put(keys::paid(&record.key), &id);
                        line_out.payment_id = Some(id);
                        out.payments.push(id);
                    }
                }
                // What the supplier reads of it, when that differs (rare: a
                // citizen's other course earned or was paid a milestone).
                let supplier_result = if v.differs_for_supplier {
                    let sv = verify_with(&*tx, &invoice, &set, &courses, Audience::Supplier)?;
                    let mut seen = VerificationOut::of(&invoice, &sv, "recorded");
                    for (line, recorded) in seen.lines.iter_mut().zip(&out.lines) {
                        line.payment_id = recorded.payment_id;
                    }
                    seen.payments = out.payments.clone();
                    Some(serde_json::to_value(&seen).expect("serialises"))
                } else {
                    None
                };
                let record = InvoiceRecord {
                    supplier_cvr: invoice.supplier_cvr.to_string(),
                    invoice_number: invoice.number.to_string(),
                    body_hash: body_hash.clone(),
                    request: serde_json::to_value(body).expect("serialises"),
                    result: serde_json::to_value(&out).expect("serialises"),
                    supplier_result,
                    payment_ids: out.payments.clone(),
                    recorded_at: now,
                    recorded_by: actor.name.clone(),
                };
                tx.put(key.clone(), &record);
                tx.audit("invoice.record", &format!("{}/{}", invoice.supplier_cvr, invoice.number), &canonical);
                if lang != Lang::En {
                    let mut shown = VerificationOut::of_in(&invoice, &v, "recorded", lang);
                    for (line, recorded) in shown.lines.iter_mut().zip(&out.lines) {
                        line.payment_id = recorded.payment_id;
                    }
                    shown.payments = out.payments;
                    return Ok((shown, true));
                }
                Ok((out, true))
            })
            .await
    }

    /// `GET /invoices/{cvr}/{number}`.
    pub fn invoice(&self, cvr: &str, number: &str, viewer: &Viewer) -> Result<InvoiceRecord, RepoError> {
        if let Viewer::Supplier(own) = viewer
            && own.as_str() != cvr
        {
            return Err(RepoError::NotFound(format!("no invoice {number} from {cvr}")));
        }
        self.repo
            .get(&keys::invoice(cvr, number))?
            .ok_or_else(|| RepoError::NotFound(format!("no invoice {number} from {cvr}")))
    }
}

fn conflict(invoice: &Invoice) -> RepoError {
    RepoError::Conflict(format!(
        "invoice {} from {} is already recorded with other content; send a new invoice number",
        invoice.number, invoice.supplier_cvr
    ))
}

/// Verification with the paid index read from `r`: the repository for a
/// dry run, the write transaction when recording.
fn verify_with<R: Read>(
    r: &R,
    invoice: &Invoice,
    set: &crate::contract::ContractSet,
    courses: &[Arc<Course>],
    audience: Audience,
) -> Result<crate::invoice::Verification, RepoError> {
    let error = RefCell::new(None);
    // `keys::paid(k)`, written into one buffer for every line.
    let key = RefCell::new(String::new());
    let paid = |k: &str| -> Option<PaymentRef> {
        let found = (|| -> Result<Option<PaymentRef>, StoreError> {
            let id = {
                let mut key = key.borrow_mut();
                key.clear();
                key.push_str(keys::PAID);
                key.push_str(k);
                r.get::<u64>(&key)?
            };
            let Some(id) = id else { return Ok(None) };
            let Some(p) = r.get::<PaymentRecord>(&keys::payment(id))? else { return Ok(None) };
            payment_ref(&p).map(Some)
        })();
        found.unwrap_or_else(|e| {
            error.replace(Some(e));
            None
        })
    };
    let v = verify(invoice, set, courses, &paid, audience);
    match error.into_inner() {
        Some(e) => Err(e.into()),
        None => Ok(v),
    }
}
