//! An invoice as CSV (plain or Danish Excel), then checked as JSON ones are.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match nocure::wire::invoice_csv::parse(text, "invoice.csv") {
        Err(problems) => nocure_fuzz::assert_located(&problems),
        Ok(invoice) => {
            if let Err(problems) = invoice.to_invoice(10_000) {
                nocure_fuzz::assert_located(&problems);
            }
        }
    }
});
