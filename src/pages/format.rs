//! Formatting every page shares, so that a page holds one date and one
//! number format: dates (31.12.2025 on Danish pages), amounts (5.000,00 kr.)
//! and why a typed date is not one ("30.02.2025 findes ikke: februar 2025
//! har 28 dage").

use crate::lang::MONTHS_DA;
use chrono::NaiveDate;

use crate::contract::Problem;
use crate::money::Money;
use crate::render::Lang;

/// A date as the page's language writes it.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    lang.date(d)
}

/// An amount with its unit: `5.000,00 kr.` on Danish pages, `5000.00 kr.` on English.
pub fn kr(m: Money, lang: Lang) -> String {
    format!("{} kr.", lang.money(m))
}

/// Why `text` is not a date, in the page's language: a day the calendar
/// does not have is named in the page's date format; anything else is
/// quoted with the format to write.
pub fn bad_date(text: &str, lang: Lang) -> String {
    use crate::wire::dates::{NotADate, why_not_a_date};
    let t = text.trim();
    match (why_not_a_date(t), lang) {
        (NotADate::NoMonth { y, m, d }, Lang::Da) => {
            format!("{d:02}.{m:02}.{y} er ikke en dato: der er ingen måned {m}")
        }
        (NotADate::NoMonth { m, .. }, Lang::En) => format!("{t} is not a date: there is no month {m}"),
        (NotADate::NoDay { y, m, d, days, .. }, Lang::Da) => {
            format!("{d:02}.{m:02}.{y} findes ikke: {} {y} har {days} dage", MONTHS_DA[(m - 1) as usize])
        }
        (NotADate::NoDay { first, days, .. }, Lang::En) => {
            format!("{t} does not exist: {} has {days} days", first.format("%B %Y"))
        }
        (NotADate::Shape, Lang::Da) => format!("»{t}« er ikke en dato (ÅÅÅÅ-MM-DD)"),
        (NotADate::Shape, Lang::En) => format!("`{t}` is not a date (YYYY-MM-DD)"),
    }
}

/// Problems in line order (those without a line last), each framed with
/// its line and field as an editor shows them ("Linje 64, `amount`: …"),
/// in the page's language where the checker says it in that language.
/// Names are in backticks: show them with `layout::errors_coded`.
pub fn problem_lines(mut ps: Vec<Problem>, lang: Lang) -> Vec<String> {
    ps.sort_by_key(|p| (p.line.unwrap_or(u32::MAX), p.field.clone()));
    ps.into_iter()
        .map(|p| {
            let at = match (p.line, p.field.is_empty(), lang) {
                (Some(l), false, Lang::Da) => format!("Linje {l}, `{}`: ", p.field),
                (Some(l), true, Lang::Da) => format!("Linje {l}: "),
                (Some(l), false, Lang::En) => format!("Line {l}, `{}`: ", p.field),
                (Some(l), true, Lang::En) => format!("Line {l}: "),
                (None, false, _) => format!("`{}`: ", p.field),
                (None, true, _) => String::new(),
            };
            format!("{at}{}", p.message_in(lang).0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_the_calendar_lacks_is_named_in_the_pages_format() {
        assert_eq!(bad_date("2025-02-30", Lang::Da), "30.02.2025 findes ikke: februar 2025 har 28 dage");
        assert_eq!(bad_date("2024-02-30", Lang::Da), "30.02.2024 findes ikke: februar 2024 har 29 dage");
        assert_eq!(bad_date("2025-13-01", Lang::Da), "01.13.2025 er ikke en dato: der er ingen måned 13");
        assert_eq!(bad_date("2025-04-31", Lang::En), "2025-04-31 does not exist: April 2025 has 30 days");
        assert!(bad_date("i går", Lang::Da).starts_with("»i går« er ikke en dato"));
    }
}
