//! A course file (JSON), as `nocure evaluate` and the pages' upload read it.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nocure::contract::ContractSet;

static SET: OnceLock<ContractSet> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let set = SET.get_or_init(nocure_fuzz::lejre);
    if let Err(problems) = nocure::wire::course_file::read_json(data, set, "courses.json") {
        nocure_fuzz::assert_located(&problems);
    }
});
