//! Audit samples of paid milestones: drawn and stored (one audited write),
//! their document checks recorded (all or nothing), and the result
//! extrapolated to the population they were drawn from.

use rust_decimal::Decimal;

use super::Service;
use crate::contract::Problem;
use crate::ids::CourseId;
use crate::money::Money;
use crate::sampling::draw::draw;
use crate::sampling::extrapolate::{Extrapolation, extrapolate};
use crate::sampling::size::sample_size;
use crate::sampling::{Confidence, Outcome, Paid};
use crate::store::audit::Actor;
use crate::store::sample_records::{SampleRecord, SampledPayment};
use crate::store::{Read, RepoError, keys};

/// How to size and draw a sample.
pub struct SampleRequest {
    pub seed: u64,
    pub confidence: Confidence,
    /// A ratio in (0, 1); used when `size` is not given.
    pub tolerable: Option<Decimal>,
    pub size: Option<u64>,
}

/// One document check.
pub struct Check {
    pub payment_id: u64,
    pub outcome: Outcome,
}

fn to_paid(p: &SampledPayment) -> Option<Paid> {
    Some(Paid {
        payment_id: p.payment_id,
        course_id: CourseId::parse(&p.course_id).ok()?,
        milestone: p.milestone.clone(),
        amount: Money::parse(&p.amount).ok()?,
    })
}

fn stored(p: &Paid) -> SampledPayment {
    SampledPayment {
        payment_id: p.payment_id,
        course_id: p.course_id.to_string(),
        milestone: p.milestone.clone(),
        amount: p.amount.plain(),
        outcome: None,
        error_amount: None,
    }
}

impl Service {
    /// Draws a sample of the payments not reversed and stores it.
    pub async fn draw_sample(&self, req: &SampleRequest, actor: &Actor) -> Result<SampleRecord, RepoError> {
        let population: Vec<Paid> = self
            .payments(None)?
            .into_iter()
            .filter(|(_, r)| r.is_none())
            .filter_map(|(p, _)| {
                Some(Paid {
                    payment_id: p.id,
                    course_id: CourseId::parse(&p.course_id).ok()?,
                    milestone: p.milestone,
                    amount: Money::parse(&p.amount).ok()?,
                })
            })
            .collect();
        let n = match (req.size, req.tolerable) {
            (Some(n), _) if n > 0 => n.min(population.len() as u64),
            (Some(_), _) => return Err(RepoError::Invalid(vec![Problem::new("size", None, "must be at least 1")])),
            (None, Some(t)) => sample_size(req.confidence, t, population.len() as u64).ok_or_else(|| {
                RepoError::Invalid(vec![Problem::new(
                    "tolerable_error_pct",
                    None,
                    "must be above 0 and below 100, and not need more than 100000 payments",
                )])
            })?,
            (None, None) => {
                return Err(RepoError::Invalid(vec![Problem::new(
                    "size",
                    None,
                    "give a size, or a tolerable_error_pct to compute it from",
                )]));
            }
        };
        if population.is_empty() {
            return Err(RepoError::Invalid(vec![Problem::new("", None, "no payments to sample")]));
        }
        let (items, _) = draw(&population, n, req.seed);
        let mut rec = SampleRecord {
            id: 0,
            seed: req.seed,
            confidence_pct: req.confidence.pct(),
            tolerable_error_pct: req
                .tolerable
                .filter(|_| req.size.is_none())
                .map(|t| (t * Decimal::ONE_HUNDRED).normalize().to_string()),
            size: items.len() as u64,
            population: population.iter().map(stored).collect(),
            items: items.iter().map(stored).collect(),
            drawn_at: chrono::Utc::now(),
            drawn_by: actor.name.clone(),
        };
        self.repo
            .write(actor, |tx| {
                let id = tx.scan::<serde_json::Value>(keys::SAMPLE)?.len() as u64 + 1;
                rec.id = id;
                let body = serde_json::to_vec(&rec).unwrap_or_default();
                tx.put(keys::sample(id), &rec);
                tx.audit("sample.draw", &id.to_string(), &body);
                Ok(rec.clone())
            })
            .await
    }

    pub fn sample(&self, id: u64) -> Result<SampleRecord, RepoError> {
        self.repo.get::<SampleRecord>(&keys::sample(id))?.ok_or_else(|| RepoError::NotFound(format!("no sample {id}")))
    }

    /// Records document checks, all or nothing: each names a sampled
    /// payment; an error's amount is above 0 and at most the payment.
    pub async fn record_checks(&self, id: u64, checks: &[Check], actor: &Actor) -> Result<SampleRecord, RepoError> {
        self.repo
            .write(actor, |tx| {
                let key = keys::sample(id);
                let Some(mut rec) = tx.get::<SampleRecord>(&key)? else {
                    return Err(RepoError::NotFound(format!("no sample {id}")));
                };
                let mut problems = Vec::new();
                for (i, c) in checks.iter().enumerate() {
                    let Some(item) = rec.items.iter_mut().find(|p| p.payment_id == c.payment_id) else {
                        problems.push(Problem::new(
                            format!("checks[{i}].payment_id"),
                            None,
                            format!("payment {} is not in sample {id}", c.payment_id),
                        ));
                        continue;
                    };
                    let paid = Money::parse(&item.amount).unwrap_or(Money::ZERO);
                    match c.outcome {
                        Outcome::Confirmed => {
                            item.outcome = Some("confirmed".into());
                            item.error_amount = None;
                        }
                        Outcome::Error(m) if m.is_positive() && m <= paid => {
                            item.outcome = Some("error".into());
                            item.error_amount = Some(m.plain());
                        }
                        Outcome::Error(m) => problems.push(Problem::new(
                            format!("checks[{i}].error_amount"),
                            None,
                            format!("{m} is not above 0 and at most the {paid} paid"),
                        )),
                    }
                }
                if !problems.is_empty() {
                    return Err(RepoError::Invalid(problems));
                }
                let body = serde_json::to_vec(&rec).unwrap_or_default();
                tx.put(key, &rec);
                tx.audit("sample.check", &id.to_string(), &body);
                Ok(rec)
            })
            .await
    }

    /// The checked part of a sample extrapolated to its population.
    pub fn sample_result(&self, id: u64) -> Result<(SampleRecord, Extrapolation), RepoError> {
        let rec = self.sample(id)?;
        let population: Vec<Paid> = rec.population.iter().filter_map(to_paid).collect();
        let checked: Vec<(Paid, Outcome)> = rec
            .items
            .iter()
            .filter_map(|p| {
                let outcome = match (p.outcome.as_deref(), &p.error_amount) {
                    (Some("confirmed"), _) => Outcome::Confirmed,
                    (Some("error"), Some(a)) => Outcome::Error(Money::parse(a).ok()?),
                    _ => return None,
                };
                Some((to_paid(p)?, outcome))
            })
            .collect();
        let confidence = match rec.confidence_pct {
            90 => Confidence::P90,
            99 => Confidence::P99,
            _ => Confidence::P95,
        };
        let x = extrapolate(&population, &checked, confidence);
        Ok((rec, x))
    }
}

impl Service {
    /// Every stored sample, in the order drawn.
    pub fn samples(&self) -> Result<Vec<SampleRecord>, RepoError> {
        let mut out: Vec<SampleRecord> =
            self.repo.scan::<SampleRecord>(keys::SAMPLE)?.into_iter().map(|(_, r)| r).collect();
        out.sort_by_key(|r| r.id);
        Ok(out)
    }
}
