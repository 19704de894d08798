//! Contract file → [`Contract`], collecting every problem with its field and
//! line. The file format is the interface procurement writes (README,
//! "Contract files"); this module is the only place that knows it.

use rust_decimal::Decimal;

use super::eligibility::{CONDITION_NAMES, Condition};
use super::fields::{
    Cx, array, benefits, boolean, count, date, element, id, line_of, money, obj, period, positive, quantity, text,
};
use super::node::{self, Entry, Node, NodeValue};
use super::problem::Problem;
use super::{
    Contract, ContractKind, Estimate, Milestone, OnBreak, PaymentCondition, Period, Promises, Supplier, TargetGroup,
};
use crate::benefit::{Benefit, BenefitSet, JobType};
use crate::ids::{ContractId, Cvr, MilestoneId, TargetGroupId};
use crate::money::Money;

mod in_house;
mod registers;

/// A contract and the lines of the fields that cross-version checks refer to.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub contract: Contract,
    pub version_line: Option<u32>,
    pub effective_from_line: Option<u32>,
}

/// Parses a TOML contract file.
pub fn parse_toml(text: &str) -> Result<Parsed, Vec<Problem>> {
    let root = node::from_toml(text).map_err(|p| vec![p])?;
    from_node(&root)
}

/// Parses a contract given as JSON (same fields; dates as `"2025-02-01"`).
pub fn parse_json(value: &serde_json::Value) -> Result<Parsed, Vec<Problem>> {
    from_node(&node::from_json(value))
}

const TOP: &[&str] = &[
    "id",
    "version",
    "kind",
    "title",
    "buyer",
    "effective_from",
    "supersedes",
    "supplier",
    "referrals",
    "payment_condition",
    "milestones",
    "target_groups",
    "promises",
    "cost",
    "registers",
];

