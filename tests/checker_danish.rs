//! The contract checker says every problem in Danish too: the procurement
//! page is Danish by default, and a finance or procurement officer there
//! must not meet English. One broken draft per kind of problem the checker
//! finds; each problem must carry its Danish, and a few are pinned to the
//! exact words and the line an editor shows. The drafts are also posted to
//! the procurement page over the real server, which must show no English.

mod support;

use nocure::contract::{ContractSet, Problem};
use nocure::wire::contract_file::{parse_json, parse_toml};
use reqwest::multipart;
use support::app::{Options, spawn_app};
use support::danish::{findings, visible_text};

const HEAD: &str = r#"id = "t"
version = 1
title = "Test"
buyer = "Kommune"
effective_from = 2025-01-01

[supplier]
name = "S"
cvr = "12345678"

[referrals]
from = 2025-02-01
until = 2025-12-31

[payment_condition]
allowed_benefits = ["fleksjob"]
"#;

// Lines 18-21 and 23-26 (HEAD is 16 lines, then a blank line 17).
const MILESTONES: &str = r#"
[[milestones]]
id = "job_start"
after_months = 0
amount = "5000.00"

[[milestones]]
id = "retention_6m"
after_months = 6
amount = "10000.00"
"#;

// Starts on line 28.
const GROUP: &str = r#"
[[target_groups]]
id = "dagpenge"
benefit = "dagpenge"
benefit_saving = "50974.00"
expected_months_saved = 4
"#;

fn good() -> String {
    format!("{HEAD}{MILESTONES}{GROUP}")
}

/// The good draft with `from` replaced by `to` (which must be found).
fn with(from: &str, to: &str) -> String {
    let g = good();
    assert!(g.contains(from), "`{from}` not in the draft");
    g.replacen(from, to, 1)
}

/// The good draft with `extra` added to the target group (the last table).
fn group_with(extra: &str) -> String {
    format!("{}{extra}\n", good())
}

/// Every broken draft, named; each must fail with at least one problem.
fn broken() -> Vec<(&'static str, String)> {
    let in_house = |cost: &str| {
        let g = with("version = 1\n", "version = 1\nkind = \"in_house\"\n");
        format!("{g}\n[cost]\n{cost}\n")
    };
    let registers = |codes: &str| {
        format!("{}\n[registers]\nmin_paid_hours_per_month = 40\n\n[registers.benefit_codes]\n{codes}\n", good())
    };
    vec![
        ("condition not a table", group_with("eligibility = 5")),
        ("two keys in a condition", group_with("eligibility = { age_at_least = 50, age_below = 60 }")),
        ("empty all", group_with("eligibility = { all = [] }")),
        ("empty a_kasse_in", group_with("eligibility = { a_kasse_in = [] }")),
        ("unknown condition", group_with("eligibility = { shoe_size = 42 }")),
        ("no milestones", format!("milestones = []\n{HEAD}{GROUP}")),
        ("duplicate milestone id", with("id = \"retention_6m\"", "id = \"job_start\"")),
        ("milestones out of order", with("after_months = 0", "after_months = 9")),
        ("version 0", with("version = 1", "version = 0")),
        ("unknown kind", with("version = 1\n", "version = 1\nkind = \"outcome\"\n")),
        (
            "[cost] on a milestones contract",
            format!("{}\n[cost]\nstaff_years = 2\ncost_per_staff_year = \"600000.00\"\ncaseload = 60\n", good()),
        ),
        (
            "in-house figures out of range, and an amount",
            in_house("staff_years = 20000\ncost_per_staff_year = \"0\"\ncaseload = 60"),
        ),
        ("in-house pay too high", in_house("staff_years = 2\ncost_per_staff_year = \"200000000\"\ncaseload = 60")),
        (
            "bad on_break",
            with("allowed_benefits = [\"fleksjob\"]\n", "allowed_benefits = [\"fleksjob\"]\non_break = \"pause\"\n"),
        ),
        (
            "bad job kind",
            with(
                "allowed_benefits = [\"fleksjob\"]\n",
                "allowed_benefits = [\"fleksjob\"]\njob_types = [\"seasonal\"]\n",
            ),
        ),
        (
            "no job kind",
            with("allowed_benefits = [\"fleksjob\"]\n", "allowed_benefits = [\"fleksjob\"]\njob_types = []\n"),
        ),
        (
            "allowed benefit is the group's",
            with("allowed_benefits = [\"fleksjob\"]", "allowed_benefits = [\"dagpenge\"]"),
        ),
        ("promise over 100", format!("{}\n[promises]\nordinary_job_pct = 120\n", good())),
        ("promise a float", format!("{}\n[promises]\nany_job_pct = 50.5\n", good())),
        ("ordinary above any", format!("{}\n[promises]\nordinary_job_pct = 60\nany_job_pct = 50\n", good())),
        ("hours not positive", registers("DP = \"dagpenge\"").replace("= 40", "= 0")),
        ("bad code", registers("\"a code that is far too long\" = \"dagpenge\"")),
        ("code twice", registers("DP = \"dagpenge\"\n\" DP\" = \"dagpenge\"")),
        ("unknown benefit for a code", registers("DP = \"dagpenge2\"")),
        ("code not a name", registers("DP = 5")),
        ("no codes", registers("")),
        ("no target groups", format!("target_groups = []\n{HEAD}{MILESTONES}")),
        ("unknown benefit in target group", with("benefit = \"dagpenge\"", "benefit = \"dagpenge2\"")),
        ("benefit not a name", with("benefit = \"dagpenge\"", "benefit = 5")),
        ("negative subsidy", group_with("fleksjob_subsidy = \"-1.00\"")),
        ("saving without months", with("expected_months_saved = 4\n", "")),
        ("months without saving", with("benefit_saving = \"50974.00\"\n", "")),
        ("group referrals outside the contract's", group_with("referrals_from = 2025-01-15")),
        ("duplicate target group", format!("{}{GROUP}", good())),
        ("TOML syntax error", with("title = \"Test\"", "title = \"Test")),
    ]
}

