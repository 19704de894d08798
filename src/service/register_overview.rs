//! Every course judged on the stored register evidence at once, for the
//! finance page: which courses the registers contradict, which they
//! confirm, and which they do not cover yet.

use chrono::NaiveDate;

use super::Service;
use crate::evidence::judge::{RegisterCheck, check_until};
use crate::evidence::words::Difference;
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

/// A difference that says only that the income register does not reach a
/// recorded day yet: silence, not evidence.
fn waiting(d: &Difference) -> bool {
    matches!(d, Difference::JobStartNotCovered { .. } | Difference::NotCovered { .. })
}

/// How a check is classed: any difference that is evidence makes the
/// course differ; else a milestone achieved on a day the income register
/// covers confirms it; else an achieved milestone (or a job start) beyond
/// what the register covers leaves it not covered yet; else there is
/// nothing to confirm yet.
pub fn coverage(check: &RegisterCheck) -> Coverage {
    let achieved = check.milestones.iter().any(|m| m.recorded.achieved_on().is_some());
    if check.differences.iter().any(|d| !waiting(d)) {
        Coverage::Differs
    } else if check.milestones.iter().any(|m| m.covered && m.recorded.achieved_on().is_some()) {
        Coverage::Confirmed
    } else if achieved || check.differences.iter().any(waiting) {
        Coverage::NotCovered
    } else {
        Coverage::NothingYet
    }
}

impl Service {
    /// Every course whose contract has a `[registers]` table, in id order,
    /// judged on the stored extracts as of `as_of`.
    pub fn register_overview(&self, as_of: NaiveDate) -> Result<Vec<CourseRegisters>, RepoError> {
        let set = self.contracts();
        let registers = self.registers()?;
        // The extracts read once: each citizen's rows, and how far the
        // income register reaches for all.
        let until = registers.income_until();
        let by_citizen = registers.by_citizen();
        let none = crate::evidence::Registers::default();
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
                let citizen_rows = by_citizen.get(&course.citizen).unwrap_or(&none);
                let Some(rc) = check_until(&set, &course, citizen_rows, until, as_of) else { continue };
                let coverage = coverage(&rc);
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
    use crate::benefit::Benefit;
    use crate::evidence::judge::MilestoneCheck;
    use crate::verdict::{ForfeitReason, Verdict};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A job start achieved on `achieved` (or forfeited) and judged the
    /// same on the registers, `covered` or not, with `differences`.
    fn rc(achieved: Option<NaiveDate>, covered: bool, differences: Vec<Difference>) -> RegisterCheck {
        let v = achieved
            .map_or(Verdict::Forfeited { reason: ForfeitReason::NoJobStart }, |date| Verdict::Achieved { date });
        let m = MilestoneCheck { index: 0, after_months: 0, recorded: v.clone(), register: v, covered };
        RegisterCheck { evidence: Default::default(), milestones: vec![m], differences }
    }

    #[test]
    fn a_course_is_confirmed_only_by_a_milestone_the_income_register_covers() {
        let start = d(2025, 3, 17);
        assert_eq!(coverage(&rc(Some(start), true, vec![])), Coverage::Confirmed);
        // Achieved after the last day the register covers: not covered yet.
        let beyond = Difference::NotCovered { after_months: 0, achieved: start, until: Some(d(2025, 3, 16)) };
        assert_eq!(coverage(&rc(Some(start), false, vec![beyond.clone()])), Coverage::NotCovered);
        assert_eq!(coverage(&rc(Some(start), false, vec![])), Coverage::NotCovered);
        let no_extract = Difference::JobStartNotCovered { recorded: start, until: None };
        assert_eq!(coverage(&rc(None, false, vec![no_extract])), Coverage::NotCovered);
        // Evidence of a difference makes it differ, covered or not.
        let late = Difference::JobStart { recorded: start, first_paid: Some(d(2025, 4, 1)) };
        assert_eq!(coverage(&rc(Some(start), true, vec![late])), Coverage::Differs);
        let week = Difference::BenefitInRetention { year: 2025, week: 20, benefit: Benefit::Dagpenge, months: 3 };
        assert_eq!(coverage(&rc(Some(start), false, vec![beyond, week])), Coverage::Differs);
        // Nothing achieved and nothing said: nothing to confirm.
        assert_eq!(coverage(&rc(None, false, vec![])), Coverage::NothingYet);
    }
}
