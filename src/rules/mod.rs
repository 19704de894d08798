//! The rules, one file each. Pure functions over a course's facts, a
//! contract version and `as_of`; each pushes the steps that decided it to
//! the trace.

pub mod admission;
pub mod job_start;
pub mod retention;
pub mod status;
pub mod timeline;
