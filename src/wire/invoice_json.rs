//! The verification answer written straight from the verdicts: the same
//! JSON, field by field and byte by byte, as serialising a
//! [`VerificationOut`](super::invoice::VerificationOut), without building
//! its owned strings first (each message is written into the output as it
//! is worded). A 10,000-line answer is about 2.2 MB.

use std::fmt::Display;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use super::invoice::PaymentRefOut;
use crate::invoice::{Invoice, LineStatus, LineVerdict, Rejection, Verification};
use crate::lang::Lang;
use crate::money::Money;

/// A value written as a JSON string through its `Display`.
struct Str<T>(T);

impl<T: Display> Serialize for Str<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

#[derive(Serialize)]
pub struct VerificationJson<'a> {
    supplier_cvr: &'a str,
    invoice_number: &'a str,
    contract: &'a str,
    as_of: NaiveDate,
    due_on: NaiveDate,
    status: &'a str,
    lines: Lines<'a>,
    approved_lines: usize,
    rejected_lines: usize,
    approved_total: Str<Money>,
    rejected_total: Str<Money>,
    // Serialised as `VerificationOut::payments` (never set on a dry run).
    #[serde(skip_serializing_if = "<[u64]>::is_empty")]
    payments: &'a [u64],
}

struct Lines<'a> {
    lines: &'a [LineVerdict],
    lang: Lang,
}

impl Serialize for Lines<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.lines.iter().map(|l| LineJson::of(l, self.lang)))
    }
}

/// One line, in the order and with the omissions of `LineOut`.
#[derive(Serialize)]
struct LineJson<'a> {
    line: u32,
    course_id: &'a str,
    milestone: &'a str,
    amount: Str<Money>,
    status: &'static str,
    code: &'static str,
    message: Str<crate::invoice::Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    achieved_on: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_amount: Option<Str<Money>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    earliest: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment: Option<PaymentRefOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_id: Option<u64>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    trace: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    registers_disagree: Option<&'a str>,
}

impl<'a> LineJson<'a> {
    fn of(l: &'a LineVerdict, lang: Lang) -> LineJson<'a> {
        let mut out = LineJson {
            line: l.line,
            course_id: l.course_id.as_str(),
            milestone: &l.milestone,
            amount: Str(l.claimed),
            status: if l.approved() { "approved" } else { "rejected" },
            code: "approved",
            message: Str(l.text(lang)),
            achieved_on: None,
            expected_amount: None,
            earliest: None,
            first_line: None,
            payment: None,
            payment_id: None,
            trace: &[],
            registers_disagree: l.registers.as_ref().map(|r| r.get(lang).as_str()),
        };
        match &l.status {
            LineStatus::Approved { achieved_on, .. } => out.achieved_on = Some(*achieved_on),
            LineStatus::Rejected(r) => {
                out.code = r.code();
                match r {
                    Rejection::AmountMismatch { expected } => out.expected_amount = Some(Str(*expected)),
                    Rejection::NotYetDue { earliest, .. } => out.earliest = *earliest,
                    Rejection::DuplicateLine { first_line } => out.first_line = Some(*first_line),
                    Rejection::AlreadyPaid { payment: p } => out.payment = Some(PaymentRefOut::of(p)),
                    Rejection::NotAchieved { trace, .. } => out.trace = trace.get(lang),
                    _ => {}
                }
            }
        }
        out
    }
}

impl<'a> VerificationJson<'a> {
    /// The answer to verifying `i` (`status` is `verified` or `recorded`),
    /// each message and trace in `lang`.
    pub fn of(i: &'a Invoice, v: &'a Verification, status: &'a str, lang: Lang) -> VerificationJson<'a> {
        let approved = v.lines.iter().filter(|l| l.approved()).count();
        VerificationJson {
            supplier_cvr: i.supplier_cvr.as_str(),
            invoice_number: i.number.as_str(),
            contract: i.contract.as_str(),
            as_of: i.as_of,
            due_on: i.due_on,
            status,
            lines: Lines { lines: &v.lines, lang },
            approved_lines: approved,
            rejected_lines: v.lines.len() - approved,
            approved_total: Str(v.approved_total),
            rejected_total: Str(v.rejected_total),
            payments: &[],
        }
    }

    /// The JSON text, in one buffer sized for it.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(256 + 240 * self.lines.lines.len());
        serde_json::to_writer(&mut out, self).expect("serialises");
        out
    }
}

#[cfg(test)]
#[path = "invoice_json_tests.rs"]
mod tests;
