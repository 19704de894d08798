//! Identifiers, parsed once at the edge. Inside the crate a `ContractId` or a
//! `CitizenRef` cannot be malformed, and no identifier holds a CPR-like
//! number (`cpr::find_cpr`): refused before anything else is checked, so
//! that no error repeats one.

use std::fmt;

/// Why a text is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("must not be empty")]
    Empty,
    #[error("is longer than {max} characters")]
    TooLong { max: usize },
    #[error("`{text}` may only hold {allowed}")]
    BadCharacter { text: String, allowed: &'static str },
    #[error("{}", crate::cpr::REFUSED)]
    LooksLikeCpr,
    #[error("`{0}` is not a CVR number (8 digits)")]
    NotCvr(String),
}

impl IdError {
    /// The same in Danish (the pages).
    pub fn danish(&self) -> String {
        match self {
            IdError::Empty => "må ikke være tom".into(),
            IdError::TooLong { max } => format!("er længere end {max} tegn"),
            IdError::BadCharacter { text, allowed } => format!("»{text}« må kun indeholde {allowed}"),
            IdError::LooksLikeCpr => "ligner et CPR-nummer og afvises; skriv aldrig CPR-numre her".into(),
            IdError::NotCvr(t) => format!("»{t}« er ikke et CVR-nummer (8 cifre)"),
        }
    }
}

fn check(text: &str, max: usize, ok: fn(char) -> bool, allowed: &'static str) -> Result<(), IdError> {
    if text.is_empty() {
        return Err(IdError::Empty);
    }
    if text.len() > max {
        return Err(IdError::TooLong { max });
    }
    // Before the characters are checked: that error repeats the text.
    if crate::cpr::contains_cpr(text) {
        return Err(IdError::LooksLikeCpr);
    }
    if !text.chars().all(ok) {
        return Err(IdError::BadCharacter { text: text.to_string(), allowed });
    }
    Ok(())
}

fn slug_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
}

fn ref_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':')
}

