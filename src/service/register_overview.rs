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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::judge::MilestoneCheck;
    use crate::evidence::words::Difference;
    use crate::verdict::{ForfeitReason, Verdict};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A job start achieved on `achieved` (or forfeited), judged the same
    /// on the registers, with `differences`.
    fn rc(achieved: Option<NaiveDate>, differences: Vec<Difference>) -> RegisterCheck {
        let v = achieved
            .map_or(Verdict::Forfeited { reason: ForfeitReason::NoJobStart }, |date| Verdict::Achieved { date });
        RegisterCheck {
            evidence: Default::default(),
            milestones: vec![MilestoneCheck {
                index: 0,
                after_months: 0,
                recorded: v.clone(),
                register: v,
                covered: true,
            }],
            differences,
        }
    }

    #[test]
    fn a_course_is_confirmed_only_when_the_income_register_reaches_an_achieved_milestone() {
        let start = d(2025, 3, 17);
        // The extract ends on the day achieved: it reaches it.
        assert_eq!(coverage(&rc(Some(start), vec![]), Some(start), Some(start)), Coverage::Confirmed);
        // It ends the day before the job start: not covered, whatever the registers say.
        let late = vec![Difference::JobStart { recorded: start, first_paid: None }];
        assert_eq!(coverage(&rc(Some(start), late.clone()), Some(d(2025, 3, 16)), Some(start)), Coverage::NotCovered);
        assert_eq!(coverage(&rc(Some(start), late.clone()), Some(start), Some(start)), Coverage::Differs);
        // No income extract at all.
        assert_eq!(coverage(&rc(Some(start), vec![]), None, Some(start)), Coverage::NotCovered);
        // Nothing achieved and nothing different: nothing to confirm.
        assert_eq!(coverage(&rc(None, vec![]), Some(start), None), Coverage::NothingYet);
        assert_eq!(coverage(&rc(None, vec![]), None, None), Coverage::NothingYet);
    }
}
