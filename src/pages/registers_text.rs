//! Every word of the register evidence page, English and Danish side by
//! side: its labels, each difference between the recorded events and the
//! registers in a finance officer's words, and an import's problems in
//! Danish (the reader names line and field in English only).

use chrono::{Datelike, NaiveDate};

use crate::contract::{Problem, milestone_name};
use crate::evidence::words::Difference;
use crate::lang::{MONTHS_DA, MONTHS_EN, Words};
use crate::render::Lang;
use crate::verdict::Verdict;

pub const REGISTERS: Words = ("Register evidence", "Registerdata");
pub const LEAD: Words = (
    "Each course's milestones judged twice: on the events the caseworkers recorded and on the income and benefit registers. Where the registers say something else, check the documents before paying.",
    "Hvert forløbs rater bedømt to gange: efter de hændelser, sagsbehandlerne har registreret, og efter indkomst- og ydelsesregistrene. Hvor registrene siger noget andet, skal bilagene kontrolleres, før der betales.",
);
pub const DIFFERS: Words = ("The registers say something else", "Registrene siger noget andet");
pub const CONFIRMED: Words = ("confirmed by the registers", "bekræftet af registrene");
pub const NOT_COVERED: Words = ("not covered by the registers yet", "endnu ikke dækket af registrene");
pub const DIFFERING: Words = ("differ", "afviger");
pub const NONE_DIFFER: Words = (
    "The registers contradict no course's recorded events.",
    "Registrene modsiger ikke de registrerede hændelser i noget forløb.",
);
pub const NO_EXTRACT: Words = (
    "No income extract is loaded yet: upload one below.",
    "Der er endnu ikke indlæst et udtræk fra indkomstregistret: indlæs et nedenfor.",
);
pub const COURSE: Words = ("Course", "Forløb");
pub const WHAT_DIFFERS: Words = ("What the registers say", "Hvad registrene siger");
pub const NOT_CONFIRMED: Words = ("Milestones the registers do not confirm", "Rater, registrene ikke bekræfter");
pub const MILESTONE: Words = ("Milestone", "Rate");
pub const ON_RECORDED: Words = ("On the recorded events", "Efter de registrerede hændelser");
pub const ON_REGISTERS: Words = ("On the registers", "Efter registrene");
pub const AGREE: Words = ("Agree", "Enige");
pub const YES: Words = ("yes", "ja");
pub const NO: Words = ("no — check the documents", "nej – kontrollér bilagene");
pub const NO_DIFFERENCES: Words =
    ("The registers say nothing different for this course.", "Registrene siger ikke noget andet for dette forløb.");
pub const NO_REGISTER_RULES: Words = (
    "This course's contract has no rules for register evidence.",
    "Dette forløbs kontrakt har ingen regler for registerdata.",
);
pub const NO_SUCH_COURSE: Words = ("There is no such course.", "Forløbet findes ikke.");
pub const ALL_COURSES: Words = ("All courses", "Alle forløb");
pub const LOAD: Words = ("Load register extracts", "Indlæs registerudtræk");
pub const INCOME_EXTRACT: Words = ("Income register extract (CSV)", "Udtræk fra indkomstregistret (CSV)");
pub const BENEFIT_EXTRACT: Words = ("Benefit register extract (CSV)", "Udtræk fra ydelsesregistret (CSV)");
pub const OR_PASTE: Words = ("…or paste the extract", "…eller indsæt udtrækket");
pub const LOAD_INCOME: Words = ("Load the income extract", "Indlæs indkomstudtrækket");
pub const LOAD_BENEFITS: Words = ("Load the benefit extract", "Indlæs ydelsesudtrækket");
pub const NOT_LOADED: Words = ("The extract was not loaded", "Udtrækket blev ikke indlæst");
pub const CHOOSE: Words = ("Choose a file or paste the extract.", "Vælg en fil, eller indsæt udtrækket.");
pub const PASTED_TEXT: Words = ("pasted text", "indsat tekst");
pub const FROM_OTHER_SITE: Words =
    ("This form must be sent from this site", "Formularen skal sendes fra dette websted");
pub const COULD_NOT: Words = ("The registers could not be read", "Registrene kunne ikke læses");
pub const REGISTER_EVIDENCE_LINK: Words = (
    "Register evidence: the courses whose income and benefit registers say something else than the recorded events, and loading the extracts",
    "Registerdata: de forløb, hvor indkomst- og ydelsesregistrene siger noget andet end de registrerede hændelser, og indlæsning af udtræk",
);
pub const SAMPLES_LINK: Words = (
    "Audit samples: draw a sample of paid milestones, check the documents, and see the amount paid in error for all payments",
    "Stikprøver: træk en stikprøve af betalte rater, kontrollér bilagene, og se det anslåede fejlbeløb for alle betalinger",
);
pub const CHECKS: Words = ("Checks", "Kontroller");

