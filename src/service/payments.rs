//! The payment ledger: what was paid, what is at risk, and reversals.
//! Nothing is deleted: a reversal is a new record; only the index of active
//! payments changes, so that a milestone may be claimed again afterwards.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Service;
use crate::contract::Problem;
use crate::cpr::contains_cpr;
use crate::evaluate::evaluate_all;
use crate::evaluate::trace_da::{pending_text_in, reason_text_in, render_in};
use crate::lang::Lang;
use crate::money::Money;
use crate::store::audit::Actor;
use crate::store::records::{PaymentRecord, ReversalRecord};
use crate::store::{Read, RepoError, keys};
use crate::verdict::Verdict;
use crate::wire::evaluation_out::EvaluationOut;

/// A recorded payment whose milestone is no longer achieved.
#[derive(Clone, Debug, Serialize)]
pub struct AtRisk {
    pub payment: PaymentRecord,
    /// The milestone's status now: `pending` or `forfeited`.
    pub now: String,
    pub reason: Option<String>,
    pub trace: Vec<String>,
}

impl Service {
    /// Every payment (optionally of one contract) with its reversal, if any.
    pub fn payments(&self, contract: Option<&str>) -> Result<Vec<(PaymentRecord, Option<ReversalRecord>)>, RepoError> {
        let reversals: BTreeMap<u64, ReversalRecord> =
            self.repo.scan::<ReversalRecord>(keys::REVERSAL)?.into_iter().map(|(_, r)| (r.payment_id, r)).collect();
        Ok(self
            .repo
            .scan::<PaymentRecord>(keys::PAYMENT)?
            .into_iter()
            .map(|(_, p)| p)
            .filter(|p| contract.is_none_or(|c| c == p.contract))
            .map(|p| {
                let r = reversals.get(&p.id).cloned();
                (p, r)
            })
            .collect())
    }

    /// Active payments whose milestone is no longer achieved when the
    /// course is judged again with today's events (a benefit period reported
    /// late, a retracted job start), each with the trace.
    pub fn at_risk(&self, as_of: NaiveDate) -> Result<Vec<AtRisk>, RepoError> {
        self.at_risk_in(as_of, Lang::En)
    }

    /// The same with the state, reason and trace in `lang` (the pages): in
    /// Danish the state is a word ("bortfaldet"), not a code.
    pub fn at_risk_in(&self, as_of: NaiveDate, lang: Lang) -> Result<Vec<AtRisk>, RepoError> {
        let mut by_course: BTreeMap<String, Vec<PaymentRecord>> = BTreeMap::new();
        for (p, reversal) in self.payments(None)? {
            if reversal.is_none() {
                by_course.entry(p.course_id.clone()).or_default().push(p);
            }
        }
        let set = self.contracts();
        let mut out = Vec::new();
        for (course_id, payments) in by_course {
            let Some(course) = self.course(&course_id)? else { continue };
            let courses = self.with_citizen_courses(course)?;
            let evals = evaluate_all(&set, &courses, as_of);
            let e = &evals[0];
            for p in payments {
                let verdict = e.verdict(&p.milestone).map(|v| &v.verdict);
                if matches!(verdict, Some(Verdict::Achieved { .. })) {
                    continue;
                }
                if lang == Lang::Da {
                    let (now, reason) = match verdict {
                        Some(Verdict::Pending { note, .. }) => ("afventer", Some(pending_text_in(note, lang))),
                        Some(Verdict::Forfeited { reason }) => {
                            ("bortfaldet", Some(reason_text_in(reason, e.course, e.contract, lang)))
                        }
                        _ => ("ukendt", None),
                    };
                    out.push(AtRisk { now: now.into(), reason, trace: render_in(e, lang), payment: p });
                    continue;
                }
                let view = EvaluationOut::from_eval(e);
                let m = view.milestones.iter().find(|m| m.milestone == p.milestone);
                out.push(AtRisk {
                    now: m.map_or("unknown".into(), |m| m.status.clone()),
                    reason: m.and_then(|m| m.reason.clone().or(m.note.clone())),
                    trace: view.trace.clone(),
                    payment: p,
                });
            }
        }
        Ok(out)
    }

    /// `POST /payments/{id}/reversal`, taking effect on `booked_on` (which
    /// may not be before the payment was booked).
    pub async fn reverse(
        &self,
        id: u64,
        reason: &str,
        booked_on: NaiveDate,
        actor: &Actor,
    ) -> Result<ReversalRecord, RepoError> {
        let reason = reason.trim();
        if reason.is_empty() || contains_cpr(reason) {
            let msg = if reason.is_empty() { "missing; say why the payment is reversed" } else { crate::cpr::REFUSED };
            return Err(RepoError::Invalid(vec![Problem::new("reason", None, msg)]));
        }
        self.repo
            .write(actor, |tx| {
                let Some(p) = tx.get::<PaymentRecord>(&keys::payment(id))? else {
                    return Err(RepoError::NotFound(format!("no payment {id}")));
                };
                if let Some(r) = tx.get::<ReversalRecord>(&keys::reversal(id))? {
                    return Err(RepoError::Conflict(format!(
                        "payment {id} was already reversed on {}",
                        r.recorded_at.date_naive()
                    )));
                }
                if booked_on < p.booked_on {
                    return Err(RepoError::Invalid(vec![Problem::new(
                        "booked_on",
                        None,
                        format!("{booked_on} is before the payment was booked ({})", p.booked_on),
                    )]));
                }
                let amount = Money::parse(&p.amount).map(|m| Money::ZERO - m).unwrap_or(Money::ZERO);
                let r = ReversalRecord {
                    payment_id: id,
                    amount: amount.plain(),
                    reason: reason.to_string(),
                    booked_on,
                    recorded_at: chrono::Utc::now(),
                    recorded_by: actor.name.clone(),
                };
                let index = keys::paid(&p.key);
                if tx.get::<u64>(&index)? == Some(id) {
                    tx.delete(index);
                }
                tx.put(keys::reversal(id), &r);
                tx.audit("payment.reverse", &id.to_string(), &serde_json::to_vec(&r).expect("serialises"));
                Ok(r)
            })
            .await
    }
}