/// Validates a contract tree. Every problem is reported; a contract is
/// returned only when there are none.
pub fn from_node(root: &Node) -> Result<Parsed, Vec<Problem>> {
    let mut cx = Cx { problems: Vec::new() };
    if !matches!(root.value, NodeValue::Table(_)) {
        // A JSON body that is not an object: name the whole contract.
        return Err(vec![Problem::new(
            "contract",
            root.line,
            format!("expected a table, found {}", root.value.kind()),
        )]);
    }
    let Some(mut top) = obj(root, "", &mut cx) else {
        return Err(cx.problems);
    };

    let id_e = top.req("id", &mut cx, "the contract's id, e.g. \"lejre-jobparate\"");
    let contract_id = id_e.and_then(|e| id(e, "id", &mut cx, ContractId::parse));

    let version_e = top.req("version", &mut cx, "a version number (1, 2, ...)");
    let version = version_e.and_then(|e| {
        let v = count(e, "version", &mut cx)?;
        if v == 0 {
            cx.err("version", line_of(e), "versions are numbered from 1");
            return None;
        }
        Some(v)
    });

    let kind = match top.opt("kind") {
        None => Some(ContractKind::Milestones),
        Some(e) => match &e.node.value {
            NodeValue::Str(s) if s == "milestones" => Some(ContractKind::Milestones),
            NodeValue::Str(s) if s == "in_house" => {
                in_house::cost(top.req("cost", &mut cx, "a [cost] table"), &mut cx).map(ContractKind::InHouse)
            }
            _ => {
                cx.err("kind", line_of(e), "unknown contract kind; expected \"milestones\" or \"in_house\"");
                None
            }
        },
    };
    // An in-house file's milestones are read as such even when its [cost]
    // has problems, so that every problem is reported once.
    let is_in_house = top.opt("kind").is_some_and(|e| matches!(&e.node.value, NodeValue::Str(s) if s == "in_house"));
    if !is_in_house
        && let Some(e) = top.opt("cost")
        && kind.is_some()
    {
        cx.err("cost", line_of(e), "only an in-house option (kind = \"in_house\") has a [cost] table");
    }

    let title = top.req("title", &mut cx, "a title").and_then(|e| text(e, "title", &mut cx));
    let buyer = top.req("buyer", &mut cx, "the buying municipality").and_then(|e| text(e, "buyer", &mut cx));
    let effective_e = top.req("effective_from", &mut cx, "the date this version takes effect");
    let effective_from = effective_e.and_then(|e| date(e, "effective_from", &mut cx));

    let supersedes = top.opt("supersedes").and_then(|e| {
        let s = count(e, "supersedes", &mut cx)?;
        if let Some(v) = version
            && s >= v
        {
            cx.said(
                "supersedes",
                line_of(e),
                format!("version {v} can only supersede an earlier version, found {s}"),
                format!("version {v} kan kun erstatte en tidligere version, men erstatter {s}"),
            );
            return None;
        }
        Some(s)
    });

    let supplier = top.req("supplier", &mut cx, "a [supplier] table").and_then(|e| supplier(&e.node, &mut cx));
    let referrals = top.req("referrals", &mut cx, "a [referrals] table").and_then(|e| referrals(&e.node, &mut cx));
    let payment = top
        .req("payment_condition", &mut cx, "a [payment_condition] table")
        .and_then(|e| payment_condition(&e.node, &mut cx));
    let milestones = top
        .req("milestones", &mut cx, "at least one [[milestones]] entry")
        .and_then(|e| milestones(e, is_in_house, &mut cx));
    let groups = top
        .req("target_groups", &mut cx, "at least one [[target_groups]] entry")
        .and_then(|e| target_groups(e, referrals, &mut cx));
    let promises = match top.opt("promises") {
        None => Some(Promises::default()),
        Some(e) => promises(&e.node, &mut cx),
    };
    let registers = registers::registers(top.opt("registers"), &mut cx);
    top.finish(&mut cx, TOP);

    if let (Some(p), Some(groups)) = (&payment, &groups) {
        for (i, g) in groups.iter().enumerate() {
            if p.allowed_benefits.contains(g.benefit) {
                cx.err(
                    "payment_condition.allowed_benefits",
                    None,
                    format!(
                        "allows {}, the benefit of target group `{}` (target_groups[{i}]): a citizen still on that benefit would count as in work",
                        g.benefit, g.id
                    ),
                );
            }
        }
    }

    match (
        contract_id,
        version,
        kind,
        title,
        buyer,
        effective_from,
        supplier,
        referrals,
        payment,
        milestones,
        groups,
        promises,
        registers,
    ) {
        (
            Some(id),
            Some(version),
            Some(kind),
            Some(title),
            Some(buyer),
            Some(effective_from),
            Some(supplier),
            Some(referrals),
            Some(payment),
            Some(milestones),
            Some(target_groups),
            Some(promises),
            Some(registers),
        ) if cx.problems.is_empty() => Ok(Parsed {
            contract: Contract {
                id,
                version,
                kind,
                title,
                buyer,
                effective_from,
                supersedes,
                supplier,
                referrals,
                payment,
                milestones,
                target_groups,
                promises,
                registers,
            },
            version_line: version_e.and_then(line_of),
            effective_from_line: effective_e.and_then(line_of),
        }),
        _ => Err(cx.problems),
    }
}

/// A percentage from 0 to 100: an integer or a decimal string ("50",
/// "52.5"); a float is an error, as for amounts.
fn percent(e: &Entry, field: &str, cx: &mut Cx) -> Option<crate::money::Share> {
    let value = match &e.node.value {
        NodeValue::Int(i) => Some(Decimal::from(*i)),
        NodeValue::Str(s) => s.trim().parse::<Decimal>().ok().filter(|_| !s.contains(['e', 'E'])),
        _ => None,
    };
    match value {
        Some(v) if v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED => {
            Some(crate::money::Share::from_ratio(v / Decimal::ONE_HUNDRED))
        }
        Some(v) => {
            cx.err(field, line_of(e), format!("must be a percentage from 0 to 100, found {v}"));
            None
        }
        None => {
            cx.err(field, line_of(e), "expected a percentage such as 50 or \"52.5\"");
            None
        }
    }
}

/// `[promises]`: the supplier's promised shares of ordinarily ended courses.
fn promises(n: &Node, cx: &mut Cx) -> Option<Promises> {
    let mut o = obj(n, "promises", cx)?;
    let ordinary = o.opt("ordinary_job_pct").map(|e| percent(e, "promises.ordinary_job_pct", cx));
    let any = o.opt("any_job_pct").map(|e| percent(e, "promises.any_job_pct", cx));
    o.finish(cx, &["ordinary_job_pct", "any_job_pct"]);
    let ordinary_job = match ordinary {
        Some(None) => return None,
        Some(v) => v,
        None => None,
    };
    let any_job = match any {
        Some(None) => return None,
        Some(v) => v,
        None => None,
    };
    if let (Some(o), Some(a)) = (ordinary_job, any_job)
        && o > a
    {
        cx.err(
            "promises.ordinary_job_pct",
            n.line,
            "cannot be more than any_job_pct: an ordinary job is a job of any kind",
        );
        return None;
    }
    Some(Promises { ordinary_job, any_job })
}

