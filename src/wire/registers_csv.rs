//! Register extracts as CSV: the income register (what an employer paid a
//! citizen for a pay period) and the benefit register (a benefit code per
//! citizen per ISO week). Both are read whole or not at all: every bad row
//! is named by its line (as an editor counts it) and field. The CPR number
//! becomes its keyed pseudonym on reading and is never kept or repeated.
//!
//! ```text
//! cpr,employer_cvr,period_from,period_to,paid_hours,income
//! 010185-1234,12345678,2025-03-01,2025-03-31,160,32000.00
//! ```
//!
//! ```text
//! cpr,week,benefit_code
//! 010185-1234,2025-W14,KH
//! ```
//!
//! A Danish Excel file is read too: semicolons, dates as `01.03.2025`,
//! decimals as `160,5` and amounts as `32.000,00`, a byte-order mark.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::csv_line::EditorLines;
use crate::contract::Problem;
use crate::cpr::{Cpr, PseudonymKey};
use crate::evidence::{BenefitRow, IncomeRow};
use crate::ids::{CitizenRef, Cvr};
use crate::money::Money;

pub const INCOME_COLUMNS: [&str; 6] = ["cpr", "employer_cvr", "period_from", "period_to", "paid_hours", "income"];
pub const BENEFIT_COLUMNS: [&str; 3] = ["cpr", "week", "benefit_code"];

/// Reading one file: its name, its dialect and the problems found.
struct Cx<'a> {
    file: &'a str,
    danish: bool,
    problems: Vec<Problem>,
}

impl Cx<'_> {
    fn err(&mut self, line: u32, field: &str, message: impl Into<String>) {
        let p = Problem::new(field, Some(line), message);
        self.problems.push(if self.file.is_empty() { p } else { p.in_file(self.file) });
    }

    fn date(&mut self, t: &str, line: u32, field: &str) -> Option<NaiveDate> {
        let parsed = NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .ok()
            .or_else(|| if self.danish { NaiveDate::parse_from_str(t, "%d.%m.%Y").ok() } else { None });
        if parsed.is_none() {
            let expected = if self.danish { "a date such as 2025-03-01 or 01.03.2025" } else { "a date YYYY-MM-DD" };
            self.err(line, field, format!("`{t}` is not a date; expected {expected}"));
        }
        parsed
    }

    /// A decimal in the file's dialect: `1234.5`, or `1.234,5` in Danish.
    fn decimal(&self, t: &str) -> Option<Decimal> {
        let normal = if self.danish { t.replace('.', "").replace(',', ".") } else { t.to_string() };
        if normal.contains(['e', 'E']) {
            return None;
        }
        normal.parse::<Decimal>().ok()
    }
}

/// The rows of a file as (line, cells by column), after the header and the
/// CPR-outside-its-column checks. `None` when the header is wrong.
fn rows(text: &str, columns: &[&str], cx: &mut Cx) -> Option<Vec<(u32, Vec<String>)>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if cx.danish { b';' } else { b',' })
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(e) => {
            cx.err(1, "", format!("not CSV: {e}"));
            return None;
        }
    };
    for h in &header {
        if !columns.contains(&h.as_str()) {
            cx.err(1, h, format!("unknown column; expected {}", columns.join(", ")));
        }
    }
    for c in columns {
        if !header.iter().any(|h| h == c) {
            cx.err(1, c, format!("the header has no column `{c}`"));
        }
    }
    if !cx.problems.is_empty() {
        return None;
    }
    let order: Vec<usize> = columns.iter().filter_map(|c| header.iter().position(|h| h == c)).collect();
    let mut lines = EditorLines::new(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let fallback = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(2);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = lines.of(e.position()).unwrap_or(fallback);
                cx.err(line, "", format!("not CSV: {}", crate::cpr::redact_cpr(&e.to_string())));
                continue;
            }
        };
        let line = lines.of(record.position()).unwrap_or(fallback);
        for (h, v) in header.iter().zip(record.iter()) {
            if h != "cpr" && crate::cpr::contains_cpr(v) {
                cx.err(line, h, crate::cpr::REFUSED);
            }
        }
        out.push((line, order.iter().map(|&c| record.get(c).unwrap_or("").to_string()).collect()));
    }
    Some(out)
}

fn start(text: &str, file: &str) -> (String, bool, String) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).to_string();
    let danish = text.lines().next().unwrap_or_default().contains(';');
    (text, danish, file.to_string())
}

