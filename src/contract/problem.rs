//! A problem found in input: where (file, line, field) and what is wrong.
//! Validation collects every problem before answering, so a user fixes a
//! file in one pass instead of one error at a time.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file the problem is in, when the input came from a file.
    pub file: Option<String>,
    /// 1-based line, where known (TOML and CSV; JSON bodies have none).
    pub line: Option<u32>,
    /// The field's path: `milestones[1].amount`, `courses[3].events[0].date`.
    pub field: String,
    pub message: String,
    /// The same problem said in Danish, where the checker says it (the
    /// procurement page shows it; the API and the CLI say `message`).
    pub message_da: Option<String>,
}

impl Problem {
    pub fn new(field: impl Into<String>, line: Option<u32>, message: impl Into<String>) -> Problem {
        Problem { file: None, line, field: field.into(), message: message.into(), message_da: None }
    }

    pub fn with_danish(mut self, message: impl Into<String>) -> Problem {
        self.message_da = Some(message.into());
        self
    }

    /// The message in `lang`, and whether it is in `lang` (a problem the
    /// checker says only in English is shown in English).
    pub fn message_in(&self, lang: crate::lang::Lang) -> (&str, bool) {
        match (lang, &self.message_da) {
            (crate::lang::Lang::Da, Some(da)) => (da, true),
            (crate::lang::Lang::Da, None) => (&self.message, false),
            (crate::lang::Lang::En, _) => (&self.message, true),
        }
    }

    pub fn in_file(mut self, file: &str) -> Problem {
        self.file = Some(file.to_string());
        self
    }
}

impl fmt::Display for Problem {
    /// `contracts/lejre-v1.toml:34: milestones[1].amount: must be positive`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
            if let Some(line) = self.line {
                write!(f, "{line}:")?;
            }
            f.write_str(" ")?;
        } else if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        if self.field.is_empty() { f.write_str(&self.message) } else { write!(f, "{}: {}", self.field, self.message) }
    }
}

/// A list of problems that stopped an input from being accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}
