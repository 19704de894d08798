//! The request bodies' schemas, as exact as the server reads them: the
//! fields each body takes (and no others: the server refuses unknown
//! fields), their types, which are required, and the values an enumerated
//! field takes. Where the server reads an empty text as "left out", the
//! schema allows it (`""`); rules the schema cannot state (a date not after
//! today, a course that exists, the fields each event type uses) are 422
//! answers with every problem listed.

use serde_json::{Value, json};

use crate::benefit::Benefit;
use crate::course::EVENT_TYPES;

/// `YYYY-MM-DD`, or empty where the server reads empty as left out.
const DATE: &str = r"^(\d{4}-\d{2}-\d{2})?$";

fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn optional(description: &str) -> Value {
    json!({ "type": ["string", "null"], "description": description })
}

fn date(description: &str, required: bool) -> Value {
    let kind = if required { json!("string") } else { json!(["string", "null"]) };
    json!({ "type": kind, "pattern": DATE, "description": description, "examples": ["2025-02-03"] })
}

/// An optional field with fixed values; empty or null is "left out".
fn choice(values: &[&str], description: &str) -> Value {
    let mut all: Vec<Value> = values.iter().map(|v| json!(v)).collect();
    all.extend([json!(""), Value::Null]);
    json!({ "type": ["string", "null"], "enum": all, "description": description })
}

fn benefits() -> Vec<&'static str> {
    Benefit::ALL.iter().map(|b| b.as_str()).collect()
}

fn attributes() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "birth_date": date("YYYY-MM-DD; derived from the CPR number when one is given", false),
            "a_kasse": optional("the citizen's unemployment fund (free text, no CPR number)"),
            "unemployed_since": date("YYYY-MM-DD", false),
            "benefit": choice(&benefits(), "the benefit received at referral")
        }
    })
}

fn event() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["type"],
        "description": "`type` says which fields the event uses: course_started, job_ended, education_started, education_ended: date; course_ended: date, outcome, reason; job_started: date, job; benefit_paid: from, to, benefit; retraction: retracts, reason. A field of another type is refused (422) unless empty.",
        "properties": {
            "type": { "type": "string", "enum": EVENT_TYPES },
            "id": optional("the event's id, for a later retraction; given when left out"),
            "date": date("YYYY-MM-DD", false),
            "from": date("YYYY-MM-DD, the first day paid", false),
            "to": date("YYYY-MM-DD, the last day paid (inclusive)", false),
            "job": choice(&["ordinary", "fleksjob"], "default ordinary"),
            "benefit": choice(&benefits(), "the benefit paid"),
            "outcome": choice(&["job", "no_job", "interrupted"], "how the course ended"),
            "reason": optional("free text (no CPR number)"),
            "retracts": optional("the id of the event this one retracts")
        }
    })
}

fn course() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["course_id", "contract", "target_group", "referred_on"],
        "description": "A referral: give the citizen's `cpr` (turned into a pseudonym, never stored) or an existing pseudonym as `citizen`, not both.",
        "properties": {
            "course_id": text("the case system's id: letters, digits, '-', '_', '.', ':' (no CPR number)"),
            "cpr": optional("DDMMYY-SSSS or ten digits"),
            "citizen": optional("an existing pseudonym"),
            "contract": text("the contract's id"),
            "target_group": text("a target group of the contract"),
            "referred_on": date("YYYY-MM-DD", true),
            "attributes": { "$ref": "#/components/schemas/Attributes" },
            "events": { "type": "array", "items": { "$ref": "#/components/schemas/Event" } }
        }
    })
}

fn events() -> Value {
    let list = json!({ "type": "array", "minItems": 1, "items": { "$ref": "#/components/schemas/Event" } });
    json!({
        "description": "One event, an array of events, or { \"events\": [...] }",
        "anyOf": [
            { "$ref": "#/components/schemas/Event" },
            list.clone(),
            { "type": "object", "additionalProperties": false, "required": ["events"], "properties": { "events": list } }
        ]
    })
}

