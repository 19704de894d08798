//! The tables of money: payments reconciled to what was earned, the
//! investment case's estimate, what the events show against it, cost per
//! result, and the month-by-month series.

use super::{Built, ReportView};
use crate::report::disclosure::{Count, Row};
use crate::table::{Column, Table, Value};

/// Column keys for the retention milestones, by months kept (keys are
/// fixed strings; a contract's milestones are a few months apart).
const KEPT: [&str; 13] = [
    "kept_0m", "kept_1m", "kept_2m", "kept_3m", "kept_4m", "kept_5m", "kept_6m", "kept_7m", "kept_8m", "kept_9m",
    "kept_10m", "kept_11m", "kept_12m",
];
const EARNED_PER_KEPT: [&str; 13] = [
    "earned_per_kept_0m",
    "earned_per_kept_1m",
    "earned_per_kept_2m",
    "earned_per_kept_3m",
    "earned_per_kept_4m",
    "earned_per_kept_5m",
    "earned_per_kept_6m",
    "earned_per_kept_7m",
    "earned_per_kept_8m",
    "earned_per_kept_9m",
    "earned_per_kept_10m",
    "earned_per_kept_11m",
    "earned_per_kept_12m",
];

fn kept_key(months: u32, keys: &'static [&'static str; 13], longer: &'static str) -> &'static str {
    keys.get(months as usize).copied().unwrap_or(longer)
}