fn citizen(t: &str, line: u32, key: &PseudonymKey, cx: &mut Cx) -> Option<CitizenRef> {
    if t.is_empty() {
        cx.err(line, "cpr", "missing; every row names its citizen by CPR number");
        return None;
    }
    match Cpr::parse(t) {
        Ok(c) => Some(key.pseudonym(&c)),
        Err(e) => {
            cx.err(line, "cpr", e.to_string());
            None
        }
    }
}

/// Reads an income register extract (either dialect).
pub fn income(text: &str, file: &str, key: &PseudonymKey) -> Result<Vec<IncomeRow>, Vec<Problem>> {
    let (text, danish, file) = start(text, file);
    let mut cx = Cx { file: &file, danish, problems: Vec::new() };
    let Some(rows) = rows(&text, &INCOME_COLUMNS, &mut cx) else { return Err(cx.problems) };
    let mut out = Vec::new();
    for (line, cells) in rows {
        let who = citizen(&cells[0], line, key, &mut cx);
        let employer = match Cvr::parse(&cells[1]) {
            Ok(c) => Some(c),
            Err(e) => {
                cx.err(line, "employer_cvr", e.to_string());
                None
            }
        };
        let from = cx.date(&cells[2], line, "period_from");
        let to = cx.date(&cells[3], line, "period_to");
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            cx.err(line, "period_to", format!("{t} is before the period's first day {f}"));
        }
        let hours = match cx.decimal(&cells[4]) {
            Some(h) if h >= Decimal::ZERO && h <= Decimal::from(744) && h.scale() <= 2 => Some(h),
            _ => {
                let t = cells[4].clone();
                cx.err(
                    line,
                    "paid_hours",
                    format!("`{t}` is not a number of paid hours from 0 to 744 (at most 2 decimals)"),
                );
                None
            }
        };
        let income = match cx.decimal(&cells[5]).map(|d| Money::parse(&d.to_string())) {
            Some(Ok(m)) => Some(m),
            _ => {
                let t = cells[5].clone();
                cx.err(line, "income", format!("`{t}` is not an amount such as 32000.00"));
                None
            }
        };
        if let (Some(citizen), Some(employer), Some(from), Some(to), Some(hours), Some(income)) =
            (who, employer, from, to, hours, income)
            && from <= to
        {
            out.push(IncomeRow { citizen, employer, from, to, hours, income });
        }
    }
    if cx.problems.is_empty() { Ok(out) } else { Err(cx.problems) }
}

/// `2025-W14` (or `2025-14`) → (2025, 14), when the year has that week.
fn iso_week(t: &str) -> Option<(i32, u32)> {
    let (y, w) = t.split_once('-')?;
    let w = w.strip_prefix('W').or_else(|| w.strip_prefix('w')).unwrap_or(w);
    if y.len() != 4 || w.is_empty() || w.len() > 2 {
        return None;
    }
    let (year, week) = (y.parse::<i32>().ok()?, w.parse::<u32>().ok()?);
    NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon).map(|_| (year, week))
}

/// Reads a benefit register extract (either dialect). The codes are kept
/// as given; the contract's code table names their benefits.
pub fn benefits(text: &str, file: &str, key: &PseudonymKey) -> Result<Vec<BenefitRow>, Vec<Problem>> {
    let (text, danish, file) = start(text, file);
    let mut cx = Cx { file: &file, danish, problems: Vec::new() };
    let Some(rows) = rows(&text, &BENEFIT_COLUMNS, &mut cx) else { return Err(cx.problems) };
    let mut out = Vec::new();
    for (line, cells) in rows {
        let who = citizen(&cells[0], line, key, &mut cx);
        let week = iso_week(&cells[1]);
        if week.is_none() {
            let t = cells[1].clone();
            cx.err(line, "week", format!("`{t}` is not an ISO week such as 2025-W14 (that year must have the week)"));
        }
        let code = cells[2].clone();
        let code_ok = !code.is_empty()
            && code.len() <= 16
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !code_ok {
            cx.err(line, "benefit_code", "expected a code of 1 to 16 letters, digits, `-` or `_`");
        }
        if let (Some(citizen), Some((year, week)), true) = (who, week, code_ok) {
            out.push(BenefitRow { citizen, year, week, code });
        }
    }
    if cx.problems.is_empty() { Ok(out) } else { Err(cx.problems) }
}
