//! The benefits (ydelser) a citizen can receive, and kinds of job.

use std::fmt;

/// A public benefit. The list is closed so that a typo in a contract or an
/// event is an error, not a benefit that silently never matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Benefit {
    /// Unemployment insurance benefit (A-dagpenge).
    Dagpenge,
    /// Benefit while awaiting a fleksjob.
    Ledighedsydelse,
    /// Social assistance.
    Kontanthjaelp,
    /// Education assistance for young people.
    Uddannelseshjaelp,
    /// Today's benefits for refugees and immigrants: selvforsørgelses- og
    /// hjemrejseydelse, and overgangsydelse (formerly integrationsydelse,
    /// the old name, still read in input).
    Selvforsoergelsesydelse,
    /// Sickness benefit.
    Sygedagpenge,
    /// Resource course benefit.
    Ressourceforloebsydelse,
    /// Job clarification benefit.
    Jobafklaringsydelse,
    /// Rehabilitation benefit.
    Revalideringsydelse,
    /// The municipality's wage subsidy for a fleksjob (fleksløntilskud).
    Fleksjob,
}

impl Benefit {
    pub const ALL: [Benefit; 10] = [
        Benefit::Dagpenge,
        Benefit::Ledighedsydelse,
        Benefit::Kontanthjaelp,
        Benefit::Uddannelseshjaelp,
        Benefit::Selvforsoergelsesydelse,
        Benefit::Sygedagpenge,
        Benefit::Ressourceforloebsydelse,
        Benefit::Jobafklaringsydelse,
        Benefit::Revalideringsydelse,
        Benefit::Fleksjob,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Benefit::Dagpenge => "dagpenge",
            Benefit::Ledighedsydelse => "ledighedsydelse",
            Benefit::Kontanthjaelp => "kontanthjaelp",
            Benefit::Uddannelseshjaelp => "uddannelseshjaelp",
            Benefit::Selvforsoergelsesydelse => "selvforsoergelsesydelse",
            Benefit::Sygedagpenge => "sygedagpenge",
            Benefit::Ressourceforloebsydelse => "ressourceforloebsydelse",
            Benefit::Jobafklaringsydelse => "jobafklaringsydelse",
            Benefit::Revalideringsydelse => "revalideringsydelse",
            Benefit::Fleksjob => "fleksjob",
        }
    }

    /// The code, or one of the other names input may use for a benefit:
    /// `integrationsydelse` (the name until 2020), `hjemrejseydelse` and
    /// `overgangsydelse` are all [`Benefit::Selvforsoergelsesydelse`].
    pub fn parse(text: &str) -> Option<Benefit> {
        match text {
            "integrationsydelse" | "hjemrejseydelse" | "overgangsydelse" => Some(Benefit::Selvforsoergelsesydelse),
            _ => Benefit::ALL.into_iter().find(|b| b.as_str() == text),
        }
    }

    /// "one of dagpenge, ledighedsydelse, ..." for error messages.
    pub fn expected() -> String {
        let names: Vec<&str> = Benefit::ALL.iter().map(|b| b.as_str()).collect();
        format!("one of {} (integrationsydelse is read as selvforsoergelsesydelse)", names.join(", "))
    }

    /// The benefit's name as a Danish finance officer writes it today.
    pub fn danish(self) -> &'static str {
        match self {
            Benefit::Dagpenge => "dagpenge",
            Benefit::Ledighedsydelse => "ledighedsydelse",
            Benefit::Kontanthjaelp => "kontanthjælp",
            Benefit::Uddannelseshjaelp => "uddannelseshjælp",
            Benefit::Selvforsoergelsesydelse => "selvforsørgelses- og hjemrejseydelse / overgangsydelse",
            Benefit::Sygedagpenge => "sygedagpenge",
            Benefit::Ressourceforloebsydelse => "ressourceforløbsydelse",
            Benefit::Jobafklaringsydelse => "jobafklaringsydelse",
            Benefit::Revalideringsydelse => "revalideringsydelse",
            Benefit::Fleksjob => "fleksjobtilskud",
        }
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Benefit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of benefits, as a bit mask: membership is one instruction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct BenefitSet(u16);

impl BenefitSet {
    pub fn insert(&mut self, b: Benefit) {
        self.0 |= b.bit();
    }

    pub fn contains(self, b: Benefit) -> bool {
        self.0 & b.bit() != 0
    }

    pub fn iter(self) -> impl Iterator<Item = Benefit> {
        Benefit::ALL.into_iter().filter(move |b| self.contains(*b))
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The benefits' Danish names, `ingen` for none.
    pub fn danish(self) -> String {
        let names: Vec<&str> = self.iter().map(Benefit::danish).collect();
        if names.is_empty() { "ingen".into() } else { names.join(", ") }
    }
}

impl FromIterator<Benefit> for BenefitSet {
    fn from_iter<I: IntoIterator<Item = Benefit>>(iter: I) -> Self {
        let mut s = BenefitSet::default();
        for b in iter {
            s.insert(b);
        }
        s
    }
}

impl fmt::Display for BenefitSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Benefit::as_str).collect();
        if names.is_empty() { f.write_str("none") } else { f.write_str(&names.join(", ")) }
    }
}

/// The kind of job a citizen starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobType {
    Ordinary,
    Fleksjob,
}

impl JobType {
    pub const ALL: [JobType; 2] = [JobType::Ordinary, JobType::Fleksjob];

    pub fn as_str(self) -> &'static str {
        match self {
            JobType::Ordinary => "ordinary",
            JobType::Fleksjob => "fleksjob",
        }
    }

    pub fn parse(text: &str) -> Option<JobType> {
        JobType::ALL.into_iter().find(|j| j.as_str() == text)
    }
}

impl fmt::Display for JobType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_benefit_round_trips_and_has_its_own_bit() {
        let mut seen = BenefitSet::default();
        for b in Benefit::ALL {
            assert_eq!(Benefit::parse(b.as_str()), Some(b));
            assert!(!seen.contains(b));
            seen.insert(b);
        }
        assert_eq!(seen.iter().count(), Benefit::ALL.len());
        assert_eq!(Benefit::parse("Dagpenge"), None);
    }

    #[test]
    fn the_old_name_integrationsydelse_is_read_and_the_current_name_is_written() {
        for old in ["integrationsydelse", "hjemrejseydelse", "overgangsydelse"] {
            assert_eq!(Benefit::parse(old), Some(Benefit::Selvforsoergelsesydelse), "{old}");
        }
        assert_eq!(Benefit::Selvforsoergelsesydelse.as_str(), "selvforsoergelsesydelse");
        assert_eq!(Benefit::Selvforsoergelsesydelse.danish(), "selvforsørgelses- og hjemrejseydelse / overgangsydelse");
        let set: BenefitSet = [Benefit::Fleksjob, Benefit::Kontanthjaelp].into_iter().collect();
        assert_eq!(set.danish(), "kontanthjælp, fleksjobtilskud");
        assert_eq!(BenefitSet::default().danish(), "ingen");
    }
}
