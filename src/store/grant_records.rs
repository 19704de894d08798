//! The stored form of a grant project's participants: the pseudonym, never
//! the CPR number; the dates and spells as the month rule reads them.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::grant::{Participant, Spell, WorkSpell};
use crate::ids::{CitizenRef, ParticipantId};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipantRecord {
    pub grant: String,
    pub participant: String,
    /// The citizen's pseudonym (never a CPR number).
    pub citizen: String,
    pub enrolled: NaiveDate,
    pub left: Option<NaiveDate>,
    pub work: Vec<WorkRecord>,
    pub education: Vec<SpellRecord>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpellRecord {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkRecord {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub hours_per_week: Decimal,
}

impl ParticipantRecord {
    pub fn new(grant: &str, p: &Participant, at: DateTime<Utc>, by: &str) -> ParticipantRecord {
        ParticipantRecord {
            grant: grant.to_string(),
            participant: p.id.to_string(),
            citizen: p.citizen.to_string(),
            enrolled: p.enrolled,
            left: p.left,
            work: p
                .work
                .iter()
                .map(|w| WorkRecord { start: w.spell.from, end: w.spell.until, hours_per_week: w.hours_per_week })
                .collect(),
            education: p.education.iter().map(|s| SpellRecord { start: s.from, end: s.until }).collect(),
            recorded_at: at,
            recorded_by: by.to_string(),
        }
    }

    /// Whether two records hold the same participant facts.
    pub fn same_facts(&self, other: &ParticipantRecord) -> bool {
        (&self.citizen, self.enrolled, self.left, &self.work, &self.education)
            == (&other.citizen, other.enrolled, other.left, &other.work, &other.education)
    }

    pub fn to_participant(&self) -> Result<Participant, String> {
        Ok(Participant {
            id: ParticipantId::parse(&self.participant).map_err(|e| e.to_string())?,
            citizen: CitizenRef::parse(&self.citizen).map_err(|e| e.to_string())?,
            enrolled: self.enrolled,
            left: self.left,
            work: self
                .work
                .iter()
                .map(|w| WorkSpell { spell: Spell { from: w.start, until: w.end }, hours_per_week: w.hours_per_week })
                .collect(),
            education: self.education.iter().map(|s| Spell { from: s.start, until: s.end }).collect(),
        })
    }
}
