//! The OpenAPI document, built from the route table so that every route is
//! in it with the roles that may call it, its parameters, its body's schema
//! ([`schemas`]) and every status the server answers. Methods a path does not
//! list are answered 405 with `Allow`.

mod page_bodies;
mod params;
mod schemas;

use serde_json::{Map, Value, json};

use super::access::{RoutePolicy, policy};
use crate::service::Limits;

/// What an operation can answer besides its success, by what it takes.
struct Shape {
    /// Statuses of success: 201 when it creates (200: already stored).
    success: &'static [&'static str],
    /// A request of it can name something that is not there.
    not_found: bool,
    /// It can conflict with what is stored.
    conflict: bool,
    /// It answers CSV too.
    csv: bool,
    /// Its body is JSON only (any other content type is 415).
    json_only: bool,
}

fn shape(method: &str, path: &str) -> Shape {
    let s = |success, not_found, conflict, csv, json_only| Shape { success, not_found, conflict, csv, json_only };
    match (method, path) {
        ("post", "/contracts") => s(&["200", "201"], false, true, false, false),
        ("post", "/courses") => s(&["200", "201"], false, true, false, true),
        ("get", "/courses") | ("get", "/payments") | ("get", "/payments/at-risk") => {
            s(&["200"], false, false, true, false)
        }
        ("post", "/courses/{id}/events") => s(&["201"], true, false, false, true),
        ("post", "/invoices/verify") => s(&["200"], false, false, true, true),
        ("post", "/invoices") => s(&["200", "201"], false, true, false, true),
        ("post", "/payments/{id}/reversal") => s(&["201"], true, true, false, true),
        ("get", "/reports/portfolio") | ("get", "/reports/budget") => s(&["200"], true, false, true, false),
        ("post", "/reports/scenario") => s(&["200"], true, false, false, true),
        ("post", "/reports/check") => s(&["200"], true, false, true, false),
        ("get", "/grants/{id}/report") => s(&["200"], true, false, true, false),
        ("post", "/grants/{id}/participants") => s(&["200", "201"], true, true, false, true),
        ("post", "/audit/samples") => s(&["201"], false, false, false, true),
        ("get", "/audit/samples/{id}") => s(&["200"], true, false, true, false),
        ("post", "/audit/samples/{id}/checks") => s(&["200"], true, false, false, true),
        ("post", "/registers/income") | ("post", "/registers/benefits") => s(&["201"], false, false, false, true),
        ("get", "/reports/compare") => s(&["200"], true, false, true, false),
        (_, p) => s(&["200"], p.contains('{'), false, false, false),
    }
}

