//! Invoice verification: each line of a supplier's invoice against what the
//! engine says the course earned. Pure: the caller passes the courses (and
//! the citizens' other courses, for once-per-citizen) and a lookup of what is
//! already paid. Verifying is always a dry run; recording is the ledger's.

use rustc_hash::FxHashMap as HashMap;
use std::borrow::Borrow;

use chrono::NaiveDate;

use crate::contract::ContractSet;
use crate::course::Course;
use crate::evaluate::{CourseEvaluation, evaluate_all};
pub use crate::ids::InvoiceNumber;
use crate::ids::{CitizenRef, ContractId, CourseId, Cvr, MilestoneId};
use crate::lang::Said;
use crate::money::Money;

mod judge;
mod message;

pub use message::{Message, Text};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invoice {
    pub supplier_cvr: Cvr,
    pub number: InvoiceNumber,
    pub contract: ContractId,
    /// The invoice's date: the claims are judged as of it, and its payments
    /// are booked on it.
    pub as_of: NaiveDate,
    /// When the approved lines are paid (the invoice's due date; on or
    /// after `as_of`).
    pub due_on: NaiveDate,
    pub lines: Vec<InvoiceLine>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvoiceLine {
    /// The supplier's line number, unique within the invoice.
    pub line: u32,
    pub course_id: CourseId,
    /// As claimed; checked against the contract version.
    pub milestone: String,
    pub amount: Money,
}

/// What "paid at most once" is about: per citizen when the contract pays
/// once per citizen, else per course.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaidKey {
    pub contract: ContractId,
    pub scope: Scope,
    pub milestone: MilestoneId,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Citizen(CitizenRef),
    Course(CourseId),
}

impl PaidKey {
    /// `contract/c:citizen/milestone` or `contract/k:course/milestone`.
    pub fn encode(&self) -> String {
        match &self.scope {
            Scope::Citizen(c) => encode_key(self.contract.as_str(), true, c.as_str(), self.milestone.as_str()),
            Scope::Course(k) => encode_key(self.contract.as_str(), false, k.as_str(), self.milestone.as_str()),
        }
    }
}

/// The encoded key without building a `PaidKey` (one allocation).
pub fn encode_key(contract: &str, per_citizen: bool, scope: &str, milestone: &str) -> String {
    let mut s = String::with_capacity(contract.len() + scope.len() + milestone.len() + 4);
    write_key(&mut s, contract, per_citizen, scope, milestone);
    s
}

/// The same written into `buf` (cleared first), to reuse one buffer.
pub fn write_key(buf: &mut String, contract: &str, per_citizen: bool, scope: &str, milestone: &str) {
    buf.clear();
    for part in [contract, "/", if per_citizen { "c:" } else { "k:" }, scope, "/", milestone] {
        buf.push_str(part);
    }
}

/// A payment already recorded, as a rejection cites it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentRef {
    pub payment_id: u64,
    pub course_id: CourseId,
    pub invoice_cvr: String,
    pub invoice_number: String,
    pub line: u32,
    pub amount: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineStatus {
    Approved { achieved_on: NaiveDate, key: PaidKey, contract_version: u32, citizen: CitizenRef },
    Rejected(Rejection),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    UnknownCourse,
    WrongContract {
        detail: String,
    },
    ReferralOutsidePeriod {
        reason: String,
    },
    NotEligible {
        reason: String,
    },
    UnknownMilestone {
        version: u32,
    },
    DuplicateLine {
        first_line: u32,
    },
    AlreadyPaid {
        payment: PaymentRef,
    },
    NotYetDue {
        earliest: Option<NaiveDate>,
        note: String,
    },
    NotAchieved {
        reason: String,
        /// The trace that decided it, in English and Danish.
        trace: Said<Vec<String>>,
    },
    AmountMismatch {
        expected: Money,
    },
    /// A supplier's view of a claim another course of the citizen earned or
    /// was paid (see [`Audience::Supplier`]).
    OncePerCitizen,
}

/// Who reads the verdicts. Finance sees every reason; a supplier is not told
/// about the citizen's other courses (their ids, dates, or the invoice that
/// paid them, perhaps another supplier's): such a line says only that the
/// milestone is not payable to it (`once_per_citizen`). Which lines are
/// approved is the same for both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Finance,
    Supplier,
}

