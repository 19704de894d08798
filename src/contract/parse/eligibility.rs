//! A target group's `eligibility` condition: one key naming the condition,
//! combined with `all`, `any` and `not`.

use super::Condition;
use crate::contract::eligibility::CONDITION_NAMES;
use crate::contract::fields::{Cx, array, benefits, count, element, kind_da, line_of, text, ticked};
use crate::contract::node::{Node, NodeValue};

/// A condition is a table with exactly one key naming the condition.
pub(super) fn condition(n: &Node, path: &str, line: Option<u32>, cx: &mut Cx) -> Option<Condition> {
    let line = n.line.or(line);
    let NodeValue::Table(entries) = &n.value else {
        cx.said(
            path,
            line,
            format!("expected a condition such as {{ age_at_least = 50 }}, found {}", n.value.kind()),
            format!("skal være en betingelse som `{{ age_at_least = 50 }}`, men er {}", kind_da(&n.value)),
        );
        return None;
    };
    let [entry] = entries.as_slice() else {
        cx.said(
            path,
            line,
            format!(
                "a condition has exactly one of {}; found {} keys (combine several with all = [...])",
                CONDITION_NAMES.join(", "),
                entries.len()
            ),
            format!(
                "en betingelse har præcis én af {}, men her er {} (saml flere med `all = [...]`)",
                ticked(CONDITION_NAMES),
                entries.len()
            ),
        );
        return None;
    };
    let field = format!("{path}.{}", entry.key);
    let list = |cx: &mut Cx| -> Option<Vec<Condition>> {
        let items = array(entry, &field, cx)?;
        if items.is_empty() {
            cx.said(&field, line_of(entry), "must hold at least one condition", "skal rumme mindst én betingelse");
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
                cx.said(&field, line_of(entry), "must name at least one a-kasse", "skal nævne mindst én a-kasse");
            }
            (codes.len() == items.len() && !codes.is_empty()).then_some(Condition::AKasseIn(codes))
        }
        "benefit_in" => benefits(entry, &field, cx).map(Condition::BenefitIn),
        other => {
            cx.said(
                &field,
                line_of(entry),
                format!("unknown condition or attribute `{other}`; expected one of {}", CONDITION_NAMES.join(", ")),
                format!("ukendt betingelse `{other}`; kendte betingelser er {}", ticked(CONDITION_NAMES)),
            );
            None
        }
    }
}
