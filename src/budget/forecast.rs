//! The forecast of supplier payments and benefit savings by month, from the
//! open courses as of a date, through the same evaluation as the realised
//! figures.
//!
//! The method (docs/rules.md, "What the budget must hold"):
//! - every pending milestone of a course referred by the date is expected
//!   with the probability its group's history gives a course that has come
//!   as far ([`super::rates`]: a life table of job starts and of chains).
//!   A pending job start is expected on the mean day of the group's job
//!   starts after that point (the day after the date, when that is past);
//!   a retention milestone on its earliest date (or that many months after
//!   the expected job start). CHOSEN: a payment falls in the month its
//!   milestone is achieved (invoicing delay not modelled); courses not yet
//!   referred are not forecast (the what-if is for new referrals).
//! - the spread: a course's payments are nested (a later milestone needs
//!   the earlier ones), so their variance is Σⱼ Σₖ aⱼ aₖ P(max(j,k)) −
//!   (Σ aₖ Pₖ)²; courses are independent. The band is the expectation ± 2
//!   standard deviations (the parameter file's), about 95 % for a sum of
//!   many small bets. It
//!   covers the bets, not the rates: a group whose history is short (no
//!   job lost yet) is forecast as its history shows.
//! - savings: a citizen working on the date saves the rest of the window
//!   times the group's realised share of the window kept; an expected job
//!   start saves its whole window times the job start probability and that
//!   share; priced on the staircase as realised savings are ([`super::split`]).
//! - rounding: each month's amounts are rounded to øre once; totals are sums
//!   of the months.

use std::borrow::Borrow;
use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, MathematicalOps};

use super::Parameters;
use super::history::days_on_benefit_before;
use super::rates::{LifeTable, Peers, peers};
use super::split::{PerWindow, price};
use crate::calendar::{add_months, next_day};
use crate::contract::ContractSet;
use crate::course::Course;
use crate::evaluate::{CourseEvaluation, evaluate_all};
use crate::money::Money;
use crate::report::savings::{CourseSaving, Days, month_end, window_end};
use crate::rules::timeline::Timeline;
use crate::verdict::{CourseStatus, Verdict};

/// One expected payment of a course.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub course: String,
    pub milestone: String,
    pub date: NaiveDate,
    pub amount: Money,
    /// Probability of reaching it (nested within the course).
    pub probability: Decimal,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthForecast {
    pub month_end: NaiveDate,
    /// Expected payments, rounded; and the band ± 2 standard deviations.
    pub payments: Money,
    pub low: Money,
    pub high: Money,
    /// Expected benefit savings for the public purse and the municipality.
    pub public: Money,
    pub municipality: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forecast {
    pub contract: String,
    pub as_of: NaiveDate,
    /// The month ends of the horizon after `as_of`.
    pub months: Vec<MonthForecast>,
    /// 31 Dec of the year of the day after the date (the budget year's end:
    /// as of 31 Dec 2025, 31 Dec 2026).
    pub year_end: NaiveDate,
    /// Expected payments from the date to the year end (sum of the months).
    pub payments_to_year_end: Money,
    /// Every pending milestone at full amount: the most the open courses
    /// could still cost.
    pub most_payable: Money,
    pub expected: Vec<Expected>,
    /// The rates read, per group and (last, `group: None`) over all groups.
    pub rates: Vec<RateRow>,
}

/// A group's rates as read from the start: what a new course's odds are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateRow {
    /// `None` for all groups together (used where a group has no history).
    pub group: Option<String>,
    /// The group's label in the latest version (its id when it has none).
    pub label: String,
    /// Courses decided on a job start, or still open (the job start table).
    pub courses: u64,
    /// Job starts (the retention table).
    pub job_starts: u64,
    /// A course's probability of a job start, from its first day.
    pub job_start: Decimal,
    /// Per retention milestone (months kept): a job start's probability of
    /// keeping the job that long, read over months from the date.
    pub keeps: Vec<(u32, Decimal)>,
    /// The share of the savings window kept (completed windows).
    pub window_kept: Option<Decimal>,
}

fn rate_row(group: Option<String>, p: &Peers, t: &LifeTable, months: &[u32], as_of: NaiveDate) -> RateRow {
    RateRow {
        label: group.clone().unwrap_or_default(),
        group,
        courses: p.waits.len() as u64,
        job_starts: p.runs.len() as u64,
        job_start: t.job_start(0).probability,
        keeps: months.iter().map(|k| (*k, t.keeps(0, (add_months(as_of, *k) - as_of).num_days()))).collect(),
        window_kept: p.window_kept(),
    }
}

fn month_index(months: &[NaiveDate], d: NaiveDate) -> Option<usize> {
    months.iter().position(|m| d <= *m && d.year() == m.year() && d.month() == m.month())
}

