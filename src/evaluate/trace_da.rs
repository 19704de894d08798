//! The trace and the reasons in Danish, rendered from the same typed steps
//! and reasons as the English sentences of [`super::trace`] (never by
//! translating those): Danish dates (31.12.2025) and amounts (5.000,00 kr.),
//! milestones by name ("raten for fastholdelse i 3 måneder"), target groups
//! by their label and the words of the committee minutes. [`render_in`] and
//! its siblings pick the language.

use chrono::NaiveDate;

use super::CourseEvaluation;
use super::reason_da::{pending_da, reason_da, refusal_da};
use super::trace::{Step, pending_text, reason_text, refusal_text, render};
use crate::benefit::JobType;
use crate::contract::eligibility::Truth;
use crate::contract::{Contract, OnBreak, Period};
use crate::course::{Course, Outcome};
use crate::lang::Lang;
use crate::money::Money;
use crate::verdict::{CourseStatus, ForfeitReason, PendingNote, Refusal};

/// The trace as sentences in `lang`.
pub fn render_in(eval: &CourseEvaluation<'_>, lang: Lang) -> Vec<String> {
    match lang {
        Lang::En => render(eval),
        Lang::Da => eval.trace.iter().map(|s| sentence(s, eval)).collect(),
    }
}

/// A refusal in `lang`.
pub fn refusal_text_in(r: &Refusal, course: &Course, contract: Option<&Contract>, lang: Lang) -> String {
    match lang {
        Lang::En => refusal_text(r, course, contract),
        Lang::Da => refusal_da(r, course, contract),
    }
}

/// A forfeited milestone's reason in `lang`.
pub fn reason_text_in(r: &ForfeitReason, course: &Course, contract: Option<&Contract>, lang: Lang) -> String {
    match lang {
        Lang::En => reason_text(r, course, contract),
        Lang::Da => reason_da(r, course, contract),
    }
}

/// A pending milestone's note in `lang`.
pub fn pending_text_in(n: &PendingNote, lang: Lang) -> String {
    match lang {
        Lang::En => pending_text(n),
        Lang::Da => pending_da(n),
    }
}

/// A course status as the minutes' table words it, in `lang`.
pub fn status_text(s: CourseStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (CourseStatus::NotYetReferred, Lang::Da) => "endnu ikke henvist",
        (CourseStatus::Ongoing, Lang::Da) => "igangværende",
        (CourseStatus::EndedJob, Lang::Da) => "afsluttet til job",
        (CourseStatus::EndedNoJob, Lang::Da) => "afsluttet uden job",
        (CourseStatus::Interrupted, Lang::Da) => "afbrudt",
        (s, Lang::En) => s.as_str(),
    }
}

pub(super) fn day(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn kr(m: Money) -> String {
    format!("{} kr.", m.danish())
}

pub(super) fn period(p: &Period) -> String {
    format!("{}–{}", day(p.from), day(p.until))
}

/// "raten for jobstart (5.000,00 kr.)".
fn name(eval: &CourseEvaluation<'_>, i: usize) -> String {
    match eval.contract.and_then(|c| c.milestones.get(i)) {
        Some(m) => format!("raten for {} ({})", m.name(Lang::Da), kr(m.amount)),
        None => format!("rate nr. {}", i + 1),
    }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The target group by its label: "målgruppen Dagpenge".
pub(super) fn group(course: &Course, contract: Option<&Contract>) -> String {
    let id = course.target_group.as_str();
    let label = contract.and_then(|c| c.target_group(id)).map_or(id, |g| g.label.as_str());
    format!("målgruppen {label}")
}

fn job(j: JobType) -> &'static str {
    match j {
        JobType::Ordinary => "ordinært job",
        JobType::Fleksjob => "fleksjob",
    }
}

fn outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Job => "afsluttet til job",
        Outcome::NoJob => "afsluttet uden job",
        Outcome::Interrupted => "afbrudt",
    }
}

fn on_break(contract: Option<&Contract>) -> &'static str {
    match contract.map(|c| c.payment.on_break) {
        Some(OnBreak::Restart) => "raten måles forfra fra næste job",
        _ => "senere fastholdelsesrater bortfalder",
    }
}

