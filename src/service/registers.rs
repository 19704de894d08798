//! Register extracts: stored whole or not at all, audited, one record per
//! import and one per citizen and period stated; read back as one
//! `Registers` value, each citizen and period as its latest extract says.

use std::collections::BTreeMap;

use super::Service;
use crate::evidence::{BenefitRow, IncomeRow, Registers};
use crate::store::audit::Actor;
use crate::store::kv::StoreError;
use crate::store::register_records::{BenefitRecord, ExtractRecord, IncomeRecord, RowGroup};
use crate::store::{Read as _, RepoError, keys};

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

type Groups = BTreeMap<(String, String), RowGroup>;

/// Adds rows to their groups (citizen and pay period or ISO week), a row
/// repeated kept once.
fn group(out: &mut Groups, income: Vec<IncomeRecord>, benefits: Vec<BenefitRecord>) {
    for r in income {
        let g = out.entry((r.citizen.clone(), r.period())).or_default();
        if !g.income.contains(&r) {
            g.income.push(r);
        }
    }
    for r in benefits {
        let g = out.entry((r.citizen.clone(), r.period())).or_default();
        if !g.benefits.contains(&r) {
            g.benefits.push(r);
        }
    }
}

impl Service {
    /// Stores an extract in one atomic, audited write; returns its number
    /// among the extracts of its kind (1, 2, ...) and how many of its rows
    /// are about a citizen and period an earlier extract stated.
    ///
    /// An extract states the register for the citizens and periods it has
    /// rows for (CHOSEN, docs/rules.md): its rows for a citizen and a pay
    /// period (income) or an ISO week (benefits) replace every row an
    /// earlier extract had for them, so an extract imported again changes
    /// nothing and a corrected one corrects.
    pub async fn import_extract(&self, extract: &Extract, file: &str, actor: &Actor) -> Result<(u64, u64), RepoError> {
        let kind = extract.kind();
        let mut groups = Groups::new();
        match extract {
            Extract::Income(rows) => group(&mut groups, rows.iter().map(IncomeRecord::new).collect(), vec![]),
            Extract::Benefits(rows) => group(&mut groups, vec![], rows.iter().map(BenefitRecord::new).collect()),
        }
        let mut rec = ExtractRecord {
            kind: kind.to_string(),
            file: crate::cpr::without_cpr(file.to_string()),
            imported_at: chrono::Utc::now(),
            imported_by: actor.name.clone(),
            rows: extract.len() as u64,
            replacing: 0,
            income: vec![],
            benefits: vec![],
        };
        self.repo
            .write(actor, |tx| {
                let seq = tx.scan::<serde_json::Value>(&keys::register_prefix(kind))?.len() as u64 + 1;
                let mut body = Vec::new();
                let mut replacing = 0;
                for ((citizen, period), group) in &mut groups {
                    group.extract = seq;
                    let key = keys::register_row(kind, citizen, period);
                    if tx.get::<RowGroup>(&key)?.is_some() {
                        replacing += group.income.len() + group.benefits.len();
                    }
                    body.extend(serde_json::to_vec(&group).unwrap_or_default());
                    tx.put(key, &*group);
                }
                rec.replacing = replacing as u64;
                body.extend(serde_json::to_vec(&rec).unwrap_or_default());
                tx.put(keys::register(kind, seq), &rec);
                tx.audit("register.import", &format!("{kind}/{seq}"), &body);
                Ok((seq, rec.replacing))
            })
            .await
    }

    /// The registers as the stored extracts state them: for each citizen and
    /// period, the rows of the latest extract that has any.
    pub fn registers(&self) -> Result<Registers, StoreError> {
        let mut out = Registers::default();
        for kind in ["income", "benefits"] {
            // Records of imports before rows were stored apart, oldest first,
            // then the rows stored apart (all newer than those).
            let mut latest = Groups::new();
            for (_, rec) in self.repo.scan::<ExtractRecord>(&keys::register_prefix(kind))? {
                let mut these = Groups::new();
                group(&mut these, rec.income, rec.benefits);
                latest.extend(these);
            }
            for (_, g) in self.repo.scan::<RowGroup>(&keys::register_row_prefix(kind))? {
                let about = g.income.first().map(|r| (r.citizen.clone(), r.period()));
                let about = about.or_else(|| g.benefits.first().map(|r| (r.citizen.clone(), r.period())));
                if let Some(about) = about {
                    latest.insert(about, g);
                }
            }
            for (k, group) in latest {
                let corrupt = |e: String| StoreError::Corrupt(format!("register row {}/{}: {e}", k.0, k.1));
                for r in &group.income {
                    out.income.push(r.to_row().map_err(corrupt)?);
                }
                for r in &group.benefits {
                    out.benefits.push(r.to_row().map_err(corrupt)?);
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
