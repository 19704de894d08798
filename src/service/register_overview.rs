//! Every course judged on the stored register evidence at once, for the
//! finance page: which courses the registers contradict, which they
//! confirm, and which they do not cover yet.

use chrono::NaiveDate;

use super::Service;
use crate::evidence::judge::{RegisterCheck, check};
use crate::store::records::CourseRecord;
use crate::store::{RepoError, keys};

/// What the registers say of one course as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// The registers reach the course's recorded achievements and say
    /// something different (the differences are listed).
    Differs,
    /// The registers reach at least one recorded achievement and say
    /// nothing different.
    Confirmed,
    /// No income extract reaches the recorded job start or any achieved
    /// milestone yet: the registers' silence is no evidence.
    NotCovered,
    /// No milestone achieved on the recorded events, and the registers say
    /// nothing different: nothing to confirm yet.
    NothingYet,
}

/// One course and its register check.
pub struct CourseRegisters {
    pub course_id: String,
    pub contract: String,
    pub check: RegisterCheck,
    pub coverage: Coverage,
}

/// How a check is classed: `until` is the last day the income register
/// covers; `job_start` the recorded first job start.
pub fn coverage(check: &RegisterCheck, until: Option<NaiveDate>, job_start: Option<NaiveDate>) -> Coverage {
    let achieved: Vec<NaiveDate> = check.milestones.iter().filter_map(|m| m.recorded.achieved_on()).collect();
    if achieved.is_empty() && check.differences.is_empty() {
        return Coverage::NothingYet;
    }
    let Some(until) = until else { return Coverage::NotCovered };
    let reached = achieved.iter().any(|d| *d <= until);
    if job_start.is_some_and(|d| d > until) {
        return Coverage::NotCovered;
    }
    if !check.differences.is_empty() {
        Coverage::Differs
    } else if reached {
        Coverage::Confirmed
    } else {
        Coverage::NotCovered
    }
}

impl Service {
    /// Every course whose contract has a `[registers]` table, in id order,
    /// judged on the stored extracts as of `as_of`.
    pub fn register_overview(&self, as_of: NaiveDate) -> Result<Vec<CourseRegisters>, RepoError> {
        let set = self.contracts();
        let registers = self.registers()?;
        let until = registers.income_until();
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = self.repo.page::<CourseRecord>(keys::COURSE, cursor.as_deref(), 256)?;
            let exhausted = page.len() < 256;
            for (k, rec) in page {
                cursor = Some(k);
                let course = match self.course(&rec.course_id)? {
                    Some(c) => c,
                    None => self.remember(&rec)?,
                };
                let Some(rc) = check(&set, &course, &registers, as_of) else { continue };
                let job_start = course.facts.spells.iter().map(|s| s.start).min();
                let coverage = coverage(&rc, until, job_start);
                out.push(CourseRegisters {
                    course_id: rec.course_id.clone(),
                    contract: rec.contract.clone(),
                    check: rc,
                    coverage,
                });
            }
            if exhausted {
                return Ok(out);
            }
        }
    }
}
