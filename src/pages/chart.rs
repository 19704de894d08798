//! The committee chart, drawn on the server as SVG: cumulative payments
//! against cumulative realised savings, month by month. Readable when
//! printed in black and white: payments are a solid line with squares,
//! savings a dashed line with circles, and both are named in a legend and
//! in the text alternative.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::committee_text::Text;
use crate::lang::Lang;
use crate::money::{Money, danish_decimal};
use crate::report::MonthPoint;
use crate::table::{Value, english_decimal, esc};

const W: i64 = 760;
const H: i64 = 340;
const LEFT: i64 = 96;
const RIGHT: i64 = 24;
const TOP: i64 = 40;
const BOTTOM: i64 = 56;

/// A round top for the axis: 1, 2 or 5 times a power of ten, at least `max`.
fn nice_top(max: Decimal) -> Decimal {
    if max <= Decimal::ZERO {
        return Decimal::from(1000);
    }
    let mut step = Decimal::ONE;
    while step * Decimal::TEN <= max {
        step *= Decimal::TEN;
    }
    for m in [1, 2, 5, 10] {
        let top = step * Decimal::from(m);
        if top >= max {
            return top;
        }
    }
    step * Decimal::TEN
}

fn axis_label(value: Decimal, t: &Text) -> String {
    let thousands = value / Decimal::from(1000);
    t.axis(&match t.lang {
        Lang::Da => danish_decimal(thousands, 0),
        Lang::En => english_decimal(thousands, 0),
    })
}

fn month_label(d: NaiveDate, first: bool, t: &Text) -> String {
    let name = t.months[d.month0() as usize];
    if d.month() == 1 || first { format!("{name} {}", d.year()) } else { name.to_string() }
}

/// Pixel position of an amount (rounded to whole pixels for the drawing).
fn y_of(v: Money, top: Decimal) -> i64 {
    let plot = Decimal::from(H - TOP - BOTTOM);
    let y = Decimal::from(H - BOTTOM) - plot * v.as_decimal() / top;
    y.round().to_i64().unwrap_or(H - BOTTOM)
}

