//! What the budget must hold, at the edges the mutation run found unpinned
//! (TESTING.md): the savings target of the right buyer and year, and the
//! split's rows under the contract's own labels. From the repository's
//! parameter files and Lejre's contract.

mod support;

use chrono::NaiveDate;
use nocure::budget::forecast::forecast;
use nocure::budget::rates::{Run, peers};
use nocure::budget::split::realised;
use nocure::budget::view::budget_view;
use nocure::contract::ContractSet;
use nocure::course::Course;
use nocure::evaluate::evaluate_all;
use nocure::load::load_contracts;
use nocure::money::Money;
use nocure::wire::course_file::read_json;
use nocure::wire::parameters::builtin;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn lejre() -> ContractSet {
    let (set, problems, _) = load_contracts(&[support::root().join("contracts")]);
    assert!(problems.is_empty(), "{problems:?}");
    set
}

fn courses(set: &ContractSet, name: &str) -> Vec<Course> {
    let file = support::root().join("tests/fixtures/budget").join(name);
    read_json(std::fs::File::open(&file).unwrap(), set, name).unwrap()
}

#[test]
fn the_savings_target_is_the_buyers_for_that_year() {
    let p = builtin().unwrap();
    // parameters/savings_targets.toml: Lejre 4,100,000.00 in 2026 and
    // 8,100,000.00 a year in 2027-2029; Lemvig 970,000.00 in 2026.
    assert_eq!(p.target("Lejre Kommune", 2026), Some(Money::parse("4100000.00").unwrap()));
    assert_eq!(p.target("Lejre Kommune", 2027), Some(Money::parse("8100000.00").unwrap()));
    assert_eq!(p.target("Lemvig Kommune", 2026), Some(Money::parse("970000.00").unwrap()));
    assert_eq!(p.target("Lejre Kommune", 2025), None);
    assert_eq!(p.target("Roskilde Kommune", 2026), None);
}

#[test]
fn the_split_rows_carry_the_contracts_labels() {
    // The staircase fixture's dagpenge and ledighedsydelse citizens: one row
    // per target group with an estimate, labelled as the contract labels
    // them, and the total row.
    let set = lejre();
    let cs = courses(&set, "staircase.json");
    let r = realised(&set, "lejre-jobparate", &cs, builtin().unwrap(), d(2025, 12, 31)).unwrap();
    let labels: Vec<&str> = r.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, vec!["Dagpenge", "Ledighedsydelse"]);
    assert_eq!(r.total.label, "Total");
}

#[test]
fn the_budget_year_holds_the_municipal_savings_realised_in_it() {
    // The staircase fixture as of 31 Dec 2025: every citizen's window ends
    // in 2025 (by 9 Dec), so the municipality's savings realised in 2025 are
    // the split's (tests/budget.rs), summed exactly and rounded once:
    // 50,974 × 345.6 / 122 + 37,560.72 × 166.6 / 275
    // = 144,398.4787 + 22,754.9671 = 167,153.4458 → 167,153.45.
    let set = lejre();
    let cs = courses(&set, "staircase.json");
    let params = builtin().unwrap();
    let f = forecast(&set, "lejre-jobparate", &cs, params, d(2025, 12, 31)).unwrap();
    let v = budget_view(&set, "lejre-jobparate", &cs, params, &f, 2025).unwrap();
    assert_eq!(v.savings_realised, Money::parse("167153.45").unwrap());
}

#[test]
fn the_months_of_the_year_the_forecast_does_not_reach_are_counted() {
    // A forecast of 6 months made on 31 Mar 2026 reaches April - September
    // 2026 (its last month ends 30 Sep).
    let set = lejre();
    let mut params = builtin().unwrap().clone();
    params.forecast.horizon_months = 6;
    let none: Vec<Course> = Vec::new();
    let f = forecast(&set, "lejre-jobparate", &none, &params, d(2026, 3, 31)).unwrap();
    assert_eq!(f.months.last().unwrap().month_end, d(2026, 9, 30));
    let beyond = |year| budget_view(&set, "lejre-jobparate", &none, &params, &f, year).unwrap().months_beyond_forecast;
    // 2026: October, November and December, 12 − 9 = 3.
    assert_eq!(beyond(2026), 3);
    // 2027: the forecast ends in 2026, so all 12 months.
    assert_eq!(beyond(2027), 12);
}

#[test]
fn a_chain_not_broken_has_run_every_day_from_its_job_start_to_the_date() {
    // A dagpenge citizen in work from 3 Mar 2025, no break, judged as of
    // 31 Mar 2025: 3 Mar to 31 Mar, both included, is 28 + 1 = 29 days, and
    // the run is censored (not broken).
    let set = lejre();
    let c = serde_json::json!([{ "course_id": "c-1", "citizen": "p-1", "contract": "lejre-jobparate",
        "target_group": "dagpenge", "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK" },
        "events": [{ "type": "course_started", "date": "2025-02-10" }, { "type": "job_started", "date": "2025-03-03" }] }]);
    let cs = support::courses(&set, &c);
    let as_of = d(2025, 3, 31);
    let p = peers(&evaluate_all(&set, &cs, as_of), as_of);
    assert_eq!(p["dagpenge"].runs, vec![Run { days: 29, broke: false }]);
}
