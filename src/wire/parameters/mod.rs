//! The dated parameter files in `parameters/` (TOML): the reimbursement
//! staircase, monthly benefit rates, savings targets and how the forecast
//! is made, read into [`Parameters`] (`files`, one reader per file, over
//! `read`'s helpers). Every problem is reported at once, with the file,
//! the line (as an editor counts it) and the field; nothing panics on input.
//!
//! The files are compiled in ([`builtin`]), so every start and every test
//! uses the reviewed values; a changed value is a changed file in the
//! repository, like a contract.

mod files;
mod read;

use std::sync::OnceLock;

use crate::budget::Parameters;
use crate::contract::Problem;
use crate::contract::node::Node;
use crate::wire::tree::from_toml;
use files::{benefit_rates, forecast_settings, savings_targets, staircases};

pub const STAIRCASE_FILE: &str = "parameters/reimbursement.toml";
pub const RATES_FILE: &str = "parameters/benefit_rates.toml";
pub const TARGETS_FILE: &str = "parameters/savings_targets.toml";
pub const FORECAST_FILE: &str = "parameters/forecast.toml";

const STAIRCASE_TEXT: &str = include_str!("../../../parameters/reimbursement.toml");
const RATES_TEXT: &str = include_str!("../../../parameters/benefit_rates.toml");
const TARGETS_TEXT: &str = include_str!("../../../parameters/savings_targets.toml");
const FORECAST_TEXT: &str = include_str!("../../../parameters/forecast.toml");

/// Each parameter file's name and text (the procurement page lists their
/// `# CHOSEN:` notes).
pub fn sources() -> [(&'static str, &'static str); 4] {
    [
        (STAIRCASE_FILE, STAIRCASE_TEXT),
        (RATES_FILE, RATES_TEXT),
        (TARGETS_FILE, TARGETS_TEXT),
        (FORECAST_FILE, FORECAST_TEXT),
    ]
}

/// The parameter files of the repository, parsed once.
pub fn builtin() -> Result<&'static Parameters, &'static [Problem]> {
    static CELL: OnceLock<Result<Parameters, Vec<Problem>>> = OnceLock::new();
    CELL.get_or_init(|| parse(STAIRCASE_TEXT, RATES_TEXT, TARGETS_TEXT, FORECAST_TEXT)).as_ref().map_err(Vec::as_slice)
}

/// Parses the four files' texts; problems name their file.
pub fn parse(staircase: &str, rates: &str, targets: &str, forecast: &str) -> Result<Parameters, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut p = Parameters::default();
    let mut run = |file: &str, text: &str, f: &mut dyn FnMut(&Node, &mut Vec<Problem>)| {
        let mut local = Vec::new();
        match from_toml(text) {
            Ok(root) => f(&root, &mut local),
            Err(e) => local.push(e),
        }
        problems.extend(local.into_iter().map(|q| q.in_file(file)));
    };
    run(STAIRCASE_FILE, staircase, &mut |root, out| p.staircases = staircases(root, out));
    run(RATES_FILE, rates, &mut |root, out| p.rates = benefit_rates(root, out));
    run(TARGETS_FILE, targets, &mut |root, out| p.targets = savings_targets(root, out));
    run(FORECAST_FILE, forecast, &mut |root, out| p.forecast = forecast_settings(root, out));
    if problems.is_empty() { Ok(p) } else { Err(problems) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benefit::Benefit;
    use crate::budget::ForecastSettings;
    use crate::money::Money;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    #[test]
    fn the_repository_files_parse_to_the_law_and_the_minutes() {
        let p = builtin().expect("the parameter files parse");
        let s = p.staircase_on(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()).unwrap();
        let shares: Vec<_> = s.steps.iter().map(|s| (s.from_week, s.municipality, s.state)).collect();
        assert_eq!(
            shares,
            vec![
                (1, dec!(0.20), dec!(0.80)),
                (5, dec!(0.60), dec!(0.40)),
                (27, dec!(0.70), dec!(0.30)),
                (53, dec!(0.80), dec!(0.20))
            ]
        );
        let day = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        // 50,974 / 4 = 12,743.50.
        assert_eq!(p.monthly_rate(Benefit::Dagpenge, day).map(Money::plain).as_deref(), Some("12743.50"));
        assert_eq!(p.monthly_rate(Benefit::Kontanthjaelp, day), None);
        assert_eq!(p.target("Lejre Kommune", 2026).map(Money::plain).as_deref(), Some("4100000.00"));
        assert_eq!(p.target("Lejre Kommune", 2029).map(Money::plain).as_deref(), Some("8100000.00"));
        assert_eq!(p.target("Lemvig Kommune", 2027).map(Money::plain).as_deref(), Some("970000.00"));
        assert_eq!(p.forecast, ForecastSettings { horizon_months: 12, band_sd: dec!(2) });
    }

    #[test]
    fn every_problem_names_file_line_and_field() {
        let stairs = "[values.2016-01-04]\nsteps = [\n { from_week = 1, municipality_pct = \"20\", state_pct = \"70\" },\n { from_week = 1, municipality_pct = 0.6, state_pct = \"40\" },\n]\n";
        let rates = "[dagpenge.values.2025-13-01]\nmonthly = \"1.234\"\n[dagpenge.values.2025-01-01]\nmonthly = \"12.345\"\n[kontant.values.2025-01-01]\nmonthly = \"1\"\n";
        let targets = "[[targets]]\nbuyer = \"Lejre Kommune\"\nyear = 2026\namount = 4100000\n";
        let forecast = "horizon_months = 0\nband_standard_deviations = 2\n";
        let problems = parse(stairs, rates, targets, forecast).unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let expected = [
            "parameters/reimbursement.toml:3: values.2016-01-04.steps[0]: the shares add up to 90",
            "parameters/reimbursement.toml:4: values.2016-01-04.steps[1].municipality_pct: expected a percentage as text",
            "parameters/benefit_rates.toml:1: dagpenge.values.2025-13-01: expected a date",
            "parameters/benefit_rates.toml:4: dagpenge.values.2025-01-01.monthly: `12.345` has more than two decimals",
            "parameters/benefit_rates.toml:5: kontant: unknown benefit",
            "parameters/savings_targets.toml:4: targets[0].amount: expected kroner as text",
            "parameters/forecast.toml:1: horizon_months: expected months ahead",
            "parameters/forecast.toml:2: band_standard_deviations: expected a number as text",
        ];
        for want in expected {
            assert!(shown.iter().any(|s| s.starts_with(want)), "missing {want:?} in {shown:#?}");
        }
    }
}

#[cfg(test)]
mod chosen_tests {
    use crate::contract::chosen::chosen_notes;

    #[test]
    fn every_parameter_file_choice_is_marked_in_english_and_danish() {
        let notes: Vec<(String, String, bool)> = super::sources()
            .into_iter()
            .flat_map(|(file, text)| {
                chosen_notes(text).into_iter().map(move |n| (file.to_string(), n.field, n.da.is_some()))
            })
            .collect();
        let fields: Vec<String> = notes.iter().map(|(f, field, _)| format!("{f} {field}")).collect();
        for want in [
            "parameters/reimbursement.toml",
            "parameters/benefit_rates.toml",
            "parameters/savings_targets.toml",
            "parameters/forecast.toml horizon_months",
            "parameters/forecast.toml band_standard_deviations",
        ] {
            assert!(fields.iter().any(|f| f.starts_with(want)), "{want} in {fields:?}");
        }
        assert!(notes.iter().all(|n| n.2), "every note has its Danish text: {notes:?}");
    }
}
