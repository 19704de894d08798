//! Invoices over HTTP: the request body and the verification answer.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::course_in::{Sink, not_a_date, not_a_date_da, parse_date};
use crate::contract::Problem;
use crate::cpr::{self, contains_cpr};
use crate::ids::{ContractId, CourseId, Cvr};
use crate::invoice::{Invoice, InvoiceLine, InvoiceNumber, LineStatus, PaymentRef, Rejection, Verification};
use crate::lang::Lang;
use crate::money::Money;

/// [`cpr::REFUSED`] in Danish.
const REFUSED_DA: &str = "ligner et CPR-nummer og afvises; skriv aldrig CPR-numre her";

fn da_date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoiceIn {
    pub supplier_cvr: Option<String>,
    pub invoice_number: Option<String>,
    pub contract: Option<String>,
    pub as_of: Option<String>,
    /// The due date; defaults to `as_of`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<String>,
    #[serde(default)]
    pub lines: Vec<LineIn>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineIn {
    pub line: Option<u32>,
    pub course_id: Option<String>,
    pub milestone: Option<String>,
    /// A string (`"5000.00"`) or an integer; a float is refused.
    pub amount: Option<serde_json::Value>,
}

impl InvoiceIn {
    /// Checks the request; every problem is listed. `max_lines` bounds the
    /// invoice's size.
    pub fn to_invoice(&self, max_lines: usize) -> Result<Invoice, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut sink = Sink { prefix: String::new(), problems: &mut problems };
        let cvr = text(&self.supplier_cvr, || "supplier_cvr".into(), &mut sink)
            .and_then(|s| Cvr::parse(s).map_err(|e| sink.said("supplier_cvr", e.to_string(), e.danish())).ok());
        let number = text(&self.invoice_number, || "invoice_number".into(), &mut sink).and_then(|s| {
            InvoiceNumber::parse(s).map_err(|e| sink.said("invoice_number", e.to_string(), e.danish())).ok()
        });
        let contract = text(&self.contract, || "contract".into(), &mut sink)
            .and_then(|s| ContractId::parse(s).map_err(|e| sink.said("contract", e.to_string(), e.danish())).ok());
        let as_of = text(&self.as_of, || "as_of".into(), &mut sink).and_then(|s| {
            parse_date(s).or_else(|| {
                sink.said("as_of", not_a_date(s), not_a_date_da(s));
                None
            })
        });
        let due_on = match self.due_on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => as_of,
            Some(s) if contains_cpr(s) => {
                sink.said("due_on", cpr::REFUSED, REFUSED_DA);
                None
            }
            Some(s) => match (parse_date(s), as_of) {
                (None, _) => {
                    sink.said("due_on", not_a_date(s), not_a_date_da(s));
                    None
                }
                (Some(d), Some(a)) if d < a => {
                    sink.said(
                        "due_on",
                        format!("{d} is before the invoice's date {a}"),
                        format!("{} er før fakturadatoen {}", da_date(d), da_date(a)),
                    );
                    None
                }
                (d, _) => d,
            },
        };
        if self.lines.is_empty() {
            sink.said("lines", "an invoice needs at least one line", "en faktura skal have mindst én linje");
        }
        if self.lines.len() > max_lines {
            sink.said(
                "lines",
                format!("{} lines; at most {max_lines} lines per invoice", self.lines.len()),
                format!("{} linjer; højst {max_lines} linjer pr. faktura", self.lines.len()),
            );
        }
        let mut lines = Vec::with_capacity(self.lines.len());
        let mut numbers = rustc_hash::FxHashMap::default();
        for (i, l) in self.lines.iter().enumerate().take(max_lines) {
            let f = |k: &str| format!("lines[{i}].{k}");
            let line = match l.line {
                Some(n) => {
                    if let Some(j) = numbers.insert(n, i) {
                        sink.said(
                            &f("line"),
                            format!("line number {n} is also used by lines[{j}]"),
                            format!("linjenummer {n} er også brugt af lines[{j}]"),
                        );
                    }
                    Some(n)
                }
                None => {
                    sink.said(
                        &f("line"),
                        "missing; each line needs its number",
                        "mangler; hver linje skal have sit nummer",
                    );
                    None
                }
            };
            let course = text(&l.course_id, || f("course_id"), &mut sink).and_then(|s| {
                CourseId::parse(s).map_err(|e| sink.said(&f("course_id"), e.to_string(), e.danish())).ok()
            });
            let milestone = text(&l.milestone, || f("milestone"), &mut sink).map(str::to_string);
            let amount = match &l.amount {
                None => {
                    sink.said(&f("amount"), "missing", "mangler");
                    None
                }
                Some(v @ (serde_json::Value::String(_) | serde_json::Value::Number(_)))
                    if contains_cpr(v.as_str().map_or(&v.to_string(), |s| s)) =>
                {
                    sink.said(&f("amount"), cpr::REFUSED, REFUSED_DA);
                    None
                }
                Some(serde_json::Value::String(s)) => {
                    Money::parse(s).map_err(|e| sink.said(&f("amount"), e.to_string(), e.danish())).ok()
                }
                Some(serde_json::Value::Number(n)) if n.is_i64() => n.as_i64().map(Money::kr),
                Some(other) => {
                    sink.said(
                        &f("amount"),
                        format!("{other} is not an amount; write a string such as \"5000.00\""),
                        format!("»{other}« er ikke et beløb; skriv det som tekst, fx `\"5000.00\"`"),
                    );
                    None
                }
            };
            if let (Some(line), Some(course_id), Some(milestone), Some(amount)) = (line, course, milestone, amount) {
                lines.push(InvoiceLine { line, course_id, milestone, amount });
            }
        }
        match (cvr, number, contract, as_of, due_on) {
            (Some(supplier_cvr), Some(number), Some(contract), Some(as_of), Some(due_on)) if problems.is_empty() => {
                Ok(Invoice { supplier_cvr, number, contract, as_of, due_on, lines })
            }
            _ => Err(problems),
        }
    }
}

