//! Success by kind of job: of the courses that ended in a job, how many
//! ended in an ordinary job and how many in a fleksjob, held against what
//! the supplier promised (`[promises]` in the contract file). The shares
//! are of the courses that ended ordinarily (in a job or without one), the
//! base of the minutes' success rate.

use chrono::NaiveDate;

use super::status::StatusCounts;
use crate::benefit::JobType;
use crate::course::Facts;
use crate::money::Share;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JobKinds {
    pub ordinary: u64,
    pub fleksjob: u64,
    /// Ended in a job, but no job start on or before the end is recorded.
    pub unrecorded: u64,
}

impl JobKinds {
    pub fn add(&mut self, kind: Option<JobType>) {
        match kind {
            Some(JobType::Ordinary) => self.ordinary += 1,
            Some(JobType::Fleksjob) => self.fleksjob += 1,
            None => self.unrecorded += 1,
        }
    }

    pub fn plus(&mut self, o: &JobKinds) {
        self.ordinary += o.ordinary;
        self.fleksjob += o.fleksjob;
        self.unrecorded += o.unrecorded;
    }

    /// The cells in table order: ordinary, fleksjob, not recorded. They add
    /// up to the status table's "ended in job".
    pub fn cells(&self) -> [u64; 3] {
        [self.ordinary, self.fleksjob, self.unrecorded]
    }

    /// Ended in an ordinary job, of the courses that ended ordinarily.
    pub fn ordinary_share(&self, counts: &StatusCounts) -> Option<Share> {
        Share::of(self.ordinary, counts.ended_job + counts.ended_no_job)
    }

    /// Ended in a job of any kind, of the courses that ended ordinarily:
    /// the minutes' success rate.
    pub fn any_share(counts: &StatusCounts) -> Option<Share> {
        counts.success_rate()
    }
}

/// The kind of job a course that ended in a job on `ended` ended in: the
/// latest job that started on or before that day. `None` when no job start
/// is recorded by then.
pub fn ended_job_kind(facts: &Facts, ended: NaiveDate) -> Option<JobType> {
    facts.spells.iter().filter(|s| s.start <= ended).max_by_key(|s| s.start).map(|s| s.job)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Spell;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_job_a_course_ended_in_is_the_latest_started_by_its_end() {
        let facts = Facts {
            spells: vec![
                Spell { start: d(2025, 3, 1), end: Some(d(2025, 3, 31)), job: JobType::Fleksjob },
                Spell { start: d(2025, 4, 10), end: None, job: JobType::Ordinary },
                Spell { start: d(2025, 9, 1), end: None, job: JobType::Fleksjob },
            ],
            ..Facts::default()
        };
        assert_eq!(ended_job_kind(&facts, d(2025, 4, 10)), Some(JobType::Ordinary));
        assert_eq!(ended_job_kind(&facts, d(2025, 4, 9)), Some(JobType::Fleksjob));
        assert_eq!(ended_job_kind(&facts, d(2025, 2, 28)), None);
    }

    #[test]
    fn the_minutes_total_against_the_promises() {
        // The demo's courses ended in job: dagpenge 30 and integration 2 in
        // ordinary jobs, ledighedsydelse's 8 in fleksjob; 35 ended without.
        let counts = StatusCounts { referred: 130, ongoing: 7, ended_job: 40, ended_no_job: 35, interrupted: 48 };
        let jobs = JobKinds { ordinary: 32, fleksjob: 8, unrecorded: 0 };
        // 32 / 75 = 42.67 %, under the promised 50 %; 40 / 75 = 53.3 %,
        // under the promised 90 %.
        assert_eq!(jobs.ordinary_share(&counts).unwrap().percent(1), rust_decimal_macros::dec!(42.7));
        assert_eq!(JobKinds::any_share(&counts).unwrap().percent(1), rust_decimal_macros::dec!(53.3));
        assert_eq!(jobs.cells().iter().sum::<u64>(), counts.ended_job);
    }
}
