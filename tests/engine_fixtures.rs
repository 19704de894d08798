//! Data-driven engine tests: every fixture in tests/fixtures/evaluate holds
//! contracts, courses, a date and the verdicts expected, computed by hand
//! from the contract (each fixture's `description` says how).

mod support;

#[test]
fn every_engine_fixture_gives_the_verdicts_written_by_hand() {
    let dir = support::root().join("tests/fixtures/evaluate");
    let files = support::fixture_files(&dir);
    assert!(files.len() >= 16, "fixtures missing: found {}", files.len());
    let failures: Vec<String> = files.iter().flat_map(|f| support::run_fixture(f)).collect();
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}
