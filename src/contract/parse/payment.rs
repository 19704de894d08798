//! `[payment_condition]`: what counts as work and when a milestone is paid.

use super::{OnBreak, PaymentCondition};
use crate::benefit::{BenefitSet, JobType};
use crate::contract::fields::{Cx, array, benefits, boolean, count, line_of, obj};
use crate::contract::node::{Node, NodeValue};

const PAYMENT: &[&str] = &["allowed_benefits", "max_gap_days", "on_break", "once_per_citizen", "job_types"];

pub(super) fn payment_condition(n: &Node, cx: &mut Cx) -> Option<PaymentCondition> {
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
                cx.said(
                    &f("on_break"),
                    line_of(e),
                    "expected \"forfeit\" or \"restart\"",
                    "skal være `\"forfeit\"` (raten bortfalder) eller `\"restart\"` (perioden starter forfra)",
                );
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
                        _ => cx.said(
                            &format!("{field}[{i}]"),
                            n.line.or(line_of(e)),
                            "expected \"ordinary\" or \"fleksjob\"",
                            "skal være `\"ordinary\"` (ordinært job) eller `\"fleksjob\"`",
                        ),
                    }
                }
                if items.is_empty() {
                    cx.said(&field, line_of(e), "must name at least one kind of job", "skal nævne mindst én slags job");
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
