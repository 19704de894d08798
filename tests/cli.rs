//! The command line, run as a user runs it.

mod support;

use std::process::{Command, Output};

fn nocure(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nocure"))
        .args(args)
        .current_dir(support::root())
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn the_shipped_contracts_pass_check() {
    let out = nocure(&["check", "contracts"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("ok  lejre-jobparate version 1"), "{stdout}");
    assert!(stdout.contains("ok  lejre-jobparate version 2"), "{stdout}");
    assert!(stdout.contains("ok  lejre-ungeloeftet version 1 (grant pool 1834319.32 kr."), "{stdout}");
}

#[test]
fn check_warns_of_the_grants_budget_and_strict_refuses_it() {
    let out = nocure(&["check", "contracts/lejre-ungeloeftet-v1.toml"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // Tranche 1 = 50 % of 1,834,319.32; the bands' tranche 2 from 40 % and
    // 50 % (733,727.728 → 733,727.73).
    assert!(
        stdout.contains(
            "tranche 1 917159.66; tranche 2 [0 %, 50 %) → 0.00, [50 %, 55 %) → 733727.73, [55 %, 100 %] → 917159.66"
        ),
        "{stdout}"
    );
    // The rows sum to 1,814,319.32: 20,000.00 short of the grant.
    assert!(stdout.contains("warning: lejre-ungeloeftet version 1: budget: the budget rows sum to 1814319.32 kr., not to the grant of 1834319.32 kr.: a difference of 20000.00 kr."), "{stdout}");
    assert!(stdout.contains("warning: lejre-ungeloeftet version 1: co_financing_also_stated: the co-financing is stated two ways: 912001.15 kr. (used) and 912001.25 kr."), "{stdout}");
    assert!(stdout.contains("1 contract file valid."), "{stdout}");
    let out = nocure(&["check", "--strict", "contracts/lejre-ungeloeftet-v1.toml"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("error (strict): lejre-ungeloeftet version 1: budget:"), "{stdout}");
    assert!(stdout.contains("2 warnings with --strict."), "{stdout}");
    assert!(!stdout.contains("valid."), "{stdout}");
}

#[test]
fn check_reports_every_problem_with_file_line_and_field() {
    let out = nocure(&["check", "tests/fixtures/bad-contracts"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let d = "tests/fixtures/bad-contracts";
    let expected = [
        format!("{d}/milestones.toml:21: milestones[0].amount: must be positive"),
        format!("{d}/milestones.toml:26: milestones[1].amount: `10000.005` has more than two decimals"),
        format!("{d}/milestones.toml:29: milestones[2].id: duplicate milestone id `retention_3m`"),
        format!("{d}/milestones.toml:30: milestones[2].after_months: milestones must be in ascending order"),
        format!("{d}/milestones.toml:31: milestones[2].amount: 10000.0 is a float"),
        format!("{d}/groups.toml:13: referrals: the period is empty or inverted"),
        format!("{d}/groups.toml:16: payment_condition.allowed_benefits[0]: unknown benefit `flexjob`"),
        format!("{d}/groups.toml:17: payment_condition.on_break: expected \"forfeit\" or \"restart\""),
        format!(
            "{d}/groups.toml:27: target_groups[0].eligibility.any[0].shoe_size_at_least: unknown condition or attribute"
        ),
        format!("{d}/groups.toml:30: target_groups[1].id: duplicate target group `dagpenge`"),
        format!("{d}/groups.toml:31: target_groups[1].benefit: unknown benefit `unemployment`"),
        format!("{d}/versions-b.toml:2: version: version 1 of `dup` is also defined in {d}/versions-a.toml"),
        format!(
            "{d}/versions-c.toml:5: effective_from: version 2 of `dup` takes effect on 2025-01-01, the same day as version 1"
        ),
    ];
    for e in &expected {
        assert!(err.contains(e.as_str()), "missing {e:?} in:\n{err}");
    }
    assert!(err.contains(&format!("{} problems found.", expected.len())), "{err}");
}

#[test]
fn bad_courses_are_refused_whole_with_every_problem() {
    let out = nocure(&["evaluate", "--courses", "tests/fixtures/bad-courses.json", "--as-of", "2025-12-31"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no verdicts may be printed: {}", text(&out.stdout));
    let err = text(&out.stderr);
    for e in [
        "courses[0] (b-1).contract: unknown contract `lejre-jobparat`",
        "courses[1] (b-2).target_group: contract `lejre-jobparate` has no target group `kontanthjaelp`",
        "courses[2] (b-3).events[0].to: the benefit period ends on 2025-04-01, before it starts on 2025-04-30",
        "courses[2] (b-3).events[1].date: job_ended on 2025-03-01 has no job_started on or before it",
        "courses[3] (b-3).course_id: duplicate course id `b-3`",
        "courses[4] (b-5).referred_on: `2025-02-30` is not a date",
        "courses[4] (b-5).events[0].type: unknown event type `job_lost`",
        "courses[5] (b-6).citizen: looks like a CPR number",
        "8 problems found.",
    ] {
        assert!(err.contains(e), "missing {e:?} in:\n{err}");
    }
}

#[test]
fn malformed_json_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{ \"courses\": [\n  { \"course_id\": \"c-1\",\n    \"citizen\": }\n] }").unwrap();
    let out = nocure(&["evaluate", "--courses", path.to_str().unwrap(), "--as-of", "2025-12-31"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("broken.json:3: not valid course JSON"), "{err}");
}

#[test]
fn csv_input_gives_the_same_verdicts_as_json() {
    let json = nocure(&["evaluate", "--courses", "examples/courses.json", "--as-of", "2026-03-15"]);
    let csv = nocure(&["evaluate", "--courses", "examples/courses.csv", "--as-of", "2026-03-15"]);
    assert!(json.status.success() && csv.status.success(), "{}{}", text(&json.stderr), text(&csv.stderr));
    let a: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&csv.stdout).unwrap();
    assert_eq!(a, b);
    assert_eq!(a["courses"].as_array().unwrap().len(), 6);
    // Hand sum: c-0001 job start 5,000; c-0002 and c-0003 all three
    // milestones, 25,000 each; c-0004 not eligible; c-0005 job before the
    // course; c-0006 re-referral whose job start p-3f9a already earned in
    // c-0001 and whose retention is pending.
    assert_eq!(a["total_earned"], "55000.00");
}

#[test]
fn csv_problems_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("courses.csv"),
        "course_id,citizen,contract,target_group,referred_on\nc-1,p-1,lejre-jobparate,ledighedsydelse,2025-03-03\nc-2,p-2,lejre-jobparate,ledighedsydelse,03-03-2025\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("events.csv"),
        "course_id,type,date\nc-9,job_started,2025-04-01\nc-1,job_started,2025-04-01\nc-1,job_ended,2025-03-01x\n",
    )
    .unwrap();
    let path = dir.path().join("courses.csv");
    let out = nocure(&["evaluate", "--courses", path.to_str().unwrap(), "--as-of", "2025-12-31"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("events.csv:2: course_id: no course `c-9`"), "{err}");
    assert!(err.contains("events.csv:4: courses[0] (c-1) date: `2025-03-01x` is not a date"), "{err}");
    assert!(err.contains("courses.csv:3: courses[1] (c-2) referred_on: `03-03-2025` is not a date"), "{err}");
}

#[test]
fn case_prints_the_investment_case_from_the_minutes() {
    let out = nocure(&["case", "--contract", "lejre-jobparate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    for needle in
        ["25974.00 kr.", "12560.75 kr.", "1.96", "5.99", "50.96 %", "33.44 %", "Integration: the contract gives no"]
    {
        assert!(s.contains(needle), "missing {needle:?} in:\n{s}");
    }
    let da = text(&nocure(&["case", "--contract", "lejre-jobparate", "--lang", "da"]).stdout);
    for needle in ["25.974,00 kr.", "12.560,75 kr.", "1,96", "50,96 %", "33,44 %"] {
        assert!(da.contains(needle), "missing {needle:?} in:\n{da}");
    }
    let v1 = nocure(&["case", "--contract", "lejre-jobparate", "--version", "3"]);
    assert_eq!(v1.status.code(), Some(1));
    assert!(text(&v1.stderr).contains("has no version 3"));
}

#[test]
fn report_prints_the_committee_figures_of_a_course_file() {
    // tests/fixtures/report/portfolio.json, as computed by hand in
    // tests/report.rs: dagpenge 6 referred, 1 ongoing, 2 in job, 2 without,
    // 1 interrupted (50.0 %); in all 8, 1, 4, 2, 1 (66.7 %).
    let out = nocure(&[
        "report",
        "--courses",
        "tests/fixtures/report/portfolio.json",
        "--as-of",
        "2025-12-31",
        "--format",
        "csv",
        "--table",
        "status",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "group,referred,ongoing,ended_job,ended_no_job,interrupted,success_rate_pct\n\
         Dagpenge,6,1,2,2,1,50.0\n\
         Ledighedsydelse,1,0,1,0,0,100.0\n\
         Integration,1,0,1,0,0,100.0\n\
         Total,8,1,4,2,1,66.7\n"
    );
    // As a committee sees it: the groups of one citizen are hidden.
    let out = nocure(&[
        "report",
        "--courses",
        "tests/fixtures/report/portfolio.json",
        "--as-of",
        "2025-12-31",
        "--committee",
        "--lang",
        "da",
    ]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Status pr. 31.12.2025"), "{stdout}");
    assert!(stdout.lines().any(|l| l.starts_with("Ledighedsydelse") && l.contains("< 5")), "{stdout}");
    let bad = nocure(&[
        "report",
        "--courses",
        "tests/fixtures/report/portfolio.json",
        "--as-of",
        "2025-12-31",
        "--table",
        "nope",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("no table `nope`"));
}

#[test]
fn grant_report_reads_a_participants_file() {
    // examples/ungeloeftet-participants.csv: 20 enrolled 1 Sep 2025, 20
    // more 2 Feb 2026. April 2026: 40 counted; in work u-01…u-03, u-05…u-09,
    // u-21…u-24, u-29…u-31 = 15; in education u-04, u-10, u-25…u-28 = 6;
    // 21 of 40 = 52.5 %, the best complete month by 31 May 2026 (May has
    // the same 21 of 40; the earlier month is named). Band [50 %, 55 %):
    // 733,727.73 secured, 917,159.66 − 733,727.73 = 183,431.93 at stake.
    // May needs ceil(0.55 × 40) = 22 for [55 %, 100 %]: 1 more.
    let out = nocure(&[
        "grant",
        "report",
        "--participants",
        "examples/ungeloeftet-participants.csv",
        "--as-of",
        "2026-05-31",
        "--lang",
        "da",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for line in [
        "Bedste afsluttede måned: april 2026 (52,5 % i beskæftigelse eller uddannelse: 21, [50 %, 55 %))",
        "Rate 2 sikret indtil nu: 733.727,73 kr.",
        "Rate 2 stadig på spil: 183.431,93 kr.",
        "For at nå næste interval: 1 flere i beskæftigelse eller uddannelse i maj 2026 (22 af månedens deltagere) når [55 %, 100 %]: rate 2 917.159,66 kr.",
        "Tilsagn minus budgetrækker: 20.000,00 kr.",
        "Advarsel: budgetrækkerne summerer til 1.814.319,32 kr., ikke til tilsagnet på 1.834.319,32 kr.: en forskel på 20.000,00 kr.",
    ] {
        assert!(stdout.contains(line), "{line}\n{stdout}");
    }
    // The monthly table as CSV: April 2026's row.
    let out = nocure(&[
        "grant",
        "report",
        "--participants",
        "examples/ungeloeftet-participants.csv",
        "--as-of",
        "2026-05-31",
        "--format",
        "csv",
    ]);
    let csv = text(&out.stdout);
    assert!(csv.contains("2026-04,40,15,6,21,52.5,\"[50 %, 55 %)\",733727.73"), "{csv}");
    // A bad row: its line and field, and no figures.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("p.csv");
    std::fs::write(&bad, "participant,cpr,event,start,end,hours_per_week\nu-1,150390-1001,enrolled,2026-01-01,,\n")
        .unwrap();
    let out = nocure(&["grant", "report", "--participants", bad.to_str().unwrap(), "--as-of", "2026-05-31"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("p.csv:2: cpr: aged 35 at enrolment on 2026-01-01; Ungeløftet is for ages 15 to 29"), "{err}");
    assert!(out.stdout.is_empty());
}
