//! Register evidence at the edges the mutation run found unpinned
//! (TESTING.md): a one-day pay period, rows of another citizen and of no
//! hours, work months with a gap between them, benefit weeks on either side
//! of a retention's last day, and the flag an invoice line gets. Worked out
//! by hand from Lejre's contract version 1 as filed (job start, 3 and 6
//! months' retention; only fleksjob allowed; supplier CVR 00000000; a month
//! is work from 40 paid hours; KH = kontanthjaelp, FJ = fleksjob).

mod support;

use chrono::{Datelike, NaiveDate};
use nocure::benefit::JobType;
use nocure::contract::ContractSet;
use nocure::contract::registers::RegisterRules;
use nocure::course::Course;
use nocure::evidence::derive::{derive, spread};
use nocure::evidence::flag::flag;
use nocure::evidence::judge::check;
use nocure::evidence::{BenefitRow, IncomeRow, Registers};
use nocure::ids::{CitizenRef, ContractId, CourseId, Cvr, InvoiceNumber};
use nocure::invoice::{Audience, Invoice, InvoiceLine, verify};
use nocure::lang::Lang;
use nocure::money::Money;
use rust_decimal::Decimal;
use serde_json::json;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn contracts() -> ContractSet {
    support::contracts("contracts")
}

fn rules(set: &ContractSet) -> RegisterRules {
    set.latest("lejre-jobparate").unwrap().registers.clone().expect("v1 has a [registers] table")
}

/// c-1 for p-1, referred 3 Feb 2025, course from 10 Feb, job recorded
/// from 3 Mar 2025.
fn course(set: &ContractSet) -> Course {
    let c = json!([{ "course_id": "c-1", "citizen": "p-1", "contract": "lejre-jobparate", "target_group": "dagpenge",
        "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK" },
        "events": [{ "type": "course_started", "date": "2025-02-10" }, { "type": "job_started", "date": "2025-03-03" }] }]);
    support::courses(set, &c).remove(0)
}

fn income(citizen: &str, cvr: &str, from: NaiveDate, to: NaiveDate, hours: &str) -> IncomeRow {
    IncomeRow {
        citizen: CitizenRef::parse(citizen).unwrap(),
        employer: Cvr::parse(cvr).unwrap(),
        from,
        to,
        hours: dec(hours),
        income: Money::parse("30000.00").unwrap(),
    }
}

/// Monthly pay periods of 160 hours for p-1 at `cvr`, from 3 Mar 2025 to
/// 31 Dec 2025.
fn monthly(cvr: &str) -> Vec<IncomeRow> {
    let mut rows = vec![income("p-1", cvr, d(2025, 3, 3), d(2025, 3, 31), "160")];
    for m in 4..=12 {
        let last = nocure::calendar::add_months(d(2025, m, 1), 1).pred_opt().unwrap();
        rows.push(income("p-1", cvr, d(2025, m, 1), last, "160"));
    }
    rows
}

fn week(year: i32, week: u32, code: &str) -> BenefitRow {
    BenefitRow { citizen: CitizenRef::parse("p-1").unwrap(), year, week, code: code.into() }
}

fn p1() -> CitizenRef {
    CitizenRef::parse("p-1").unwrap()
}

fn supplier() -> Cvr {
    Cvr::parse("00000000").unwrap()
}

#[test]
fn a_pay_period_of_one_day_is_that_day_with_all_its_hours() {
    // 5 Mar to 5 Mar is 1 day: all 8 hours fall on it, in March.
    assert_eq!(
        spread(d(2025, 3, 5), d(2025, 3, 5), dec("8")),
        vec![(d(2025, 3, 1), dec("8"), d(2025, 3, 5), d(2025, 3, 5))]
    );
    // A period ending before it starts spreads nothing.
    assert_eq!(spread(d(2025, 3, 5), d(2025, 3, 4), dec("8")), vec![]);
}

#[test]
fn another_citizens_hours_are_not_this_citizens_work() {
    let set = contracts();
    // p-2 works 160 hours in March; p-1 has no row: p-1 has no work month.
    let regs =
        Registers { income: vec![income("p-2", "12345678", d(2025, 3, 1), d(2025, 3, 31), "160")], benefits: vec![] };
    let e = derive(&rules(&set), &supplier(), &regs, &p1(), JobType::Ordinary);
    assert!(e.months.is_empty() && e.spells.is_empty(), "{e:?}");
    // p-2 at the supplier's own CVR is not p-1's either.
    let regs =
        Registers { income: vec![income("p-2", "00000000", d(2025, 3, 1), d(2025, 3, 31), "160")], benefits: vec![] };
    assert!(derive(&rules(&set), &supplier(), &regs, &p1(), JobType::Ordinary).at_supplier.is_empty());
}

