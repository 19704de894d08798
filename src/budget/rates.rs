//! The realised rates a forecast weights open courses by, per target group,
//! from the same evaluations as the committee figures.
//!
//! Rates from "decided so far" alone are biased: early failures are decided
//! before late successes (a job lost after a month is known months before a
//! job kept six), and the courses still running are the successes so far.
//! So the rates are read as a life table (Kaplan-Meier), conditioned on how
//! far the open course has come, with the courses still running counted
//! for as long as they have run:
//!
//! - retention: a chain that has run `t` days reaches a milestone `h` days
//!   after its job start with probability Π (1 − breaks on day u / chains
//!   at risk on day u) over the days u from t to h − 1 on which a chain of
//!   the group broke;
//! - job start: a course open `t` days gets a job start with probability
//!   Σ S(u) × job starts on day u / courses at risk on day u over u ≥ t,
//!   where S(u) is the share still open on day u (no job start, not ended);
//!   the competing end is ending without a job (Aalen-Johansen). Its
//!   expected day is the mean of u under the same weights.
//!
//! Days count from the job start (retention) or the course start (job
//! start). Refused courses and milestones another course of the citizen
//! earned are left out. A group with no courses of its own to read takes
//! the rates over all groups.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::evaluate::CourseEvaluation;
use crate::report::savings::CourseSaving;
use crate::rules::timeline::Timeline;
use crate::verdict::{CourseStatus, ForfeitReason, Verdict};

/// How a course's wait for a job start ended, `days` after its start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
    Job,
    Ended,
    /// Still open on the date (censored).
    Open,
}

/// A job start's chain: `days` from the job start to the break, or, when
/// it has not broken, the days it has run by the date (censored).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub days: i64,
    pub broke: bool,
}

/// One group's courses as the rates read them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Peers {
    pub waits: Vec<(i64, Wait)>,
    pub runs: Vec<Run>,
    /// (qualifying days, window days) over completed savings windows.
    pub window: (i64, i64),
}

/// The expected job start of a course open `t` days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JobOdds {
    pub probability: Decimal,
    /// Expected days from the course start, given a job start.
    pub days: Option<i64>,
}

impl Peers {
    pub fn is_empty(&self) -> bool {
        self.waits.is_empty() && self.runs.is_empty()
    }

    /// The probability that a chain that has run `t` days lasts `h` days.
    pub fn keeps(&self, t: i64, h: i64) -> Decimal {
        self.table().keeps(t, h)
    }

    /// The odds of a job start for a course open `t` days.
    pub fn job_start(&self, t: i64) -> JobOdds {
        self.table().job_start(t)
    }

    /// The life tables, made once (each query is then linear in the days
    /// on which something happened, not in the courses).
    pub fn table(&self) -> LifeTable {
        let mut runs: Vec<i64> = self.runs.iter().map(|r| r.days).collect();
        runs.sort_unstable();
        let at_risk = |sorted: &[i64], u: i64| (sorted.len() - sorted.partition_point(|d| *d < u)) as u64;
        let mut breaks: BTreeMap<i64, u64> = BTreeMap::new();
        for r in self.runs.iter().filter(|r| r.broke) {
            *breaks.entry(r.days).or_default() += 1;
        }
        let breaks = breaks.into_iter().map(|(u, d)| (u, d, at_risk(&runs, u))).collect();
        let mut waited: Vec<i64> = self.waits.iter().map(|(d, _)| *d).collect();
        waited.sort_unstable();
        let mut events: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
        for (days, w) in &self.waits {
            let e = events.entry(*days).or_default();
            match w {
                Wait::Job => e.0 += 1,
                Wait::Ended => e.1 += 1,
                Wait::Open => {}
            }
        }
        let waits = events
            .into_iter()
            .filter(|(_, (j, e))| j + e > 0)
            .map(|(u, (j, e))| (u, j, e, at_risk(&waited, u)))
            .collect();
        LifeTable { breaks, waits }
    }

    pub fn window_kept(&self) -> Option<Decimal> {
        (self.window.1 > 0).then(|| Decimal::from(self.window.0) / Decimal::from(self.window.1))
    }

    pub fn plus(&mut self, o: &Peers) {
        self.waits.extend_from_slice(&o.waits);
        self.runs.extend_from_slice(&o.runs);
        self.window.0 += o.window.0;
        self.window.1 += o.window.1;
    }
}

/// A group's life tables: the days something happened, with how many it
/// happened to and how many were at risk that day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LifeTable {
    /// (day, chains broken, chains at risk), ascending by day.
    breaks: Vec<(i64, u64, u64)>,
    /// (day, job starts, ended without one, courses at risk), ascending.
    waits: Vec<(i64, u64, u64, u64)>,
}

impl LifeTable {
    /// The probability that a chain that has run `t` days lasts `h` days.
    pub fn keeps(&self, t: i64, h: i64) -> Decimal {
        let mut p = Decimal::ONE;
        for &(_, d, n) in self.breaks.iter().filter(|(u, _, _)| *u >= t && *u < h) {
            if n > 0 {
                p *= Decimal::ONE - Decimal::from(d) / Decimal::from(n);
            }
        }
        p
    }

