//! What every fuzz target asserts about a parser's answer to any input: it
//! returns (no panic; libFuzzer reports a panic as a crash), and every
//! problem it reports says where (a line, or a field) and what.

use nocure::wire::contract_file::parse_toml;
use nocure::contract::{ContractSet, Problem};

/// Every problem names a line or a field, and says something.
pub fn assert_located(problems: &[Problem]) {
    assert!(!problems.is_empty(), "an error without a problem");
    for p in problems {
        assert!(!p.message.trim().is_empty(), "a problem without a message: {p:?}");
        assert!(
            p.line.is_some() || !p.field.trim().is_empty(),
            "a problem that names neither a line nor a field: {p:?}"
        );
    }
}

/// Lejre's two contract versions, as the server holds them.
pub fn lejre() -> ContractSet {
    let files = [
        ("lejre-jobparate-v1.toml", include_str!("../../contracts/lejre-jobparate-v1.toml")),
        ("lejre-jobparate-v2.toml", include_str!("../../contracts/lejre-jobparate-v2.toml")),
    ];
    let parsed = files.iter().map(|(name, text)| (name.to_string(), parse_toml(text).expect("Lejre parses"))).collect();
    let (set, problems) = ContractSet::build(parsed);
    assert!(problems.is_empty(), "{problems:?}");
    set
}

/// Splits one fuzz input in two at the first NUL byte (for two files).
pub fn two_files(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}
