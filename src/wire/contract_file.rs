//! Contract files and bodies: TOML text (a file, `nocure check`, `POST
//! /contracts`) or a JSON value, read into the line-numbered tree and
//! validated by the core's `contract::parse::from_node`. Line numbers in the
//! problems are the file's own, as an editor counts them.

use crate::contract::Problem;
use crate::contract::parse::{Parsed, from_node};

use super::tree;

/// Parses a TOML contract file.
pub fn parse_toml(text: &str) -> Result<Parsed, Vec<Problem>> {
    let root = tree::from_toml(text).map_err(|p| vec![p])?;
    from_node(&root)
}

/// Parses a contract given as JSON (same fields; dates as `"2025-02-01"`).
pub fn parse_json(value: &serde_json::Value) -> Result<Parsed, Vec<Problem>> {
    from_node(&tree::from_json(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::OnBreak;
    use crate::money::Money;

    const GOOD: &str = r#"
id = "t"
version = 1
title = "Test"
buyer = "Kommune"
effective_from = 2025-01-01

[supplier]
name = "S"
cvr = "12345678"

[referrals]
from = 2025-02-01
until = 2025-12-31

[payment_condition]
allowed_benefits = ["fleksjob"]

[[milestones]]
id = "job_start"
after_months = 0
amount = "5000.00"

[[target_groups]]
id = "dagpenge"
benefit = "dagpenge"
benefit_saving = "50974.00"
expected_months_saved = 4
"#;

    #[test]
    fn a_minimal_contract_parses_with_defaults() {
        let c = parse_toml(GOOD).unwrap().contract;
        assert_eq!(c.payment.max_gap_days, 0);
        assert_eq!(c.payment.on_break, OnBreak::Forfeit);
        assert!(c.payment.once_per_citizen);
        assert_eq!(c.target_groups[0].estimate.as_ref().unwrap().fleksjob_subsidy, Money::ZERO);
        assert_eq!(c.target_groups[0].label, "dagpenge");
    }

    #[test]
    fn a_float_amount_is_refused_with_its_line() {
        let text = GOOD.replace("amount = \"5000.00\"", "amount = 5000.0");
        let problems = parse_toml(&text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "milestones[0].amount");
        assert_eq!(problems[0].line, Some(22));
        assert!(problems[0].message.contains("float"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = GOOD
            .replace("until = 2025-12-31", "until = 2025-01-31")
            .replace("cvr = \"12345678\"", "cvr = \"1234\"")
            .replace(
                "expected_months_saved = 4",
                "expected_months_saved = 4\neligibility = { shoe_size_at_least = 42 }",
            )
            .replace("allowed_benefits = [\"fleksjob\"]", "allowed_benefits = [\"flexjob\"]");
        let problems = parse_toml(&text).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&"referrals"), "{fields:?}");
        assert!(fields.contains(&"supplier.cvr"), "{fields:?}");
        assert!(fields.contains(&"target_groups[0].eligibility.shoe_size_at_least"), "{fields:?}");
        assert!(fields.contains(&"payment_condition.allowed_benefits[0]"), "{fields:?}");
        assert_eq!(problems.len(), 4, "{problems:?}");
    }

    #[test]
    fn json_contracts_use_the_same_rules() {
        let v = serde_json::json!({
            "id": "t", "version": 1, "title": "T", "buyer": "B", "effective_from": "2025-01-01",
            "supplier": { "name": "S", "cvr": "12345678" },
            "referrals": { "from": "2025-02-01", "until": "2025-12-31" },
            "payment_condition": {},
            "milestones": [ { "id": "job_start", "after_months": 0, "amount": 5000.5 } ],
            "target_groups": [ { "id": "g", "benefit": "dagpenge", "benefit_saving": "1.00", "expected_months_saved": 1 } ]
        });
        let problems = parse_json(&v).unwrap_err();
        assert_eq!(problems[0].field, "milestones[0].amount");
    }
}
