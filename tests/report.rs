//! Committee figures on a small fixture whose every figure is computed by
//! hand below (`tests/fixtures/report/portfolio.json`, Lejre's contract,
//! as of 31 Dec 2025).

mod support;

use chrono::NaiveDate;
use nocure::contract::ContractSet;
use nocure::course::Course;
use nocure::load::load_contracts;
use nocure::money::{Money, round};
use nocure::report::ledger::LedgerEntry;
use nocure::report::{Portfolio, portfolio, scenario};
use nocure::wire::course_file::read_json;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn lejre() -> ContractSet {
    let (set, problems, _) = load_contracts(&[support::root().join("contracts")]);
    assert!(problems.is_empty(), "{problems:?}");
    set
}

fn courses(set: &ContractSet) -> Vec<Course> {
    let file = support::root().join("tests/fixtures/report/portfolio.json");
    read_json(std::fs::File::open(&file).unwrap(), set, "portfolio.json").unwrap()
}

fn entry(
    id: u64,
    course: &str,
    citizen: &str,
    milestone: &str,
    amount: i64,
    booked: NaiveDate,
    due: NaiveDate,
) -> LedgerEntry {
    LedgerEntry {
        payment_id: id,
        course_id: course.into(),
        key: format!("lejre-jobparate/c:{citizen}/{milestone}"),
        milestone: milestone.into(),
        amount: Money::kr(amount),
        booked_on: booked,
        due_on: due,
        reversed_on: None,
    }
}

/// July's invoice (due 30 Aug): job starts of c-1, c-2, c-7 and c-2's three
/// months, reversed on 15 Nov. December's (due 30 Jan 2026): c-1's three
/// months and c-6's job start.
fn ledger() -> Vec<LedgerEntry> {
    let (jul, aug, dec, jan) = (d(2025, 7, 31), d(2025, 8, 30), d(2025, 12, 31), d(2026, 1, 30));
    let mut reversed = entry(3, "c-2", "p-2", "retention_3m", 10000, jul, aug);
    reversed.reversed_on = Some(d(2025, 11, 15));
    vec![
        entry(1, "c-1", "p-1", "job_start", 5000, jul, aug),
        entry(2, "c-2", "p-2", "job_start", 5000, jul, aug),
        reversed,
        entry(4, "c-1", "p-1", "retention_3m", 10000, dec, jan),
        entry(5, "c-6", "p-6", "job_start", 5000, dec, jan),
        entry(6, "c-7", "p-7", "job_start", 5000, jul, aug),
    ]
}

fn report() -> Portfolio {
    let set = lejre();
    let cs = courses(&set);
    portfolio(&set, "lejre-jobparate", &cs, &ledger(), d(2025, 12, 31)).unwrap()
}

fn kr(m: Money) -> String {
    m.rounded().plain()
}

#[test]
fn the_status_table_by_hand() {
    let p = report();
    let dag = p.group("dagpenge").unwrap();
    // c-9 is referred in 2026 and not counted. Ongoing c-5; in job c-1, c-2;
    // no job c-3 and c-8 (not eligible, but referred); interrupted c-4.
    assert_eq!(dag.counts.cells(), [6, 1, 2, 2, 1]);
    assert_eq!(dag.counts.success_rate().unwrap().percent(1), dec!(50.0));
    assert_eq!(p.group("ledighedsydelse").unwrap().counts.cells(), [1, 0, 1, 0, 0]);
    assert_eq!(p.group("integration").unwrap().counts.cells(), [1, 0, 1, 0, 0]);
    assert_eq!(p.total.counts.cells(), [8, 1, 4, 2, 1]);
    assert_eq!(p.total.counts.success_rate().unwrap().percent(1), dec!(66.7));
}