fn supplier(n: &Node, cx: &mut Cx) -> Option<Supplier> {
    let mut o = obj(n, "supplier", cx)?;
    let name = o.req("name", cx, "the supplier's name").and_then(|e| text(e, "supplier.name", cx));
    let cvr =
        o.req("cvr", cx, "the supplier's CVR number (8 digits)").and_then(|e| id(e, "supplier.cvr", cx, Cvr::parse));
    o.finish(cx, &["name", "cvr"]);
    Some(Supplier { name: name?, cvr: cvr? })
}

fn referrals(n: &Node, cx: &mut Cx) -> Option<Period> {
    let mut o = obj(n, "referrals", cx)?;
    let from = o.req("from", cx, "the first referral date").and_then(|e| date(e, "referrals.from", cx));
    let until_e = o.req("until", cx, "the last referral date");
    let until = until_e.and_then(|e| date(e, "referrals.until", cx));
    o.finish(cx, &["from", "until"]);
    period(from, until, "referrals", until_e.and_then(line_of).or(n.line), cx)
}

const PAYMENT: &[&str] = &["allowed_benefits", "max_gap_days", "on_break", "once_per_citizen", "job_types"];

fn payment_condition(n: &Node, cx: &mut Cx) -> Option<PaymentCondition> {
    let mut o = obj(n, "payment_condition", cx)?;
    let f = |k: &str| format!("payment_condition.{k}");
    let allowed = match o.opt("allowed_benefits") {
        Some(e) => benefits(e, &f("allowed_benefits"), cx),
        None => Some(BenefitSet::default()),
    };
    let max_gap = match o.opt("max_gap_days") {
        Some(e) => count(e, &f("max_gap_days"), cx),
        None => Some(0),
    };
    let on_break = match o.opt("on_break") {
        None => Some(OnBreak::Forfeit),
        Some(e) => match &e.node.value {
            NodeValue::Str(s) if s == "forfeit" => Some(OnBreak::Forfeit),
            NodeValue::Str(s) if s == "restart" => Some(OnBreak::Restart),
            _ => {
                cx.err(&f("on_break"), line_of(e), "expected \"forfeit\" or \"restart\"");
                None
            }
        },
    };
    let once = match o.opt("once_per_citizen") {
        Some(e) => boolean(e, &f("once_per_citizen"), cx),
        None => Some(true),
    };
    let job_types = match o.opt("job_types") {
        None => Some(JobType::ALL.to_vec()),
        Some(e) => {
            let field = f("job_types");
            array(e, &field, cx).and_then(|items| {
                let mut out = Vec::new();
                for (i, n) in items.iter().enumerate() {
                    match &n.value {
                        NodeValue::Str(s) if JobType::parse(s).is_some() => {
                            out.extend(JobType::parse(s).filter(|j| !out.contains(j)))
                        }
                        _ => cx.err(
                            &format!("{field}[{i}]"),
                            n.line.or(line_of(e)),
                            "expected \"ordinary\" or \"fleksjob\"",
                        ),
                    }
                }
                if items.is_empty() {
                    cx.err(&field, line_of(e), "must name at least one kind of job");
                }
                (out.len() == items.len() && !out.is_empty()).then_some(out)
            })
        }
    };
    o.finish(cx, PAYMENT);
    Some(PaymentCondition {
        allowed_benefits: allowed?,
        max_gap_days: max_gap?,
        on_break: on_break?,
        once_per_citizen: once?,
        job_types: job_types?,
    })
}

