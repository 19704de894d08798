//! `nocure registers import` on a stopped server's store: a good extract is
//! stored and said so; a bad one names each row's line and field and stores
//! nothing; the CPR number is on no file of the store afterwards.

mod support;

use support::bin::{nocure, workdir};

fn import(dir: &std::path::Path, kind: &str, file: &str) -> (bool, String, String) {
    let out = nocure(dir).args(["registers", "import", "--kind", kind, file, "--data", "store"]).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

fn files_text(dir: &std::path::Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            text.push_str(&files_text(&path));
        } else {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(&path).unwrap()));
        }
    }
    text
}

#[test]
fn an_extract_is_imported_whole_or_its_bad_rows_are_named() {
    let dir = workdir();
    let d = dir.path();
    // Line 3: week 53 of 2025 does not exist; line 4: no code.
    std::fs::write(
        d.join("bad.csv"),
        "cpr,week,benefit_code\n010170-1234,2025-W14,KH\n010170-1234,2025-W53,KH\n010170-1234,2025-W15,\n",
    )
    .unwrap();
    let (ok, _, err) = import(d, "benefits", "bad.csv");
    assert!(!ok);
    assert!(err.contains("bad.csv:3: week"), "{err}");
    assert!(err.contains("bad.csv:4: benefit_code"), "{err}");
    assert!(err.contains("nothing was stored"), "{err}");
    assert!(!err.contains("010170"), "{err}");

    std::fs::write(d.join("uger.csv"), "cpr;week;benefit_code\n010170-1234;2025-W14;KH\n0101701234;2025-W15;KH\n")
        .unwrap();
    let (ok, out, err) = import(d, "benefits", "uger.csv");
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "imported benefits extract 1: 2 rows");
    let store = files_text(&d.join("store"));
    assert!(!store.contains("0101701234") && !store.contains("010170-1234"), "a CPR number is in the store");
}

/// An income extract of `citizens` × 10 monthly rows (Jan to Oct 2025, 160
/// hours each), every citizen a different valid CPR number; `tail` is added
/// after the last row.
fn large_income(path: &std::path::Path, citizens: u32, tail: &str) {
    use std::io::Write as _;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    writeln!(f, "cpr,employer_cvr,period_from,period_to,paid_hours,income").unwrap();
    for i in 0..citizens {
        // Day 1-28, month 1-12, year 70, serial 1000 + i / 336: distinct.
        let cpr = format!("{:02}{:02}70-{}", i % 28 + 1, (i / 28) % 12 + 1, 1000 + i / 336);
        for m in 1..=10 {
            writeln!(f, "{cpr},12345678,2025-{m:02}-01,2025-{m:02}-28,160,32000.00").unwrap();
        }
    }
    f.write_all(tail.as_bytes()).unwrap();
}

#[test]
fn a_large_extract_is_read_as_a_stream_and_stored_whole() {
    let dir = workdir();
    let d = dir.path();
    // 20,000 citizens × 10 pay periods = 200,000 rows (about 11 MB).
    large_income(&d.join("big.csv"), 20_000, "");
    let (ok, out, err) = import(d, "income", "big.csv");
    std::fs::remove_file(d.join("big.csv")).unwrap();
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "imported income extract 1: 200000 rows");
    // stderr is not a terminal here: no progress bar drawn over itself.
    assert!(!err.contains('\r'), "{err}");
    assert_eq!(stored(d).income.len(), 200_000);
}

#[test]
fn a_bad_row_at_the_very_end_of_a_large_extract_stores_nothing() {
    let dir = workdir();
    let d = dir.path();
    // 2,000 citizens × 10 rows on lines 2 to 20,001; the bad row is line 20,002.
    large_income(&d.join("big.csv"), 2_000, "010170-1234,12345678,2025-11-01,2025-11-30,lots,32000.00\n");
    let (ok, _, err) = import(d, "income", "big.csv");
    std::fs::remove_file(d.join("big.csv")).unwrap();
    assert!(!ok);
    assert!(err.contains("big.csv:20002: paid_hours"), "{err}");
    assert!(err.contains("nothing was stored"), "{err}");
    assert_eq!(stored(d).income.len(), 0);
}