/// Variance of one course's payments among `items`: nested Bernoullis.
fn course_variance(items: &[&Expected]) -> Decimal {
    let mut e = Decimal::ZERO;
    let mut e2 = Decimal::ZERO;
    for (j, a) in items.iter().enumerate() {
        e += a.amount.as_decimal() * a.probability;
        for b in items.iter().skip(j) {
            let p = a.probability.min(b.probability);
            let twice = if std::ptr::eq(*a, *b) { Decimal::ONE } else { Decimal::TWO };
            e2 += twice * a.amount.as_decimal() * b.amount.as_decimal() * p;
        }
    }
    (e2 - e * e).max(Decimal::ZERO)
}

/// Expected payments within `[from, to]`, and their variance.
pub fn band(expected: &[Expected], from: NaiveDate, to: NaiveDate) -> (Money, Decimal) {
    let mut by_course: HashMap<&str, Vec<&Expected>> = HashMap::new();
    for x in expected.iter().filter(|x| from <= x.date && x.date <= to) {
        by_course.entry(x.course.as_str()).or_default().push(x);
    }
    let mean = expected.iter().filter(|x| from <= x.date && x.date <= to).map(|x| x.amount * x.probability).sum();
    (mean, by_course.values().map(|v| course_variance(v)).sum())
}

