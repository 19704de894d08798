//! Once per citizen: when a contract says so, a milestone is payable at most
//! once for the same citizen across referrals. Among one citizen's courses
//! under one contract, the course that achieved a milestone first keeps it
//! (ties: the earlier referral, then the smaller course id); in the others
//! it is forfeited with a reason naming that course.

use rustc_hash::{FxHashMap as HashMap, FxHasher};
use std::borrow::{Borrow, Cow};
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use super::trace::Step;
use super::{CourseEvaluation, evaluate};
use crate::contract::ContractSet;
use crate::course::{Course, CourseStore};
use crate::ids::CourseId;
use crate::verdict::{ForfeitReason, Verdict};

/// Courses the rule can look across: a slice of courses, or courses held
/// compactly and unpacked one at a time.
pub trait Courses {
    fn count(&self) -> usize;
    /// The course's contract and citizen.
    fn key(&self, i: usize) -> (&str, &str);
    fn course(&self, i: usize) -> Cow<'_, Course>;
}

impl<C: Borrow<Course>> Courses for [C] {
    fn count(&self) -> usize {
        self.len()
    }
    fn key(&self, i: usize) -> (&str, &str) {
        let c = self[i].borrow();
        (c.contract.as_str(), c.citizen.as_str())
    }
    fn course(&self, i: usize) -> Cow<'_, Course> {
        Cow::Borrowed(self[i].borrow())
    }
}

impl Courses for CourseStore {
    fn count(&self) -> usize {
        self.len()
    }
    fn key(&self, i: usize) -> (&str, &str) {
        CourseStore::key(self, i)
    }
    fn course(&self, i: usize) -> Cow<'_, Course> {
        Cow::Owned(self.get(i))
    }
}

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
        OncePerCitizen::index_of(contracts, courses, as_of)
    }

    /// [`OncePerCitizen::index`] over any [`Courses`] (a compact store).
    pub fn index_of<S: Courses + ?Sized>(contracts: &ContractSet, courses: &S, as_of: NaiveDate) -> OncePerCitizen {
        // Group by (contract, citizen): sort (hash of the pair, index) and
        // walk the runs; 16 bytes a course and no map of vectors. Only
        // citizens with more than one course need resolving.
        let key = |i: usize| courses.key(i);
        let mut order: Vec<(u64, u32)> = (0..courses.count())
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
            let held: Vec<Cow<'_, Course>> = group.iter().map(|&i| courses.course(i)).collect();
            out.resolve(contracts, group, &held, as_of);
        }
        out
    }

    /// `held[k]` is course `group[k]`.
    fn resolve(&mut self, contracts: &ContractSet, group: &[usize], held: &[Cow<'_, Course>], as_of: NaiveDate) {
        let at = |i: usize| group.iter().position(|&g| g == i).expect("a course of the group");
        let course = |i: usize| -> &Course { &held[at(i)] };
        let evals: Vec<(usize, CourseEvaluation<'_>)> =
            group.iter().zip(held).map(|(&i, c)| (i, evaluate(contracts, c, as_of))).collect();
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
