//! One course of a JSON batch read into buffers that are reused from course
//! to course: no `String` is allocated per field once the first courses
//! have been read. Accepts and refuses exactly what the derived
//! `Deserialize` of [`RawCourse`] does, with the same messages (unknown and
//! duplicate fields, a value of the wrong type) at the same place.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use super::course_in::{RawAttributes, RawCourse, RawEvent};

const COURSE_FIELDS: &[&str] =
    &["course_id", "citizen", "contract", "target_group", "referred_on", "attributes", "events"];
const ATTRIBUTE_FIELDS: &[&str] = &["birth_date", "a_kasse", "unemployed_since", "benefit"];
const EVENT_FIELDS: &[&str] = &["type", "id", "date", "from", "to", "job", "benefit", "outcome", "reason", "retracts"];

/// A raw course and the spare strings its fields are read into.
#[derive(Default)]
pub(super) struct RawBuf {
    pub(super) raw: RawCourse,
    spare: Vec<String>,
}

impl RawBuf {
    /// Empties the course, keeping its strings for the next one.
    pub(super) fn reset(&mut self) {
        let RawBuf { raw, spare } = self;
        let a = &mut raw.attributes;
        for slot in [
            &mut raw.course_id,
            &mut raw.citizen,
            &mut raw.contract,
            &mut raw.target_group,
            &mut raw.referred_on,
            &mut a.birth_date,
            &mut a.a_kasse,
            &mut a.unemployed_since,
            &mut a.benefit,
        ] {
            spare.extend(slot.take());
        }
        for e in &mut raw.events {
            for slot in event_slots(e) {
                spare.extend(slot.take());
            }
        }
        raw.events.clear();
    }
}

fn event_slots(e: &mut RawEvent) -> [&mut Option<String>; 10] {
    [
        &mut e.kind,
        &mut e.id,
        &mut e.date,
        &mut e.from,
        &mut e.to,
        &mut e.job,
        &mut e.benefit,
        &mut e.outcome,
        &mut e.reason,
        &mut e.retracts,
    ]
}

/// A field name, as the position in its struct's list.
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = usize;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        self.0.iter().position(|k| *k == v).ok_or_else(|| E::unknown_field(v, self.0))
    }
}

/// An optional text field, read into a spare string.
struct Text<'a> {
    slot: &'a mut Option<String>,
    spare: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Text<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Text<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        *self.slot = None;
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_none()
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_string(Str(self))
    }
}

struct Str<'a>(Text<'a>);

impl<'de> Visitor<'de> for Str<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        let Text { slot, spare } = self.0;
        let mut s = spare.pop().unwrap_or_default();
        s.clear();
        s.push_str(v);
        *slot = Some(s);
        Ok(())
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(v), &self)),
        }
    }
}

/// Reads the value of field `k` of `fields` into `slot`, refusing a second one.
fn text<'de, A: MapAccess<'de>>(
    map: &mut A,
    seen: &mut u16,
    fields: &'static [&'static str],
    k: usize,
    slot: &mut Option<String>,
    spare: &mut Vec<String>,
) -> Result<(), A::Error> {
    once(seen, fields, k)?;
    map.next_value_seed(Text { slot, spare })
}

fn once<E: de::Error>(seen: &mut u16, fields: &'static [&'static str], k: usize) -> Result<(), E> {
    if *seen & (1 << k) != 0 {
        return Err(E::duplicate_field(fields[k]));
    }
    *seen |= 1 << k;
    Ok(())
}

/// One course, read into `buf` (reset first).
pub(super) struct CourseSeed<'a>(pub(super) &'a mut RawBuf);

impl<'de> DeserializeSeed<'de> for CourseSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct("RawCourse", COURSE_FIELDS, self)
    }
}

