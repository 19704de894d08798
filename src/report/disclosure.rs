//! What a reader under small-cell protection (by default a committee
//! member) may see of a portfolio: its counts laid out as one grid of cells
//! tied by the sums the tables print, suppressed by [`super::suppress`], and
//! the derived figures (rates, amounts, averages, unit costs) withheld where
//! they are computed from a suppressed count.
//!
//! **The default reproduces the minutes' public table.** The committee's
//! minutes are public and print the status table by target group (with
//! cells of 2 and 0), so those counts are *published*: shown as the minutes
//! show them, and known to every reader, so suppression elsewhere must
//! protect against subtraction from them too. Every count the minutes do not
//! print (kinds of job, milestones reached, the reform's indicators) is
//! suppressed below the threshold, with complements. The setting
//! (`[disclosure]` in the server config) chooses the threshold, the roles it
//! applies to, and which tables count as published; with none published,
//! the status table is suppressed like the rest.
//!
//! Derived figures of a row are withheld when a count they are computed
//! from is suppressed:
//! - a success rate, from its row's ended in job / without job;
//! - the share in an ordinary job, from those and the row's ordinary jobs;
//! - every amount (money, realised savings, net result, deadweight, cost per
//!   result) and the what-if's default rates, from the row's milestones
//!   reached (job starts, kept 3 and 6 months): an amount is a sum of
//!   milestone amounts over them, so it would give them away;
//! - the share in work after 6 months, from its two counts.
//!
//! Withheld amounts are suppressed again like cells (a total minus the
//! other rows would give one away), over the total of all groups and the
//! total of the groups with an estimate.

use super::Portfolio;
use super::suppress::{Cell, Grid, Relation, suppress};

/// The disclosure setting for one reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Counts from 1 to `threshold` − 1 are suppressed.
    pub threshold: u64,
    /// Tables whose counts are public (the minutes print them): `status`,
    /// `jobs`, `results`, `indicators`.
    pub published: Vec<String>,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy { threshold: 5, published: vec!["status".into()] }
    }
}

/// The counted columns of the committee tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Count {
    /// Referred, ongoing, ended in job, ended without job, interrupted.
    Status(usize),
    /// Ordinary job, fleksjob, not recorded.
    Job(usize),
    /// Milestone k reached (0 is job start: the job starts).
    Achieved(usize),
    Due6m,
    InWork6m,
    InWorkOrEducation6m,
}

impl Count {
    fn table(self) -> &'static str {
        match self {
            Count::Status(_) => "status",
            Count::Job(_) => "jobs",
            Count::Achieved(_) => "results",
            Count::Due6m | Count::InWork6m | Count::InWorkOrEducation6m => "indicators",
        }
    }
}

/// A row of the tables: group `i`, the total, or the covered groups' total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Row {
    Group(usize),
    Total,
    Covered,
}

/// The outcome for one portfolio and policy.
#[derive(Clone, Debug)]
pub struct Disclosure {
    pub threshold: u64,
    cells: Vec<(Row, Count, Cell)>,
    /// Rows whose amounts are withheld.
    amounts: Vec<(Row, bool)>,
    /// The counts' grid and its outcome, and the amounts' (a row each),
    /// kept so that tests can check that nothing suppressed can be worked
    /// out from what is shown.
    pub count_grid: Grid,
    pub count_states: Vec<Cell>,
    pub amount_grid: Grid,
    pub amount_states: Vec<Cell>,
}

fn rows_of(p: &Portfolio) -> Vec<Row> {
    (0..p.groups.len()).map(Row::Group).chain([Row::Total]).collect()
}

fn value(p: &Portfolio, row: Row, c: Count) -> u64 {
    let g = match row {
        Row::Group(i) => &p.groups[i],
        Row::Total => &p.total,
        Row::Covered => &p.covered,
    };
    match c {
        Count::Status(k) => g.counts.cells()[k],
        Count::Job(k) => g.jobs.cells()[k],
        Count::Achieved(k) => g.realised.achieved[k],
        Count::Due6m => g.indicators.due_6m,
        Count::InWork6m => g.indicators.in_work_6m,
        Count::InWorkOrEducation6m => g.indicators.in_work_or_education_6m,
    }
}

