//! CPR numbers and the pseudonyms that replace them.
//!
//! A CPR number is checked for format and a real date (not modulus 11:
//! numbers without it are valid since 2007), its birth date derived, and it
//! is turned into a pseudonym with HMAC-SHA256 under a secret key. A [`Cpr`]
//! never prints its digits, and no error message repeats them: the number
//! itself is never stored, logged or returned.

use std::fmt;

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
        let d: Vec<u32> = digits.iter().map(|c| u32::from(c - b'0')).collect();
        let (day, month, yy, seventh) = (d[0] * 10 + d[1], d[2] * 10 + d[3], d[4] * 10 + d[5], d[6]);
        let century = match seventh {
            0..=3 => 1900,
            4 | 9 => {
                if yy <= 36 {
                    2000
                } else {
                    1900
                }
            }
            _ => {
                if yy <= 57 {
                    2000
                } else {
                    1800
                }
            }
        };
        let birth_date = NaiveDate::from_ymd_opt(century + yy as i32, month, day).ok_or(CprError::Date)?;
        let mut arr = [0u8; 10];
        arr.copy_from_slice(&digits);
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
        CitizenRef::parse(&format!("p-{}", hex::encode(&tag[..16]))).expect("hex is a valid pseudonym")
    }
}

impl fmt::Debug for PseudonymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PseudonymKey(redacted)")
    }
}

/// True when a text contains something that looks like a CPR number (ten
/// digits in a row, or six digits, a dash and four digits), so that free
/// text such as a reason cannot smuggle one into the store.
pub fn contains_cpr(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let boundary = |i: Option<usize>| i.is_none_or(|i| !digit(i));
    (0..b.len()).any(|i| {
        if !boundary(i.checked_sub(1)) {
            return false;
        }
        let plain = (0..10).all(|k| digit(i + k)) && boundary(Some(i + 10));
        let dashed = (0..6).all(|k| digit(i + k))
            && b.get(i + 6) == Some(&b'-')
            && (7..11).all(|k| digit(i + k))
            && boundary(Some(i + 11));
        plain || dashed
    })
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
}
