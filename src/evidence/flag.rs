//! Invoice verification's second opinion: an approved line whose milestone
//! the register evidence does not achieve is flagged (not rejected) with
//! what the registers say. A line is looked at only when an income extract
//! is loaded that reaches the day the milestone was achieved: before the
//! registers cover a month, their silence is no evidence.

use std::borrow::Borrow;
use std::collections::HashMap;

use super::Registers;
use super::judge::check_until;
use crate::contract::ContractSet;
use crate::contract::set::InForce;
use crate::course::Course;
use crate::ids::CourseId;
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
    // Each course and each citizen's rows found once, not per line.
    let by_id: HashMap<&CourseId, &Course> = courses.iter().map(|c| (&c.borrow().id, c.borrow())).collect();
    let by_citizen = registers.by_citizen();
    let none = Registers::default();
    for line in &mut v.lines {
        let LineStatus::Approved { achieved_on, .. } = &line.status else { continue };
        if *achieved_on > until {
            continue;
        }
        let Some(course) = by_id.get(&line.course_id).copied() else { continue };
        let registers = by_citizen.get(&course.citizen).unwrap_or(&none);
        let InForce::Version(contract) = contracts.in_force(course.contract.as_str(), course.referred_on) else {
            continue;
        };
        let Some(index) = contract.milestone_index(&line.milestone) else { continue };
        let Some(rc) = check_until(contracts, course, registers, Some(until), invoice.as_of) else { continue };
        if !rc.milestone(index).is_some_and(|m| m.disagrees()) {
            continue;
        }
        let say = |lang: Lang| rc.differences.iter().map(|d| d.say(lang)).collect::<Vec<_>>().join("; ");
        line.registers = Some(Said { en: say(Lang::En), da: say(Lang::Da) });
    }
}