#[test]
fn a_row_of_no_hours_is_no_month_and_nothing_at_the_supplier() {
    let set = contracts();
    // 0 hours at the supplier's own CVR in April: not hours paid by it.
    // 0 hours at another employer in May: no month with hours.
    let regs = Registers {
        income: vec![
            income("p-1", "00000000", d(2025, 4, 1), d(2025, 4, 30), "0"),
            income("p-1", "12345678", d(2025, 5, 1), d(2025, 5, 31), "0"),
        ],
        benefits: vec![],
    };
    let e = derive(&rules(&set), &supplier(), &regs, &p1(), JobType::Ordinary);
    assert_eq!(e.at_supplier, Vec::<NaiveDate>::new());
    assert!(e.months.is_empty(), "{:?}", e.months);
}

#[test]
fn two_rows_in_one_month_add_up_to_a_work_month() {
    let set = contracts();
    // Two employers pay 20 hours each in March 2025: 20 + 20 = 40, exactly
    // the contract's 40 hours, so March is a work month. The extract runs to
    // 30 Apr (a 0-hour row), so March's period has ended: 3 Mar - 28 Mar.
    let regs = Registers {
        income: vec![
            income("p-1", "12345678", d(2025, 3, 3), d(2025, 3, 14), "20"),
            income("p-1", "87654321", d(2025, 3, 17), d(2025, 3, 28), "20"),
            income("p-1", "12345678", d(2025, 4, 1), d(2025, 4, 30), "0"),
        ],
        benefits: vec![],
    };
    let e = derive(&rules(&set), &supplier(), &regs, &p1(), JobType::Ordinary);
    assert_eq!(e.months.len(), 1);
    assert_eq!(
        (e.months[0].hours, e.months[0].first_paid, e.months[0].last_paid),
        (dec("40"), d(2025, 3, 3), d(2025, 3, 28))
    );
    assert_eq!(e.spells.len(), 1);
    assert_eq!((e.spells[0].start, e.spells[0].end), (d(2025, 3, 3), Some(d(2025, 3, 28))));
}

#[test]
fn work_months_with_a_month_between_them_are_two_work_periods() {
    let set = contracts();
    // March 160 hours, April none, May 160 hours; the extract ends 31 May,
    // the end of May, so May's period is still running.
    let regs = Registers {
        income: vec![
            income("p-1", "12345678", d(2025, 3, 3), d(2025, 3, 31), "160"),
            income("p-1", "12345678", d(2025, 5, 1), d(2025, 5, 31), "160"),
        ],
        benefits: vec![],
    };
    let e = derive(&rules(&set), &supplier(), &regs, &p1(), JobType::Ordinary);
    let spells: Vec<_> = e.spells.iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(spells, vec![(d(2025, 3, 3), Some(d(2025, 3, 31))), (d(2025, 5, 1), None)]);
    // March and April, one after the other, are one work period: from
    // 3 Mar, still running when the extract ends on 30 Apr.
    let regs = Registers {
        income: vec![
            income("p-1", "12345678", d(2025, 3, 3), d(2025, 3, 31), "160"),
            income("p-1", "12345678", d(2025, 4, 1), d(2025, 4, 30), "160"),
        ],
        benefits: vec![],
    };
    let e = derive(&rules(&set), &supplier(), &regs, &p1(), JobType::Ordinary);
    let spells: Vec<_> = e.spells.iter().map(|s| (s.start, s.end)).collect();
    assert_eq!(spells, vec![(d(2025, 3, 3), None)]);
}

/// The weeks named as a benefit inside a retention, for one KH week.
fn in_retention(week_no: u32) -> Vec<String> {
    let set = contracts();
    let c = course(&set);
    let regs = Registers { income: monthly("12345678"), benefits: vec![week(2025, week_no, "KH")] };
    let r = check(&set, &c, &regs, d(2025, 12, 31)).unwrap();
    r.differences.iter().filter(|x| x.code() == "benefit_in_retention").map(|x| x.say(Lang::En)).collect()
}