impl Disclosure {
    pub fn new(p: &Portfolio, policy: &Policy) -> Disclosure {
        let milestones = p.milestones.len();
        let mut columns: Vec<Count> = (0..5).map(Count::Status).collect();
        columns.extend((0..3).map(Count::Job));
        columns.extend((0..milestones).map(Count::Achieved));
        columns.extend([Count::Due6m, Count::InWork6m, Count::InWorkOrEducation6m]);
        let covered: Vec<usize> = (0..p.groups.len()).filter(|i| p.is_covered(*i)).collect();

        // The cells: every column for every group and the total; the
        // milestone counts also for the covered groups' total.
        let mut keys: Vec<(Row, Count)> = Vec::new();
        for row in rows_of(p) {
            keys.extend(columns.iter().map(|c| (row, *c)));
        }
        keys.extend((0..milestones).map(|k| (Row::Covered, Count::Achieved(k))));
        let at = |row: Row, c: Count| keys.iter().position(|k| *k == (row, c)).expect("a laid-out cell");
        let values: Vec<u64> = keys.iter().map(|(r, c)| value(p, *r, *c)).collect();
        let published: Vec<bool> = keys.iter().map(|(_, c)| policy.published.iter().any(|t| t == c.table())).collect();

        let mut relations = Vec::new();
        for row in rows_of(p) {
            relations
                .push(Relation::sum(at(row, Count::Status(0)), (1..5).map(|k| at(row, Count::Status(k))).collect()));
            relations.push(Relation::sum(at(row, Count::Status(2)), (0..3).map(|k| at(row, Count::Job(k))).collect()));
        }
        for c in &columns {
            relations
                .push(Relation::sum(at(Row::Total, *c), (0..p.groups.len()).map(|i| at(Row::Group(i), *c)).collect()));
        }
        for k in 0..milestones {
            relations.push(Relation::subtotal(
                at(Row::Covered, Count::Achieved(k)),
                covered.iter().map(|i| at(Row::Group(*i), Count::Achieved(k))).collect(),
            ));
        }
        let count_grid = Grid::counts(values, published, relations, policy.threshold);
        let states = suppress(&count_grid);
        let cells: Vec<(Row, Count, Cell)> = keys.iter().zip(&states).map(|((r, c), s)| (*r, *c, *s)).collect();

        // Amounts: a row's are withheld when one of its milestone counts is
        // suppressed; then complements over the total (smallest group, by
        // referred, first) and over the covered groups' subtotal (the
        // subtotal first, so that a group's own figures stay).
        let amount_rows: Vec<Row> = rows_of(p).into_iter().chain([Row::Covered]).collect();
        let suppressed =
            |row: Row| cells.iter().any(|(r, c, s)| *r == row && matches!(c, Count::Achieved(_)) && s.is_suppressed());
        let referred = |row: Row| match row {
            Row::Group(i) => p.groups[i].counts.referred,
            Row::Total => p.total.counts.referred,
            Row::Covered => p.covered.counts.referred,
        };
        let pos = |row: Row| amount_rows.iter().position(|r| *r == row).expect("an amount row");
        let grid = Grid {
            values: amount_rows.iter().map(|r| referred(*r)).collect(),
            published: vec![false; amount_rows.len()],
            primary: amount_rows.iter().map(|r| suppressed(*r)).collect(),
            relations: vec![
                Relation::sum(pos(Row::Total), (0..p.groups.len()).map(|i| pos(Row::Group(i))).collect()),
                Relation::subtotal(pos(Row::Covered), covered.iter().map(|i| pos(Row::Group(*i))).collect()),
            ],
        };
        let amount_states = suppress(&grid);
        let amounts = amount_rows.iter().copied().zip(amount_states.iter().map(|c| c.is_suppressed())).collect();
        Disclosure {
            threshold: policy.threshold,
            cells,
            amounts,
            count_grid,
            count_states: states,
            amount_grid: grid,
            amount_states,
        }
    }

    /// The state of a count cell (`Shown` for a cell the grid does not hold).
    pub fn count(&self, row: Row, c: Count, value: u64) -> Cell {
        self.cells.iter().find(|(r, k, _)| *r == row && *k == c).map_or(Cell::Shown(value), |(_, _, s)| *s)
    }

    fn suppressed(&self, row: Row, c: Count) -> bool {
        self.cells.iter().any(|(r, k, s)| *r == row && *k == c && s.is_suppressed())
    }

    /// The row's amounts (and the figures computed from them) are withheld.
    pub fn amounts_withheld(&self, row: Row) -> bool {
        self.amounts.iter().any(|(r, w)| *r == row && *w)
    }

    /// The success rate (and the share in any job) is withheld.
    pub fn rate_withheld(&self, row: Row) -> bool {
        self.suppressed(row, Count::Status(2)) || self.suppressed(row, Count::Status(3))
    }

    /// The share in an ordinary job is withheld.
    pub fn ordinary_share_withheld(&self, row: Row) -> bool {
        self.rate_withheld(row) || self.suppressed(row, Count::Job(0))
    }

    /// The share in work after 6 months is withheld.
    pub fn indicator_withheld(&self, row: Row) -> bool {
        self.suppressed(row, Count::Due6m) || self.suppressed(row, Count::InWork6m)
    }

