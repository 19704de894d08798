//! Register evidence: the derivation rules at their edges and each
//! milestone judged a second time, worked out by hand from Lejre's
//! contract version 1 (job start, 3 and 6 months' retention; only
//! fleksjob allowed; supplier CVR 00000000) with a `[registers]` table
//! added: a month is work from 80 paid hours; KH = kontanthjaelp,
//! FJ = fleksjob. Courses are judged as of 31 Dec 2025.

mod support;

use chrono::NaiveDate;
use nocure::contract::ContractSet;
use nocure::course::Course;
use nocure::evidence::derive::spread;
use nocure::evidence::judge::check;
use nocure::evidence::{BenefitRow, IncomeRow, Registers};
use nocure::ids::{CitizenRef, Cvr};
use nocure::lang::Lang;
use nocure::money::Money;
use nocure::wire::contract_file::parse_toml;
use rust_decimal::Decimal;
use serde_json::json;

const REGISTERS: &str = r#"
[registers]
min_paid_hours_per_month = 80

[registers.benefit_codes]
KH = "kontanthjaelp"
FJ = "fleksjob"
"#;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Lejre's version 1 without its own `[registers]` table (the tests set
/// their own threshold).
fn v1() -> String {
    let text = std::fs::read_to_string(support::root().join("contracts/lejre-jobparate-v1.toml")).unwrap();
    let cut = text.find("\n# How finance checks a claim").expect("v1 has a [registers] table");
    text[..cut].to_string()
}

fn contracts() -> ContractSet {
    let text = v1();
    let parsed = parse_toml(&format!("{text}\n{REGISTERS}")).unwrap();
    let mut set = ContractSet::new();
    set.add("v1", parsed).unwrap();
    set
}

/// p-1, referred 3 Feb 2025, course from 10 Feb, job recorded from 3 Mar.
fn course(set: &ContractSet) -> Course {
    let c = json!([{ "course_id": "c-1", "citizen": "p-1", "contract": "lejre-jobparate", "target_group": "dagpenge",
        "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK" },
        "events": [{ "type": "course_started", "date": "2025-02-10" }, { "type": "job_started", "date": "2025-03-03" }] }]);
    support::courses(set, &c).remove(0)
}

fn income(cvr: &str, from: NaiveDate, to: NaiveDate, hours: &str) -> IncomeRow {
    IncomeRow {
        citizen: CitizenRef::parse("p-1").unwrap(),
        employer: Cvr::parse(cvr).unwrap(),
        from,
        to,
        hours: dec(hours),
        income: Money::parse("30000.00").unwrap(),
    }
}

/// Monthly pay periods of 160 hours at CVR 12345678 from `first` to
/// 31 Dec 2025 (the first period starts on `first`).
fn monthly(first: NaiveDate) -> Vec<IncomeRow> {
    let mut rows = Vec::new();
    let mut from = first;
    while from <= d(2025, 12, 31) {
        let next = nocure::calendar::add_months(from.with_day0(0).unwrap(), 1);
        rows.push(income("12345678", from, next.pred_opt().unwrap(), "160"));
        from = next;
    }
    rows
}

use chrono::Datelike;

fn week(year: i32, week: u32, code: &str) -> BenefitRow {
    BenefitRow { citizen: CitizenRef::parse("p-1").unwrap(), year, week, code: code.into() }
}

fn said(regs: &Registers) -> (Vec<String>, Vec<String>, Vec<bool>) {
    let set = contracts();
    let c = course(&set);
    let r = check(&set, &c, regs, d(2025, 12, 31)).expect("the contract has [registers]");
    (
        r.differences.iter().map(|x| x.say(Lang::En)).collect(),
        r.differences.iter().map(|x| x.say(Lang::Da)).collect(),
        r.milestones.iter().map(|m| m.disagrees()).collect(),
    )
}

