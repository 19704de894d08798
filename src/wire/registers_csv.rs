//! Register extracts as CSV: the income register (what an employer paid a
//! citizen for a pay period) and the benefit register (a benefit code per
//! citizen per ISO week). Both are read as a stream, a row at a time, and
//! kept whole or not at all: every bad row
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

use std::io::{self, BufRead, Read};

use super::csv_stream;
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

/// Called as the rows are read: (bytes read, rows read).
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Reads a CSV stream whose header has `columns` (in any order), calling
/// `each` with every row's line and cells in `columns`' order as it comes;
/// the rows `each` returns, or every problem found. The dialect is the
/// header's (a `;` in it: Danish); a byte-order mark is skipped; a CPR
/// number outside the `cpr` column is refused.
fn read<R: BufRead, T>(
    mut input: R,
    file: &str,
    columns: &[&str],
    progress: Progress,
    mut each: impl FnMut(&mut Cx, u32, &[&str]) -> Option<T>,
) -> Result<Vec<T>, Vec<Problem>> {
    let mut first = Vec::new();
    let read_first = input.read_until(b'\n', &mut first);
    let bom = if first.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    first.drain(..bom);
    let mut cx = Cx { file, danish: first.contains(&b';'), problems: Vec::new() };
    if let Err(e) = read_first {
        cx.err(1, "", format!("cannot read: {e}"));
        return Err(cx.problems);
    }
    let (stream, mut lines) = csv_stream::tracked(io::Cursor::new(first).chain(input));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if cx.danish { b';' } else { b',' })
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(stream);
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(e) => {
            cx.err(1, "", format!("not CSV: {e}"));
            return Err(cx.problems);
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
        return Err(cx.problems);
    }
    let order: Vec<usize> = columns.iter().filter_map(|c| header.iter().position(|h| h == c)).collect();
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut n: u64 = 0;
    loop {
        let fallback = u32::try_from(n).unwrap_or(u32::MAX).saturating_add(2);
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = lines.of(record.position()).unwrap_or(fallback);
                for (h, v) in header.iter().zip(record.iter()) {
                    if h != "cpr" && crate::cpr::contains_cpr(v) {
                        cx.err(line, h, crate::cpr::REFUSED);
                    }
                }
                let cells: Vec<&str> = order.iter().map(|&c| record.get(c).unwrap_or("")).collect();
                out.extend(each(&mut cx, line, &cells));
            }
            Err(e) => {
                let line = lines.of(e.position()).unwrap_or(fallback);
                cx.err(line, "", format!("not CSV: {}", crate::cpr::redact_cpr(&e.to_string())));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
        n += 1;
        progress(bom as u64 + lines.read(), n);
    }
    if cx.problems.is_empty() { Ok(out) } else { Err(cx.problems) }
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
    income_from(text.as_bytes(), file, key, &mut |_, _| {})
}

/// Reads an income register extract from a stream, each row as it comes.
pub fn income_from<R: BufRead>(
    input: R,
    file: &str,
    key: &PseudonymKey,
    progress: Progress,
) -> Result<Vec<IncomeRow>, Vec<Problem>> {
    read(input, file, &INCOME_COLUMNS, progress, |cx, line, cells| income_row(cx, line, cells, key))
}

fn income_row(cx: &mut Cx, line: u32, cells: &[&str], key: &PseudonymKey) -> Option<IncomeRow> {
    let who = citizen(cells[0], line, key, cx);
    let employer = match Cvr::parse(cells[1]) {
        Ok(c) => Some(c),
        Err(e) => {
            cx.err(line, "employer_cvr", e.to_string());
            None
        }
    };
    let from = cx.date(cells[2], line, "period_from");
    let to = cx.date(cells[3], line, "period_to");
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        cx.err(line, "period_to", format!("{t} is before the period's first day {f}"));
    }
    let hours = match cx.decimal(cells[4]) {
        Some(h) if h >= Decimal::ZERO && h <= Decimal::from(744) && h.scale() <= 2 => Some(h),
        _ => {
            let t = cells[4];
            cx.err(
                line,
                "paid_hours",
                format!("`{t}` is not a number of paid hours from 0 to 744 (at most 2 decimals)"),
            );
            None
        }
    };
    let income = match cx.decimal(cells[5]).map(|d| Money::parse(&d.to_string())) {
        Some(Ok(m)) => Some(m),
        _ => {
            let t = cells[5];
            cx.err(line, "income", format!("`{t}` is not an amount such as 32000.00"));
            None
        }
    };
    let (citizen, employer, from, to, hours, income) = (who?, employer?, from?, to?, hours?, income?);
    (from <= to).then_some(IncomeRow { citizen, employer, from, to, hours, income })
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
    benefits_from(text.as_bytes(), file, key, &mut |_, _| {})
}

/// Reads a benefit register extract from a stream, each row as it comes.
pub fn benefits_from<R: BufRead>(
    input: R,
    file: &str,
    key: &PseudonymKey,
    progress: Progress,
) -> Result<Vec<BenefitRow>, Vec<Problem>> {
    read(input, file, &BENEFIT_COLUMNS, progress, |cx, line, cells| benefit_row(cx, line, cells, key))
}

fn benefit_row(cx: &mut Cx, line: u32, cells: &[&str], key: &PseudonymKey) -> Option<BenefitRow> {
    let who = citizen(cells[0], line, key, cx);
    let week = iso_week(cells[1]);
    if week.is_none() {
        let t = cells[1];
        cx.err(line, "week", format!("`{t}` is not an ISO week such as 2025-W14 (that year must have the week)"));
    }
    let code = cells[2];
    let code_ok =
        !code.is_empty() && code.len() <= 16 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !code_ok {
        cx.err(line, "benefit_code", "expected a code of 1 to 16 letters, digits, `-` or `_`");
        return None;
    }
    let (citizen, (year, week)) = (who?, week?);
    Some(BenefitRow { citizen, year, week, code: code.to_string() })
}
