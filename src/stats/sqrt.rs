//! The square root in decimals, by Newton's iteration, with no floating
//! point and no way to loop for ever.
//!
//! Started at or above the root (at `x` when `x >= 1`, at 1 below), each
//! step `r ← (r + x / r) / 2` moves down towards it; the iteration stops
//! when a step no longer moves down, which with 28 significant digits is
//! the root to the last digit or one next to it. (`rust_decimal`'s own
//! `sqrt` stops only when two steps agree exactly and panics after 1,000
//! steps that flip between two neighbours; this one cannot.)

use rust_decimal::Decimal;

/// Steps at most: from 7.9 × 10²⁸ down to the root takes under 120.
const MAX_STEPS: usize = 200;

/// √x for x ≥ 0; `None` for a negative x.
pub fn sqrt(x: Decimal) -> Option<Decimal> {
    if x.is_sign_negative() {
        return None;
    }
    if x.is_zero() {
        return Some(Decimal::ZERO);
    }
    let mut r = x.max(Decimal::ONE);
    for _ in 0..MAX_STEPS {
        // Halved before adding, so that no sum can overflow near the largest decimal.
        let next = r / Decimal::TWO + (x / r) / Decimal::TWO;
        if next >= r {
            break;
        }
        r = next;
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn close(r: Decimal, x: Decimal) -> bool {
        // |r² − x| within a few units of the 26th decimal of x's size.
        let err = (r * r - x).abs();
        err <= x.max(Decimal::ONE) * dec!(0.000000000000000000000001)
    }

    #[test]
    fn exact_squares_and_hand_values() {
        assert_eq!(sqrt(dec!(4)), Some(dec!(2)));
        assert_eq!(sqrt(dec!(0.25)), Some(dec!(0.5)));
        assert_eq!(sqrt(dec!(1)), Some(dec!(1)));
        assert_eq!(sqrt(Decimal::ZERO), Some(Decimal::ZERO));
        assert_eq!(sqrt(dec!(-1)), None);
        // √0.3651 = 0.604235… (the Wilson interval of 1 of 2, by hand).
        assert_eq!(crate::money::round(sqrt(dec!(0.3651)).unwrap(), 6), dec!(0.604235));
        // √2 = 1.41421356237309504880168872…
        assert_eq!(crate::money::round(sqrt(dec!(2)).unwrap(), 20), dec!(1.41421356237309504880));
    }

    #[test]
    fn any_size_ends_without_panic_and_squares_back() {
        let mut x = dec!(0.0000000000000000000000000001);
        while x < dec!(10000000000000000000000000000) {
            for m in [dec!(1), dec!(2), dec!(3.7), dec!(7.77)] {
                let v = x * m;
                let r = sqrt(v).unwrap();
                assert!(close(r, v), "√{v} = {r}");
            }
            x *= dec!(10);
        }
        assert!(sqrt(Decimal::MAX).is_some());
    }
}
