//! Every word of the audit sample pages, English and Danish side by side,
//! in a municipal auditor's terms (stikprøve, fejlprocent,
//! konfidensinterval, tilbagebetaling), and a draw's or a check's problems
//! in the page's language.

use rust_decimal::Decimal;

use crate::contract::{ContractSet, milestone_name};
use crate::lang::Words;
use crate::render::Lang;

pub const SAMPLES: Words = ("Audit samples", "Stikprøver");
pub const LEAD: Words = (
    "Draw a random sample of paid milestones, check each payment against the documents, and see what the errors found mean for all payments: the estimated amount paid in error with its confidence interval, and what to claw back.",
    "Træk en tilfældig stikprøve af betalte rater, kontrollér hver betaling mod bilagene, og se, hvad de fundne fejl betyder for alle betalinger: det anslåede fejlbeløb med konfidensinterval og de beløb, der skal kræves tilbagebetalt.",
);
pub const DRAW: Words = ("Draw a sample", "Træk en stikprøve");
pub const CONFIDENCE: Words = ("Confidence level", "Konfidensniveau");
pub const TOLERABLE: Words = ("Tolerable error rate (%)", "Tolerabel fejlprocent (%)");
pub const TOLERABLE_RATE: Words = ("Tolerable error rate", "Tolerabel fejlprocent");
pub const TOLERABLE_HINT: Words = (
    "The size is the least sample that, at the confidence level, finds at least one error if this share of the payments were in error. Leave it empty to give a size instead.",
    "Størrelsen er den mindste stikprøve, der med konfidensniveauet finder mindst én fejl, hvis denne andel af betalingerne var fejlbehæftede. Lad feltet stå tomt for i stedet at angive en størrelse.",
);
pub const SIZE: Words = ("…or a given size (payments)", "…eller en bestemt størrelse (antal betalinger)");
pub const SEED: Words = ("Seed", "Startværdi");
pub const SEED_HINT: Words = (
    "The same seed draws the same sample from the same payments: write it down to repeat the draw.",
    "Samme startværdi trækker samme stikprøve af de samme betalinger: notér den, så trækningen kan gentages.",
);
pub const DRAW_GO: Words = ("Draw the sample", "Træk stikprøven");
pub const DRAWN: Words = ("Samples drawn", "Trukne stikprøver");
pub const NONE_DRAWN: Words = ("No sample has been drawn yet.", "Der er endnu ikke trukket nogen stikprøve.");
pub const NOT_DRAWN: Words = ("The sample was not drawn", "Stikprøven blev ikke trukket");
pub const SAMPLE: Words = ("Sample", "Stikprøve");
pub const DRAWN_ON: Words = ("Drawn", "Trukket");
pub const SIZE_COL: Words = ("Size", "Størrelse");
pub const CHECKED: Words = ("Checked", "Kontrolleret");
pub const ERRORS: Words = ("Errors", "Fejl");
pub const OPEN: Words = ("Open", "Åbn");
pub const NO_SUCH_SAMPLE: Words = ("There is no such sample.", "Stikprøven findes ikke.");
pub const ALL_SAMPLES: Words = ("All samples", "Alle stikprøver");
pub const WORK_LIST: Words = ("Work list", "Arbejdsliste");
pub const PAYMENT: Words = ("Payment", "Betaling");
pub const COURSE: Words = ("Course", "Forløb");
pub const MILESTONE: Words = ("Milestone", "Rate");
pub const PAID: Words = ("Paid", "Udbetalt");
pub const CHECK: Words = ("Document check", "Kontrol af bilag");
pub const ERROR_AMOUNT: Words = ("Amount in error (kr.)", "Fejlbeløb (kr.)");
pub const NOT_CHECKED: Words = ("not checked", "ikke kontrolleret");
pub const CONFIRMED: Words = ("confirmed", "bekræftet");
pub const ERROR: Words = ("error", "fejl");
pub const RECORD: Words = ("Record the checks", "Gem kontrollerne");
pub const RECORD_HINT: Words = (
    "Only rows with a check chosen are recorded; an error needs the amount that should not have been paid (at most the payment).",
    "Kun rækker med en valgt kontrol gemmes; en fejl skal have det beløb, der ikke burde være udbetalt (højst betalingen).",
);
pub const NOT_RECORDED: Words = ("The checks were not recorded", "Kontrollerne blev ikke gemt");
pub const CSV: Words = ("Work list as CSV", "Arbejdslisten som CSV");
pub const CSV_DA: Words = ("CSV for Danish Excel", "CSV til dansk Excel");
pub const RESULT: Words = ("Result for all payments", "Resultat for alle betalinger");
pub const NOTHING_CHECKED: Words =
    ("No payment in the sample is checked yet.", "Ingen betaling i stikprøven er kontrolleret endnu.");
pub const POPULATION_PAID: Words = ("Paid in all (the population)", "Udbetalt i alt (populationen)");
pub const ERROR_FOUND: Words = ("Errors found in the sample", "Fejl fundet i stikprøven");
pub const ESTIMATE: Words = ("Estimated amount paid in error", "Anslået fejlbeløb for alle betalinger");
pub const BY_MILESTONE: Words = ("By milestone", "Fordelt på rater");
pub const PAYMENTS: Words = ("Payments", "Betalinger");
pub const ESTIMATED: Words = ("Estimated error", "Anslået fejl");
pub const CLAWBACK: Words = ("Clawback", "Tilbagebetaling");
pub const CLAW_BACK: Words = ("To claw back", "Kræves tilbagebetalt");
pub const NOTHING_TO_CLAW: Words =
    ("No errors found: nothing to claw back.", "Ingen fejl fundet: intet skal kræves tilbagebetalt.");
