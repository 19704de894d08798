//! Small-cell suppression on random tables: whatever the counts, the
//! threshold and the tables published, no suppressed cell can be worked out
//! from the shown cells through the sums the tables print (row totals,
//! column totals, the subtotal of the groups with an estimate), and every
//! count under the threshold that is not public is suppressed.
//!
//! "Worked out" is checked exactly, by linear algebra over the rationals:
//! a suppressed cell is determined when its unit vector lies in the row
//! space of the sums restricted to the suppressed cells.

use chrono::NaiveDate;
use nocure::money::Money;
use nocure::report::Portfolio;
use nocure::report::disclosure::{Disclosure, Policy};
use nocure::report::figures::{CaseRow, GroupFigures};
use nocure::report::status::StatusCounts;
use nocure::report::suppress::{Cell, Grid};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// The rank of an integer matrix, by fraction-free elimination.
fn rank(mut m: Vec<Vec<i128>>) -> usize {
    let cols = m.first().map_or(0, Vec::len);
    let mut r = 0;
    for c in 0..cols {
        let Some(p) = (r..m.len()).find(|i| m[*i][c] != 0) else { continue };
        m.swap(r, p);
        for i in 0..m.len() {
            if i != r && m[i][c] != 0 {
                let (a, b) = (m[r][c], m[i][c]);
                let pivot = m[r].clone();
                for (x, y) in m[i].iter_mut().zip(&pivot) {
                    *x = *x * a - y * b;
                }
                let g = m[i].iter().fold(0, |g, x| gcd(g, *x));
                if g > 1 {
                    m[i].iter_mut().for_each(|x| *x /= g);
                }
            }
        }
        r += 1;
    }
    r
}

/// The suppressed cells the shown ones determine.
fn determined(grid: &Grid, states: &[Cell]) -> Vec<usize> {
    let unknown: Vec<usize> = (0..states.len()).filter(|i| states[*i].is_suppressed()).collect();
    let col = |i: usize| unknown.iter().position(|u| *u == i);
    let rows: Vec<Vec<i128>> = grid
        .relations
        .iter()
        .map(|r| {
            let mut v = vec![0i128; unknown.len()];
            if let Some(c) = col(r.whole) {
                v[c] -= 1;
            }
            for p in &r.parts {
                if let Some(c) = col(*p) {
                    v[c] += 1;
                }
            }
            v
        })
        .filter(|v| v.iter().any(|x| *x != 0))
        .collect();
    let base = rank(rows.clone());
    (0..unknown.len())
        .filter(|j| {
            let mut m = rows.clone();
            let mut e = vec![0i128; unknown.len()];
            e[*j] = 1;
            m.push(e);
            rank(m) == base
        })
        .map(|j| unknown[j])
        .collect()
}

/// The cells the published cells alone determine: public already.
fn public(grid: &Grid) -> Vec<usize> {
    let only: Vec<Cell> = (0..grid.values.len())
        .map(|i| if grid.published[i] { Cell::Shown(grid.values[i]) } else { Cell::Hidden })
        .collect();
    determined(grid, &only)
}

fn check(grid: &Grid, states: &[Cell]) -> Result<(), TestCaseError> {
    let already = public(grid);
    let found: Vec<usize> = determined(grid, states).into_iter().filter(|i| !already.contains(i)).collect();
    prop_assert!(found.is_empty(), "suppressed cells {:?} can be worked out", found);
    for (i, s) in states.iter().enumerate() {
        if grid.published[i] {
            prop_assert_eq!(*s, Cell::Shown(grid.values[i]), "a published cell is shown");
        }
    }
    Ok(())
}

/// One group: (status cells but referred, ordinary/fleksjob split of those
/// in job, milestones reached, due and in work after 6 months, covered).
type Shape = ([u64; 4], u64, [u64; 3], (u64, u64), bool);

fn group_shape() -> impl Strategy<Value = Shape> {
    ([0u64..12, 0..12, 0..12, 0..12], 0u64..12, [0u64..12, 0..8, 0..6], (0u64..15, 0u64..8), any::<bool>())
}

