//! Statistics for small groups, in decimals: a committee compares success
//! rates of groups of 10–90 citizens, where 53.6 % against 50.0 % means
//! little. No floating point: intervals are computed with `rust_decimal`
//! (the square root by Newton's iteration in decimals, [`sqrt`]) and reported as
//! [`Share`](crate::money::Share)s, rounded only where shown.

pub mod sqrt;
pub mod wilson;

pub use wilson::{Interval, Z95, wilson, wilson_z};
