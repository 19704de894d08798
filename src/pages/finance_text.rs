//! Every word of the finance page, English and Danish side by side: its
//! labels and sentences, a verdict's code as a short label, a milestone by
//! name. The engine's own sentences (reasons, traces) come in the page's
//! language from the core (`invoice`, `evaluate::trace_da`).

use chrono::NaiveDate;

use crate::contract::{ContractSet, milestone_name};
use crate::lang::Words;
use crate::money::Money;
use crate::render::Lang;
use crate::wire::invoice::LineOut;

pub const CHECK_AN_INVOICE: Words = ("Check an invoice", "Kontrollér en faktura");
pub const INVOICE_FILE_JSON_OR_CSV: Words = ("Invoice file (JSON or CSV)", "Fakturafil (JSON eller CSV)");
pub const OR_PASTE_THE_INVOICE: Words = ("…or paste the invoice", "…eller indsæt fakturaen");
pub const CHECK_THE_INVOICE: Words = ("Check the invoice", "Kontrollér fakturaen");
pub const PAYMENTS_AT_RISK: Words = ("Payments at risk", "Betalinger i risiko");
pub const THE_LIST_COULD_NOT_BE: Words = ("The list could not be made", "Listen kunne ikke laves");
pub const EVERY_RECORDED_PAYMENT_S_MILESTONE: Words = (
    "Every recorded payment's milestone is still achieved with today's events.",
    "Alle bogførte betalingers rater er stadig opnået med dagens hændelser.",
);
pub const RECORDED_PAYMENTS_WHOSE_MILESTONE_IS: Words = (
    "Recorded payments whose milestone is no longer achieved when judged with today's events: money to recover, or a reversal to record.",
    "Bogførte betalinger, hvis rate ikke længere er opnået med dagens hændelser: penge at kræve tilbage eller en tilbageførsel at bogføre.",
);
pub const TRACE_FOR_PAYMENT: Words = ("Trace for payment", "Sporing for betaling");
pub const CSV_FOR_DANISH_EXCEL: Words = ("CSV for Danish Excel", "CSV til dansk Excel");
pub const FINANCE: Words = ("Finance", "Økonomi");
pub const CHECK_A_SUPPLIER_S_INVOICE: Words = (
    "Check a supplier's invoice line by line against what happened, then record it: approved lines become payments, each milestone at most once.",
    "Kontrollér en leverandørs faktura linje for linje mod det, der er sket, og bogfør den: godkendte linjer bliver betalinger, hver rate højst én gang.",
);
pub const LEDGER: Words = ("Ledger", "Betalinger");
pub const ALL_PAYMENTS_AS_CSV: Words = ("All payments as CSV", "Alle betalinger som CSV");
pub const LINE: Words = ("Line", "Linje");
pub const COURSE: Words = ("Course", "Forløb");
pub const MILESTONE: Words = ("Milestone", "Rate");
pub const AMOUNT: Words = ("Amount", "Beløb");
pub const VERDICT: Words = ("Verdict", "Afgørelse");
pub const REASON: Words = ("Reason", "Begrundelse");
pub const APPROVED: Words = ("approved", "godkendt");
pub const REJECTED: Words = ("rejected", "afvist");
/// An approved line the register evidence disagrees with (reason code
/// `registers_disagree`): a document check, not a rejection.
pub const REGISTERS_DISAGREE: Words =
    ("Check the documents: the registers disagree", "Kontrollér bilagene: registrene siger noget andet");
pub const HOW_IT_WAS_DECIDED: Words = ("How it was decided", "Sådan blev det afgjort");
pub const THIS_FORM_MUST_BE_SENT: Words =
    ("This form must be sent from this site", "Formularen skal sendes fra dette websted");
pub const THE_INVOICE_COULD_NOT_BE: Words = ("The invoice could not be checked", "Fakturaen kunne ikke kontrolleres");
pub const CHOOSE_A_FILE_OR_PASTE: Words =
    ("Choose a file or paste the invoice.", "Vælg en fil, eller indsæt fakturaen.");
pub const PASTED_TEXT: Words = ("pasted text", "indsat tekst");
pub const INVOICE_CHECKED: Words = ("Invoice checked", "Faktura kontrolleret");
pub const A_DRY_RUN_NOTHING_IS: Words = (
    "A dry run: nothing is recorded until you record it below.",
    "En prøvekørsel: intet er bogført, før du bogfører nedenfor.",
);
pub const RECORDING_CHECKS_EVERY_LINE_AGAIN: Words = (
    "Recording checks every line again and turns the approved lines into payments; the rejected lines are kept with their reasons.",
    "Bogføring kontrollerer alle linjer igen og gør de godkendte linjer til betalinger; de afviste gemmes med deres begrundelse.",
);
pub const RECORD_THE_INVOICE: Words = ("Record the invoice", "Bogfør fakturaen");
pub const THE_INVOICE_WAS_NOT_RECORDED: Words = ("The invoice was not recorded", "Fakturaen blev ikke bogført");
pub const INVOICE_RECORDED: Words = ("Invoice recorded", "Faktura bogført");
pub const ALREADY_RECORDED: Words = ("Already recorded", "Allerede bogført");
pub const BACK_TO_FINANCE: Words = ("Back to finance", "Tilbage til økonomi");

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
        "registers_disagree" => ("the registers disagree", "registrene siger noget andet"),
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

