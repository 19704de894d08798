//! The OpenAPI document, built from the route table so that every route is
//! in it with the roles that may call it.

use serde_json::{Map, Value, json};

use super::access::policy;

fn params_for(path: &str) -> Vec<Value> {
    let mut out: Vec<Value> = path
        .split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| json!({ "name": name, "in": "path", "required": true, "schema": { "type": "string" } }))
        .collect();
    let query: &[(&str, &str)] = match path {
        "/courses" => &[
            ("contract", "only courses under this contract"),
            ("status", "ongoing, ended_job, ended_no_job, interrupted or not_yet_referred, as of as_of"),
            ("limit", "1 to 1000 (default 100)"),
            ("after", "the course id to continue after (next_after of the previous page)"),
            ("as_of", "YYYY-MM-DD, default today"),
        ],
        "/courses/{id}/evaluation" => &[("as_of", "YYYY-MM-DD, default today; not after today")],
        "/payments/at-risk" => &[("as_of", "YYYY-MM-DD, default today; not after today")],
        "/payments" => &[("contract", "only payments under this contract")],
        "/audit" => &[("after", "the sequence number to continue after"), ("limit", "1 to 1000 (default 100)")],
        "/reports/portfolio" => &[
            ("contract", "the contract (may be left out when there is only one)"),
            ("as_of", "YYYY-MM-DD, default today; not after today"),
            ("table", "with format=csv: status (default), money, case, realised, indicators or series"),
        ],
        _ => &[],
    };
    let csv: &[(&str, &str)] = match path {
        "/courses" | "/payments" | "/payments/at-risk" | "/reports/portfolio" | "/invoices/verify" => &[
            ("format", "json (default) or csv; Accept: text/csv works too"),
            (
                "dialect",
                "with csv: plain (comma, dot decimals; default) or excel-da (semicolon, comma decimals, UTF-8 BOM)",
            ),
        ],
        _ => &[],
    };
    let query: Vec<(&str, &str)> = query.iter().chain(csv).copied().collect();
    out.extend(query.iter().map(|(n, d)| json!({ "name": n, "in": "query", "required": false, "description": d, "schema": { "type": "string" } })));
    out
}

fn body_for(method: &str, path: &str) -> Option<Value> {
    let example = match (method, path) {
        ("post", "/contracts") => {
            return Some(json!({
                "required": true,
                "description": "A contract version: TOML (any content type) or JSON (application/json), in the contract file format",
                "content": { "application/toml": { "schema": { "type": "string" } }, "application/json": { "schema": { "type": "object" } } }
            }));
        }
        ("post", "/courses") => json!({
            "course_id": "c-0001", "cpr": "010170-1234", "contract": "lejre-jobparate", "target_group": "dagpenge",
            "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK", "unemployed_since": "2023-11-01" },
            "events": [ { "type": "course_started", "date": "2025-02-10" } ]
        }),
        ("post", "/courses/{id}/events") => json!({ "events": [
            { "type": "job_started", "date": "2025-03-03", "job": "ordinary" },
            { "type": "retraction", "retracts": "e4", "reason": "reported twice" } ] }),
        ("post", "/invoices/verify") | ("post", "/invoices") => {
            let example = json!({
                "supplier_cvr": "00000000", "invoice_number": "2025-017", "contract": "lejre-jobparate", "as_of": "2025-12-31",
                "due_on": "2026-01-30",
                "lines": [ { "line": 1, "course_id": "c-0001", "milestone": "job_start", "amount": "5000.00" } ] });
            let csv = "supplier_cvr,invoice_number,contract,as_of,due_on,line,course_id,milestone,amount\n00000000,2025-017,lejre-jobparate,2025-12-31,2026-01-30,1,c-0001,job_start,5000.00\n";
            return Some(json!({ "required": true, "content": {
                "application/json": { "schema": { "type": "object" }, "example": example },
                "text/csv": { "schema": { "type": "string" }, "example": csv }
            } }));
        }
        ("post", "/payments/{id}/reversal") => {
            json!({ "reason": "dagpenge paid in April was reported late", "booked_on": "2026-02-02" })
        }
        ("post", "/reports/scenario") => json!({
            "contract": "lejre-jobparate", "target_group": "dagpenge", "as_of": "2025-12-31",
            "referrals_per_year": 100, "job_start_rate_pct": "40", "retention_pct": { "retention_3m": "60", "retention_6m": "40" },
            "deadweight_pct": "20", "months_saved": "3", "amounts": { "job_start": "5000.00" }
        }),
        _ => return None,
    };
    Some(
        json!({ "required": true, "content": { "application/json": { "schema": { "type": "object" }, "example": example } } }),
    )
}

pub fn document() -> Value {
    let mut paths = Map::new();
    for r in policy() {
        let method = r.method.as_str().to_lowercase();
        let roles: Vec<&str> = r.roles.iter().map(|x| x.as_str()).collect();
        let mut op = json!({
            "summary": r.summary,
            "description": if roles.is_empty() { "Public.".to_string() } else { format!("Roles: {}.", roles.join(", ")) },
            "x-roles": roles,
            "parameters": params_for(r.path),
            "responses": {
                "200": { "description": "OK (201 when something was created)" },
                "4XX": { "description": "A problem document (RFC 9457)", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } }
            }
        });
        if !r.roles.is_empty() {
            op["security"] = json!([{ "bearer": [] }]);
        }
        if let Some(b) = body_for(&method, r.path) {
            op["requestBody"] = b;
        }
        let entry = paths.entry(r.path.to_string()).or_insert_with(|| json!({}));
        entry[method] = op;
    }
    for (method, path, who, summary) in crate::pages::PAGES {
        let op = json!({
            "summary": summary,
            "description": format!("An HTML page for people (`?lang=da|en`). Who: {who}. Signed in with the cookie `/login` sets; otherwise a redirect to `/login`."),
            "tags": ["pages"],
            "security": [{ "cookie": [] }],
            "responses": {
                "200": { "description": "The page", "content": { "text/html": { "schema": { "type": "string" } } } },
                "303": { "description": "To the sign-in form, or after a form" },
                "403": { "description": "A page saying the role may not open it", "content": { "text/html": { "schema": { "type": "string" } } } }
            }
        });
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        entry[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "nocure",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Outcome-payment contracts: courses, evaluations, invoice verification and an exactly-once payment ledger."
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer" },
                "cookie": { "type": "apiKey", "in": "cookie", "name": "nocure_token" }
            },
            "schemas": { "Problem": {
                "type": "object",
                "required": ["type", "title", "status", "detail"],
                "properties": {
                    "type": { "type": "string" }, "title": { "type": "string" }, "status": { "type": "integer" },
                    "detail": { "type": "string" },
                    "errors": { "type": "array", "items": { "type": "object", "properties": { "field": { "type": "string" }, "message": { "type": "string" } } } }
                }
            } }
        }
    })
}