fn case() -> CaseRow {
    CaseRow {
        benefit_saving: Money::kr(1),
        supplier_cost: Money::kr(1),
        fleksjob_subsidy: Money::ZERO,
        saving_potential: Money::ZERO,
        net_saving: Money::kr(1),
        expected_months: Decimal::ONE,
        monthly_net_saving: Money::kr(1),
        months_to_break_even: None,
        deadweight_break_even: None,
    }
}

fn portfolio(shapes: &[Shape]) -> Portfolio {
    let mut groups = Vec::new();
    for (i, (c, fleks, a, (due, work), covered)) in shapes.iter().enumerate() {
        let mut g = GroupFigures::new(Some(format!("g{i}")), format!("G{i}"), 3);
        g.counts = StatusCounts {
            referred: c.iter().sum(),
            ongoing: c[0],
            ended_job: c[1],
            ended_no_job: c[2],
            interrupted: c[3],
        };
        g.jobs.fleksjob = (*fleks).min(c[1]);
        g.jobs.unrecorded = u64::from(c[1] > 6);
        g.jobs.ordinary = c[1] - g.jobs.fleksjob - g.jobs.unrecorded.min(c[1] - g.jobs.fleksjob);
        g.jobs.unrecorded = c[1] - g.jobs.fleksjob - g.jobs.ordinary;
        g.realised.achieved = a.to_vec();
        g.realised.job_starts = a[0];
        g.indicators.due_6m = *due;
        g.indicators.in_work_6m = (*work).min(*due);
        if *covered {
            g.case = Some(case());
        }
        groups.push(g);
    }
    let mut total = GroupFigures::new(None, "Total".into(), 3);
    let mut covered = GroupFigures::new(None, "Covered".into(), 3);
    for g in &groups {
        total.plus(g);
        if g.case.is_some() {
            covered.plus(g);
        }
    }
    Portfolio {
        contract: "c".into(),
        title: String::new(),
        version: 1,
        referrals: nocure::contract::Period {
            from: NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
            until: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        },
        as_of: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        milestones: vec![
            ("job_start".into(), 0, Money::kr(5000)),
            ("retention_3m".into(), 3, Money::kr(10000)),
            ("retention_6m".into(), 6, Money::kr(10000)),
        ],
        promises: Default::default(),
        groups,
        total,
        covered,
        series: vec![],
    }
}

const TABLES: [&str; 4] = ["status", "jobs", "results", "indicators"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn no_suppressed_cell_can_be_worked_out(
        shapes in proptest::collection::vec(group_shape(), 1..5),
        threshold in 2u64..7,
        published in proptest::collection::vec(any::<bool>(), 4),
    ) {
        let p = portfolio(&shapes);
        let policy = Policy {
            threshold,
            published: TABLES.iter().zip(&published).filter(|(_, on)| **on).map(|(t, _)| t.to_string()).collect(),
        };
        let d = Disclosure::new(&p, &policy);
        check(&d.count_grid, &d.count_states)?;
        check(&d.amount_grid, &d.amount_states)?;
        // Every count under the threshold that is not published is
        // suppressed, unless the published cells give it away anyway.
        let g = &d.count_grid;
        let by_publication = public(g);
        for i in 0..g.values.len() {
            if g.primary[i] && !by_publication.contains(&i) {
                prop_assert!(d.count_states[i].is_suppressed(), "cell {} ({}) is shown", i, g.values[i]);
            }
        }
    }
}

#[test]
fn the_rank_check_finds_a_cell_given_away_by_a_total() {
    // 10 = x + 6 with the 6 shown: x is determined; with the 6 hidden too,
    // neither is.
    let grid = Grid {
        values: vec![10, 4, 6],
        published: vec![false; 3],
        primary: vec![false, true, false],
        relations: vec![nocure::report::suppress::Relation::sum(0, vec![1, 2])],
    };
    assert_eq!(determined(&grid, &[Cell::Shown(10), Cell::Small, Cell::Shown(6)]), vec![1]);
    assert!(determined(&grid, &[Cell::Shown(10), Cell::Small, Cell::Hidden]).is_empty());
}