#[test]
fn money_by_hand() {
    let p = report();
    let dag = &p.group("dagpenge").unwrap().money;
    // Earned: c-1 all three (25,000), c-2 job start, c-5 job start.
    assert_eq!(kr(dag.earned), "35000.00");
    // Paid by 31 Dec: job starts of c-1 and c-2 (c-2's 3 months reversed).
    assert_eq!(kr(dag.paid), "10000.00");
    // c-1's 3 months is on December's invoice, due in January.
    assert_eq!(kr(dag.approved_unpaid), "10000.00");
    // Not invoiced: c-1's 6 months and c-5's job start.
    assert_eq!(kr(dag.earned_uninvoiced), "15000.00");
    // Still possible: c-5's 3 and 6 months.
    assert_eq!(kr(dag.liability), "20000.00");

    let led = &p.group("ledighedsydelse").unwrap().money;
    assert_eq!(
        (kr(led.earned), kr(led.paid), kr(led.approved_unpaid)),
        ("25000.00".into(), "0.00".into(), "5000.00".into())
    );
    assert_eq!(kr(led.earned_uninvoiced), "20000.00");
    let t = &p.total.money;
    assert_eq!(
        (kr(t.earned), kr(t.paid), kr(t.approved_unpaid)),
        ("85000.00".into(), "15000.00".into(), "15000.00".into())
    );
    assert_eq!((kr(t.earned_uninvoiced), kr(t.liability)), ("55000.00".into(), "20000.00".into()));
}

#[test]
fn realised_savings_and_deadweight_by_hand() {
    let p = report();
    let dag = p.group("dagpenge").unwrap();
    assert_eq!(dag.realised.job_starts, 3);
    assert_eq!(dag.realised.achieved, vec![3, 1, 1]);
    // c-1: in work the whole window 1 Apr - 31 Jul (122 days): 50,974.
    // c-2: 14 Apr - 31 May, 48 of the 122 days to 14 Aug: 20,055.344…
    // c-5: 1 - 31 Dec, 31 of the 121 days to 1 Apr 2026: 13,059.454…
    // Sum 84,088.798…; net of the 35,000 earned: 49,088.80.
    assert_eq!(kr(dag.realised.savings.unwrap()), "84088.80");
    assert_eq!(kr(dag.net_result().unwrap()), "49088.80");
    // 1 − 35,000 / 84,088.80 = 58.38 %; the contract's estimate 50.96 %.
    assert_eq!(dag.realised_deadweight().unwrap().percent(2), dec!(58.38));
    assert_eq!(dag.case.as_ref().unwrap().deadweight_break_even.unwrap().percent(2), dec!(50.96));

    // c-6 in fleksjob 5 May - 31 Dec: 241 of the 276 days to 5 Feb 2026, at
    // 118,195.50 − 80,634.75 = 37,560.75: 32,797.61.
    let led = p.group("ledighedsydelse").unwrap();
    assert_eq!(kr(led.realised.savings.unwrap()), "32797.61");
    assert_eq!(kr(led.net_result().unwrap()), "7797.61");
    // Integration has no estimate: no savings, no net result.
    assert_eq!(p.group("integration").unwrap().realised.savings, None);
    // The total of the groups with an estimate sets the 116,886.41 saved
    // against the 60,000 they earned; integration's 25,000 is apart.
    assert_eq!(kr(p.covered.realised.savings.unwrap()), "116886.41");
    assert_eq!(kr(p.covered.money.earned), "60000.00");
    assert_eq!(kr(p.covered.net_result().unwrap()), "56886.41");
}

/// Round once, at a stated place: each group's realised savings are
/// rounded to øre, and the total is the sum of the rounded rows.
#[test]
fn the_realised_total_is_the_sum_of_its_rounded_rows() {
    let p = report();
    // 84,088.798… → 84,088.80 and 32,797.611… → 32,797.61: 116,886.41, the
    // sum of the rows as printed.
    let rows: Money = p.groups.iter().filter_map(|g| g.realised.savings).sum();
    assert_eq!(p.covered.realised.savings, Some(rows));
    assert_eq!(p.series.last().unwrap().savings, rows, "the chart ends where the table does");
}

/// The total's months per job start is defined as its rows': months saved
/// over job starts, both over the groups with an estimate.
#[test]
fn months_per_job_start_in_the_total_leave_out_the_group_without_an_estimate() {
    let p = report();
    // Dagpenge: c-1 4 × 122/122 = 4, c-2 4 × 48/122 = 1.57377…, c-5
    // 4 × 31/121 = 1.02479…: 6.59856… over 3 job starts = 2.20.
    // Ledighedsydelse: c-6 9 × 241/276 = 7.85869… over 1 = 7.86.
    // Covered: (6.59856 + 7.85869) / 4 = 3.61; counting integration's job
    // start as well would give 14.45725 / 5 = 2.89.
    let m = |g: &nocure::report::GroupFigures| round(g.realised.months_per_job_start().unwrap(), 2);
    assert_eq!(m(p.group("dagpenge").unwrap()), dec!(2.20));
    assert_eq!(m(p.group("ledighedsydelse").unwrap()), dec!(7.86));
    assert_eq!(m(&p.covered), dec!(3.61));
    assert_eq!(p.covered.realised.job_starts, 4);
    assert_eq!(p.total.realised.job_starts, 5);
}