fn sentence(step: &Step, eval: &CourseEvaluation<'_>) -> String {
    let course = eval.course;
    let contract = eval.contract;
    let on = day(course.referred_on);
    let as_of = day(eval.as_of);
    let inside = |p: &Period, group_period: bool, word: &str| {
        let whose = if group_period { format!(" for {}", group(course, contract)) } else { String::new() };
        format!("Henvisningsdatoen {on} ligger {word} henvisningsperioden{whose} ({}).", period(p))
    };
    match step {
        Step::Version { version, effective_from, next } => {
            let mut s = format!(
                "Kontraktens version {version} (i kraft fra {}) gælder på henvisningsdatoen {on}",
                day(*effective_from)
            );
            if let Some((v, d)) = next {
                s.push_str(&format!("; version {v} træder i kraft {}", day(*d)));
            }
            s + "."
        }
        Step::NoVersion { first_effective } => format!(
            "Ingen version af kontrakten gælder på henvisningsdatoen {on}; den første træder i kraft {}.",
            day(*first_effective)
        ),
        Step::UnknownContract => format!("Kontrakten »{}« findes ikke.", course.contract),
        Step::ReferralInside { period: p, group_period } => inside(p, *group_period, "inden for"),
        Step::ReferralOutside { period: p, group_period } => inside(p, *group_period, "uden for"),
        Step::GroupNotInVersion => {
            format!("Version {} har ikke {}.", contract.map_or(0, |c| c.version), group(course, contract))
        }
        Step::NoEligibilityRule => {
            format!("{} har ingen betingelser: alle henviste er omfattet.", cap(&group(course, contract)))
        }
        Step::Eligibility { truth } => {
            let rule = contract
                .and_then(|c| c.target_group(course.target_group.as_str()))
                .and_then(|g| g.eligibility.as_ref())
                .map(|r| r.explain_da(&course.attributes, course.referred_on))
                .unwrap_or_default();
            let verdict = match truth {
                Truth::Yes => "omfattet",
                Truth::No => "ikke omfattet",
                Truth::Unknown => "ikke omfattet, fordi det ikke kan afgøres uden den manglende oplysning",
            };
            format!("Betingelserne for {} den {on}: {rule}. Borgeren er {verdict}.", group(course, contract))
        }
        Step::NotYetReferred => {
            format!("Forløbet henvises {on}, efter opgørelsesdatoen {as_of}: intet er forfaldent endnu.")
        }
        Step::Refused => {
            let why = eval.refusal.as_ref().map(|r| refusal_da(r, course, contract)).unwrap_or_default();
            format!("Forløbet udløser ingen betaling: {why}. Alle rater bortfalder.")
        }
        Step::Window { start, from_event, end } => {
            let from = if *from_event {
                format!("{} (forløbsstart)", day(*start))
            } else {
                format!("{} (henvisningsdatoen; ingen forløbsstart er registreret)", day(*start))
            };
            match end {
                Some((d, o)) => format!("Forløbet løb fra {from} til {} ({}).", day(*d), outcome(*o)),
                None => format!("Forløbet løber fra {from} og er ikke afsluttet pr. {as_of}."),
            }
        }
        Step::JobTypeNotCounted { start, job: j } => format!(
            "Et {} startet {} tæller ikke: kontrakten tæller kun {}.",
            job(*j),
            day(*start),
            contract.map_or(String::new(), |c| c
                .payment
                .job_types
                .iter()
                .map(|j| job(*j))
                .collect::<Vec<_>>()
                .join(" og "))
        ),
        Step::JobBeforeCourse { start, course_start } => format!(
            "Jobbet, der startede {}, begyndte før forløbet startede {}: det er ikke leverandørens resultat.",
            day(*start),
            day(*course_start)
        ),
        Step::JobAfterCourse { start, course_end } => format!(
            "Jobbet, der startede {}, begyndte efter forløbet sluttede {}: det er ikke leverandørens resultat.",
            day(*start),
            day(*course_end)
        ),
        Step::JobStartOnBenefit { start, period: p } => format!(
            "Det første job i forløbet, der tæller, startede {}, men borgeren fik {} den dag (udbetalt {}–{}): ikke et job uden ydelse. Raten for jobstart bortfalder; et senere job træder ikke i stedet.",
            day(*start),
            p.benefit.danish(),
            day(p.from),
            day(p.to)
        ),
        Step::JobStart { start, job: j } => {
            let achieved: Vec<String> = contract
                .map(|c| {
                    c.milestones
                        .iter()
                        .enumerate()
                        .filter(|(_, m)| m.is_job_start())
                        .map(|(i, _)| name(eval, i))
                        .collect()
                })
                .unwrap_or_default();
            let achieved = if achieved.is_empty() || *start > eval.as_of {
                String::new()
            } else {
                format!(" {} er opnået {}.", cap(&achieved.join(", ")), day(*start))
            };
            format!(
                "Et {} startede {}, inden for forløbet, uden ikke-tilladt ydelse den dag; fastholdelsen måles fra denne dato.{achieved}",
                job(*j),
                day(*start)
            )
        }
        Step::NoJobStart { course_end: Some(d) } => format!(
            "Intet job, der tæller, startede i forløbet, som sluttede {}: raten for jobstart bortfalder.",
            day(*d)
        ),
        Step::NoJobStart { course_end: None } => format!(
            "Intet job, der tæller, er startet pr. {as_of}, og forløbet er ikke afsluttet: raten for jobstart afventer."
        ),
        Step::RetentionWithoutJobStart { milestone, pending } => format!(
            "{} kræver først en jobstart: {}.",
            cap(&name(eval, *milestone)),
            if *pending { "afventer" } else { "bortfalder" }
        ),
        Step::RetentionAchieved { milestone, from, due } => format!(
            "{}: borgeren var i arbejde uden ikke-tilladt ydelse hver dag fra {} til {}: opnået {}.",
            cap(&name(eval, *milestone)),
            day(*from),
            day(crate::calendar::prev_day(*due)),
            day(*due)
        ),
        Step::RetentionPending { milestone, from, due, note } => {
            let n = cap(&name(eval, *milestone));
            match note {
                PendingNote::GapOpen { last_day, deadline } => format!(
                    "{n}: i arbejde uden ikke-tilladt ydelse fra {}; jobbet sluttede {}, og kæden fortsætter kun, hvis et nyt job starter senest {}: afventer (forfalder {}, hvis kæden holder).",
                    day(*from),
                    day(*last_day),
                    day(*deadline),
                    day(*due)
                ),
                _ => format!(
                    "{n}: i arbejde uden ikke-tilladt ydelse fra {} til og med {as_of}; forfalder {}, hvis kæden holder: afventer.",
                    day(*from),
                    day(*due)
                ),
            }
        }
        Step::RetentionBroken { milestone, from, due, reason } => {
            let what = match reason {
                ForfeitReason::Benefit { day: d, .. } => {
                    match course.facts.benefits.iter().find(|b| b.from <= *d && *d <= b.to) {
                        Some(p) if p.from == p.to => {
                            format!("borgeren fik {} for {}", p.benefit.danish(), day(*d))
                        }
                        Some(p) => format!(
                            "borgeren fik {} den {} (udbetalt for {}–{})",
                            p.benefit.danish(),
                            day(*d),
                            day(p.from),
                            day(p.to)
                        ),
                        None => reason_da(reason, course, contract),
                    }
                }
                other => reason_da(other, course, contract),
            };
            format!(
                "{} kræver hver dag fra {} til {} i arbejde uden ikke-tilladt ydelse, men {what}: kæden er brudt, og {}.",
                cap(&name(eval, *milestone)),
                day(*from),
                day(crate::calendar::prev_day(*due)),
                on_break(contract)
            )
        }
        Step::Restart { milestone, from } => format!(
            "{}: måles forfra fra {}, første dag tilbage i et job, der tæller, uden ikke-tilladt ydelse.",
            cap(&name(eval, *milestone)),
            day(*from)
        ),
        Step::AwaitingRestart { milestone, broken } => format!(
            "{}: efter bruddet {} er intet job, der tæller, startet pr. {as_of}; raten måles forfra fra næste job: afventer.",
            cap(&name(eval, *milestone)),
            day(*broken)
        ),
        Step::ForfeitedAfterBreak { milestone, day: d } => {
            format!("{}: bortfalder, fordi kæden blev brudt {}.", cap(&name(eval, *milestone)), day(*d))
        }
        Step::AfterPending { milestone } => {
            format!("{}: afventer, til den foregående rate er afgjort.", cap(&name(eval, *milestone)))
        }
        Step::AlreadyEarned { milestone, course: other, date } => format!(
            "{}: allerede optjent for denne borger i forløb {other} den {}; kontrakten betaler hver rate én gang pr. borger: bortfalder her.",
            cap(&name(eval, *milestone)),
            day(*date)
        ),
        Step::EarnedElsewhere { milestone } => format!(
            "{}: allerede optjent for denne borger i en anden henvisning; kontrakten betaler hver rate én gang pr. borger: kan ikke betales her.",
            cap(&name(eval, *milestone))
        ),
        Step::Status { status } => match (status, &course.facts.course_ended) {
            (CourseStatus::NotYetReferred | CourseStatus::Ongoing, _) | (_, None) => {
                format!("Status pr. {as_of}: {}.", status_text(*status, Lang::Da))
            }
            (s, Some(end)) => format!(
                "Status pr. {as_of}: {} (forløbet sluttede {}{}).",
                status_text(*s, Lang::Da),
                day(end.date),
                end.reason.as_ref().map(|r| format!(", årsag: {r}")).unwrap_or_default()
            ),
        },
        Step::OutcomeJobWithoutJobStart => {
            "Bemærk: forløbet er afsluttet til job, men der er ikke registreret nogen jobstart i forløbet, der tæller."
                .to_string()
        }
    }
}
