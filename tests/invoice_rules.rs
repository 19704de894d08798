//! Invoice verification as a rule, without a server: every line verdict
//! and its message, worked out by hand from Lejre's contract (version 1 is
//! in force for referrals from 4 Dec 2024: job start 5,000.00 kr., 3 and 6
//! months' retention 10,000.00 kr. each, once per citizen, supplier CVR
//! 00000000), with courses as of 31 Dec 2025.

mod support;

use chrono::NaiveDate;
use nocure::course::Course;
use nocure::ids::{ContractId, CourseId, Cvr, MilestoneId};
use nocure::invoice::{
    Audience, Invoice, InvoiceLine, InvoiceNumber, LineStatus, PaidKey, PaymentRef, Rejection, Scope, verify,
};
use nocure::lang::Lang;
use nocure::money::Money;
use serde_json::json;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn referral(id: &str, citizen: &str, referred_on: &str, events: serde_json::Value) -> serde_json::Value {
    json!({ "course_id": id, "citizen": citizen, "contract": "lejre-jobparate", "target_group": "dagpenge",
            "referred_on": referred_on, "attributes": { "a_kasse": "AAK" }, "events": events })
}

/// c-1: job from 3 Mar 2025, still running: job start on 3 Mar, 3 months
/// on 3 Jun, 6 months on 3 Sep. c-2: the same citizen referred again on
/// 1 May, job from 2 Jun: its job start is c-1's already. c-3: job from
/// 3 Nov 2025: 3 months falls due on 3 Feb 2026. c-4: a-kasse 3F, 34 years
/// old, unemployed 3 months: none of Lejre's three conditions holds.
fn courses() -> Vec<Course> {
    let set = support::contracts("contracts");
    let job = |start: &str| json!([{ "type": "course_started", "date": "2025-02-10" }, { "type": "job_started", "date": start }]);
    let mut c4 = referral("c-4", "p-4", "2025-02-03", json!([]));
    c4["attributes"] = json!({ "a_kasse": "3F", "birth_date": "1990-06-01", "unemployed_since": "2024-11-03" });
    support::courses(
        &set,
        &json!([
            referral("c-1", "p-1", "2025-02-03", job("2025-03-03")),
            referral("c-2", "p-1", "2025-05-01", json!([{ "type": "job_started", "date": "2025-06-02" }])),
            referral("c-3", "p-3", "2025-02-03", job("2025-11-03")),
            c4,
        ]),
    )
}

fn invoice(cvr: &str, contract: &str, lines: &[(&str, &str, &str)]) -> Invoice {
    Invoice {
        supplier_cvr: Cvr::parse(cvr).unwrap(),
        number: InvoiceNumber::parse("INV-9").unwrap(),
        contract: ContractId::parse(contract).unwrap(),
        as_of: d(2025, 12, 31),
        due_on: d(2026, 1, 30),
        lines: lines
            .iter()
            .enumerate()
            .map(|(i, (course, milestone, amount))| InvoiceLine {
                line: i as u32 + 1,
                course_id: CourseId::parse(course).unwrap(),
                milestone: milestone.to_string(),
                amount: Money::parse(amount).unwrap(),
            })
            .collect(),
    }
}

/// c-1's 3 months is paid (payment 7, invoice INV-1 line 2); nothing else.
fn paid(key: &str) -> Option<PaymentRef> {
    (key == "lejre-jobparate/c:p-1/retention_3m").then(|| PaymentRef {
        payment_id: 7,
        course_id: CourseId::parse("c-1").unwrap(),
        invoice_cvr: "00000000".into(),
        invoice_number: "INV-1".into(),
        line: 2,
        amount: Money::kr(10000),
    })
}

fn code(status: &LineStatus) -> &'static str {
    match status {
        LineStatus::Approved { .. } => "approved",
        LineStatus::Rejected(r) => r.code(),
    }
}

#[test]
fn every_line_has_its_verdict_and_its_reason() {
    let set = support::contracts("contracts");
    let inv = invoice(
        "00000000",
        "lejre-jobparate",
        &[
            ("c-1", "job_start", "5000.00"),
            ("c-1", "job_start", "5000.00"),
            ("c-1", "retention_3m", "10000.00"),
            ("c-1", "retention_6m", "9000.00"),
            ("c-1", "retention_12m", "10000.00"),
            ("c-2", "job_start", "5000.00"),
            ("c-3", "retention_3m", "10000.00"),
            ("c-4", "job_start", "5000.00"),
            ("c-9", "job_start", "5000.00"),
        ],
    );
    let v = verify(&inv, &set, &courses(), &paid, Audience::Finance);
    let said: Vec<String> = v.lines.iter().map(|l| l.text(Lang::En).to_string()).collect();
    let got: Vec<(&str, &str)> = v.lines.iter().zip(&said).map(|(l, m)| (code(&l.status), m.as_str())).collect();
    assert_eq!(
        got,
        [
            ("approved", "job_start achieved on 2025-03-03; 5000.00 kr. as the contract says"),
            ("duplicate_line", "line 1 of this invoice already claims job_start for course c-1"),
            (
                "already_paid",
                "retention_3m is already paid for this citizen: payment 7 of 10000.00 kr. on invoice INV-1 line 2 (course c-1)"
            ),
            (
                "amount_mismatch",
                "retention_6m was achieved on 2025-09-03, but the contract pays 10000.00 kr., not 9000.00 kr."
            ),
            (
                "unknown_milestone",
                "version 1 of lejre-jobparate has no milestone `retention_12m`; it has job_start, retention_3m, retention_6m"
            ),
            // c-2 is p-1 too, whose job start line 1 already claims.
            ("duplicate_line", "line 1 of this invoice already claims job_start for this citizen"),
            ("not_yet_due", "retention_3m is not yet due: it falls due on 2026-02-03 at the earliest (chain running)"),
            ("not_eligible", "nothing is payable: the citizen is not eligible for target group dagpenge on 2025-02-03"),
            ("unknown_course", "no course c-9 is known"),
        ]
    );
    // One line approved: 5,000.00. The rest: 5,000 + 10,000 + 9,000 +
    // 10,000 + 5,000 + 10,000 + 5,000 + 5,000 = 59,000.00.
    assert_eq!((v.approved_total.plain(), v.rejected_total.plain()), ("5000.00".into(), "59000.00".into()));
    assert!(v.differs_for_supplier, "c-2's job start names c-1, which a supplier is not told");
    // The approved line's at-most-once key: once per citizen, so p-1's.
    let LineStatus::Approved { key, achieved_on, contract_version, citizen } = &v.lines[0].status else {
        panic!("line 1 is approved")
    };
    assert_eq!(
        (key.encode().as_str(), *achieved_on, *contract_version, citizen.as_str()),
        ("lejre-jobparate/c:p-1/job_start", d(2025, 3, 3), 1, "p-1")
    );
}

