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

/// The problems in line order, framed with line and field (see
/// `format::problem_lines`).
pub fn problems(ps: Vec<Problem>, lang: Lang) -> Vec<String> {
    super::format::problem_lines(ps, lang)
}
