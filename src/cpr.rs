//! CPR numbers and the pseudonyms that replace them.
//!
//! A CPR number is checked for format and a real date (not modulus 11:
//! numbers without it are valid since 2007), its birth date derived, and it
//! is turned into a pseudonym with HMAC-SHA256 under a secret key. A [`Cpr`]
//! never prints its digits, and no error message repeats them: the number
//! itself is never stored, logged or returned.
//!
//! [`find_cpr`] is the one recogniser of CPR-like numbers inside longer text
//! (`s-010170-1234`, `01.01.70-1234`, `010170 1234`): identifiers and free
//! text are refused with it at the edge, and logs and error messages redact
//! with it.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::ids::CitizenRef;

/// A valid CPR number. Debug and Display are redacted.
#[derive(Clone, PartialEq, Eq)]
pub struct Cpr {
    digits: [u8; 10],
    birth_date: NaiveDate,
}

/// The birth date in ten digit values (0–9), DDMMYY then the sequence
/// number, whose first digit gives the century; `None` when DDMMYY is not a
/// real date.
fn birth_date(d: &[u8; 10]) -> Option<NaiveDate> {
    let n = |i: usize| u32::from(d[i]);
    let (day, month, yy) = (n(0) * 10 + n(1), n(2) * 10 + n(3), n(4) * 10 + n(5));
    let century = match d[6] {
        0..=3 => 1900,
        4 | 9 if yy <= 36 => 2000,
        4 | 9 => 1900,
        _ if yy <= 57 => 2000,
        _ => 1800,
    };
    NaiveDate::from_ymd_opt(century + yy as i32, month, day)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CprError {
    #[error("is not a CPR number: expected ten digits as DDMMYY-SSSS or DDMMYYSSSS")]
    Format,
    #[error("is not a CPR number: the first six digits are not a real date (DDMMYY)")]
    Date,
}

impl Cpr {
    pub fn parse(text: &str) -> Result<Cpr, CprError> {
        let t = text.trim();
        let b = t.as_bytes();
        let digits: Vec<u8> = match b.len() {
            10 => b.to_vec(),
            11 if b[6] == b'-' => b[..6].iter().chain(&b[7..]).copied().collect(),
            _ => return Err(CprError::Format),
        };
        if !digits.iter().all(u8::is_ascii_digit) {
            return Err(CprError::Format);
        }
        let mut arr = [0u8; 10];
        arr.copy_from_slice(&digits);
        let birth_date = birth_date(&arr.map(|c| c - b'0')).ok_or(CprError::Date)?;
        Ok(Cpr { digits: arr, birth_date })
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }
}

impl fmt::Debug for Cpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cpr(redacted)")
    }
}

/// The secret key for pseudonyms. Debug is redacted.
#[derive(Clone)]
pub struct PseudonymKey(Vec<u8>);

impl PseudonymKey {
    /// At least 16 bytes of key material.
    pub fn new(bytes: Vec<u8>) -> Option<PseudonymKey> {
        (bytes.len() >= 16).then_some(PseudonymKey(bytes))
    }

    /// The citizen's pseudonym: `p-` and the first 128 bits of
    /// HMAC-SHA256(key, the ten digits), in hex. The same CPR always gives
    /// the same pseudonym under the same key.
    pub fn pseudonym(&self, cpr: &Cpr) -> CitizenRef {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(&cpr.digits);
        let tag = mac.finalize().into_bytes();
        let text = without_cpr(format!("p-{}", hex::encode(&tag[..16])));
        CitizenRef::parse(&text).expect("a pseudonym holds nothing CPR-like")
    }
}

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PseudonymKey(redacted)")
    }
}

/// What a refusal says. It never repeats the number.
pub const REFUSED: &str =
    "looks like a CPR number, or holds one (a date DDMMYY and four more digits); CPR numbers are never stored or shown";

