//! A contract file (TOML), as `nocure check`, the start and `POST /contracts` read it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(problems) = nocure::wire::contract_file::parse_toml(text)
    {
        nocure_fuzz::assert_located(&problems);
    }
});
