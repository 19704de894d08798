//! `POST /reports/scenario`: the what-if request and answer. Every input is
//! optional; what is left out is taken from the contract (amounts) and from
//! the realised figures as of the date (rates, months saved, referrals in
//! the last 12 months). Rates are percentages; numbers are strings or
//! integers, never floats.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};

use crate::contract::Problem;
use crate::money::{Money, plain_decimal};
use crate::report::scenario::{ScenarioInput, ScenarioResult};

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioIn {
    pub contract: Option<String>,
    /// Default: the first target group with a savings estimate.
    pub target_group: Option<String>,
    /// The date the realised rates are read as of; default today.
    pub as_of: Option<String>,
    pub referrals_per_year: Option<Json>,
    /// Share of referred citizens who start a job (job start achieved), %.
    pub job_start_rate_pct: Option<Json>,
    /// Per retention milestone: share of job starts that reach it, %.
    #[serde(default)]
    pub retention_pct: BTreeMap<String, Json>,
    /// Share of those in job who would have found work anyway, %.
    pub deadweight_pct: Option<Json>,
    /// Months of benefit saved per job start.
    pub months_saved: Option<Json>,
    /// Per milestone: the amount paid.
    #[serde(default)]
    pub amounts: BTreeMap<String, Json>,
    /// An extension's last referral day (YYYY-MM-DD): the answer adds the
    /// period's referrals, payments, savings and net result at the
    /// realised rates and at the ends of their 95 % intervals.
    pub until: Option<String>,
    /// The extension's first day; default the day after `as_of`.
    pub from: Option<String>,
}

/// A decimal from a JSON string or integer; a float is refused.
fn decimal(v: &Json, field: &str, problems: &mut Vec<Problem>) -> Option<Decimal> {
    let text = match v {
        Json::String(s) => s.trim().to_string(),
        Json::Number(n) if n.is_i64() || n.is_u64() => n.to_string(),
        other => {
            problems.push(Problem::new(
                field,
                None,
                match other {
                    Json::Number(n) => format!("{n} is a float, which is not exact; send \"{n}\" (a string)"),
                    other => format!("{other} is not a number; send a string such as \"12.5\""),
                },
            ));
            return None;
        }
    };
    let ok = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.matches('.').count() <= 1
        && !text.starts_with('.')
        && !text.ends_with('.');
    match text.parse::<Decimal>() {
        Ok(d) if ok => Some(d),
        _ => {
            problems.push(Problem::new(field, None, format!("`{text}` is not a number of zero or more")));
            None
        }
    }
}

fn pct(v: &Json, field: &str, problems: &mut Vec<Problem>) -> Option<Decimal> {
    let d = decimal(v, field, problems)?;
    if d > Decimal::ONE_HUNDRED {
        problems.push(Problem::new(field, None, format!("{d} % is more than 100 %")));
        return None;
    }
    Some(d / Decimal::ONE_HUNDRED)
}