/// Characters people put between the groups of a CPR number: `010170-1234`,
/// `01.01.70-1234`, `010170 1234`, `0101-70-1234`, `010170_1234`.
fn separator(c: char) -> bool {
    matches!(c, '-' | '.' | '_' | ' ' | '/' | ':' | '\u{a0}' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// The byte range of the first CPR-like number in `text`: ten digits that
/// read as DDMMYY and a sequence number with a real date (the century from
/// the seventh digit, as [`Cpr::parse`] reads it), with up to three
/// separator characters between the groups DD, MM, YY and the four last
/// digits, and no digit right before or after (a longer run of digits is
/// another number). This is the one recogniser: identifiers, free text, the
/// log's paths and error messages all use it.
pub fn find_cpr(text: &str) -> Option<Range<usize>> {
    let b = text.as_bytes();
    // Most identifiers hold fewer than ten digits: nothing to look for.
    if b.iter().filter(|c| c.is_ascii_digit()).count() < 10 {
        return None;
    }
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // The byte length of a separator starting at byte `i`, if one does.
    let separator_at = |i: usize| text.get(i..)?.chars().next().filter(|c| separator(*c)).map(char::len_utf8);
    'start: for start in 0..b.len() {
        if !digit(start) || (start > 0 && digit(start - 1)) {
            continue;
        }
        let (mut i, mut n, mut d) = (start, 0, [0u8; 10]);
        for (group, len) in [2, 2, 2, 4].into_iter().enumerate() {
            if group > 0 {
                for _ in 0..3 {
                    let Some(width) = separator_at(i) else { break };
                    i += width;
                }
            }
            for _ in 0..len {
                if !digit(i) {
                    continue 'start;
                }
                d[n] = b[i] - b'0';
                n += 1;
                i += 1;
            }
        }
        if !digit(i) && birth_date(&d).is_some() {
            return Some(start..i);
        }
    }
    None
}

/// True when a text holds something that looks like a CPR number
/// ([`find_cpr`]).
pub fn contains_cpr(text: &str) -> bool {
    find_cpr(text).is_some()
}

/// The text with every CPR-like number replaced by `[CPR]`, for messages
/// and logs that repeat what they were given.
pub fn redact_cpr(text: &str) -> Cow<'_, str> {
    if !contains_cpr(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(r) = find_cpr(rest) {
        out.push_str(&rest[..r.start]);
        out.push_str("[CPR]");
        rest = &rest[r.end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// A generated pseudonym's text that cannot read as a CPR number: random hex
/// holds a run of ten digits forming a date in about one pseudonym in a
/// thousand, and such a run's digits are written as the letters g–p (for
/// 0–9), which hex never uses, so that two pseudonyms stay distinct.
pub fn without_cpr(mut text: String) -> String {
    while let Some(r) = find_cpr(&text) {
        let letters: String = text[r.clone()]
            .chars()
            .map(|c| if c.is_ascii_digit() { char::from(b'g' + (c as u8 - b'0')) } else { c })
            .collect();
        text.replace_range(r, &letters);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn century_comes_from_the_seventh_digit() {
        assert_eq!(Cpr::parse("010170-1234").unwrap().birth_date(), d(1970, 1, 1));
        assert_eq!(Cpr::parse("0101703234").unwrap().birth_date(), d(1970, 1, 1));
        assert_eq!(Cpr::parse("010136-4234").unwrap().birth_date(), d(2036, 1, 1));
        assert_eq!(Cpr::parse("010137-4234").unwrap().birth_date(), d(1937, 1, 1));
        assert_eq!(Cpr::parse("010136-9234").unwrap().birth_date(), d(2036, 1, 1));
        assert_eq!(Cpr::parse("010157-5234").unwrap().birth_date(), d(2057, 1, 1));
        assert_eq!(Cpr::parse("010158-8234").unwrap().birth_date(), d(1858, 1, 1));
    }

    #[test]
    fn format_and_date_are_checked_but_not_modulus_11() {
        assert!(Cpr::parse("0101701235").is_ok(), "no modulus 11 check since 2007");
        assert_eq!(Cpr::parse("310270-1234"), Err(CprError::Date));
        assert_eq!(Cpr::parse("290201-1234"), Err(CprError::Date), "2001 is not a leap year");
        assert_eq!(Cpr::parse("290200-1234"), Err(CprError::Date), "seventh digit 1: 1900, not a leap year");
        assert_eq!(Cpr::parse("290200-4234").unwrap().birth_date(), d(2000, 2, 29));
        assert_eq!(Cpr::parse("01017-01234"), Err(CprError::Format));
        assert_eq!(Cpr::parse("0101701234 "), Cpr::parse("0101701234"));
        assert_eq!(Cpr::parse("01017012345"), Err(CprError::Format));
        assert_eq!(Cpr::parse("abcdefghij"), Err(CprError::Format));
    }

    #[test]
    fn the_digits_never_print() {
        let c = Cpr::parse("010170-1234").unwrap();
        assert!(!format!("{c:?}").contains("0101"));
        for e in [CprError::Format, CprError::Date] {
            assert!(!e.to_string().chars().any(|ch| ch.is_ascii_digit()));
        }
    }

    #[test]
    fn pseudonyms_are_stable_per_key_and_differ_between_keys() {
        let k1 = PseudonymKey::new(vec![1; 32]).unwrap();
        let k2 = PseudonymKey::new(vec![2; 32]).unwrap();
        let a = Cpr::parse("010170-1234").unwrap();
        let same = Cpr::parse("0101701234").unwrap();
        let other = Cpr::parse("020170-1234").unwrap();
        assert_eq!(k1.pseudonym(&a), k1.pseudonym(&same));
        assert_ne!(k1.pseudonym(&a), k1.pseudonym(&other));
        assert_ne!(k1.pseudonym(&a), k2.pseudonym(&a));
        assert!(!k1.pseudonym(&a).as_str().contains("0101701234"));
        assert!(PseudonymKey::new(vec![0; 8]).is_none());
    }

    #[test]
    fn cpr_like_text_is_found_in_free_text() {
        assert!(contains_cpr("moved, cpr 0101701234 per phone"));
        assert!(contains_cpr("010170-1234"));
        assert!(!contains_cpr("invoice 2025-0001"));
        assert!(!contains_cpr("12345678901")); // eleven digits: not a CPR
        assert!(!contains_cpr("sickness"));
    }

    #[test]
    fn every_usual_way_of_writing_one_is_found() {
        for text in [
            "0101701234",
            "010170-1234",
            "010170.1234",
            "010170_1234",
            "p-0101701234",
            "01.01.70-1234",
            "0101-70-1234",
            "s-010170-1234",
            "010170 1234",
            "01-01-70-1234",
            "01 01 70 1234",
            "c-010170:1234",
            "010170/1234",
            "010170 - 1234",
            "010170\u{2013}1234",
            "x0101701234y",
        ] {
            assert!(contains_cpr(text), "{text:?}");
        }
    }

    #[test]
    fn ordinary_numbers_are_not_cpr_numbers() {
        for text in [
            "12345678901",              // a longer run of digits is another number
            "00101701234",              // likewise, with a leading zero
            "3201701234",               // day 32
            "0113701234",               // month 13
            "2902011234",               // 29 Feb 2001 (seventh digit 1: 1900s; 1901 is no leap year)
            "c-2025-01-01-1234",        // an ISO date and a number
            "31.12.2025-1234",          // a Danish date with a four-digit year
            "01.05.2025 to 31.05.2025", // a period
            "phone 12 34 56 78",        // eight digits
            "IA-2025-0101-17",          // an invoice number
            "5000.00",                  // an amount
            "1234567890",               // day 12, month 34
            "010170-123",               // three last digits
            "010170-12345",             // five last digits
            "010170----1234",           // four separators
            "p-3f9a0c",
        ] {
            assert!(!contains_cpr(text), "{text:?}");
        }
        // The seventh digit decides the century: 29 Feb 2000 is a date (4: 2000s).
        assert!(contains_cpr("2902004234"));
    }

    #[test]
    fn the_range_and_the_redaction_cover_the_number_only() {
        let text = "moved; see 01.01.70-1234, then 020170 1234.";
        let r = find_cpr(text).unwrap();
        assert_eq!(&text[r], "01.01.70-1234");
        assert_eq!(redact_cpr(text), "moved; see [CPR], then [CPR].");
        assert_eq!(redact_cpr("nothing here 2025-01-01"), "nothing here 2025-01-01");
        assert_eq!(redact_cpr("ø 0101701234 æ"), "ø [CPR] æ", "non-ASCII text around it");
    }

    #[test]
    fn generated_pseudonyms_never_look_like_a_cpr_number() {
        assert_eq!(without_cpr("p-0101701234ab".into()), "p-ghghnghijkab");
        assert_eq!(without_cpr("p-12345678901a".into()), "p-12345678901a", "not CPR-like: unchanged");
        // About one pseudonym in a thousand needs it; among 20,000 CPR numbers
        // some do, and every pseudonym is still valid and distinct.
        let key = PseudonymKey::new(vec![7; 32]).unwrap();
        let mut seen = std::collections::HashSet::new();
        let mut rewritten = 0;
        for n in 0..20_000u32 {
            let day = 1 + n % 28;
            let text = format!("{day:02}0170{:04}", n / 28);
            let p = key.pseudonym(&Cpr::parse(&text).unwrap());
            assert!(!contains_cpr(p.as_str()), "{p}");
            rewritten += usize::from(p.as_str().chars().any(|c| ('g'..='p').contains(&c)));
            assert!(seen.insert(p));
        }
        assert!(rewritten > 0, "no pseudonym needed rewriting; the test shows nothing");
    }
}