/// Cost per result counted on what was earned, with paid beside it.
#[test]
fn cost_per_result_on_what_was_earned() {
    let p = report();
    let dag = p.group("dagpenge").unwrap();
    // Earned 35,000 over 2 ended in job: 17,500; paid 10,000 / 2 = 5,000.
    assert_eq!(kr(dag.earned_per(dag.counts.ended_job).unwrap()), "17500.00");
    assert_eq!(kr(dag.paid_per(dag.counts.ended_job).unwrap()), "5000.00");
    // Per job start 35,000 / 3; per 3- and 6-month retention 35,000 / 1.
    assert_eq!(kr(dag.earned_per(dag.realised.job_starts).unwrap()), "11666.67");
    assert_eq!(kr(dag.earned_per(dag.realised.achieved[1]).unwrap()), "35000.00");
    // In all: 85,000 earned over 4 ended in job = 21,250 (on paid it was
    // 15,000 / 4 = 3,750); 5 job starts = 17,000; 3 kept 3 and 6 months
    // (c-1, c-6, c-7) = 28,333.33.
    let t = &p.total;
    assert_eq!(kr(t.earned_per(t.counts.ended_job).unwrap()), "21250.00");
    assert_eq!(kr(t.paid_per(t.counts.ended_job).unwrap()), "3750.00");
    assert_eq!(kr(t.earned_per(t.realised.job_starts).unwrap()), "17000.00");
    assert_eq!(t.realised.achieved, vec![5, 3, 3]);
    assert_eq!(kr(t.earned_per(t.realised.achieved[2]).unwrap()), "28333.33");
    assert_eq!(t.earned_per(0), None);
}

/// The kinds of job and the supplier's promises (50 % ordinary, 90 % any).
#[test]
fn success_by_kind_of_job_against_the_promises() {
    let p = report();
    // Ended in job: c-1, c-2 (dagpenge) and c-7 (integration) in ordinary
    // jobs, c-6 (ledighedsydelse) in fleksjob; c-3 and c-8 without a job.
    assert_eq!(p.group("dagpenge").unwrap().jobs.cells(), [2, 0, 0]);
    assert_eq!(p.group("ledighedsydelse").unwrap().jobs.cells(), [0, 1, 0]);
    assert_eq!(p.total.jobs.cells(), [3, 1, 0]);
    // 3 / 6 = 50.0 % ordinary (the promise of 50 % is met); 4 / 6 = 66.7 %
    // in any job (the promise of 90 % is not).
    let ordinary = p.total.jobs.ordinary_share(&p.total.counts).unwrap();
    assert_eq!(ordinary.percent(1), dec!(50.0));
    assert_eq!(p.total.counts.success_rate().unwrap().percent(1), dec!(66.7));
    assert_eq!(p.promises.ordinary_job.unwrap().percent(0), dec!(50));
    assert_eq!(p.promises.any_job.unwrap().percent(0), dec!(90));
    assert!(ordinary >= p.promises.ordinary_job.unwrap());
    assert!(p.total.counts.success_rate().unwrap() < p.promises.any_job.unwrap());
}

