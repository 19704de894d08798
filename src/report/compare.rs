//! Options side by side: several suppliers' contracts and the in-house
//! option, each judged on its own courses as of the same date, with every
//! rate's 95 % interval (Wilson score, [`crate::stats`]) and, for each pair
//! of options and each rate, whether the data so far can tell them apart.
//!
//! Per option (a contract's target group, or its total):
//! - referred; the success rates of the courses that ended ordinarily (an
//!   ordinary job; any job), the share of referred citizens who started a
//!   job, and the shares of job starts kept 3 and 6 months (where the
//!   contract has that stage);
//! - the cost: for a supplier what it earned (milestones achieved, as the
//!   committee's cost per result counts it), for the in-house option its
//!   referrals times its cost per referral ([`InHouseCost`]);
//! - cost per job start and per 3- and 6-month retention (that cost over
//!   those results), realised savings, net result (savings − cost) per
//!   referral, and the break-even deadweight 1 − cost / savings.
//!
//! **Told apart** (docs/rules.md): two options differ on a rate only when
//! their 95 % intervals do not overlap; a shared end point counts as an
//! overlap. Overlapping intervals are reported as "cannot be told apart on
//! the data so far" — not as equal. (The rule is conservative: two
//! intervals may overlap a little while a test of the difference would
//! call it significant; it never calls a difference that a committee could
//! not see in the intervals themselves.)
//!
//! Under small-cell protection every figure is withheld when the option's
//! own report withholds what it is computed from ([`Disclosure`]), so the
//! comparison shows nothing the options' reports would not.

use std::cmp::Ordering;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Portfolio;
use super::disclosure::{Count, Disclosure, Policy, Row};
use super::figures::GroupFigures;
use crate::contract::InHouseCost;
use crate::money::{Money, Share};
use crate::stats::{Interval, wilson};

/// One option to compare: a contract's figures, who delivers it, and for
/// the in-house option its cost.
pub struct Candidate<'a> {
    pub portfolio: &'a Portfolio,
    /// The supplier's name, or the own team's.
    pub provider: String,
    pub in_house: Option<InHouseCost>,
}

/// A figure as a reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fig<T> {
    Value(T),
    /// Cannot be computed: no courses to count, no savings estimate, or a
    /// stage the contract does not have.
    None,
    /// Computed from a count withheld from this reader (small cells).
    Withheld,
}

impl<T> Fig<T> {
    fn of(value: Option<T>, withheld: bool) -> Fig<T> {
        match (withheld, value) {
            (true, _) => Fig::Withheld,
            (false, Some(v)) => Fig::Value(v),
            (false, None) => Fig::None,
        }
    }

    pub fn value(&self) -> Option<&T> {
        match self {
            Fig::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// The rates compared, in the order the report shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateName {
    /// Ended in an ordinary job, of the courses ended in a job or without.
    OrdinaryJob,
    /// Ended in any job the contract counts, of the same courses (the
    /// minutes' success rate).
    AnyJob,
    /// Started a job (the job start milestone), of those referred.
    JobStart,
    /// Kept the job 3 months, of the job starts whose 3 months are decided.
    Retention3m,
    /// Kept the job 6 months, of the job starts whose 6 months are decided.
    Retention6m,
}

impl RateName {
    pub const ALL: [RateName; 5] =
        [RateName::OrdinaryJob, RateName::AnyJob, RateName::JobStart, RateName::Retention3m, RateName::Retention6m];

    pub fn id(self) -> &'static str {
        match self {
            RateName::OrdinaryJob => "ordinary_job",
            RateName::AnyJob => "any_job",
            RateName::JobStart => "job_start",
            RateName::Retention3m => "retention_3m",
            RateName::Retention6m => "retention_6m",
        }
    }
}

/// A rate with its counts and its 95 % interval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub successes: u64,
    pub trials: u64,
    pub share: Share,
    pub interval: Interval,
}

