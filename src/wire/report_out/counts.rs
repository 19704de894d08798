//! The tables of counts: the status table in the minutes' form, the kinds
//! of job against the supplier's promises, and the reform's indicators.

use super::{Built, ReportView};
use crate::money::Share;
use crate::report::disclosure::{Count, Disclosure};
use crate::table::{Column, Table, Value};

fn yes_no(met: bool, da: bool) -> Value {
    Value::Text(
        match (met, da) {
            (true, true) => "holdt",
            (false, true) => "ikke holdt",
            (true, false) => "met",
            (false, false) => "not met",
        }
        .into(),
    )
}

impl ReportView<'_> {
    pub(crate) fn status(&self, da: bool) -> Built {
        let rows = self.rows();
        let table_rows = rows
            .iter()
            .map(|&r| {
                let g = self.figures(r);
                let mut row = vec![Value::Text(self.label(r, da))];
                row.extend((0..5).map(|k| self.count(r, Count::Status(k), g.counts.cells()[k])));
                row.push(self.unless(|d| d.rate_withheld(r), Value::pct(g.counts.success_rate(), 1)));
                row
            })
            .collect();
        Built {
            table: Table {
                name: "status",
                title_en: format!("Status as of {}", self.date(false)),
                title_da: format!("Status pr. {}", self.date(true)),
                columns: vec![
                    Self::group_col(),
                    Column::sum("referred", "Referred", "Antal henviste"),
                    Column::sum("ongoing", "Ongoing", "Igangværende forløb"),
                    Column::sum("ended_job", "Ended in job", "Afsluttet til job"),
                    Column::sum("ended_no_job", "Ended without job", "Afsluttet uden job"),
                    Column::sum("interrupted", "Interrupted", "Afbrudte forløb"),
                    Column::new("success_rate_pct", "Success rate", "Effekt i procent"),
                ],
                rows: table_rows,
                total: Some(self.p.groups.len()),
            },
            rows,
        }
    }

    /// Ended in job by kind of job, and the two shares against the
    /// supplier's promises (when the contract states them).
    pub(crate) fn jobs(&self, da: bool) -> Built {
        let promises = self.p.promises;
        let rows = self.rows();
        let pct = |s: Option<Share>| match (s, da) {
            (Some(s), true) => s.danish(0),
            (Some(s), false) => s.plain(0),
            (None, _) => String::new(),
        };
        let table_rows = rows
            .iter()
            .map(|&r| {
                let g = self.figures(r);
                let mut row = vec![Value::Text(self.label(r, da))];
                row.extend((0..3).map(|k| self.count(r, Count::Job(k), g.jobs.cells()[k])));
                let ordinary = g.jobs.ordinary_share(&g.counts);
                let any = g.counts.success_rate();
                let ordinary_hidden = |d: &Disclosure| d.ordinary_share_withheld(r);
                let any_hidden = |d: &Disclosure| d.rate_withheld(r);
                row.push(self.unless(ordinary_hidden, Value::pct(ordinary, 1)));
                if let Some(p) = promises.ordinary_job {
                    let v = ordinary.map_or(Value::Missing, |s| yes_no(s >= p, da));
                    row.push(self.unless(ordinary_hidden, v));
                }
                row.push(self.unless(any_hidden, Value::pct(any, 1)));
                if let Some(p) = promises.any_job {
                    let v = any.map_or(Value::Missing, |s| yes_no(s >= p, da));
                    row.push(self.unless(any_hidden, v));
                }
                row
            })
            .collect();
        let mut columns = vec![
            Self::group_col(),
            Column::sum("ordinary_job", "Ordinary job", "Ordinært job"),
            Column::sum("fleksjob", "Fleksjob", "Fleksjob"),
            Column::sum("job_unrecorded", "Kind of job not recorded", "Jobtype ikke registreret"),
            Column::new(
                "ordinary_job_pct",
                "Share in an ordinary job (of courses ended in or without a job)",
                "Andel i ordinært job (af forløb afsluttet til eller uden job)",
            ),
        ];
        if let Some(p) = promises.ordinary_job {
            columns.push(Column::new(
                "ordinary_job_promise",
                format!("Promise: at least {}", pct(Some(p))),
                format!("Løfte: mindst {}", pct(Some(p))),
            ));
        }
        columns.push(Column::new(
            "any_job_pct",
            "Share in a job of any kind, fleksjob included",
            "Andel i beskæftigelse i alt, inkl. fleksjob",
        ));
        if let Some(p) = promises.any_job {
            columns.push(Column::new(
                "any_job_promise",
                format!("Promise: at least {}", pct(Some(p))),
                format!("Løfte: mindst {}", pct(Some(p))),
            ));
        }
        Built {
            table: Table {
                name: "jobs",
                title_en: "Ended in job by kind of job, against the supplier's promise".into(),
                title_da: "Afsluttet til job efter jobtype, holdt op mod leverandørens løfte".into(),
                columns,
                rows: table_rows,
                total: Some(self.p.groups.len()),
            },
            rows,
        }
    }

    pub(crate) fn indicators(&self, da: bool) -> Built {
        let rows = self.rows();
        let table_rows = rows
            .iter()
            .map(|&r| {
                let i = &self.figures(r).indicators;
                vec![
                    Value::Text(self.label(r, da)),
                    self.count(r, Count::Due6m, i.due_6m),
                    self.count(r, Count::InWork6m, i.in_work_6m),
                    self.unless(|d| d.indicator_withheld(r), Value::pct(i.share_in_work_6m(), 1)),
                    self.count(r, Count::InWorkOrEducation6m, i.in_work_or_education_6m),
                    self.unless(
                        |d| d.indicator_education_withheld(r),
                        Value::pct(i.share_in_work_or_education_6m(), 1),
                    ),
                ]
            })
            .collect();
        Built {
            table: Table {
                name: "indicators",
                title_en: "Result indicators (the 2026 employment reform)".into(),
                title_da: "Resultatindikatorer (beskæftigelsesreformen 2026)".into(),
                columns: vec![
                    Self::group_col(),
                    Column::sum(
                        "referred_6m_ago",
                        "Referred 6 months or more ago",
                        "Henvist for mindst 6 måneder siden",
                    ),
                    Column::sum(
                        "in_work_6m",
                        "In work 6 months after referral",
                        "I beskæftigelse 6 måneder efter henvisning",
                    ),
                    Column::new(
                        "share_in_work_6m_pct",
                        "Share in work after 6 months",
                        "Andel i beskæftigelse efter 6 måneder",
                    ),
                    Column::sum(
                        "in_work_or_education_6m",
                        "In work or education 6 months after referral",
                        "I beskæftigelse eller uddannelse 6 måneder efter henvisning",
                    ),
                    Column::new(
                        "share_in_work_or_education_6m_pct",
                        "Share in work or education after 6 months",
                        "Andel i beskæftigelse eller uddannelse efter 6 måneder",
                    ),
                ],
                rows: table_rows,
                total: Some(self.p.groups.len()),
            },
            rows,
        }
    }
}
