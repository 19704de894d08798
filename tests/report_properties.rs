//! Properties every committee report must have, on the demo data and on
//! random portfolios (synthetic Lejre courses) with random ledgers:
//!
//! - every table the report prints adds up: in each summed column the total
//!   row is the sum of the rows above it (`report::sums::sum_problems`), for the
//!   staff view and for a committee member's (where the suppressed cells
//!   are left out of the check);
//! - the money reconciles in every row: paid + approved, not yet paid +
//!   earned, not yet invoiced − at risk = earned;
//! - the series ends where the tables do.

mod support;

use chrono::{Days, NaiveDate};
use nocure::contract::ContractSet;
use nocure::course::Course;
use nocure::evaluate::evaluate_all;
use nocure::invoice::encode_key;
use nocure::money::Money;
use nocure::report::ledger::LedgerEntry;
use nocure::report::sums::sum_problems;
use nocure::report::{Portfolio, portfolio};
use nocure::verdict::Verdict;
use nocure::wire::course_file::read_json;
use nocure::wire::report_out::ReportView;
use proptest::prelude::*;

fn lejre() -> ContractSet {
    support::contracts("contracts")
}

fn generated(set: &ContractSet, seed: u64, n: u64) -> Vec<Course> {
    let mut bytes = Vec::new();
    nocure::generate::write_json(&mut bytes, n, seed).unwrap();
    read_json(bytes.as_slice(), set, "generated.json").unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A ledger as finance would record it, from the evaluations as of
/// `invoiced`: some achieved milestones invoiced (booked on an invoice date,
/// due 30 days later), some of those reversed later, and a few payments for
/// milestones the courses never achieved (claimed before events came in).
/// Amounts are the contract's, as invoice verification requires.
fn ledger(set: &ContractSet, courses: &[Course], invoiced: NaiveDate, choices: &[u8]) -> Vec<LedgerEntry> {
    let mut out = Vec::new();
    let mut k = 0usize;
    let mut next = || {
        k += 1;
        choices[k % choices.len()]
    };
    for e in evaluate_all(set, courses, invoiced) {
        let Some(contract) = e.contract else { continue };
        let per_citizen = contract.payment.once_per_citizen;
        let scope = if per_citizen { e.course.citizen.as_str() } else { e.course.id.as_str() };
        for v in &e.milestones {
            let m = &contract.milestones[v.index];
            let roll = next();
            let pay = match &v.verdict {
                Verdict::Achieved { .. } => roll % 3 != 0,
                _ => roll % 11 == 0,
            };
            if !pay {
                continue;
            }
            let booked = invoiced.checked_sub_days(Days::new(u64::from(next() % 90))).unwrap();
            let reversed = (next() % 7 == 0).then(|| booked.checked_add_days(Days::new(20)).unwrap());
            out.push(LedgerEntry {
                payment_id: out.len() as u64 + 1,
                course_id: e.course.id.to_string(),
                key: encode_key(contract.id.as_str(), per_citizen, scope, m.id.as_str()),
                milestone: m.id.to_string(),
                amount: m.amount,
                booked_on: booked,
                due_on: booked.checked_add_days(Days::new(30)).unwrap(),
                reversed_on: reversed,
            });
        }
    }
    out
}

fn check(p: &Portfolio) -> Result<(), TestCaseError> {
    for g in p.groups.iter().chain([&p.total, &p.covered]) {
        let m = &g.money;
        prop_assert!(
            m.reconciles(),
            "{}: {} + {} + {} − {} = {} ≠ earned {}",
            g.label,
            m.paid,
            m.approved_unpaid,
            m.earned_uninvoiced,
            m.at_risk,
            m.accounted(),
            m.earned
        );
    }
    for committee in [false, true] {
        let view = ReportView::new(p, committee);
        for da in [false, true] {
            for t in view.tables(da) {
                let problems = sum_problems(&t);
                prop_assert!(problems.is_empty(), "{problems:?}");
            }
        }
    }
    if let Some(last) = p.series.last() {
        prop_assert_eq!(last.month_end, p.as_of);
        prop_assert_eq!(last.paid, p.total.money.paid);
        prop_assert_eq!(Some(last.savings), p.covered.realised.savings.or(Some(Money::ZERO)));
    }
    Ok(())
}

/// The demo data set as the server holds it (`serve --demo`), as of the
/// minutes' date and a few others: 170,000 + 420,000 + 30,000 − 10,000 =
/// 610,000 on 31 Dec 2025 (worked out in tests/api_reports.rs).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_tables_add_up_and_the_money_reconciles() {
    let app = support::app::spawn_app(support::app::Options { demo: true, ..Default::default() }).await;
    for as_of in [d(2025, 6, 30), d(2025, 12, 31), d(2026, 1, 30), d(2026, 7, 1)] {
        let p = app.svc.portfolio("lejre-jobparate", as_of).unwrap();
        check(&p).unwrap();
        if as_of == d(2025, 12, 31) {
            let m = &p.total.money;
            assert_eq!(
                (m.paid, m.approved_unpaid, m.earned_uninvoiced, m.at_risk),
                (Money::kr(170_000), Money::kr(420_000), Money::kr(30_000), Money::kr(10_000))
            );
            assert_eq!(m.earned, Money::kr(610_000));
        }
    }
    app.stop().await;
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_table_adds_up_and_the_money_reconciles_on_random_portfolios(
        seed in any::<u64>(),
        n in 1u64..120,
        invoice_days in 0u64..700,
        after in 0u64..200,
        choices in proptest::collection::vec(any::<u8>(), 1..40),
    ) {
        let set = lejre();
        let courses = generated(&set, seed, n);
        let invoiced = d(2025, 3, 1).checked_add_days(Days::new(invoice_days)).unwrap();
        let as_of = invoiced.checked_add_days(Days::new(after)).unwrap();
        let p = portfolio(&set, "lejre-jobparate", &courses, &ledger(&set, &courses, invoiced, &choices), as_of).unwrap();
        check(&p)?;
    }
}