fn problem(description: &str) -> Value {
    json!({ "description": description, "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } })
}

fn responses(r: &RoutePolicy, method: &str) -> Value {
    let sh = shape(method, r.path);
    let has_body = schemas::body_for(method, r.path).is_some();
    let has_query = !params::query(method, r.path, 1).is_empty();
    let mut ok_content = json!({ "application/json": { "schema": { "type": "object" } } });
    if sh.csv {
        ok_content["text/csv"] = json!({ "schema": { "type": "string" } });
    }
    let mut out = Map::new();
    for code in sh.success {
        let what = if *code == "201" {
            "Created"
        } else if sh.success.len() > 1 {
            "OK: already stored, unchanged"
        } else {
            "OK"
        };
        out.insert(code.to_string(), json!({ "description": what, "content": ok_content.clone() }));
    }
    let mut add = |code: &str, text: &str| {
        out.insert(code.into(), problem(text));
    };
    if has_body || has_query || r.path.contains('{') {
        add(
            "400",
            "Malformed: a body that is not JSON (or not UTF-8), an unknown or mistyped query parameter, a path that cannot be read",
        );
    }
    if !r.roles.is_empty() {
        add("401", "No valid bearer token (`WWW-Authenticate: Bearer`)");
        add("403", "The token's role may not use this route");
    }
    if sh.not_found {
        add("404", "No such resource (or not the supplier's own)");
    }
    add("408", "The request took too long and was stopped; nothing was stored");
    if sh.conflict {
        add("409", "Conflicts with what is stored (other content under the same id or number, already reversed)");
    }
    if has_body {
        add("413", "The body is larger than the server accepts");
        if sh.json_only {
            add("415", "The body is not sent as JSON (Content-Type: application/json, or text/csv where listed)");
        }
    }
    if has_body || has_query {
        add("422", "Refused as a whole: every problem with its field; nothing was stored");
    }
    Value::Object(out)
}

fn operation(r: &RoutePolicy, limits: &Limits) -> (String, Value) {
    let method = r.method.as_str().to_lowercase();
    let roles: Vec<&str> = r.roles.iter().map(|x| x.as_str()).collect();
    let mut op = json!({
        "summary": r.summary,
        "description": if roles.is_empty() { "Public.".to_string() } else { format!("Roles: {}.", roles.join(", ")) },
        "tags": roles.iter().map(|r| format!("role:{r}")).collect::<Vec<_>>(),
        "x-roles": roles,
        "parameters": params::parameters(&method, r.path, limits.max_page),
        "responses": responses(r, &method),
    });
    if !r.roles.is_empty() {
        op["security"] = json!([{ "bearer": [] }]);
    }
    if let Some(b) = schemas::body_for(&method, r.path) {
        op["requestBody"] = b;
    }
    (method, op)
}

/// What a page answers, by path.
fn page_responses(method: &str, path: &str) -> Value {
    let html = |d: &str| json!({ "description": d, "content": { "text/html": { "schema": { "type": "string" } } } });
    let either = |d: &str| {
        json!({ "description": d, "content": {
            "text/html": { "schema": { "type": "string" } },
            "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } })
    };
    let mut out = Map::new();
    let mut add = |code: &str, v: Value| {
        out.insert(code.into(), v);
    };
    match (method, path) {
        ("post", "/logout") => add("303", json!({ "description": "To the sign-in form, the cookie cleared" })),
        ("post", "/login") => {
            add("303", json!({ "description": "Signed in: to the role's page, or `next`" }));
            add("401", html("The sign-in form again: the token is not valid"));
            add("403", html("The sign-in form again: sent from another site"));
            add("413", either("The body is larger than the server accepts"));
            add("415", either("Not a form"));
            add("422", either("The form has no token"));
        }
        ("get", "/" | "/login") => {
            add("200", html("The sign-in form (or, signed in, the role's page)"));
            add("303", json!({ "description": "To the signed-in role's page" }));
        }
        ("get", "/finance/registers") => {
            add("200", html("The page"));
            add("303", json!({ "description": "To the sign-in form" }));
            add("403", html("A page saying the role may not open it"));
            add("404", html("The course asked for is not there"));
        }
        ("get", "/finance/samples/{id}") => {
            add("200", html("The page"));
            add("303", json!({ "description": "To the sign-in form" }));
            add("403", html("A page saying the role may not open it"));
            add("404", html("The sample is not there"));
        }
        ("post", "/finance/samples" | "/finance/samples/{id}/checks") => {
            add("303", json!({ "description": "Done: to the sample's page (or, not signed in, to the sign-in form)" }));
            add("400", html("The form could not be read"));
            add("403", html("The role may not use the form, or it was sent from another site"));
            add("404", html("The sample is not there"));
            add("413", either("The body is larger than the server accepts"));
            add("415", html("Not a form"));
            add("422", html("What is wrong with the form's fields, on the page"));
        }
        ("get", "/committee/compare") => {
            add("200", html("The page"));
            add("303", json!({ "description": "To the sign-in form" }));
            add("403", html("A page saying the role may not open it"));
            add("404", html("A contract asked for is not there"));
            add("422", html("No compared contract has the target group asked for"));
        }
        ("get", _) => {
            add("200", html("The page"));
            add("303", json!({ "description": "To the sign-in form" }));
            add("403", html("A page saying the role may not open it"));
        }
        (_, p) => {
            add("200", html("The result, on the page"));
            if p == "/committee/check" {
                add("404", html("No such contract"));
            }
            if p == "/finance/record" {
                add("201", html("Recorded, on the page"));
                add("409", html("Already recorded with other content"));
                add("415", html("Not a form"));
            }
            add("303", json!({ "description": "To the sign-in form (checked before the body is read)" }));
            add("400", html("The form could not be read"));
            add("403", html("The role may not use the form, or it was sent from another site"));
            add("413", either("The body is larger than the server accepts"));
            add("422", html("What is wrong with the upload (not UTF-8 text, not an invoice or contract)"));
        }
    }
    add("408", either("The request took too long and was stopped; nothing was stored"));
    Value::Object(out)
}

/// The document. `/openapi.json` serves it, with the server's limits.
pub fn document(limits: &Limits) -> Value {
    let mut paths = Map::new();
    for r in policy() {
        let (method, op) = operation(&r, limits);
        let entry = paths.entry(r.path.to_string()).or_insert_with(|| json!({}));
        entry[method] = op;
    }
    for (method, path, who, summary) in crate::pages::PAGES {
        let mut op = json!({
            "summary": summary,
            "description": format!("An HTML page for people. Who: {who}. Signed in with the cookie `/login` sets; otherwise a redirect to `/login`. Forms that change something must come from this site (`Origin`)."),
            "tags": ["pages"],
            "security": [{ "cookie": [] }, {}],
            "parameters": params::page_parameters(method, path),
            "responses": page_responses(method, path),
        });
        if let Some(b) = page_bodies::page_body_for(method, path) {
            op["requestBody"] = b;
        }
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        entry[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "nocure",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Outcome-payment contracts: courses, evaluations, invoice verification and an exactly-once payment ledger. Errors are RFC 9457 problem documents listing every problem. A method a path does not list is answered 405 with `Allow`. Routes that read query parameters refuse unknown ones (400)."
        },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer" },
                "cookie": { "type": "apiKey", "in": "cookie", "name": "nocure_token" }
            },
            "schemas": schemas::components()
        }
    })
}
