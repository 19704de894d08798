//! A line's verdict in words, kept as typed values and written out only
//! when shown (the answer, a page, a CSV cell): a 10,000-line invoice whose
//! lines are approved builds no message text while it is judged.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::LineVerdict;
use crate::contract::milestone_name;
use crate::lang::{Lang, Said};
use crate::money::Money;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// Worded when judged (the rejections, each rarer than an approval).
    Worded(Said),
    /// The claim is approved: the milestone (the line's own) was achieved
    /// on `date`, and the contract pays `amount` for it.
    Achieved { after_months: u32, date: NaiveDate, amount: Money },
}

/// `31.12.2025`.
pub(super) struct DanishDay(pub NaiveDate);

impl fmt::Display for DanishDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}.{:02}.{:04}", self.0.day(), self.0.month(), self.0.year())
    }
}

/// A line's message in one language, written when displayed.
pub struct Text<'a> {
    line: &'a LineVerdict,
    lang: Lang,
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.line.message, self.lang) {
            (Message::Worded(said), lang) => f.write_str(said.get(lang)),
            (Message::Achieved { date, amount, .. }, Lang::En) => {
                write!(f, "{} achieved on {date}; {amount} kr. as the contract says", self.line.milestone)
            }
            (Message::Achieved { after_months, date, amount }, Lang::Da) => write!(
                f,
                "Raten for {} er opnået {}; {} kr. som aftalt i kontrakten",
                milestone_name(*after_months, Lang::Da),
                DanishDay(*date),
                amount.danish()
            ),
        }
    }
}

impl LineVerdict {
    /// The verdict in words in `lang`, for the supplier's clerk and the
    /// finance officer.
    pub fn text(&self, lang: Lang) -> Text<'_> {
        Text { line: self, lang }
    }

    /// The verdict in words in both languages.
    pub fn said(&self) -> Said {
        Said { en: self.text(Lang::En).to_string(), da: self.text(Lang::Da).to_string() }
    }
}
