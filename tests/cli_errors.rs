//! The command line's answers to a user's mistakes, run as a user runs it:
//! every message names what was wrong and what to do instead.

mod support;

use std::path::Path;
use std::process::{Command, Output};

fn nocure_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nocure"))
        .args(args)
        .current_dir(dir)
        .env("NOCURE_PSEUDONYM_KEY", "00112233445566778899aabbccddeeff")
        .output()
        .expect("the binary runs")
}

fn nocure(args: &[&str]) -> Output {
    nocure_in(&support::root(), args)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const COURSE: &str = "lejre-jobparate,ledighedsydelse";

/// A courses.csv and events.csv with Windows line ends (as Excel saves
/// them): a bad referral date on line 2 (the first row under the header)
/// and a bad event date on line 20 of events.csv.
#[test]
fn csv_problems_name_the_line_an_editor_shows_with_windows_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    let mut courses = String::from("course_id,citizen,contract,target_group,referred_on\r\n");
    courses.push_str(&format!("c-1,p-1,{COURSE},2025-02-30\r\n"));
    for i in 2..=20 {
        courses.push_str(&format!("c-{i},p-{i},{COURSE},2025-03-03\r\n"));
    }
    let mut events = String::from("course_id,type,date\r\n");
    // Lines 2 to 19 are good; line 20 is the 19th event row.
    for i in 2..=19 {
        events.push_str(&format!("c-{i},course_started,2025-03-10\r\n"));
    }
    events.push_str("c-20,course_started,2025-04-31\r\n");
    std::fs::write(dir.path().join("courses.csv"), courses).unwrap();
    std::fs::write(dir.path().join("events.csv"), events).unwrap();
    let path = dir.path().join("courses.csv");
    let out = nocure(&["evaluate", "--courses", path.to_str().unwrap(), "--as-of", "2025-12-31"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("courses.csv:2: courses[0] (c-1) referred_on"), "{err}");
    assert!(err.contains("events.csv:20: courses[19] (c-20) date"), "{err}");
}

/// Blank lines do not shift the count either: the bad row is on line 4.
#[test]
fn csv_problems_count_blank_lines_as_lines() {
    let dir = tempfile::tempdir().unwrap();
    let courses = format!(
        "course_id,citizen,contract,target_group,referred_on\n\nc-1,p-1,{COURSE},2025-03-03\nc-2,p-2,{COURSE},2025-3-3\n"
    );
    std::fs::write(dir.path().join("courses.csv"), courses).unwrap();
    std::fs::write(dir.path().join("events.csv"), "course_id,type,date\n").unwrap();
    let path = dir.path().join("courses.csv");
    let out = nocure(&["evaluate", "--courses", path.to_str().unwrap(), "--as-of", "2025-12-31"]);
    let err = text(&out.stderr);
    assert!(err.contains("courses.csv:4: courses[1] (c-2) referred_on"), "{err}");
}

#[test]
fn commands_that_read_a_store_refuse_a_path_that_holds_none() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("nocure-dta");
    let typo_s = typo.to_str().unwrap();
    let token = nocure(&["token", "create", "--role", "finance", "--name", "Anna", "--data", typo_s]);
    assert_eq!(token.status.code(), Some(1), "{}", text(&token.stdout));
    let err = text(&token.stderr);
    assert!(err.contains(typo_s) && err.contains("no store"), "{err}");
    assert!(err.contains("nocure serve"), "says which command creates a store: {err}");
    assert!(token.stdout.is_empty(), "no token may be printed");
    assert!(!typo.exists(), "nothing may be created at the mistyped path");

    let report = nocure(&["report", "--as-of", "2025-12-31", "--data", typo_s]);
    assert_eq!(report.status.code(), Some(1));
    let err = text(&report.stderr);
    assert!(err.contains(typo_s) && err.contains("no store"), "{err}");
    assert!(!err.contains("give --contract"), "{err}");
    assert!(!typo.exists());
}

#[test]
fn report_without_a_source_says_which_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let out = nocure_in(dir.path(), &["report", "--as-of", "2025-12-31"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("--courses") && err.contains("--data"), "{err}");
    assert!(!dir.path().join("nocure-data").exists(), "no store may be created");
}

