//! Evaluation speed on Lejre courses of about ten events each (the
//! synthetic generator's shapes). Target: at least 1,000,000 course
//! evaluations per second on one core. Beside the facts-only figure, the
//! path a user waits for: from course JSON (and from CSV) to verdicts, and
//! its floor (serde only tokenising the same JSON). Figures: BENCHMARKS.md.

use std::hint::black_box;
use std::io::Cursor;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nocure::course::{Course, CourseStore};
use nocure::evaluate::trace::render;
use nocure::evaluate::{OncePerCitizen, evaluate};
use nocure::generate::{Rng, course};
use nocure::load::load_contracts;
use nocure::wire::course_file::{read_csv, read_json, read_json_seekable};
use nocure::wire::course_in::{RawCourse, Sink};

const N: u64 = 10_000;

fn raws() -> Vec<RawCourse> {
    let mut rng = Rng::new(7);
    (0..N).map(|n| course(&mut rng, n)).collect()
}

/// The same courses as `courses.csv` and `events.csv`.
fn as_csv(raws: &[RawCourse]) -> (Vec<u8>, Vec<u8>) {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut c = csv::Writer::from_writer(Vec::new());
    c.write_record([
        "course_id",
        "citizen",
        "contract",
        "target_group",
        "referred_on",
        "birth_date",
        "a_kasse",
        "unemployed_since",
        "benefit",
    ])
    .unwrap();
    let mut e = csv::Writer::from_writer(Vec::new());
    e.write_record([
        "course_id",
        "type",
        "id",
        "date",
        "from",
        "to",
        "job",
        "benefit",
        "outcome",
        "reason",
        "retracts",
    ])
    .unwrap();
    for r in raws {
        let a = &r.attributes;
        c.write_record([
            o(&r.course_id),
            o(&r.citizen),
            o(&r.contract),
            o(&r.target_group),
            o(&r.referred_on),
            o(&a.birth_date),
            o(&a.a_kasse),
            o(&a.unemployed_since),
            o(&a.benefit),
        ])
        .unwrap();
        for v in &r.events {
            e.write_record([
                o(&r.course_id),
                o(&v.kind),
                o(&v.id),
                o(&v.date),
                o(&v.from),
                o(&v.to),
                o(&v.job),
                o(&v.benefit),
                o(&v.outcome),
                o(&v.reason),
                o(&v.retracts),
            ])
            .unwrap();
        }
    }
    (c.into_inner().unwrap(), e.into_inner().unwrap())
}

fn courses(set: &nocure::contract::ContractSet) -> (Vec<Course>, usize) {
    let mut problems = Vec::new();
    let mut events = 0;
    let out: Vec<Course> = raws()
        .into_iter()
        .filter_map(|raw| {
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

    // From input to verdicts: what `nocure evaluate` does per course, the
    // file already in memory.
    let raws = raws();
    let json = serde_json::to_vec(&serde_json::json!({ "courses": raws })).unwrap();
    let (courses_csv, events_csv) = as_csv(&raws);
    let mut g = c.benchmark_group("from_input");
    g.throughput(Throughput::Elements(N));
    g.bench_function("json_tokenise_only_floor", |b| {
        b.iter(|| black_box(serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&json)).unwrap()))
    });
    // As `nocure evaluate` reads a file: in chunks, into a packed store.
    g.bench_function("json_to_verdicts", |b| {
        b.iter(|| {
            let mut store = CourseStore::default();
            read_json_seekable(Cursor::new(black_box(json.as_slice())), &set, "courses.json", &mut store).unwrap();
            let once = OncePerCitizen::index_of(&set, &store, as_of);
            for i in 0..store.len() {
                let c = store.get(i);
                let mut e = evaluate(&set, &c, as_of);
                once.apply(i, &mut e);
                black_box(e);
            }
        })
    });
    // As a reader that cannot be read twice is read (a stream).
    g.bench_function("json_stream_to_verdicts", |b| {
        b.iter(|| {
            let courses = read_json(black_box(json.as_slice()), &set, "courses.json").unwrap();
            for e in nocure::evaluate::evaluate_all(&set, &courses, as_of) {
                black_box(e);
            }
        })
    });
    g.bench_function("csv_to_verdicts", |b| {
        b.iter(|| {
            let courses =
                read_csv(courses_csv.as_slice(), "courses.csv", events_csv.as_slice(), "events.csv", &set).unwrap();
            for e in nocure::evaluate::evaluate_all(&set, &courses, as_of) {
                black_box(e);
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
