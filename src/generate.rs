//! Synthetic courses under the Lejre contract, for benchmarks and load tests:
//! deterministic from a seed, about ten events per course, with the shapes
//! the real data has (benefit until the job starts, jobs lost after a month
//! or two, job changes with short gaps, fleksjob with its subsidy).

use chrono::{Days, NaiveDate};

use crate::calendar::add_months;
use crate::wire::course_in::{RawAttributes, RawCourse, RawEvent};

/// A small deterministic PRNG (splitmix64): no dependency, same data on
/// every machine for the same seed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.range(1, 100) <= percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

pub fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

pub fn ev(kind: &str) -> RawEvent {
    RawEvent { kind: Some(kind.to_string()), ..RawEvent::default() }
}

pub fn on(kind: &str, date: NaiveDate) -> RawEvent {
    RawEvent { date: Some(date.to_string()), ..ev(kind) }
}

pub fn benefit(from: NaiveDate, to: NaiveDate, benefit: &str) -> RawEvent {
    RawEvent {
        from: Some(from.to_string()),
        to: Some(to.to_string()),
        benefit: Some(benefit.to_string()),
        ..ev("benefit_paid")
    }
}

/// Benefit paid in monthly periods from `from` to `to` inclusive, as a
/// municipality's payment system reports it.
pub fn monthly_benefit(events: &mut Vec<RawEvent>, from: NaiveDate, to: NaiveDate, kind: &str) {
    let mut start = from;
    while start <= to {
        let end = add_months(start, 1).pred_opt().unwrap_or(start).min(to);
        events.push(benefit(start, end, kind));
        start = plus_days(end, 1);
    }
}

/// Benefit paid in 14-day periods (as kontanthjælp-style systems report it).
pub fn fortnightly_benefit(events: &mut Vec<RawEvent>, from: NaiveDate, to: NaiveDate, kind: &str) {
    let mut start = from;
    while start <= to {
        let end = plus_days(start, 13).min(to);
        events.push(benefit(start, end, kind));
        start = plus_days(end, 1);
    }
}

const A_KASSER: [&str; 8] = ["AAK", "MA", "LH", "3F", "FOA", "HK", "DANA", "KRIFA"];

/// The `n`-th synthetic course for the seed.
pub fn course(rng: &mut Rng, n: u64) -> RawCourse {
    let first = NaiveDate::from_ymd_opt(2025, 2, 3).unwrap_or_default();
    let referred = plus_days(first, rng.range(0, 660));
    let group = match rng.range(1, 100) {
        1..=70 => "dagpenge",
        71..=92 => "ledighedsydelse",
        _ if referred <= NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default() => "integration",
        _ => "dagpenge",
    };
    let benefit_kind = match group {
        "dagpenge" => "dagpenge",
        "ledighedsydelse" => "ledighedsydelse",
        _ => "integrationsydelse",
    };
    let age_days = rng.range(25 * 365, 64 * 365);
    let birth = referred.checked_sub_days(Days::new(age_days)).unwrap_or(referred);
    let unemployed = referred.checked_sub_days(Days::new(rng.range(60, 900))).unwrap_or(referred);
    let started = plus_days(referred, rng.range(2, 14));
    let mut events = vec![on("course_started", started)];
    let fleks = group == "ledighedsydelse";
    let roll = rng.range(1, 100);
    if roll <= 55 {
        // Into a job after one to four months.
        let job = plus_days(started, rng.range(20, 120));
        fortnightly_benefit(&mut events, referred, job.pred_opt().unwrap_or(job), benefit_kind);
        let mut e = on("job_started", job);
        e.job = Some(if fleks { "fleksjob" } else { "ordinary" }.to_string());
        events.push(e);
        events.push(RawEvent { outcome: Some("job".into()), ..on("course_ended", job) });
        let kept = match rng.range(1, 100) {
            1..=40 => None,
            41..=70 => Some(rng.range(25, 70)),
            _ => Some(rng.range(100, 250)),
        };
        if fleks {
            let until = plus_days(job, kept.unwrap_or(200));
            monthly_benefit(&mut events, job, until.min(plus_days(job, 90)), "fleksjob");
        }
        if let Some(days) = kept {
            let end = plus_days(job, days);
            events.push(on("job_ended", end));
            if rng.chance(40) {
                let next = plus_days(end, rng.range(1, 21));
                events.push(on("job_started", next));
            } else {
                let back = plus_days(end, 1);
                monthly_benefit(&mut events, back, plus_days(back, 40), benefit_kind);
            }
        }
    } else if roll <= 80 {
        let end = plus_days(started, rng.range(80, 180));
        fortnightly_benefit(&mut events, referred, end, benefit_kind);
        events.push(RawEvent { outcome: Some("no_job".into()), ..on("course_ended", end) });
    } else {
        let end = plus_days(started, rng.range(5, 60));
        monthly_benefit(&mut events, referred, end, benefit_kind);
        let reason = *rng.pick(&["sickness", "moved away", "job before course start"]);
        events.push(RawEvent {
            outcome: Some("interrupted".into()),
            reason: Some(reason.into()),
            ..on("course_ended", end)
        });
    }
    RawCourse {
        course_id: Some(format!("g-{n:07}")),
        // Random hex may read as a CPR number (which a pseudonym may not).
        citizen: Some(crate::cpr::without_cpr(format!("p-{:012x}", rng.next_u64() >> 16))),
        contract: Some("lejre-jobparate".into()),
        target_group: Some(group.into()),
        referred_on: Some(referred.to_string()),
        attributes: RawAttributes {
            birth_date: Some(birth.to_string()),
            a_kasse: (group == "dagpenge").then(|| rng.pick(&A_KASSER).to_string()),
            unemployed_since: Some(unemployed.to_string()),
            benefit: Some(benefit_kind.into()),
        },
        events,
    }
}

/// Writes `{ "courses": [ ... ] }` with `count` synthetic courses.
pub fn write_json<W: std::io::Write>(mut out: W, count: u64, seed: u64) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    out.write_all(b"{\"courses\":[")?;
    for n in 0..count {
        if n > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        serde_json::to_writer(&mut out, &course(&mut rng, n))?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()
}
