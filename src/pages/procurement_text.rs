//! The procurement page's sentences: a milestone's row, a valid draft, a
//! draft's problems.

use chrono::NaiveDate;

use crate::contract::{Problem, milestone_name};
use crate::render::Lang;

/// A milestone's row label: "Rate ved jobstart", "Rate ved fastholdelse i 3 måneder".
pub fn milestone_row(after_months: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Rate ved {}", milestone_name(after_months, lang)),
        Lang::En => format!("Paid at {}", milestone_name(after_months, lang)),
    }
}

/// A valid draft: what it is and that it is not stored.
pub fn valid(file: Option<&str>, version: u32, title: &str, from: NaiveDate, lang: Lang) -> String {
    match (lang, file) {
        (Lang::Da, Some(f)) => format!(
            "Udkastet {f} er gyldigt: version {version} af »{title}«, i kraft fra {}. Det er ikke gemt: en ny version gemmes, når kontraktfilen lægges i systemets kontraktmappe.",
            lang.date(from)
        ),
        (Lang::Da, None) => format!(
            "Udkastet er gyldigt: version {version} af »{title}«, i kraft fra {}. Det er ikke gemt: en ny version gemmes, når kontraktfilen lægges i systemets kontraktmappe.",
            lang.date(from)
        ),
        (Lang::En, f) => format!(
            "The draft{} is valid: version {version} of “{title}”, in force from {from}. It is not stored: a new version is stored when the contract file is put in the system's contract folder.",
            f.map(|f| format!(" {f}")).unwrap_or_default()
        ),
    }
}

/// A stored version with the same number and other content.
pub fn taken(version: u32, title: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Version {version} af »{title}« findes allerede med andet indhold; en ændring skal være en ny version"
        ),
        Lang::En => {
            format!("Version {version} of “{title}” is already stored with other content; a change is a new version")
        }
    }
}

/// The problems in line order (those without a line last), each framed
/// with its line and field as an editor shows them; names the file writes
/// are in backticks (see `layout::errors_coded`).
pub fn problems(mut ps: Vec<Problem>, lang: Lang) -> Vec<String> {
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
