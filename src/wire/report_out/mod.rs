//! The committee figures as tables and JSON, for staff (every figure) or
//! for a reader under small-cell protection (`report::disclosure`). Pages,
//! CSV exports, the JSON API and the typed-figure check all read these same
//! tables, so they cannot disagree.
//!
//! The Danish labels are the minutes' own words where the minutes have a
//! table ("Antal henviste", "Afsluttet til job", "Effekt i procent",
//! "Ydelsesbesparelse pr. borger i job", …) and a municipal finance
//! officer's elsewhere.

mod counts;
mod economics;
mod json;

use crate::report::disclosure::{Count, Disclosure, Policy, Row};
use crate::report::suppress::Cell;
use crate::report::{GroupFigures, Portfolio};
use crate::table::{Column, Table, Value};

/// The tables, by the name used in `?table=`.
pub const TABLES: &[&str] = &["status", "jobs", "money", "case", "realised", "results", "indicators", "series"];

/// A portfolio as a reader may see it.
pub struct ReportView<'a> {
    pub p: &'a Portfolio,
    /// `Some` for a reader under small-cell protection.
    pub disclosure: Option<Disclosure>,
    policy: Option<Policy>,
    /// False when the figures come from course files alone: without the
    /// ledger, what was paid is unknown, not 0 ([`ReportView::without_payments`]).
    payments_known: bool,
}

/// A table and which portfolio row each of its rows shows.
pub(crate) struct Built {
    pub table: Table,
    pub rows: Vec<Row>,
}

impl<'a> ReportView<'a> {
    /// Every figure, or (`committee`) the default protection.
    pub fn new(p: &'a Portfolio, committee: bool) -> ReportView<'a> {
        ReportView::with_policy(p, committee.then(Policy::default).as_ref())
    }

    /// Under `policy`, or every figure without one.
    pub fn with_policy(p: &'a Portfolio, policy: Option<&Policy>) -> ReportView<'a> {
        ReportView {
            p,
            disclosure: policy.map(|pol| Disclosure::new(p, pol)),
            policy: policy.cloned(),
            payments_known: true,
        }
    }

    /// For figures computed without the ledger (course files): the cells
    /// that need the payments (paid, approved, not invoiced, at risk, paid
    /// per citizen in job, the series' payments) say "unknown".
    pub fn without_payments(mut self) -> ReportView<'a> {
        self.payments_known = false;
        self
    }

    pub fn payments_known(&self) -> bool {
        self.payments_known
    }

    /// A figure computed from the ledger: "unknown" when there is none.
    pub(crate) fn paid(&self, da: bool, v: Value) -> Value {
        if self.payments_known { v } else { Value::Text(if da { "ukendt" } else { "unknown" }.into()) }
    }

    /// The policy the view was made under.
    pub fn policy(&self) -> Option<&Policy> {
        self.policy.as_ref()
    }

    pub fn masked(&self) -> bool {
        self.disclosure.is_some()
    }

    pub fn threshold(&self) -> Option<u64> {
        self.disclosure.as_ref().map(|d| d.threshold)
    }

    pub(crate) fn figures(&self, row: Row) -> &'a GroupFigures {
        match row {
            Row::Group(i) => &self.p.groups[i],
            Row::Total => &self.p.total,
            Row::Covered => &self.p.covered,
        }
    }

    /// Each group, then the total.
    pub(crate) fn rows(&self) -> Vec<Row> {
        (0..self.p.groups.len()).map(Row::Group).chain([Row::Total]).collect()
    }

    pub(crate) fn label(&self, row: Row, da: bool) -> String {
        match (row, da) {
            (Row::Group(i), _) => self.p.groups[i].label.clone(),
            (Row::Total, true) => "I alt".into(),
            (Row::Total, false) => "Total".into(),
            (Row::Covered, true) => "I alt, målgrupper med estimat".into(),
            (Row::Covered, false) => "Total, groups with an estimate".into(),
        }
    }

    /// Whether group `i`'s amounts (and the what-if's rates from them) are
    /// withheld from this reader.
    pub fn amounts_withheld(&self, row: Row) -> bool {
        self.disclosure.as_ref().is_some_and(|d| d.amounts_withheld(row))
    }

    /// A count, as this reader may see it.
    pub(crate) fn count(&self, row: Row, c: Count, n: u64) -> Value {
        match self.disclosure.as_ref().map_or(Cell::Shown(n), |d| d.count(row, c, n)) {
            Cell::Shown(n) => Value::Int(n),
            Cell::Small => Value::Small(self.threshold().unwrap_or(0)),
            Cell::Hidden => Value::Hidden,
        }
    }

    /// A figure computed from the row's amounts.
    pub(crate) fn amount(&self, row: Row, v: Value) -> Value {
        if self.amounts_withheld(row) { Value::Withheld } else { v }
    }

    /// A figure withheld when `withheld` says so.
    pub(crate) fn unless(&self, withheld: impl Fn(&Disclosure) -> bool, v: Value) -> Value {
        if self.disclosure.as_ref().is_some_and(withheld) { Value::Withheld } else { v }
    }

    pub(crate) fn group_col() -> Column {
        Column::new("group", "Target group", "Målgruppe")
    }

    pub(crate) fn date(&self, da: bool) -> String {
        if da { self.p.as_of.format("%d.%m.%Y").to_string() } else { self.p.as_of.to_string() }
    }

    pub(crate) fn built(&self, name: &str, da: bool) -> Option<Built> {
        Some(match name {
            "status" => self.status(da),
            "jobs" => self.jobs(da),
            "money" => self.money(da),
            "case" => self.case(da),
            "realised" => self.realised(da),
            "results" => self.results(da),
            "indicators" => self.indicators(da),
            "series" => self.series(da),
            _ => return None,
        })
    }

    pub fn table(&self, name: &str, da: bool) -> Option<Table> {
        self.built(name, da).map(|b| b.table)
    }

    /// Every table (Danish or English labels), in [`TABLES`] order.
    pub fn tables(&self, da: bool) -> Vec<Table> {
        TABLES.iter().filter_map(|n| self.table(n, da)).collect()
    }

    pub fn status_table(&self, da: bool) -> Table {
        self.status(da).table
    }

    pub fn money_table(&self, da: bool) -> Table {
        self.money(da).table
    }
}