/// "3 forløb afviger, 120 er bekræftet af registrene, 0 er endnu ikke
/// dækket af registrene, 7 har endnu ingen opnået rate at bekræfte."
/// `n`: differ, confirmed, not covered, nothing to confirm yet.
pub fn counts(n: [usize; 4], lang: Lang) -> String {
    let [differs, confirmed, not_covered, nothing] = n;
    match lang {
        Lang::Da => format!(
            "{differs} forløb afviger, {confirmed} er {}, {not_covered} er {}, {nothing} har endnu ingen opnået rate at bekræfte.",
            lang.say(CONFIRMED),
            lang.say(NOT_COVERED)
        ),
        Lang::En => format!(
            "{differs} {} differ, {confirmed} {} {}, {not_covered} {} {}, {nothing} {} no achieved milestone to confirm yet.",
            if differs == 1 { "course" } else { "courses" },
            if confirmed == 1 { "is" } else { "are" },
            lang.say(CONFIRMED),
            if not_covered == 1 { "is" } else { "are" },
            lang.say(NOT_COVERED),
            if nothing == 1 { "has" } else { "have" },
        ),
    }
}

/// What loading did: "124 rækker indlæst fra indkomstregistret (udtræk 2)."
/// and, when some replace an earlier extract's rows, how many.
pub fn loaded(rows: usize, income: bool, seq: u64, replacing: Option<u64>, lang: Lang) -> String {
    let mut said = match (lang, income) {
        (Lang::Da, true) => format!("{rows} rækker indlæst fra indkomstregistret (udtræk {seq})."),
        (Lang::Da, false) => format!("{rows} rækker indlæst fra ydelsesregistret (udtræk {seq})."),
        (Lang::En, true) => format!("{rows} rows loaded from the income register (extract {seq})."),
        (Lang::En, false) => format!("{rows} rows loaded from the benefit register (extract {seq})."),
    };
    if let Some(n) = replacing.filter(|n| *n > 0) {
        said.push_str(&match lang {
            Lang::Da => format!(" {n} af dem erstatter rækker fra et tidligere udtræk for samme borger og periode."),
            Lang::En => format!(" {n} of them replace rows of an earlier extract for the same citizen and period."),
        });
    }
    said
}

