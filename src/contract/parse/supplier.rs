//! `[supplier]`: who is paid.

use super::Supplier;
use crate::contract::fields::{Cx, id, obj, text};
use crate::contract::node::Node;
use crate::ids::Cvr;

pub(super) fn supplier(n: &Node, cx: &mut Cx) -> Option<Supplier> {
    let mut o = obj(n, "supplier", cx)?;
    let name = o.req("name", cx, "the supplier's name").and_then(|e| text(e, "supplier.name", cx));
    let cvr =
        o.req("cvr", cx, "the supplier's CVR number (8 digits)").and_then(|e| id(e, "supplier.cvr", cx, Cvr::parse));
    o.finish(cx, &["name", "cvr"]);
    Some(Supplier { name: name?, cvr: cvr? })
}