impl Rate {
    fn of(successes: u64, trials: u64) -> Option<Rate> {
        Some(Rate { successes, trials, share: Share::of(successes, trials)?, interval: wilson(successes, trials)? })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionRow {
    pub contract: String,
    pub title: String,
    pub provider: String,
    pub in_house: bool,
    pub referred: Fig<u64>,
    /// Every rate of [`RateName::ALL`], in that order.
    pub rates: Vec<(RateName, Fig<Rate>)>,
    /// What the option cost by the date (see the module).
    pub cost: Fig<Money>,
    pub cost_per_job_start: Fig<Money>,
    pub cost_per_retention_3m: Fig<Money>,
    pub cost_per_retention_6m: Fig<Money>,
    pub savings: Fig<Money>,
    pub net_result: Fig<Money>,
    pub net_per_referral: Fig<Money>,
    pub break_even_deadweight: Fig<Share>,
}

impl OptionRow {
    pub fn rate(&self, name: RateName) -> Fig<Rate> {
        self.rates.iter().find(|(n, _)| *n == name).map_or(Fig::None, |(_, r)| *r)
    }
}

/// Two options on one rate: `apart` is `None` when their intervals overlap
/// (they cannot be told apart on the data so far), else how `a`'s rate
/// stands to `b`'s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub rate: RateName,
    pub a: usize,
    pub b: usize,
    pub apart: Option<Ordering>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub as_of: NaiveDate,
    /// The target group compared, or `None` for each option's total.
    pub group: Option<String>,
    pub rows: Vec<OptionRow>,
    /// Every pair of rows with an interval on a rate, per rate.
    pub pairs: Vec<Pair>,
}

/// Compares the candidates on `group` (each contract's total when `None`),
/// as the reader under `policy` may see them.
pub fn compare(candidates: &[Candidate<'_>], group: Option<&str>, policy: Option<&Policy>) -> Comparison {
    let rows: Vec<OptionRow> = candidates.iter().map(|c| row(c, group, policy)).collect();
    let mut pairs = Vec::new();
    for name in RateName::ALL {
        for a in 0..rows.len() {
            for b in a + 1..rows.len() {
                if let (Fig::Value(x), Fig::Value(y)) = (rows[a].rate(name), rows[b].rate(name)) {
                    let apart = (!x.interval.overlaps(&y.interval)).then(|| x.share.cmp(&y.share));
                    pairs.push(Pair { rate: name, a, b, apart });
                }
            }
        }
    }
    let as_of = candidates.first().map_or(NaiveDate::MIN, |c| c.portfolio.as_of);
    Comparison { as_of, group: group.map(str::to_string), rows, pairs }
}

fn row(c: &Candidate<'_>, group: Option<&str>, policy: Option<&Policy>) -> OptionRow {
    let p = c.portfolio;
    let empty;
    let (figures, at): (&GroupFigures, Row) = match group {
        None => (&p.total, Row::Total),
        Some(id) => match p.groups.iter().position(|g| g.id.as_deref() == Some(id)) {
            Some(i) => (&p.groups[i], Row::Group(i)),
            None => {
                empty = GroupFigures::new(Some(id.to_string()), id.to_string(), p.milestones.len());
                (&empty, Row::Total)
            }
        },
    };
    let known = group.is_none_or(|id| p.group(id).is_some());
    let disclosure = policy.filter(|_| known).map(|pol| Disclosure::new(p, pol));
    let suppressed =
        |count: Count, value: u64| disclosure.as_ref().is_some_and(|d| d.count(at, count, value).is_suppressed());
    let g = figures;
    let stage = |months: u32| p.milestones.iter().position(|(_, after, _)| *after == months);
    let start = stage(0);
    let starts_hidden = start.is_some_and(|k| suppressed(Count::Achieved(k), g.realised.achieved[k]));
    let referred_hidden = suppressed(Count::Status(0), g.counts.referred);
    let ended = g.counts.ended_job + g.counts.ended_no_job;
    let d = disclosure.as_ref();
    let mut rates = vec![
        (
            RateName::OrdinaryJob,
            Fig::of(Rate::of(g.jobs.ordinary, ended), d.is_some_and(|d| d.ordinary_share_withheld(at))),
        ),
        (RateName::AnyJob, Fig::of(Rate::of(g.counts.ended_job, ended), d.is_some_and(|d| d.rate_withheld(at)))),
        (
            RateName::JobStart,
            Fig::of(start.and(Rate::of(g.realised.job_starts, g.counts.referred)), starts_hidden || referred_hidden),
        ),
    ];
    // Retention of the job starts whose stage is decided (kept, or lost
    // first); those still in a job younger than the stage are left out.
    // The decided count is not in the report's tables, so a reader under
    // small-cell protection gets the share only when it, the not kept and
    // the still pending are each 0 or at least the threshold.
    let small = |n: u64| policy.is_some_and(|p| n > 0 && n < p.threshold);
    for (name, months) in [(RateName::Retention3m, 3), (RateName::Retention6m, 6)] {
        let rate = stage(months).map(|k| {
            let (kept, decided) = (g.realised.achieved[k], g.realised.decided[k]);
            let hidden = starts_hidden
                || suppressed(Count::Achieved(k), kept)
                || small(decided)
                || small(decided.saturating_sub(kept))
                || small(g.realised.job_starts.saturating_sub(decided));
            Fig::of(Rate::of(kept, decided), hidden)
        });
        rates.push((name, rate.unwrap_or(Fig::None)));
    }

    let money_hidden = d.is_some_and(|d| d.amounts_withheld(at)) || referred_hidden;
    let cost = match c.in_house {
        Some(team) => team.cost_of(g.counts.referred),
        None => g.money.earned,
    };
    let per = |results: Option<u64>| results.and_then(|n| cost.checked_div(Decimal::from(n))).map(Money::rounded);
    let achieved = |months: u32| stage(months).map(|k| g.realised.achieved[k]);
    let savings = g.realised.savings;
    let net = savings.map(|s| s - cost);
    let break_even =
        savings.filter(|s| s.is_positive()).and_then(|s| cost.ratio(s)).map(|r| Share::from_ratio(Decimal::ONE - r));
    OptionRow {
        contract: p.contract.clone(),
        title: p.title.clone(),
        provider: c.provider.clone(),
        in_house: c.in_house.is_some(),
        referred: Fig::of(Some(g.counts.referred), referred_hidden),
        rates,
        cost: Fig::of(Some(cost), money_hidden),
        cost_per_job_start: Fig::of(per(start.map(|_| g.realised.job_starts)), money_hidden),
        cost_per_retention_3m: Fig::of(per(achieved(3)), money_hidden),
        cost_per_retention_6m: Fig::of(per(achieved(6)), money_hidden),
        savings: Fig::of(savings, money_hidden),
        net_result: Fig::of(net, money_hidden),
        net_per_referral: Fig::of(
            net.and_then(|n| n.checked_div(Decimal::from(g.counts.referred))).map(Money::rounded),
            money_hidden,
        ),
        break_even_deadweight: Fig::of(break_even, money_hidden),
    }
}

#[cfg(test)]
#[path = "compare_tests.rs"]
mod tests;
