use chrono::NaiveDate;

use super::VerificationJson;
use crate::ids::{CitizenRef, ContractId, CourseId, Cvr, MilestoneId};
use crate::invoice::{
    Invoice, InvoiceNumber, LineStatus, LineVerdict, Message, PaidKey, PaymentRef, Rejection, Scope, Verification,
};
use crate::lang::{Lang, Said};
use crate::money::Money;
use crate::wire::invoice::VerificationOut;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn said(en: &str, da: &str) -> Said {
    Said { en: en.into(), da: da.into() }
}

fn line(n: u32, status: LineStatus, message: Message) -> LineVerdict {
    LineVerdict {
        line: n,
        course_id: CourseId::parse(&format!("c-{n}")).unwrap(),
        milestone: "job_start".into(),
        claimed: Money::parse("5000.5").unwrap(),
        status,
        message,
        registers: None,
    }
}

/// One line of every kind: approved (worded when shown, and flagged by the
/// registers), and each rejection with the fields it adds; text that JSON
/// must escape (quotes, a backslash, a newline, non-ASCII).
fn verification() -> (Invoice, Verification) {
    let invoice = Invoice {
        supplier_cvr: Cvr::parse("00000000").unwrap(),
        number: InvoiceNumber::parse("F-1").unwrap(),
        contract: ContractId::parse("lejre-jobparate").unwrap(),
        as_of: day(2025, 12, 31),
        due_on: day(2026, 1, 15),
        lines: Vec::new(),
    };
    let key = PaidKey {
        contract: ContractId::parse("lejre-jobparate").unwrap(),
        scope: Scope::Citizen(CitizenRef::parse("p-1").unwrap()),
        milestone: MilestoneId::parse("job_start").unwrap(),
    };
    let approved = LineStatus::Approved {
        achieved_on: day(2025, 4, 14),
        key,
        contract_version: 2,
        citizen: CitizenRef::parse("p-1").unwrap(),
    };
    let achieved = Message::Achieved { after_months: 0, date: day(2025, 4, 14), amount: Money::kr(5000) };
    let worded = || Message::Worded(said("a \"quoted\" \\ reason\nsecond line", "en »begrundelse« på dansk æøå"));
    let reject = |r: Rejection| LineStatus::Rejected(r);
    let mut flagged = line(2, approved.clone(), achieved.clone());
    flagged.registers = Some(said("the registers say otherwise", "registrene siger andet"));
    let payment = PaymentRef {
        payment_id: 7,
        course_id: CourseId::parse("c-9").unwrap(),
        invoice_cvr: "11111111".into(),
        invoice_number: "F-0".into(),
        line: 3,
        amount: Money::kr(5000),
    };
    let lines = vec![
        line(1, approved, achieved),
        flagged,
        line(3, reject(Rejection::UnknownCourse), worded()),
        line(4, reject(Rejection::WrongContract { detail: "x".into() }), worded()),
        line(5, reject(Rejection::ReferralOutsidePeriod { reason: "x".into() }), worded()),
        line(6, reject(Rejection::NotEligible { reason: "x".into() }), worded()),
        line(7, reject(Rejection::UnknownMilestone { version: 2 }), worded()),
        line(8, reject(Rejection::DuplicateLine { first_line: 1 }), worded()),
        line(9, reject(Rejection::AlreadyPaid { payment }), worded()),
        line(10, reject(Rejection::NotYetDue { earliest: Some(day(2026, 2, 1)), note: "x".into() }), worded()),
        line(11, reject(Rejection::NotYetDue { earliest: None, note: "x".into() }), worded()),
        line(
            12,
            reject(Rejection::NotAchieved {
                reason: "x".into(),
                trace: Said { en: vec!["step one".into(), "step \"two\"".into()], da: vec!["trin ét".into()] },
            }),
            worded(),
        ),
        line(13, reject(Rejection::AmountMismatch { expected: Money::kr(5000) }), worded()),
        line(14, reject(Rejection::OncePerCitizen), worded()),
    ];
    let v = Verification {
        lines,
        approved_total: Money::parse("10001.00").unwrap(),
        rejected_total: Money::parse("60006.05").unwrap(),
        differs_for_supplier: false,
    };
    (invoice, v)
}

/// The answer written straight from the verdicts is the very bytes of the
/// `VerificationOut` it stands in for, in both languages.
#[test]
fn the_direct_answer_is_byte_for_byte_the_built_one() {
    let (invoice, v) = verification();
    for lang in [Lang::En, Lang::Da] {
        let built = serde_json::to_vec(&VerificationOut::of_in(&invoice, &v, "verified", lang)).unwrap();
        let direct = VerificationJson::of(&invoice, &v, "verified", lang).to_vec();
        assert_eq!(String::from_utf8(direct).unwrap(), String::from_utf8(built).unwrap(), "{lang:?}");
    }
}

/// An approved line's words, written when shown: the milestone's id and
/// the ISO date in English; the Danish name, date and amount in Danish.
#[test]
fn an_approved_line_is_worded_when_shown() {
    let (_, v) = verification();
    assert_eq!(
        v.lines[0].text(Lang::En).to_string(),
        "job_start achieved on 2025-04-14; 5000.00 kr. as the contract says"
    );
    assert_eq!(
        v.lines[0].text(Lang::Da).to_string(),
        "Raten for jobstart er opnået 14.04.2025; 5.000,00 kr. som aftalt i kontrakten"
    );
}