/// An in-house option's milestones are measured, not paid: no amount (or 0).
fn milestones(e: &Entry, in_house: bool, cx: &mut Cx) -> Option<Vec<Milestone>> {
    let items = array(e, "milestones", cx)?;
    if items.is_empty() {
        cx.err("milestones", line_of(e), "at least one milestone is needed");
        return None;
    }
    let mut out: Vec<Milestone> = Vec::new();
    let mut ok = true;
    // Tracked apart from `out`, so that an entry with another problem still
    // takes part in the duplicate and order checks.
    let mut seen: Vec<(MilestoneId, usize)> = Vec::new();
    let mut previous: Option<(u32, String)> = None;
    for (i, n) in items.iter().enumerate() {
        let path = format!("milestones[{i}]");
        let Some(mut o) = obj(n, &path, cx) else {
            ok = false;
            continue;
        };
        let id_e = o.req("id", cx, "an id such as \"job_start\"");
        let mid = id_e.and_then(|e| id(e, &format!("{path}.id"), cx, MilestoneId::parse));
        let months_e = o.req("after_months", cx, "0 for job start, or the months the job must be kept");
        let after = months_e.and_then(|e| count(e, &format!("{path}.after_months"), cx));
        let amount_e = if in_house { o.opt("amount") } else { o.req("amount", cx, "an amount such as \"5000.00\"") };
        let amount = if in_house {
            in_house::unpaid(amount_e, &path, cx)
        } else {
            amount_e.and_then(|e| {
                let m = money(e, &format!("{path}.amount"), cx)?;
                positive(m, &format!("{path}.amount"), line_of(e), cx)
            })
        };
        o.finish(cx, &["id", "after_months", "amount"]);
        if let (Some(mid), Some(e)) = (&mid, id_e) {
            if let Some((_, j)) = seen.iter().find(|(m, _)| m == mid) {
                cx.err(
                    &format!("{path}.id"),
                    line_of(e),
                    format!("duplicate milestone id `{mid}` (also milestones[{j}])"),
                );
                ok = false;
            }
            seen.push((mid.clone(), i));
        }
        if let (Some(after), Some(e)) = (after, months_e) {
            if let Some((prev, prev_id)) = &previous
                && after <= *prev
            {
                cx.err(
                    &format!("{path}.after_months"),
                    line_of(e),
                    format!("milestones must be in ascending order of after_months: {after} does not come after {prev} (`{prev_id}`)"),
                );
                ok = false;
            }
            previous = Some((after, mid.as_ref().map_or(format!("milestones[{i}]"), |m| m.to_string())));
        }
        match (mid, after, amount) {
            (Some(id), Some(after_months), Some(amount)) => out.push(Milestone { id, after_months, amount }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

const GROUP: &[&str] = &[
    "id",
    "label",
    "benefit",
    "benefit_saving",
    "expected_months_saved",
    "fleksjob_subsidy",
    "eligibility",
    "referrals_from",
    "referrals_until",
];

fn target_groups(e: &Entry, contract_period: Option<Period>, cx: &mut Cx) -> Option<Vec<TargetGroup>> {
    let items = array(e, "target_groups", cx)?;
    if items.is_empty() {
        cx.err("target_groups", line_of(e), "at least one target group is needed");
        return None;
    }
    let mut out: Vec<TargetGroup> = Vec::new();
    let mut ok = true;
    let mut seen: Vec<(TargetGroupId, usize)> = Vec::new();
    for (i, n) in items.iter().enumerate() {
        let path = format!("target_groups[{i}]");
        let Some(mut o) = obj(n, &path, cx) else {
            ok = false;
            continue;
        };
        let f = |k: &str| format!("{path}.{k}");
        let id_e = o.req("id", cx, "an id such as \"dagpenge\"");
        let gid = id_e.and_then(|e| id(e, &f("id"), cx, TargetGroupId::parse));
        let label = o.opt("label").and_then(|e| text(e, &f("label"), cx));
        let benefit = o.req("benefit", cx, &format!("the group's benefit, {}", Benefit::expected())).and_then(|e| {
            match &e.node.value {
                NodeValue::Str(s) => Benefit::parse(s).or_else(|| {
                    cx.err(
                        &f("benefit"),
                        line_of(e),
                        format!("unknown benefit `{s}`; expected {}", Benefit::expected()),
                    );
                    None
                }),
                other => {
                    cx.err(&f("benefit"), line_of(e), format!("expected a benefit name, found {}", other.kind()));
                    None
                }
            }
        });
        let saving_e = o.opt("benefit_saving");
        let months_e = o.opt("expected_months_saved");
        let subsidy_e = o.opt("fleksjob_subsidy");
        let saving = saving_e.map(|e| {
            let m = money(e, &f("benefit_saving"), cx)?;
            positive(m, &f("benefit_saving"), line_of(e), cx)
        });
        let months = months_e.map(|e| quantity(e, &f("expected_months_saved"), cx));
        let subsidy = subsidy_e.map(|e| {
            money(e, &f("fleksjob_subsidy"), cx).and_then(|m| {
                if m < Money::ZERO {
                    cx.err(&f("fleksjob_subsidy"), line_of(e), format!("must not be negative, found {m}"));
                    None
                } else {
                    Some(m)
                }
            })
        });
        let estimate = match (saving, months, subsidy) {
            (None, None, None) => Some(None),
            (Some(Some(benefit_saving)), Some(Some(expected_months_saved)), subsidy) => match subsidy {
                Some(None) => None,
                Some(Some(fleksjob_subsidy)) => {
                    Some(Some(Estimate { benefit_saving, expected_months_saved, fleksjob_subsidy }))
                }
                None => Some(Some(Estimate { benefit_saving, expected_months_saved, fleksjob_subsidy: Money::ZERO })),
            },
            (s, m, _) => {
                if s.is_none() {
                    cx.err(
                        &f("benefit_saving"),
                        n.line,
                        "missing; an estimate needs benefit_saving and expected_months_saved together",
                    );
                }
                if m.is_none() {
                    cx.err(
                        &f("expected_months_saved"),
                        n.line,
                        "missing; an estimate needs benefit_saving and expected_months_saved together",
                    );
                }
                None
            }
        };
        let eligibility = match o.opt("eligibility") {
            None => Some(None),
            Some(e) => condition(&e.node, &f("eligibility"), line_of(e), cx).map(Some),
        };
        let from_e = o.opt("referrals_from");
        let until_e = o.opt("referrals_until");
        let group_from = from_e.map(|e| date(e, &f("referrals_from"), cx));
        let group_until = until_e.map(|e| date(e, &f("referrals_until"), cx));
        let mut group_period = Some(None);
        if group_from.is_some() || group_until.is_some() {
            group_period = None;
            if let Some(cp) = contract_period {
                let from = group_from.unwrap_or(Some(cp.from));
                let until = group_until.unwrap_or(Some(cp.until));
                let line = until_e.or(from_e).and_then(line_of);
                if let Some(p) = period(from, until, &format!("{path}.referrals"), line, cx) {
                    if p.from < cp.from || p.until > cp.until {
                        cx.err(
                            &format!("{path}.referrals"),
                            line,
                            format!(
                                "the group's referral period {} to {} must lie inside the contract's, {} to {}",
                                p.from, p.until, cp.from, cp.until
                            ),
                        );
                    } else {
                        group_period = Some(Some(p));
                    }
                }
            }
        }
        o.finish(cx, GROUP);
        if let (Some(gid), Some(e)) = (&gid, id_e) {
            if let Some((_, j)) = seen.iter().find(|(g, _)| g == gid) {
                cx.err(&f("id"), line_of(e), format!("duplicate target group `{gid}` (also target_groups[{j}])"));
                ok = false;
            }
            seen.push((gid.clone(), i));
        }
        match (gid, benefit, estimate, eligibility, group_period) {
            (Some(id), Some(benefit), Some(estimate), Some(eligibility), Some(referrals)) => out.push(TargetGroup {
                label: label.unwrap_or_else(|| id.to_string()),
                id,
                benefit,
                estimate,
                eligibility,
                referrals,
            }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// A condition is a table with exactly one key naming the condition.
fn condition(n: &Node, path: &str, line: Option<u32>, cx: &mut Cx) -> Option<Condition> {
    let line = n.line.or(line);
    let NodeValue::Table(entries) = &n.value else {
        cx.err(path, line, format!("expected a condition such as {{ age_at_least = 50 }}, found {}", n.value.kind()));
        return None;
    };
    let [entry] = entries.as_slice() else {
        cx.err(
            path,
            line,
            format!(
                "a condition has exactly one of {}; found {} keys (combine several with all = [...])",
                CONDITION_NAMES.join(", "),
                entries.len()
            ),
        );
        return None;
    };
    let field = format!("{path}.{}", entry.key);
    let list = |cx: &mut Cx| -> Option<Vec<Condition>> {
        let items = array(entry, &field, cx)?;
        if items.is_empty() {
            cx.err(&field, line_of(entry), "must hold at least one condition");
            return None;
        }
        let parsed: Vec<Option<Condition>> =
            items.iter().enumerate().map(|(i, c)| condition(c, &format!("{field}[{i}]"), line_of(entry), cx)).collect();
        parsed.into_iter().collect()
    };
    match entry.key.as_str() {
        "all" => list(cx).map(Condition::All),
        "any" => list(cx).map(Condition::Any),
        "not" => condition(&entry.node, &field, line_of(entry), cx).map(|c| Condition::Not(Box::new(c))),
        "age_at_least" => count(entry, &field, cx).map(Condition::AgeAtLeast),
        "age_below" => count(entry, &field, cx).map(Condition::AgeBelow),
        "unemployed_months_more_than" => count(entry, &field, cx).map(Condition::UnemployedMonthsMoreThan),
        "unemployed_months_at_least" => count(entry, &field, cx).map(Condition::UnemployedMonthsAtLeast),
        "unemployed_months_below" => count(entry, &field, cx).map(Condition::UnemployedMonthsBelow),
        "a_kasse_in" => {
            let items = array(entry, &field, cx)?;
            let codes: Vec<String> =
                items.iter().enumerate().filter_map(|(i, c)| text(&element(c), &format!("{field}[{i}]"), cx)).collect();
            if items.is_empty() {
                cx.err(&field, line_of(entry), "must name at least one a-kasse");
            }
            (codes.len() == items.len() && !codes.is_empty()).then_some(Condition::AKasseIn(codes))
        }
        "benefit_in" => benefits(entry, &field, cx).map(Condition::BenefitIn),
        other => {
            cx.err(
                &field,
                line_of(entry),
                format!("unknown condition or attribute `{other}`; expected one of {}", CONDITION_NAMES.join(", ")),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "t"
version = 1
title = "Test"
buyer = "Kommune"
effective_from = 2025-01-01

[supplier]
name = "S"
cvr = "12345678"

[referrals]
from = 2025-02-01
until = 2025-12-31

[payment_condition]
allowed_benefits = ["fleksjob"]

[[milestones]]
id = "job_start"
after_months = 0
amount = "5000.00"

[[target_groups]]
id = "dagpenge"
benefit = "dagpenge"
benefit_saving = "50974.00"
expected_months_saved = 4
"#;

    #[test]
    fn a_minimal_contract_parses_with_defaults() {
        let c = parse_toml(GOOD).unwrap().contract;
        assert_eq!(c.payment.max_gap_days, 0);
        assert_eq!(c.payment.on_break, OnBreak::Forfeit);
        assert!(c.payment.once_per_citizen);
        assert_eq!(c.target_groups[0].estimate.as_ref().unwrap().fleksjob_subsidy, Money::ZERO);
        assert_eq!(c.target_groups[0].label, "dagpenge");
    }

    #[test]
    fn a_float_amount_is_refused_with_its_line() {
        let text = GOOD.replace("amount = \"5000.00\"", "amount = 5000.0");
        let problems = parse_toml(&text).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field, "milestones[0].amount");
        assert_eq!(problems[0].line, Some(22));
        assert!(problems[0].message.contains("float"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = GOOD
            .replace("until = 2025-12-31", "until = 2025-01-31")
            .replace("cvr = \"12345678\"", "cvr = \"1234\"")
            .replace(
                "expected_months_saved = 4",
                "expected_months_saved = 4\neligibility = { shoe_size_at_least = 42 }",
            )
            .replace("allowed_benefits = [\"fleksjob\"]", "allowed_benefits = [\"flexjob\"]");
        let problems = parse_toml(&text).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert!(fields.contains(&"referrals"), "{fields:?}");
        assert!(fields.contains(&"supplier.cvr"), "{fields:?}");
        assert!(fields.contains(&"target_groups[0].eligibility.shoe_size_at_least"), "{fields:?}");
        assert!(fields.contains(&"payment_condition.allowed_benefits[0]"), "{fields:?}");
        assert_eq!(problems.len(), 4, "{problems:?}");
    }

    #[test]
    fn json_contracts_use_the_same_rules() {
        let v = serde_json::json!({
            "id": "t", "version": 1, "title": "T", "buyer": "B", "effective_from": "2025-01-01",
            "supplier": { "name": "S", "cvr": "12345678" },
            "referrals": { "from": "2025-02-01", "until": "2025-12-31" },
            "payment_condition": {},
            "milestones": [ { "id": "job_start", "after_months": 0, "amount": 5000.5 } ],
            "target_groups": [ { "id": "g", "benefit": "dagpenge", "benefit_saving": "1.00", "expected_months_saved": 1 } ]
        });
        let problems = parse_json(&v).unwrap_err();
        assert_eq!(problems[0].field, "milestones[0].amount");
    }
}
