//! Many courses held compactly: each course's ids, dates (as day numbers)
//! and facts packed into one shared byte buffer, contract, target group,
//! unemployment fund and end reasons interned: a fraction of the memory of
//! a `Vec<Course>`; a course is unpacked again (an owned [`Course`]) when it
//! is evaluated. Used where a million courses are read before any is
//! evaluated (the once-per-citizen rule looks across them).

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap as HashMap;

use super::{Attributes, Course, CourseEnd, Facts, Outcome};
use crate::benefit::{Benefit, JobType};
use crate::course::{BenefitPeriod, Spell};
use crate::ids::{CitizenRef, ContractId, CourseId, TargetGroupId};

/// Interned texts: each distinct one stored once.
struct Interned<T> {
    all: Vec<T>,
    index: HashMap<String, u32>,
}

impl<T> Default for Interned<T> {
    fn default() -> Self {
        Interned { all: Vec::new(), index: HashMap::default() }
    }
}

impl<T: Clone> Interned<T> {
    fn id(&mut self, text: &str, value: impl FnOnce() -> T) -> u32 {
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = u32::try_from(self.all.len()).expect("fewer than 4 billion distinct texts");
        self.all.push(value());
        self.index.insert(text.to_string(), i);
        i
    }
}

/// Courses packed one after another.
#[derive(Default)]
pub struct CourseStore {
    bytes: Vec<u8>,
    /// Where each course starts in `bytes`.
    starts: Vec<u64>,
    contracts: Interned<ContractId>,
    groups: Interned<TargetGroupId>,
    texts: Interned<String>,
}

const NONE_DAY: i32 = i32::MIN;

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn date(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).expect("a day number packed from a date")
}

impl CourseStore {
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Forgets every course.
    pub fn clear(&mut self) {
        *self = CourseStore::default();
    }

    pub fn push(&mut self, c: &Course) {
        self.starts.push(self.bytes.len() as u64);
        let contract = self.contracts.id(c.contract.as_str(), || c.contract.clone());
        let group = self.groups.id(c.target_group.as_str(), || c.target_group.clone());
        let a = &c.attributes;
        let a_kasse = a.a_kasse.as_deref().map(|t| self.texts.id(t, || t.to_string()));
        let f = &c.facts;
        let end = f.course_ended.as_ref().map(|e| {
            let reason = e.reason.as_deref().map(|t| self.texts.id(t, || t.to_string()));
            (day(e.date), e.outcome, reason)
        });
        let b = &mut self.bytes;
        text(b, c.id.as_str());
        text(b, c.citizen.as_str());
        num(b, contract);
        num(b, group);
        b.extend_from_slice(&day(c.referred_on).to_le_bytes());
        opt_day(b, a.birth_date);
        opt_num(b, a_kasse);
        opt_day(b, a.unemployed_since);
        b.push(a.benefit.map_or(0, |x| benefit_code(x) + 1));
        opt_day(b, f.course_started);
        match end {
            None => b.push(0),
            Some((d, outcome, reason)) => {
                b.push(1 + outcome as u8);
                b.extend_from_slice(&d.to_le_bytes());
                opt_num(b, reason);
            }
        }
        num(b, f.spells.len() as u32);
        for s in &f.spells {
            b.extend_from_slice(&day(s.start).to_le_bytes());
            opt_day(b, s.end);
            b.push(s.job as u8);
        }
        num(b, f.benefits.len() as u32);
        for p in &f.benefits {
            b.extend_from_slice(&day(p.from).to_le_bytes());
            b.extend_from_slice(&day(p.to).to_le_bytes());
            b.push(benefit_code(p.benefit));
        }
        num(b, f.education.len() as u32);
        for (s, e) in &f.education {
            b.extend_from_slice(&day(*s).to_le_bytes());
            opt_day(b, *e);
        }
    }

    fn at(&self, i: usize) -> Reader<'_> {
        Reader { b: &self.bytes, at: self.starts[i] as usize }
    }

    /// The contract and citizen of course `i`, without unpacking it.
    pub fn key(&self, i: usize) -> (&str, &str) {
        let mut r = self.at(i);
        r.text();
        let citizen = r.text();
        (self.contracts.all[r.num() as usize].as_str(), citizen)
    }

    /// Course `i`, unpacked.
    pub fn get(&self, i: usize) -> Course {
        let mut r = self.at(i);
        let id = CourseId::trusted(r.text());
        let citizen = CitizenRef::trusted(r.text());
        let contract = self.contracts.all[r.num() as usize].clone();
        let target_group = self.groups.all[r.num() as usize].clone();
        let referred_on = date(r.i32());
        let birth_date = r.opt_day();
        let a_kasse = r.opt_num().map(|t| self.texts.all[t as usize].clone());
        let unemployed_since = r.opt_day();
        let benefit = match r.u8() {
            0 => None,
            k => Some(Benefit::ALL[usize::from(k - 1)]),
        };
        let course_started = r.opt_day();
        let course_ended = match r.u8() {
            0 => None,
            k => {
                let outcome = OUTCOMES[usize::from(k - 1)];
                let d = date(r.i32());
                let reason = r.opt_num().map(|t| self.texts.all[t as usize].clone());
                Some(CourseEnd { date: d, outcome, reason })
            }
        };
        let n = r.num() as usize;
        let spells = (0..n)
            .map(|_| {
                let start = date(r.i32());
                let end = r.opt_day();
                Spell { start, end, job: JobType::ALL[usize::from(r.u8())] }
            })
            .collect();
        let n = r.num() as usize;
        let benefits = (0..n)
            .map(|_| {
                let from = date(r.i32());
                let to = date(r.i32());
                BenefitPeriod { from, to, benefit: Benefit::ALL[usize::from(r.u8())] }
            })
            .collect();
        let n = r.num() as usize;
        let education = (0..n).map(|_| (date(r.i32()), r.opt_day())).collect();
        Course {
            id,
            citizen,
            contract,
            target_group,
            referred_on,
            attributes: Attributes { birth_date, a_kasse, unemployed_since, benefit },
            facts: Facts { course_started, course_ended, spells, benefits, education },
        }
    }
}

