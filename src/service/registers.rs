//! Register extracts: stored whole, one record per import, audited; read
//! back as one `Registers` value (a row imported twice counts once).

use std::collections::BTreeSet;

use super::Service;
use crate::evidence::{BenefitRow, IncomeRow, Registers};
use crate::store::audit::Actor;
use crate::store::kv::StoreError;
use crate::store::register_records::{BenefitRecord, ExtractRecord, IncomeRecord};
use crate::store::{RepoError, keys};

/// One extract to store.
pub enum Extract {
    Income(Vec<IncomeRow>),
    Benefits(Vec<BenefitRow>),
}

impl Extract {
    pub fn kind(&self) -> &'static str {
        match self {
            Extract::Income(_) => "income",
            Extract::Benefits(_) => "benefits",
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Extract::Income(r) => r.len(),
            Extract::Benefits(r) => r.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Service {
    /// Stores an extract in one atomic, audited write; returns its number
    /// among the extracts of its kind (1, 2, ...).
    pub async fn import_extract(&self, extract: &Extract, file: &str, actor: &Actor) -> Result<u64, RepoError> {
        let kind = extract.kind();
        let rec = ExtractRecord {
            kind: kind.to_string(),
            file: crate::cpr::without_cpr(file.to_string()),
            imported_at: chrono::Utc::now(),
            imported_by: actor.name.clone(),
            income: match extract {
                Extract::Income(rows) => rows.iter().map(IncomeRecord::new).collect(),
                Extract::Benefits(_) => vec![],
            },
            benefits: match extract {
                Extract::Benefits(rows) => rows.iter().map(BenefitRecord::new).collect(),
                Extract::Income(_) => vec![],
            },
        };
        self.repo
            .write(actor, |tx| {
                let seq = tx.scan::<serde_json::Value>(&keys::register_prefix(kind))?.len() as u64 + 1;
                let key = keys::register(kind, seq);
                let body = serde_json::to_vec(&rec).unwrap_or_default();
                tx.put(key, &rec);
                tx.audit("register.import", &format!("{kind}/{seq}"), &body);
                Ok(seq)
            })
            .await
    }

    /// Every stored extract's rows.
    pub fn registers(&self) -> Result<Registers, StoreError> {
        let mut income = BTreeSet::new();
        let mut benefits = BTreeSet::new();
        let mut out = Registers::default();
        for kind in ["income", "benefits"] {
            for (k, rec) in self.repo.scan::<ExtractRecord>(&keys::register_prefix(kind))? {
                for r in &rec.income {
                    if income.insert(format!("{r:?}")) {
                        out.income.push(r.to_row().map_err(|e| StoreError::Corrupt(format!("{k}: {e}")))?);
                    }
                }
                for r in &rec.benefits {
                    if benefits.insert(format!("{r:?}")) {
                        out.benefits.push(r.to_row().map_err(|e| StoreError::Corrupt(format!("{k}: {e}")))?);
                    }
                }
            }
        }
        Ok(out)
    }
}

impl Service {
    /// A course judged on the stored register evidence as of a date; `None`
    /// when its contract has no `[registers]` table.
    pub fn register_check(
        &self,
        id: &str,
        as_of: chrono::NaiveDate,
    ) -> Result<Option<crate::evidence::judge::RegisterCheck>, RepoError> {
        let set = self.contracts();
        let Some(course) = self.course(id)? else { return Err(RepoError::NotFound(format!("no course {id}"))) };
        let registers = self.registers()?;
        Ok(crate::evidence::judge::check(&set, &course, &registers, as_of))
    }
}
