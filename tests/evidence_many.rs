//! Judging many courses at once (invoice verification's flags, the register
//! page): each citizen's rows are found once, and every course is judged
//! against how far the whole income extract reaches, not how far its own
//! citizen's rows do. Worked out by hand from Lejre's contract version 1 as
//! filed (job start, 3 and 6 months' retention; supplier CVR 00000000; a
//! month is work from 40 paid hours), judged as of 31 Dec 2025.

mod support;

use chrono::NaiveDate;
use nocure::contract::ContractSet;
use nocure::course::Course;
use nocure::evidence::flag::flag;
use nocure::evidence::judge::{check, check_until};
use nocure::evidence::{IncomeRow, Registers};
use nocure::ids::{CitizenRef, ContractId, CourseId, Cvr, InvoiceNumber};
use nocure::invoice::{Audience, Invoice, InvoiceLine, verify};
use nocure::money::Money;
use serde_json::json;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// c-1 for p-1 and c-2 for p-2, both referred 3 Feb 2025 with a job
/// recorded from 3 Mar 2025 and never ended: job start 3 Mar, 3 months
/// 3 Jun, 6 months 3 Sep, all achieved on the recorded events.
fn courses(set: &ContractSet) -> Vec<Course> {
    let one = |id: &str, citizen: &str| {
        json!({ "course_id": id, "citizen": citizen, "contract": "lejre-jobparate", "target_group": "dagpenge",
            "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK" },
            "events": [{ "type": "course_started", "date": "2025-02-10" }, { "type": "job_started", "date": "2025-03-03" }] })
    };
    support::courses(set, &json!([one("c-1", "p-1"), one("c-2", "p-2")]))
}

/// 160 paid hours a month at CVR 12345678 for `citizen`, from 3 Mar 2025
/// to the end of month `last_month` of 2025.
fn paid(citizen: &str, last_month: u32) -> Vec<IncomeRow> {
    let row = |from: NaiveDate, to: NaiveDate| IncomeRow {
        citizen: CitizenRef::parse(citizen).unwrap(),
        employer: Cvr::parse("12345678").unwrap(),
        from,
        to,
        hours: "160".parse().unwrap(),
        income: Money::parse("30000.00").unwrap(),
    };
    let mut rows = vec![row(d(2025, 3, 3), d(2025, 3, 31))];
    for m in 4..=last_month {
        rows.push(row(d(2025, m, 1), nocure::calendar::add_months(d(2025, m, 1), 1).pred_opt().unwrap()));
    }
    rows
}

/// p-1 paid March and April only, p-2 every month to December: the income
/// register reaches 31 Dec 2025.
fn registers() -> Registers {
    let mut income = paid("p-1", 4);
    income.extend(paid("p-2", 12));
    Registers { income, benefits: vec![] }
}

#[test]
fn a_citizens_own_rows_are_judged_against_how_far_the_whole_register_reaches() {
    let set = support::contracts("contracts");
    let c1 = courses(&set).remove(0);
    let regs = registers();
    assert_eq!(regs.income_until(), Some(d(2025, 12, 31)));
    // On the registers p-1 works 3 Mar - 30 Apr, then nothing while the
    // register runs on to December: job start confirmed, the chain breaks
    // on 1 May, so 3 months (recorded 3 Jun) and 6 months (3 Sep) are
    // contradicted, both days covered.
    let whole = check(&set, &c1, &regs, d(2025, 12, 31)).unwrap();
    assert_eq!(whole.milestones.iter().map(|m| m.disagrees()).collect::<Vec<_>>(), [false, true, true]);
    // p-1's rows alone, with the whole register's last day: the same check.
    let by_citizen = regs.by_citizen();
    assert_eq!(by_citizen.len(), 2);
    let own = &by_citizen[&CitizenRef::parse("p-1").unwrap()];
    assert_eq!(own.income.len(), 2);
    assert_eq!(check_until(&set, &c1, own, regs.income_until(), d(2025, 12, 31)).unwrap(), whole);
    // Judged on p-1's rows with their own last day (30 Apr), 3 Jun would
    // be "not covered yet": the reason the last day is the whole register's.
    let alone = check(&set, &c1, own, d(2025, 12, 31)).unwrap();
    assert_eq!(alone.milestones.iter().map(|m| m.disagrees()).collect::<Vec<_>>(), [false, false, false]);
}

#[test]
fn invoice_lines_for_several_citizens_are_flagged_each_by_their_own_rows() {
    let set = support::contracts("contracts");
    let all = courses(&set);
    let line = |n: u32, course: &str, milestone: &str, kr: i64| InvoiceLine {
        line: n,
        course_id: CourseId::parse(course).unwrap(),
        milestone: milestone.to_string(),
        amount: Money::kr(kr),
    };
    let inv = Invoice {
        supplier_cvr: Cvr::parse("00000000").unwrap(),
        number: InvoiceNumber::parse("INV-7").unwrap(),
        contract: ContractId::parse("lejre-jobparate").unwrap(),
        as_of: d(2025, 12, 31),
        due_on: d(2026, 1, 30),
        lines: vec![
            line(1, "c-1", "job_start", 5000),
            line(2, "c-1", "retention_3m", 10000),
            line(3, "c-2", "job_start", 5000),
            line(4, "c-2", "retention_3m", 10000),
        ],
    };
    let mut v = verify(&inv, &set, &all, &|_| None, Audience::Finance);
    assert!(v.lines.iter().all(|l| l.approved()), "{:?}", v.lines);
    flag(&mut v, &inv, &set, &all, &registers());
    // Only c-1's 3 months is contradicted (p-1's pay stops after April);
    // p-2's registers confirm both of c-2's lines.
    let flagged: Vec<bool> = v.lines.iter().map(|l| l.registers.is_some()).collect();
    assert_eq!(flagged, [false, true, false, false]);
}