/// Milestone amounts achieved in `[from, to]` as of `as_of`: what became
/// payable, the realised figure a forecast is held against.
pub fn earned_between<C: Borrow<Course>>(
    contracts: &ContractSet,
    id: &str,
    courses: &[C],
    as_of: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Money {
    let mine: Vec<&Course> = courses.iter().map(Borrow::borrow).filter(|c| c.contract.as_str() == id).collect();
    let mut sum = Money::ZERO;
    for e in evaluate_all(contracts, &mine, as_of) {
        for v in &e.milestones {
            if let Verdict::Achieved { date } = v.verdict
                && from <= date
                && date <= to
            {
                sum += e.milestone(v).amount;
            }
        }
    }
    sum
}

/// The group's life table, or all groups' when the group has no courses.
fn table_of<'a>(tables: &'a HashMap<String, LifeTable>, group: &str, pool: &'a LifeTable) -> &'a LifeTable {
    tables.get(group).unwrap_or(pool)
}

fn course_expected(
    e: &CourseEvaluation<'_>,
    tables: &HashMap<String, LifeTable>,
    pool: &LifeTable,
) -> (Vec<Expected>, Option<(NaiveDate, Decimal)>) {
    let Some(contract) = e.contract else { return (Vec::new(), None) };
    let group = table_of(tables, e.course.target_group.as_str(), pool);
    let first = next_day(e.as_of);
    let mut out = Vec::new();
    // The probability of the job start (1 once achieved), the job start,
    // and the days the chain has run by the date.
    let mut p_start = Decimal::ONE;
    let mut base: Option<NaiveDate> = None;
    let mut ran = 0;
    let mut expected_start = None;
    for v in &e.milestones {
        let m = &contract.milestones[v.index];
        match &v.verdict {
            Verdict::Achieved { date } => {
                if m.is_job_start() {
                    base = Some(*date);
                    ran = (e.as_of - *date).num_days() + 1;
                }
            }
            Verdict::Forfeited { .. } => break,
            Verdict::Pending { earliest, .. } => {
                let (date, p) = if m.is_job_start() {
                    let open = (e.as_of - e.course.start()).num_days() + 1;
                    let odds = group.job_start(open);
                    p_start = odds.probability;
                    let days = odds.days.unwrap_or(open);
                    let d = (e.course.start() + chrono::Duration::days(days)).max(first);
                    base = Some(d);
                    expected_start = Some((d, p_start));
                    (d, p_start)
                } else {
                    let start = base.unwrap_or(first);
                    let d = earliest.unwrap_or_else(|| add_months(start, m.after_months)).max(first);
                    let h = (add_months(start, m.after_months) - start).num_days();
                    (d, p_start * group.keeps(ran, h))
                };
                out.push(Expected {
                    course: e.course.id.to_string(),
                    milestone: m.id.to_string(),
                    date,
                    amount: m.amount,
                    probability: p,
                });
            }
        }
    }
    (out, expected_start)
}

/// The forecast for contract `id` over the parameters' horizon after `as_of`.
pub fn forecast<C: Borrow<Course>>(
    contracts: &ContractSet,
    id: &str,
    courses: &[C],
    params: &Parameters,
    as_of: NaiveDate,
) -> Option<Forecast> {
    let horizon = params.forecast.horizon_months;
    let latest = contracts.latest(id)?;
    let retention: Vec<u32> = latest.milestones.iter().filter(|m| !m.is_job_start()).map(|m| m.after_months).collect();
    let mine: Vec<&Course> = courses.iter().map(Borrow::borrow).filter(|c| c.contract.as_str() == id).collect();
    let evals = evaluate_all(contracts, &mine, as_of);
    let rates = peers(&evals, as_of);
    let mut pool = Peers::default();
    let mut names: Vec<&String> = rates.keys().collect();
    names.sort();
    for g in &names {
        pool.plus(&rates[*g]);
    }
    let tables: HashMap<String, LifeTable> =
        rates.iter().filter(|(_, p)| !p.is_empty()).map(|(g, p)| (g.clone(), p.table())).collect();
    let pool_table = pool.table();
    let months: Vec<NaiveDate> = (1..=horizon).map(|k| month_end(add_months(month_end(as_of), k))).collect();
    let mut public = vec![Money::ZERO; months.len()];
    let mut municipality = vec![Money::ZERO; months.len()];
    let mut expected = Vec::new();
    let first = next_day(as_of);
    for e in evals.iter().filter(|e| e.refusal.is_none() && e.status != CourseStatus::NotYetReferred) {
        let (mut x, start) = course_expected(e, &tables, &pool_table);
        expected.append(&mut x);
        let Some(contract) = e.contract else { continue };
        let Some(tg) = contract.target_group(e.course.target_group.as_str()) else { continue };
        let Some(est) = tg.estimate.as_ref() else { continue };
        let kept =
            rates.get(tg.id.as_str()).and_then(Peers::window_kept).or(pool.window_kept()).unwrap_or(Decimal::ONE);
        // The savings still to come: (window start, days before it, runs, weight).
        let achieved = e.milestones.iter().find_map(|v| match v.verdict {
            Verdict::Achieved { date } if contract.milestones[v.index].is_job_start() => Some(date),
            _ => None,
        });
        let tl = Timeline::new(&e.course.facts, &contract.payment, as_of);
        let plan = match (achieved, start) {
            (Some(s), _) => {
                let working = tl.spells().any(|sp| sp.start <= as_of && sp.end.is_none());
                let end = CourseSaving::new(&tl, s, est).window_end;
                let run = Days { from: first.max(s), to: end.pred_opt().unwrap_or(end) };
                (working && tl.disallowed_on(as_of).is_none() && !run.is_empty())
                    .then(|| (s, days_on_benefit_before(e.course, s), run, kept))
            }
            (None, Some((s, p))) => {
                let before = days_on_benefit_before(e.course, first) + (s - first).num_days();
                let end = window_end(s, est.expected_months_saved);
                Some((s, before, Days { from: s, to: end.pred_opt().unwrap_or(end) }, p * kept))
            }
            (None, None) => None,
        };
        let Some((s, before, run, weight)) = plan else { continue };
        let (Some(stairs), Some(monthly)) = (params.staircase_on(s), params.monthly_rate(tg.benefit, s)) else {
            continue;
        };
        let w = PerWindow::new(monthly, est, (window_end(s, est.expected_months_saved) - s).num_days());
        for piece in price(stairs, s, before, &[run], w) {
            if let Some(i) = month_index(&months, piece.piece.days.from) {
                public[i] += piece.public * weight;
                municipality[i] += piece.municipality * weight;
            }
        }
    }
    expected.sort_by(|a, b| (a.date, &a.course, &a.milestone).cmp(&(b.date, &b.course, &b.milestone)));
    let two = params.forecast.band_sd;
    let out: Vec<MonthForecast> = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let from = if i == 0 { first } else { next_day(months[i - 1]) };
            let (mean, var) = band(&expected, from, *m);
            let sd = var.sqrt().unwrap_or_default();
            MonthForecast {
                month_end: *m,
                payments: mean.rounded(),
                low: Money::from_decimal((mean.as_decimal() - two * sd).max(Decimal::ZERO)).rounded(),
                high: Money::from_decimal(mean.as_decimal() + two * sd).rounded(),
                public: public[i].rounded(),
                municipality: municipality[i].rounded(),
            }
        })
        .collect();
    let year_end = NaiveDate::from_ymd_opt(first.year(), 12, 31).unwrap_or(first);
    let payments_to_year_end = out.iter().filter(|m| m.month_end <= year_end).map(|m| m.payments).sum();
    let most_payable = expected.iter().map(|x| x.amount).sum();
    let mut rows: Vec<RateRow> =
        names.iter().map(|g| rate_row(Some((*g).clone()), &rates[*g], &rates[*g].table(), &retention, as_of)).collect();
    rows.push(rate_row(None, &pool, &pool_table, &retention, as_of));
    for r in &mut rows {
        if let Some(tg) = r.group.as_deref().and_then(|g| latest.target_group(g)) {
            r.label = tg.label.clone();
        }
    }
    Some(Forecast {
        contract: id.to_string(),
        as_of,
        months: out,
        year_end,
        payments_to_year_end,
        most_payable,
        expected,
        rates: rows,
    })
}
