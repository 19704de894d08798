//! A refusal, a forfeit reason and a pending note in Danish, from the typed
//! values (see `trace_da`).

use super::trace_da::{day, group, period};
use crate::contract::Contract;
use crate::course::Course;
use crate::verdict::{ForfeitReason, PendingNote, Refusal};

pub(super) fn refusal_da(r: &Refusal, course: &Course, contract: Option<&Contract>) -> String {
    let on = day(course.referred_on);
    match r {
        Refusal::UnknownContract => format!("kontrakten »{}« findes ikke", course.contract),
        Refusal::NoVersionInForce { first_effective } => {
            format!("henvist {on}, før nogen version af kontrakten trådte i kraft ({})", day(*first_effective))
        }
        Refusal::OutsidePeriod { period: p, group_period: false } => {
            format!("henvist {on}, uden for henvisningsperioden {}", period(p))
        }
        Refusal::OutsidePeriod { period: p, group_period: true } => {
            format!("henvist {on}, uden for henvisningsperioden for {} ({})", group(course, contract), period(p))
        }
        Refusal::GroupNotInVersion => {
            format!("{} indgår ikke i version {}", group(course, contract), contract.map_or(0, |c| c.version))
        }
        Refusal::NotEligible { undecided: false } => {
            format!("borgeren er ikke omfattet af {} på henvisningsdatoen {on}", group(course, contract))
        }
        Refusal::NotEligible { undecided: true } => format!(
            "det kan ikke afgøres, om borgeren er omfattet af {}: en oplysning, som betingelserne kræver, mangler",
            group(course, contract)
        ),
    }
}

pub(super) fn reason_da(r: &ForfeitReason, course: &Course, contract: Option<&Contract>) -> String {
    match r {
        ForfeitReason::Refused(refusal) => refusal_da(refusal, course, contract),
        ForfeitReason::NoJobInCourse { course_end } => {
            format!("intet job, der tæller, startede i forløbet (afsluttet {})", day(*course_end))
        }
        ForfeitReason::NoJobStart => "ingen jobstart".to_string(),
        ForfeitReason::Benefit { day: d, benefit } => format!("borgeren fik {} den {}", benefit.danish(), day(*d)),
        ForfeitReason::ChainEnded { last_day, max_gap_days } => {
            format!("jobbet sluttede {}, og intet nyt job startede inden for {max_gap_days} dage", day(*last_day))
        }
        ForfeitReason::EarlierBreak { day: d } => format!("kæden blev brudt {}, og senere rater bortfalder", day(*d)),
        ForfeitReason::AlreadyEarned { course: other, date } => {
            format!("allerede optjent for denne borger i forløb {other} den {}", day(*date))
        }
        ForfeitReason::EarnedElsewhere => {
            "kan ikke betales her: kontrakten betaler hver rate én gang pr. borger, og den er optjent i en anden henvisning"
                .to_string()
        }
    }
}

pub(super) fn pending_da(n: &PendingNote) -> String {
    match n {
        PendingNote::NotYetReferred => "endnu ikke henvist".to_string(),
        PendingNote::AwaitingJob => "forløbet er i gang; intet job, der tæller, er startet endnu".to_string(),
        PendingNote::AwaitingJobStart => "afventer jobstart".to_string(),
        PendingNote::ChainRunning => "borgeren er stadig i job".to_string(),
        PendingNote::GapOpen { last_day, deadline } => format!(
            "jobbet sluttede {}; kæden fortsætter, hvis et nyt job starter senest {}",
            day(*last_day),
            day(*deadline)
        ),
        PendingNote::AwaitingRestart { broken } => {
            format!("kæden blev brudt {}; raten måles forfra fra næste job", day(*broken))
        }
        PendingNote::AfterPending => "afventer den foregående rate".to_string(),
    }
}
