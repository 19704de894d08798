//! The committee figures as one JSON document: an object per group and the
//! total, each with every table's columns by key.

use serde_json::{Map, Value as Json, json};

use super::{ReportView, TABLES};
use crate::report::disclosure::{Count, Row};

impl ReportView<'_> {
    /// The JSON document. A group's `realised` section is its row in the
    /// realised table; the total's is the total of the groups with an
    /// estimate (the realised table's total row).
    pub fn json(&self) -> Json {
        let built: Vec<_> = TABLES.iter().filter(|t| **t != "series").filter_map(|t| self.built(t, false)).collect();
        let section = |row: Row| -> Map<String, Json> {
            let mut obj = Map::new();
            obj.insert("id".into(), json!(self.figures(row).id));
            obj.insert("label".into(), json!(self.label(row, false)));
            for b in &built {
                // The realised table's total is the covered groups' total.
                let wanted = if b.table.name == "realised" && row == Row::Total { Row::Covered } else { row };
                let Some(k) = b.rows.iter().position(|r| *r == wanted) else { continue };
                let cells: Map<String, Json> = b
                    .table
                    .columns
                    .iter()
                    .zip(&b.table.rows[k])
                    .skip(1)
                    .map(|(c, v)| (c.key.to_string(), serde_json::to_value(v).unwrap_or_default()))
                    .collect();
                obj.insert(b.table.name.into(), cells.into());
            }
            let g = self.figures(row);
            let achieved: Map<String, Json> = self
                .p
                .milestones
                .iter()
                .zip(&g.realised.achieved)
                .enumerate()
                .map(|(k, ((id, _, _), n))| {
                    (id.clone(), serde_json::to_value(self.count(row, Count::Achieved(k), *n)).unwrap_or_default())
                })
                .collect();
            obj.insert("achieved".into(), achieved.into());
            obj
        };
        let groups: Vec<Map<String, Json>> = (0..self.p.groups.len()).map(|i| section(Row::Group(i))).collect();
        let series = self.series(false).table;
        let pct = |s: Option<crate::money::Share>| s.map(|s| crate::money::plain_decimal(s.percent(2), 2));
        json!({
            "contract": self.p.contract,
            "title": self.p.title,
            "version": self.p.version,
            "as_of": self.p.as_of,
            "masked": self.masked(),
            "threshold": self.threshold(),
            "milestones": self.p.milestones.iter().map(|(id, after, amount)| json!({ "id": id, "after_months": after, "amount": amount.plain() })).collect::<Vec<_>>(),
            "promises": { "ordinary_job_pct": pct(self.p.promises.ordinary_job), "any_job_pct": pct(self.p.promises.any_job) },
            "groups": groups,
            "total": section(Row::Total),
            "series": series.rows.iter().map(|r| json!({ "month_end": r[0], "paid": r[1], "savings": r[2] })).collect::<Vec<_>>(),
        })
    }
}