impl ScenarioIn {
    /// Applies the given inputs over `base` (the realised defaults, or a
    /// base with the contract's amounts when the realised rates may not be
    /// shown). Returns the inputs and the names of those that were given.
    pub fn apply(&self, mut base: ScenarioInput) -> Result<(ScenarioInput, Vec<String>), Vec<Problem>> {
        let mut problems = Vec::new();
        let mut given = Vec::new();
        let mut set = |name: &str, v: Option<Decimal>, target: &mut Decimal| {
            if let Some(v) = v {
                *target = v;
                given.push(name.to_string());
            }
        };
        // Bounds far above any municipality, so that no product of the
        // inputs can overflow a decimal (an answer, never a panic).
        let bounded = |v: Option<Decimal>, max: i64, field: &str, problems: &mut Vec<Problem>| {
            let v = v?;
            if v > Decimal::from(max) {
                problems.push(Problem::new(field, None, format!("{v} is more than {max}")));
                return None;
            }
            Some(v)
        };
        let referrals = self.referrals_per_year.as_ref().and_then(|v| decimal(v, "referrals_per_year", &mut problems));
        let referrals = bounded(referrals, 1_000_000, "referrals_per_year", &mut problems);
        set("referrals_per_year", referrals, &mut base.referrals);
        let rate = self.job_start_rate_pct.as_ref().and_then(|v| pct(v, "job_start_rate_pct", &mut problems));
        set("job_start_rate_pct", rate, &mut base.job_start_rate);
        let dead = self.deadweight_pct.as_ref().and_then(|v| pct(v, "deadweight_pct", &mut problems));
        set("deadweight_pct", dead, &mut base.deadweight);
        let months = self.months_saved.as_ref().and_then(|v| decimal(v, "months_saved", &mut problems));
        let months = bounded(months, 1_200, "months_saved", &mut problems);
        set("months_saved", months, &mut base.months_saved);
        for (id, v) in &self.retention_pct {
            let field = format!("retention_pct.{id}");
            match base.milestones.iter_mut().find(|m| &m.id == id) {
                Some(m) if m.after_months > 0 => {
                    if let Some(r) = pct(v, &field, &mut problems) {
                        m.rate = r;
                        given.push(field);
                    }
                }
                Some(_) => problems.push(Problem::new(
                    field,
                    None,
                    "job start is always reached by a job start; give the job start rate instead",
                )),
                None => problems.push(Problem::new(field, None, format!("the contract has no milestone `{id}`"))),
            }
        }
        for (id, v) in &self.amounts {
            let field = format!("amounts.{id}");
            match base.milestones.iter_mut().find(|m| &m.id == id) {
                Some(m) => {
                    let amount = match v {
                        Json::String(s) => Money::parse(s).map_err(|e| e.to_string()),
                        Json::Number(n) if n.is_u64() => Ok(Money::kr(n.as_i64().unwrap_or(0))),
                        other => Err(format!("{other} is not an amount; write a string such as \"5000.00\"")),
                    };
                    match amount {
                        Ok(a) if a < Money::ZERO => problems.push(Problem::new(field, None, "must not be negative")),
                        Ok(a) if a > Money::kr(100_000_000) => {
                            problems.push(Problem::new(field, None, format!("{a} is more than 100000000")))
                        }
                        Ok(a) => {
                            m.amount = a;
                            given.push(field);
                        }
                        Err(e) => problems.push(Problem::new(field, None, e)),
                    }
                }
                None => problems.push(Problem::new(field, None, format!("the contract has no milestone `{id}`"))),
            }
        }
        if problems.is_empty() { Ok((base, given)) } else { Err(problems) }
    }
}

fn pct_text(d: Decimal) -> String {
    plain_decimal(d * Decimal::ONE_HUNDRED, 2)
}

/// The result of one run, as the answer shows it.
pub fn result_json(r: &ScenarioResult) -> Json {
    json!({
        "job_starts": plain_decimal(r.job_starts, 2),
        "per_milestone": r.per_milestone.iter().map(|(id, n, a)| json!({ "milestone": id, "expected": plain_decimal(*n, 2), "amount": a.plain() })).collect::<Vec<_>>(),
        "payments": r.payments.plain(),
        "gross_savings": r.gross_savings.plain(),
        "savings": r.savings.plain(),
        "net_per_year": r.net.plain(),
        "net_per_referral": r.net_per_referral.map(|m| m.plain()),
        "break_even_deadweight_pct": r.break_even_deadweight.map(|s| plain_decimal(s.percent(2), 2)),
    })
}

/// An extension's period, its expected referrals and the three runs.
pub fn extension_json(e: &crate::report::extension::Extension) -> Json {
    let run = |r: &ScenarioResult| {
        let mut j = result_json(r);
        // Over the period, not a year.
        if let Some(o) = j.as_object_mut()
            && let Some(net) = o.remove("net_per_year")
        {
            o.insert("net".into(), net);
        }
        j
    };
    json!({
        "from": e.period.from.to_string(),
        "until": e.period.until.to_string(),
        "days": e.period.days(),
        "referrals_expected": plain_decimal(e.referrals, 2),
        "low": run(&e.low),
        "central": run(&e.central),
        "high": run(&e.high),
    })
}

