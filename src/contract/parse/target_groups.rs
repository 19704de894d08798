//! `[[target_groups]]`: who may be referred, their benefit, the estimate and
//! the eligibility condition.

use super::eligibility::condition;
use super::{Estimate, Period, TargetGroup};
use crate::benefit::Benefit;
use crate::contract::fields::{
    Cx, array, date, day, id, kind_da, known_benefits_da, line_of, money, obj, period, positive, quantity, text,
};
use crate::contract::node::{Entry, NodeValue};
use crate::ids::TargetGroupId;
use crate::money::Money;

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

const ESTIMATE_DA: &str = "mangler; et skøn kræver både `benefit_saving` og `expected_months_saved`";

pub(super) fn target_groups(e: &Entry, contract_period: Option<Period>, cx: &mut Cx) -> Option<Vec<TargetGroup>> {
    let items = array(e, "target_groups", cx)?;
    if items.is_empty() {
        cx.said("target_groups", line_of(e), "at least one target group is needed", "mindst én målgruppe er nødvendig");
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
                    cx.said(
                        &f("benefit"),
                        line_of(e),
                        format!("unknown benefit `{s}`; expected {}", Benefit::expected()),
                        format!("ukendt ydelse »{s}«; kendte ydelser er {}", known_benefits_da()),
                    );
                    None
                }),
                other => {
                    cx.said(
                        &f("benefit"),
                        line_of(e),
                        format!("expected a benefit name, found {}", other.kind()),
                        format!("skal være navnet på en ydelse, men er {}", kind_da(other)),
                    );
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
                    cx.said(
                        &f("fleksjob_subsidy"),
                        line_of(e),
                        format!("must not be negative, found {m}"),
                        format!("må ikke være negativt, men er {} kr.", m.danish()),
                    );
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
                    cx.said(
                        &f("benefit_saving"),
                        n.line,
                        "missing; an estimate needs benefit_saving and expected_months_saved together",
                        ESTIMATE_DA,
                    );
                }
                if m.is_none() {
                    cx.said(
                        &f("expected_months_saved"),
                        n.line,
                        "missing; an estimate needs benefit_saving and expected_months_saved together",
                        ESTIMATE_DA,
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
                        cx.said(
                            &format!("{path}.referrals"),
                            line,
                            format!(
                                "the group's referral period {} to {} must lie inside the contract's, {} to {}",
                                p.from, p.until, cp.from, cp.until
                            ),
                            format!(
                                "målgruppens henvisningsperiode {} til {} skal ligge inden for kontraktens, {} til {}",
                                day(p.from),
                                day(p.until),
                                day(cp.from),
                                day(cp.until)
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
                cx.said(
                    &f("id"),
                    line_of(e),
                    format!("duplicate target group `{gid}` (also target_groups[{j}])"),
                    format!("målgruppen `{gid}` står to gange (også som `target_groups[{j}]`)"),
                );
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
