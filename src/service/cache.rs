//! Parsed courses kept in memory, so that evaluations and invoice
//! verification do not read and re-check stored records each time
//! (about half a kilobyte per course). Courses are append-only, so an entry
//! with more events is newer: a reader that filled the cache from an older
//! read can never overwrite what a writer put there.

use rustc_hash::FxHashMap as HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};

use crate::course::Course;

#[derive(Default)]
pub struct CourseCache {
    map: RwLock<HashMap<String, (usize, Arc<Course>)>>,
    /// (contract, citizen) → course ids: who has more than one course.
    citizens: RwLock<HashMap<(String, String), Vec<String>>>,
    /// Set once the citizen index holds every stored course.
    citizens_complete: AtomicBool,
    /// Set once the map holds every stored course.
    courses_complete: AtomicBool,
}

impl CourseCache {
    pub fn get(&self, id: &str) -> Option<Arc<Course>> {
        self.map.read().unwrap_or_else(|p| p.into_inner()).get(id).map(|(_, c)| c.clone())
    }

    /// Several courses under one lock (`None` where not cached).
    pub fn get_many(&self, ids: &[&str]) -> Vec<Option<Arc<Course>>> {
        let map = self.map.read().unwrap_or_else(|p| p.into_inner());
        ids.iter().map(|id| map.get(*id).map(|(_, c)| c.clone())).collect()
    }

    /// Inserts a course built from a record with `events` events, unless a
    /// newer one is already there. Returns what the cache holds afterwards.
    pub fn put(&self, events: usize, course: Course) -> Arc<Course> {
        let mut map = self.map.write().unwrap_or_else(|p| p.into_inner());
        let id = course.id.to_string();
        match map.get(&id) {
            Some((n, existing)) if *n > events => existing.clone(),
            _ => {
                let c = Arc::new(course);
                map.insert(id, (events, c.clone()));
                c
            }
        }
    }

    /// Records that a citizen has a course under a contract.
    pub fn add_citizen(&self, contract: &str, citizen: &str, course: &str) {
        let mut map = self.citizens.write().unwrap_or_else(|p| p.into_inner());
        let ids = map.entry((contract.to_string(), citizen.to_string())).or_default();
        if !ids.iter().any(|c| c == course) {
            ids.push(course.to_string());
        }
    }

    /// Marks the citizen index complete (every stored course is in it).
    pub fn citizens_complete(&self) {
        self.citizens_complete.store(true, Ordering::SeqCst);
    }

    /// A citizen's course ids under a contract, or `None` while the index
    /// is not yet complete.
    pub fn citizen_courses(&self, contract: &str, citizen: &str) -> Option<Vec<String>> {
        if !self.citizens_complete.load(Ordering::SeqCst) {
            return None;
        }
        let map = self.citizens.read().unwrap_or_else(|p| p.into_inner());
        Some(map.get(&(contract.to_string(), citizen.to_string())).cloned().unwrap_or_default())
    }

    /// The course ids of several citizens under a contract, but those
    /// `known` already holds (usually each citizen's one course), under one
    /// lock; `None` while the index is not complete.
    pub fn citizens_courses_besides(
        &self,
        contract: &str,
        citizens: &[&str],
        known: &dyn Fn(&str) -> bool,
    ) -> Option<Vec<String>> {
        if !self.citizens_complete.load(Ordering::SeqCst) {
            return None;
        }
        let map = self.citizens.read().unwrap_or_else(|p| p.into_inner());
        let mut key = (contract.to_string(), String::new());
        let mut out = Vec::new();
        for c in citizens {
            key.1.clear();
            key.1.push_str(c);
            let ids = map.get(&key).map_or(&[][..], Vec::as_slice);
            out.extend(ids.iter().filter(|id| !known(id)).cloned());
        }
        Some(out)
    }

    /// Marks the map complete (every stored course is in it).
    pub fn courses_complete(&self) {
        self.courses_complete.store(true, Ordering::SeqCst);
    }

    /// Every course of a contract, or `None` while the map is not complete.
    pub fn all_of(&self, contract: &str) -> Option<Vec<Arc<Course>>> {
        if !self.courses_complete.load(Ordering::SeqCst) {
            return None;
        }
        let map = self.map.read().unwrap_or_else(|p| p.into_inner());
        Some(map.values().filter(|(_, c)| c.contract.as_str() == contract).map(|(_, c)| c.clone()).collect())
    }

    pub fn len(&self) -> usize {
        self.map.read().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{Attributes, Event, EventKind};
    use crate::ids::{CitizenRef, ContractId, CourseId, TargetGroupId};
    use chrono::NaiveDate;

    fn course(events: &[Event]) -> Course {
        Course::new(
            CourseId::parse("c-1").unwrap(),
            CitizenRef::parse("p-1").unwrap(),
            ContractId::parse("x").unwrap(),
            TargetGroupId::parse("g").unwrap(),
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            Attributes::default(),
            events,
        )
        .unwrap()
    }

    #[test]
    fn an_older_read_never_replaces_a_newer_write() {
        let cache = CourseCache::default();
        let started =
            Event { id: None, kind: EventKind::CourseStarted { date: NaiveDate::from_ymd_opt(2025, 1, 2).unwrap() } };
        cache.put(1, course(std::slice::from_ref(&started)));
        cache.put(0, course(&[]));
        assert_eq!(cache.get("c-1").unwrap().facts.course_started, NaiveDate::from_ymd_opt(2025, 1, 2));
    }
}
