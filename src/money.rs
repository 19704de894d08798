//! Money and shares. No floating point anywhere.
//!
//! **The rounding rule, stated once:** amounts are kept exact (`rust_decimal`)
//! while they are computed and rounded *half away from zero*, by [`round`]
//! (the only place that rounds), once, where a figure is formed for a
//! reader:
//!
//! - money to 2 decimals (øre), so 733,727.728 becomes 733,727.73. Paid and
//!   earned amounts are sums of øre amounts and never need it; a target
//!   group's realised savings are rounded to øre once per group (and per
//!   month point of the chart), and every total is the sum of its rounded
//!   rows, so a table's total row always equals the sum of the rows above
//!   it (`report::sums::sum_problems` checks every table). A what-if's results are
//!   rounded where they are shown.
//! - a share reported as a percentage to the number of decimals its figure
//!   defines (1 for success rates, as in the minutes; 2 for the critical
//!   deadweight);
//! - months to 2 decimals.
//!
//! Ratios (a rate, months per job start, cost per result) are never summed:
//! a total row's ratio is the total's numerator over the total's
//! denominator, over the same rows.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Mul, Sub};

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half away from zero to `dp` decimals: the one rounding rule.
pub fn round(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// An amount in Danish kroner. Exact; [`Money::rounded`] applies the rounding
/// rule when an amount is paid or reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

/// Why a text is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("`{0}` is not an amount; write kroner with at most two decimals, e.g. \"5000.00\"")]
    NotANumber(String),
    #[error("`{0}` has more than two decimals; amounts are in kroner and øre")]
    TooManyDecimals(String),
}

impl MoneyError {
    /// The same in Danish (the pages).
    pub fn danish(&self) -> String {
        match self {
            MoneyError::NotANumber(t) => {
                format!("»{t}« er ikke et beløb; skriv kroner med højst to decimaler, fx `5000.00`")
            }
            MoneyError::TooManyDecimals(t) => format!("»{t}« har mere end to decimaler; beløb er i kroner og øre"),
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn from_decimal(d: Decimal) -> Money {
        Money(d)
    }

    /// Whole kroner.
    pub fn kr(kroner: i64) -> Money {
        Money(Decimal::from(kroner))
    }

    /// Parses a plain decimal string (`"5000"`, `"118195.50"`, `"-25.5"`):
    /// digits, an optional sign and at most two decimals. No exponents, no
    /// thousands separators, no currency text.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let t = text.trim();
        let unsigned = t.strip_prefix('-').unwrap_or(t);
        let (int, frac) = match unsigned.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (unsigned, None),
        };
        let digits_ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits_ok(int) || frac.is_some_and(|f| !digits_ok(f)) || int.len() > 20 {
            return Err(MoneyError::NotANumber(text.to_string()));
        }
        if frac.is_some_and(|f| f.len() > 2) {
            return Err(MoneyError::TooManyDecimals(text.to_string()));
        }
        t.parse::<Decimal>().map(Money).map_err(|_| MoneyError::NotANumber(text.to_string()))
    }

    pub fn as_decimal(self) -> Decimal {
        self.0
    }

