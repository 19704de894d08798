//! The typed figure list as a file: CSV with the header `label,value`
//! (or Danish `betegnelse;tal`, semicolons as a Danish Excel writes them),
//! one figure per line. Lines are numbered as an editor counts them, the
//! header being line 1. A file with a problem is refused whole, every
//! problem named.

use crate::contract::Problem;
use crate::report::figure_check::Typed;

/// At most this many figures in one list.
pub const MAX_FIGURES: usize = 1000;

fn header_ok(fields: &[String]) -> bool {
    let names: Vec<String> = fields.iter().map(|f| f.trim().to_lowercase()).collect();
    matches!(names.as_slice(), [a, b] if (a == "label" || a == "betegnelse") && (b == "value" || b == "tal"))
}

/// One line's fields (a line holds one record: labels and values do not
/// span lines), quotes and all.
fn fields(line: &str, delimiter: u8) -> Result<Vec<String>, String> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(line.as_bytes());
    match reader.records().next() {
        None => Ok(Vec::new()),
        Some(Ok(r)) => Ok(r.iter().map(str::to_string).collect()),
        Some(Err(e)) => Err(e.to_string()),
    }
}

/// Reads the list; `file` names it in problems.
pub fn read_typed(text: &str, file: &str) -> Result<Vec<Typed>, Vec<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut problems = Vec::new();
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate().map(|(i, l)| (i as u32 + 1, l));
    let header = lines.next().map(|(_, l)| fields(l, delimiter).unwrap_or_default());
    if !header.as_deref().is_some_and(header_ok) {
        let message = if header.is_none() {
            "the list is empty; expected the header `label,value`"
        } else {
            "the first line must be the header `label,value` (or `betegnelse;tal`)"
        };
        return Err(vec![Problem::new("", Some(1), message).in_file(file)]);
    }
    for (line, text) in lines {
        if text.trim().is_empty() {
            continue;
        }
        let f = match fields(text, delimiter) {
            Ok(f) => f,
            Err(e) => {
                problems.push(Problem::new("", Some(line), format!("not valid CSV: {e}")).in_file(file));
                continue;
            }
        };
        let filled = f.iter().rposition(|x| !x.trim().is_empty()).map_or(0, |i| i + 1);
        match f.first().map(|l| l.trim()) {
            Some("") => problems.push(Problem::new("label", Some(line), "missing").in_file(file)),
            _ if filled != 2 => problems.push(
                Problem::new("", Some(line), format!("expected two columns, label and value; found {filled}"))
                    .in_file(file),
            ),
            _ if out.len() == MAX_FIGURES => {
                problems.push(Problem::new("", Some(line), format!("more than {MAX_FIGURES} figures")).in_file(file));
                break;
            }
            _ => out.push(Typed { line, label: f[0].trim().to_string(), value: f[1].trim().to_string() }),
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_and_plain_lists_with_editor_line_numbers() {
        let da = "\u{feff}betegnelse;tal\r\nSamlet / Effekt i procent;53,5 %\r\n\r\nDagpenge / Antal henviste;92\r\n";
        let list = read_typed(da, "referat.csv").unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(
            (list[0].line, list[0].label.as_str(), list[0].value.as_str()),
            (2, "Samlet / Effekt i procent", "53,5 %")
        );
        assert_eq!(list[1].line, 4, "the blank line 3 is counted");
        let plain = "label,value\n\"I alt / Optjent\",\"1.339.210,32 kr.\"\n";
        assert_eq!(read_typed(plain, "f.csv").unwrap()[0].value, "1.339.210,32 kr.");
    }

    #[test]
    fn every_problem_names_its_line() {
        let bad = "label,value\nA / B,1,2\n,5\nC / D\n";
        let problems = read_typed(bad, "f.csv").unwrap_err();
        let lines: Vec<Option<u32>> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(3), Some(4)], "{problems:?}");
        assert!(problems[0].to_string().starts_with("f.csv:2:"));
        let no_header = read_typed("Samlet / Effekt i procent,53.5\n", "f.csv").unwrap_err();
        assert_eq!(no_header[0].line, Some(1));
        assert!(read_typed("", "f.csv").is_err());
    }
}