pub const TOTAL: Words = ("Total", "I alt");
pub const FROM_OTHER_SITE: Words =
    ("This form must be sent from this site", "Formularen skal sendes fra dette websted");
pub const COULD_NOT: Words = ("The sample could not be read", "Stikprøven kunne ikke læses");
pub const METHOD: Words = (
    "The estimate is each milestone's mean error in the sample times its number of payments, summed; the interval is the estimate plus and minus the normal quantile times its standard error, never below the errors found nor above what was paid.",
    "Skønnet er for hver rate stikprøvens gennemsnitlige fejl gange antallet af betalinger, lagt sammen; intervallet er skønnet plus og minus normalfordelingens fraktil gange standardfejlen, aldrig under de fundne fejl og aldrig over det udbetalte.",
);

/// "95 %".
pub fn pct(p: u32) -> String {
    format!("{p} %")
}

/// A percentage as stored ("2.5") in the page's numbers: "2,5 %".
pub fn pct_text(p: &str, lang: Lang) -> String {
    match p.parse::<Decimal>() {
        Ok(d) => format!("{} %", lang.number(d, d.scale())),
        Err(_) => format!("{p} %"),
    }
}

/// "Konfidensinterval (95 %)".
pub fn interval(p: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Konfidensinterval ({})", pct(p)),
        Lang::En => format!("Confidence interval ({})", pct(p)),
    }
}

/// "59 af 130 betalinger".
pub fn size_of(n: u64, population: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{n} af {population} betalinger"),
        Lang::En => format!("{n} of {population} payments"),
    }
}

/// "2 fejl blandt 30 kontrollerede".
pub fn found(errors: u64, checked: u64, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{errors} fejl blandt {checked} kontrollerede"),
        Lang::En => format!("{errors} {} among {checked} checked", if errors == 1 { "error" } else { "errors" }),
    }
}

/// "Stikprøve 3".
pub fn sample_title(id: u64, lang: Lang) -> String {
    format!("{} {id}", lang.say(SAMPLE))
}

/// A milestone by its id, named from the first contract that has it
/// ("Fastholdelse i 3 måneder"); the id itself only if none has it.
pub fn milestone(set: &ContractSet, id: &str, lang: Lang) -> String {
    let months = set.all().find_map(|c| c.milestones.iter().find(|m| m.id.as_str() == id).map(|m| m.after_months));
    match months {
        Some(m) => {
            let name = milestone_name(m, lang);
            let mut c = name.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
        None => id.to_string(),
    }
}

/// A problem of a draw or of the checks, by its field, in the page's language.
pub fn problem(field: &str, english: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return if field.is_empty() { english.to_string() } else { format!("`{field}`: {english}") };
    }
    let what = match field {
        "seed" => "Startværdien skal være et helt tal fra 0 og opefter",
        "confidence_pct" => "Konfidensniveauet skal være 90, 95 eller 99 %",
        "tolerable_error_pct" => {
            "Den tolerable fejlprocent skal være over 0 og under 100 og må ikke kræve en stikprøve på over 100.000 betalinger"
        }
        "size" if english.starts_with("give") => "Angiv en tolerabel fejlprocent eller en størrelse",
        "size" => "Størrelsen skal være et helt tal på mindst 1",
        "" if english.contains("no payments") => "Der er ingen betalinger at trække en stikprøve af",
        _ => "Værdien kan ikke bruges",
    };
    what.to_string()
}

/// A check that cannot be recorded, for payment `payment`.
pub fn check_problem(payment: u64, what: CheckProblem, lang: Lang) -> String {
    match (what, lang) {
        (CheckProblem::NotAnAmount, Lang::Da) => {
            format!("Betaling {payment}: fejlbeløbet skal være et beløb som 1.250,00")
        }
        (CheckProblem::NotAnAmount, Lang::En) => {
            format!("Payment {payment}: the amount in error must be an amount such as 1250.00")
        }
        (CheckProblem::NeedsAmount, Lang::Da) => format!("Betaling {payment}: en fejl skal have sit fejlbeløb"),
        (CheckProblem::NeedsAmount, Lang::En) => format!("Payment {payment}: an error needs its amount"),
        (CheckProblem::OutOfRange, Lang::Da) => {
            format!("Betaling {payment}: fejlbeløbet skal være over 0 og højst det udbetalte beløb")
        }
        (CheckProblem::OutOfRange, Lang::En) => {
            format!("Payment {payment}: the amount in error must be above 0 and at most the amount paid")
        }
        (CheckProblem::NotInSample, Lang::Da) => format!("Betaling {payment} er ikke med i stikprøven"),
        (CheckProblem::NotInSample, Lang::En) => format!("Payment {payment} is not in the sample"),
        (CheckProblem::NoneChosen, Lang::Da) => "Vælg en kontrol for mindst én betaling".to_string(),
        (CheckProblem::NoneChosen, Lang::En) => "Choose a check for at least one payment".to_string(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckProblem {
    NotAnAmount,
    NeedsAmount,
    OutOfRange,
    NotInSample,
    NoneChosen,
}
