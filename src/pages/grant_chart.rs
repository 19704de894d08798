//! The grant page's chart, drawn on the server as SVG: the monthly share in
//! work or education as a solid line with squares, and a dashed line at
//! each band's lower edge above 0 % (50 % and 55 % for Ungeløftet), each
//! labelled; readable printed in black and white. The running month's
//! point is open (not filled): it secures nothing yet.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::grant::Grant;
use crate::grant::report::GrantReport;
use crate::lang::Lang;
use crate::table::{Value, esc};

const W: i64 = 760;
const H: i64 = 300;
const LEFT: i64 = 56;
const RIGHT: i64 = 24;
const TOP: i64 = 24;
const BOTTOM: i64 = 48;

fn y_of(pct: Decimal) -> i64 {
    let plot = Decimal::from(H - TOP - BOTTOM);
    (Decimal::from(H - BOTTOM) - plot * pct / Decimal::ONE_HUNDRED).round().to_i64().unwrap_or(H - BOTTOM)
}

/// The chart; `hidden` months (small cells for this reader) are left out.
pub fn svg(g: &Grant, r: &GrantReport, lang: Lang, hidden: &[bool]) -> String {
    let n = r.months.len().max(1) as i64;
    let step = (W - LEFT - RIGHT) / n.max(1);
    let x_of = |i: usize| LEFT + step / 2 + step * i as i64;
    let mut s = String::new();
    let desc = lang.pick(
        "The share of participants in work or education by month, with the band edges as dashed lines.",
        "Andelen af deltagere i beskæftigelse eller uddannelse pr. måned, med intervallernes grænser som stiplede linjer.",
    );
    let _ = write!(
        s,
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" xmlns=\"http://www.w3.org/2000/svg\" font-size=\"12\">",
        esc(desc)
    );
    for pct in [0, 25, 50, 75, 100] {
        let y = y_of(Decimal::from(pct));
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#c9d1d9\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{pct} %</text>",
            W - RIGHT,
            LEFT - 6,
            y + 4
        );
    }
    for b in g.bands.iter().filter(|b| b.from_pct > Decimal::ZERO) {
        let y = y_of(b.from_pct);
        let label = Value::Percent(b.from_pct, b.from_pct.normalize().scale()).human(lang);
        let _ = write!(
            s,
            "<line data-edge=\"{}\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#1b1f24\" stroke-dasharray=\"6 4\"/><text x=\"{}\" y=\"{}\" text-anchor=\"start\">{}</text>",
            b.from_pct.normalize(),
            W - RIGHT,
            LEFT + 4,
            y - 4,
            esc(&label)
        );
    }
    let mut points = Vec::new();
    for (i, m) in r.months.iter().enumerate() {
        if hidden.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(share) = m.share() else { continue };
        points.push((i, y_of(share.ratio() * Decimal::ONE_HUNDRED), m.complete));
    }
    let line: Vec<String> = points.iter().map(|(i, y, _)| format!("{},{y}", x_of(*i))).collect();
    let _ = write!(
        s,
        "<polyline data-series=\"share\" fill=\"none\" stroke=\"#0b5cad\" stroke-width=\"2\" points=\"{}\"/>",
        line.join(" ")
    );
    for (i, y, complete) in &points {
        let fill = if *complete { "#0b5cad" } else { "#fff" };
        let _ = write!(
            s,
            "<rect x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" fill=\"{fill}\" stroke=\"#0b5cad\"/>",
            x_of(*i) - 3,
            y - 3
        );
    }
    let every = (r.months.len() / 12).max(1);
    for (i, m) in r.months.iter().enumerate() {
        if i % every == 0 {
            let label = crate::wire::grant_out::month_short(m.month, lang);
            let _ =
                write!(s, "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{label}</text>", x_of(i), H - BOTTOM + 18);
        }
    }
    s.push_str("</svg>");
    s
}
