//! Totals that equal the sum of their rows: the check every report table
//! must pass (`tests/report_properties.rs` runs it over every table, on the
//! demo and on random portfolios).

use rust_decimal::Decimal;

use crate::table::{Table, Value};

/// Where a table's rows do not add up to its total: one line per summed
/// column whose total is not the sum of the rows before the total row.
/// Suppressed cells are skipped (a reader cannot add them up). The report's
/// tests run it over every table.
pub fn sum_problems(table: &Table) -> Vec<String> {
    let Some(t) = table.total else { return Vec::new() };
    let mut out = Vec::new();
    for (c, col) in table.columns.iter().enumerate().filter(|(_, c)| c.summed) {
        let cells: Vec<&Value> = table.rows[..t].iter().filter_map(|r| r.get(c)).collect();
        let Some(total) = table.rows.get(t).and_then(|r| r.get(c)) else { continue };
        if total.is_hidden() || cells.iter().any(|v| v.is_hidden()) {
            continue;
        }
        let sum: Decimal = cells.iter().filter_map(|v| v.decimal()).sum();
        match total.decimal() {
            Some(d) if d == sum => {}
            Some(d) => out.push(format!("{}: {}: the rows sum to {sum}, the total is {d}", table.name, col.key)),
            None if cells.iter().all(|v| v.decimal().is_none()) => {}
            None => out.push(format!("{}: {}: the total is not a number", table.name, col.key)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Money;
    use crate::table::Column;
    use rust_decimal_macros::dec;

    #[test]
    fn a_total_that_is_not_the_sum_of_its_rows_is_found() {
        let t = |total: &str| Table {
            name: "realised",
            title_en: String::new(),
            title_da: String::new(),
            columns: vec![Column::new("group", "", ""), Column::sum("savings", "", ""), Column::new("rate", "", "")],
            rows: vec![
                vec![
                    Value::Text("a".into()),
                    Value::Money(Money::parse("1146966.63").unwrap()),
                    Value::Percent(dec!(1), 1),
                ],
                vec![
                    Value::Text("b".into()),
                    Value::Money(Money::parse("192243.69").unwrap()),
                    Value::Percent(dec!(2), 1),
                ],
                vec![
                    Value::Text("I alt".into()),
                    Value::Money(Money::parse(total).unwrap()),
                    Value::Percent(dec!(9), 1),
                ],
                vec![Value::Text("apart".into()), Value::Money(Money::kr(7)), Value::Missing],
            ],
            total: Some(2),
        };
        // 1,146,966.63 + 192,243.69 = 1,339,210.32; the rate is not summed;
        // the row after the total is apart from it.
        assert!(sum_problems(&t("1339210.32")).is_empty());
        let p = sum_problems(&t("1339210.33"));
        assert_eq!(p, ["realised: savings: the rows sum to 1339210.32, the total is 1339210.33"]);
    }
}
