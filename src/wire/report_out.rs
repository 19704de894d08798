//! The committee figures as tables and JSON, for staff (every figure) or
//! for a committee (small cells hidden, see `report::disclosure`). Pages,
//! CSV exports and the JSON API all read these same tables.

use rust_decimal::Decimal;
use serde_json::{Map, json};

use crate::report::disclosure::{self, Cell, Masked, THRESHOLD};
use crate::report::{GroupFigures, Portfolio};
use crate::table::{Column, Table, Value};

/// A portfolio as a reader may see it.
pub struct ReportView<'a> {
    pub p: &'a Portfolio,
    /// `Some` for committees: small cells hidden.
    pub mask: Option<Masked>,
    /// False when the figures come from course files alone: without the
    /// ledger, what was paid is unknown, not 0 ([`ReportView::without_payments`]).
    payments_known: bool,
}

/// The tables, by the name used in `?table=`.
pub const TABLES: &[&str] = &["status", "money", "case", "realised", "indicators", "series"];

impl<'a> ReportView<'a> {
    pub fn new(p: &'a Portfolio, committee: bool) -> ReportView<'a> {
        let mask = committee.then(|| {
            let counts: Vec<_> = p.groups.iter().map(|g| g.counts).collect();
            disclosure::mask(&counts, &p.total.counts)
        });
        ReportView { p, mask, payments_known: true }
    }

    /// For figures computed without the ledger (course files): the cells
    /// that need the payments (paid, approved, not invoiced, cost per
    /// citizen in work, the series' payments) say "unknown".
    pub fn without_payments(mut self) -> ReportView<'a> {
        self.payments_known = false;
        self
    }

    pub fn payments_known(&self) -> bool {
        self.payments_known
    }

    /// A figure computed from the ledger: "unknown" when there is none.
    fn paid(&self, da: bool, v: Value) -> Value {
        if self.payments_known { v } else { Value::Text(if da { "ukendt" } else { "unknown" }.into()) }
    }

    pub fn masked(&self) -> bool {
        self.mask.is_some()
    }

