//! nocure: the engine that decides what a municipality pays for outcomes.
//!
//! Danish municipalities buy job-placement courses on "no cure – no pay"
//! terms: the supplier is paid in stages (job start, 3 and 6 months kept)
//! only while the referred citizen works without benefit. This crate judges
//! each course against its contract as of a date, with a trace a finance
//! officer can check by hand.
//!
//! # Layout
//!
//! The core is pure: no clock, no disk, no network; `as_of` is always an
//! argument.
//!
//! - [`money`], [`calendar`], [`ids`], [`benefit`]: values parsed once at the
//!   edge (amounts in kroner, calendar months, pseudonyms, benefits).
//! - [`contract`]: the contract model, its file format and validation, and
//!   the set of versions ([`contract::ContractSet`]).
//! - [`course`]: a referred citizen's course and its events, reduced to facts.
//! - [`rules`]: one file per rule (admission, job start, retention, status)
//!   over a [`rules::timeline::Timeline`] of job spells and benefit periods.
//! - [`evaluate`]: runs the rules for a course and records the trace;
//!   [`verdict`] holds the answers.
//! - [`case`]: the investment case per target group.
//! - [`grant`]: the second contract kind, a grant pool whose second tranche
//!   depends on the monthly share of participants in work or education.
//! - [`stats`]: intervals for small groups (Wilson score), in decimals.
//!
//! The shell does I/O and calls the core: [`load`] reads files, [`wire`]
//! holds the JSON/CSV formats, [`render`] prints tables, [`cli`] is the
//! command line.

pub mod api;
pub mod benefit;
pub mod budget;
pub mod calendar;
pub mod case;
pub mod cli;
pub mod contract;
pub mod course;
pub mod cpr;
pub mod demo;
pub mod demo_options;
pub mod evaluate;
pub mod evidence;
pub mod generate;
pub mod grant;
pub mod ids;
pub mod invoice;
pub mod lang;
pub mod load;
pub mod money;
pub mod pages;
pub mod render;
pub mod report;
pub mod rules;
pub mod sampling;
pub mod server;
pub mod service;
pub mod settings;
pub mod stats;
pub mod store;
pub mod table;
pub mod verdict;
pub mod wire;
