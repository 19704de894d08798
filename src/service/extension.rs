//! The what-if for a period (`until`, and `from`): the service reads the
//! dates and hands the rest to the pure `report::extension`.

use chrono::{Days, NaiveDate};

use crate::contract::Problem;
use crate::report::Portfolio;
use crate::report::extension::{Extension, Period, extend, referrals_expected};
use crate::report::scenario::ScenarioInput;
use crate::store::RepoError;
use crate::wire::course_in::{not_a_date, parse_date};
use crate::wire::scenario::ScenarioIn;

fn date(field: &str, text: &str) -> Result<NaiveDate, RepoError> {
    parse_date(text.trim()).ok_or_else(|| RepoError::Invalid(vec![Problem::new(field, None, not_a_date(text))]))
}

/// The extension of group `gi` when the body names a period; `input` is
/// the what-if's input (the given values applied), `given` their names.
pub fn extension_of(
    p: &Portfolio,
    gi: usize,
    body: &ScenarioIn,
    input: &ScenarioInput,
    given: &[String],
) -> Result<Option<Extension>, RepoError> {
    let Some(until) = body.until.as_deref().filter(|s| !s.trim().is_empty()) else {
        if body.from.as_deref().is_some_and(|s| !s.trim().is_empty()) {
            return Err(RepoError::Invalid(vec![Problem::new("until", None, "give the extension's last day too")]));
        }
        return Ok(None);
    };
    let until = date("until", until)?;
    let from = match body.from.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(f) => date("from", f)?,
        None => p.as_of.checked_add_days(Days::new(1)).unwrap_or(p.as_of),
    };
    if from > until {
        return Err(RepoError::Invalid(vec![Problem::new(
            "until",
            None,
            format!("the period is empty: {from} is after {until}"),
        )]));
    }
    if (until - from).num_days() > 366 * 10 {
        return Err(RepoError::Invalid(vec![Problem::new("until", None, "an extension of more than 10 years")]));
    }
    let g = &p.groups[gi];
    let period = Period { from, until };
    let per_year = given.iter().any(|n| n == "referrals_per_year").then_some(input.referrals);
    let mut central = input.clone();
    central.referrals = referrals_expected(&period, g.counts.referred, p.referrals.from, p.as_of, per_year);
    let index = |id: &str| p.milestones.iter().position(|(m, _, _)| m == id);
    Ok(Some(extend(period, g, index, &central, given)))
}
