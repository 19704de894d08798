//! The figures of one row of the committee tables: a target group, the
//! total of all groups, or the total of the groups the investment case
//! covers. Every field of a total is the sum of the same field over its
//! rows, so that a total is defined exactly as its rows are.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::jobs::JobKinds;
use super::status::StatusCounts;
use crate::money::{Money, Share};

#[derive(Clone, Debug, PartialEq)]
pub struct GroupFigures {
    /// `None` for a total.
    pub id: Option<String>,
    pub label: String,
    pub counts: StatusCounts,
    /// The kind of job the courses that ended in a job ended in.
    pub jobs: JobKinds,
    pub money: MoneyFigures,
    /// The contract's estimate (latest version that has the group); `None`
    /// without one, and for totals.
    pub case: Option<CaseRow>,
    pub realised: Realised,
    pub indicators: Indicators,
}

/// What the courses earned and where that money is in the ledger. The rows
/// reconcile: paid + approved, not yet paid + earned, not yet invoiced −
/// at risk = earned (see [`MoneyFigures::reconciles`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MoneyFigures {
    /// Milestones achieved as of the date (what the courses have earned).
    pub earned: Money,
    /// Payments due by the date, net of reversals.
    pub paid: Money,
    /// Payments on recorded invoices not yet due.
    pub approved_unpaid: Money,
    /// Achieved milestones no recorded invoice pays.
    pub earned_uninvoiced: Money,
    /// Payments (paid or approved) for a milestone that is no longer
    /// achieved: a benefit day reported late, a job start retracted.
    pub at_risk: Money,
    /// Pending milestones on courses referred by the date: the most that
    /// could still become payable.
    pub liability: Money,
}

impl MoneyFigures {
    /// paid + approved, not yet paid + earned, not yet invoiced − at risk.
    pub fn accounted(&self) -> Money {
        self.paid + self.approved_unpaid + self.earned_uninvoiced - self.at_risk
    }

    /// Every krone earned is paid, approved or not yet invoiced, and every
    /// krone paid or approved for nothing achieved is at risk.
    pub fn reconciles(&self) -> bool {
        self.accounted() == self.earned
    }

    fn plus(&mut self, o: &MoneyFigures) {
        self.earned += o.earned;
        self.paid += o.paid;
        self.approved_unpaid += o.approved_unpaid;
        self.earned_uninvoiced += o.earned_uninvoiced;
        self.at_risk += o.at_risk;
        self.liability += o.liability;
    }
}

/// The investment-case estimate per citizen in job (`case::figures`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRow {
    pub benefit_saving: Money,
    pub supplier_cost: Money,
    pub fleksjob_subsidy: Money,
    pub saving_potential: Money,
    pub net_saving: Money,
    pub expected_months: Decimal,
    pub monthly_net_saving: Money,
    pub months_to_break_even: Option<Decimal>,
    pub deadweight_break_even: Option<Share>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Realised {
    /// Courses whose job start milestone is achieved.
    pub job_starts: u64,
    /// Achieved count per milestone of the report's milestones (the first
    /// is job start).
    pub achieved: Vec<u64>,
    /// Per milestone: the job starts whose milestone is decided by the
    /// date (achieved or forfeited), not still pending. A retention share
    /// over these does not count a job started last month as not kept.
    pub decided: Vec<u64>,
    /// Months of benefit saved, summed over job starts (groups with an
    /// estimate only), exact.
    pub months_saved: Decimal,
    /// Realised net savings, rounded to øre once per group (the rounding
    /// rule in `money`); a total is the sum of its groups'. `None` for a
    /// group without an estimate.
    pub savings: Option<Money>,
}

impl Realised {
    /// Months saved per job start; `None` without an estimate or job starts.
    pub fn months_per_job_start(&self) -> Option<Decimal> {
        self.savings?;
        (self.job_starts > 0).then(|| self.months_saved / Decimal::from(self.job_starts))
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Indicators {
    /// Courses referred at least 6 months before the date.
    pub due_6m: u64,
    /// Of those, citizens in a counted job without disallowed benefit on the
    /// day 6 months after referral.
    pub in_work_6m: u64,
    /// Of those, citizens in such a job or in education on that day.
    pub in_work_or_education_6m: u64,
}

impl Indicators {
    pub fn share_in_work_6m(&self) -> Option<Share> {
        Share::of(self.in_work_6m, self.due_6m)
    }

    pub fn share_in_work_or_education_6m(&self) -> Option<Share> {
        Share::of(self.in_work_or_education_6m, self.due_6m)
    }
}

impl GroupFigures {
    pub fn new(id: Option<String>, label: String, milestones: usize) -> GroupFigures {
        GroupFigures {
            id,
            label,
            counts: StatusCounts::default(),
            jobs: JobKinds::default(),
            money: MoneyFigures::default(),
            case: None,
            realised: Realised { achieved: vec![0; milestones], decided: vec![0; milestones], ..Realised::default() },
            indicators: Indicators::default(),
        }
    }

    /// Adds another row's figures (for a total).
    pub fn plus(&mut self, o: &GroupFigures) {
        self.counts.plus(&o.counts);
        self.jobs.plus(&o.jobs);
        self.money.plus(&o.money);
        let (r, or) = (&mut self.realised, &o.realised);
        r.job_starts += or.job_starts;
        for (a, b) in r.achieved.iter_mut().zip(&or.achieved) {
            *a += b;
        }
        for (a, b) in r.decided.iter_mut().zip(&or.decided) {
            *a += b;
        }
        r.months_saved += or.months_saved;
        r.savings = match (r.savings, or.savings) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(Money::ZERO) + b.unwrap_or(Money::ZERO)),
        };
        self.indicators.due_6m += o.indicators.due_6m;
        self.indicators.in_work_6m += o.indicators.in_work_6m;
        self.indicators.in_work_or_education_6m += o.indicators.in_work_or_education_6m;
    }

    /// Realised savings − what the courses earned; `None` without savings.
    pub fn net_result(&self) -> Option<Money> {
        self.realised.savings.map(|s| s - self.money.earned)
    }

    /// 1 − earned / realised savings: the largest share of those in job who
    /// could have found work anyway before the case stops paying, on the
    /// results so far. `None` without positive savings.
    pub fn realised_deadweight(&self) -> Option<Share> {
        let s = self.realised.savings.filter(|s| s.is_positive())?;
        self.money.earned.ratio(s).map(|r| Share::from_ratio(Decimal::ONE - r))
    }

    /// What one result cost: earned / `results`. The reform's "unit cost
    /// relative to result", counted on what was earned (a payment's due
    /// date does not move it).
    pub fn earned_per(&self, results: u64) -> Option<Money> {
        self.money.earned.checked_div(Decimal::from(results))
    }

    /// Paid / `results`, shown beside the cost on what was earned.
    pub fn paid_per(&self, results: u64) -> Option<Money> {
        self.money.paid.checked_div(Decimal::from(results))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthPoint {
    pub month_end: NaiveDate,
    /// Paid by this day, net of reversals (all groups).
    pub paid: Money,
    /// Realised savings of qualifying days up to this day (the groups the
    /// investment case covers), rounded per group as the realised table is.
    pub savings: Money,
}
