//! Invoice verification's second opinion: an approved line whose milestone
//! the register evidence does not achieve is flagged (not rejected) with
//! what the registers say. A line is looked at only when an income extract
//! is loaded that reaches the day the milestone was achieved: before the
//! registers cover a month, their silence is no evidence.

use std::borrow::Borrow;

use super::Registers;
use super::judge::check;
use crate::contract::ContractSet;
use crate::contract::set::InForce;
use crate::course::Course;
use crate::invoice::{Invoice, LineStatus, Verification};
use crate::lang::{Lang, Said};

/// The reason code a flagged line carries.
pub const CODE: &str = "registers_disagree";

/// Flags the approved lines of `v` whose register evidence disagrees.
pub fn flag<C: Borrow<Course>>(
    v: &mut Verification,
    invoice: &Invoice,
    contracts: &ContractSet,
    courses: &[C],
    registers: &Registers,
) {
    let Some(until) = registers.income_until() else { return };
    for line in &mut v.lines {
        let LineStatus::Approved { achieved_on, .. } = &line.status else { continue };
        if *achieved_on > until {
            continue;
        }
        let Some(course) = courses.iter().map(Borrow::borrow).find(|c| c.id == line.course_id) else { continue };
        let InForce::Version(contract) = contracts.in_force(course.contract.as_str(), course.referred_on) else {
            continue;
        };
        let Some(index) = contract.milestone_index(&line.milestone) else { continue };
        let Some(rc) = check(contracts, course, registers, invoice.as_of) else { continue };
        if !rc.milestone(index).is_some_and(|m| m.disagrees()) {
            continue;
        }
        let say = |lang: Lang| rc.differences.iter().map(|d| d.say(lang)).collect::<Vec<_>>().join("; ");
        line.registers = Some(Said { en: say(Lang::En), da: say(Lang::Da) });
    }
}
