//! The finance page's words that come from the engine's codes: a verdict's
//! code as a short label, a milestone by name. The engine's sentences come
//! in the page's language from the core (`invoice`, `evaluate::trace_da`).

use crate::contract::{ContractSet, milestone_name};
use crate::render::Lang;

/// A line's verdict code as a short label: "ikke forfalden", "allerede betalt".
pub fn code_label(code: &str, lang: Lang) -> &'static str {
    let (en, da) = match code {
        "approved" => ("approved", "godkendt"),
        "unknown_course" => ("unknown course", "ukendt forløb"),
        "wrong_contract" => ("wrong contract", "forkert kontrakt"),
        "referral_outside_period" => ("referred outside the period", "henvist uden for perioden"),
        "not_eligible" => ("not eligible", "ikke omfattet"),
        "unknown_milestone" => ("unknown milestone", "ukendt rate"),
        "duplicate_line" => ("claimed twice", "krævet to gange"),
        "already_paid" => ("already paid", "allerede betalt"),
        "not_yet_due" => ("not yet due", "ikke forfalden"),
        "not_achieved" => ("not achieved", "ikke opnået"),
        "amount_mismatch" => ("wrong amount", "forkert beløb"),
        "once_per_citizen" => ("paid once per citizen", "betales én gang pr. borger"),
        _ => ("rejected", "afvist"),
    };
    lang.pick(en, da)
}

/// A milestone of a contract by name ("Fastholdelse i 3 måneder"), or as
/// the invoice wrote it when no version of the contract has it.
pub fn milestone_label(set: &ContractSet, contract: &str, id: &str, lang: Lang) -> String {
    let months = set
        .versions(contract)
        .into_iter()
        .find_map(|c| c.milestones.iter().find(|m| m.id.as_str() == id).map(|m| m.after_months));
    match months {
        Some(m) => {
            let name = milestone_name(m, lang);
            let mut c = name.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
        None => id.to_string(),
    }
}

/// What the invoice file's columns are (the names are the file's own, shown as code).
pub fn csv_hint(lang: Lang) -> String {
    let cols =
        ["supplier_cvr", "invoice_number", "contract", "as_of", "due_on", "line", "course_id", "milestone", "amount"]
            .map(|c| format!("<code>{c}</code>"))
            .join(", ");
    match lang {
        Lang::En => format!(
            "CSV: one row per line with the columns {cols} (<code>due_on</code> may be empty). A Danish Excel file (semicolons, 5.000,00) is fine."
        ),
        Lang::Da => format!(
            "CSV: én række pr. fakturalinje med kolonnerne {cols} (<code>due_on</code> må være tom). En dansk Excel-fil (semikolon, 5.000,00) kan også bruges."
        ),
    }
}

/// Shown instead of an English reason on a Danish page for an invoice
/// recorded before: the store keeps the reasons in English.
pub fn stored_reason_note(lang: Lang) -> &'static str {
    lang.pick(
        "The recorded reasons are in the invoice's record (GET /invoices/…).",
        "Begrundelserne står på den bogførte faktura; her vises afgørelsen for hver linje.",
    )
}