impl ReportView<'_> {
    /// Where the money earned is: paid, approved, not yet invoiced, less
    /// what is paid or approved for a milestone no longer achieved. Each
    /// row reconciles: paid + approved + not invoiced − at risk = earned.
    pub(crate) fn money(&self, da: bool) -> Built {
        let rows = self.rows();
        let table_rows = rows
            .iter()
            .map(|&r| {
                let m = &self.figures(r).money;
                let mut row = vec![Value::Text(self.label(r, da))];
                row.extend(
                    [m.paid, m.approved_unpaid, m.earned_uninvoiced, m.at_risk]
                        .map(|a| self.paid(da, self.amount(r, Value::Money(a)))),
                );
                row.extend([m.earned, m.liability].map(|a| self.amount(r, Value::Money(a))));
                row
            })
            .collect();
        Built {
            table: Table {
                name: "money",
                title_en: "Payments: where what the supplier earned is".into(),
                title_da: "Betalinger: hvor det optjente beløb står".into(),
                columns: vec![
                    Self::group_col(),
                    Column::sum("paid", "Paid", "Udbetalt"),
                    Column::sum("approved_unpaid", "Approved, not yet paid", "Godkendt, ikke udbetalt"),
                    Column::sum("earned_uninvoiced", "Earned, not yet invoiced", "Optjent, ikke faktureret"),
                    Column::sum(
                        "at_risk",
                        "Payments at risk (subtracted: paid or approved, milestone no longer achieved)",
                        "Betalinger i risiko (trækkes fra: udbetalt eller godkendt, raten ikke længere opnået)",
                    ),
                    Column::sum("earned", "Earned (milestones achieved: the sum)", "Optjent (opnåede rater: summen)"),
                    Column::sum(
                        "liability",
                        "Most still payable on open courses",
                        "Højst endnu til betaling på åbne forløb",
                    ),
                ],
                rows: table_rows,
                total: Some(self.p.groups.len()),
            },
            rows,
        }
    }

    /// The contract's estimate per citizen in job, per target group (no
    /// total: the estimates are per group).
    pub(crate) fn case(&self, da: bool) -> Built {
        let rows: Vec<Row> = (0..self.p.groups.len()).map(Row::Group).collect();
        let table_rows = rows
            .iter()
            .map(|&r| {
                let c = self.figures(r).case.as_ref();
                vec![
                    Value::Text(self.label(r, da)),
                    Value::money(c.map(|c| c.benefit_saving)),
                    Value::money(c.map(|c| c.supplier_cost)),
                    Value::money(c.map(|c| c.fleksjob_subsidy)),
                    Value::money(c.map(|c| c.saving_potential)),
                    c.and_then(|c| c.months_to_break_even).map_or(Value::Missing, |m| Value::Number(m, 2)),
                    Value::pct(c.and_then(|c| c.deadweight_break_even), 2),
                ]
            })
            .collect();
        Built {
            table: Table {
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
                    Column::new("supplier_cost", "Supplier cost", "Omkostning til ekstern leverandør"),
                    Column::new("fleksjob_subsidy", "Fleksjob subsidy", "Omkostninger til fleksjobtilskud"),
                    Column::new("saving_potential", "Saving potential per citizen", "Besparelsespotentiale pr. borger"),
                    Column::new(
                        "months_to_break_even",
                        "Earned back after … months of employment",
                        "Tjent ind igen efter … måneders beskæftigelse",
                    ),
                    Column::new(
                        "deadweight_estimated_pct",
                        "Critical deadweight (estimate)",
                        "Kritisk dødvægt (estimat)",
                    ),
                ],
                rows: table_rows,
                total: None,
            },
            rows,
        }
    }

    /// What the events show against what the supplier earned, for the
    /// groups the investment case covers and their total; a group without
    /// an estimate follows the total, apart from it.
    pub(crate) fn realised(&self, da: bool) -> Built {
        let n = self.p.groups.len();
        let covered: Vec<Row> = (0..n).filter(|i| self.p.is_covered(*i)).map(Row::Group).collect();
        let apart: Vec<Row> = (0..n).filter(|i| !self.p.is_covered(*i)).map(Row::Group).collect();
        let total_at = covered.len();
        let rows: Vec<Row> = covered.into_iter().chain([Row::Covered]).chain(apart).collect();
        let table_rows = rows
            .iter()
            .map(|&r| {
                let g = self.figures(r);
                let re = &g.realised;
                let has = re.savings.is_some();
                vec![
                    Value::Text(self.label(r, da)),
                    self.count(r, Count::Achieved(0), re.job_starts),
                    self.amount(r, re.months_per_job_start().map_or(Value::Missing, |m| Value::Number(m, 2))),
                    self.amount(r, Value::money(re.savings)),
                    self.amount(r, Value::Money(g.money.earned)),
                    self.amount(r, if has { Value::money(g.net_result()) } else { Value::Missing }),
                    self.amount(r, Value::pct(g.realised_deadweight(), 2)),
                ]
            })
            .collect();
        Built {
            table: Table {
                name: "realised",
                title_en: "What the events show: realised savings against what the supplier earned".into(),
                title_da: "Hvad hændelserne viser: realiserede besparelser mod det, leverandøren har optjent".into(),
                columns: vec![
                    Self::group_col(),
                    Column::sum("job_starts", "Job starts", "Jobstarter"),
                    Column::new(
                        "months_saved_per_job_start",
                        "Months of benefit saved per job start",
                        "Sparede måneders ydelse pr. jobstart",
                    ),
                    Column::sum("realised_savings", "Realised savings", "Realiseret besparelse"),
                    Column::sum("earned", "Earned by the supplier", "Optjent af leverandøren"),
                    Column::sum("net_result", "Net result to date", "Nettoresultat til dato"),
                    Column::new(
                        "deadweight_realised_pct",
                        "Critical deadweight (realised)",
                        "Kritisk dødvægt (realiseret)",
                    ),
                ],
                rows: table_rows,
                total: Some(total_at),
            },
            rows,
        }
    }

    /// Cost per result (the reform's "unit cost relative to result"), on
    /// what was earned, with what was paid beside it per citizen in job.
    pub(crate) fn results(&self, da: bool) -> Built {
        let retention: Vec<(usize, u32)> = self
            .p
            .milestones
            .iter()
            .enumerate()
            .filter(|(_, (_, after, _))| *after > 0)
            .map(|(k, (_, after, _))| (k, *after))
            .collect();
        let rows = self.rows();
        let table_rows = rows
            .iter()
            .map(|&r| {
                let g = self.figures(r);
                let ended = g.counts.ended_job;
                let mut row = vec![
                    Value::Text(self.label(r, da)),
                    self.count(r, Count::Status(2), ended),
                    self.amount(r, Value::money(g.earned_per(ended))),
                    self.paid(da, self.amount(r, Value::money(g.paid_per(ended)))),
                    self.count(r, Count::Achieved(0), g.realised.job_starts),
                    self.amount(r, Value::money(g.earned_per(g.realised.job_starts))),
                ];
                for (k, _) in &retention {
                    let n = g.realised.achieved[*k];
                    row.push(self.count(r, Count::Achieved(*k), n));
                    row.push(self.amount(r, Value::money(g.earned_per(n))));
                }
                row
            })
            .collect();
        let mut columns = vec![
            Self::group_col(),
            Column::sum("ended_job", "Ended in job", "Afsluttet til job"),
            Column::new("earned_per_job_ended", "Earned per citizen in job", "Optjent pr. borger i job"),
            Column::new("paid_per_job_ended", "Paid per citizen in job", "Udbetalt pr. borger i job"),
            Column::sum("job_starts", "Job starts", "Jobstarter"),
            Column::new("earned_per_job_start", "Earned per job start", "Optjent pr. jobstart"),
        ];
        for (_, after) in &retention {
            columns.push(Column::sum(
                kept_key(*after, &KEPT, "kept_longer"),
                format!("Kept {after} months"),
                format!("Fastholdt {after} måneder"),
            ));
            columns.push(Column::new(
                kept_key(*after, &EARNED_PER_KEPT, "earned_per_kept_longer"),
                format!("Earned per job kept {after} months"),
                format!("Optjent pr. job fastholdt {after} måneder"),
            ));
        }
        Built {
            table: Table {
                name: "results",
                title_en: "Cost per result, on what was earned".into(),
                title_da: "Enhedsomkostning pr. resultat, regnet på det optjente".into(),
                columns,
                rows: table_rows,
                total: Some(self.p.groups.len()),
            },
            rows,
        }
    }

    /// Cumulative payments (all groups) and realised savings (the groups
    /// with an estimate) at each month's end; the last row is the date.
    pub(crate) fn series(&self, da: bool) -> Built {
        let paid_withheld = self.amounts_withheld(Row::Total);
        let savings_withheld = self.amounts_withheld(Row::Covered);
        let table_rows = self
            .p
            .series
            .iter()
            .map(|m| {
                vec![
                    Value::Date(m.month_end),
                    self.paid(da, if paid_withheld { Value::Withheld } else { Value::Money(m.paid) }),
                    if savings_withheld { Value::Withheld } else { Value::Money(m.savings) },
                ]
            })
            .collect();
        Built {
            table: Table {
                name: "series",
                title_en: "Cumulative payments and realised savings at each month's end".into(),
                title_da: "Akkumulerede betalinger og realiserede besparelser ultimo hver måned".into(),
                columns: vec![
                    Column::new("month_end", "Month end", "Ultimo"),
                    Column::new("paid", "Paid", "Udbetalt"),
                    Column::new("savings", "Realised savings", "Realiseret besparelse"),
                ],
                rows: table_rows,
                total: None,
            },
            rows: vec![],
        }
    }
}
