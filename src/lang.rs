//! The language of a report or page: English labels with plain numbers, or
//! Danish labels with Danish numbers (25.974,00). A core type: the tables
//! (`table`) and the shell (pages, CLI) both use it.

use rust_decimal::Decimal;

use crate::money::{Money, danish_decimal, plain_decimal};

/// A label or sentence in English and Danish: `("Check an invoice", "Kontrollér en faktura")`.
pub type Words = (&'static str, &'static str);

/// Labels and number format for reports: English with plain numbers, or
/// Danish labels with Danish numbers (25.974,00).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Da,
}

impl Lang {
    pub fn money(self, m: Money) -> String {
        match self {
            Lang::En => m.plain(),
            Lang::Da => m.danish(),
        }
    }

    pub fn number(self, d: Decimal, dp: u32) -> String {
        match self {
            Lang::En => plain_decimal(d, dp),
            Lang::Da => danish_decimal(d, dp),
        }
    }

    /// A page's words, kept with the page's other words as (English, Danish).
    pub fn say(self, words: Words) -> &'static str {
        self.pick(words.0, words.1)
    }

    pub fn pick(self, en: &'static str, da: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Da => da,
        }
    }

    /// A date as the language writes it: `31.12.2025` in Danish, ISO in English.
    pub fn date(self, d: chrono::NaiveDate) -> String {
        match self {
            Lang::En => d.to_string(),
            Lang::Da => d.format("%d.%m.%Y").to_string(),
        }
    }
}

/// A text said in both languages, each rendered from the same typed
/// values (a verdict's reason, a trace): the reader's language is picked
/// where it is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Said<T = String> {
    pub en: T,
    pub da: T,
}

impl<T> Said<T> {
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::En => &self.en,
            Lang::Da => &self.da,
        }
    }
}

/// The months' names, January first: the one list every page, report and
/// message takes them from.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The months' names in Danish (lower case, as Danish writes them).
pub const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
