//! A typed figure list held against the computed tables: the figures a
//! secretary copies into a draft case text (the minutes of 3 Feb 2026 print
//! "en succesrate på 53,5 %" where their own table gives 53,3 %), each
//! checked, and every one that disagrees flagged.
//!
//! **Labels.** A label names a row and a column of a report table, joined
//! by ` / `: `Samlet / Effekt i procent`, `Dagpenge / Optjent`. The row is a
//! target group's label or id, or the total (`I alt`, `Total`, and the
//! minutes' `Samlet`); the column is a column's Danish or English label
//! (without a leading `=` or `−` and without its explanation in brackets:
//! `Optjent` for "= Optjent (opnåede rater)") or its key, or one of a few
//! words the minutes use (`Succesrate` for the success rate). Case and spacing do not matter. The tables are searched
//! in the order given; the first that has the row and the column decides.
//! A label that names nothing is reported as unknown, with what it could
//! have named.
//!
//! **Values.** Danish (`53,5 %`, `1.339.210,33 kr.`, `50.974 kr.`) or plain
//! (`53.5`); a single dot before exactly three digits groups thousands, as
//! no figure is printed with three decimals. A unit, when typed, must be
//! the figure's. A typed figure agrees when it is
//! the computed figure rounded to as many decimals as were typed (`53 %`
//! agrees with 53,3 %), or, typed with more decimals than the report
//! prints, when it equals the printed figure (`53,30 %`).

use rust_decimal::Decimal;

use crate::money::round;
use crate::table::{Table, Value};

/// One line of the typed list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typed {
    /// The line in the file (as an editor counts, the header is line 1).
    pub line: u32,
    pub label: String,
    pub value: String,
}

/// What the check found for one typed figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Agrees {
        computed: Value,
    },
    Differs {
        computed: Value,
    },
    /// Typed as a percentage where the figure is an amount, or the reverse.
    WrongUnit {
        computed: Value,
    },
    /// No row or column of that name; `rows` and `columns` say what exists.
    UnknownLabel {
        rows: Vec<String>,
        columns: Vec<String>,
    },
    NotANumber,
    /// The figure is suppressed for the reader.
    Suppressed,
    /// The report has no figure there (no estimate, nothing to divide by).
    NoFigure,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub typed: Typed,
    /// The table the label was found in.
    pub table: Option<&'static str>,
    pub verdict: Verdict,
}

impl Checked {
    /// Whether the line needs a reader's attention (anything but agreement).
    pub fn flagged(&self) -> bool {
        !matches!(self.verdict, Verdict::Agrees { .. })
    }
}

/// Lower case, single spaces, no trailing colon.
fn norm(text: &str) -> String {
    let t: Vec<&str> = text.split_whitespace().collect();
    t.join(" ").trim_end_matches(':').trim().to_lowercase()
}

/// Words the minutes use for a row or column that the report names
/// otherwise.
const ROW_ALIASES: &[(&str, &str)] = &[("samlet", "i alt"), ("total", "i alt")];
const COLUMN_ALIASES: &[(&str, &str)] = &[
    ("succesrate", "success_rate_pct"),
    ("effekt", "success_rate_pct"),
    ("succesrate i procent", "success_rate_pct"),
    ("henviste", "referred"),
];

/// A column label without its sign (`= Optjent`) and its explanation in
/// brackets (`Optjent (opnåede rater)`): `optjent`.
fn norm_column(text: &str) -> String {
    let t = text.trim().trim_start_matches(['=', '−', '-', '+']).trim();
    norm(t.split(" (").next().unwrap_or(t))
}

fn alias(text: &str, list: &[(&str, &str)]) -> String {
    let n = norm(text);
    list.iter().find(|(from, _)| *from == n).map_or(n, |(_, to)| (*to).to_string())
}

fn row_names(table: &Table, r: usize) -> Vec<String> {
    let Some(Value::Text(label)) = table.rows[r].first() else { return Vec::new() };
    let mut names = vec![norm(label)];
    if table.total == Some(r) {
        names.extend(["i alt".to_string(), "total".to_string()]);
    }
    names
}

fn find(table: &Table, row: &str, column: &str) -> Option<(usize, usize)> {
    let row = alias(row, ROW_ALIASES);
    let column = alias(&norm_column(column), COLUMN_ALIASES);
    let r = (0..table.rows.len()).find(|r| row_names(table, *r).contains(&row))?;
    let c = table
        .columns
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, c)| [norm(c.key), norm_column(&c.da), norm_column(&c.en)].contains(&column))?
        .0;
    Some((r, c))
}

