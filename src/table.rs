//! Tables as values: every report table is built once as a [`Table`] and
//! then written as CSV (plain, or Danish Excel; the shell's
//! `wire::table_csv`), as HTML on the pages, or serialised into JSON. Numbers stay decimal until they are written; the
//! rounding rule is `money::round`.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use crate::lang::Lang;
use crate::money::{Money, danish_decimal, plain_decimal};

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
    /// A count from 1 to the threshold − 1, suppressed for the reader:
    /// shown as `< 5` (the threshold).
    Small(u64),
    /// A count suppressed because a sum would give a small one away.
    Hidden,
    /// A figure computed from a suppressed count (an amount, a rate): a
    /// dash with a footnote mark on pages, never `< 5` in a kr. or % column.
    Withheld,
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
            Value::Small(t) => format!("< {t}"),
            Value::Hidden => "hidden".into(),
            Value::Withheld => "suppressed".into(),
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
            Value::Withheld => "undertrykt".into(),
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
            (Value::Withheld, _) => format!("–{WITHHELD_MARK}"),
            (Value::Date(d), Lang::Da) => d.format("%d.%m.%Y").to_string(),
            (Value::Missing, _) => "–".into(),
            (other, _) => other.plain(),
        }
    }

    /// Suppressed or withheld for the reader.
    pub fn is_hidden(&self) -> bool {
        matches!(self, Value::Small(_) | Value::Hidden | Value::Withheld)
    }

    /// The figure as a decimal, when it is one (for sums and checks).
    pub fn decimal(&self) -> Option<Decimal> {
        match self {
            Value::Int(n) => Some(Decimal::from(*n)),
            Value::Money(m) => Some(m.as_decimal()),
            Value::Percent(d, _) | Value::Number(d, _) => Some(*d),
            _ => None,
        }
    }

    pub fn is_numeric(&self) -> bool {
        !matches!(self, Value::Text(_) | Value::Date(_))
    }
}

/// The mark after the dash of a withheld figure; the page explains it in a
/// footnote under the table.
pub const WITHHELD_MARK: &str = "*";

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
    /// The table's total row is the sum of its rows in this column.
    pub summed: bool,
}

impl Column {
    pub fn new(key: &'static str, en: impl Into<String>, da: impl Into<String>) -> Column {
        Column { key, en: en.into(), da: da.into(), summed: false }
    }

    /// A column whose total is the sum of the rows above it.
    pub fn sum(key: &'static str, en: impl Into<String>, da: impl Into<String>) -> Column {
        Column { summed: true, ..Column::new(key, en, da) }
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
    /// The index of the total row: in every summed column it is the sum of
    /// the rows before it (rows after it are shown apart from the total).
    pub total: Option<usize>,
}

impl Table {
    pub fn title(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.title_en,
            Lang::Da => &self.title_da,
        }
    }
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
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{title}\"><table class=\"figures\" id=\"table-{}\"><caption>{title}</caption><thead><tr>",
        table.name,
        title = esc(table.title(lang))
    );
    for c in &table.columns {
        let _ = write!(h, "<th scope=\"col\">{}</th>", esc(c.label(lang)));
    }
    h.push_str("</tr></thead><tbody>");
    for (k, row) in table.rows.iter().enumerate() {
        match table.total {
            Some(t) if t == k => h.push_str("<tr class=\"total\">"),
            Some(t) if k > t => h.push_str("<tr class=\"apart\">"),
            _ => h.push_str("<tr>"),
        }
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
    // Wide tables scroll inside their box, not the page (a phone is 390 px).
    h.push_str("</tbody></table></div>");
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
                vec![Value::Text("Integration".into()), Value::Small(5), Value::Hidden, Value::Missing],
            ],
            total: None,
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
