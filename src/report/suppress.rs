//! Small-cell suppression over cells tied by sums: primary suppression of
//! the sensitive cells, then complementary suppression until no sum has
//! exactly one unknown cell, so that no suppressed cell can be worked out
//! from a row or column total. The engine knows nothing of reports; the
//! report's layout is in `disclosure`.
//!
//! A cell that is *published* (the minutes print it) is shown and never
//! chosen as a complement. A suppressed cell whose every partner in a sum is
//! published is already public by subtraction, so it is shown as well.
//!
//! What the engine guarantees (and `tests/disclosure.rs` checks on random
//! tables): no suppressed cell is determined by the shown cells through the
//! sums, i.e. each is a free unknown of the linear system. Zero cells may
//! serve as complements when nothing else can; non-negativity can then
//! narrow a suppressed cell to a range, never to one value unless every
//! complement is zero and the range is a single value.

/// A cell after suppression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    /// Suppressed for itself (a count of 1 to threshold − 1).
    Small,
    /// Suppressed so that a sum does not give a suppressed cell away.
    Hidden,
}

impl Cell {
    pub fn value(self) -> Option<u64> {
        match self {
            Cell::Shown(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_suppressed(self) -> bool {
        !matches!(self, Cell::Shown(_))
    }
}

/// `whole = parts[0] + parts[1] + …`, by cell index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    pub whole: usize,
    pub parts: Vec<usize>,
    /// Hide the whole before a part when a complement is needed: for a
    /// subtotal that exists for presentation, whose parts matter more.
    pub whole_first: bool,
}

impl Relation {
    pub fn sum(whole: usize, parts: Vec<usize>) -> Relation {
        Relation { whole, parts, whole_first: false }
    }

    pub fn subtotal(whole: usize, parts: Vec<usize>) -> Relation {
        Relation { whole, parts, whole_first: true }
    }
}

/// The cells, which are published, which start suppressed, and the sums.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    pub values: Vec<u64>,
    pub published: Vec<bool>,
    /// Cells suppressed for themselves.
    pub primary: Vec<bool>,
    pub relations: Vec<Relation>,
}

impl Grid {
    /// A grid whose primary cells are the counts from 1 to `threshold` − 1
    /// that are not published.
    pub fn counts(values: Vec<u64>, published: Vec<bool>, relations: Vec<Relation>, threshold: u64) -> Grid {
        let primary = values.iter().zip(&published).map(|(v, p)| !p && (1..threshold).contains(v)).collect();
        Grid { values, published, primary, relations }
    }
}

/// Suppresses the grid's cells.
pub fn suppress(g: &Grid) -> Vec<Cell> {
    let n = g.values.len();
    let mut state: Vec<Cell> =
        (0..n).map(|i| if g.primary[i] && !g.published[i] { Cell::Small } else { Cell::Shown(g.values[i]) }).collect();
    // Published cells, and cells found to be public by subtraction.
    let mut public: Vec<bool> = g.published.clone();
    loop {
        let mut changed = false;
        for rel in &g.relations {
            let cells: Vec<usize> = std::iter::once(rel.whole).chain(rel.parts.iter().copied()).collect();
            let suppressed: Vec<usize> = cells.iter().copied().filter(|i| state[*i].is_suppressed()).collect();
            if suppressed.len() != 1 {
                continue;
            }
            // A complement: the smallest non-zero part, then a zero part,
            // then the whole (the whole first for a subtotal); never a
            // public cell.
            let whole = (!state[rel.whole].is_suppressed() && !public[rel.whole]).then_some(rel.whole);
            let part = rel
                .parts
                .iter()
                .copied()
                .filter(|i| !state[*i].is_suppressed() && !public[*i])
                .min_by_key(|i| (g.values[*i] == 0, g.values[*i], *i));
            let candidate = if rel.whole_first { whole.or(part) } else { part.or(whole) };
            match candidate {
                Some(i) => state[i] = Cell::Hidden,
                None => {
                    // Every partner is public: the cell is public too.
                    let i = suppressed[0];
                    state[i] = Cell::Shown(g.values[i]);
                    public[i] = true;
                }
            }
            changed = true;
        }
        if !changed {
            return state;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table of rows × columns with a total row and a total column
    /// (column 0 is the row's whole): the status table's shape.
    fn table(rows: &[&[u64]], published: bool, threshold: u64) -> (Grid, usize) {
        let w = rows[0].len();
        let mut values: Vec<u64> = rows.iter().flat_map(|r| r.iter().copied()).collect();
        let total: Vec<u64> = (0..w).map(|c| rows.iter().map(|r| r[c]).sum()).collect();
        values.extend(&total);
        let at = |r: usize, c: usize| r * w + c;
        let mut relations = Vec::new();
        for r in 0..=rows.len() {
            relations.push(Relation::sum(at(r, 0), (1..w).map(|c| at(r, c)).collect()));
        }
        for c in 0..w {
            relations.push(Relation::sum(at(rows.len(), c), (0..rows.len()).map(|r| at(r, c)).collect()));
        }
        let n = values.len();
        (Grid::counts(values, vec![published; n], relations, threshold), w)
    }

    #[test]
    fn the_minutes_table_with_nothing_published() {
        // Ledighedsydelse has 2 ongoing; integration 0 / 2 / 2 / 6.
        let rows: [&[u64]; 3] = [&[92, 5, 30, 26, 31], &[28, 2, 8, 7, 11], &[10, 0, 2, 2, 6]];
        let (g, w) = table(&rows, false, 5);
        let s = suppress(&g);
        let row = |r: usize| &s[r * w..(r + 1) * w];
        use Cell::{Hidden, Shown, Small};
        // Rows first: ledighedsydelse 28 = "< 5" + 8 + 7 + 11 gives the 2
        // away, so its smallest other cell, 7, is hidden; integration has
        // two small cells. Columns: "ongoing" 7 = 5 + "< 5" + 0: the smallest
        // non-zero part, dagpenge's 5, is hidden (a zero would protect
        // little: a + 0 = 2); "ended in job" 40 = 30 + 8 + "< 5": the 8.
        // Again: dagpenge's row 92 = hidden + 30 + 26 + 31: its 26 is
        // hidden. Now every sum has none or at least two unknowns.
        assert_eq!(row(0), [Shown(92), Hidden, Shown(30), Hidden, Shown(31)]);
        assert_eq!(row(1), [Shown(28), Small, Hidden, Hidden, Shown(11)]);
        assert_eq!(row(2), [Shown(10), Shown(0), Small, Small, Shown(6)]);
        assert_eq!(row(3), [Shown(130), Shown(7), Shown(40), Shown(35), Shown(48)]);
    }

    #[test]
    fn published_cells_are_shown_and_never_complements() {
        let rows: [&[u64]; 3] = [&[92, 5, 30, 26, 31], &[28, 2, 8, 7, 11], &[10, 0, 2, 2, 6]];
        let (g, _) = table(&rows, true, 5);
        assert!(suppress(&g).iter().all(|c| !c.is_suppressed()), "the minutes print every cell");
    }

    #[test]
    fn a_cell_every_partner_of_which_is_public_is_public_too() {
        // 10 = 4 + 6 with the whole and the 6 published: the 4 is 10 − 6.
        let g = Grid {
            values: vec![10, 4, 6],
            published: vec![true, false, true],
            primary: vec![false, true, false],
            relations: vec![Relation::sum(0, vec![1, 2])],
        };
        assert_eq!(suppress(&g), vec![Cell::Shown(10), Cell::Shown(4), Cell::Shown(6)]);
    }

    #[test]
    fn nothing_is_suppressed_when_every_cell_is_zero_or_at_the_threshold() {
        let rows: [&[u64]; 2] = [&[20, 5, 5, 5, 5], &[10, 0, 5, 5, 0]];
        let (g, _) = table(&rows, false, 5);
        assert!(suppress(&g).iter().all(|c| !c.is_suppressed()));
        // With a threshold of 3, the 2s of the minutes are small; of 6, the 5s.
        let (g, _) = table(&rows, false, 6);
        assert!(suppress(&g).iter().any(|c| *c == Cell::Small));
    }
}
