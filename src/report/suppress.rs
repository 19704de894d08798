//! Small-cell suppression over cells tied by sums: primary suppression of
//! the sensitive cells, then complementary suppression until no sum has
//! exactly one unknown cell, so that no suppressed cell can be worked out
//! from a row or column total. The engine knows nothing of reports; the
//! report's layout is in `disclosure`.
//!
//! A cell that is *published* (the minutes print it) is shown and never
//! chosen as a complement; so is a cell the published cells determine by
//! themselves (public by subtraction).
//!
//! Two passes, repeated until neither changes anything: every sum with
//! exactly one unknown gets a second (the classic rule), and then an exact
//! audit (linear algebra over the sums) finds any suppressed cell that
//! several sums pin down together and hides one more cell next to it.
//!
//! What the engine guarantees (and `tests/disclosure.rs` checks on random
//! tables): no suppressed cell is determined by the shown cells through the
//! sums, unless the published cells alone determine it. Complements are
//! the smallest cells, zeros included (they cost a reader least); with a
//! zero as complement, non-negativity can narrow a suppressed cell to a
//! range (`a + b = 2`, `a` at least 1), never to one value.

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

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// The cells among `unknown` that the sums determine, given every other
/// cell: those whose unit vector lies in the row space of the sums
/// restricted to the unknown cells. Exact (integer elimination, each row
/// kept in lowest terms); should the numbers ever overflow, every unknown
/// cell is reported, which only makes suppression more cautious.
pub fn determined(relations: &[Relation], unknown: &[bool]) -> Vec<usize> {
    let cols: Vec<usize> = (0..unknown.len()).filter(|i| unknown[*i]).collect();
    let col = |i: usize| cols.iter().position(|c| *c == i);
    let mut m: Vec<Vec<i128>> = relations
        .iter()
        .map(|r| {
            let mut v = vec![0i128; cols.len()];
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
    // Reduced row echelon form.
    let mut pivots: Vec<usize> = Vec::new();
    let mut r = 0;
    for c in 0..cols.len() {
        let Some(p) = (r..m.len()).find(|i| m[*i][c] != 0) else { continue };
        m.swap(r, p);
        for i in 0..m.len() {
            if i == r || m[i][c] == 0 {
                continue;
            }
            let (a, b) = (m[r][c], m[i][c]);
            let row: Option<Vec<i128>> = m[i]
                .iter()
                .zip(&m[r])
                .map(|(x, y)| x.checked_mul(a).zip(y.checked_mul(b)).and_then(|(x, y)| x.checked_sub(y)))
                .collect();
            let Some(mut row) = row else { return cols };
            let g = row.iter().fold(0, |g, x| gcd(g, *x));
            if g > 1 {
                row.iter_mut().for_each(|x| *x /= g);
            }
            m[i] = row;
        }
        pivots.push(c);
        r += 1;
    }
    // A pivot whose row has nothing else left is determined.
    pivots
        .iter()
        .enumerate()
        .filter(|(row, c)| m[*row].iter().enumerate().all(|(k, x)| k == **c || *x == 0))
        .map(|(_, c)| cols[*c])
        .collect()
}

/// Suppresses the grid's cells.
pub fn suppress(g: &Grid) -> Vec<Cell> {
    let n = g.values.len();
    // Public: published, or determined by the published cells alone.
    let hidden_all: Vec<bool> = (0..n).map(|i| !g.published[i]).collect();
    let mut public: Vec<bool> = g.published.clone();
    for i in determined(&g.relations, &hidden_all) {
        public[i] = true;
    }
    let mut state: Vec<Cell> =
        (0..n).map(|i| if g.primary[i] && !public[i] { Cell::Small } else { Cell::Shown(g.values[i]) }).collect();
    // A complement for a sum: its smallest part (least information lost),
    // then the whole (the whole first for a subtotal); never a public cell.
    let complement = |state: &[Cell], public: &[bool], rel: &Relation| -> Option<usize> {
        let free = |i: &usize| !state[*i].is_suppressed() && !public[*i];
        let whole = free(&rel.whole).then_some(rel.whole);
        let part = rel.parts.iter().copied().filter(free).min_by_key(|i| (g.values[*i], *i));
        if rel.whole_first { whole.or(part) } else { part.or(whole) }
    };
    loop {
        // Every sum with exactly one unknown gets a second.
        let mut changed = false;
        for rel in &g.relations {
            let cells = std::iter::once(rel.whole).chain(rel.parts.iter().copied());
            let suppressed: Vec<usize> = cells.filter(|i| state[*i].is_suppressed()).collect();
            if suppressed.len() != 1 {
                continue;
            }
            match complement(&state, &public, rel) {
                Some(i) => state[i] = Cell::Hidden,
                None => {
                    state[suppressed[0]] = Cell::Shown(g.values[suppressed[0]]);
                    public[suppressed[0]] = true;
                }
            }
            changed = true;
        }
        if changed {
            continue;
        }
        // Sums can also pin a cell down together (a + b = 2, b = c,
        // a + c = 2 …): hide one more cell next to each such cell.
        let unknown: Vec<bool> = state.iter().map(|c| c.is_suppressed()).collect();
        let Some(&d) = determined(&g.relations, &unknown).iter().find(|i| !public[**i]) else { return state };
        let touches = |r: &&Relation, i: usize| r.whole == i || r.parts.contains(&i);
        let pick = |rels: &mut dyn Iterator<Item = &Relation>| {
            rels.filter_map(|r| complement(&state, &public, r)).min_by_key(|i| (g.values[*i], *i))
        };
        // Next to it if possible, else in any sum with a suppressed cell.
        let next = pick(&mut g.relations.iter().filter(|r| touches(r, d)))
            .or_else(|| pick(&mut g.relations.iter().filter(|r| (0..n).any(|i| unknown[i] && touches(r, i)))));
        match next {
            Some(i) => state[i] = Cell::Hidden,
            None => {
                // Every sum around the suppressed cells holds only public
                // or suppressed cells: what pins it down is public.
                state[d] = Cell::Shown(g.values[d]);
                public[d] = true;
            }
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
        // two small cells. Columns: "ongoing" 7 = 5 + "< 5" + 0: the
        // smallest other part, integration's 0, is hidden; "ended in job"
        // 40 = 30 + 8 + "< 5": the 8; "ended without job" 35 = 26 +
        // hidden + "< 5" has two unknowns. Now every sum has none or at
        // least two, and no combination of sums pins a cell down.
        assert_eq!(row(0), [Shown(92), Shown(5), Shown(30), Shown(26), Shown(31)]);
        assert_eq!(row(1), [Shown(28), Small, Hidden, Hidden, Shown(11)]);
        assert_eq!(row(2), [Shown(10), Hidden, Small, Small, Shown(6)]);
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
    fn sums_that_pin_a_cell_down_together_are_audited() {
        // x1 + x2 = 2 (row), x1 + x3 = 2 (column), x2 + x4 = 2 (column),
        // x3 + x4 + x5 = 3 (row): no sum has one unknown, yet x5 = 1.
        let g = Grid {
            values: vec![2, 1, 1, 2, 1, 1, 2, 3, 1, 1, 1, 9],
            published: vec![false; 12],
            primary: vec![false, true, true, false, true, true, false, false, true, false, false, false],
            relations: vec![
                Relation::sum(0, vec![1, 2]),
                Relation::sum(3, vec![1, 4]),
                Relation::sum(6, vec![2, 5]),
                Relation::sum(7, vec![4, 5, 8]),
            ],
        };
        assert_eq!(
            determined(&g.relations, &[false, true, true, false, true, true, false, false, false, false, false, false]),
            Vec::<usize>::new()
        );
        let unknown: Vec<bool> = (0..12).map(|i| [1, 2, 4, 5, 8].contains(&i)).collect();
        assert_eq!(determined(&g.relations, &unknown), vec![8]);
        let s = suppress(&g);
        let unknown: Vec<bool> = s.iter().map(|c| c.is_suppressed()).collect();
        assert!(determined(&g.relations, &unknown).is_empty(), "{s:?}");
    }

    #[test]
    fn nothing_is_suppressed_when_every_cell_is_zero_or_at_the_threshold() {
        let rows: [&[u64]; 2] = [&[20, 5, 5, 5, 5], &[10, 0, 5, 5, 0]];
        let (g, _) = table(&rows, false, 5);
        assert!(suppress(&g).iter().all(|c| !c.is_suppressed()));
        // With a threshold of 3, the 2s of the minutes are small; of 6, the 5s.
        let (g, _) = table(&rows, false, 6);
        assert!(suppress(&g).contains(&Cell::Small));
    }
}
