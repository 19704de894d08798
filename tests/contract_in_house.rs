//! The in-house option's contract file: `kind = "in_house"`, a `[cost]`
//! table, and milestones measured without amounts.

mod support;

use nocure::contract::ContractKind;
use nocure::wire::contract_file::parse_toml;
use rust_decimal_macros::dec;

#[test]
fn the_shipped_in_house_option_reads_with_its_cost() {
    let text = std::fs::read_to_string(support::root().join("contracts/lejre-egen-indsats.toml")).unwrap();
    let c = parse_toml(&text).unwrap().contract;
    let ContractKind::InHouse(cost) = c.kind else { panic!("{:?}", c.kind) };
    assert_eq!(c.kind.as_str(), "in_house");
    assert_eq!((cost.staff_years, cost.caseload), (dec!(2), dec!(60)));
    assert_eq!(cost.cost_per_staff_year.plain(), "600000.00");
    assert_eq!(cost.overhead.percent(0), dec!(15));
    // The file's own arithmetic: 600,000 × 1.15 / 60 = 11,500 a referral.
    assert_eq!(cost.per_referral().plain(), "11500.00");
    // Measured at the suppliers' stages, paid nothing per stage.
    let stages: Vec<(u32, String)> = c.milestones.iter().map(|m| (m.after_months, m.amount.plain())).collect();
    assert_eq!(stages, [(0, "0.00".into()), (3, "0.00".into()), (6, "0.00".into())]);
    assert_eq!(c.supplier_cost().plain(), "0.00");
}

/// 21 lines; line 3 is the kind.
const HEAD: &str = r#"id = "own"
version = 1
KIND
title = "Own team"
buyer = "Lejre Kommune"
effective_from = 2025-02-01

[supplier]
name = "Jobcenter"
cvr = "99999999"

[referrals]
from = 2025-02-01
until = 2026-12-31

[payment_condition]
allowed_benefits = ["fleksjob"]

[[target_groups]]
id = "dagpenge"
benefit = "dagpenge"
"#;

fn file(kind: &str, tail: &str) -> String {
    format!("{}{tail}", HEAD.replace("KIND", &format!("kind = \"{kind}\"")))
}

fn problems(text: &str) -> Vec<String> {
    match parse_toml(text) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(ps) => ps.iter().map(|p| format!("{}:{}: {}", p.line.unwrap_or(0), p.field, p.message)).collect(),
    }
}

#[test]
fn every_problem_of_a_bad_in_house_file_with_its_line() {
    let text = file(
        "in_house",
        r#"
[cost]
staff_years = 0
cost_per_staff_year = 600000.5
overhead_pct = 150
caseloads = 60

[[milestones]]
id = "job_start"
after_months = 0
amount = "5000.00"
"#,
    );
    let got = problems(&text);
    let want = [
        "24:cost.staff_years: must be greater than 0, found 0",
        "25:cost.cost_per_staff_year: 600000.5 is a float",
        "26:cost.overhead_pct: must be a percentage from 0 to 100, found 150",
        "23:cost.caseload: missing; expected citizens one staff-year takes through a course in a year",
        "27:cost.caseloads: unknown field; expected one of staff_years, cost_per_staff_year, overhead_pct, caseload",
        "32:milestones[0].amount: an in-house option is paid by its [cost], not per milestone",
    ];
    for w in want {
        assert!(got.iter().any(|g| g.contains(w)), "missing {w:?} in {got:#?}");
    }
    assert_eq!(got.len(), want.len(), "{got:#?}");
}

#[test]
fn a_supplier_contract_has_no_cost_and_an_in_house_option_needs_one() {
    let supplier = file(
        "milestones",
        "\n[cost]\nstaff_years = 1\n\n[[milestones]]\nid = \"job_start\"\nafter_months = 0\namount = \"5000.00\"\n",
    );
    let got = problems(&supplier);
    assert!(got.iter().any(|g| g.starts_with("23:cost: only an in-house option")), "{got:#?}");
    assert_eq!(got.len(), 1, "{got:#?}");

    let no_cost = file("in_house", "\n[[milestones]]\nid = \"job_start\"\nafter_months = 0\n");
    let got = problems(&no_cost);
    assert!(got.iter().any(|g| g.contains("cost: missing; expected a [cost] table")), "{got:#?}");

    let unknown = file("grants", "\n[[milestones]]\nid = \"job_start\"\nafter_months = 0\n");
    let got = problems(&unknown);
    assert!(
        got.iter().any(|g| g.contains("kind: unknown contract kind; expected \"milestones\" or \"in_house\"")),
        "{got:#?}"
    );
}

#[test]
fn the_in_house_option_as_json_reads_back_as_the_same_contract() {
    let text = std::fs::read_to_string(support::root().join("contracts/lejre-egen-indsats.toml")).unwrap();
    let c = parse_toml(&text).unwrap().contract;
    let json = serde_json::to_value(nocure::wire::contract_out::ContractOut::of(&c)).unwrap();
    assert_eq!(json["kind"], "in_house");
    assert_eq!(
        json["cost"],
        serde_json::json!({ "staff_years": "2", "cost_per_staff_year": "600000.00", "overhead_pct": "15", "caseload": "60" })
    );
    let back = nocure::wire::contract_file::parse_json(&json).unwrap_or_else(|p| panic!("{p:?}")).contract;
    assert_eq!(back, c);
}

#[test]
fn a_cost_with_a_digit_too_many_is_refused() {
    let text = file(
        "in_house",
        "\n[cost]\nstaff_years = 20000\ncost_per_staff_year = \"6000000000.00\"\ncaseload = \"600000\"\n\n[[milestones]]\nid = \"job_start\"\nafter_months = 0\n",
    );
    let got = problems(&text);
    // Lines: 23 [cost], 24 staff_years, 25 cost_per_staff_year, 26 caseload.
    for want in [
        "24:cost.staff_years: must be at most 10000, found 20000",
        "25:cost.cost_per_staff_year: must be at most 100000000, found 6000000000.00",
        "26:cost.caseload: must be at most 100000, found 600000",
    ] {
        assert!(got.iter().any(|g| g == want), "missing {want:?} in {got:#?}");
    }
    assert_eq!(got.len(), 3, "{got:#?}");
}
