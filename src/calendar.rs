//! Calendar arithmetic on `chrono::NaiveDate`. All periods are inclusive.
//!
//! "k months after S" is calendar-month addition clamped to the month's end:
//! 31 Jan + 1 month = 28 Feb (29 in leap years).

use chrono::{Datelike, Months, NaiveDate};

/// `date` plus `months` calendar months, clamped to the end of the month.
/// Saturates at the last representable date instead of panicking.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The day after `date` (saturating).
pub fn next_day(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(NaiveDate::MAX)
}

/// The day before `date` (saturating).
pub fn prev_day(date: NaiveDate) -> NaiveDate {
    date.pred_opt().unwrap_or(NaiveDate::MIN)
}

/// Days strictly between `a` and `b` (`a < b`): 0 for consecutive days.
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days() - 1
}

/// Whole years from `birth` to `on`. Someone born 10 Mar 1975 is 50 on
/// 10 Mar 2025 and 49 the day before. Someone born 29 Feb turns a year older
/// on 1 Mar in years without 29 Feb.
pub fn whole_years(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// Whole calendar months from `since` to `on`: the largest m with
/// `add_months(since, m) <= on` (0 if `on` is before `since`). Consistent with
/// [`add_months`]: from 31 Jan to 28 Feb is one whole month.
pub fn whole_months(since: NaiveDate, on: NaiveDate) -> u32 {
    if on < since {
        return 0;
    }
    let raw = (on.year() - since.year()) * 12 + on.month() as i32 - since.month() as i32;
    let mut m = raw.max(0) as u32;
    while m > 0 && add_months(since, m) > on {
        m -= 1;
    }
    m
}

/// The calendar duration from `since` to `on` as whole months and the days
/// left over: from 3 Feb 2024 to 17 Feb 2025 is 12 months and 14 days;
/// from 31 Jan to 28 Feb is one month and no days (see [`add_months`]).
/// `(0, 0)` when `on` is before `since`.
pub fn months_and_days(since: NaiveDate, on: NaiveDate) -> (u32, u32) {
    if on < since {
        return (0, 0);
    }
    let m = whole_months(since, on);
    let days = (on - add_months(since, m)).num_days();
    (m, u32::try_from(days).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_addition_clamps_to_month_end() {
        assert_eq!(add_months(d(2025, 1, 31), 1), d(2025, 2, 28));
        assert_eq!(add_months(d(2024, 1, 31), 1), d(2024, 2, 29));
        assert_eq!(add_months(d(2023, 8, 31), 6), d(2024, 2, 29));
        assert_eq!(add_months(d(2025, 8, 31), 6), d(2026, 2, 28));
        assert_eq!(add_months(d(2025, 3, 3), 3), d(2025, 6, 3));
        assert_eq!(add_months(d(2025, 11, 30), 3), d(2026, 2, 28));
        assert_eq!(add_months(d(2025, 5, 5), 0), d(2025, 5, 5));
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(whole_years(d(1975, 3, 10), d(2025, 3, 10)), 50);
        assert_eq!(whole_years(d(1975, 3, 10), d(2025, 3, 9)), 49);
        assert_eq!(whole_years(d(1976, 2, 29), d(2025, 2, 28)), 48);
        assert_eq!(whole_years(d(1976, 2, 29), d(2025, 3, 1)), 49);
    }

    #[test]
    fn whole_months_agree_with_month_addition() {
        assert_eq!(whole_months(d(2023, 11, 1), d(2025, 2, 3)), 15);
        assert_eq!(whole_months(d(2024, 2, 3), d(2025, 2, 3)), 12);
        assert_eq!(whole_months(d(2024, 2, 4), d(2025, 2, 3)), 11);
        assert_eq!(whole_months(d(2025, 1, 31), d(2025, 2, 28)), 1);
        assert_eq!(whole_months(d(2025, 1, 31), d(2025, 2, 27)), 0);
        assert_eq!(whole_months(d(2025, 3, 1), d(2025, 2, 1)), 0);
    }

    #[test]
    fn durations_in_months_and_days() {
        assert_eq!(months_and_days(d(2024, 2, 3), d(2025, 2, 3)), (12, 0));
        assert_eq!(months_and_days(d(2024, 2, 3), d(2025, 2, 4)), (12, 1));
        // 3 Feb 2025 + 14 days = 17 Feb.
        assert_eq!(months_and_days(d(2024, 2, 3), d(2025, 2, 17)), (12, 14));
        // 3 Jan 2025 is 11 months after 3 Feb 2024; to 2 Feb 2025 is 30 days more.
        assert_eq!(months_and_days(d(2024, 2, 3), d(2025, 2, 2)), (11, 30));
        assert_eq!(months_and_days(d(2025, 1, 31), d(2025, 2, 28)), (1, 0));
        assert_eq!(months_and_days(d(2025, 3, 1), d(2025, 2, 1)), (0, 0));
    }

    #[test]
    fn days_strictly_between() {
        assert_eq!(days_between(d(2025, 5, 31), d(2025, 6, 1)), 0);
        assert_eq!(days_between(d(2025, 5, 31), d(2025, 6, 8)), 7);
    }
}