fn day(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Da => lang.date(d),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

fn month(d: NaiveDate, lang: Lang) -> String {
    let i = d.month0() as usize;
    match lang {
        Lang::Da => format!("{} {}", MONTHS_DA[i], d.year()),
        Lang::En => format!("{} {}", MONTHS_EN[i], d.year()),
    }
}

/// A milestone by name with a capital: "Fastholdelse i 3 måneder".
pub fn milestone(after_months: u32, lang: Lang) -> String {
    let name = milestone_name(after_months, lang);
    let mut c = name.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// A verdict in words; a state this page does not know is said plainly.
pub fn verdict(v: &Verdict, lang: Lang) -> String {
    if let Some(d) = v.achieved_on() {
        return format!("{} {}", lang.pick("achieved", "opnået"), day(d, lang));
    }
    state(v.status(), lang).to_string()
}

/// A verdict's state by its name (the API's words), in the page's language.
pub fn state(status: &str, lang: Lang) -> &'static str {
    match status {
        "achieved" => lang.pick("achieved", "opnået"),
        "pending" => lang.pick("not reached yet", "ikke nået endnu"),
        "forfeited" => lang.pick("forfeited", "bortfaldet"),
        _ => lang.pick("not covered by the registers yet", "endnu ikke dækket af registrene"),
    }
}

/// One difference as a finance officer says it: the core's own words
/// (`evidence::words`), the same sentence the API and the CSV give.
pub fn difference(d: &Difference, lang: Lang) -> String {
    d.say(lang)
}

/// The differences as sentences, consecutive months at the supplier's
/// own CVR number said once ("… i april 2025 – marts 2026").
pub fn differences(ds: &[Difference], lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ds.len() {
        let Difference::AtSupplier { month: first } = &ds[i] else {
            out.push(difference(&ds[i], lang));
            i += 1;
            continue;
        };
        let mut last = *first;
        while let Some(Difference::AtSupplier { month }) = ds.get(i + 1) {
            if crate::calendar::add_months(last, 1) != *month {
                break;
            }
            last = *month;
            i += 1;
        }
        out.push(if last == *first {
            difference(&ds[i], lang)
        } else {
            let span = format!("{} – {}", self::month(*first, lang), self::month(last, lang));
            match lang {
                Lang::Da => format!("lønnede timer hos leverandørens eget CVR-nummer i {span}"),
                Lang::En => format!("paid hours at the supplier's own CVR number in {span}"),
            }
        });
        i += 1;
    }
    out
}

/// A problem of an imported extract with its Danish message, said from
/// its field (the reader says it in English): what was found, quoted as
/// the file has it, and what is expected.
pub fn danish(p: Problem) -> Problem {
    if p.message_in(Lang::Da).1 {
        return p;
    }
    let m = p.message.clone();
    let quoted = m.split('`').nth(1).filter(|_| m.starts_with('`')).map(|q| format!("»{q}« "));
    let found = quoted.unwrap_or_default();
    let da = if m.starts_with("not CSV") {
        "rækken kan ikke læses som CSV (tjek anførselstegn og antallet af felter)".to_string()
    } else if m.starts_with("unknown column") {
        "ukendt kolonne; udtrækket har kun de kolonner, der står ovenfor".to_string()
    } else if m.starts_with("the header has no column") {
        "overskriftslinjen mangler denne kolonne".to_string()
    } else if m.starts_with("no rows") {
        "udtrækket har ingen rækker".to_string()
    } else if m.contains("CPR numbers are never stored") {
        "ligner et CPR-nummer eller indeholder et; CPR-numre gemmes og vises aldrig her".to_string()
    } else {
        match p.field.as_str() {
            "cpr" if m.starts_with("missing") => "mangler; hver række skal angive borgerens CPR-nummer".to_string(),
            "cpr" => "er ikke et gyldigt CPR-nummer (DDMMÅÅ-XXXX)".to_string(),
            "employer_cvr" => "er ikke et CVR-nummer (8 cifre)".to_string(),
            "period_to" if m.contains("before") => "slutter før periodens første dag".to_string(),
            "period_from" | "period_to" => format!("{found}er ikke en dato (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ)"),
            "paid_hours" => format!("{found}er ikke et antal lønnede timer fra 0 til 744 (højst 2 decimaler)"),
            "income" => format!("{found}er ikke et beløb som 32.000,00"),
            "week" => format!("{found}er ikke en ISO-uge som 2025-W14 (året skal have ugen)"),
            "benefit_code" => "skal være en kode på 1 til 16 bogstaver, cifre, »-« eller »_«".to_string(),
            _ => format!("{found}kan ikke læses"),
        }
    };
    p.with_danish(da)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::benefit::Benefit;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_difference_reads_as_a_finance_officer_says_it() {
        let late = Difference::JobStart { recorded: d(2025, 3, 3), first_paid: Some(d(2025, 4, 1)) };
        assert_eq!(difference(&late, Lang::Da), "jobstart registreret 03.03.2025, første lønnede timer i april 2025");
        let week = Difference::BenefitInRetention { year: 2025, week: 14, benefit: Benefit::Dagpenge, months: 3 };
        assert_eq!(
            difference(&week, Lang::Da),
            "ydelse (dagpenge) udbetalt i uge 14 2025 inden for fastholdelse i 3 måneder"
        );
        let at = Difference::AtSupplier { month: d(2025, 4, 1) };
        assert!(difference(&at, Lang::En).contains("supplier's own CVR number in April 2025"));
        let months = [4, 5, 6].map(|m| Difference::AtSupplier { month: d(2025, m, 1) });
        let said = differences(&[months[0].clone(), months[1].clone(), months[2].clone(), late.clone()], Lang::Da);
        assert_eq!(said[0], "lønnede timer hos leverandørens eget CVR-nummer i april 2025 – juni 2025");
        assert_eq!(said.len(), 2);
        let beyond = Difference::NotCovered { after_months: 3, achieved: d(2026, 6, 17), until: Some(d(2026, 3, 31)) };
        assert_eq!(
            difference(&beyond, Lang::Da),
            "fastholdelse i 3 måneder: opnået 17.06.2026 efter de registrerede hændelser, endnu ikke dækket af registrene (indkomstregistret når til 31.03.2026)"
        );
    }

    #[test]
    fn a_register_state_this_page_does_not_know_is_said_plainly() {
        assert_eq!(state("forfeited", Lang::Da), "bortfaldet");
        assert_eq!(state("not_covered", Lang::Da), "endnu ikke dækket af registrene");
        assert_eq!(state("something_new", Lang::En), "not covered by the registers yet");
    }

    #[test]
    fn an_import_problem_is_said_in_danish_with_what_the_file_has() {
        let p = danish(Problem::new("paid_hours", Some(3), "`mange` is not a number of paid hours from 0 to 744"));
        assert_eq!(
            p.message_in(Lang::Da),
            ("»mange« er ikke et antal lønnede timer fra 0 til 744 (højst 2 decimaler)", true)
        );
        let p = danish(Problem::new("week", Some(2), "`2025-W54` is not an ISO week such as 2025-W14"));
        assert!(p.message_in(Lang::Da).0.starts_with("»2025-W54« er ikke en ISO-uge"));
    }
}