    pub fn is_positive(self) -> bool {
        self.0 > Decimal::ZERO
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The amount rounded to øre by the rounding rule.
    pub fn rounded(self) -> Money {
        Money(round(self.0, 2))
    }

    /// Plain decimal string with two decimals, for files and APIs: `25974.00`.
    pub fn plain(self) -> String {
        self.to_string()
    }

    /// Danish number format: `25.974,00`.
    pub fn danish(self) -> String {
        danish_decimal(self.0, 2)
    }

    /// `self / divisor`, or `None` when the divisor is zero.
    pub fn checked_div(self, divisor: Decimal) -> Option<Money> {
        if divisor.is_zero() { None } else { self.0.checked_div(divisor).map(Money) }
    }

    /// How many times `other` goes into `self`, exactly; `None` for zero.
    pub fn ratio(self, other: Money) -> Option<Decimal> {
        if other.0.is_zero() { None } else { self.0.checked_div(other.0) }
    }
}

/// As [`Money::plain`]: `25974.00`.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}", round(self.0, 2))
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl Mul<Decimal> for Money {
    type Output = Money;
    fn mul(self, rhs: Decimal) -> Money {
        Money(self.0 * rhs)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// A share (a ratio between 0 and 1, or beyond when a figure is negative),
/// kept exact. Reported as a percentage rounded by the rounding rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Share(Decimal);

impl Share {
    pub fn from_ratio(value: Decimal) -> Share {
        Share(value)
    }

    /// `part / whole`, or `None` when `whole` is zero.
    pub fn of(part: u64, whole: u64) -> Option<Share> {
        if whole == 0 { None } else { Some(Share(Decimal::from(part) / Decimal::from(whole))) }
    }

    pub fn ratio(self) -> Decimal {
        self.0
    }

    /// The share as a percentage rounded to `dp` decimals: `Share(30/56)` →
    /// `53.6` with `dp = 1`.
    pub fn percent(self, dp: u32) -> Decimal {
        round(self.0 * Decimal::ONE_HUNDRED, dp)
    }

    /// `53.6 %` (plain) for files and APIs.
    pub fn plain(self, dp: u32) -> String {
        format!("{:.*} %", dp as usize, self.percent(dp))
    }

    /// `53,6 %` for Danish pages.
    pub fn danish(self, dp: u32) -> String {
        format!("{} %", danish_decimal(self.percent(dp), dp))
    }
}

/// Formats a decimal in Danish style with `dp` decimals: thousands with `.`,
/// decimals with `,` (`-1.234.567,89`). Rounds by the rounding rule.
pub fn danish_decimal(value: Decimal, dp: u32) -> String {
    let plain = format!("{:.*}", dp as usize, round(value, dp));
    let (sign, rest) = match plain.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A plain decimal rounded to `dp` places, always showing `dp` decimals.
pub fn plain_decimal(value: Decimal, dp: u32) -> String {
    format!("{:.*}", dp as usize, round(value, dp))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_is_half_away_from_zero() {
        // docs/rules.md (the grant pool): 40 % of 1,834,319.32 is 733,727.728, paid as 733,727.73.
        let pool = Money::parse("1834319.32").unwrap();
        assert_eq!((pool * dec!(0.40)).plain(), "733727.73");
        assert_eq!(round(dec!(0.125), 2), dec!(0.13));
        assert_eq!(round(dec!(-0.125), 2), dec!(-0.13));
        assert_eq!(round(dec!(0.135), 2), dec!(0.14));
    }

    #[test]
    fn parses_plain_amounts_only() {
        assert_eq!(Money::parse("5000").unwrap(), Money::kr(5000));
        assert_eq!(Money::parse("118195.50").unwrap().plain(), "118195.50");
        assert!(matches!(Money::parse("1.234"), Err(MoneyError::TooManyDecimals(_))));
        for bad in ["", "1e5", "5.000,00", "kr 5", "1_000", ".5", "5.", "--1", "NaN"] {
            assert!(Money::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn danish_format() {
        assert_eq!(Money::parse("25974").unwrap().danish(), "25.974,00");
        assert_eq!(Money::parse("118195.5").unwrap().danish(), "118.195,50");
        assert_eq!(Money::parse("-1234567.8").unwrap().danish(), "-1.234.567,80");
        assert_eq!(Money::parse("999").unwrap().danish(), "999,00");
        assert_eq!(Share::of(30, 56).unwrap().danish(1), "53,6 %");
    }

    #[test]
    fn shares_round_to_their_figure() {
        // docs/rules.md, the minutes' status table: 30 / (30 + 26) = 53.6 %, 40 / 75 = 53.3 %.
        assert_eq!(Share::of(30, 56).unwrap().percent(1), dec!(53.6));
        assert_eq!(Share::of(40, 75).unwrap().percent(1), dec!(53.3));
        assert_eq!(Share::of(2, 4).unwrap().plain(1), "50.0 %");
        assert_eq!(Share::of(1, 0), None);
    }
}
