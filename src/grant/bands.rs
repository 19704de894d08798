//! Tranche 2's result bands. A band is the half-open interval
//! `[from_pct, below_pct)` of the monthly share; the top band has no
//! `below_pct` and runs up to and including 100 %. Shares are compared
//! exactly, as fractions (11/20 is 55 %, never a rounded 55.0 %): a share
//! `part / whole` is in a band when `100 · part ≥ from_pct · whole` and
//! `100 · part < below_pct · whole`.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// One band: from `from_pct` (inclusive) to `below_pct` (exclusive; `None`:
/// up to and including 100 %), paying `pays_pct` of the grant as tranche 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    pub from_pct: Decimal,
    pub below_pct: Option<Decimal>,
    pub pays_pct: Decimal,
}

impl Band {
    /// Whether the share `part / whole` lies in this band (exact; `whole > 0`).
    pub fn contains(&self, part: u32, whole: u32) -> bool {
        let p = Decimal::from(part) * Decimal::ONE_HUNDRED;
        let w = Decimal::from(whole);
        p >= self.from_pct * w && self.below_pct.is_none_or(|b| p < b * w)
    }

    /// The smallest `part` of `whole` that reaches this band's lower edge.
    pub fn least_part(&self, whole: u32) -> u32 {
        let need = (self.from_pct * Decimal::from(whole) / Decimal::ONE_HUNDRED).ceil();
        need.to_u32().unwrap_or(u32::MAX)
    }
}

/// The index of the band the share `part / whole` lies in; `None` when no
/// participant was counted (`whole == 0`) or no band covers it.
pub fn band_for(bands: &[Band], part: u32, whole: u32) -> Option<usize> {
    if whole == 0 {
        return None;
    }
    bands.iter().position(|b| b.contains(part, whole))
}

/// What is wrong with a set of bands, each with a share that shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Coverage {
    /// No band covers this share (in percent).
    Gap(Decimal),
    /// Two bands (indexes in file order) both cover this share.
    Overlap { share: Decimal, first: usize, second: usize },
}

/// Checks that the bands cover every share from 0 % to 100 % exactly once.
/// Each problem carries a witness share: for a gap the lowest share no band
/// covers, for an overlap the lowest share two bands cover.
pub fn coverage(bands: &[Band]) -> Vec<Coverage> {
    let mut order: Vec<usize> = (0..bands.len()).collect();
    order.sort_by_key(|&i| bands[i].from_pct);
    let mut out = Vec::new();
    // The lowest share not yet covered (`None`: 100 % is covered).
    let mut open: Option<Decimal> = Some(Decimal::ZERO);
    let mut last: Option<usize> = None;
    for &i in &order {
        let b = bands[i];
        match open {
            Some(o) if b.from_pct > o => out.push(Coverage::Gap(o)),
            Some(o) if b.from_pct < o => {
                out.push(Coverage::Overlap { share: b.from_pct, first: last.unwrap_or(i), second: i })
            }
            None => out.push(Coverage::Overlap { share: b.from_pct, first: last.unwrap_or(i), second: i }),
            _ => {}
        }
        let end = b.below_pct.filter(|&e| e <= Decimal::ONE_HUNDRED);
        open = match (open, end) {
            (None, _) | (_, None) => None,
            (Some(o), Some(e)) => Some(o.max(e)),
        };
        last = Some(i);
    }
    if let Some(o) = open {
        out.push(Coverage::Gap(o));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn lejre() -> Vec<Band> {
        vec![
            Band { from_pct: dec!(0), below_pct: Some(dec!(50)), pays_pct: dec!(0) },
            Band { from_pct: dec!(50), below_pct: Some(dec!(55)), pays_pct: dec!(40) },
            Band { from_pct: dec!(55), below_pct: None, pays_pct: dec!(50) },
        ]
    }

    #[test]
    fn the_edges_are_exact_fractions() {
        let b = lejre();
        // 10/20 = 50 % exactly: the middle band.
        assert_eq!(band_for(&b, 10, 20), Some(1));
        // 49/99 = 49.49… %: below 50.
        assert_eq!(band_for(&b, 49, 99), Some(0));
        // 11/20 = 55 % exactly: the top band.
        assert_eq!(band_for(&b, 11, 20), Some(2));
        // 120/219 = 54.794… %, which rounds to 55 % but is under it.
        assert_eq!(band_for(&b, 120, 219), Some(1));
        // 20/20 = 100 %: the top band includes 100 %.
        assert_eq!(band_for(&b, 20, 20), Some(2));
        assert_eq!(band_for(&b, 0, 0), None);
    }

    #[test]
    fn least_part_reaches_the_edge() {
        let b = lejre();
        // 50 % of 21 = 10.5 → 11; 55 % of 20 = 11; 55 % of 21 = 11.55 → 12.
        assert_eq!(b[1].least_part(21), 11);
        assert_eq!(b[2].least_part(20), 11);
        assert_eq!(b[2].least_part(21), 12);
    }

    #[test]
    fn gaps_and_overlaps_have_witnesses() {
        assert!(coverage(&lejre()).is_empty());
        // The minutes' "50–54 %" read as a closed band ending at 54: 54 % is
        // covered by no band.
        let mut b = lejre();
        b[1].below_pct = Some(dec!(54));
        assert_eq!(coverage(&b), vec![Coverage::Gap(dec!(54))]);
        let mut b = lejre();
        b[2].from_pct = dec!(52);
        assert_eq!(coverage(&b), vec![Coverage::Overlap { share: dec!(52), first: 1, second: 2 }]);
        let mut b = lejre();
        b[2].below_pct = Some(dec!(100));
        assert_eq!(coverage(&b), vec![Coverage::Gap(dec!(100))]);
        let b = vec![Band { from_pct: dec!(10), below_pct: None, pays_pct: dec!(0) }];
        assert_eq!(coverage(&b), vec![Coverage::Gap(dec!(0))]);
    }
}