/// The registers the store holds, read back as the engine reads them.
fn stored(dir: &std::path::Path) -> nocure::evidence::Registers {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let repo = nocure::store::Repo::open(&dir.join("store")).unwrap();
        let key = nocure::cpr::PseudonymKey::new(vec![0; 32]).unwrap();
        let svc = nocure::service::Service::open(repo, key, Default::default()).unwrap();
        let r = svc.registers().unwrap();
        svc.repo.close().await;
        r
    })
}

fn sorted(mut r: nocure::evidence::Registers) -> (Vec<String>, Vec<String>) {
    let mut income: Vec<String> = r.income.drain(..).map(|x| format!("{x:?}")).collect();
    let mut benefits: Vec<String> = r.benefits.drain(..).map(|x| format!("{x:?}")).collect();
    income.sort();
    benefits.sort();
    (income, benefits)
}

#[test]
fn an_extract_imported_again_corrects_and_does_not_add() {
    let dir = workdir();
    let d = dir.path();
    let income = "cpr,employer_cvr,period_from,period_to,paid_hours,income\n\
                  010170-1234,12345678,2025-03-01,2025-03-31,160,32000.00\n\
                  010170-1234,12345678,2025-04-01,2025-04-30,20,4000.00\n\
                  020270-1234,12345678,2025-04-01,2025-04-30,160,32000.00\n";
    std::fs::write(d.join("income.csv"), income).unwrap();
    std::fs::write(d.join("weeks.csv"), "cpr,week,benefit_code\n010170-1234,2025-W14,KH\n010170-1234,2025-W15,KH\n")
        .unwrap();
    assert!(import(d, "income", "income.csv").0);
    assert!(import(d, "benefits", "weeks.csv").0);
    let once = sorted(stored(d));
    assert_eq!((once.0.len(), once.1.len()), (3, 2));

    // The same files again: the same rows, not twice as many.
    let (ok, out, err) = import(d, "income", "income.csv");
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "imported income extract 2: 3 rows (3 replacing earlier rows)");
    assert!(import(d, "benefits", "weeks.csv").0);
    assert_eq!(sorted(stored(d)), once);

    // A corrected extract: April of the first citizen had 140 hours, not
    // 20, paid by another employer; week 15 was dagpenge, not
    // kontanthjælp. It replaces those rows and leaves the others.
    std::fs::write(
        d.join("fixed.csv"),
        "cpr,employer_cvr,period_from,period_to,paid_hours,income\n\
         010170-1234,87654321,2025-04-01,2025-04-30,140,28000.00\n",
    )
    .unwrap();
    std::fs::write(d.join("fixed-weeks.csv"), "cpr,week,benefit_code\n010170-1234,2025-W15,DP\n").unwrap();
    let (ok, out, err) = import(d, "income", "fixed.csv");
    assert!(ok, "{err}");
    assert_eq!(out.trim(), "imported income extract 3: 1 rows (1 replacing earlier rows)");
    assert!(import(d, "benefits", "fixed-weeks.csv").0);
    let now = stored(d);
    assert_eq!((now.income.len(), now.benefits.len()), (3, 2));
    let april: Vec<_> = now
        .income
        .iter()
        .filter(|r| r.from == chrono::NaiveDate::from_ymd_opt(2025, 4, 1).unwrap() && r.employer.as_str() == "87654321")
        .collect();
    assert_eq!(april.len(), 1);
    assert_eq!(april[0].hours, rust_decimal::Decimal::from(140));
    assert_eq!(now.income.iter().filter(|r| r.hours == rust_decimal::Decimal::from(20)).count(), 0);
    let mut codes: Vec<_> = now.benefits.iter().map(|b| (b.week, b.code.as_str())).collect();
    codes.sort();
    assert_eq!(codes, [(14, "KH"), (15, "DP")]);
}
