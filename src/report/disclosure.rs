//! Figures for committees: aggregates only, and no figure that points at a
//! person. A status cell with 1 to 4 citizens shows "< 5". Because each row
//! adds up (referred = ongoing + in job + no job + interrupted) and each
//! column adds up to the total, one hidden cell could be worked out from the
//! others; so wherever a row or column has exactly one hidden cell, the
//! smallest other cell is hidden too ("hidden"), until no sum gives a hidden
//! cell away. A target group with any hidden cell has its derived figures
//! (success rate, money, savings) hidden; if that leaves exactly one such
//! group, the smallest other group's derived figures are hidden as well, so
//! that the total minus the others does not give them away.

use super::status::StatusCounts;

/// Cells below this are shown as "< 5".
pub const THRESHOLD: u64 = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    /// 1 to 4 citizens.
    Small,
    /// Hidden because a sum would give a small cell away.
    Hidden,
}

impl Cell {
    pub fn value(self) -> Option<u64> {
        match self {
            Cell::Shown(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_hidden(self) -> bool {
        !matches!(self, Cell::Shown(_))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Masked {
    /// Per group, cells in table order (referred, ongoing, job, no job,
    /// interrupted).
    pub groups: Vec<[Cell; 5]>,
    pub total: [Cell; 5],
    /// Per group: its derived figures are hidden.
    pub group_hidden: Vec<bool>,
    pub total_hidden: bool,
}

/// A sum: the whole cell and the cells that add up to it.
type Relation = ((usize, usize), Vec<(usize, usize)>);

/// Masks a status table (groups and their total).
pub fn mask(groups: &[StatusCounts], total: &StatusCounts) -> Masked {
    // Rows 0..n are the groups, row n the total.
    let mut values: Vec<[u64; 5]> = groups.iter().map(StatusCounts::cells).collect();
    values.push(total.cells());
    let n = groups.len();
    let mut state: Vec<[Cell; 5]> = values
        .iter()
        .map(|row| row.map(|v| if (1..THRESHOLD).contains(&v) { Cell::Small } else { Cell::Shown(v) }))
        .collect();

    // Each relation: the whole and its parts, as (row, column).
    let mut relations: Vec<Relation> = Vec::new();
    for r in 0..=n {
        relations.push(((r, 0), (1..5).map(|c| (r, c)).collect()));
    }
    for c in 0..5 {
        relations.push(((n, c), (0..n).map(|r| (r, c)).collect()));
    }
    loop {
        let mut changed = false;
        for (whole, parts) in &relations {
            let hidden = |(r, c): (usize, usize)| state[r][c].is_hidden();
            let count = parts.iter().filter(|p| hidden(**p)).count() + usize::from(hidden(*whole));
            if count != 1 {
                continue;
            }
            // Hide the smallest shown part; the whole only when no part is left.
            let pick = parts.iter().filter(|p| !hidden(**p)).min_by_key(|(r, c)| (values[*r][*c], *r, *c)).copied();
            let (r, c) = match pick {
                Some(p) => p,
                None if !hidden(*whole) => *whole,
                None => continue,
            };
            state[r][c] = Cell::Hidden;
            changed = true;
        }
        if !changed {
            break;
        }
    }

    let total_cells = state.pop().unwrap_or([Cell::Shown(0); 5]);
    let mut group_hidden: Vec<bool> = state.iter().map(|row| row.iter().any(|c| c.is_hidden())).collect();
    let referred: Vec<u64> = groups.iter().map(|g| g.referred).collect();
    hide_a_second_group(&mut group_hidden, &referred);
    let total_hidden = total_cells.iter().any(|c| c.is_hidden()) || (n == 1 && group_hidden[0]);
    Masked { groups: state, total: total_cells, group_hidden, total_hidden }
}

/// When exactly one group's derived figures are hidden, the total minus the
/// other groups would give them away: hide the smallest other group's too.
/// (With the column sums above this rarely happens; it is the safety net.)
fn hide_a_second_group(group_hidden: &mut [bool], referred: &[u64]) {
    if group_hidden.len() > 1 && group_hidden.iter().filter(|h| **h).count() == 1 {
        let smallest = (0..group_hidden.len()).filter(|&i| !group_hidden[i]).min_by_key(|&i| (referred[i], i));
        if let Some(i) = smallest {
            group_hidden[i] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Cell::{Hidden, Shown, Small};

    fn row(referred: u64, ongoing: u64, ended_job: u64, ended_no_job: u64, interrupted: u64) -> StatusCounts {
        StatusCounts { referred, ongoing, ended_job, ended_no_job, interrupted }
    }

    fn sum(rows: &[StatusCounts]) -> StatusCounts {
        let mut t = StatusCounts::default();
        rows.iter().for_each(|r| t.plus(r));
        t
    }

    #[test]
    fn the_minutes_table_for_a_committee() {
        // The minutes' table (docs/rules.md): ledighedsydelse has 2 ongoing; integration 0 / 2 / 2 / 6.
        let groups = [row(92, 5, 30, 26, 31), row(28, 2, 8, 7, 11), row(10, 0, 2, 2, 6)];
        let m = mask(&groups, &sum(&groups));
        // Small cells: ledighedsydelse ongoing, integration job and no job.
        assert_eq!(m.groups[1][1], Small);
        assert_eq!(&m.groups[2][2..4], &[Small, Small]);
        // Column "ongoing": 5 + "< 5" + 0 = 7 would give the 2 away, so the
        // smallest other part (integration's 0) is hidden too. Row
        // ledighedsydelse: 28 = "< 5" + 8 + 7 + 11 gives it away, so its
        // smallest other cell (7 no job) is hidden. Then column "no job":
        // 26 + hidden + "< 5" = 35 has two hidden; column "job": 30 + 8 +
        // "< 5" = 40 has one: the 8 is hidden. Row integration: 10 = hidden
        // + "< 5" + "< 5" + 6: three hidden, safe.
        assert_eq!(m.groups[0], [Shown(92), Shown(5), Shown(30), Shown(26), Shown(31)]);
        assert_eq!(m.groups[1], [Shown(28), Small, Hidden, Hidden, Shown(11)]);
        assert_eq!(m.groups[2], [Shown(10), Hidden, Small, Small, Shown(6)]);
        assert_eq!(m.total, [Shown(130), Shown(7), Shown(40), Shown(35), Shown(48)]);
        assert_eq!(m.group_hidden, vec![false, true, true]);
        assert!(!m.total_hidden);
        // No row or column is left with exactly one unknown.
        for r in m.groups.iter().chain(std::iter::once(&m.total)) {
            assert_ne!(r.iter().filter(|c| c.is_hidden()).count(), 1);
        }
        for c in 0..5 {
            let hidden = m.groups.iter().filter(|r| r[c].is_hidden()).count() + usize::from(m.total[c].is_hidden());
            assert_ne!(hidden, 1, "column {c}");
        }
    }

    #[test]
    fn nothing_is_hidden_when_every_cell_is_zero_or_five_and_more() {
        let groups = [row(20, 5, 5, 5, 5), row(10, 0, 5, 5, 0)];
        let m = mask(&groups, &sum(&groups));
        assert!(m.groups.iter().flatten().all(|c| !c.is_hidden()));
        assert_eq!(m.group_hidden, vec![false, false]);
    }

    #[test]
    fn a_small_cell_takes_a_cell_of_another_group_with_it() {
        // The third group's 4 in job and 4 without: each column's total
        // would give them away, so the second group's 6 and 6 are hidden.
        let groups = [row(40, 10, 10, 10, 10), row(12, 0, 6, 6, 0), row(8, 0, 4, 4, 0)];
        let m = mask(&groups, &sum(&groups));
        assert_eq!(m.groups[2], [Shown(8), Shown(0), Small, Small, Shown(0)]);
        assert_eq!(m.groups[1], [Shown(12), Shown(0), Hidden, Hidden, Shown(0)]);
        assert_eq!(m.group_hidden, vec![false, true, true]);
    }

    #[test]
    fn one_hidden_group_takes_the_smallest_other_groups_figures_with_it() {
        let mut hidden = vec![false, true, false];
        hide_a_second_group(&mut hidden, &[40, 8, 12]);
        assert_eq!(hidden, vec![false, true, true]);
        let mut two = vec![true, true, false];
        hide_a_second_group(&mut two, &[1, 2, 3]);
        assert_eq!(two, vec![true, true, false], "two hidden groups protect each other");
    }

    #[test]
    fn a_single_small_group_hides_the_total_too() {
        let groups = [row(3, 0, 1, 1, 1)];
        let m = mask(&groups, &sum(&groups));
        assert_eq!(m.groups[0][0], Small);
        assert!(m.total.iter().any(|c| c.is_hidden()));
        assert!(m.total_hidden);
    }
}
