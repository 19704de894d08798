//! File and wire formats, kept at the edge: serde types for course input and
//! for JSON output, converted to and from the domain types.

pub mod budget_out;
pub mod compare_out;
pub mod contract_file;
pub mod contract_out;
pub mod course_api;
mod course_chunks;
pub mod course_file;
pub mod course_in;
mod course_json;
mod csv_line;
mod csv_stream;
pub mod dates;
pub mod evaluation_json;
pub mod evaluation_out;
pub mod figure_check_out;
pub mod figures_csv;
pub mod grant_file;
pub mod grant_out;
pub mod invoice;
pub mod invoice_csv;
pub mod invoice_json;
pub mod parameters;
pub mod participants;
pub mod registers_csv;
pub mod report_out;
pub mod scenario;
mod seen_ids;
pub mod table_csv;
pub mod tables;
pub mod toml_reader;
pub mod tree;