impl<'de> Visitor<'de> for CourseSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct RawCourse")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let RawBuf { raw, spare } = self.0;
        let mut seen = 0u16;
        while let Some(k) = map.next_key_seed(Key(COURSE_FIELDS))? {
            let f = COURSE_FIELDS;
            match k {
                0 => text(&mut map, &mut seen, f, k, &mut raw.course_id, spare)?,
                1 => text(&mut map, &mut seen, f, k, &mut raw.citizen, spare)?,
                2 => text(&mut map, &mut seen, f, k, &mut raw.contract, spare)?,
                3 => text(&mut map, &mut seen, f, k, &mut raw.target_group, spare)?,
                4 => text(&mut map, &mut seen, f, k, &mut raw.referred_on, spare)?,
                5 => {
                    once(&mut seen, f, k)?;
                    map.next_value_seed(Attributes { a: &mut raw.attributes, spare })?
                }
                _ => {
                    once(&mut seen, f, k)?;
                    map.next_value_seed(Events { events: &mut raw.events, spare })?
                }
            }
        }
        Ok(())
    }
    /// The fields in order, as serde reads a struct written as an array.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let RawBuf { raw, spare } = self.0;
        let slots =
            [&mut raw.course_id, &mut raw.citizen, &mut raw.contract, &mut raw.target_group, &mut raw.referred_on];
        texts(&mut seq, slots, spare, "struct RawCourse with 7 elements")?;
        if seq.next_element_seed(Attributes { a: &mut raw.attributes, spare })?.is_some() {
            seq.next_element_seed(Events { events: &mut raw.events, spare })?;
        }
        Ok(())
    }
}

/// Text fields in order from an array; a missing one is refused.
fn texts<'de, A: SeqAccess<'de>, const N: usize>(
    seq: &mut A,
    slots: [&mut Option<String>; N],
    spare: &mut Vec<String>,
    expected: &'static str,
) -> Result<(), A::Error> {
    for (i, slot) in slots.into_iter().enumerate() {
        if seq.next_element_seed(Text { slot, spare })?.is_none() {
            return Err(de::Error::invalid_length(i, &expected));
        }
    }
    Ok(())
}

struct Attributes<'a> {
    a: &'a mut RawAttributes,
    spare: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Attributes<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct("RawAttributes", ATTRIBUTE_FIELDS, self)
    }
}

impl<'de> Visitor<'de> for Attributes<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct RawAttributes")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Attributes { a, spare } = self;
        let mut seen = 0u16;
        while let Some(k) = map.next_key_seed(Key(ATTRIBUTE_FIELDS))? {
            let slot = match k {
                0 => &mut a.birth_date,
                1 => &mut a.a_kasse,
                2 => &mut a.unemployed_since,
                _ => &mut a.benefit,
            };
            text(&mut map, &mut seen, ATTRIBUTE_FIELDS, k, slot, spare)?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let a = self.a;
        let slots = [&mut a.birth_date, &mut a.a_kasse, &mut a.unemployed_since, &mut a.benefit];
        texts(&mut seq, slots, self.spare, "struct RawAttributes with 4 elements")
    }
}

struct Events<'a> {
    events: &'a mut Vec<RawEvent>,
    spare: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Events<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Events<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Events { events, spare } = self;
        // A second `events` key was refused before this; start empty.
        events.clear();
        loop {
            let mut e = RawEvent::default();
            match seq.next_element_seed(Event { e: &mut e, spare })? {
                Some(()) => events.push(e),
                None => return Ok(()),
            }
        }
    }
}

struct Event<'a> {
    e: &'a mut RawEvent,
    spare: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Event<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct("RawEvent", EVENT_FIELDS, self)
    }
}