#[test]
fn a_pay_period_spanning_two_months_is_spread_by_its_days() {
    // 16 Mar - 15 Apr 2025 is 31 days; 155 hours are 5 a day:
    // March 16 days × 5 = 80, April 15 days × 5 = 75.
    let parts = spread(d(2025, 3, 16), d(2025, 4, 15), dec("155"));
    assert_eq!(
        parts,
        vec![
            (d(2025, 3, 1), dec("80"), d(2025, 3, 16), d(2025, 3, 31)),
            (d(2025, 4, 1), dec("75"), d(2025, 4, 1), d(2025, 4, 15)),
        ]
    );
}

#[test]
fn a_month_is_work_from_the_threshold_on_and_not_a_hundredth_below() {
    let set = contracts();
    let c = course(&set);
    let p1 = CitizenRef::parse("p-1").unwrap();
    let rules = set.latest("lejre-jobparate").unwrap().registers.clone().unwrap();
    let supplier = Cvr::parse("00000000").unwrap();
    // March: exactly 80 hours, a work month; April: 79.99, not one. The
    // extract runs to 30 Apr, so the March work period ends on 31 Mar.
    let regs = Registers {
        income: vec![
            income("12345678", d(2025, 3, 3), d(2025, 3, 31), "80"),
            income("12345678", d(2025, 4, 1), d(2025, 4, 30), "79.99"),
        ],
        benefits: vec![],
    };
    let e = nocure::evidence::derive::derive(&rules, &supplier, &regs, &p1, nocure::benefit::JobType::Ordinary);
    assert_eq!(e.spells.len(), 1);
    assert_eq!((e.spells[0].start, e.spells[0].end), (d(2025, 3, 3), Some(d(2025, 3, 31))));
    assert_eq!(c.citizen, p1);
    // The period spanning months: March gets 80 (work), April 75 (not).
    let regs = Registers { income: vec![income("12345678", d(2025, 3, 16), d(2025, 4, 15), "155")], benefits: vec![] };
    let e = nocure::evidence::derive::derive(&rules, &supplier, &regs, &p1, nocure::benefit::JobType::Ordinary);
    // The extract ends 15 Apr, inside April, but April is no work month:
    // the work period is March's, from 16 Mar to 31 Mar.
    assert_eq!(e.spells.len(), 1);
    assert_eq!((e.spells[0].start, e.spells[0].end), (d(2025, 3, 16), Some(d(2025, 3, 31))));
}

#[test]
fn an_iso_week_spanning_two_months_or_two_years_runs_monday_to_sunday() {
    // Week 14 of 2025: Monday 31 Mar to Sunday 6 Apr.
    assert_eq!(week(2025, 14, "KH").days(), Some((d(2025, 3, 31), d(2025, 4, 6))));
    // Week 1 of 2025 starts on Monday 30 Dec 2024.
    assert_eq!(week(2025, 1, "KH").days(), Some((d(2024, 12, 30), d(2025, 1, 5))));
    // 2025 has 52 ISO weeks; 2026 has 53.
    assert_eq!(week(2025, 53, "KH").days(), None);
    assert_eq!(week(2026, 53, "KH").days(), Some((d(2026, 12, 28), d(2027, 1, 3))));
}

#[test]
fn registers_that_confirm_the_job_say_nothing() {
    let regs = Registers { income: monthly(d(2025, 3, 3)), benefits: vec![week(2025, 20, "FJ")] };
    let (en, _, flags) = said(&regs);
    // Work from 3 Mar, every month 160 hours; fleksjob is allowed.
    assert!(en.is_empty(), "{en:?}");
    assert_eq!(flags, vec![false, false, false]);
}

#[test]
fn a_late_first_pay_period_is_named_with_its_month() {
    // Recorded 3 Mar; the first paid month is April. On the registers the
    // job starts 1 Apr: job start 1 Apr, 3 months 1 Jul, 6 months 1 Oct,
    // all achieved by 31 Dec, so no milestone is flagged.
    let regs = Registers { income: monthly(d(2025, 4, 1)), benefits: vec![] };
    let (en, da, flags) = said(&regs);
    assert_eq!(en, vec!["job start recorded 3 Mar 2025, first paid hours in April 2025"]);
    assert_eq!(da, vec!["jobstart registreret 03.03.2025, første lønnede timer i april 2025"]);
    assert_eq!(flags, vec![false, false, false]);
}

