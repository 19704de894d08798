//! Courses as the engine's `Course`, from the course cache or the store:
//! one course, a citizen's other courses (the once-per-citizen rule), the
//! cache warmed at start.

use std::sync::Arc;

use super::Service;
use crate::contract::ContractSet;
use crate::course::Course;
use crate::store::kv::StoreError;
use crate::store::records::CourseRecord;
use crate::store::{Read, keys};
use crate::wire::course_in::Sink;

impl Service {
    /// A stored course as the engine's `Course`.
    pub fn to_course(&self, set: &ContractSet, rec: &CourseRecord) -> Result<Course, StoreError> {
        let mut problems = Vec::new();
        let mut sink = Sink { prefix: String::new(), problems: &mut problems };
        match rec.to_raw().to_course(set, &mut sink) {
            Some((c, _)) => Ok(c),
            None => Err(StoreError::Corrupt(format!(
                "stored course {} no longer passes the checks: {}",
                rec.course_id,
                problems.first().map(|p| p.to_string()).unwrap_or_default()
            ))),
        }
    }

    /// A course as the engine's `Course`, from the cache or the store.
    pub fn course(&self, id: &str) -> Result<Option<Arc<Course>>, StoreError> {
        if let Some(c) = self.cache.get(id) {
            return Ok(Some(c));
        }
        match self.course_record(id)? {
            None => Ok(None),
            Some(rec) => self.remember(&rec).map(Some),
        }
    }

    /// Puts a record's course into the cache (after a write, or a read).
    pub fn remember(&self, rec: &CourseRecord) -> Result<Arc<Course>, StoreError> {
        let course = self.to_course(&self.contracts(), rec)?;
        Ok(self.cache.put(rec.events.len(), course))
    }

    /// Fills the cache with every stored course (run in the background at
    /// start, so that the first large invoice is as fast as the rest).
    pub fn warm_cache(&self) -> Result<usize, StoreError> {
        for (k, _) in self.repo.scan::<serde_json::Value>(keys::CITIZEN)? {
            let mut parts = k[keys::CITIZEN.len()..].splitn(3, '/');
            if let (Some(contract), Some(citizen), Some(course)) = (parts.next(), parts.next(), parts.next()) {
                self.cache.add_citizen(contract, citizen, course);
            }
        }
        // Courses created from now on add themselves (see `remember_new`).
        self.cache.citizens_complete();
        let mut after: Option<String> = None;
        let mut n = 0;
        loop {
            let page = self.repo.page::<CourseRecord>(keys::COURSE, after.as_deref(), 1024)?;
            let done = page.len() < 1024;
            for (k, rec) in page {
                if self.cache.get(&rec.course_id).is_none() {
                    self.remember(&rec)?;
                }
                n += 1;
                after = Some(k);
            }
            if done {
                self.cache.courses_complete();
                return Ok(n);
            }
        }
    }

    /// Cached courses for several ids at once (`None` where not cached).
    pub fn cached_courses(&self, ids: &[&str]) -> Vec<Option<Arc<Course>>> {
        self.cache.get_many(ids)
    }

    /// The course ids of several (distinct) citizens under a contract,
    /// but those `known` already holds.
    pub fn citizens_course_ids_besides(
        &self,
        contract: &str,
        citizens: &[&str],
        known: &dyn Fn(&str) -> bool,
    ) -> Result<Vec<String>, StoreError> {
        if let Some(all) = self.cache.citizens_courses_besides(contract, citizens, known) {
            return Ok(all);
        }
        let mut out = Vec::new();
        for c in citizens {
            out.extend(self.citizen_course_ids(contract, c)?.into_iter().filter(|id| !known(id)));
        }
        Ok(out)
    }

    /// A newly created course: into the cache and the citizen index.
    pub fn remember_new(&self, rec: &CourseRecord) -> Result<Arc<Course>, StoreError> {
        self.cache.add_citizen(&rec.contract, &rec.citizen, &rec.course_id);
        self.remember(rec)
    }

    /// The ids of a citizen's courses under a contract.
    pub fn citizen_course_ids(&self, contract: &str, citizen: &str) -> Result<Vec<String>, StoreError> {
        if let Some(ids) = self.cache.citizen_courses(contract, citizen) {
            return Ok(ids);
        }
        Ok(self
            .repo
            .scan::<serde_json::Value>(&keys::citizen_prefix(contract, citizen))?
            .into_iter()
            .map(|(k, _)| k.rsplit('/').next().unwrap_or_default().to_string())
            .collect())
    }

    /// A course and the other courses of its citizen under its contract
    /// (for the once-per-citizen rule), the course first.
    pub fn with_citizen_courses(&self, course: Arc<Course>) -> Result<Vec<Arc<Course>>, StoreError> {
        let mut out = vec![course.clone()];
        for id in self.citizen_course_ids(course.contract.as_str(), course.citizen.as_str())? {
            if id != course.id.as_str()
                && let Some(c) = self.course(&id)?
            {
                out.push(c);
            }
        }
        Ok(out)
    }

    pub fn course_record(&self, id: &str) -> Result<Option<CourseRecord>, StoreError> {
        self.repo.get(&keys::course(id))
    }
}