    /// The odds of a job start for a course open `t` days.
    pub fn job_start(&self, t: i64) -> JobOdds {
        let mut open = Decimal::ONE;
        let mut p = Decimal::ZERO;
        let mut weighted_days = Decimal::ZERO;
        for &(u, jobs, ends, at_risk) in self.waits.iter().filter(|w| w.0 >= t) {
            if at_risk == 0 {
                continue;
            }
            let n = Decimal::from(at_risk);
            let here = open * Decimal::from(jobs) / n;
            p += here;
            weighted_days += here * Decimal::from(u);
            open *= Decimal::ONE - Decimal::from(jobs + ends) / n;
        }
        let days = (!p.is_zero()).then(|| (weighted_days / p).trunc()).and_then(|d| d.try_into().ok());
        JobOdds { probability: p, days }
    }
}

fn not_counted(reason: &ForfeitReason) -> bool {
    matches!(reason, ForfeitReason::Refused(_) | ForfeitReason::AlreadyEarned { .. } | ForfeitReason::EarnedElsewhere)
}

/// The first day outside the chain, from a retention milestone's forfeit.
fn break_day(reason: &ForfeitReason) -> Option<NaiveDate> {
    match reason {
        ForfeitReason::Benefit { day, .. } | ForfeitReason::EarlierBreak { day } => Some(*day),
        ForfeitReason::ChainEnded { last_day, .. } => Some(*last_day + chrono::Duration::days(1)),
        _ => None,
    }
}

/// The peers per target group id from evaluations as of `as_of`.
pub fn peers(evals: &[CourseEvaluation<'_>], as_of: NaiveDate) -> HashMap<String, Peers> {
    let mut out: HashMap<String, Peers> = HashMap::new();
    for e in evals {
        let Some(contract) = e.contract else { continue };
        if e.refusal.is_some() || e.status == CourseStatus::NotYetReferred {
            continue;
        }
        let r = out.entry(e.course.target_group.to_string()).or_default();
        let since_start = |d: NaiveDate| (d - e.course.start()).num_days().max(0);
        let mut run: Option<(NaiveDate, Option<NaiveDate>)> = None;
        let mut counted = true;
        for v in &e.milestones {
            let m = &contract.milestones[v.index];
            match (&v.verdict, m.is_job_start()) {
                (Verdict::Achieved { date }, true) => {
                    r.waits.push((since_start(*date), Wait::Job));
                    run = Some((*date, None));
                    let est = contract.target_group(e.course.target_group.as_str()).and_then(|g| g.estimate.as_ref());
                    if let Some(est) = est {
                        let tl = Timeline::new(&e.course.facts, &contract.payment, as_of);
                        let s = CourseSaving::new(&tl, *date, est);
                        if s.window_end <= as_of {
                            r.window.0 += s.days();
                            r.window.1 += s.window_days;
                        }
                    }
                }
                (Verdict::Forfeited { reason: ForfeitReason::NoJobInCourse { course_end } }, true) => {
                    r.waits.push((since_start(*course_end), Wait::Ended));
                }
                (Verdict::Pending { .. }, true) if e.status == CourseStatus::Ongoing => {
                    r.waits.push((since_start(as_of) + 1, Wait::Open));
                }
                (Verdict::Forfeited { reason }, false) if not_counted(reason) => counted = false,
                (Verdict::Forfeited { reason }, false) => {
                    if let Some((_, b)) = run.as_mut()
                        && b.is_none()
                    {
                        *b = break_day(reason);
                    }
                }
                _ => {}
            }
        }
        if let (Some((start, broke)), true) = (run, counted) {
            r.runs.push(match broke {
                Some(day) => Run { days: (day - start).num_days().max(0), broke: true },
                None => Run { days: (as_of - start).num_days() + 1, broke: false },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_life_table_counts_the_chains_still_running() {
        // Five chains: broke after 40 and 100 days; running 50, 150, 200.
        // From day 0 to 182: on day 40, 1 of 5 at risk breaks; on day 100,
        // 1 of 3 (100, 150, 200): (4/5) × (2/3) = 8/15.
        let p = Peers {
            runs: vec![
                Run { days: 40, broke: true },
                Run { days: 100, broke: true },
                Run { days: 50, broke: false },
                Run { days: 150, broke: false },
                Run { days: 200, broke: false },
            ],
            ..Peers::default()
        };
        assert_eq!(p.keeps(0, 182).round_dp(20), (dec!(8) / dec!(15)).round_dp(20));
        // Having run 60 days, only the break on day 100 is ahead: 2/3.
        assert_eq!(p.keeps(60, 182).round_dp(20), (dec!(2) / dec!(3)).round_dp(20));
        assert_eq!(p.keeps(101, 182), Decimal::ONE);
    }

    #[test]
    fn job_starts_compete_with_ending_without_one() {
        // Four courses: job on day 10, ended on day 20, job on day 30, still
        // open on day 25. Day 10: 1 job of 4 at risk: 1/4; open 3/4. Day 20:
        // 1 end of 3: open 3/4 × 2/3 = 1/2. Day 30: 1 job of 1 at risk
        // (the open one left on day 25): 1/2. P = 1/4 + 1/2 = 3/4; expected
        // day (1/4 × 10 + 1/2 × 30) / (3/4) = 17.5 / 0.75 = 23.3…, 23.
        let p = Peers {
            waits: vec![(10, Wait::Job), (20, Wait::Ended), (30, Wait::Job), (25, Wait::Open)],
            ..Peers::default()
        };
        assert_eq!(p.job_start(0), JobOdds { probability: dec!(0.75), days: Some(23) });
        // Open 15 days: day 20, 1 end of 3 at risk; day 30, 1 job of 1:
        // (2/3) × 1 = 2/3, on day 30.
        let odds = p.job_start(15);
        assert_eq!((odds.probability * dec!(3)).round_dp(20), dec!(2));
        assert_eq!(odds.days, Some(30));
    }
}