fn english_only(ps: &[Problem]) -> Vec<String> {
    ps.iter().filter(|p| p.message_da.is_none()).map(|p| format!("{}: {}", p.field, p.message)).collect()
}

fn problems(text: &str) -> Vec<Problem> {
    match parse_toml(text) {
        Ok(_) => panic!("the draft parsed:\n{text}"),
        Err(ps) => ps,
    }
}

#[test]
fn every_problem_in_a_broken_draft_is_said_in_danish() {
    assert!(parse_toml(&good()).is_ok(), "the base draft must be valid");
    let mut report = String::new();
    for (what, text) in broken() {
        let ps = problems(&text);
        for e in english_only(&ps) {
            report.push_str(&format!("{what}: {e}\n"));
        }
    }
    let not_object = parse_json(&serde_json::json!(5)).expect_err("5 is not a contract");
    for e in english_only(&not_object) {
        report.push_str(&format!("a JSON body that is not an object: {e}\n"));
    }
    assert!(report.is_empty(), "said in English only:\n{report}");
}

/// The one problem in `text` on `field`, in Danish, with its line.
fn danish(text: &str, field: &str) -> (Option<u32>, String) {
    let ps = problems(text);
    let p = ps.iter().find(|p| p.field == field).unwrap_or_else(|| panic!("no problem on `{field}`: {ps:?}"));
    (p.line, p.message_da.clone().unwrap_or_else(|| format!("(English only) {}", p.message)))
}