/// A typed number and its unit: `("53.5", 1 decimal, Some("%"))`.
fn parse_typed(text: &str) -> Option<(Decimal, u32, Option<&'static str>)> {
    let mut t = text.replace('\u{a0}', " ").trim().to_string();
    let mut unit = None;
    for (suffix, u) in [("%", "%"), ("kr.", "kr."), ("kr", "kr.")] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim().to_string();
            unit = Some(u);
            break;
        }
    }
    let t = t.replace(' ', "");
    // Danish when there is a decimal comma, more than one dot, or one dot
    // followed by exactly three digits (`50.974 kr.`: no figure is printed
    // with three decimals, so the dot groups thousands).
    let thousands = t.split_once('.').is_some_and(|(_, f)| f.len() == 3 && f.chars().all(|c| c.is_ascii_digit()));
    let danish = t.contains(',') || t.matches('.').count() > 1 || thousands;
    let plain = if danish { t.replace('.', "").replace(',', ".") } else { t };
    let digits = plain.strip_prefix('-').unwrap_or(&plain);
    let ok = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
        && !digits.starts_with('.')
        && !digits.ends_with('.');
    if !ok {
        return None;
    }
    let d: Decimal = plain.parse().ok()?;
    let dp = plain.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    Some((d, dp, unit))
}

/// The decimals the report prints a value with.
fn printed_dp(v: &Value) -> u32 {
    match v {
        Value::Money(_) => 2,
        Value::Percent(_, dp) | Value::Number(_, dp) => *dp,
        _ => 0,
    }
}

fn unit_of(v: &Value) -> Option<&'static str> {
    match v {
        Value::Money(_) => Some("kr."),
        Value::Percent(..) => Some("%"),
        _ => None,
    }
}

fn judge(typed: &str, computed: &Value) -> Verdict {
    if computed.is_hidden() {
        return Verdict::Suppressed;
    }
    let Some(exact) = computed.decimal() else { return Verdict::NoFigure };
    let Some((value, dp, unit)) = parse_typed(typed) else { return Verdict::NotANumber };
    if unit.is_some() && unit != unit_of(computed) {
        return Verdict::WrongUnit { computed: computed.clone() };
    }
    let printed = round(exact, printed_dp(computed));
    let same = if dp <= printed_dp(computed) { round(exact, dp) == value } else { printed == value };
    if same { Verdict::Agrees { computed: computed.clone() } } else { Verdict::Differs { computed: computed.clone() } }
}