/// A contract that pays per course keys a payment by the course.
#[test]
fn a_per_course_key_names_the_course() {
    let key = PaidKey {
        contract: ContractId::parse("restart").unwrap(),
        scope: Scope::Course(CourseId::parse("c-1").unwrap()),
        milestone: MilestoneId::parse("retention_3m").unwrap(),
    };
    assert_eq!(key.encode(), "restart/k:c-1/retention_3m");
}

/// A payment on the course's own line of this supplier's invoice reads the
/// same for both; one on another supplier's invoice, or on another course
/// of the citizen, is a once-per-citizen line for the supplier.
#[test]
fn who_was_paid_decides_what_a_supplier_reads() {
    let set = support::contracts("contracts");
    let c1: Vec<Course> = courses().into_iter().filter(|c| c.id.as_str() == "c-1").collect();
    let inv = invoice("00000000", "lejre-jobparate", &[("c-1", "retention_3m", "10000.00")]);
    let v = verify(&inv, &set, &c1, &paid, Audience::Supplier);
    assert_eq!((code(&v.lines[0].status), v.differs_for_supplier), ("already_paid", false));
    let elsewhere = [("87654321", "c-1"), ("00000000", "c-2")];
    for (cvr, course) in elsewhere {
        let paid_there = |key: &str| {
            paid(key).map(|p| PaymentRef { invoice_cvr: cvr.into(), course_id: CourseId::parse(course).unwrap(), ..p })
        };
        let finance = verify(&inv, &set, &c1, &paid_there, Audience::Finance);
        assert_eq!((code(&finance.lines[0].status), finance.differs_for_supplier), ("already_paid", true));
        let supplier = verify(&inv, &set, &c1, &paid_there, Audience::Supplier);
        assert_eq!((code(&supplier.lines[0].status), supplier.differs_for_supplier), ("once_per_citizen", true));
        assert_eq!(
            supplier.lines[0].text(Lang::En).to_string(),
            "retention_3m is not payable to this supplier for this citizen: the contract pays each milestone once \
             per citizen, and it is earned on another referral"
        );
    }
}

/// c-2's job start, claimed alone: finance reads which course earned it
/// (c-1, on 3 Mar 2025); the supplier is not told.
#[test]
fn a_job_start_earned_by_another_course_is_not_payable() {
    let set = support::contracts("contracts");
    let inv = invoice("00000000", "lejre-jobparate", &[("c-2", "job_start", "5000.00")]);
    let v = verify(&inv, &set, &courses(), &paid, Audience::Finance);
    assert_eq!(code(&v.lines[0].status), "not_achieved");
    assert_eq!(
        v.lines[0].text(Lang::En).to_string(),
        "job_start is not payable for this course: already earned for this citizen by course c-1 on 2025-03-03"
    );
    let v = verify(&inv, &set, &courses(), &paid, Audience::Supplier);
    assert_eq!(v.lines[0].status, LineStatus::Rejected(Rejection::OncePerCitizen));
    let said = v.lines[0].text(Lang::En).to_string();
    assert!(!said.contains("c-1"), "{said}");
    assert!(v.differs_for_supplier);
}

#[test]
fn another_contract_or_another_supplier_is_the_wrong_contract() {
    let set = support::contracts("contracts");
    let cs = courses();
    let other_contract = invoice("00000000", "other", &[("c-1", "job_start", "5000.00")]);
    let other_supplier = invoice("12345678", "lejre-jobparate", &[("c-1", "job_start", "5000.00")]);
    // A course stored under a contract whose files are gone has no version.
    let gone = invoice("00000000", "gone", &[("c-1", "job_start", "5000.00")]);
    let mut under_gone = cs.clone();
    under_gone[0].contract = ContractId::parse("gone").unwrap();
    let messages: Vec<String> = [(other_contract, &cs), (other_supplier, &cs), (gone, &under_gone)]
        .iter()
        .map(|(inv, cs)| {
            let v = verify(inv, &set, cs, &paid, Audience::Finance);
            assert_eq!(
                v.lines[0].status.clone(),
                LineStatus::Rejected(Rejection::WrongContract { detail: v.lines[0].text(Lang::En).to_string() })
            );
            assert_eq!(v.approved_total, Money::ZERO);
            v.lines[0].text(Lang::En).to_string()
        })
        .collect();
    assert_eq!(
        messages,
        [
            "course c-1 is under contract lejre-jobparate, not other",
            "course c-1 is judged by version 1 of lejre-jobparate, which is with supplier CVR 00000000, not 12345678",
            "contract gone has no versions",
        ]
    );
}