/// Shown on a Danish page for an invoice recorded before: the store keeps
/// the reasons in English, so a line says what its recorded fields say.
/// (An English page shows the recorded reasons.)
pub fn stored_reason_note(lang: Lang) -> &'static str {
    lang.pick(
        "The reasons are as recorded.",
        "Fakturaen blev bogført tidligere, og dens begrundelser er gemt på engelsk; her står det, der er gemt om hver linje.",
    )
}

/// A line of an invoice recorded before, on a Danish page, from the fields
/// the store keeps (the date achieved, the earliest due date, the payment
/// that already paid it, the contract's amount); empty where the record
/// keeps only the English reason. `name` is the milestone by name.
pub fn stored_reason(l: &LineOut, name: &str, lang: Lang) -> String {
    let kr = |a: &str| Money::parse(a).map(|m| format!("{} kr.", lang.money(m))).unwrap_or_else(|_| a.to_string());
    let da = format!("Raten for {}", name.to_lowercase());
    let said = match l.code.as_str() {
        "approved" => l.achieved_on.map(|d| format!("{da} er opnået {}", lang.date(d))),
        "not_yet_due" => l.earliest.map(|d| format!("{da} forfalder tidligst {}", lang.date(d))),
        "amount_mismatch" => l.expected_amount.as_deref().map(|a| format!("Kontrakten betaler {} for raten", kr(a))),
        "duplicate_line" => l.first_line.map(|n| format!("Linje {n} på denne faktura kræver allerede raten")),
        "already_paid" => l.payment.as_ref().map(|p| {
            format!(
                "{da} er allerede betalt: betaling {} på {} på faktura {}, linje {} (forløb {})",
                p.payment_id,
                kr(&p.amount),
                p.invoice_number,
                p.line,
                p.course_id
            )
        }),
        _ => None,
    };
    said.unwrap_or_default()
}

/// An invoice dated after today.
pub fn after_today(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            format!("Fakturadatoen (as_of) {} er efter i dag; en faktura bedømmes på det, der er sket", lang.date(d))
        }
        Lang::En => format!("as_of: {d} is after today; an invoice is judged on what has happened"),
    }
}

/// "1 linje godkendt (5.000,00 kr.), 3 afvist (19.000,00 kr.)."
pub fn summary(approved: (usize, &str), rejected: (usize, &str), lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{} {} godkendt ({}), {} afvist ({}).",
            approved.0,
            if approved.0 == 1 { "linje" } else { "linjer" },
            approved.1,
            rejected.0,
            rejected.1
        ),
        Lang::En => format!(
            "{} {} approved ({}), {} rejected ({}).",
            approved.0,
            if approved.0 == 1 { "line" } else { "lines" },
            approved.1,
            rejected.0,
            rejected.1
        ),
    }
}

/// The verdicts table's caption.
pub fn caption(number: &str, cvr: &str, as_of: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Faktura {number} fra CVR {cvr} pr. {}", lang.date(as_of)),
        Lang::En => format!("Invoice {number} from CVR {cvr} as of {as_of}"),
    }
}

/// What recording did.
pub fn recorded(payments: usize, created: bool, lang: Lang) -> String {
    match (lang, created) {
        (Lang::Da, true) if payments == 1 => "1 betaling er bogført.".into(),
        (Lang::Da, true) => format!("{payments} betalinger er bogført."),
        (Lang::En, true) if payments == 1 => "1 payment was recorded.".into(),
        (Lang::En, true) => format!("{payments} payments were recorded."),
        (Lang::Da, false) => {
            "Denne faktura var allerede bogført; her er det bogførte resultat. Intet er betalt igen.".into()
        }
        (Lang::En, false) => {
            "This invoice was already recorded; this is the recorded result. Nothing was paid again.".into()
        }
    }
}

/// Another invoice already recorded under this number (Danish; the
/// English comes from the ledger).
pub fn number_taken(number: &str, cvr: &str) -> String {
    format!("Faktura {number} fra CVR {cvr} er allerede bogført med andet indhold; send fakturaen med et nyt nummer.")
}