#[test]
fn the_danish_names_the_line_and_the_values_from_the_file() {
    // The second milestone's after_months is line 25 (HEAD 16 lines, blank,
    // [[milestones]] 18, id 19, after_months 20, amount 21, blank,
    // [[milestones]] 23, id 24, after_months 25).
    assert_eq!(
        danish(&with("after_months = 0", "after_months = 9"), "milestones[1].after_months"),
        (
            Some(25),
            "milepæle skal stå i stigende rækkefølge efter `after_months`: 6 kommer ikke efter 9 (`job_start`)".into()
        )
    );
    assert_eq!(
        danish(&with("id = \"retention_6m\"", "id = \"job_start\""), "milestones[1].id"),
        (Some(24), "milepælen `job_start` står to gange (også som `milestones[0]`)".into())
    );
    assert_eq!(danish(&with("version = 1", "version = 0"), "version"), (Some(2), "versioner nummereres fra 1".into()));
    assert_eq!(
        danish(&format!("milestones = []\n{HEAD}{GROUP}"), "milestones"),
        (Some(1), "mindst én milepæl er nødvendig".into())
    );
    // The group's eligibility is line 33 (the group starts on line 28 and
    // has five lines: [[target_groups]], id, benefit, saving, months).
    assert_eq!(
        danish(&group_with("eligibility = { shoe_size = 42 }"), "target_groups[0].eligibility.shoe_size").0,
        Some(33)
    );
    assert!(
        danish(&group_with("eligibility = { shoe_size = 42 }"), "target_groups[0].eligibility.shoe_size")
            .1
            .starts_with("ukendt betingelse `shoe_size`; kendte betingelser er `all`, `any`, `not`, "),
    );
    // A promise of 52,5 % is written in Danish numbers.
    assert_eq!(
        danish(&format!("{}\n[promises]\nordinary_job_pct = \"152.5\"\n", good()), "promises.ordinary_job_pct").1,
        "skal være en procentsats fra 0 til 100, men er 152,5"
    );
    assert_eq!(
        danish(&with("benefit = \"dagpenge\"", "benefit = \"dagpenge2\""), "target_groups[0].benefit").1,
        "ukendt ydelse »dagpenge2«; kendte ydelser er `dagpenge`, `ledighedsydelse`, `kontanthjaelp`, \
         `uddannelseshjaelp`, `selvforsoergelsesydelse`, `sygedagpenge`, `ressourceforloebsydelse`, \
         `jobafklaringsydelse`, `revalideringsydelse`, `fleksjob`"
    );
    // Title is line 3; the parser's detail is English, so the Danish says
    // where to look instead.
    let (line, da) = danish(&with("title = \"Test\"", "title = \"Test"), "");
    assert_eq!(line, Some(3));
    assert!(da.starts_with("ikke gyldig TOML"), "{da}");
}

#[test]
fn a_version_that_conflicts_with_another_is_said_in_danish() {
    let v1 = parse_toml(&good()).unwrap();
    let same_number = parse_toml(&with("effective_from = 2025-01-01", "effective_from = 2025-06-01")).unwrap();
    let (set, ps) = ContractSet::build(vec![("v1.toml".into(), v1)]);
    assert!(ps.is_empty(), "{ps:?}");
    let ps = set.conflicts("udkast.toml", &same_number);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].line, Some(2));
    assert_eq!(ps[0].message_da.as_deref(), Some("version 1 af `t` findes også i v1.toml"));

    let supersedes_missing = parse_toml(&with("version = 1\n", "version = 3\nsupersedes = 2\n")).unwrap();
    let (_, ps) = ContractSet::build(vec![("v3.toml".into(), supersedes_missing)]);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].message_da.as_deref(), Some("erstatter version 2 af `t`, som ikke findes blandt kontraktfilerne"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_procurement_page_shows_a_broken_drafts_problems_in_danish() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let client = reqwest::Client::new();
    let cookie = format!("nocure_token={}; nocure_lang=da", app.token("procurement"));
    let mut report = String::new();
    for (what, text) in broken() {
        let form = multipart::Form::new().text("text", text);
        let res = client
            .post(format!("{}/procurement/check", app.base))
            .header("cookie", &cookie)
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let html = res.text().await.unwrap();
        if status != 422 || !html.contains("<html lang=\"da\">") || !html.contains("role=\"alert\"") {
            report.push_str(&format!("{what}: {status}, not a Danish list of problems\n"));
        }
        for f in findings(&visible_text(&html)) {
            report.push_str(&format!("{what}: {f}\n"));
        }
    }
    assert!(report.is_empty(), "English, ISO dates, raw codes or English amounts:\n{report}");
    // One message read as the officer sees it: line, field and the Danish.
    let form = multipart::Form::new().text("text", with("version = 1", "version = 0"));
    let res = client
        .post(format!("{}/procurement/check", app.base))
        .header("cookie", &cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("Linje 2, <code>version</code>: versioner nummereres fra 1"), "{html}");
    app.stop().await;
}