#[test]
fn generate_into_a_missing_folder_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no-such-folder").join("courses.json");
    let out = nocure(&["generate", "--courses", "3", "--out", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains(target.to_str().unwrap()), "{err}");
}

#[test]
fn an_impossible_day_is_called_so() {
    let out = nocure(&["evaluate", "--courses", "examples/courses.json", "--as-of", "2025-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    // February 2025 has 28 days (2025 is not a leap year).
    assert!(err.contains("February 2025 has 28 days"), "{err}");
    assert!(!err.contains("write YYYY-MM-DD"), "the format was right: {err}");
    let wrong = nocure(&["evaluate", "--courses", "examples/courses.json", "--as-of", "31-12-2025"]);
    assert!(text(&wrong.stderr).contains("write YYYY-MM-DD"), "{}", text(&wrong.stderr));
}

#[test]
fn evaluate_outside_the_repository_points_at_contracts() {
    let dir = tempfile::tempdir().unwrap();
    let courses = support::root().join("examples/courses.json");
    let out = nocure_in(dir.path(), &["evaluate", "--courses", courses.to_str().unwrap(), "--as-of", "2025-12-31"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("--contracts"), "{err}");
}

#[test]
fn a_report_from_course_files_says_payments_are_unknown() {
    let out = nocure(&[
        "report",
        "--courses",
        "tests/fixtures/report/portfolio.json",
        "--as-of",
        "2025-12-31",
        "--format",
        "csv",
        "--table",
        "money",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |k: &str| header.iter().position(|h| *h == k).unwrap();
    for row in lines {
        let cells: Vec<&str> = row.split(',').collect();
        for k in ["paid", "approved_unpaid", "earned_uninvoiced", "at_risk"] {
            assert_eq!(cells[col(k)], "unknown", "{k} in {row}");
        }
        assert_ne!(cells[col("earned")], "unknown", "earned comes from the events: {row}");
    }
    let da = nocure(&[
        "report",
        "--courses",
        "tests/fixtures/report/portfolio.json",
        "--as-of",
        "2025-12-31",
        "--lang",
        "da",
    ]);
    let s = text(&da.stdout);
    // The payments table: paid, approved, not invoiced and at risk are
    // unknown, in every row; no "Udbetalt 0,00 kr.".
    let money = s.split("Betalinger: hvor det optjente beløb står\n").nth(1).unwrap().split("\n\n").next().unwrap();
    let rows: Vec<&str> = money.lines().skip(1).collect();
    assert_eq!(rows.len(), 4, "{money}");
    for row in rows {
        assert_eq!(row.matches("ukendt").count(), 4, "{row}");
    }
    // Paid per citizen in job (paid / ended in job) is unknown, not 0; the
    // cost on what was earned is known.
    let results = s.split("Enhedsomkostning pr. resultat").nth(1).unwrap().split("\n\n").next().unwrap();
    for row in results.lines().skip(2) {
        assert_eq!(row.matches("ukendt").count(), 1, "{row}");
    }
    assert!(s.contains("--data"), "says where payments are known:\n{s}");
}

#[test]
fn report_options_that_would_be_ignored_are_refused() {
    let base = ["report", "--courses", "tests/fixtures/report/portfolio.json", "--as-of", "2025-12-31"];
    let with = |extra: &[&str]| {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        nocure(&args)
    };
    let out = with(&["--format", "table", "--dialect", "excel-da"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--dialect"), "{}", text(&out.stderr));
    let out = with(&["--format", "csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("--table") && err.contains("status, jobs, money"), "{err}");
    // Given properly, both work.
    assert!(with(&["--format", "csv", "--table", "status", "--dialect", "excel-da"]).status.success());
}

#[test]
fn every_option_has_a_help_line() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" {
                continue;
            }
            if a.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                missing.push(format!("{path} --{id}"));
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&nocure::cli::Cli::command(), "nocure", &mut missing);
    assert!(missing.is_empty(), "options without a help line: {missing:?}");
}