#[test]
fn a_benefit_week_inside_the_retention_breaks_it_on_the_registers() {
    // Job from 3 Mar; the 3-month retention runs 3 Mar - 2 Jun. Week 14
    // (31 Mar - 6 Apr) with kontanthjaelp lies inside it: the chain breaks,
    // on_break = forfeit, so 3 and 6 months are forfeited on the registers
    // while the recorded events achieve them (3 Jun, 3 Sep).
    let regs = Registers { income: monthly(d(2025, 3, 3)), benefits: vec![week(2025, 14, "KH")] };
    let (en, da, flags) = said(&regs);
    assert_eq!(en[0], "benefit (kontanthjaelp) paid in week 14 of 2025 inside the 3-month retention");
    assert_eq!(da[0], "ydelse (kontanthjælp) udbetalt i uge 14 2025 inden for fastholdelse i 3 måneder");
    assert_eq!(flags, vec![false, true, true]);
    assert!(
        en.contains(
            &"job kept 3 months: achieved on 3 Jun 2025 on the recorded events, forfeited on the registers".to_string()
        ),
        "{en:?}"
    );
}

#[test]
fn a_benefit_week_the_recorded_events_already_show_is_no_difference() {
    // The same job from 3 Mar, and the caseworker has recorded kontanthjaelp
    // paid on 1 Apr; the register's week 14 (31 Mar - 6 Apr) says the same.
    // Both judgements forfeit 3 and 6 months (the chain breaks on 1 Apr and
    // on 31 Mar, on_break = forfeit): the registers confirm the recording,
    // so there is nothing to tell finance and no line to flag.
    let set = contracts();
    let c = json!([{ "course_id": "c-1", "citizen": "p-1", "contract": "lejre-jobparate", "target_group": "dagpenge",
        "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK" },
        "events": [{ "type": "course_started", "date": "2025-02-10" }, { "type": "job_started", "date": "2025-03-03" },
                   { "type": "benefit_paid", "from": "2025-04-01", "to": "2025-04-01", "benefit": "kontanthjaelp" }] }]);
    let course = support::courses(&set, &c).remove(0);
    let regs = Registers { income: monthly(d(2025, 3, 3)), benefits: vec![week(2025, 14, "KH")] };
    let r = check(&set, &course, &regs, d(2025, 12, 31)).expect("the contract has [registers]");
    let en: Vec<String> = r.differences.iter().map(|x| x.say(Lang::En)).collect();
    assert!(en.is_empty(), "{en:?}");
    assert!(r.milestones.iter().all(|m| !m.disagrees()));
    // A second benefit week the recording does not show is still named.
    let regs = Registers { income: monthly(d(2025, 3, 3)), benefits: vec![week(2025, 14, "KH"), week(2025, 16, "KH")] };
    let r = check(&set, &course, &regs, d(2025, 12, 31)).unwrap();
    let en: Vec<String> = r.differences.iter().map(|x| x.say(Lang::En)).collect();
    assert_eq!(en, vec!["benefit (kontanthjaelp) paid in week 16 of 2025 inside the 3-month retention"]);
}

#[test]
fn hours_paid_by_the_supplier_itself_are_not_work() {
    // Every hour is paid at the supplier's own CVR: no work on the
    // registers, so nothing is achieved there; the course is still running
    // (no end recorded), so the milestones are pending, not forfeited.
    let mut rows = monthly(d(2025, 3, 3));
    for r in &mut rows {
        r.employer = Cvr::parse("00000000").unwrap();
    }
    let regs = Registers { income: rows, benefits: vec![week(2025, 30, "XX")] };
    let (en, da, flags) = said(&regs);
    assert_eq!(en[0], "job start recorded 3 Mar 2025, no month with enough paid hours in the income register");
    assert_eq!(en[1], "paid hours at the supplier's own CVR number in March 2025");
    assert_eq!(da[1], "lønnede timer hos leverandørens eget CVR-nummer i marts 2025");
    // March to December: 10 months at the supplier.
    assert_eq!(en.iter().filter(|s| s.starts_with("paid hours at the supplier")).count(), 10);
    assert!(en.contains(&"benefit code XX in week 30 of 2025 is not in the contract's code table".to_string()));
    assert_eq!(flags, vec![true, true, true]);
}