fn invoice() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["supplier_cvr", "invoice_number", "contract", "as_of", "lines"],
        "properties": {
            "supplier_cvr": text("8 digits"),
            "invoice_number": text("the supplier's number: letters, digits, '-', '_', '.', '/', ':'"),
            "contract": text("the contract's id"),
            "as_of": date("the invoice's date: claims are judged as of it; not after today", true),
            "due_on": date("when the approved lines are paid; default as_of, not before it", false),
            "lines": { "type": "array", "minItems": 1, "items": { "$ref": "#/components/schemas/InvoiceLine" } }
        }
    })
}

fn invoice_line() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["line", "course_id", "milestone", "amount"],
        "properties": {
            "line": { "type": "integer", "minimum": 0, "maximum": 4294967295u64, "description": "unique within the invoice" },
            "course_id": text("the course"),
            "milestone": text("a milestone of the contract (`job_start`, `retention_3m`)"),
            "amount": { "type": ["string", "integer"], "description": "kroner: a string such as \"5000.00\" or an integer; a float is refused" }
        }
    })
}

fn reversal() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["reason"],
        "properties": {
            "reason": text("why the payment is reversed (free text, no CPR number)"),
            "booked_on": date("the day the reversal takes effect; default today, not before the payment's booking", false)
        }
    })
}

fn scenario() -> Value {
    let number = |d: &str| json!({ "type": ["string", "integer", "null"], "description": d });
    let by_milestone = |d: &str| json!({ "type": "object", "additionalProperties": { "type": ["string", "integer"] }, "description": d });
    json!({
        "type": "object",
        "additionalProperties": false,
        "description": "Every input is optional: what is left out is the realised value as of `as_of`, or the contract's.",
        "properties": {
            "contract": optional("the contract; may be left out when there is only one"),
            "target_group": optional("default: the first target group with a savings estimate"),
            "as_of": date("YYYY-MM-DD, default today; not after today", false),
            "referrals_per_year": number("referrals a year (at most 1000000)"),
            "job_start_rate_pct": number("share of referred citizens who start a job, %"),
            "retention_pct": by_milestone("per retention milestone: share of job starts that reach it, %"),
            "deadweight_pct": number("share of those in job who would have found work anyway, %"),
            "months_saved": number("months of benefit saved per job start (at most 1200)"),
            "amounts": by_milestone("per milestone: the amount paid (at most 100000000)"),
            "until": date("an extension's last day: the answer adds `extension`, the period's referrals, payments, savings and net result at the realised rates and at the ends of their 95 % intervals (low, central, high)", false),
            "from": date("the extension's first day; default the day after as_of (needs until)", false)
        }
    })
}

fn contract() -> Value {
    let any = |d: &str| json!({ "description": d });
    json!({
        "type": "object",
        "description": "A contract version in the contract file format (README: Contract files), as JSON; the server lists every problem with its field. Other kinds of contract add fields of their own.",
        "required": ["id", "version"],
        "properties": {
            "id": text("lowercase letters, digits, '-', '_'"),
            "version": { "type": "integer", "minimum": 1 },
            "kind": text("milestones (default)"),
            "title": text("free text"),
            "buyer": text("free text"),
            "effective_from": text("YYYY-MM-DD"),
            "supersedes": { "type": "integer" },
            "supplier": { "type": "object", "properties": { "name": text("free text"), "cvr": text("8 digits") } },
            "referrals": { "type": "object", "properties": { "from": text("YYYY-MM-DD"), "until": text("YYYY-MM-DD") } },
            "payment_condition": { "type": "object" },
            "milestones": { "type": "array", "items": { "type": "object" } },
            "target_groups": { "type": "array", "items": { "type": "object" } },
            "eligibility": any("a condition tree")
        }
    })
}

fn problem() -> Value {
    json!({
        "type": "object",
        "description": "RFC 9457: `type` is machine-readable, `detail` a sentence, `errors` every field problem",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": { "type": "string" }, "title": { "type": "string" }, "status": { "type": "integer" },
            "detail": { "type": "string" },
            "errors": { "type": "array", "items": { "type": "object", "required": ["field", "message"],
                "properties": { "field": { "type": "string" }, "message": { "type": "string" } } } }
        }
    })
}

