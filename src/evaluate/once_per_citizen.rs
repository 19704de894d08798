//! Once per citizen: when a contract says so, a milestone is payable at most
//! once for the same citizen across referrals. Among one citizen's courses
//! under one contract, the course that achieved a milestone first keeps it
//! (ties: the earlier referral, then the smaller course id); in the others
//! it is forfeited with a reason naming that course.

use rustc_hash::{FxHashMap as HashMap, FxHasher};
use std::borrow::Borrow;
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use super::trace::Step;
use super::{CourseEvaluation, evaluate};
use crate::contract::ContractSet;
use crate::course::Course;
use crate::ids::CourseId;
use crate::verdict::{ForfeitReason, Verdict};

/// Which milestones of which courses are already earned by another course.
#[derive(Debug, Default)]
pub struct OncePerCitizen {
    /// course index → (milestone index in its version, earning course, date)
    overrides: HashMap<usize, Vec<(usize, CourseId, NaiveDate)>>,
}

impl OncePerCitizen {
    /// Looks at every citizen with more than one course under a contract.
    /// Courses of other citizens are not evaluated here.
    pub fn index<C: Borrow<Course>>(contracts: &ContractSet, courses: &[C], as_of: NaiveDate) -> OncePerCitizen {
        // Group by (contract, citizen): sort (hash of the pair, index) and
        // walk the runs; 16 bytes a course and no map of vectors. Only
        // citizens with more than one course need resolving.
        let key = |i: usize| {
            let c = courses[i].borrow();
            (c.contract.as_str(), c.citizen.as_str())
        };
        let mut order: Vec<(u64, u32)> = (0..courses.len())
            .map(|i| {
                let mut h = FxHasher::default();
                key(i).hash(&mut h);
                (h.finish(), i as u32)
            })
            .collect();
        order.sort_unstable();
        let mut multi: Vec<((&str, &str), Vec<usize>)> = Vec::new();
        for run in order.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
            // Equal hashes almost always mean equal pairs; a collision is
            // split here, keeping each group in course order.
            let mut run: Vec<usize> = run.iter().map(|&(_, i)| i as usize).collect();
            run.sort_by_key(|&i| key(i));
            for group in run.chunk_by(|&a, &b| key(a) == key(b)).filter(|g| g.len() > 1) {
                multi.push((key(group[0]), group.to_vec()));
            }
        }
        multi.sort_unstable_by_key(|(k, _)| *k);
        let mut out = OncePerCitizen::default();
        for (_, group) in &multi {
            out.resolve(contracts, courses, group, as_of);
        }
        out
    }

    fn resolve<C: Borrow<Course>>(
        &mut self,
        contracts: &ContractSet,
        courses: &[C],
        group: &[usize],
        as_of: NaiveDate,
    ) {
        let course = |i: usize| -> &Course { courses[i].borrow() };
        let evals: Vec<(usize, CourseEvaluation<'_>)> =
            group.iter().map(|&i| (i, evaluate(contracts, course(i), as_of))).collect();
        let mut ids: Vec<&str> = evals
            .iter()
            .filter_map(|(_, e)| e.contract)
            .flat_map(|c| c.milestones.iter().map(|m| m.id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            let winner = evals
                .iter()
                .filter_map(|(i, e)| e.verdict(id).and_then(|v| v.verdict.achieved_on()).map(|d| (d, *i)))
                .min_by(|(da, a), (db, b)| {
                    (da, course(*a).referred_on, &course(*a).id).cmp(&(db, course(*b).referred_on, &course(*b).id))
                });
            let Some((date, w)) = winner else { continue };
            for (i, e) in &evals {
                let Some(c) = e.contract else { continue };
                if *i == w || !c.payment.once_per_citizen {
                    continue;
                }
                if let Some(v) = e.verdict(id)
                    && !matches!(v.verdict, Verdict::Forfeited { .. })
                {
                    self.overrides.entry(*i).or_default().push((v.index, course(w).id.clone(), date));
                }
            }
        }
    }

    /// Applies the rule to the evaluation of `courses[course_index]`.
    pub fn apply(&self, course_index: usize, eval: &mut CourseEvaluation<'_>) {
        let Some(list) = self.overrides.get(&course_index) else { return };
        for (m, course, date) in list {
            if let Some(v) = eval.milestones.iter_mut().find(|v| v.index == *m) {
                v.verdict =
                    Verdict::Forfeited { reason: ForfeitReason::AlreadyEarned { course: course.clone(), date: *date } };
                eval.trace.push(Step::AlreadyEarned { milestone: *m, course: course.clone(), date: *date });
            }
        }
        eval.sum_earned();
    }
}

impl CourseEvaluation<'_> {
    /// Whether a verdict names another course of the citizen.
    pub fn names_other_courses(&self) -> bool {
        self.milestones
            .iter()
            .any(|v| matches!(v.verdict, Verdict::Forfeited { reason: ForfeitReason::AlreadyEarned { .. } }))
    }

    /// The evaluation as a supplier may read it: a milestone another course
    /// of the citizen earned says so, without that course's id or date
    /// (it may be another supplier's).
    pub fn hide_other_courses(&mut self) {
        for v in &mut self.milestones {
            if let Verdict::Forfeited { reason: r @ ForfeitReason::AlreadyEarned { .. } } = &mut v.verdict {
                *r = ForfeitReason::EarnedElsewhere;
            }
        }
        for s in &mut self.trace {
            if let Step::AlreadyEarned { milestone, .. } = *s {
                *s = Step::EarnedElsewhere { milestone };
            }
        }
    }
}

/// Evaluates every course, applying the once-per-citizen rule across them.
pub fn evaluate_all<'a, C: Borrow<Course>>(
    contracts: &'a ContractSet,
    courses: &'a [C],
    as_of: NaiveDate,
) -> Vec<CourseEvaluation<'a>> {
    let once = OncePerCitizen::index(contracts, courses, as_of);
    courses
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut e = evaluate(contracts, c.borrow(), as_of);
            once.apply(i, &mut e);
            e
        })
        .collect()
}