    /// The share in work or education after 6 months is withheld.
    pub fn indicator_education_withheld(&self, row: Row) -> bool {
        self.suppressed(row, Count::Due6m) || self.suppressed(row, Count::InWorkOrEducation6m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::figures::GroupFigures;
    use crate::report::status::StatusCounts;

    /// The minutes' table as a portfolio, with the demo's milestones
    /// reached: dagpenge 30 / 17 / 12, ledighedsydelse 8 / 6 / 4,
    /// integration 2 / 1 / 1 (no estimate).
    fn minutes() -> Portfolio {
        let group = |id: &str, c: [u64; 5], achieved: [u64; 3], covered: bool| {
            let mut g = GroupFigures::new(Some(id.into()), id.into(), 3);
            g.counts =
                StatusCounts { referred: c[0], ongoing: c[1], ended_job: c[2], ended_no_job: c[3], interrupted: c[4] };
            g.jobs.ordinary = if id == "ledighedsydelse" { 0 } else { c[2] };
            g.jobs.fleksjob = if id == "ledighedsydelse" { c[2] } else { 0 };
            g.realised.achieved = achieved.to_vec();
            g.realised.job_starts = achieved[0];
            if covered {
                g.case = Some(crate::report::figures::CaseRow {
                    benefit_saving: crate::money::Money::kr(1),
                    supplier_cost: crate::money::Money::kr(1),
                    fleksjob_subsidy: crate::money::Money::ZERO,
                    saving_potential: crate::money::Money::ZERO,
                    net_saving: crate::money::Money::kr(1),
                    expected_months: rust_decimal::Decimal::ONE,
                    monthly_net_saving: crate::money::Money::kr(1),
                    months_to_break_even: None,
                    deadweight_break_even: None,
                });
            }
            g
        };
        let groups = vec![
            group("dagpenge", [92, 5, 30, 26, 31], [30, 17, 12], true),
            group("ledighedsydelse", [28, 2, 8, 7, 11], [8, 6, 4], true),
            group("integration", [10, 0, 2, 2, 6], [2, 1, 1], false),
        ];
        let mut total = GroupFigures::new(None, "Total".into(), 3);
        let mut covered = GroupFigures::new(None, "Covered".into(), 3);
        for g in &groups {
            total.plus(g);
            if g.case.is_some() {
                covered.plus(g);
            }
        }
        Portfolio {
            contract: "lejre-jobparate".into(),
            title: String::new(),
            version: 2,
            referrals: crate::contract::Period {
                from: chrono::NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
                until: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            },
            as_of: chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
            milestones: vec![
                ("job_start".into(), 0, crate::money::Money::kr(5000)),
                ("retention_3m".into(), 3, crate::money::Money::kr(10000)),
                ("retention_6m".into(), 6, crate::money::Money::kr(10000)),
            ],
            promises: Default::default(),
            groups,
            total,
            covered,
            series: vec![],
        }
    }

    #[test]
    fn by_default_a_committee_sees_the_minutes_status_table_as_printed() {
        let p = minutes();
        let d = Disclosure::new(&p, &Policy::default());
        for (i, g) in p.groups.iter().enumerate() {
            for k in 0..5 {
                assert_eq!(d.count(Row::Group(i), Count::Status(k), 0), Cell::Shown(g.counts.cells()[k]), "{i} {k}");
            }
            assert!(!d.rate_withheld(Row::Group(i)));
        }
    }

    #[test]
    fn counts_the_minutes_do_not_print_are_protected_with_complements() {
        let p = minutes();
        let d = Disclosure::new(&p, &Policy::default());
        let (dag, led, int) = (Row::Group(0), Row::Group(1), Row::Group(2));
        // Kept 6 months: ledighedsydelse 4 and integration 1 are small.
        assert_eq!(d.count(led, Count::Achieved(2), 4), Cell::Small);
        assert_eq!(d.count(int, Count::Achieved(2), 1), Cell::Small);
        // Job starts: 30 + 8 + "< 5" = 40 would give integration's 2 away,
        // so ledighedsydelse's 8 is hidden; the same for kept 3 months.
        assert_eq!(d.count(led, Count::Achieved(0), 8), Cell::Hidden);
        assert_eq!(d.count(led, Count::Achieved(1), 6), Cell::Hidden);
        assert_eq!(d.count(dag, Count::Achieved(0), 30), Cell::Shown(30));
        // The covered groups' 38 job starts = 30 + hidden: one unknown; the
        // subtotal is hidden, not dagpenge's 30.
        assert_eq!(d.count(Row::Covered, Count::Achieved(0), 38), Cell::Hidden);
        assert_eq!(d.count(dag, Count::Achieved(0), 30), Cell::Shown(30));
        // Amounts: ledighedsydelse's and integration's are withheld (their
        // milestone counts are suppressed); the total's and dagpenge's are
        // shown; the covered subtotal's would give ledighedsydelse's away.
        assert!(d.amounts_withheld(led) && d.amounts_withheld(int));
        assert!(!d.amounts_withheld(Row::Total) && !d.amounts_withheld(dag));
        assert!(d.amounts_withheld(Row::Covered));
        // Integration's 2 ordinary jobs of the published 2 ended in job: the
        // 0 fleksjob is hidden with them, so 2 = "< 5" + hidden + 0.
        assert_eq!(d.count(int, Count::Job(0), 2), Cell::Small);
        assert_eq!(d.count(int, Count::Job(1), 0), Cell::Hidden);
    }

    #[test]
    fn with_nothing_published_the_status_table_is_suppressed_too() {
        let p = minutes();
        let d = Disclosure::new(&p, &Policy { threshold: 5, published: vec![] });
        assert_eq!(d.count(Row::Group(1), Count::Status(1), 2), Cell::Small);
        assert!(d.rate_withheld(Row::Group(2)));
    }
}
