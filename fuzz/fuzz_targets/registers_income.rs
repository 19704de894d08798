//! A income register extract as CSV (plain or Danish Excel).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let key = nocure::cpr::PseudonymKey::new(b"a fuzz key of thirty-two bytes!!".to_vec()).unwrap();
    if let Err(problems) = nocure::wire::registers_csv::income(text, "income.csv", &key) {
        nocure_fuzz::assert_located(&problems);
    }
});