/// The chart; without `savings` (withheld from the reader) only the
/// payments are drawn.
pub fn svg(points: &[MonthPoint], t: &Text, savings: bool) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"
    );
    let kr = |m: Money| Value::Money(m.rounded()).human(t.lang);
    let desc = match points.last() {
        Some(p) => t.chart_desc(p.month_end, &kr(p.paid), savings.then(|| kr(p.savings)).as_deref()),
        None => t.chart_empty.to_string(),
    };
    let _ = write!(
        s,
        "<title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc>",
        esc(t.chart_title),
        esc(&desc)
    );
    let _ = write!(s, "<rect x=\"0\" y=\"0\" width=\"{W}\" height=\"{H}\" fill=\"#fff\"/>");
    let shown = |p: &MonthPoint| if savings { p.paid.max(p.savings) } else { p.paid };
    let max = points.iter().map(|p| shown(p).as_decimal()).max().unwrap_or_default();
    let top = nice_top(max);
    // Horizontal grid and amounts.
    for k in 0..=4 {
        let v = Money::from_decimal(top * Decimal::from(k) / Decimal::from(4));
        let y = y_of(v, top);
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#d0d7de\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            W - RIGHT,
            LEFT - 8,
            y + 4,
            esc(&axis_label(v.as_decimal(), t))
        );
    }
    let n = points.len().max(1) as i64;
    let x_of = |i: usize| -> i64 {
        if n == 1 { (LEFT + W - RIGHT) / 2 } else { LEFT + (W - LEFT - RIGHT) * i as i64 / (n - 1) }
    };
    // At most about twelve month labels, so that they never overlap.
    let every = points.len().div_ceil(12).max(1);
    for (i, p) in points.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let x = x_of(i);
        let _ = write!(
            s,
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" stroke=\"#1b1f24\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            H - BOTTOM,
            H - BOTTOM + 5,
            H - BOTTOM + 20,
            esc(&month_label(p.month_end, i == 0, t))
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#1b1f24\"/>",
        W - RIGHT,
        H - BOTTOM,
        H - BOTTOM
    );
    // The two series.
    let line = |values: &dyn Fn(&MonthPoint) -> Money| -> String {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{},{}", x_of(i), y_of(values(p), top)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if savings {
        let _ = write!(
            s,
            "<polyline data-series=\"savings\" fill=\"none\" stroke=\"#1b6e3a\" stroke-width=\"2.5\" stroke-dasharray=\"7 4\" points=\"{}\"/>",
            line(&|p| p.savings)
        );
    }
    let _ = write!(
        s,
        "<polyline data-series=\"paid\" fill=\"none\" stroke=\"#102a43\" stroke-width=\"2.5\" points=\"{}\"/>",
        line(&|p| p.paid)
    );
    for (i, p) in points.iter().enumerate() {
        let x = x_of(i);
        if savings {
            let _ = write!(
                s,
                "<circle cx=\"{x}\" cy=\"{}\" r=\"3.5\" fill=\"#fff\" stroke=\"#1b6e3a\" stroke-width=\"2\"/>",
                y_of(p.savings, top)
            );
        }
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"#102a43\"/>",
            x - 3,
            y_of(p.paid, top) - 3
        );
    }
    // Legend.
    let ly = 18;
    let _ = write!(
        s,
        "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"#102a43\" stroke-width=\"2.5\"/><rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"#102a43\"/><text x=\"{}\" y=\"{}\">{}</text>",
        LEFT + 28,
        LEFT + 11,
        ly - 3,
        LEFT + 36,
        ly + 4,
        esc(t.chart_paid)
    );
    let lx = LEFT + 300;
    if !savings {
        s.push_str("</svg>");
        return s;
    }
    let _ = write!(
        s,
        "<line x1=\"{lx}\" x2=\"{}\" y1=\"{ly}\" y2=\"{ly}\" stroke=\"#1b6e3a\" stroke-width=\"2.5\" stroke-dasharray=\"7 4\"/><circle cx=\"{}\" cy=\"{ly}\" r=\"3.5\" fill=\"#fff\" stroke=\"#1b6e3a\" stroke-width=\"2\"/><text x=\"{}\" y=\"{}\">{}</text>",
        lx + 28,
        lx + 14,
        lx + 36,
        ly + 4,
        esc(t.chart_saved)
    );
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_axis_tops_out_at_a_round_figure() {
        assert_eq!(nice_top(dec!(1339628.15)), dec!(2000000));
        assert_eq!(nice_top(dec!(450000)), dec!(500000));
        assert_eq!(nice_top(dec!(100000)), dec!(100000));
        assert_eq!(nice_top(Decimal::ZERO), dec!(1000));
    }

    #[test]
    fn both_series_are_drawn_and_named() {
        let pts = [
            MonthPoint { month_end: d(2025, 12, 31), paid: Money::kr(0), savings: Money::kr(0) },
            MonthPoint { month_end: d(2026, 1, 31), paid: Money::kr(500000), savings: Money::kr(1000000) },
        ];
        let s = svg(&pts, &super::super::committee_text::DA, true);
        assert!(s.contains("role=\"img\"") && s.contains("<title id=\"chart-title\">"));
        assert!(s.contains("Udbetalt til leverandøren") && s.contains("Realiserede ydelsesbesparelser"));
        assert!(s.contains("jan 2026"));
        assert!(s.contains("Pr. 31.01.2026: udbetalt 500.000,00 kr., realiseret besparelse 1.000.000,00 kr."));
        // The top of the axis is 1,000,000: savings at the top, paid half way.
        let plot_top = TOP;
        let half = (H - BOTTOM + TOP) / 2;
        assert!(s.contains(&format!("points=\"{LEFT},{} {},{plot_top}\"", H - BOTTOM, W - RIGHT)), "{s}");
        assert!(s.contains(&format!("{},{half}\"", W - RIGHT)), "{s}");
        // Withheld savings: only the payments, scaled to them.
        let s = svg(&pts, &super::super::committee_text::DA, false);
        assert!(!s.contains("data-series=\"savings\"") && !s.contains("Realiserede ydelsesbesparelser"));
        assert!(s.contains(&format!("{},{plot_top}\"", W - RIGHT)), "{s}");
    }
}