/// paid + approved + earned not invoiced − at risk = earned, with a
/// payment for a milestone no longer achieved at risk.
#[test]
fn a_payment_for_a_milestone_no_longer_achieved_is_at_risk_and_the_money_reconciles() {
    let set = lejre();
    let cs = courses(&set);
    // As the fixture's ledger, but c-2's 3 months (paid 30 Aug) is not
    // reversed: c-2 lost the job on 31 May, so the 3 months is not achieved.
    let mut ledger = ledger();
    ledger[2].reversed_on = None;
    let p = portfolio(&set, "lejre-jobparate", &cs, &ledger, d(2025, 12, 31)).unwrap();
    let dag = &p.group("dagpenge").unwrap().money;
    // Paid 5,000 + 5,000 + 10,000; approved c-1's 3 months 10,000; not
    // invoiced 15,000; at risk 10,000: 20,000 + 10,000 + 15,000 − 10,000 =
    // 35,000 earned.
    assert_eq!((kr(dag.paid), kr(dag.at_risk)), ("20000.00".into(), "10000.00".into()));
    assert_eq!(kr(dag.accounted()), "35000.00");
    assert!(dag.reconciles());
    // In all: 25,000 + 15,000 + 55,000 − 10,000 = 85,000.
    let t = &p.total.money;
    assert_eq!(
        (kr(t.paid), kr(t.approved_unpaid), kr(t.earned_uninvoiced)),
        ("25000.00".into(), "15000.00".into(), "55000.00".into())
    );
    assert_eq!((kr(t.at_risk), kr(t.earned)), ("10000.00".into(), "85000.00".into()));
    assert!(t.reconciles());
    for g in &p.groups {
        assert!(g.money.reconciles(), "{}", g.label);
    }
    // With the reversal, nothing is at risk and it still reconciles.
    let r = report();
    assert!(r.total.money.at_risk.is_zero() && r.total.money.reconciles());
}

#[test]
fn the_reform_indicators_by_hand() {
    let p = report();
    let dag = p.group("dagpenge").unwrap();
    // Referred by 30 Jun: c-1 (in work on 3 Sep), c-2, c-3, c-4, c-8 (not).
    assert_eq!((dag.indicators.due_6m, dag.indicators.in_work_6m), (5, 1));
    assert_eq!(dag.indicators.share_in_work_6m().unwrap().percent(1), dec!(20.0));
    // c-6 in fleksjob (allowed benefit) and c-7 in work on their day.
    assert_eq!((p.total.indicators.due_6m, p.total.indicators.in_work_6m), (7, 3));
}

#[test]
fn the_monthly_series_by_hand() {
    let p = report();
    let months: Vec<NaiveDate> = p.series.iter().map(|m| m.month_end).collect();
    assert_eq!(months.first(), Some(&d(2025, 3, 31)));
    assert_eq!(months.last(), Some(&d(2025, 12, 31)));
    assert_eq!(months.len(), 10);
    let at = |day: NaiveDate| p.series.iter().find(|m| m.month_end == day).unwrap();
    // Paid: nothing due before 30 Aug; then 25,000; less the reversal on 15 Nov.
    assert_eq!(kr(at(d(2025, 7, 31)).paid), "0.00");
    assert_eq!(kr(at(d(2025, 8, 31)).paid), "25000.00");
    assert_eq!(kr(at(d(2025, 11, 30)).paid), "15000.00");
    // Savings by 30 Apr: c-1 30 days and c-2 17 days of 122 at 50,974:
    // 12,534.590… + 7,102.934… = 19,637.52.
    assert_eq!(kr(at(d(2025, 4, 30)).savings), "19637.52");
    assert_eq!(kr(at(d(2025, 12, 31)).savings), kr(p.covered.realised.savings.unwrap()));
}

#[test]
fn a_scenario_fed_the_realised_rates_gives_the_realised_figures() {
    let p = report();
    for group in ["dagpenge", "ledighedsydelse"] {
        let g = p.group(group).unwrap();
        let input = p.realised_input(g, None).unwrap();
        let r = scenario::run(&input);
        assert_eq!(kr(r.payments), kr(g.money.earned), "{group}");
        assert_eq!(kr(r.savings), kr(g.realised.savings.unwrap()), "{group}");
        assert_eq!(kr(r.net), kr(g.net_result().unwrap()), "{group}");
        assert_eq!(
            round(r.break_even_deadweight.unwrap().ratio(), 6),
            round(g.realised_deadweight().unwrap().ratio(), 6),
            "{group}"
        );
        assert_eq!(r.job_starts.round_dp(6), Decimal::from(g.realised.job_starts));
    }
    // Dagpenge's realised rates: 3 of 6 start a job, 1 of 3 keeps it 3 and 6
    // months.
    let input = p.realised_input(p.group("dagpenge").unwrap(), None).unwrap();
    assert_eq!(input.job_start_rate, dec!(0.5));
    assert_eq!(round(input.milestones[1].rate, 4), dec!(0.3333));
    assert!(p.realised_input(p.group("integration").unwrap(), None).is_none(), "no estimate, no scenario");
}
