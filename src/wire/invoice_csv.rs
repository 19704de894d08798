//! An invoice as CSV, one row per line, for suppliers and finance staff who
//! work in spreadsheets:
//!
//! ```text
//! supplier_cvr,invoice_number,contract,as_of,due_on,line,course_id,milestone,amount
//! 00000000,2025-017,lejre-jobparate,2025-12-31,2026-01-30,1,c-001,job_start,5000.00
//! ```
//!
//! `due_on` may be left out. The invoice fields must be the same on every
//! row. A Danish Excel file (semicolons, `5.000,00`) is read too: the
//! delimiter is taken from the header line. Problems name the line.

use serde_json::Value as Json;

use super::csv_line::EditorLines;
use super::invoice::{InvoiceIn, LineIn};
use crate::contract::Problem;

const HEAD: [&str; 5] = ["supplier_cvr", "invoice_number", "contract", "as_of", "due_on"];
const LINE: [&str; 4] = ["line", "course_id", "milestone", "amount"];

/// `5.000,00` → `5000.00` (Danish); other text as it is.
fn danish_amount(text: &str) -> String {
    let t = text.trim().trim_end_matches("kr.").trim();
    if t.contains(',') { t.replace('.', "").replace(',', ".") } else { t.to_string() }
}

pub fn parse(text: &str, file: &str) -> Result<InvoiceIn, Vec<Problem>> {
    parse_located(text, file).map(|(invoice, _)| invoice)
}

/// The problems found later in an invoice read from a CSV file (by
/// [`InvoiceIn::to_invoice`], which names `lines[2].amount`), placed on the
/// file's lines as an editor counts them: `amount` on line 4. `lines` is
/// what [`parse_located`] returned; the invoice's own fields are on its
/// first line.
pub fn locate(problems: Vec<Problem>, lines: &[u32], file: &str) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|mut p| {
            if p.line.is_none() {
                let index = p.field.strip_prefix("lines[").and_then(|r| r.split_once("]."));
                match index.and_then(|(i, rest)| Some((lines.get(i.parse::<usize>().ok()?)?, rest.to_string()))) {
                    Some((line, rest)) => {
                        p.line = Some(*line);
                        p.field = rest;
                    }
                    None if !p.field.starts_with("lines") => p.line = lines.first().copied(),
                    None => {}
                }
                p.file = Some(file.to_string());
            }
            p
        })
        .collect()
}