impl Rejection {
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::UnknownCourse => "unknown_course",
            Rejection::WrongContract { .. } => "wrong_contract",
            Rejection::ReferralOutsidePeriod { .. } => "referral_outside_period",
            Rejection::NotEligible { .. } => "not_eligible",
            Rejection::UnknownMilestone { .. } => "unknown_milestone",
            Rejection::DuplicateLine { .. } => "duplicate_line",
            Rejection::AlreadyPaid { .. } => "already_paid",
            Rejection::NotYetDue { .. } => "not_yet_due",
            Rejection::NotAchieved { .. } => "not_achieved",
            Rejection::AmountMismatch { .. } => "amount_mismatch",
            Rejection::OncePerCitizen => "once_per_citizen",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineVerdict {
    pub line: u32,
    pub course_id: CourseId,
    pub milestone: String,
    pub claimed: Money,
    pub status: LineStatus,
    /// The verdict in words, for the supplier's clerk and the finance
    /// officer, in English and Danish: written out by [`LineVerdict::text`].
    pub message: Message,
    /// `Some` when the register evidence disagrees with an approved line
    /// (set by `evidence::flag`; the line stays approved): what the
    /// registers say, in English and Danish.
    pub registers: Option<Said>,
}

impl LineVerdict {
    pub fn approved(&self) -> bool {
        matches!(self.status, LineStatus::Approved { .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    pub lines: Vec<LineVerdict>,
    pub approved_total: Money,
    pub rejected_total: Money,
    /// Whether a supplier reads some of it otherwise (see [`Audience`]).
    pub differs_for_supplier: bool,
}

/// Verifies every line. `courses` must hold each course the invoice names
/// that the caller may see, and the other courses of those citizens under
/// the invoice's contract; `paid` answers whether a key (as
/// [`PaidKey::encode`]) is already paid.
pub fn verify<C: Borrow<Course>>(
    invoice: &Invoice,
    contracts: &ContractSet,
    courses: &[C],
    paid: &dyn Fn(&str) -> Option<PaymentRef>,
    audience: Audience,
) -> Verification {
    let mut evals = evaluate_all(contracts, courses, invoice.as_of);
    let mut differs_for_supplier = evals.iter().any(CourseEvaluation::names_other_courses);
    if audience == Audience::Supplier {
        evals.iter_mut().for_each(CourseEvaluation::hide_other_courses);
    }
    let by_id: HashMap<&str, &CourseEvaluation<'_>> = evals.iter().map(|e| (e.course.id.as_str(), e)).collect();
    let mut seen: HashMap<(&str, &str), u32> =
        HashMap::with_capacity_and_hasher(invoice.lines.len(), Default::default());
    let mut claimed_keys: HashMap<judge::Claim<'_>, u32> = HashMap::default();
    // The paid-index key, written anew for each line.
    let mut key = String::new();
    let mut lines = Vec::with_capacity(invoice.lines.len());
    for l in &invoice.lines {
        let (status, message) = match by_id.get(l.course_id.as_str()) {
            None => (LineStatus::Rejected(Rejection::UnknownCourse), judge::unknown_course(&l.course_id)),
            Some(e) => judge::judge(invoice, l, e, &mut seen, &mut claimed_keys, &mut key, paid),
        };
        // Paid on another course of the citizen, or on another supplier's
        // invoice: finance sees which payment, a supplier only the rule.
        let (status, message) = match status {
            LineStatus::Rejected(Rejection::AlreadyPaid { payment: p })
                if p.course_id != l.course_id || p.invoice_cvr != invoice.supplier_cvr.as_str() =>
            {
                differs_for_supplier = true;
                match audience {
                    Audience::Supplier => {
                        (LineStatus::Rejected(Rejection::OncePerCitizen), judge::not_payable(&l.milestone, None))
                    }
                    Audience::Finance => (LineStatus::Rejected(Rejection::AlreadyPaid { payment: p }), message),
                }
            }
            other => (other, message),
        };
        lines.push(LineVerdict {
            line: l.line,
            course_id: l.course_id.clone(),
            milestone: l.milestone.clone(),
            claimed: l.amount,
            status,
            message,
            registers: None,
        });
    }
    let approved_total = lines.iter().filter(|v| v.approved()).map(|v| v.claimed).sum();
    let rejected_total = lines.iter().filter(|v| !v.approved()).map(|v| v.claimed).sum();
    Verification { lines, approved_total, rejected_total, differs_for_supplier }
}
