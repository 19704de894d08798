//! Key layout of the one ordered map everything lives in. Prefixes group
//! records so that a prefix scan lists them in key order.

pub const CONTRACT: &str = "contract/";
pub const COURSE: &str = "course/";
pub const CITIZEN: &str = "citizen/";
pub const INVOICE: &str = "invoice/";
pub const PAYMENT: &str = "payment/";
pub const PAID: &str = "paid/";
pub const REVERSAL: &str = "reversal/";
pub const AUDIT: &str = "audit/";
pub const TOKEN: &str = "token/";
pub const AUDIT_HEAD: &str = "meta/audit_head";
pub const PAYMENT_SEQ: &str = "meta/payment_seq";
pub const DEMO: &str = "meta/demo";

pub fn contract(id: &str, version: u32) -> String {
    format!("{CONTRACT}{id}/{version:010}")
}

pub fn course(id: &str) -> String {
    format!("{COURSE}{id}")
}

/// Index of a citizen's courses under a contract.
pub fn citizen(contract: &str, citizen: &str, course: &str) -> String {
    format!("{CITIZEN}{contract}/{citizen}/{course}")
}

pub fn citizen_prefix(contract: &str, citizen: &str) -> String {
    format!("{CITIZEN}{contract}/{citizen}/")
}

pub fn invoice(cvr: &str, number: &str) -> String {
    format!("{INVOICE}{cvr}/{number}")
}

pub fn payment(id: u64) -> String {
    format!("{PAYMENT}{id:020}")
}

/// The active payment for an at-most-once key (`PaidKey::encode`).
pub fn paid(encoded: &str) -> String {
    format!("{PAID}{encoded}")
}

pub fn reversal(payment_id: u64) -> String {
    format!("{REVERSAL}{payment_id:020}")
}

pub fn audit(seq: u64) -> String {
    format!("{AUDIT}{seq:020}")
}

pub fn token(hash: &str) -> String {
    format!("{TOKEN}{hash}")
}

pub const GRANT: &str = "grant/";
pub const PARTICIPANT: &str = "participant/";

/// A grant file's version (the record is a `ContractRecord`).
pub fn grant(id: &str, version: u32) -> String {
    format!("{GRANT}{id}/{version:010}")
}

/// A participant of a grant project.
pub fn participant(grant: &str, id: &str) -> String {
    format!("{PARTICIPANT}{grant}/{id}")
}

pub fn participant_prefix(grant: &str) -> String {
    format!("{PARTICIPANT}{grant}/")
}

/// Register extracts, one record per import: `register/income/…`,
/// `register/benefits/…`, numbered in import order.
pub const REGISTER: &str = "register/";

pub fn register(kind: &str, seq: u64) -> String {
    format!("{REGISTER}{kind}/{seq:010}")
}

pub fn register_prefix(kind: &str) -> String {
    format!("{REGISTER}{kind}/")
}

/// Register rows, one record per citizen and pay period (`income`) or ISO
/// week (`benefits`): what the latest extract stating it says.
pub const REGISTER_ROW: &str = "register-row/";

pub fn register_row(kind: &str, citizen: &str, period: &str) -> String {
    format!("{REGISTER_ROW}{kind}/{citizen}/{period}")
}

pub fn register_row_prefix(kind: &str) -> String {
    format!("{REGISTER_ROW}{kind}/")
}

/// Audit samples, numbered 1, 2, ... in the order drawn.
pub const SAMPLE: &str = "sample/";

pub fn sample(id: u64) -> String {
    format!("{SAMPLE}{id:010}")
}
