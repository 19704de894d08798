//! A benefits register extract as CSV (plain or Danish Excel), read whole and
//! read as a stream in 7-byte pieces: the same rows and the same problems,
//! each located.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let key = nocure::cpr::PseudonymKey::new(b"a fuzz key of thirty-two bytes!!".to_vec()).unwrap();
    let whole = nocure::wire::registers_csv::benefits(text, "benefits.csv", &key);
    let pieces = std::io::BufReader::with_capacity(7, data);
    let streamed = nocure::wire::registers_csv::benefits_from(pieces, "benefits.csv", &key, &mut |_, _| {});
    match (&whole, &streamed) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => {
            let said = |ps: &[nocure::contract::Problem]| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>();
            assert_eq!(said(a), said(b));
        }
        _ => panic!("read whole and read as a stream disagree"),
    }
    if let Err(problems) = whole {
        nocure_fuzz::assert_located(&problems);
    }
});
