//! Dates as the input formats write them (ISO, `2025-12-31`), and why a
//! text is not one, in English and in Danish.

use chrono::NaiveDate;

use crate::lang::MONTHS_DA;

pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    // The usual shape, YYYY-MM-DD in ASCII digits, read by hand; anything
    // else goes through chrono as before, so the same texts are accepted.
    if let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = t.as_bytes()
        && [y0, y1, y2, y3, m0, m1, d0, d1].iter().all(u8::is_ascii_digit)
    {
        let n = |a: u8, b: u8| u32::from(a - b'0') * 10 + u32::from(b - b'0');
        let year = (n(y0, y1) * 100 + n(y2, y3)) as i32;
        return NaiveDate::from_ymd_opt(year, n(m0, m1), n(d0, d1));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().filter(|_| t.len() == 10)
}

/// Why a text is not a date: the one reading every message is worded from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotADate {
    /// `YYYY-MM-DD` in shape, but the month is not 1–12.
    NoMonth { y: i32, m: u32, d: u32 },
    /// `YYYY-MM-DD` in shape, but the month has no such day.
    NoDay { y: i32, m: u32, d: u32, first: NaiveDate, days: i64 },
    /// Not in the shape `YYYY-MM-DD` (or a day that exists).
    Shape,
}

/// Reads why `text` (trimmed) is not a date.
pub fn why_not_a_date(text: &str) -> NotADate {
    let t = text.trim();
    let parts: Vec<&str> = t.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if let [y, m, d] = parts.as_slice()
        && digits(y, 4)
        && digits(m, 2)
        && digits(d, 2)
    {
        let (y, m, d): (i32, u32, u32) = (y.parse().unwrap_or(0), m.parse().unwrap_or(0), d.parse().unwrap_or(0));
        if !(1..=12).contains(&m) {
            return NotADate::NoMonth { y, m, d };
        }
        if let Some(first) = NaiveDate::from_ymd_opt(y, m, 1) {
            let days = crate::calendar::add_months(first, 1).signed_duration_since(first).num_days();
            if d == 0 || i64::from(d) > days {
                return NotADate::NoDay { y, m, d, first, days };
            }
        }
    }
    NotADate::Shape
}

/// Why `text` is not a date, for a message: a day the calendar does not
/// have is called so ("February 2025 has 28 days"); anything else gets the
/// format to write.
pub fn not_a_date(text: &str) -> String {
    let t = text.trim();
    match why_not_a_date(t) {
        NotADate::NoMonth { m, .. } => format!("`{t}` is not a date: there is no month {m}"),
        NotADate::NoDay { first, days, .. } => {
            format!("`{t}` is not a date: {} has {days} days", first.format("%B %Y"))
        }
        NotADate::Shape => format!("`{t}` is not a date; write YYYY-MM-DD"),
    }
}

/// [`not_a_date`] in Danish: "30.02.2025 findes ikke: februar 2025 har 28 dage".
pub fn not_a_date_da(text: &str) -> String {
    let t = text.trim();
    match why_not_a_date(t) {
        NotADate::NoMonth { y, m, d } => format!("{d:02}.{m:02}.{y} er ikke en dato: der er ingen måned {m}"),
        NotADate::NoDay { y, m, d, days, .. } => {
            format!("{d:02}.{m:02}.{y} findes ikke: {} {y} har {days} dage", MONTHS_DA[(m - 1) as usize])
        }
        NotADate::Shape => format!("»{t}« er ikke en dato; skriv ÅÅÅÅ-MM-DD"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_the_calendar_lacks_is_named_in_danish_too() {
        assert_eq!(not_a_date_da("2025-12-32"), "32.12.2025 findes ikke: december 2025 har 31 dage");
        assert_eq!(not_a_date_da("2024-02-30"), "30.02.2024 findes ikke: februar 2024 har 29 dage");
        assert_eq!(not_a_date_da("2025-13-01"), "01.13.2025 er ikke en dato: der er ingen måned 13");
        assert_eq!(not_a_date_da("i går"), "»i går« er ikke en dato; skriv ÅÅÅÅ-MM-DD");
    }
}

#[cfg(test)]
mod date_tests {
    use super::not_a_date;

    #[test]
    fn a_day_the_calendar_lacks_is_named() {
        // 2025 is not a leap year; 2024 is; April has 30 days.
        assert_eq!(not_a_date("2025-02-29"), "`2025-02-29` is not a date: February 2025 has 28 days");
        assert_eq!(not_a_date("2024-02-30"), "`2024-02-30` is not a date: February 2024 has 29 days");
        assert_eq!(not_a_date("2025-04-31"), "`2025-04-31` is not a date: April 2025 has 30 days");
        assert_eq!(not_a_date("2025-04-00"), "`2025-04-00` is not a date: April 2025 has 30 days");
        assert_eq!(not_a_date("2025-13-01"), "`2025-13-01` is not a date: there is no month 13");
        assert_eq!(not_a_date("31-12-2025"), "`31-12-2025` is not a date; write YYYY-MM-DD");
        assert_eq!(not_a_date("2025-1-1"), "`2025-1-1` is not a date; write YYYY-MM-DD");
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::parse_date;
    use chrono::NaiveDate;

    #[test]
    fn the_hand_written_reading_accepts_what_chrono_accepts() {
        // Every month 00..=13 and day 00..=32 of a leap year, a common year,
        // a century year that is not a leap year (1900) and one that is
        // (2000), plus shapes the fast path leaves to chrono.
        let chrono = |t: &str| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok().filter(|_| t.trim().len() == 10);
        let mut texts: Vec<String> = Vec::new();
        for y in ["0000", "1900", "2000", "2024", "2025", "9999"] {
            for m in 0..=13 {
                for d in 0..=32 {
                    texts.push(format!("{y}-{m:02}-{d:02}"));
                }
            }
        }
        for t in [" 2025-06-30 ", "2025-6-30", "02025-6-30", "2025-06-3", "2025/06/30", "2025-06-30x", "+2025-6-30", ""]
        {
            texts.push(t.to_string());
        }
        for t in &texts {
            assert_eq!(parse_date(t), chrono(t), "{t:?}");
        }
        assert_eq!(parse_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse_date("2025-02-29"), None);
    }
}