    /// Rows: each group, then the total (`None`).
    fn rows(&self) -> impl Iterator<Item = (Option<usize>, &'a GroupFigures)> + 'a {
        let p = self.p;
        p.groups.iter().enumerate().map(|(i, g)| (Some(i), g)).chain(std::iter::once((None, &p.total)))
    }

    fn label(&self, g: &GroupFigures, da: bool) -> String {
        match (&g.id, da) {
            (Some(_), _) => g.label.clone(),
            (None, true) => "I alt".into(),
            (None, false) => "Total".into(),
        }
    }

    /// Whether a row's derived figures are hidden.
    pub fn hidden(&self, row: Option<usize>) -> bool {
        match (&self.mask, row) {
            (None, _) => false,
            (Some(m), Some(i)) => m.group_hidden[i],
            (Some(m), None) => m.total_hidden,
        }
    }

    fn status_cell(&self, row: Option<usize>, g: &GroupFigures, k: usize) -> Value {
        let cell = match (&self.mask, row) {
            (None, _) => Cell::Shown(g.counts.cells()[k]),
            (Some(m), Some(i)) => m.groups[i][k],
            (Some(m), None) => m.total[k],
        };
        match cell {
            Cell::Shown(n) => Value::Int(n),
            Cell::Small => Value::Small,
            Cell::Hidden => Value::Hidden,
        }
    }

    /// A derived figure: hidden with its row.
    fn derived(&self, row: Option<usize>, v: Value) -> Value {
        if self.hidden(row) { Value::Small } else { v }
    }

    /// A count that is not in the status table: hidden with its row, and on
    /// its own when it is 1 to 4.
    fn count(&self, row: Option<usize>, n: u64) -> Value {
        if self.hidden(row) || (self.masked() && (1..THRESHOLD).contains(&n)) { Value::Small } else { Value::Int(n) }
    }

    fn group_col() -> Column {
        Column::new("group", "Target group", "Målgruppe")
    }

    pub fn status_table(&self, da: bool) -> Table {
        let rows = self
            .rows()
            .map(|(r, g)| {
                let mut row = vec![Value::Text(self.label(g, da))];
                row.extend((0..5).map(|k| self.status_cell(r, g, k)));
                let rate = self.derived(r, Value::pct(g.counts.success_rate(), 1));
                let rate_hidden =
                    self.masked() && (self.status_cell(r, g, 2).is_hidden() || self.status_cell(r, g, 3).is_hidden());
                row.push(if rate_hidden { Value::Small } else { rate });
                row
            })
            .collect();
        Table {
            name: "status",
            title_en: format!("Status as of {}", self.p.as_of),
            title_da: format!("Status pr. {}", self.p.as_of.format("%d.%m.%Y")),
            columns: vec![
                Self::group_col(),
                Column::new("referred", "Referred", "Henviste"),
                Column::new("ongoing", "Ongoing", "Igangværende"),
                Column::new("ended_job", "Ended in job", "Afsluttet i job"),
                Column::new("ended_no_job", "Ended without job", "Afsluttet uden job"),
                Column::new("interrupted", "Interrupted", "Afbrudt"),
                Column::new("success_rate_pct", "Success rate", "Effekt"),
            ],
            rows,
        }
    }

    pub fn money_table(&self, da: bool) -> Table {
        let rows = self
            .rows()
            .map(|(r, g)| {
                let m = &g.money;
                vec![
                    Value::Text(self.label(g, da)),
                    self.derived(r, Value::Money(m.earned)),
                    self.paid(da, self.derived(r, Value::Money(m.paid))),
                    self.paid(da, self.derived(r, Value::Money(m.approved_unpaid))),
                    self.paid(da, self.derived(r, Value::Money(m.earned_uninvoiced))),
                    self.derived(r, Value::Money(m.liability)),
                ]
            })
            .collect();
        Table {
            name: "money",
            title_en: "Payments".into(),
            title_da: "Betalinger".into(),
            columns: vec![
                Self::group_col(),
                Column::new("earned", "Earned (milestones achieved)", "Optjent (opnåede rater)"),
                Column::new("paid", "Paid", "Udbetalt"),
                Column::new("approved_unpaid", "Approved, not yet paid", "Godkendt, ikke udbetalt"),
                Column::new("earned_uninvoiced", "Earned, not yet invoiced", "Optjent, ikke faktureret"),
                Column::new("liability", "Most still payable on open courses", "Højst endnu til betaling"),
            ],
            rows,
        }
    }

    /// The contract's estimate per citizen in job, per target group (no
    /// total: the estimates are per group).
    pub fn case_table(&self, da: bool) -> Table {
        let rows = self
            .rows()
            .filter(|(r, _)| r.is_some())
            .map(|(_, g)| {
                let c = g.case.as_ref();
                vec![
                    Value::Text(self.label(g, da)),
                    Value::money(c.map(|c| c.benefit_saving)),
                    Value::money(c.map(|c| c.supplier_cost)),
                    Value::money(c.map(|c| c.fleksjob_subsidy)),
                    Value::money(c.map(|c| c.saving_potential)),
                    c.and_then(|c| c.months_to_break_even).map_or(Value::Missing, |m| Value::Number(m, 2)),
                    Value::pct(c.and_then(|c| c.deadweight_break_even), 2),
                ]
            })
            .collect();
        Table {
            name: "case",
            title_en: "Investment case: the estimate per citizen in job".into(),
            title_da: "Investeringscase: estimat pr. borger i job".into(),
            columns: vec![
                Self::group_col(),
                Column::new(
                    "benefit_saving",
                    "Benefit saving per citizen in job",
                    "Ydelsesbesparelse pr. borger i job",
                ),
                Column::new("supplier_cost", "Supplier cost", "Omkostning til leverandør"),
                Column::new("fleksjob_subsidy", "Fleksjob subsidy", "Fleksjobtilskud"),
                Column::new("saving_potential", "Saving potential per citizen", "Besparelsespotentiale pr. borger"),
                Column::new("months_to_break_even", "Months of work to break even", "Måneders job før break-even"),
                Column::new(
                    "deadweight_estimated_pct",
                    "Deadweight break-even (estimate)",
                    "Dødvægt ved break-even (estimat)",
                ),
            ],
            rows,
        }
    }

    /// What the events show, against what the supplier earned.
    pub fn realised_table(&self, da: bool) -> Table {
        let rows = self
            .rows()
            .map(|(r, g)| {
                let re = &g.realised;
                let starts = Decimal::from(re.job_starts);
                let months = (!starts.is_zero() && re.savings.is_some()).then(|| re.months_saved / starts);
                vec![
                    Value::Text(self.label(g, da)),
                    self.count(r, re.job_starts),
                    self.derived(r, months.map_or(Value::Missing, |m| Value::Number(m, 2))),
                    self.derived(r, Value::money(re.savings)),
                    self.derived(r, if re.savings.is_some() { Value::Money(re.cost) } else { Value::Missing }),
                    self.derived(r, Value::money(re.net_result())),
                    self.derived(r, Value::pct(re.deadweight_break_even(), 2)),
                ]
            })
            .collect();
        Table {
            name: "realised",
            title_en: "What the events show: realised savings against what the supplier earned".into(),
            title_da: "Hvad hændelserne viser: realiserede besparelser mod det, leverandøren har optjent".into(),
            columns: vec![
                Self::group_col(),
                Column::new("job_starts", "Job starts", "Jobstarter"),
                Column::new("months_saved_per_job_start", "Months saved per job start", "Sparede måneder pr. jobstart"),
                Column::new("realised_savings", "Realised savings", "Realiseret besparelse"),
                Column::new("earned", "Earned by the supplier", "Optjent af leverandøren"),
                Column::new("net_result", "Net result to date", "Nettoresultat til dato"),
                Column::new(
                    "deadweight_realised_pct",
                    "Deadweight break-even (realised)",
                    "Dødvægt ved break-even (realiseret)",
                ),
            ],
            rows,
        }
    }

    pub fn indicators_table(&self, da: bool) -> Table {
        let rows = self
            .rows()
            .map(|(r, g)| {
                let i = &g.indicators;
                let share_hidden = self.masked() && [i.due_6m, i.in_work_6m].iter().any(|n| (1..THRESHOLD).contains(n));
                vec![
                    Value::Text(self.label(g, da)),
                    self.count(r, i.due_6m),
                    self.count(r, i.in_work_6m),
                    if share_hidden { Value::Small } else { self.derived(r, Value::pct(i.share_in_work_6m(), 1)) },
                    self.paid(da, self.derived(r, Value::money(g.cost_per_job()))),
                ]
            })
            .collect();
        Table {
            name: "indicators",
            title_en: "Result indicators (the 2026 reform)".into(),
            title_da: "Resultatindikatorer (reformen 2026)".into(),
            columns: vec![
                Self::group_col(),
                Column::new("referred_6m_ago", "Referred 6 months or more ago", "Henvist for mindst 6 måneder siden"),
                Column::new("in_work_6m", "In work 6 months after referral", "I arbejde 6 måneder efter henvisning"),
                Column::new("share_in_work_6m_pct", "Share in work after 6 months", "Andel i arbejde efter 6 måneder"),
                Column::new(
                    "cost_per_job",
                    "Cost per citizen in work (paid / ended in job)",
                    "Enhedsomkostning pr. borger i job",
                ),
            ],
            rows,
        }
    }

    pub fn series_table(&self, da: bool) -> Table {
        let hidden = self.hidden(None);
        let rows = self
            .p
            .series
            .iter()
            .map(|m| {
                let v = |x| if hidden { Value::Small } else { Value::Money(x) };
                vec![Value::Date(m.month_end), self.paid(da, v(m.paid)), v(m.savings)]
            })
            .collect();
        Table {
            name: "series",
            title_en: "Cumulative payments and realised savings by month".into(),
            title_da: "Akkumulerede betalinger og realiserede besparelser pr. måned".into(),
            columns: vec![
                Column::new("month_end", "Month end", "Månedens udgang"),
                Column::new("paid", "Paid", "Udbetalt"),
                Column::new("savings", "Realised savings", "Realiseret besparelse"),
            ],
            rows,
        }
    }

    pub fn table(&self, name: &str, da: bool) -> Option<Table> {
        Some(match name {
            "status" => self.status_table(da),
            "money" => self.money_table(da),
            "case" => self.case_table(da),
            "realised" => self.realised_table(da),
            "indicators" => self.indicators_table(da),
            "series" => self.series_table(da),
            _ => return None,
        })
    }

    /// The JSON document: one object per group and the total, each with the
    /// tables' columns by key.
    pub fn json(&self) -> serde_json::Value {
        let tables = [
            self.status_table(false),
            self.money_table(false),
            self.case_table(false),
            self.realised_table(false),
            self.indicators_table(false),
        ];
        let mut rows: Vec<Map<String, serde_json::Value>> = Vec::new();
        for (i, (_, g)) in self.rows().enumerate() {
            let mut obj = Map::new();
            obj.insert("id".into(), json!(g.id));
            obj.insert("label".into(), json!(self.label(g, false)));
            for t in &tables {
                // The estimate table has no total row.
                let Some(row) = t.rows.get(i) else { continue };
                let mut section = Map::new();
                for (c, v) in t.columns.iter().zip(row).skip(1) {
                    section.insert(c.key.into(), serde_json::to_value(v).unwrap_or_default());
                }
                obj.insert(t.name.into(), section.into());
            }
            let achieved: Map<String, serde_json::Value> = self
                .p
                .milestones
                .iter()
                .zip(&g.realised.achieved)
                .map(|((id, _, _), n)| {
                    (id.clone(), serde_json::to_value(self.count(self.row_index(i), *n)).unwrap_or_default())
                })
                .collect();
            obj.insert("achieved".into(), achieved.into());
            rows.push(obj);
        }
        let total = rows.pop().unwrap_or_default();
        let series = self.series_table(false);
        json!({
            "contract": self.p.contract,
            "title": self.p.title,
            "version": self.p.version,
            "as_of": self.p.as_of,
            "masked": self.masked(),
            "milestones": self.p.milestones.iter().map(|(id, after, amount)| json!({ "id": id, "after_months": after, "amount": amount.plain() })).collect::<Vec<_>>(),
            "groups": rows,
            "total": total,
            "series": series.rows.iter().map(|r| json!({ "month_end": r[0], "paid": r[1], "savings": r[2] })).collect::<Vec<_>>(),
        })
    }

    fn row_index(&self, i: usize) -> Option<usize> {
        (i < self.p.groups.len()).then_some(i)
    }
}
