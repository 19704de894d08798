//! Retention: a milestone of k months is achieved on S + k months when every
//! day from S up to (not including) S + k months lies within the chain of
//! jobs (a tolerated gap between two jobs counts as inside it) and is not a
//! disallowed-benefit day. When the chain breaks first, `forfeit` loses this
//! and later retention milestones; `restart` measures them again from the
//! first day back in a counted job without disallowed benefit.

use chrono::NaiveDate;

use super::timeline::{ChainEnd, Timeline};
use crate::calendar::{add_months, prev_day};
use crate::contract::{Contract, OnBreak};
use crate::evaluate::trace::Step;
use crate::verdict::{ForfeitReason, PendingNote, Verdict};

/// What measuring one milestone from a start date found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Measure {
    Achieved,
    Pending {
        earliest: Option<NaiveDate>,
        note: PendingNote,
    },
    /// The first day that breaks the chain, and why.
    Broken {
        day: NaiveDate,
        reason: ForfeitReason,
    },
}

/// Measures `[from, due)` against the timeline.
pub fn measure(tl: &Timeline<'_>, from: NaiveDate, due: NaiveDate) -> Measure {
    let last_needed = prev_day(due);
    let max_gap_days = tl.pay.max_gap_days;
    let Some(chain) = tl.chain_containing(from) else {
        // `from` is always a day in a counted job; kept total for safety.
        return Measure::Broken {
            day: from,
            reason: ForfeitReason::ChainEnded { last_day: prev_day(from), max_gap_days },
        };
    };
    let chain_break = match chain.end {
        ChainEnd::Closed { last_day, definitive: true } if last_day < last_needed => Some(last_day),
        _ => None,
    };
    let benefit_break = tl.first_disallowed_from(from).filter(|(d, _)| *d <= last_needed);
    match (chain_break, benefit_break) {
        (Some(last_day), b) if b.is_none_or(|(d, _)| last_day < d) => {
            return Measure::Broken {
                day: last_day.succ_opt().unwrap_or(last_day),
                reason: ForfeitReason::ChainEnded { last_day, max_gap_days },
            };
        }
        (_, Some((day, period))) => {
            return Measure::Broken { day, reason: ForfeitReason::Benefit { day, benefit: period.benefit } };
        }
        _ => {}
    }
    let covered = match chain.end {
        ChainEnd::Open => true,
        ChainEnd::Closed { last_day, .. } => last_day >= last_needed,
    };
    let gap_note = || match chain.end {
        ChainEnd::Closed { last_day, .. } => {
            PendingNote::GapOpen { last_day, deadline: add_days(last_day, u64::from(max_gap_days) + 1) }
        }
        ChainEnd::Open => PendingNote::ChainRunning,
    };
    if due <= tl.as_of {
        if covered { Measure::Achieved } else { Measure::Pending { earliest: None, note: gap_note() } }
    } else if covered {
        Measure::Pending { earliest: Some(due), note: PendingNote::ChainRunning }
    } else {
        Measure::Pending { earliest: Some(due), note: gap_note() }
    }
}

fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(chrono::Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// Fills the verdicts of the retention milestones (`after_months > 0`),
/// given the job start. `verdicts` is indexed like `contract.milestones`.
pub fn retention(
    contract: &Contract,
    tl: &Timeline<'_>,
    job_start: Option<NaiveDate>,
    job_start_pending: bool,
    verdicts: &mut [Option<Verdict>],
    trace: &mut Vec<Step>,
) {
    let retention = contract.milestones.iter().enumerate().filter(|(_, m)| !m.is_job_start());
    let Some(mut from) = job_start else {
        for (i, _) in retention {
            trace.push(Step::RetentionWithoutJobStart { milestone: i, pending: job_start_pending });
            verdicts[i] = Some(if job_start_pending {
                Verdict::Pending { earliest: None, note: PendingNote::AwaitingJobStart }
            } else {
                Verdict::Forfeited { reason: ForfeitReason::NoJobStart }
            });
        }
        return;
    };
    // Once the chain is lost for good (forfeit) or awaiting a restart, later
    // milestones follow from that.
    let mut stopped: Option<Verdict> = None;
    for (i, m) in retention {
        if let Some(v) = &stopped {
            if let Verdict::Forfeited { reason: ForfeitReason::EarlierBreak { day } } = v {
                trace.push(Step::ForfeitedAfterBreak { milestone: i, day: *day });
            } else {
                trace.push(Step::AfterPending { milestone: i });
            }
            verdicts[i] = Some(v.clone());
            continue;
        }
        loop {
            let due = add_months(from, m.after_months);
            match measure(tl, from, due) {
                Measure::Achieved => {
                    trace.push(Step::RetentionAchieved { milestone: i, from, due });
                    verdicts[i] = Some(Verdict::Achieved { date: due });
                    break;
                }
                Measure::Pending { earliest, note } => {
                    trace.push(Step::RetentionPending { milestone: i, from, due, note: note.clone() });
                    verdicts[i] = Some(Verdict::Pending { earliest, note });
                    break;
                }
                Measure::Broken { day, reason } => {
                    trace.push(Step::RetentionBroken { milestone: i, from, due, reason: reason.clone() });
                    match contract.payment.on_break {
                        OnBreak::Forfeit => {
                            verdicts[i] = Some(Verdict::Forfeited { reason });
                            stopped = Some(Verdict::Forfeited { reason: ForfeitReason::EarlierBreak { day } });
                            break;
                        }
                        OnBreak::Restart => match tl.next_qualifying_start(day) {
                            Some(next) => {
                                trace.push(Step::Restart { milestone: i, from: next });
                                from = next;
                            }
                            None => {
                                trace.push(Step::AwaitingRestart { milestone: i, broken: day });
                                let v = Verdict::Pending {
                                    earliest: None,
                                    note: PendingNote::AwaitingRestart { broken: day },
                                };
                                verdicts[i] = Some(v);
                                stopped = Some(Verdict::Pending { earliest: None, note: PendingNote::AfterPending });
                                break;
                            }
                        },
                    }
                }
            }
        }
    }
}