impl<'de> Visitor<'de> for Event<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("struct RawEvent")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Event { e, spare } = self;
        let mut seen = 0u16;
        while let Some(k) = map.next_key_seed(Key(EVENT_FIELDS))? {
            let slot = match k {
                0 => &mut e.kind,
                1 => &mut e.id,
                2 => &mut e.date,
                3 => &mut e.from,
                4 => &mut e.to,
                5 => &mut e.job,
                6 => &mut e.benefit,
                7 => &mut e.outcome,
                8 => &mut e.reason,
                _ => &mut e.retracts,
            };
            text(&mut map, &mut seen, EVENT_FIELDS, k, slot, spare)?;
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        texts(&mut seq, event_slots(self.e), self.spare, "struct RawEvent with 10 elements")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the derived `Deserialize` makes of a course text.
    fn derived(text: &str) -> Result<serde_json::Value, String> {
        let raw: RawCourse = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(serde_json::to_value(raw).unwrap())
    }

    fn seeded(buf: &mut RawBuf, text: &str) -> Result<serde_json::Value, String> {
        buf.reset();
        let mut de = serde_json::Deserializer::from_str(text);
        CourseSeed(buf).deserialize(&mut de).and_then(|()| de.end()).map_err(|e| e.to_string())?;
        Ok(serde_json::to_value(&buf.raw).unwrap())
    }

    #[test]
    fn reads_and_refuses_what_the_derived_reader_does() {
        let texts = [
            r#"{"course_id":"c-1","citizen":"p-1","contract":"k","target_group":"g","referred_on":"2025-03-01",
               "attributes":{"birth_date":"1980-01-01","a_kasse":"MA","unemployed_since":"2024-12-01","benefit":"dagpenge"},
               "events":[{"type":"course_started","date":"2025-03-03"},{"type":"benefit_paid","from":"2025-03-01","to":"2025-03-31","benefit":"dagpenge"},
                         {"type":"course_ended","id":"e-9","date":"2025-09-01","outcome":"job","reason":"done"},{"type":"retraction","retracts":"e-9"}]}"#,
            // The next course must not keep the first one's fields.
            r#"{"course_id":"c-2"}"#,
            r#"{"course_id":null,"citizen":"p","events":[],"attributes":{}}"#,
            r#"{"course_id":"c-1","colour":"red"}"#,
            r#"{"course_id":"c-1","course_id":"c-2"}"#,
            r#"{"course_id":null,"course_id":"c-2"}"#,
            r#"{"events":[],"events":[]}"#,
            r#"{"attributes":{"birth_date":"x","birth_date":"y"}}"#,
            r#"{"course_id":5}"#,
            r#"{"course_id":true}"#,
            r#"{"course_id":["c"]}"#,
            r#"{"attributes":null}"#,
            r#"{"attributes":{"eye_colour":"blue"}}"#,
            r#"{"attributes":"x"}"#,
            r#"{"events":null}"#,
            r#"{"events":{}}"#,
            r#"{"events":[null]}"#,
            r#"{"events":[{"type":"job_started","date":"2025-01-01","size":"big"}]}"#,
            r#"{"events":[{"type":"job_started","type":"job_ended"}]}"#,
            r#"{"events":[{"date":{"y":2025}}]}"#,
            r#"{"course_id":"caf\u00e9 \"q\" \n"}"#,
            r#"["c-1","p-1","k","g","2025-01-01"]"#,
            r#"["c-1","p-1","k","g","2025-01-01",["1980-01-01",null,null,"dagpenge"],[["job_ended",null,"2025-01-02",null,null,null,null,null,null,null]]]"#,
            r#"["c-1","p-1"]"#,
            r#"["c-1","p-1","k","g","2025-01-01",["1980-01-01"]]"#,
            r#"["c-1","p-1","k","g","2025-01-01",{},[["job_ended"]]]"#,
            r#"[]"#,
            r#"null"#,
            r#"7"#,
            r#"{"course_id":"c-1""#,
            r#"{"course_id":"c-1",}"#,
            r#"{"course_id":"c-1"} x"#,
        ];
        let mut buf = RawBuf::default();
        for text in texts {
            assert_eq!(seeded(&mut buf, text), derived(text), "{text}");
        }
    }
}