const OUTCOMES: [Outcome; 3] = [Outcome::Job, Outcome::NoJob, Outcome::Interrupted];

fn benefit_code(b: Benefit) -> u8 {
    Benefit::ALL.iter().position(|x| *x == b).expect("every benefit is in ALL") as u8
}

fn text(b: &mut Vec<u8>, t: &str) {
    num(b, t.len() as u32);
    b.extend_from_slice(t.as_bytes());
}

/// A number in 7-bit groups (one byte below 128).
fn num(b: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        b.push((n as u8) | 0x80);
        n >>= 7;
    }
    b.push(n as u8);
}

fn opt_num(b: &mut Vec<u8>, n: Option<u32>) {
    num(b, n.map_or(0, |n| n + 1));
}

fn opt_day(b: &mut Vec<u8>, d: Option<NaiveDate>) {
    b.extend_from_slice(&d.map_or(NONE_DAY, day).to_le_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn u8(&mut self) -> u8 {
        self.at += 1;
        self.b[self.at - 1]
    }

    fn num(&mut self) -> u32 {
        let (mut n, mut shift) = (0u32, 0);
        loop {
            let x = self.u8();
            n |= u32::from(x & 0x7f) << shift;
            if x < 0x80 {
                return n;
            }
            shift += 7;
        }
    }

    fn opt_num(&mut self) -> Option<u32> {
        self.num().checked_sub(1)
    }

    fn i32(&mut self) -> i32 {
        let v = i32::from_le_bytes(self.b[self.at..self.at + 4].try_into().expect("four bytes"));
        self.at += 4;
        v
    }

    fn opt_day(&mut self) -> Option<NaiveDate> {
        Some(self.i32()).filter(|&n| n != NONE_DAY).map(date)
    }

    fn text(&mut self) -> &'a str {
        let n = self.num() as usize;
        let t = &self.b[self.at..self.at + n];
        self.at += n;
        std::str::from_utf8(t).expect("packed from a str")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{Event, EventKind};
    use crate::ids::EventId;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A course with every optional part present (and one with none).
    fn full() -> Course {
        let e = |kind| Event { id: None, kind };
        let events = [
            e(EventKind::CourseStarted { date: d(2025, 3, 3) }),
            e(EventKind::BenefitPaid { from: d(2025, 3, 1), to: d(2025, 3, 31), benefit: Benefit::Kontanthjaelp }),
            e(EventKind::EducationStarted { date: d(2025, 4, 1) }),
            e(EventKind::EducationEnded { date: d(2025, 4, 30) }),
            e(EventKind::EducationStarted { date: d(2025, 6, 1) }),
            e(EventKind::JobStarted { date: d(2025, 5, 1), job: JobType::Fleksjob }),
            e(EventKind::JobEnded { date: d(2025, 5, 20) }),
            e(EventKind::JobStarted { date: d(2025, 7, 1), job: JobType::Ordinary }),
            Event { id: Some(EventId::parse("e-1").unwrap()), kind: EventKind::JobEnded { date: d(2025, 8, 1) } },
            e(EventKind::Retraction { retracts: EventId::parse("e-1").unwrap() }),
            e(EventKind::CourseEnded {
                date: d(2025, 9, 1),
                outcome: Outcome::Interrupted,
                reason: Some("moved".into()),
            }),
        ];
        let attributes = Attributes {
            birth_date: Some(d(1970, 1, 31)),
            a_kasse: Some("MA".into()),
            unemployed_since: Some(d(2024, 12, 1)),
            benefit: Some(Benefit::Fleksjob),
        };
        let c = Course::new(
            CourseId::parse("c-1").unwrap(),
            CitizenRef::parse("p-0123456789ab").unwrap(),
            ContractId::parse("lejre-jobparate").unwrap(),
            TargetGroupId::parse("dagpenge").unwrap(),
            d(2025, 2, 28),
            attributes,
            &events,
        )
        .unwrap();
        assert!(c.facts.course_ended.is_some() && c.facts.education.len() == 2 && c.facts.spells.len() == 2);
        c
    }

    #[test]
    fn a_course_comes_back_as_it_went_in() {
        let full = full();
        let bare = Course::new(
            CourseId::parse("c-2").unwrap(),
            CitizenRef::parse("p-2").unwrap(),
            ContractId::parse("other").unwrap(),
            TargetGroupId::parse("unge").unwrap(),
            d(2026, 1, 5),
            Attributes::default(),
            &[],
        )
        .unwrap();
        let mut store = CourseStore::default();
        // 300 courses: interned texts reused, lengths past one byte.
        let mut want = Vec::new();
        for i in 0..300 {
            let mut c = if i % 2 == 0 { full.clone() } else { bare.clone() };
            c.id = CourseId::parse(&format!("c-{i}-{}", "x".repeat(i % 50))).unwrap();
            // Up to 128 characters: a length of two bytes.
            c.citizen = CitizenRef::parse(&format!("p-{}", "y".repeat(i % 127))).unwrap();
            store.push(&c);
            want.push(c);
        }
        assert_eq!(store.len(), 300);
        for (i, c) in want.iter().enumerate() {
            assert_eq!(&store.get(i), c);
            assert_eq!(store.key(i), (c.contract.as_str(), c.citizen.as_str()));
        }
        store.clear();
        assert!(store.is_empty());
    }
}
