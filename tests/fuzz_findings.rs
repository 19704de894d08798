//! Inputs the fuzz targets (`fuzz/`) found, kept as tests: each parser's
//! answer to them must name a line or a field for every problem.

use nocure::contract::Problem;
use nocure::service::{ContractFormat, parse_contract};

fn assert_located(input: &str, problems: &[Problem]) {
    assert!(!problems.is_empty(), "{input}: an error without a problem");
    for p in problems {
        assert!(p.line.is_some() || !p.field.trim().is_empty(), "{input}: names neither a line nor a field: {p:?}");
    }
}

/// contract_json found `""`: a JSON body that is not an object was refused
/// with a problem naming no field ("expected a table, found a string").
#[test]
fn a_json_contract_that_is_not_an_object_names_the_contract() {
    for input in ["\"\"", "[]", "1", "true", "\"lejre\""] {
        let problems = parse_contract(input, ContractFormat::Json).expect_err("refused");
        assert_located(input, &problems);
        assert_eq!(problems[0].field, "contract", "{input}: {problems:?}");
        assert!(problems[0].message.starts_with("expected a table"), "{input}: {problems:?}");
    }
    // `null` is read as an empty contract: every missing field is named.
    let problems = parse_contract("null", ContractFormat::Json).expect_err("refused");
    assert_located("null", &problems);
    assert_eq!(problems[0].field, "id");
}

/// contract_json found `{"": …}`: an unknown key that is empty was reported
/// with an empty field name.
#[test]
fn an_empty_key_is_named_as_an_empty_key() {
    let problems = parse_contract(r#"{"": 1, "supplier": {"": 2}}"#, ContractFormat::Json).expect_err("refused");
    assert_located("{\"\": 1}", &problems);
    let fields: Vec<&str> =
        problems.iter().filter(|p| p.message.starts_with("unknown field")).map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["supplier.\"\"", "\"\""], "{problems:?}");
}

/// events_json found `1`: a body of `POST /courses/{id}/events` that is
/// neither an event, nor an array, nor `{ "events": [...] }` was refused
/// with a problem naming no field.
#[test]
fn an_events_body_of_another_shape_names_the_events() {
    for input in ["1", "\"x\"", "null", "true"] {
        let body: serde_json::Value = serde_json::from_str(input).unwrap();
        let problems = nocure::wire::course_api::events_in(&body).expect_err("refused");
        assert_located(input, &problems);
        assert_eq!(problems[0].field, "events", "{input}: {problems:?}");
    }
}