#[test]
fn a_registers_table_with_a_bad_benefit_or_threshold_is_refused_with_its_line() {
    let text = v1();
    let lines = text.lines().count() as u32;
    let bad = "\n[registers]\nmin_paid_hours_per_month = 0\n\n[registers.benefit_codes]\nKH = \"kontant\"\n";
    let problems = parse_toml(&format!("{text}{bad}")).unwrap_err();
    let got: Vec<(String, Option<u32>)> = problems.iter().map(|p| (p.field.clone(), p.line)).collect();
    // The appended text starts on the line after the file's last line.
    assert_eq!(
        got,
        vec![
            ("registers.min_paid_hours_per_month".to_string(), Some(lines + 3)),
            ("registers.benefit_codes.KH".to_string(), Some(lines + 6)),
        ]
    );
}

#[test]
fn the_example_extracts_are_read_and_one_cpr_is_one_pseudonym_in_both() {
    let key = nocure::cpr::PseudonymKey::new(b"a test key of thirty-two bytes!!".to_vec()).unwrap();
    let read = |f: &str| std::fs::read_to_string(support::root().join("examples").join(f)).unwrap();
    let income = nocure::wire::registers_csv::income(&read("income.csv"), "income.csv", &key).unwrap();
    let benefits = nocure::wire::registers_csv::benefits(&read("benefits.csv"), "benefits.csv", &key).unwrap();
    assert_eq!((income.len(), benefits.len()), (4, 3));
    assert_eq!(income[0].citizen, benefits[0].citizen);
    assert_eq!(income[1].hours, dec("152.5"));
    assert_eq!((benefits[2].year, benefits[2].week), (2025, 1));
    assert!(!income[0].citizen.as_str().contains("010185"));
}

#[test]
fn the_week_a_job_starts_in_is_benefit_only_before_its_first_day() {
    // A job recorded from Wednesday 5 Mar 2025, paid from that day; the
    // benefit register shows kontanthjaelp (KH) in week 10,
    // Monday 3 Mar to Sunday 9 Mar: paid for 3-4 Mar, before the job. That
    // is no break: no difference, no milestone flagged.
    let set = contracts();
    let c = json!([{ "course_id": "c-2", "citizen": "p-1", "contract": "lejre-jobparate", "target_group": "dagpenge",
        "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK" },
        "events": [{ "type": "course_started", "date": "2025-02-10" }, { "type": "job_started", "date": "2025-03-05" }] }]);
    let course = support::courses(&set, &c).remove(0);
    let regs = Registers { income: monthly(d(2025, 3, 5)), benefits: vec![week(2025, 10, "KH")] };
    let r = check(&set, &course, &regs, d(2025, 12, 31)).unwrap();
    let en: Vec<String> = r.differences.iter().map(|x| x.say(Lang::En)).collect();
    assert!(en.is_empty(), "{en:?}");
    assert!(r.milestones.iter().all(|m| !m.disagrees()));
    // The week after (week 11, 10-16 Mar) is inside the job: a break.
    let regs = Registers { income: monthly(d(2025, 3, 5)), benefits: vec![week(2025, 11, "KH")] };
    let r = check(&set, &course, &regs, d(2025, 12, 31)).unwrap();
    assert_eq!(
        r.differences[0].say(Lang::En),
        "benefit (kontanthjaelp) paid in week 11 of 2025 inside the 3-month retention"
    );
}