/// `components.schemas`.
pub fn components() -> Value {
    json!({
        "Problem": problem(),
        "Attributes": attributes(),
        "Event": event(),
        "Events": events(),
        "Course": course(),
        "Invoice": invoice(),
        "InvoiceLine": invoice_line(),
        "Reversal": reversal(),
        "Scenario": scenario(),
        "Contract": contract()
    })
}

fn json_body(schema: &str, example: Value) -> Value {
    json!({ "required": true, "content": { "application/json": {
        "schema": { "$ref": format!("#/components/schemas/{schema}") }, "example": example } } })
}

/// The request body of an operation, with an example.
pub fn body_for(method: &str, path: &str) -> Option<Value> {
    Some(match (method, path) {
        ("post", "/contracts") => json!({
            "required": true,
            "description": "A contract version: TOML (any content type but JSON) or JSON (application/json)",
            "content": {
                "application/toml": { "schema": { "type": "string" } },
                "text/plain": { "schema": { "type": "string" } },
                "application/json": { "schema": { "$ref": "#/components/schemas/Contract" } }
            }
        }),
        ("post", "/courses") => json_body(
            "Course",
            json!({
                "course_id": "c-0001", "cpr": "010170-1234", "contract": "lejre-jobparate", "target_group": "dagpenge",
                "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK", "unemployed_since": "2023-11-01" },
                "events": [ { "type": "course_started", "date": "2025-02-10" } ]
            }),
        ),
        ("post", "/courses/{id}/events") => json_body(
            "Events",
            json!({ "events": [
                { "type": "job_started", "date": "2025-03-03", "job": "ordinary" },
                { "type": "retraction", "retracts": "e4", "reason": "reported twice" } ] }),
        ),
        ("post", "/invoices/verify") | ("post", "/invoices") => {
            let example = json!({
                "supplier_cvr": "00000000", "invoice_number": "2025-017", "contract": "lejre-jobparate", "as_of": "2025-12-31",
                "due_on": "2026-01-30",
                "lines": [ { "line": 1, "course_id": "c-0001", "milestone": "job_start", "amount": "5000.00" } ] });
            let csv = "supplier_cvr,invoice_number,contract,as_of,due_on,line,course_id,milestone,amount\n00000000,2025-017,lejre-jobparate,2025-12-31,2026-01-30,1,c-0001,job_start,5000.00\n";
            json!({ "required": true, "content": {
                "application/json": { "schema": { "$ref": "#/components/schemas/Invoice" }, "example": example },
                "text/csv": { "schema": { "type": "string", "description": "one row per line; a Danish Excel file (semicolons, 5.000,00) too" }, "example": csv }
            } })
        }
        ("post", "/payments/{id}/reversal") => json_body(
            "Reversal",
            json!({ "reason": "dagpenge paid in April was reported late", "booked_on": "2026-02-02" }),
        ),
        ("post", "/reports/check") => json!({
            "required": true,
            "description": "A typed figure list: the header label,value (or betegnelse;tal), then one figure a line; a label is `row / column` as the report's tables name them",
            "content": {
                "text/csv": { "schema": { "type": "string" }, "example": "label,value\nSamlet / Effekt i procent,\"53,5 %\"\n" },
                "text/plain": { "schema": { "type": "string" } }
            }
        }),
        ("post", "/grants/{id}/participants") => {
            let spell = |work: bool| {
                let mut props = json!({
                    "start": date("the first day (YYYY-MM-DD)", true),
                    "end": date("the last day, if it has ended", false)
                });
                let mut required = vec!["start"];
                if work {
                    props["hours_per_week"] =
                        json!({ "type": ["string", "number"], "description": "hours a week, e.g. \"7.5\"" });
                    required.push("hours_per_week");
                }
                json!({ "type": "object", "additionalProperties": false, "required": required, "properties": props })
            };
            let participant = json!({
                "type": "object",
                "additionalProperties": false,
                "required": ["participant", "cpr", "enrolled"],
                "properties": {
                    "participant": text("the project's id for the participant (no CPR number)"),
                    "cpr": text("the CPR number (DDMMYY-SSSS): gives the age at enrolment and becomes a pseudonym; never stored"),
                    "enrolled": date("the enrolment date", true),
                    "left": date("the last day in the project, if they left", false),
                    "work": { "type": "array", "items": spell(true) },
                    "education": { "type": "array", "items": spell(false) }
                }
            });
            let example = json!({ "participants": [ {
                "participant": "u-001", "cpr": "010105-4321", "enrolled": "2025-09-01",
                "work": [ { "start": "2025-10-06", "end": "2025-12-31", "hours_per_week": "15" } ],
                "education": [ { "start": "2026-01-05" } ] } ] });
            let csv = "participant,cpr,event,start,end,hours_per_week\nu-001,010105-4321,enrolled,2025-09-01,,\nu-001,,work,2025-10-06,2025-12-31,15\n";
            json!({ "required": true, "content": {
                "application/json": { "schema": { "type": "object", "additionalProperties": false, "required": ["participants"],
                    "properties": { "participants": { "type": "array", "items": participant } } }, "example": example },
                "text/csv": { "schema": { "type": "string", "description": "one row per event: enrolled (with cpr), left, work, education; a Danish Excel file (semicolons, 01.09.2025, 7,5) too" }, "example": csv }
            } })
        }
        ("post", "/audit/samples") => json!({
            "required": true,
            "content": { "application/json": { "schema": { "type": "object", "additionalProperties": false, "required": ["seed"],
                "properties": {
                    "seed": { "type": "integer", "minimum": 0, "description": "the same seed draws the same sample" },
                    "confidence_pct": { "type": ["string", "null"], "enum": ["90", "95", "99", null], "description": "default 95" },
                    "tolerable_error_pct": { "type": ["string", "null"], "description": "the tolerable error rate in percent (above 0, below 100): sizes the sample" },
                    "size": { "type": ["integer", "null"], "minimum": 1, "description": "the sample size, instead of computing it" }
                } }, "example": { "seed": 42, "confidence_pct": "95", "tolerable_error_pct": "5" } } }
        }),
        ("post", "/audit/samples/{id}/checks") => json!({
            "required": true,
            "content": { "application/json": { "schema": { "type": "object", "additionalProperties": false, "required": ["checks"],
                "properties": { "checks": { "type": "array", "items": { "type": "object", "additionalProperties": false,
                    "required": ["payment_id", "outcome"],
                    "properties": {
                        "payment_id": { "type": "integer", "minimum": 0 },
                        "outcome": { "type": "string", "enum": ["confirmed", "error"] },
                        "error_amount": { "type": ["string", "null"], "description": "with error: the amount paid in error, e.g. \"5000.00\"" }
                    } } } } },
                "example": { "checks": [ { "payment_id": 1, "outcome": "confirmed" }, { "payment_id": 2, "outcome": "error", "error_amount": "5000.00" } ] } } }
        }),
        ("post", "/registers/income") => json!({
            "required": true,
            "description": "An income register extract: one row per pay period; a Danish Excel file (semicolons, 01.03.2025, 160,5, 32.000,00) too",
            "content": { "text/csv": { "schema": { "type": "string" },
                "example": "cpr,employer_cvr,period_from,period_to,paid_hours,income\n010185-1234,12345678,2025-03-01,2025-03-31,160,32000.00\n" } }
        }),
        ("post", "/registers/benefits") => json!({
            "required": true,
            "description": "A benefit register extract: one row per citizen, ISO week and benefit code",
            "content": { "text/csv": { "schema": { "type": "string" },
                "example": "cpr,week,benefit_code\n010185-1234,2025-W14,KH\n" } }
        }),
        ("post", "/reports/scenario") => json_body(
            "Scenario",
            json!({
                "contract": "lejre-jobparate", "target_group": "dagpenge", "as_of": "2025-12-31",
                "referrals_per_year": 100, "job_start_rate_pct": "40", "retention_pct": { "retention_3m": "60", "retention_6m": "40" },
                "deadweight_pct": "20", "months_saved": "3", "amounts": { "job_start": "5000.00" },
                "until": "2026-12-31"
            }),
        ),
        _ => return None,
    })
}
