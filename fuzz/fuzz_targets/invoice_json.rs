//! An invoice as a JSON body (`POST /invoices`, `/invoices/verify`).
#![no_main]
use libfuzzer_sys::fuzz_target;
use nocure::wire::invoice::InvoiceIn;

fuzz_target!(|data: &[u8]| {
    let Ok(invoice) = serde_json::from_slice::<InvoiceIn>(data) else { return };
    if let Err(problems) = invoice.to_invoice(10_000) {
        nocure_fuzz::assert_located(&problems);
    }
});
