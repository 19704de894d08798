//! A course's facts seen as of a date under a contract's payment condition:
//! which job spells count, which benefit days are disallowed, where a chain
//! of jobs begins and ends. Everything is interval arithmetic over the
//! (few) spells and benefit periods; nothing loops over days.

use chrono::NaiveDate;

use crate::calendar::{days_between, next_day};
use crate::contract::PaymentCondition;
use crate::course::{BenefitPeriod, Facts, Spell};

#[derive(Clone, Copy)]
pub struct Timeline<'a> {
    pub facts: &'a Facts,
    pub pay: &'a PaymentCondition,
    pub as_of: NaiveDate,
}

/// A chain of spells whose gaps are at most `max_gap_days`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chain {
    pub start: NaiveDate,
    pub end: ChainEnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainEnd {
    /// A job in the chain is still running on `as_of`.
    Open,
    /// The chain's last job ended on `last_day`. `definitive` when it can no
    /// longer continue: a later job started after a longer gap, or more than
    /// `max_gap_days` days have passed by `as_of`.
    Closed { last_day: NaiveDate, definitive: bool },
}

impl<'a> Timeline<'a> {
    pub fn new(facts: &'a Facts, pay: &'a PaymentCondition, as_of: NaiveDate) -> Timeline<'a> {
        Timeline { facts, pay, as_of }
    }

    /// Spells of a counted job type that had started by `as_of`, with an end
    /// after `as_of` read as still running.
    pub fn spells(&self) -> impl Iterator<Item = Spell> + 'a {
        let (pay, as_of) = (self.pay, self.as_of);
        self.facts
            .spells
            .iter()
            .filter(move |s| s.start <= as_of && pay.counts_job(s.job))
            .map(move |s| Spell { end: s.end.filter(|e| *e <= as_of), ..*s })
    }

    /// Spells of a job type the contract does not count (for the trace).
    pub fn uncounted_spells(&self) -> impl Iterator<Item = &'a Spell> + 'a {
        let (pay, as_of) = (self.pay, self.as_of);
        self.facts.spells.iter().filter(move |s| s.start <= as_of && !pay.counts_job(s.job))
    }

    /// Periods of disallowed benefit known by `as_of`, clipped to `as_of`.
    pub fn disallowed(&self) -> impl Iterator<Item = BenefitPeriod> + 'a {
        let (pay, as_of) = (self.pay, self.as_of);
        self.facts
            .benefits
            .iter()
            .filter(move |b| b.from <= as_of && pay.disallows(b.benefit))
            .map(move |b| BenefitPeriod { to: b.to.min(as_of), ..*b })
    }

    /// The disallowed benefit period covering `day`, if any.
    pub fn disallowed_on(&self, day: NaiveDate) -> Option<BenefitPeriod> {
        self.disallowed().find(|b| b.from <= day && day <= b.to)
    }

    /// The first disallowed day on or after `day`, with its period.
    pub fn first_disallowed_from(&self, day: NaiveDate) -> Option<(NaiveDate, BenefitPeriod)> {
        self.disallowed().filter(|b| b.to >= day).map(|b| (b.from.max(day), b)).min_by_key(|(d, b)| (*d, b.from))
    }

    /// The chain that holds `day`, if `day` is inside one. A tolerated gap
    /// between two jobs is inside the chain.
    pub fn chain_containing(&self, day: NaiveDate) -> Option<Chain> {
        let max_gap = i64::from(self.pay.max_gap_days);
        let mut spells = self.spells().peekable();
        while let Some(first) = spells.next() {
            if first.start > day {
                return None;
            }
            let mut end = first.end;
            while let (Some(e), Some(next)) = (end, spells.peek()) {
                if days_between(e, next.start) > max_gap {
                    break;
                }
                end = next.end.map(|ne| ne.max(e));
                spells.next();
            }
            if end.is_none_or(|e| day <= e) {
                let end = match end {
                    None => ChainEnd::Open,
                    Some(last_day) => ChainEnd::Closed {
                        last_day,
                        definitive: spells.peek().is_some() || (self.as_of - last_day).num_days() > max_gap,
                    },
                };
                return Some(Chain { start: first.start, end });
            }
        }
        None
    }

    /// The first day after `broken` on which the citizen is in a counted job
    /// without disallowed benefit: where a restarted measurement begins.
    pub fn next_qualifying_start(&self, broken: NaiveDate) -> Option<NaiveDate> {
        let from = next_day(broken);
        for s in self.spells() {
            let end = s.end.unwrap_or(self.as_of);
            if end < from {
                continue;
            }
            let mut c = s.start.max(from);
            while let Some(b) = self.disallowed_on(c) {
                c = next_day(b.to);
            }
            // `end` is on or before `as_of` (see `spells`), so is `c` here.
            if c <= end {
                return Some(c);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benefit::{Benefit, BenefitSet, JobType};
    use crate::contract::OnBreak;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn pay(max_gap_days: u32) -> PaymentCondition {
        PaymentCondition {
            allowed_benefits: [Benefit::Fleksjob].into_iter().collect::<BenefitSet>(),
            max_gap_days,
            on_break: OnBreak::Forfeit,
            once_per_citizen: true,
            job_types: JobType::ALL.to_vec(),
        }
    }

    fn spell(start: NaiveDate, end: Option<NaiveDate>) -> Spell {
        Spell { start, end, job: JobType::Ordinary }
    }

    #[test]
    fn spells_chain_across_a_gap_of_exactly_max_gap_days_only() {
        let facts = Facts {
            spells: vec![spell(d(2025, 3, 1), Some(d(2025, 3, 31))), spell(d(2025, 4, 8), None)],
            ..Facts::default()
        };
        // 1..7 April: 7 days strictly between 31 March and 8 April.
        let p7 = pay(7);
        let t = Timeline::new(&facts, &p7, d(2025, 9, 1));
        assert_eq!(t.chain_containing(d(2025, 3, 10)), Some(Chain { start: d(2025, 3, 1), end: ChainEnd::Open }));
        let p6 = pay(6);
        let t = Timeline::new(&facts, &p6, d(2025, 9, 1));
        assert_eq!(
            t.chain_containing(d(2025, 3, 10)),
            Some(Chain { start: d(2025, 3, 1), end: ChainEnd::Closed { last_day: d(2025, 3, 31), definitive: true } })
        );
        assert_eq!(t.chain_containing(d(2025, 4, 2)), None);
    }

    #[test]
    fn a_chain_that_may_still_continue_is_not_definitively_closed() {
        let facts = Facts { spells: vec![spell(d(2025, 3, 1), Some(d(2025, 3, 31)))], ..Facts::default() };
        let p = pay(7);
        let within = Timeline::new(&facts, &p, d(2025, 4, 7));
        assert_eq!(
            within.chain_containing(d(2025, 3, 1)).unwrap().end,
            ChainEnd::Closed { last_day: d(2025, 3, 31), definitive: false }
        );
        let past = Timeline::new(&facts, &p, d(2025, 4, 8));
        assert_eq!(
            past.chain_containing(d(2025, 3, 1)).unwrap().end,
            ChainEnd::Closed { last_day: d(2025, 3, 31), definitive: true }
        );
    }

    #[test]
    fn as_of_hides_the_future() {
        let facts = Facts {
            spells: vec![spell(d(2025, 3, 1), Some(d(2025, 12, 31)))],
            benefits: vec![BenefitPeriod { from: d(2025, 5, 1), to: d(2025, 5, 31), benefit: Benefit::Dagpenge }],
            ..Facts::default()
        };
        let p = pay(0);
        let t = Timeline::new(&facts, &p, d(2025, 5, 10));
        assert_eq!(t.chain_containing(d(2025, 3, 1)).unwrap().end, ChainEnd::Open);
        assert_eq!(
            t.first_disallowed_from(d(2025, 3, 1)).map(|x| (x.0, x.1.to)),
            Some((d(2025, 5, 1), d(2025, 5, 10)))
        );
        assert_eq!(t.next_qualifying_start(d(2025, 5, 1)), None);
        let later = Timeline::new(&facts, &p, d(2025, 7, 1));
        assert_eq!(later.next_qualifying_start(d(2025, 5, 1)), Some(d(2025, 6, 1)));
    }

    /// Restart edge: broken by dagpenge on 1 May in a job that ends on
    /// 2 May. The search starts the day after the break, 2 May, which is the
    /// job's last day: the measurement starts again on 2 May.
    #[test]
    fn a_job_whose_last_day_is_the_day_after_the_break_restarts_on_it() {
        let facts = Facts {
            spells: vec![spell(d(2025, 3, 3), Some(d(2025, 5, 2)))],
            benefits: vec![BenefitPeriod { from: d(2025, 5, 1), to: d(2025, 5, 1), benefit: Benefit::Dagpenge }],
            ..Facts::default()
        };
        let p = pay(0);
        let t = Timeline::new(&facts, &p, d(2025, 12, 31));
        assert_eq!(t.next_qualifying_start(d(2025, 5, 1)), Some(d(2025, 5, 2)));
        // Broken on 2 May: the search starts on 3 May, after the only job.
        assert_eq!(t.next_qualifying_start(d(2025, 5, 2)), None);
    }

    /// Restart edge: dagpenge 15 Apr to 10 May runs past the job's end on
    /// 30 Apr. The first day without it, 11 May, is not a job day, so the
    /// next start is the next job's first day (1 Jun), or none without one.
    #[test]
    fn disallowed_benefit_running_past_a_jobs_end_skips_to_the_next_job() {
        let benefits = vec![BenefitPeriod { from: d(2025, 4, 15), to: d(2025, 5, 10), benefit: Benefit::Dagpenge }];
        let one_job = Facts {
            spells: vec![spell(d(2025, 3, 3), Some(d(2025, 4, 30)))],
            benefits: benefits.clone(),
            ..Facts::default()
        };
        let two_jobs = Facts {
            spells: vec![spell(d(2025, 3, 3), Some(d(2025, 4, 30))), spell(d(2025, 6, 1), None)],
            benefits,
            ..Facts::default()
        };
        let p = pay(0);
        assert_eq!(Timeline::new(&one_job, &p, d(2025, 12, 31)).next_qualifying_start(d(2025, 4, 15)), None);
        let t = Timeline::new(&two_jobs, &p, d(2025, 12, 31));
        assert_eq!(t.next_qualifying_start(d(2025, 4, 15)), Some(d(2025, 6, 1)));
        // As of 31 May the next job has not started: nothing yet.
        assert_eq!(Timeline::new(&two_jobs, &p, d(2025, 5, 31)).next_qualifying_start(d(2025, 4, 15)), None);
    }

    #[test]
    fn allowed_benefits_do_not_count_as_disallowed() {
        let facts = Facts {
            benefits: vec![BenefitPeriod { from: d(2025, 5, 1), to: d(2025, 5, 31), benefit: Benefit::Fleksjob }],
            ..Facts::default()
        };
        let p = pay(0);
        assert_eq!(Timeline::new(&facts, &p, d(2025, 7, 1)).disallowed_on(d(2025, 5, 2)), None);
    }
}
