//! The investment case (`case`) on Lejre's contract, read from its file the
//! way the server reads it: the figures of the minutes' savings table.

use nocure::case::investment_case;
use nocure::contract::Contract;
use nocure::money::{Money, round};
use nocure::wire::contract_file::parse_toml;
use rust_decimal_macros::dec;

fn lejre() -> Contract {
    parse_toml(include_str!("../contracts/lejre-jobparate-v2.toml")).unwrap().contract
}

/// docs/rules.md (the minutes' savings table): saving potential 25,974.00 and 12,560.75; 1.96 months for
/// dagpenge (25,000 / (50,974 / 4)); deadweight 50.96 % and 33.44 %.
#[test]
fn lejre_investment_case_matches_the_minutes() {
    let c = lejre();
    let (f, without) = investment_case(&c);
    assert_eq!(without.len(), 1, "integration has no estimate in the minutes");
    let dag = f.iter().find(|x| x.group.id.as_str() == "dagpenge").unwrap();
    assert_eq!(dag.supplier_cost, Money::kr(25000));
    assert_eq!(dag.saving_potential.plain(), "25974.00");
    assert_eq!(dag.monthly_saving.plain(), "12743.50");
    assert_eq!(round(dag.months_to_break_even.unwrap(), 2), dec!(1.96));
    assert_eq!(dag.deadweight_break_even.unwrap().percent(2), dec!(50.96));

    let led = f.iter().find(|x| x.group.id.as_str() == "ledighedsydelse").unwrap();
    assert_eq!(led.saving_potential.plain(), "12560.75");
    assert_eq!(led.deadweight_break_even.unwrap().percent(2), dec!(33.44));
    // (118,195.50 − 80,634.75) / 9 = 4,173.4166…; 25,000 / that = 5.990…
    assert_eq!(round(led.months_to_break_even.unwrap(), 2), dec!(5.99));
}
