//! The parameters of each operation: path segments, and the query
//! parameters the server reads, with their types and values. Routes that
//! read query parameters refuse unknown ones (400); the others ignore the
//! query.

use serde_json::{Value, json};

use crate::wire::budget_out::BUDGET_TABLES;
use crate::wire::report_out::TABLES;
use crate::wire::table_csv::Dialect;

const DATE_OR_EMPTY: &str = r"^(\d{4}-\d{2}-\d{2})?$";

fn string(description: &str) -> Value {
    json!({ "schema": { "type": "string" }, "description": description })
}

fn one_of(values: &[&str], description: &str) -> Value {
    json!({ "schema": { "type": "string", "enum": values }, "description": description })
}

fn as_of() -> Value {
    json!({ "schema": { "type": "string", "pattern": DATE_OR_EMPTY }, "description": "YYYY-MM-DD, default (or empty) today; not after today" })
}

fn limit(max_page: usize) -> Value {
    json!({ "schema": { "type": "integer", "minimum": 1, "maximum": max_page }, "description": format!("1 to {max_page} (the server's max_page); default 100 or fewer") })
}

/// The query parameters a route reads (empty: it reads none).
pub fn query(method: &str, path: &str, max_page: usize) -> Vec<(&'static str, Value)> {
    // Routes that answer CSV too take `format` and `dialect`.
    let mut out: Vec<(&'static str, Value)> = match (method, path) {
        ("get", "/courses") => vec![
            ("contract", string("only courses under this contract")),
            (
                "status",
                one_of(
                    &["ongoing", "ended_job", "ended_no_job", "interrupted", "not_yet_referred", ""],
                    "only courses with this status as of as_of (empty: all)",
                ),
            ),
            ("limit", limit(max_page)),
            ("after", string("the course id to continue after (next_after of the previous page)")),
            ("as_of", as_of()),
        ],
        ("get", "/courses/{id}/evaluation") | ("get", "/courses/{id}/registers") => return vec![("as_of", as_of())],
        ("get", "/payments/at-risk") => vec![("as_of", as_of())],
        ("get", "/payments") => vec![("contract", string("only payments under this contract"))],
        ("get", "/audit") => {
            return vec![
                (
                    "after",
                    json!({ "schema": { "type": "integer", "minimum": 0 }, "description": "the sequence number to continue after" }),
                ),
                ("limit", limit(max_page)),
            ];
        }
        ("get", "/audit/verify") => {
            return vec![(
                "expect",
                json!({ "schema": { "type": "string", "pattern": r"^[0-9]+:[0-9a-f]{64}$" }, "description": "an anchor filed earlier (SEQ:HASH, from GET /audit/anchor) that the store must reach" }),
            )];
        }
        ("get", "/reports/portfolio") => vec![
            ("contract", string("the contract (may be left out when there is only one)")),
            ("as_of", as_of()),
            ("table", one_of(TABLES, "with format=csv: which table (default status)")),
        ],
        ("get", "/reports/compare") => vec![
            ("contracts", string("comma-separated contract ids (default: every contract, in-house options last)")),
            ("target_group", string("the target group compared (default: the first every compared contract has)")),
            ("as_of", as_of()),
        ],
        ("get", "/reports/budget") => vec![
            ("contract", string("the contract (may be left out when there is only one)")),
            ("as_of", as_of()),
            (
                "year",
                json!({ "schema": { "type": "string", "pattern": r"^((20\d\d)|2100)?$" }, "description": "the budget year, 2000 to 2100 (default: the year of the day after as_of)" }),
            ),
            ("table", one_of(BUDGET_TABLES, "with format=csv: which table (default forecast)")),
        ],
        ("post", "/invoices/verify") => vec![],
        ("get", "/audit/samples/{id}") => vec![],
        ("get", "/grants/{id}/report") => vec![("as_of", as_of())],
        ("post", "/reports/check") => {
            vec![("contract", string("the contract (may be left out when there is only one)")), ("as_of", as_of())]
        }
        ("post", "/reports/scenario") => {
            return vec![("format", one_of(&["json"], "the answer is JSON"))];
        }
        _ => return vec![],
    };
    let dialects: Vec<&str> = [Dialect::Plain, Dialect::ExcelDa].iter().map(|d| d.as_str()).chain(["da", ""]).collect();
    out.push(("format", one_of(&["json", "csv", ""], "json (default) or csv; Accept: text/csv works too")));
    out.push((
        "dialect",
        json!({ "schema": { "type": "string", "enum": dialects }, "description": "with csv: plain (comma, dot decimals; default) or excel-da (semicolon, comma decimals, UTF-8 BOM)" }),
    ));
    out
}

/// Path and query parameters as OpenAPI parameter objects.
pub fn parameters(method: &str, path: &str, max_page: usize) -> Vec<Value> {
    let mut out: Vec<Value> = path
        .split('/')
        .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(|name| {
            let schema = if path == "/payments/{id}/reversal" || path.starts_with("/audit/samples/") {
                json!({ "type": "integer", "minimum": 0 })
            } else {
                json!({ "type": "string" })
            };
            json!({ "name": name, "in": "path", "required": true, "schema": schema })
        })
        .collect();
    for (name, mut p) in query(method, path, max_page) {
        p["name"] = json!(name);
        p["in"] = json!("query");
        p["required"] = json!(false);
        out.push(p);
    }
    out
}

/// A sample page's path parameter.
fn sample_id() -> Value {
    json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer", "minimum": 0 },
        "description": "the sample's number (a page saying it is not there for an unknown one)" })
}

/// A page's query parameters.
pub fn page_parameters(method: &str, path: &str) -> Vec<Value> {
    let lang = json!({ "name": "lang", "in": "query", "required": false, "schema": { "type": "string" },
        "description": "da or en (anything else: the browser's or the remembered language)" });
    match (method, path) {
        ("get", "/login") => vec![
            lang,
            json!({ "name": "next", "in": "query", "required": false, "schema": { "type": "string" },
                "description": "a path on this site to go to after signing in" }),
        ],
        ("get", "/committee/compare") => vec![
            lang,
            json!({ "name": "as_of", "in": "query", "required": false, "schema": { "type": "string" },
                "description": "YYYY-MM-DD, not after today (default: the latest invoice's date; another text is named on the page)" }),
            json!({ "name": "target_group", "in": "query", "required": false, "schema": { "type": "string" },
                "description": "the target group compared (default: the first every compared contract has; 422 when none has it)" }),
            json!({ "name": "contracts", "in": "query", "required": false, "schema": { "type": "string" },
                "description": "comma-separated contract ids (default: every contract; 404 for an unknown one)" }),
        ],
        ("get", "/finance/registers") => vec![
            lang,
            json!({ "name": "course", "in": "query", "required": false, "schema": { "type": "string" },
                "description": "a course id: that course's milestones judged on the recorded events and on the registers (404 for an unknown course)" }),
        ],
        ("get", "/finance/samples/{id}") => vec![lang, sample_id()],
        ("post", "/finance/samples/{id}/checks") => vec![sample_id()],
        ("get", _) => vec![lang],
        ("post", "/committee/check") => vec![
            json!({ "name": "contract", "in": "query", "required": true, "schema": { "type": "string" },
                "description": "the contract whose figures the list is checked against" }),
            json!({ "name": "as_of", "in": "query", "required": true, "schema": { "type": "string", "format": "date" },
                "description": "the date of those figures (YYYY-MM-DD, not after today)" }),
        ],
        _ => vec![],
    }
}
