//! `[promises]`: the results the supplier promised, as percentages.

use rust_decimal::Decimal;

use super::Promises;
use crate::contract::fields::{Cx, line_of, obj};
use crate::contract::node::{Entry, Node, NodeValue};

/// A percentage from 0 to 100: an integer or a decimal string ("50",
/// "52.5"); a float is an error, as for amounts.
pub(super) fn percent(e: &Entry, field: &str, cx: &mut Cx) -> Option<crate::money::Share> {
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
            cx.said(
                field,
                line_of(e),
                format!("must be a percentage from 0 to 100, found {v}"),
                format!(
                    "skal være en procentsats fra 0 til 100, men er {}",
                    crate::money::danish_decimal(v, v.scale())
                ),
            );
            None
        }
        None => {
            cx.said(
                field,
                line_of(e),
                "expected a percentage such as 50 or \"52.5\"",
                "skal være en procentsats, fx `50` eller `\"52.5\"`",
            );
            None
        }
    }
}

/// `[promises]`: the supplier's promised shares of ordinarily ended courses.
pub(super) fn promises(n: &Node, cx: &mut Cx) -> Option<Promises> {
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
        cx.said(
            "promises.ordinary_job_pct",
            n.line,
            "cannot be more than any_job_pct: an ordinary job is a job of any kind",
            "kan ikke være større end `any_job_pct`: et ordinært job tæller også med i `any_job_pct`",
        );
        return None;
    }
    Some(Promises { ordinary_job, any_job })
}
