//! The contract tree → [`Contract`], collecting every problem with its field
//! and line. The fields are the interface procurement writes (README,
//! "Contract files"); the text formats that carry them (TOML, JSON) are read
//! into the tree by the shell (`wire::contract_file`).

use super::eligibility::Condition;
use super::fields::{Cx, count, date, id, line_of, money, obj, quantity, text};
use super::node::{Entry, Node, NodeValue};
use super::problem::Problem;
use super::{
    Contract, ContractKind, Estimate, Milestone, OnBreak, PaymentCondition, Period, Promises, Supplier, TargetGroup,
};
use crate::ids::ContractId;

mod eligibility;
mod in_house;
mod milestones;
mod payment;
mod promises;
mod referrals;
mod registers;
mod supplier;
mod target_groups;

use milestones::milestones;
use payment::payment_condition;
use promises::{percent, promises};
use referrals::referrals;
use supplier::supplier;
use target_groups::target_groups;

/// A contract and the lines of the fields that cross-version checks refer to.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub contract: Contract,
    pub version_line: Option<u32>,
    pub effective_from_line: Option<u32>,
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
        return Err(vec![
            Problem::new("contract", root.line, format!("expected a table, found {}", root.value.kind()))
                .with_danish(format!("skal være en tabel, men er {}", crate::contract::fields::kind_da(&root.value))),
        ]);
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
            cx.said("version", line_of(e), "versions are numbered from 1", "versioner nummereres fra 1");
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
                cx.said(
                    "kind",
                    line_of(e),
                    "unknown contract kind; expected \"milestones\" or \"in_house\"",
                    "ukendt kontrakttype; skriv `\"milestones\"` (udbud med milepæle) eller `\"in_house\"` (egen drift)",
                );
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
        cx.said(
            "cost",
            line_of(e),
            "only an in-house option (kind = \"in_house\") has a [cost] table",
            "kun egen drift (`kind = \"in_house\"`) har en `[cost]`-tabel",
        );
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
                cx.said(
                    "payment_condition.allowed_benefits",
                    None,
                    format!(
                        "allows {}, the benefit of target group `{}` (target_groups[{i}]): a citizen still on that benefit would count as in work",
                        g.benefit, g.id
                    ),
                    format!(
                        "tillader {}, som er ydelsen for målgruppen `{}` (`target_groups[{i}]`): en borger, der stadig får den ydelse, ville tælle som i arbejde",
                        g.benefit.danish(),
                        g.id
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
