//! `[referrals]`: the dates of the referrals the contract covers.

use super::Period;
use crate::contract::fields::{Cx, date, line_of, obj, period};
use crate::contract::node::Node;

pub(super) fn referrals(n: &Node, cx: &mut Cx) -> Option<Period> {
    let mut o = obj(n, "referrals", cx)?;
    let from = o.req("from", cx, "the first referral date").and_then(|e| date(e, "referrals.from", cx));
    let until_e = o.req("until", cx, "the last referral date");
    let until = until_e.and_then(|e| date(e, "referrals.until", cx));
    o.finish(cx, &["from", "until"]);
    period(from, until, "referrals", until_e.and_then(line_of).or(n.line), cx)
}