/// Checks every typed figure against `tables`.
pub fn check(tables: &[Table], typed: &[Typed]) -> Vec<Checked> {
    typed
        .iter()
        .map(|t| {
            let parts: Vec<&str> = t.label.split(" / ").collect();
            let found = (1..parts.len()).find_map(|k| {
                let (row, column) = (parts[..k].join(" / "), parts[k..].join(" / "));
                tables.iter().find_map(|tb| find(tb, &row, &column).map(|(r, c)| (tb, r, c)))
            });
            match found {
                Some((tb, r, c)) => {
                    Checked { typed: t.clone(), table: Some(tb.name), verdict: judge(&t.value, &tb.rows[r][c]) }
                }
                None => {
                    let mut rows: Vec<String> = Vec::new();
                    let mut columns: Vec<String> = Vec::new();
                    for tb in tables {
                        for r in &tb.rows {
                            if let Some(Value::Text(l)) = r.first()
                                && !rows.contains(l)
                            {
                                rows.push(l.clone());
                            }
                        }
                        for c in tb.columns.iter().skip(1) {
                            if !columns.contains(&c.da) {
                                columns.push(c.da.clone());
                            }
                        }
                    }
                    Checked { typed: t.clone(), table: None, verdict: Verdict::UnknownLabel { rows, columns } }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{Money, Share};
    use crate::table::Column;
    use rust_decimal_macros::dec;

    fn status() -> Table {
        let pct = |a, b| Value::pct(Share::of(a, b), 1);
        Table {
            name: "status",
            title_en: String::new(),
            title_da: String::new(),
            columns: vec![
                Column::new("group", "Target group", "Målgruppe"),
                Column::sum("referred", "Referred", "Antal henviste"),
                Column::new("success_rate_pct", "Success rate", "Effekt i procent"),
            ],
            rows: vec![
                vec![Value::Text("Dagpenge".into()), Value::Int(92), pct(30, 56)],
                vec![Value::Text("Ledighedsydelse".into()), Value::Small(5), Value::Withheld],
                vec![Value::Text("I alt".into()), Value::Int(130), pct(40, 75)],
            ],
            total: Some(2),
        }
    }

    fn money() -> Table {
        Table {
            name: "money",
            title_en: String::new(),
            title_da: String::new(),
            columns: vec![Column::new("group", "", "Målgruppe"), Column::sum("earned", "Earned", "Optjent")],
            rows: vec![vec![Value::Text("I alt".into()), Value::Money(Money::parse("1339210.32").unwrap())]],
            total: Some(0),
        }
    }

    fn typed(lines: &[(&str, &str)]) -> Vec<Typed> {
        lines
            .iter()
            .enumerate()
            .map(|(i, (l, v))| Typed { line: i as u32 + 2, label: l.to_string(), value: v.to_string() })
            .collect()
    }

    #[test]
    fn the_minutes_53_5_is_flagged_and_their_table_agrees() {
        // The minutes' table: 40 / 75 = 53.33 %, printed 53,3 %; the prose
        // says 53,5 %.
        let list = typed(&[
            ("Samlet / Effekt i procent", "53,3 %"),
            ("Samlet / Succesrate", "53,5 %"),
            ("Dagpenge / Effekt i procent", "53,6 %"),
            ("Dagpenge / Antal henviste", "92"),
        ]);
        let out = check(&[status(), money()], &list);
        let flagged: Vec<u32> = out.iter().filter(|c| c.flagged()).map(|c| c.typed.line).collect();
        assert_eq!(flagged, [3], "{out:?}");
        assert_eq!(out[1].verdict, Verdict::Differs { computed: Value::Percent(dec!(53.3), 1) });
        assert_eq!(out[0].table, Some("status"));
    }

    #[test]
    fn rounding_units_and_unknown_labels() {
        let list = typed(&[
            ("I alt / Effekt i procent", "53 %"),
            ("I alt / Effekt i procent", "53,30 %"),
            ("I alt / Effekt i procent", "53,33 %"),
            ("i  ALT / optjent", "1.339.210,32 kr."),
            ("I alt / Optjent", "1.339.210 kr."),
            ("I alt / Optjent", "1339210.33"),
            ("I alt / Optjent", "1.339.210,32"),
            ("I alt / Optjent", "53,3 %"),
            ("Dagpenge / Besparelse", "1"),
            ("Ledighedsydelse / Antal henviste", "3"),
            ("Dagpenge / Antal henviste", "mange"),
        ]);
        let v: Vec<Verdict> = check(&[status(), money()], &list).into_iter().map(|c| c.verdict).collect();
        assert!(matches!(v[0], Verdict::Agrees { .. }), "53 is 53,3 rounded to whole percent");
        assert!(matches!(v[1], Verdict::Agrees { .. }), "53,30 is the printed 53,3");
        assert!(matches!(v[2], Verdict::Differs { .. }), "the report prints one decimal: 53,3");
        assert!(matches!(v[3], Verdict::Agrees { .. }));
        assert!(matches!(v[4], Verdict::Agrees { .. }));
        assert!(matches!(v[5], Verdict::Differs { .. }), "0,01 kr. off");
        assert!(matches!(v[6], Verdict::Agrees { .. }), "no unit typed: the number decides");
        assert!(matches!(v[7], Verdict::WrongUnit { .. }));
        assert!(matches!(&v[8], Verdict::UnknownLabel { columns, .. } if columns.contains(&"Optjent".to_string())));
        assert_eq!(v[9], Verdict::Suppressed);
        assert_eq!(v[10], Verdict::NotANumber);
        // A dot before three digits groups thousands: 50.974 kr. is 50,974.
        assert_eq!(parse_typed("50.974 kr."), Some((dec!(50974), 0, Some("kr."))));
        assert_eq!(parse_typed("118.195,5 kr."), Some((dec!(118195.5), 1, Some("kr."))));
        assert_eq!(parse_typed("53.5"), Some((dec!(53.5), 1, None)));
    }
}
