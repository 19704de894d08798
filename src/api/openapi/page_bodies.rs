//! The pages' form bodies (sign-in, uploads, the finance forms), as the
//! pages read them.

use serde_json::{Value, json};

/// The pages' form bodies.
pub fn page_body_for(method: &str, path: &str) -> Option<Value> {
    let form = |properties: Value, required: &[&str]| {
        json!({ "required": true, "content": { "application/x-www-form-urlencoded": { "schema": {
            "type": "object", "required": required, "properties": properties } } } })
    };
    let upload = || {
        json!({ "required": true, "content": { "multipart/form-data": { "schema": { "type": "object", "additionalProperties": false, "properties": {
            "file": { "type": "string", "format": "binary", "description": "the file (JSON, CSV or TOML)" },
            "text": { "type": "string", "description": "or the text pasted" } } } } } })
    };
    Some(match (method, path) {
        ("post", "/login") => form(json!({ "token": { "type": "string" }, "next": { "type": "string" } }), &["token"]),
        ("post", "/finance/record") => {
            form(json!({ "invoice": { "type": "string", "description": "the checked invoice as JSON" } }), &["invoice"])
        }
        ("post", "/finance/samples") => form(
            json!({
                "seed": { "type": "string", "description": "a whole number from 0: the same seed draws the same sample" },
                "confidence_pct": { "type": "string", "description": "90, 95 (default) or 99" },
                "tolerable_error_pct": { "type": "string", "description": "above 0 and below 100 (2,5 or 2.5); sizes the sample" },
                "size": { "type": "string", "description": "or the size, at least 1" }
            }),
            &["seed"],
        ),
        ("post", "/finance/samples/{id}/checks") => {
            json!({ "required": true, "content": { "application/x-www-form-urlencoded": { "schema": {
            "type": "object",
            "description": "per sampled payment: outcome-<payment> (empty: not checked, confirmed or error) and amount-<payment> (the amount in error, 1.250,00 or 1250.00)",
            "patternProperties": {
                "^outcome-[0-9]+$": { "type": "string", "enum": ["", "confirmed", "error"] },
                "^amount-[0-9]+$": { "type": "string" }
            } } } } })
        }
        ("post", "/finance/invoice")
        | ("post", "/procurement/check")
        | ("post", "/committee/check")
        | ("post", "/finance/registers/income")
        | ("post", "/finance/registers/benefits") => upload(),
        _ => return None,
    })
}