const SLUG: &str = "lowercase letters a-z, digits, '-' and '_'";
const REF: &str = "letters, digits, '-', '_', '.' and ':'";

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $max:expr, $ok:expr, $allowed:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Refuses empty, over-long and CPR-like text.
            pub fn parse(text: &str) -> Result<Self, IdError> {
                check(text, $max, $ok, $allowed)?;
                Ok(Self(text.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// A text that was parsed as this id before (a compact store's).
            #[allow(dead_code)]
            pub(crate) fn trusted(text: &str) -> Self {
                Self(text.to_string())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A contract's id, shared by all its versions (`lejre-jobparate`).
    ContractId, 64, slug_char, SLUG
);
id_type!(
    /// A milestone's id within a contract (`job_start`, `retention_3m`).
    MilestoneId, 64, slug_char, SLUG
);
id_type!(
    /// A target group's id within a contract (`dagpenge`).
    TargetGroupId, 64, slug_char, SLUG
);
id_type!(
    /// A course's id, given by the municipality's case system (`c-0001`).
    CourseId, 64, ref_char, REF
);
id_type!(
    /// An event's id within a course, used by retractions.
    EventId, 64, ref_char, REF
);
id_type!(
    /// A participant's id in a grant project (`u-001`), given by the
    /// municipality.
    ParticipantId, 64, ref_char, REF
);

/// A citizen's pseudonym. The same pseudonym on two courses is the same
/// person. Refuses anything that looks like a CPR number, so that a CPR can
/// never be stored as a "pseudonym" by mistake.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CitizenRef(String);

impl CitizenRef {
    pub fn parse(text: &str) -> Result<CitizenRef, IdError> {
        check(text, 128, ref_char, REF)?;
        Ok(CitizenRef(text.to_string()))
    }

    /// A text that was parsed as a pseudonym before (a compact store's).
    pub(crate) fn trusted(text: &str) -> CitizenRef {
        CitizenRef(text.to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CitizenRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Danish company registration number: exactly 8 digits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cvr(String);

impl Cvr {
    pub fn parse(text: &str) -> Result<Cvr, IdError> {
        if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Cvr(text.to_string()))
        } else if crate::cpr::contains_cpr(text) {
            Err(IdError::LooksLikeCpr)
        } else {
            Err(IdError::NotCvr(text.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Cvr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The supplier's own invoice number (1–64 printable characters).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InvoiceNumber(String);

impl InvoiceNumber {
    pub fn parse(text: &str) -> Result<InvoiceNumber, IdError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(IdError::Empty);
        }
        if t.len() > 64 {
            return Err(IdError::TooLong { max: 64 });
        }
        if crate::cpr::contains_cpr(t) {
            return Err(IdError::LooksLikeCpr);
        }
        if !t.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:".contains(c)) {
            return Err(IdError::BadCharacter {
                text: t.to_string(),
                allowed: "letters, digits, '-', '_', '.', '/' and ':'",
            });
        }
        Ok(InvoiceNumber(t.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InvoiceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_refuse_cpr_numbers() {
        assert!(CitizenRef::parse("p-3f9a").is_ok());
        assert_eq!(CitizenRef::parse("0101701234"), Err(IdError::LooksLikeCpr));
        assert_eq!(CitizenRef::parse("010170-1234"), Err(IdError::LooksLikeCpr));
        assert!(CitizenRef::parse("").is_err());
        assert!(CitizenRef::parse("p 1").is_err());
    }

    #[test]
    fn no_identifier_may_hold_a_cpr_number() {
        assert_eq!(CourseId::parse("0101701234"), Err(IdError::LooksLikeCpr));
        assert_eq!(EventId::parse("010170-1234"), Err(IdError::LooksLikeCpr));
        for text in ["c-0101701234", "010170.1234", "01.01.70-1234", "s-010170-1234", "0101-70-1234"] {
            assert_eq!(CourseId::parse(text), Err(IdError::LooksLikeCpr), "{text}");
            assert_eq!(CitizenRef::parse(text), Err(IdError::LooksLikeCpr), "{text}");
        }
        assert_eq!(ContractId::parse("x-010170_1234"), Err(IdError::LooksLikeCpr));
        assert_eq!(Cvr::parse("0101701234"), Err(IdError::LooksLikeCpr));
        // Refused as CPR-like before the characters are checked, so the
        // message does not repeat the number.
        let e = CourseId::parse("010170 1234").unwrap_err();
        assert_eq!(e, IdError::LooksLikeCpr);
        assert!(!e.to_string().contains("1234"), "{e}");
        // Ordinary references pass.
        for text in ["c-0001", "c-12345678901", "c-3201701234", "IA-2025-07", "c-2025-01-01-1234"] {
            assert!(CourseId::parse(text).is_ok(), "{text}");
        }
    }

    /// 64 characters is the longest invoice number and course id; 65 is
    /// too long. Surrounding blanks are not part of an invoice number.
    #[test]
    fn lengths_at_the_limit_and_one_over() {
        let n64 = format!("INV-{}", "7".repeat(60));
        let n65 = format!("{n64}7");
        assert_eq!(InvoiceNumber::parse(&format!("  {n64} ")).map(|n| n.as_str().len()), Ok(64));
        assert_eq!(InvoiceNumber::parse(&n65), Err(IdError::TooLong { max: 64 }));
        assert_eq!(InvoiceNumber::parse("  "), Err(IdError::Empty));
        assert!(matches!(InvoiceNumber::parse("INV 1"), Err(IdError::BadCharacter { .. })));
        assert_eq!(InvoiceNumber::parse("2025/07:a_b.c-1").map(|n| n.to_string()), Ok("2025/07:a_b.c-1".into()));
        let c64 = format!("c-{}", "a".repeat(62));
        assert_eq!(CourseId::parse(&c64).map(|c| c.as_str().len()), Ok(64));
        assert_eq!(CourseId::parse(&format!("{c64}a")), Err(IdError::TooLong { max: 64 }));
    }

    #[test]
    fn slugs_and_cvr() {
        assert!(ContractId::parse("lejre-jobparate").is_ok());
        assert!(ContractId::parse("Lejre").is_err());
        let cvr = Cvr::parse("12345678").unwrap();
        assert_eq!((cvr.as_str(), cvr.to_string()), ("12345678", "12345678".to_string()));
        assert_eq!(CitizenRef::parse("p-3f9a").unwrap().to_string(), "p-3f9a");
        assert!(Cvr::parse("1234567").is_err());
        assert!(Cvr::parse("1234567a").is_err());
    }
}
