//! The status table in the minutes' form: referred, ongoing, ended in job,
//! ended without job, interrupted, and the success rate.

use crate::money::Share;
use crate::verdict::CourseStatus;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub referred: u64,
    pub ongoing: u64,
    pub ended_job: u64,
    pub ended_no_job: u64,
    pub interrupted: u64,
}

impl StatusCounts {
    /// Counts one course; a course referred after the date is not counted.
    pub fn add(&mut self, status: CourseStatus) {
        let cell = match status {
            CourseStatus::NotYetReferred => return,
            CourseStatus::Ongoing => &mut self.ongoing,
            CourseStatus::EndedJob => &mut self.ended_job,
            CourseStatus::EndedNoJob => &mut self.ended_no_job,
            CourseStatus::Interrupted => &mut self.interrupted,
        };
        *cell += 1;
        self.referred += 1;
    }

    pub fn plus(&mut self, o: &StatusCounts) {
        self.referred += o.referred;
        self.ongoing += o.ongoing;
        self.ended_job += o.ended_job;
        self.ended_no_job += o.ended_no_job;
        self.interrupted += o.interrupted;
    }

    /// Success rate as the minutes define it: ended in job / (ended in job +
    /// ended without job). Interrupted and ongoing courses are left out.
    pub fn success_rate(&self) -> Option<Share> {
        Share::of(self.ended_job, self.ended_job + self.ended_no_job)
    }

    /// The cells in table order: referred, ongoing, job, no job, interrupted.
    pub fn cells(&self) -> [u64; 5] {
        [self.referred, self.ongoing, self.ended_job, self.ended_no_job, self.interrupted]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_minutes_table_and_its_success_rates() {
        // The minutes' table (docs/rules.md): dagpenge 92 / 5 / 30 / 26 / 31 → 53.6 %; total 40 / 75.
        let mut dag = StatusCounts::default();
        for (status, n) in [
            (CourseStatus::Ongoing, 5),
            (CourseStatus::EndedJob, 30),
            (CourseStatus::EndedNoJob, 26),
            (CourseStatus::Interrupted, 31),
            (CourseStatus::NotYetReferred, 4),
        ] {
            for _ in 0..n {
                dag.add(status);
            }
        }
        assert_eq!(dag.cells(), [92, 5, 30, 26, 31]);
        assert_eq!(dag.success_rate().unwrap().percent(1), dec!(53.6));
        let total = StatusCounts { referred: 130, ongoing: 7, ended_job: 40, ended_no_job: 35, interrupted: 48 };
        assert_eq!(total.success_rate().unwrap().percent(1), dec!(53.3));
        assert_eq!(StatusCounts::default().success_rate(), None);
    }
}
