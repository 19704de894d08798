//! `courses.csv` and `events.csv` (the input split at its first NUL byte).
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nocure::contract::ContractSet;

static SET: OnceLock<ContractSet> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let set = SET.get_or_init(nocure_fuzz::lejre);
    let (courses, events) = nocure_fuzz::two_files(data);
    if let Err(problems) = nocure::wire::course_file::read_csv(courses, "courses.csv", events, "events.csv", set) {
        nocure_fuzz::assert_located(&problems);
    }
});
