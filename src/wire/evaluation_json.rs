//! An evaluation written as JSON straight from the engine's values: the
//! same text as serialising [`EvaluationOut`](super::evaluation_out::EvaluationOut),
//! without building its owned strings first (a million courses stream out).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::evaluate::CourseEvaluation;
use crate::evaluate::trace::{pending_text, reason_text, refusal_text, sentences};
use crate::verdict::{Refusal, Verdict};

/// Serialises as `EvaluationOut::from_eval(e)` does.
pub struct EvaluationJson<'e, 'a>(pub &'e CourseEvaluation<'a>);

impl Serialize for EvaluationJson<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let e = self.0;
        let c = e.course;
        let mut out = s.serialize_struct("EvaluationOut", 12)?;
        out.serialize_field("course_id", c.id.as_str())?;
        out.serialize_field("citizen", c.citizen.as_str())?;
        out.serialize_field("contract", c.contract.as_str())?;
        let version =
            e.contract.filter(|_| !matches!(e.refusal, Some(Refusal::NoVersionInForce { .. }))).map(|k| k.version);
        out.serialize_field("contract_version", &version)?;
        out.serialize_field("target_group", c.target_group.as_str())?;
        out.serialize_field("referred_on", &c.referred_on)?;
        out.serialize_field("status", e.status.as_str())?;
        out.serialize_field("eligible", &e.eligible())?;
        match &e.refusal {
            Some(r) => out.serialize_field(
                "ineligible",
                &Ineligible { code: r.code(), reason: refusal_text(r, c, e.contract) },
            )?,
            None => out.skip_field("ineligible")?,
        }
        out.serialize_field("milestones", &Milestones(e))?;
        out.serialize_field("earned", &e.earned.plain())?;
        out.serialize_field("trace", &Trace(e))?;
        out.end()
    }
}

#[derive(serde::Serialize)]
struct Ineligible<'a> {
    code: &'a str,
    reason: String,
}

struct Milestones<'e, 'a>(&'e CourseEvaluation<'a>);

impl Serialize for Milestones<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.milestones.iter().map(|v| Milestone(self.0, v)))
    }
}

struct Milestone<'e, 'a>(&'e CourseEvaluation<'a>, &'e crate::evaluate::MilestoneVerdict);

impl Serialize for Milestone<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Milestone(e, v) = *self;
        let m = e.milestone(v);
        let mut out = s.serialize_struct("MilestoneOut", 7)?;
        out.serialize_field("milestone", m.id.as_str())?;
        out.serialize_field("status", v.verdict.status())?;
        match &v.verdict {
            Verdict::Achieved { date } => out.serialize_field("date", date)?,
            Verdict::Pending { earliest, note } => {
                if let Some(d) = earliest {
                    out.serialize_field("earliest", d)?;
                }
                out.serialize_field("note", &pending_text(note))?;
            }
            Verdict::Forfeited { reason } => {
                out.serialize_field("reason", &reason_text(reason, e.course, e.contract))?
            }
        }
        out.serialize_field("amount", &m.amount.plain())?;
        out.end()
    }
}

struct Trace<'e, 'a>(&'e CourseEvaluation<'a>);

impl Serialize for Trace<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(sentences(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::evaluation_out::EvaluationOut;

    #[test]
    fn writes_the_text_the_owned_shape_writes() {
        let (set, problems, _) = crate::load::load_contracts(&[std::path::PathBuf::from("contracts")]);
        assert!(problems.is_empty());
        let mut rng = crate::generate::Rng::new(3);
        let raws: Vec<_> = (0..3000).map(|n| crate::generate::course(&mut rng, n)).collect();
        let text = serde_json::json!({ "courses": raws }).to_string();
        let courses = crate::wire::course_file::read_json(text.as_bytes(), &set, "g.json").unwrap();
        let mut shapes = std::collections::BTreeSet::new();
        // Two dates: before and after most courses' milestones fall due.
        for as_of in ["2025-06-30", "2026-06-30"] {
            let as_of = crate::wire::dates::parse_date(as_of).unwrap();
            for e in crate::evaluate::evaluate_all(&set, &courses, as_of) {
                let owned = serde_json::to_string(&EvaluationOut::from_eval(&e)).unwrap();
                assert_eq!(serde_json::to_string(&EvaluationJson(&e)).unwrap(), owned);
                shapes.insert((
                    e.refusal.as_ref().map(|r| r.code()),
                    e.milestones.iter().map(|v| v.verdict.status()).collect::<Vec<_>>(),
                ));
            }
        }
        // Refusals and every kind of verdict were among them.
        assert!(shapes.iter().any(|(r, _)| r.is_some()), "{shapes:?}");
        for status in ["achieved", "pending", "forfeited"] {
            assert!(shapes.iter().any(|(_, v)| v.contains(&status)), "{status}: {shapes:?}");
        }
    }
}
