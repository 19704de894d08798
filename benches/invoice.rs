//! A 10,000-line invoice verified without a socket: the same courses and
//! invoice as `benches/load.rs` (10,000 one-job-start courses, every line
//! approved), on the in-memory store, with the citizen index and course
//! cache warm as in a running server. Measures
//!
//! - `service`: the service's verification (gathering the courses,
//!   evaluating, judging each line, the paid-index lookups, the answer);
//! - `service_json`: the same and the 2.2 MB JSON answer written;
//! - `router`: the whole request through the API router (`oneshot`): the
//!   JSON body read and checked, verified, the answer written, which is
//!   what `Server-Timing` reports minus the socket.
//!
//! Measured in CPU time (the process's threads), not wall time: the machine
//! is shared. Run: `cargo bench --bench invoice` (figures in BENCHMARKS.md).

use std::hint::black_box;
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use nocure::service::tokens::Role;
use nocure::service::{ContractFormat, Limits, Service, Viewer};
use nocure::store::Repo;
use nocure::store::audit::Actor;
use nocure::store::kv::MemoryKv;
use nocure::wire::course_api::CourseIn;
use nocure::wire::invoice::InvoiceIn;
use serde_json::{Value, json};
use tower::ServiceExt;

#[path = "common/cpu_time.rs"]
mod cpu_time;

const LINES: usize = 10_000;

fn course(i: usize) -> CourseIn {
    serde_json::from_value(json!({
        "course_id": format!("big-{i}"), "citizen": format!("p-big-{i}"),
        "contract": "lejre-jobparate", "target_group": "ledighedsydelse", "referred_on": "2025-03-03",
        "events": [
            { "type": "course_started", "date": "2025-03-10" },
            { "type": "benefit_paid", "from": "2025-03-03", "to": "2025-03-31", "benefit": "ledighedsydelse" },
            { "type": "benefit_paid", "from": "2025-04-01", "to": "2025-04-13", "benefit": "ledighedsydelse" },
            { "type": "job_started", "date": "2025-04-14", "job": "fleksjob" },
            { "type": "course_ended", "date": "2025-04-14", "outcome": "job" }
        ] }))
    .unwrap()
}

fn invoice() -> Value {
    let lines: Vec<Value> = (0..LINES)
        .map(|i| json!({ "line": i + 1, "course_id": format!("big-{i}"), "milestone": "job_start", "amount": "5000.00" }))
        .collect();
    json!({ "supplier_cvr": "00000000", "invoice_number": "BIG-1", "contract": "lejre-jobparate",
            "as_of": "2025-12-31", "lines": lines })
}

fn bench(c: &mut Criterion<cpu_time::CpuTime>) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let (svc, token) = rt.block_on(async {
        let repo = Repo::new(Arc::new(MemoryKv::default()));
        let key = nocure::cpr::PseudonymKey::new(b"a bench key of thirty-two bytes!".to_vec()).unwrap();
        let svc = Arc::new(Service::open(repo, key, Limits::default()).unwrap());
        let system = Actor::system("bench");
        for (name, text) in [
            ("v1", include_str!("../contracts/lejre-jobparate-v1.toml")),
            ("v2", include_str!("../contracts/lejre-jobparate-v2.toml")),
        ] {
            svc.add_contract(text, ContractFormat::Toml, name, &system).await.unwrap();
        }
        for i in 0..LINES {
            svc.create_course(course(i), &system).await.unwrap();
        }
        svc.warm_cache().unwrap();
        let (token, _) = svc.create_token(Role::Finance, None, "finance", &system).await.unwrap();
        (svc, token)
    });
    let body_value = invoice();
    let body: InvoiceIn = serde_json::from_value(body_value.clone()).unwrap();
    let body_bytes = serde_json::to_vec(&body_value).unwrap();
    let out = svc.verify_invoice(&body, &Viewer::Staff).unwrap();
    assert_eq!(out.approved_lines, LINES);
    eprintln!("answer: {} bytes", serde_json::to_vec(&out).unwrap().len());

    let mut g = c.benchmark_group("invoice_10000_lines");
    g.sample_size(20);
    g.throughput(Throughput::Elements(LINES as u64));
    g.bench_function("service", |b| b.iter(|| black_box(svc.verify_invoice(black_box(&body), &Viewer::Staff))));
    g.bench_function("service_json", |b| {
        b.iter(|| {
            let out = svc.verify_invoice(black_box(&body), &Viewer::Staff).unwrap();
            black_box(serde_json::to_vec(&out).unwrap())
        })
    });
    g.bench_function("router", |b| {
        b.iter(|| {
            rt.block_on(async {
                let req = Request::post("/invoices/verify")
                    .header("authorization", format!("Bearer {token}"))
                    .header("content-type", "application/json")
                    .body(Body::from(body_bytes.clone()))
                    .unwrap();
                let res = nocure::api::router(svc.clone()).oneshot(req).await.unwrap();
                assert_eq!(res.status(), 200);
                black_box(axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap())
            })
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(cpu_time::CpuTime);
    targets = bench
}
criterion_main!(benches);
