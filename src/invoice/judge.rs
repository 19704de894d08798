//! One invoice line against its course's evaluation, and the verdict in
//! words: each message is rendered in English and in Danish from the same
//! typed values (the milestone, its dates and amounts, the forfeit reason),
//! never one translated from the other.

use rustc_hash::FxHashMap as HashMap;

use super::message::{DanishDay, Message};
use super::{Invoice, InvoiceLine, LineStatus, PaidKey, PaymentRef, Rejection, Scope, write_key};
use crate::contract::Milestone;
use crate::evaluate::CourseEvaluation;
use crate::evaluate::trace_da::{pending_text_in, reason_text_in, refusal_text_in, render_in};
use crate::ids::CourseId;
use crate::lang::{Lang, Said};
use crate::money::Money;
use crate::verdict::{ForfeitReason, Verdict};

fn day(d: chrono::NaiveDate) -> String {
    DanishDay(d).to_string()
}

fn kr(m: Money) -> String {
    format!("{} kr.", m.danish())
}

/// "Raten for jobstart" in Danish; the id in English (as the API always said).
fn named(m: &Milestone) -> Said {
    Said { en: m.id.to_string(), da: format!("raten for {}", m.name(Lang::Da)) }
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

pub(super) fn unknown_course(id: &CourseId) -> Message {
    Message::Worded(Said { en: format!("no course {id} is known"), da: format!("forløb {id} kendes ikke") })
}

/// A milestone claimed on this invoice under the at-most-once rule: per
/// citizen or per course, the citizen's or the course's id, the milestone.
/// The contract is the invoice's, the same for every line.
pub(super) type Claim<'c> = (bool, &'c str, &'c str);

/// What a supplier is told of a milestone another course of the citizen
/// earned or was paid.
pub(super) fn not_payable(id: &str, m: Option<&Milestone>) -> Message {
    let da = m.map_or_else(|| format!("raten {id}"), |m| named(m).da);
    Message::Worded(Said {
        en: format!(
            "{id} is not payable to this supplier for this citizen: the contract pays each milestone once per \
             citizen, and it is earned on another referral"
        ),
        da: format!(
            "{} kan ikke betales til denne leverandør for denne borger: kontrakten betaler hver rate én gang pr. \
             borger, og den er optjent i en anden henvisning",
            cap(&da)
        ),
    })
}

pub(super) fn judge<'a, 'c>(
    invoice: &Invoice,
    l: &'a InvoiceLine,
    e: &CourseEvaluation<'c>,
    seen: &mut HashMap<(&'a str, &'a str), u32>,
    claimed_keys: &mut HashMap<Claim<'c>, u32>,
    key: &mut String,
    paid: &dyn Fn(&str) -> Option<PaymentRef>,
) -> (LineStatus, Message) {
    let course: &'c crate::course::Course = e.course;
    let reject = |r: Rejection, m: Said| (LineStatus::Rejected(r), Message::Worded(m));
    if course.contract != invoice.contract {
        let m = Said {
            en: format!("course {} is under contract {}, not {}", course.id, course.contract, invoice.contract),
            da: format!("forløb {} hører under kontrakten {}, ikke {}", course.id, course.contract, invoice.contract),
        };
        return reject(Rejection::WrongContract { detail: m.en.clone() }, m);
    }
    let Some(contract) = e.contract else {
        let m = Said {
            en: format!("contract {} has no versions", course.contract),
            da: format!("kontrakten {} har ingen versioner", course.contract),
        };
        return reject(Rejection::WrongContract { detail: m.en.clone() }, m);
    };
    // An unknown contract (the one refusal with code `wrong_contract`) has
    // no version and was answered just above; what is left is eligibility
    // or the referral period.
    if let Some(r) = &e.refusal {
        let reason = Said {
            en: refusal_text_in(r, course, e.contract, Lang::En),
            da: refusal_text_in(r, course, e.contract, Lang::Da),
        };
        let nothing =
            Said { en: format!("nothing is payable: {}", reason.en), da: format!("intet kan betales: {}", reason.da) };
        return match r.code() {
            "not_eligible" => reject(Rejection::NotEligible { reason: reason.en }, nothing),
            _ => reject(Rejection::ReferralOutsidePeriod { reason: reason.en }, nothing),
        };
    }
    if contract.supplier.cvr != invoice.supplier_cvr {
        let m = Said {
            en: format!(
                "course {} is judged by version {} of {}, which is with supplier CVR {}, not {}",
                course.id, contract.version, contract.id, contract.supplier.cvr, invoice.supplier_cvr
            ),
            da: format!(
                "forløb {} vurderes efter version {} af {}, som er indgået med leverandøren med CVR {}, ikke {}",
                course.id, contract.version, contract.id, contract.supplier.cvr, invoice.supplier_cvr
            ),
        };
        return reject(Rejection::WrongContract { detail: m.en.clone() }, m);
    }
    if contract.kind.in_house().is_some() {
        let m = Said {
            en: format!(
                "{} is the municipality's own team (in house): it is paid by its cost, never per milestone",
                contract.id
            ),
            da: format!(
                "{} er kommunens eget team: det betales efter sine omkostninger, aldrig pr. milepæl",
                contract.id
            ),
        };
        return reject(Rejection::WrongContract { detail: m.en.clone() }, m);
    }
    let Some(index) = contract.milestone_index(&l.milestone) else {
        let ids: Vec<&str> = contract.milestones.iter().map(|m| m.id.as_str()).collect();
        let m = Said {
            en: format!(
                "version {} of {} has no milestone `{}`; it has {}",
                contract.version,
                contract.id,
                l.milestone,
                ids.join(", ")
            ),
            da: format!(
                "version {} af {} har ingen rate »{}«; den har {}",
                contract.version,
                contract.id,
                l.milestone,
                ids.join(", ")
            ),
        };
        return reject(Rejection::UnknownMilestone { version: contract.version }, m);
    };
    let m: &'c Milestone = &contract.milestones[index];
    // The milestone's Danish name, only for a rejection's words.
    let name = || named(m);
    if let Some(first) = seen.get(&(l.course_id.as_str(), l.milestone.as_str())) {
        let msg = Said {
            en: format!("line {first} of this invoice already claims {} for course {}", l.milestone, l.course_id),
            da: format!("linje {first} på denne faktura kræver allerede {} for forløb {}", name().da, l.course_id),
        };
        return reject(Rejection::DuplicateLine { first_line: *first }, msg);
    }
    seen.insert((l.course_id.as_str(), l.milestone.as_str()), l.line);
    let per_citizen = contract.payment.once_per_citizen;
    let scope = if per_citizen { course.citizen.as_str() } else { course.id.as_str() };
    write_key(key, contract.id.as_str(), per_citizen, scope, m.id.as_str());
    if let Some(p) = paid(key) {
        let msg = Said {
            en: format!(
                "{} is already paid{}: payment {} of {} kr. on invoice {} line {} (course {})",
                m.id,
                if per_citizen { " for this citizen" } else { "" },
                p.payment_id,
                p.amount,
                p.invoice_number,
                p.line,
                p.course_id
            ),
            da: format!(
                "{} er allerede betalt{}: betaling {} på {} på faktura {}, linje {} (forløb {})",
                cap(&name().da),
                if per_citizen { " for denne borger" } else { "" },
                p.payment_id,
                kr(p.amount),
                p.invoice_number,
                p.line,
                p.course_id
            ),
        };
        return reject(Rejection::AlreadyPaid { payment: p }, msg);
    }
    let claim: Claim<'c> = (per_citizen, scope, m.id.as_str());
    if let Some(first) = claimed_keys.get(&claim) {
        let msg = Said {
            en: format!("line {first} of this invoice already claims {} for this citizen", m.id),
            da: format!("linje {first} på denne faktura kræver allerede {} for denne borger", name().da),
        };
        return reject(Rejection::DuplicateLine { first_line: *first }, msg);
    }
    let verdict = &e.milestones[index].verdict;
    match verdict {
        Verdict::Pending { earliest, note } => {
            let (en, da) = (pending_text_in(note, Lang::En), pending_text_in(note, Lang::Da));
            let msg = match earliest {
                Some(d) => Said {
                    en: format!("{} is not yet due: it falls due on {d} at the earliest ({en})", m.id),
                    da: format!(
                        "{} er ikke forfalden endnu: den forfalder tidligst {} ({da})",
                        cap(&name().da),
                        day(*d)
                    ),
                },
                None => Said {
                    en: format!("{} is not yet achieved ({en})", m.id),
                    da: format!("{} er ikke opnået endnu ({da})", cap(&name().da)),
                },
            };
            reject(Rejection::NotYetDue { earliest: *earliest, note: en }, msg)
        }
        Verdict::Forfeited { reason: ForfeitReason::EarnedElsewhere } => {
            (LineStatus::Rejected(Rejection::OncePerCitizen), not_payable(m.id.as_str(), Some(m)))
        }
        Verdict::Forfeited { reason } => {
            let text = Said {
                en: reason_text_in(reason, course, e.contract, Lang::En),
                da: reason_text_in(reason, course, e.contract, Lang::Da),
            };
            let msg = match reason {
                ForfeitReason::AlreadyEarned { .. } => Said {
                    en: format!("{} is not payable for this course: {}", m.id, text.en),
                    da: format!("{} kan ikke betales for dette forløb: {}", cap(&name().da), text.da),
                },
                _ => Said {
                    en: format!("{} is not achieved: {}", m.id, text.en),
                    da: format!("{} er ikke opnået: {}", cap(&name().da), text.da),
                },
            };
            let trace = Said { en: render_in(e, Lang::En), da: render_in(e, Lang::Da) };
            reject(Rejection::NotAchieved { reason: text.en, trace }, msg)
        }
        Verdict::Achieved { date } => {
            if l.amount != m.amount {
                let msg = Said {
                    en: format!(
                        "{} was achieved on {date}, but the contract pays {} kr., not {} kr.",
                        m.id, m.amount, l.amount
                    ),
                    da: format!(
                        "{} blev opnået {}, men kontrakten betaler {}, ikke {}",
                        cap(&name().da),
                        day(*date),
                        kr(m.amount),
                        kr(l.amount)
                    ),
                };
                return reject(Rejection::AmountMismatch { expected: m.amount }, msg);
            }
            claimed_keys.insert(claim, l.line);
            let key = PaidKey {
                contract: contract.id.clone(),
                scope: if per_citizen {
                    Scope::Citizen(course.citizen.clone())
                } else {
                    Scope::Course(course.id.clone())
                },
                milestone: m.id.clone(),
            };
            // Worded when shown (see `message.rs`): "job_start achieved on …".
            let msg = Message::Achieved { after_months: m.after_months, date: *date, amount: m.amount };
            (
                LineStatus::Approved {
                    achieved_on: *date,
                    key,
                    contract_version: contract.version,
                    citizen: course.citizen.clone(),
                },
                msg,
            )
        }
    }
}
