//! The procurement page's list of the choices each contract made where the
//! minutes are silent: the `# CHOSEN:` notes of its stored files
//! (`contract::chosen`), in Danish where the file gives a `# VALGT:` text,
//! with the versions that carry each.

use std::fmt::Write as _;

use crate::contract::Contract;
use crate::contract::chosen::{ChosenNote, chosen_notes};
use crate::lang::Lang;
use crate::service::Service;
use crate::store::records::ContractRecord;
use crate::store::{Read, keys};
use crate::table::esc;

use super::layout::code_spans;

/// What a note is about, in words.
fn subject(field: &str, c: &Contract, lang: Lang) -> String {
    let group = field.strip_prefix("target_groups[").and_then(|r| r.split(']').next());
    if let Some(id) = group {
        let label = c.target_group(id).map_or(id.to_string(), |g| g.label.clone());
        return match lang {
            Lang::Da => format!("Målgruppe {label}"),
            Lang::En => format!("Target group {label}"),
        };
    }
    let top = field.split('.').next().unwrap_or(field);
    let (en, da) = match (top, field) {
        (_, "supplier.cvr") => ("The supplier's CVR number", "Leverandørens CVR-nummer"),
        ("referrals", _) => ("Referral period", "Henvisningsperiode"),
        (_, "payment_condition.max_gap_days") => ("Longest gap between jobs", "Længste pause mellem job"),
        (_, "payment_condition.on_break") => ("When the chain breaks", "Når kæden brydes"),
        ("payment_condition", _) => ("Payment condition", "Betalingsbetingelse"),
        ("promises", _) => ("The supplier's promise", "Leverandørens løfte"),
        ("milestones", _) => ("Milestones", "Rater"),
        ("registers", _) => ("Register evidence", "Registeroplysninger"),
        _ => ("Contract", "Kontrakten"),
    };
    lang.pick(en, da).to_string()
}

/// The list for one contract's versions (empty when no file marks a choice).
pub fn section(svc: &Service, versions: &[&Contract], lang: Lang) -> String {
    // (subject, text, versions carrying it), in the latest version's order.
    let mut notes: Vec<(String, String, Vec<u32>)> = Vec::new();
    for c in versions.iter().rev() {
        let rec: Option<ContractRecord> = svc.repo.get(&keys::contract(c.id.as_str(), c.version)).ok().flatten();
        let Some(rec) = rec else { continue };
        for n in chosen_notes(&rec.source) {
            let ChosenNote { field, en, da, .. } = n;
            let text = match lang {
                Lang::Da => da.unwrap_or(en),
                Lang::En => en,
            };
            let about = subject(&field, c, lang);
            match notes.iter_mut().find(|(s, t, _)| *s == about && *t == text) {
                Some((_, _, vs)) => vs.push(c.version),
                None => notes.push((about, text, vec![c.version])),
            }
        }
    }
    if notes.is_empty() {
        return String::new();
    }
    let mut h = format!(
        "<h3>{}</h3><p class=\"note\">{}</p><ul class=\"chosen\">",
        lang.pick("Choices made where the minutes are silent", "Valg truffet, hvor referatet er tavst"),
        lang.pick(
            "Marked CHOSEN in the contract file; each holds until a new version says otherwise.",
            "Markeret i kontraktfilen; hvert valg gælder, til en ny version siger andet."
        )
    );
    for (about, text, mut vs) in notes {
        vs.sort_unstable();
        let list: Vec<String> = vs.iter().map(u32::to_string).collect();
        let which = match (lang, vs.len()) {
            (Lang::Da, 1) => format!("version {}", list[0]),
            (Lang::Da, _) => format!("version {}", list.join(" og ")),
            (Lang::En, 1) => format!("version {}", list[0]),
            (Lang::En, _) => format!("versions {}", list.join(" and ")),
        };
        let _ = write!(
            h,
            "<li><strong>{}:</strong> {} <span class=\"note\">({which})</span></li>",
            esc(&about),
            code_spans(&text)
        );
    }
    h.push_str("</ul>");
    h
}

/// The choices the parameter files (`parameters/`: the reimbursement
/// staircase, benefit rates, savings targets, the forecast) mark `# CHOSEN:`.
pub fn parameters_section(lang: Lang) -> String {
    let mut h = format!(
        "<h2>{}</h2><p class=\"note\">{}</p><ul class=\"chosen\">",
        lang.pick("Budget parameters", "Budgetparametre"),
        lang.pick(
            "Choices marked CHOSEN in the parameter files the budget figures are computed with.",
            "Valg markeret i de parameterfiler, budgettallene beregnes med."
        )
    );
    for (file, text) in crate::wire::parameters::sources() {
        for n in chosen_notes(text) {
            let text = match lang {
                Lang::Da => n.da.unwrap_or(n.en),
                Lang::En => n.en,
            };
            // The file and the key are names as the file writes them: shown as code.
            let about = if n.field.is_empty() { String::new() } else { format!(" (<code>{}</code>)", esc(&n.field)) };
            let _ = write!(h, "<li><strong><code>{}</code></strong>{about}: {}</li>", esc(file), code_spans(&text));
        }
    }
    h.push_str("</ul>");
    h
}
