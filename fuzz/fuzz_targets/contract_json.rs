//! A contract as a JSON body (`POST /contracts` with application/json).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nocure::service::{ContractFormat, parse_contract};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(problems) = parse_contract(text, ContractFormat::Json)
    {
        nocure_fuzz::assert_located(&problems);
    }
});