/// Income rows of another citizen (p-2) only: they set how far the extract
/// reaches, and say nothing of p-1.
fn other(from: NaiveDate, to: NaiveDate) -> IncomeRow {
    IncomeRow { citizen: CitizenRef::parse("p-2").unwrap(), ..income("12345678", from, to, "160") }
}

#[test]
fn a_job_starting_the_day_after_the_extract_ends_is_not_covered_yet_not_contradicted() {
    // The extract's last pay period ends 2 Mar 2025; the job is recorded
    // from 3 Mar, the day after. Rule 5: job start achieved on 3 Mar;
    // rule 6: 3 and 6 months' retention on 3 Mar + 3 months = 3 Jun and
    // 3 Mar + 6 months = 3 Sep 2025. None of these days is in the extract:
    // the registers are silent about them, not against them.
    let regs = Registers { income: vec![other(d(2025, 2, 1), d(2025, 3, 2))], benefits: vec![] };
    let (en, da, flags) = said(&regs);
    assert_eq!(
        en,
        vec![
            "job start recorded 3 Mar 2025, not covered by the income register yet (it reaches 2 Mar 2025)",
            "job start: achieved on 3 Mar 2025 on the recorded events, not covered by the registers yet (the income register reaches 2 Mar 2025)",
            "job kept 3 months: achieved on 3 Jun 2025 on the recorded events, not covered by the registers yet (the income register reaches 2 Mar 2025)",
            "job kept 6 months: achieved on 3 Sep 2025 on the recorded events, not covered by the registers yet (the income register reaches 2 Mar 2025)",
        ]
    );
    assert_eq!(
        da[0],
        "jobstart registreret 03.03.2025, endnu ikke dækket af indkomstregistret (det når til 02.03.2025)"
    );
    assert_eq!(
        da[2],
        "fastholdelse i 3 måneder: opnået 03.06.2025 efter de registrerede hændelser, endnu ikke dækket af registrene \
         (indkomstregistret når til 02.03.2025)"
    );
    // No invoice line is flagged for any of them.
    assert_eq!(flags, vec![false, false, false]);

    // One day more in the extract (to 3 Mar) covers the job start: now the
    // registers' silence on p-1 is evidence, and it is said so.
    let regs = Registers { income: vec![other(d(2025, 2, 1), d(2025, 3, 3))], benefits: vec![] };
    let (en, _, flags) = said(&regs);
    assert_eq!(en[0], "job start recorded 3 Mar 2025, no month with enough paid hours in the income register");
    assert_eq!(flags, vec![true, false, false]);
}

#[test]
fn a_retention_window_the_extract_covers_in_part_is_not_covered_yet() {
    // p-1 is paid 160 hours for 3-31 Mar and 20 hours in April (below the
    // 80-hour threshold); the extract ends 30 Apr. On the registers the job
    // is March only. Job start (3 Mar) is covered and confirmed; the
    // 3-month retention (3 Jun) and 6-month (3 Sep) lie beyond 30 Apr: not
    // covered yet, not forfeited, and not flagged.
    let regs = Registers {
        income: vec![
            income("12345678", d(2025, 3, 3), d(2025, 3, 31), "160"),
            income("12345678", d(2025, 4, 1), d(2025, 4, 30), "20"),
        ],
        benefits: vec![],
    };
    let (en, _, flags) = said(&regs);
    assert_eq!(
        en,
        vec![
            "job kept 3 months: achieved on 3 Jun 2025 on the recorded events, not covered by the registers yet (the income register reaches 30 Apr 2025)",
            "job kept 6 months: achieved on 3 Sep 2025 on the recorded events, not covered by the registers yet (the income register reaches 30 Apr 2025)",
        ]
    );
    assert_eq!(flags, vec![false, false, false]);
    let set = contracts();
    let r = check(&set, &course(&set), &regs, d(2025, 12, 31)).unwrap();
    let covered: Vec<bool> = r.milestones.iter().map(|m| m.covered).collect();
    assert_eq!(covered, vec![true, false, false]);
}