/// A text field, trimmed. Every text is stored as sent (the request is kept
/// with the invoice): one holding a CPR-like number is refused before
/// anything else reads it, and never repeated. `field` names it in a
/// problem (spelled out only then).
fn text<'v>(v: &'v Option<String>, field: impl Fn() -> String, sink: &mut Sink<'_>) -> Option<&'v str> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) if contains_cpr(s) => {
            sink.said(&field(), cpr::REFUSED, REFUSED_DA);
            None
        }
        Some(s) => Some(s),
        None => {
            sink.said(&field(), "missing", "mangler");
            None
        }
    }
}

/// The normalised request, whose hash identifies "the same invoice".
#[derive(Clone, Debug, Serialize)]
pub struct CanonicalInvoice<'a> {
    pub supplier_cvr: &'a str,
    pub invoice_number: &'a str,
    pub contract: &'a str,
    pub as_of: NaiveDate,
    pub due_on: NaiveDate,
    pub lines: Vec<(u32, &'a str, &'a str, String)>,
}

impl<'a> CanonicalInvoice<'a> {
    pub fn of(i: &'a Invoice) -> CanonicalInvoice<'a> {
        CanonicalInvoice {
            supplier_cvr: i.supplier_cvr.as_str(),
            invoice_number: i.number.as_str(),
            contract: i.contract.as_str(),
            as_of: i.as_of,
            due_on: i.due_on,
            lines: i
                .lines
                .iter()
                .map(|l| (l.line, l.course_id.as_str(), l.milestone.as_str(), l.amount.plain()))
                .collect(),
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct VerificationOut {
    pub supplier_cvr: String,
    pub invoice_number: String,
    pub contract: String,
    pub as_of: NaiveDate,
    pub due_on: NaiveDate,
    /// `verified` (a dry run) or `recorded`.
    pub status: String,
    pub lines: Vec<LineOut>,
    pub approved_lines: usize,
    pub rejected_lines: usize,
    pub approved_total: String,
    pub rejected_total: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<u64>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct LineOut {
    pub line: u32,
    pub course_id: String,
    pub milestone: String,
    pub amount: String,
    pub status: String,
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achieved_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_amount: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_line: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<PaymentRefOut>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trace: Vec<String>,
    /// Finance only: the register evidence disagrees with this approved
    /// line (code `registers_disagree`); what the registers say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registers_disagree: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct PaymentRefOut {
    pub payment_id: u64,
    pub course_id: String,
    pub invoice_cvr: String,
    pub invoice_number: String,
    pub line: u32,
    pub amount: String,
}

impl PaymentRefOut {
    pub fn of(p: &PaymentRef) -> PaymentRefOut {
        PaymentRefOut {
            payment_id: p.payment_id,
            course_id: p.course_id.to_string(),
            invoice_cvr: p.invoice_cvr.clone(),
            invoice_number: p.invoice_number.clone(),
            line: p.line,
            amount: p.amount.plain(),
        }
    }
}

impl VerificationOut {
    pub fn of(i: &Invoice, v: &Verification, status: &str) -> VerificationOut {
        VerificationOut::of_in(i, v, status, Lang::En)
    }

    /// The same with each line's message and trace in `lang` (the pages;
    /// the API and the store always hold English).
    pub fn of_in(i: &Invoice, v: &Verification, status: &str, lang: Lang) -> VerificationOut {
        let lines = v
            .lines
            .iter()
            .map(|l| {
                let mut out = LineOut {
                    line: l.line,
                    course_id: l.course_id.to_string(),
                    milestone: l.milestone.clone(),
                    amount: l.claimed.plain(),
                    status: if l.approved() { "approved" } else { "rejected" }.into(),
                    code: "approved".into(),
                    message: l.text(lang).to_string(),
                    achieved_on: None,
                    expected_amount: None,
                    earliest: None,
                    first_line: None,
                    payment: None,
                    payment_id: None,
                    trace: Vec::new(),
                    registers_disagree: l.registers.as_ref().map(|r| r.get(lang).clone()),
                };
                match &l.status {
                    LineStatus::Approved { achieved_on, .. } => out.achieved_on = Some(*achieved_on),
                    LineStatus::Rejected(r) => {
                        out.code = r.code().into();
                        match r {
                            Rejection::AmountMismatch { expected } => out.expected_amount = Some(expected.plain()),
                            Rejection::NotYetDue { earliest, .. } => out.earliest = *earliest,
                            Rejection::DuplicateLine { first_line } => out.first_line = Some(*first_line),
                            Rejection::AlreadyPaid { payment: p } => out.payment = Some(PaymentRefOut::of(p)),
                            Rejection::NotAchieved { trace, .. } => out.trace = trace.get(lang).clone(),
                            _ => {}
                        }
                    }
                }
                out
            })
            .collect::<Vec<_>>();
        VerificationOut {
            supplier_cvr: i.supplier_cvr.to_string(),
            invoice_number: i.number.to_string(),
            contract: i.contract.to_string(),
            as_of: i.as_of,
            due_on: i.due_on,
            status: status.into(),
            approved_lines: lines.iter().filter(|l| l.status == "approved").count(),
            rejected_lines: lines.iter().filter(|l| l.status != "approved").count(),
            lines,
            approved_total: v.approved_total.plain(),
            rejected_total: v.rejected_total.plain(),
            payments: Vec::new(),
        }
    }
}