#[test]
fn a_benefit_week_is_named_by_the_retention_its_monday_falls_in() {
    // Job from 3 Mar 2025. The 3-month retention runs 3 Mar - 2 Jun
    // (3 Jun less a day), the 6-month one 3 Mar - 2 Sep.
    // Week 23 of 2025 starts Monday 2 Jun, the 3-month retention's last day.
    assert_eq!(in_retention(23), vec!["benefit (kontanthjaelp) paid in week 23 of 2025 inside the 3-month retention"]);
    // Week 24 starts Monday 9 Jun: past 3 months, inside 6.
    assert_eq!(in_retention(24), vec!["benefit (kontanthjaelp) paid in week 24 of 2025 inside the 6-month retention"]);
    // Week 36 starts Monday 1 Sep, inside 6 months (to 2 Sep).
    assert_eq!(in_retention(36), vec!["benefit (kontanthjaelp) paid in week 36 of 2025 inside the 6-month retention"]);
    // Week 37 starts Monday 8 Sep: after every retention, not named.
    assert_eq!(in_retention(37), Vec::<String>::new());
    // Week 9 (24 Feb - 2 Mar) ends before the job starts: not named.
    assert_eq!(in_retention(9), Vec::<String>::new());
}

fn invoice(lines: &[(&str, &str)]) -> Invoice {
    Invoice {
        supplier_cvr: supplier(),
        number: InvoiceNumber::parse("INV-9").unwrap(),
        contract: ContractId::parse("lejre-jobparate").unwrap(),
        as_of: d(2025, 12, 31),
        due_on: d(2026, 1, 30),
        lines: lines
            .iter()
            .enumerate()
            .map(|(i, (course, milestone))| InvoiceLine {
                line: i as u32 + 1,
                course_id: CourseId::parse(course).unwrap(),
                milestone: milestone.to_string(),
                amount: Money::kr(if *milestone == "job_start" { 5000 } else { 10000 }),
            })
            .collect(),
    }
}

/// The register sentences (English, Danish) each line gets after `flag`.
fn flagged(regs: &Registers) -> Vec<Option<(String, String)>> {
    let set = contracts();
    let courses = vec![course(&set)];
    let inv = invoice(&[("c-1", "job_start"), ("c-1", "retention_3m")]);
    let mut v = verify(&inv, &set, &courses, &|_| None, Audience::Finance);
    assert!(v.lines.iter().all(|l| l.approved()), "{:?}", v.lines);
    flag(&mut v, &inv, &set, &courses, regs);
    v.lines.iter().map(|l| l.registers.clone().map(|s| (s.en, s.da))).collect()
}

#[test]
fn an_approved_line_the_registers_contradict_is_flagged_with_what_they_say() {
    // Every hour of March - December 2025 is paid at the supplier's own CVR:
    // no work month on the registers, so neither job start (recorded 3 Mar)
    // nor 3 months (recorded 3 Jun) is achieved there. Both lines stay
    // approved and carry the differences in the order found: the job start,
    // then the supplier's months, first March.
    let flags = flagged(&Registers { income: monthly("00000000"), benefits: vec![] });
    assert_eq!(flags.len(), 2);
    for f in &flags {
        let (en, da) = f.as_ref().expect("flagged");
        assert!(
            en.starts_with(
                "job start recorded 3 Mar 2025, no month with enough paid hours in the income register; \
                 paid hours at the supplier's own CVR number in March 2025; "
            ),
            "{en}"
        );
        assert!(
            da.starts_with(
                "jobstart registreret 03.03.2025, ingen måned med nok lønnede timer i indkomstregistret; \
                 lønnede timer hos leverandørens eget CVR-nummer i marts 2025; "
            ),
            "{da}"
        );
    }
}

#[test]
fn registers_that_confirm_the_line_or_do_not_reach_it_leave_it_unflagged() {
    // Paid 160 hours a month at another employer from 3 Mar: the registers
    // achieve what the recorded events do.
    assert_eq!(flagged(&Registers { income: monthly("12345678"), benefits: vec![] }), vec![None, None]);
    // An extract that ends 28 Feb 2025, before job start (3 Mar): silence
    // is no evidence, nothing is flagged.
    let early = vec![income("p-1", "00000000", d(2025, 2, 1), d(2025, 2, 28), "160")];
    assert_eq!(flagged(&Registers { income: early, benefits: vec![] }), vec![None, None]);
    // No income extract at all: nothing is flagged.
    assert_eq!(flagged(&Registers::default()), vec![None, None]);
    // An extract to 31 May reaches job start (3 Mar) but not 3 months
    // (3 Jun): with every hour at the supplier, only job start is flagged.
    let to_may: Vec<IncomeRow> = monthly("00000000").into_iter().filter(|r| r.to.month() <= 5).collect();
    let flags = flagged(&Registers { income: to_may, benefits: vec![] });
    assert!(flags[0].is_some() && flags[1].is_none(), "{flags:?}");
}
