//! The parts of a contract file only an in-house option has: the `[cost]`
//! table, and milestones without amounts.

use rust_decimal::Decimal;

use super::{Cx, Entry, NodeValue, line_of, money, obj, percent, quantity};
use crate::contract::InHouseCost;
use crate::money::{Money, danish_decimal};

const COST: &[&str] = &["staff_years", "cost_per_staff_year", "overhead_pct", "caseload"];

/// Bounds far above any team, so that a typo (an extra digit or five) is
/// caught and no product of them can overflow a decimal.
const MAX_STAFF_YEARS: i64 = 10_000;
const MAX_CASELOAD: i64 = 100_000;
const MAX_COST_PER_STAFF_YEAR: i64 = 100_000_000;

fn at_most(v: Option<Decimal>, max: i64, field: &str, e: Option<&Entry>, cx: &mut Cx) -> Option<Decimal> {
    let v = v?;
    if v > Decimal::from(max) {
        cx.said(
            field,
            e.and_then(line_of),
            format!("must be at most {max}, found {v}"),
            format!("må højst være {}, men er {}", danish_decimal(Decimal::from(max), 0), danish_decimal(v, v.scale())),
        );
        return None;
    }
    Some(v)
}

/// `[cost]`: staff-years, cost per staff-year, overhead (a percentage of
/// pay, default 0) and caseload (citizens a staff-year takes through a
/// course in a year).
pub(super) fn cost(e: Option<&Entry>, cx: &mut Cx) -> Option<InHouseCost> {
    let mut o = obj(&e?.node, "cost", cx)?;
    let staff = o.req("staff_years", cx, "full-time staff on the team, e.g. 2 or \"1.5\"");
    let staff_years = staff.and_then(|e| quantity(e, "cost.staff_years", cx));
    let staff_years = at_most(staff_years, MAX_STAFF_YEARS, "cost.staff_years", staff, cx);
    let pay = o.req("cost_per_staff_year", cx, "the cost of one staff-year, e.g. \"600000.00\"");
    let cost_per_staff_year = pay.and_then(|e| {
        let m = money(e, "cost.cost_per_staff_year", cx)?;
        if !m.is_positive() {
            cx.said(
                "cost.cost_per_staff_year",
                line_of(e),
                format!("must be positive, found {m}"),
                format!("skal være positivt, men er {} kr.", m.danish()),
            );
            return None;
        }
        if m > Money::kr(MAX_COST_PER_STAFF_YEAR) {
            cx.said(
                "cost.cost_per_staff_year",
                line_of(e),
                format!("must be at most {MAX_COST_PER_STAFF_YEAR}, found {m}"),
                format!("må højst være {} kr., men er {} kr.", Money::kr(MAX_COST_PER_STAFF_YEAR).danish(), m.danish()),
            );
            return None;
        }
        Some(m)
    });
    let overhead = match o.opt("overhead_pct") {
        None => Some(crate::money::Share::from_ratio(Decimal::ZERO)),
        Some(e) => percent(e, "cost.overhead_pct", cx),
    };
    let load = o.req("caseload", cx, "citizens one staff-year takes through a course in a year, e.g. 60");
    let caseload = load.and_then(|e| quantity(e, "cost.caseload", cx));
    let caseload = at_most(caseload, MAX_CASELOAD, "cost.caseload", load, cx);
    o.finish(cx, COST);
    Some(InHouseCost {
        staff_years: staff_years?,
        cost_per_staff_year: cost_per_staff_year?,
        overhead: overhead?,
        caseload: caseload?,
    })
}

/// An in-house milestone's amount: none, or 0; the team is paid by its
/// cost, not per result.
pub(super) fn unpaid(e: Option<&Entry>, path: &str, cx: &mut Cx) -> Option<Money> {
    let Some(e) = e else { return Some(Money::ZERO) };
    let zero = match &e.node.value {
        NodeValue::Int(0) => true,
        NodeValue::Str(s) => Money::parse(s).is_ok_and(|m| m.is_zero()),
        _ => false,
    };
    if zero {
        Some(Money::ZERO)
    } else {
        cx.said(
            &format!("{path}.amount"),
            line_of(e),
            "an in-house option is paid by its [cost], not per milestone; leave the amount out",
            "egen drift betales efter sine omkostninger i `[cost]`, ikke pr. milepæl; udelad beløbet",
        );
        None
    }
}