/// [`parse`], with the file line of each invoice line (for [`locate`]).
pub fn parse_located(text: &str, file: &str) -> Result<(InvoiceIn, Vec<u32>), Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let danish = first.contains(';');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if danish { b';' } else { b',' })
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    // Each problem in English and in Danish (the finance page).
    let at = |line: u64, field: &str, en: String, da: String| {
        Problem::new(field, Some(line as u32), en).with_danish(da).in_file(file)
    };
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect(),
        Err(e) => return Err(vec![at(1, "", format!("not CSV: {e}"), "filen er ikke CSV".into())]),
    };
    let mut problems = Vec::new();
    // No cell may hold a CPR-like number; such a cell is named, never repeated.
    if header.iter().any(|h| crate::cpr::contains_cpr(h)) {
        return Err(vec![at(
            1,
            "",
            format!("a column name {}", crate::cpr::REFUSED),
            "et kolonnenavn ligner et CPR-nummer og afvises".into(),
        )]);
    }
    for required in HEAD.iter().filter(|h| **h != "due_on").chain(LINE.iter()) {
        if !header.iter().any(|h| h == required) {
            problems.push(at(
                1,
                required,
                format!("the header has no column `{required}`"),
                format!("overskriften mangler kolonnen `{required}`"),
            ));
        }
    }
    for h in &header {
        if !HEAD.contains(&h.as_str()) && !LINE.contains(&h.as_str()) {
            problems.push(at(
                1,
                h,
                format!("unknown column; expected {}", [HEAD.as_slice(), LINE.as_slice()].concat().join(", ")),
                format!(
                    "ukendt kolonne; kendte kolonner er {}",
                    [HEAD.as_slice(), LINE.as_slice()]
                        .concat()
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let mut invoice = InvoiceIn::default();
    let mut heads: [Option<String>; 5] = Default::default();
    let mut lines = EditorLines::new(text.as_bytes());
    let mut first_line = None;
    let mut located = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line_no = lines.of(e.position()).unwrap_or(i as u32 + 2);
                problems.push(at(
                    u64::from(line_no),
                    "",
                    format!("not CSV: {e}"),
                    "linjen kan ikke læses som CSV".into(),
                ));
                continue;
            }
        };
        let line_no = u64::from(lines.of(record.position()).unwrap_or(i as u32 + 2));
        let first = *first_line.get_or_insert(line_no);
        let cpr_cells: Vec<&String> =
            header.iter().zip(record.iter()).filter(|(_, v)| crate::cpr::contains_cpr(v)).map(|(h, _)| h).collect();
        if !cpr_cells.is_empty() {
            problems.extend(
                cpr_cells
                    .into_iter()
                    .map(|h| at(line_no, h, crate::cpr::REFUSED.into(), "ligner et CPR-nummer og afvises".into())),
            );
            continue;
        }
        let get = |name: &str| col(name).and_then(|c| record.get(c)).map(str::to_string).filter(|s| !s.is_empty());
        for (k, name) in HEAD.iter().enumerate() {
            let value = get(name);
            match (&heads[k], &value) {
                (None, Some(_)) if i == 0 => heads[k] = value.clone(),
                (Some(a), Some(b)) if a != b => problems.push(at(
                    line_no,
                    name,
                    format!("`{b}` differs from `{a}` on line {first}; one invoice per file"),
                    format!("»{b}« afviger fra »{a}« på linje {first}; én faktura pr. fil"),
                )),
                (Some(_), None) | (None, Some(_)) if i > 0 => problems.push(at(
                    line_no,
                    name,
                    format!("differs from line {first}; one invoice per file"),
                    format!("afviger fra linje {first}; én faktura pr. fil"),
                )),
                _ => {}
            }
        }
        let number = get("line").map(|l| l.parse::<u32>().map_err(|_| l));
        let line = match number {
            Some(Ok(n)) => Some(n),
            Some(Err(l)) => {
                problems.push(at(
                    line_no,
                    "line",
                    format!("`{l}` is not a line number"),
                    format!("»{l}« er ikke et linjenummer"),
                ));
                None
            }
            None => None,
        };
        let amount = get("amount").map(|a| if danish { danish_amount(&a) } else { a }).map(Json::String);
        invoice.lines.push(LineIn { line, course_id: get("course_id"), milestone: get("milestone"), amount });
        located.push(line_no as u32);
    }
    if invoice.lines.is_empty() && problems.is_empty() {
        problems.push(at(
            1,
            "lines",
            "the file has a header but no lines".into(),
            "filen har en overskrift, men ingen linjer".into(),
        ));
    }
    let [cvr, number, contract, as_of, due_on] = heads;
    invoice.supplier_cvr = cvr;
    invoice.invoice_number = number;
    invoice.contract = contract;
    invoice.as_of = as_of;
    invoice.due_on = due_on;
    if problems.is_empty() { Ok((invoice, located)) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_problem_is_placed_on_the_files_line() {
        // Header on line 1, a blank line 3: the invoice's lines are on file lines 2 and 4.
        let text = "supplier_cvr,invoice_number,contract,as_of,line,course_id,milestone,amount\n\
                    00000000,F-1,lejre-jobparate,2025-12-31,1,c-001,job_start,5000.00\n\
                    \n\
                    00000000,F-1,lejre-jobparate,2025-12-31,2,c-002,retention_3m,ti tusind\n";
        let (inv, lines) = parse_located(text, "f.csv").unwrap();
        assert_eq!(lines, vec![2, 4]);
        let problems = locate(inv.to_invoice(100).unwrap_err(), &lines, "f.csv");
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].field.as_str()), (Some(4), "amount"));
        assert_eq!(problems[0].file.as_deref(), Some("f.csv"));
    }

    #[test]
    fn a_plain_csv_invoice() {
        let text = "supplier_cvr,invoice_number,contract,as_of,line,course_id,milestone,amount\n\
                    00000000,F-1,lejre-jobparate,2025-12-31,1,c-001,job_start,5000.00\n\
                    00000000,F-1,lejre-jobparate,2025-12-31,2,c-002,retention_3m,10000\n";
        let inv = parse(text, "f.csv").unwrap();
        assert_eq!(inv.invoice_number.as_deref(), Some("F-1"));
        assert_eq!(inv.due_on, None);
        assert_eq!(inv.lines.len(), 2);
        assert_eq!(inv.lines[1].amount, Some(Json::String("10000".into())));
        let checked = inv.to_invoice(100).unwrap();
        assert_eq!(checked.lines[1].amount.plain(), "10000.00");
    }

    #[test]
    fn a_danish_excel_csv_invoice() {
        let text = "\u{feff}supplier_cvr;invoice_number;contract;as_of;due_on;line;course_id;milestone;amount\r\n\
                    00000000;F-2;lejre-jobparate;2025-12-31;2026-01-30;1;c-001;job_start;5.000,00\r\n";
        let inv = parse(text, "f.csv").unwrap();
        assert_eq!(inv.lines[0].amount, Some(Json::String("5000.00".into())));
        assert_eq!(inv.due_on.as_deref(), Some("2026-01-30"));
    }

    #[test]
    fn problems_name_the_line() {
        let text = "supplier_cvr,invoice_number,contract,as_of,line,course_id,milestone,amount\n\
                    00000000,F-1,lejre-jobparate,2025-12-31,x,c-001,job_start,5000.00\n\
                    00000000,F-9,lejre-jobparate,2025-12-31,2,c-002,job_start,5000.00\n";
        let problems = parse(text, "f.csv").unwrap_err();
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(text[0].contains("f.csv:2") && text[0].contains("line"), "{text:?}");
        assert!(text[1].contains("f.csv:3") && text[1].contains("F-9"), "{text:?}");
        // Saved by Excel (`\r\n`) with a blank line 3: the bad row is line 4.
        let excel = "supplier_cvr,invoice_number,contract,as_of,line,course_id,milestone,amount\r\n\
                     00000000,F-1,lejre-jobparate,2025-12-31,1,c-001,job_start,5000.00\r\n\r\n\
                     00000000,F-1,lejre-jobparate,2025-12-31,two,c-002,job_start,5000.00\r\n";
        let problems = parse(excel, "e.csv").unwrap_err();
        assert_eq!(problems[0].to_string(), "e.csv:4: line: `two` is not a line number", "{problems:?}");
        let missing = parse("supplier_cvr,invoice_number\n1,2\n", "g.csv").unwrap_err();
        assert!(missing.iter().any(|p| p.field == "contract"), "{missing:?}");
    }

    #[test]
    fn a_cell_holding_a_cpr_number_is_named_and_not_repeated() {
        let text = "supplier_cvr,invoice_number,contract,as_of,line,course_id,milestone,amount\n\
                    00000000,F-1,lejre-jobparate,2025-12-31,1,c-001,job_start,5000.00\n\
                    00000000,F-1,lejre-jobparate,2025-12-31,2,s-01.01.70-1234,job_start,5000.00\n";
        let problems = parse(text, "f.csv").unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].field.as_str(), problems[0].line), ("course_id", Some(3)));
        assert!(!problems[0].to_string().contains("1234"), "{}", problems[0]);
    }
}
