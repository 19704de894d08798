//! Evaluation speed on Lejre courses of about ten events each (the
//! synthetic generator's shapes). Target: at least 1,000,000 course
//! evaluations per second on one core. Figures: BENCHMARKS.md.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nocure::course::Course;
use nocure::evaluate::evaluate;
use nocure::evaluate::trace::render;
use nocure::generate::{Rng, course};
use nocure::load::load_contracts;
use nocure::wire::course_in::Sink;

const N: u64 = 10_000;

fn courses(set: &nocure::contract::ContractSet) -> (Vec<Course>, usize) {
    let mut rng = Rng::new(7);
    let mut problems = Vec::new();
    let mut events = 0;
    let out: Vec<Course> = (0..N)
        .filter_map(|n| {
            let raw = course(&mut rng, n);
            events += raw.events.len();
            let mut sink = Sink { prefix: String::new(), problems: &mut problems };
            raw.to_course(set, &mut sink).map(|(c, _)| c)
        })
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    (out, events)
}

fn bench(c: &mut Criterion) {
    let (set, problems, _) = load_contracts(&[std::path::PathBuf::from("contracts")]);
    assert!(problems.is_empty());
    let (courses, events) = courses(&set);
    eprintln!("{} courses, about {:.1} events each", courses.len(), events as f64 / courses.len() as f64);
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();

    let mut g = c.benchmark_group("evaluate");
    g.throughput(Throughput::Elements(courses.len() as u64));
    g.bench_function("verdicts", |b| {
        b.iter(|| {
            for c in &courses {
                black_box(evaluate(&set, black_box(c), as_of));
            }
        })
    });
    g.bench_function("verdicts_and_trace_text", |b| {
        b.iter(|| {
            for c in &courses {
                let e = evaluate(&set, black_box(c), as_of);
                black_box(render(&e));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
