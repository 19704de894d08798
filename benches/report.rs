//! Committee figures for a whole portfolio: 100,000 synthetic Lejre courses
//! (the generator's shapes, about ten events each) with a ledger paying
//! every achieved job start, as of 30 Jun 2026. Measured in CPU time (the
//! machine is shared). Figures: BENCHMARKS.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nocure::course::Course;
use nocure::evaluate::evaluate_all;
use nocure::generate::{Rng, course};
use nocure::load::load_contracts;
use nocure::money::Money;
use nocure::report::ledger::LedgerEntry;
use nocure::report::portfolio;
use nocure::verdict::Verdict;
use nocure::wire::course_in::Sink;
use nocure::wire::report_out::ReportView;

#[path = "common/cpu_time.rs"]
mod cpu_time;

const N: u64 = 100_000;

fn bench(c: &mut Criterion<cpu_time::CpuTime>) {
    let (set, problems, _) = load_contracts(&[std::path::PathBuf::from("contracts")]);
    assert!(problems.is_empty());
    let mut rng = Rng::new(11);
    let mut problems = Vec::new();
    let courses: Vec<Course> = (0..N)
        .filter_map(|n| {
            let raw = course(&mut rng, n);
            let mut sink = Sink { prefix: String::new(), problems: &mut problems };
            raw.to_course(&set, &mut sink).map(|(c, _)| c)
        })
        .collect();
    assert!(problems.is_empty());
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    // A ledger: every achieved job start paid, booked and due on achievement.
    let ledger: Vec<LedgerEntry> = evaluate_all(&set, &courses, as_of)
        .iter()
        .filter_map(|e| {
            let v = e.verdict("job_start")?;
            let Verdict::Achieved { date } = v.verdict else { return None };
            Some(LedgerEntry {
                payment_id: 0,
                course_id: e.course.id.to_string(),
                key: format!("lejre-jobparate/c:{}/job_start", e.course.citizen),
                milestone: "job_start".into(),
                amount: Money::kr(5000),
                booked_on: date,
                due_on: date,
                reversed_on: None,
            })
        })
        .collect();
    eprintln!("{} courses, {} payments", courses.len(), ledger.len());

    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.throughput(Throughput::Elements(courses.len() as u64));
    g.bench_function("portfolio", |b| {
        b.iter(|| black_box(portfolio(&set, "lejre-jobparate", black_box(&courses), &ledger, as_of)))
    });
    let p = portfolio(&set, "lejre-jobparate", &courses, &ledger, as_of).unwrap();
    g.bench_function("committee_json", |b| b.iter(|| black_box(ReportView::new(black_box(&p), true).json())));
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(cpu_time::CpuTime);
    targets = bench
}
criterion_main!(benches);