/// The answer: the inputs used (and which were given), and the result.
pub fn out(
    contract: &str,
    group: &str,
    as_of: chrono::NaiveDate,
    input: &ScenarioInput,
    given: &[String],
    r: &ScenarioResult,
) -> Json {
    json!({
        "contract": contract,
        "target_group": group,
        "as_of": as_of,
        "inputs": {
            "referrals_per_year": plain_decimal(input.referrals, 2),
            "job_start_rate_pct": pct_text(input.job_start_rate),
            "retention_pct": input.milestones.iter().filter(|m| m.after_months > 0).map(|m| (m.id.clone(), json!(pct_text(m.rate)))).collect::<serde_json::Map<_, _>>(),
            "deadweight_pct": pct_text(input.deadweight),
            "months_saved": plain_decimal(input.months_saved, 2),
            "monthly_net_saving": input.monthly_net_saving.plain(),
            "amounts": input.milestones.iter().map(|m| (m.id.clone(), json!(m.amount.plain()))).collect::<serde_json::Map<_, _>>(),
        },
        "given": given,
        "result": result_json(r),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::scenario::ScenarioMilestone;
    use rust_decimal_macros::dec;

    fn base() -> ScenarioInput {
        ScenarioInput {
            referrals: dec!(92),
            job_start_rate: dec!(0.3),
            milestones: vec![
                ScenarioMilestone {
                    id: "job_start".into(),
                    after_months: 0,
                    amount: Money::kr(5000),
                    rate: Decimal::ONE,
                },
                ScenarioMilestone {
                    id: "retention_3m".into(),
                    after_months: 3,
                    amount: Money::kr(10000),
                    rate: dec!(0.6),
                },
            ],
            deadweight: Decimal::ZERO,
            months_saved: dec!(3),
            monthly_net_saving: Money::parse("12743.50").unwrap(),
        }
    }

    #[test]
    fn given_inputs_override_the_defaults() {
        let body: ScenarioIn = serde_json::from_value(json!({
            "referrals_per_year": 100, "job_start_rate_pct": "40", "deadweight_pct": "20",
            "retention_pct": { "retention_3m": "55.5" }, "amounts": { "job_start": "6000.00" }
        }))
        .unwrap();
        let (input, given) = body.apply(base()).unwrap();
        assert_eq!((input.referrals, input.job_start_rate, input.deadweight), (dec!(100), dec!(0.40), dec!(0.20)));
        assert_eq!(input.milestones[1].rate, dec!(0.555));
        assert_eq!(input.milestones[0].amount, Money::kr(6000));
        assert_eq!(input.months_saved, dec!(3), "not given: the default");
        assert_eq!(given.len(), 5);
    }

    #[test]
    fn inputs_far_beyond_any_municipality_are_refused_not_overflowed() {
        let body: ScenarioIn = serde_json::from_value(json!({
            "referrals_per_year": "99999999999999999999999999", "months_saved": "5000",
            "amounts": { "job_start": "9999999999999.00" }
        }))
        .unwrap();
        let problems = body.apply(base()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["referrals_per_year", "months_saved", "amounts.job_start"]);
        assert_eq!(problems[0].message, "99999999999999999999999999 is more than 1000000");
    }

    #[test]
    fn bad_inputs_are_all_reported() {
        let body: ScenarioIn = serde_json::from_value(json!({
            "job_start_rate_pct": 0.4, "deadweight_pct": "120", "months_saved": "-1",
            "retention_pct": { "retention_9m": "50", "job_start": "10" }, "amounts": { "job_start": "5000.001" }
        }))
        .unwrap();
        let problems = body.apply(base()).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "job_start_rate_pct",
                "deadweight_pct",
                "months_saved",
                "retention_pct.job_start",
                "retention_pct.retention_9m",
                "amounts.job_start"
            ]
        );
        // The float says what to send instead.
        assert_eq!(problems[0].message, "0.4 is a float, which is not exact; send \"0.4\" (a string)");
    }
}
