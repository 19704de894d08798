//! `[[milestones]]`: the months a job must be kept and what each pays.

use super::{Milestone, in_house};
use crate::contract::fields::{Cx, array, count, id, line_of, money, obj, positive};
use crate::contract::node::Entry;
use crate::ids::MilestoneId;

/// An in-house option's milestones are measured, not paid: no amount (or 0).
pub(super) fn milestones(e: &Entry, in_house: bool, cx: &mut Cx) -> Option<Vec<Milestone>> {
    let items = array(e, "milestones", cx)?;
    if items.is_empty() {
        cx.said("milestones", line_of(e), "at least one milestone is needed", "mindst én milepæl er nødvendig");
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
                cx.said(
                    &format!("{path}.id"),
                    line_of(e),
                    format!("duplicate milestone id `{mid}` (also milestones[{j}])"),
                    format!("milepælen `{mid}` står to gange (også som `milestones[{j}]`)"),
                );
                ok = false;
            }
            seen.push((mid.clone(), i));
        }
        if let (Some(after), Some(e)) = (after, months_e) {
            if let Some((prev, prev_id)) = &previous
                && after <= *prev
            {
                cx.said(
                    &format!("{path}.after_months"),
                    line_of(e),
                    format!("milestones must be in ascending order of after_months: {after} does not come after {prev} (`{prev_id}`)"),
                    format!("milepæle skal stå i stigende rækkefølge efter `after_months`: {after} kommer ikke efter {prev} (`{prev_id}`)"),
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
