//! Every word of the procurement page, English and Danish side by side:
//! labels, an eligibility rule and a period in words, a valid draft, a
//! draft's problems.

use chrono::NaiveDate;

use crate::contract::eligibility::Condition;
use crate::contract::{OnBreak, Period, Problem, milestone_name};
use crate::lang::Words;
use crate::render::Lang;

pub const PAGE: Words = ("Procurement", "Indkøb");
pub const IN_FORCE_FROM: Words = ("In force from", "I kraft fra");
pub const REPLACES_VERSION: Words = ("Replaces version", "Erstatter version");
pub const TITLE: Words = ("Title", "Titel");
pub const BUYER: Words = ("Buyer", "Køber");
pub const SUPPLIER: Words = ("Supplier", "Leverandør");
pub const REFERRAL_PERIOD: Words = ("Referral period", "Henvisningsperiode");
pub const BENEFITS_ALLOWED_WHILE_IN_WORK: Words = ("Benefits allowed while in work", "Tilladte ydelser i job");
pub const LONGEST_GAP_BETWEEN_JOBS_DAYS: Words = ("Longest gap between jobs (days)", "Længste pause mellem job (dage)");
pub const WHEN_THE_CHAIN_BREAKS: Words = ("When the chain breaks", "Når kæden brydes");
pub const PAID_ONCE_PER_CITIZEN: Words = ("Paid once per citizen", "Betales én gang pr. borger");
pub const TARGET_GROUP: Words = ("Target group", "Målgruppe");
pub const BENEFIT: Words = ("benefit", "ydelse");
pub const REFERRALS: Words = ("referrals", "henvisning");
pub const ELIGIBLE_IF: Words = ("eligible if", "omfattet, hvis");
pub const EVERYONE_REFERRED_IS_ELIGIBLE: Words = ("everyone referred is eligible", "alle henviste er omfattet");
pub const TERMS_BY_VERSION: Words = ("Terms by version", "Vilkår for hver version");
pub const TERM: Words = ("Term", "Vilkår");
pub const VERSION: Words = ("Version", "Version");
pub const CHANGED: Words = ("changed", "ændret");
pub const CHECK_A_DRAFT: Words = ("Check a draft", "Kontrollér et udkast");
pub const CONTRACT_FILE_TOML: Words = ("Contract file (TOML)", "Kontraktfil (TOML)");
pub const OR_PASTE_THE_CONTRACT: Words = ("…or paste the contract", "…eller indsæt kontrakten");
pub const CHECK_THE_DRAFT: Words = ("Check the draft", "Kontrollér udkastet");
pub const CONTRACTS: Words = ("Contracts", "Kontrakter");
pub const EACH_CONTRACT_WITH_ITS_VERSIONS: Words = (
    "Each contract with its versions side by side; what a version changed is marked. A change is always a new version.",
    "Hver kontrakt med sine versioner side om side; det, en version ændrede, er markeret. En ændring er altid en ny version.",
);
pub const THE_DRAFT_HAS_PROBLEMS: Words = ("The draft has problems", "Udkastet har fejl");
pub const CHOOSE_A_FILE_OR_PASTE: Words =
    ("Choose a file or paste the contract.", "Vælg en fil, eller indsæt kontrakten.");
pub const DRAFT: Words = ("draft", "udkast");
pub const DRAFT_CHECKED: Words = ("Draft checked", "Udkast kontrolleret");

pub fn period(p: &Period, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{} – {}", p.from.format("%d.%m.%Y"), p.until.format("%d.%m.%Y")),
        Lang::En => format!("{} to {}", p.from, p.until),
    }
}

/// An eligibility rule in words.
pub fn rule_text(c: &Condition, lang: Lang) -> String {
    let list = |cs: &[Condition], word: &str| cs.iter().map(|c| rule_text(c, lang)).collect::<Vec<_>>().join(word);
    match (c, lang) {
        (Condition::All(cs), Lang::Da) => format!("({})", list(cs, " og ")),
        (Condition::All(cs), Lang::En) => format!("({})", list(cs, " and ")),
        (Condition::Any(cs), Lang::Da) => format!("({})", list(cs, " eller ")),
        (Condition::Any(cs), Lang::En) => format!("({})", list(cs, " or ")),
        (Condition::Not(c), Lang::Da) => format!("ikke {}", rule_text(c, lang)),
        (Condition::Not(c), Lang::En) => format!("not {}", rule_text(c, lang)),
        (Condition::AgeAtLeast(n), Lang::Da) => format!("mindst {n} år"),
        (Condition::AgeAtLeast(n), Lang::En) => format!("aged {n} or more"),
        (Condition::AgeBelow(n), Lang::Da) => format!("under {n} år"),
        (Condition::AgeBelow(n), Lang::En) => format!("aged under {n}"),
        (Condition::UnemployedMonthsMoreThan(n), Lang::Da) => format!("ledig i mere end {n} måneder"),
        (Condition::UnemployedMonthsMoreThan(n), Lang::En) => format!("unemployed more than {n} months"),
        (Condition::UnemployedMonthsAtLeast(n), Lang::Da) => format!("ledig i mindst {n} måneder"),
        (Condition::UnemployedMonthsAtLeast(n), Lang::En) => format!("unemployed at least {n} months"),
        (Condition::UnemployedMonthsBelow(n), Lang::Da) => format!("ledig i under {n} måneder"),
        (Condition::UnemployedMonthsBelow(n), Lang::En) => format!("unemployed under {n} months"),
        (Condition::AKasseIn(codes), Lang::Da) => format!("medlem af a-kasse {}", codes.join(", ")),
        (Condition::AKasseIn(codes), Lang::En) => format!("member of a-kasse {}", codes.join(", ")),
        (Condition::BenefitIn(set), Lang::Da) => format!("modtager {}", set.danish()),
        (Condition::BenefitIn(set), Lang::En) => format!("receiving {set}"),
    }
}

/// What a break in the chain does, in words.
pub fn on_break(b: OnBreak, lang: Lang) -> &'static str {
    match b {
        OnBreak::Forfeit => lang.pick("later milestones are forfeited", "senere rater bortfalder"),
        OnBreak::Restart => lang.pick("measured again from the next job", "måles forfra fra næste job"),
    }
}

/// A target group's estimate in words.
pub fn estimate(saving: &str, months: &str, subsidy: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("besparelse {saving} over {months} mdr., fleksjobtilskud {subsidy}"),
        Lang::En => format!("saving {saving} over {months} months, fleksjob subsidy {subsidy}"),
    }
}

/// The heading over a draft's problems.
pub fn draft_problems(file: Option<&str>, lang: Lang) -> String {
    match (file, lang) {
        (Some(f), Lang::Da) => format!("Udkastet {f} har fejl"),
        (Some(f), Lang::En) => format!("The draft {f} has problems"),
        (None, _) => lang.say(THE_DRAFT_HAS_PROBLEMS).to_string(),
    }
}

/// A milestone's row label: "Rate ved jobstart", "Rate ved fastholdelse i
/// 3 måneder"; "Milestone: job start".
pub fn milestone_row(after_months: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Rate ved {}", milestone_name(after_months, lang)),
        Lang::En => format!("Milestone: {}", milestone_name(after_months, lang)),
    }
}

/// A valid draft: what it is and that it is not stored.
pub fn valid(file: Option<&str>, version: u32, title: &str, from: NaiveDate, lang: Lang) -> String {
    match (lang, file) {
        (Lang::Da, Some(f)) => format!(
            "Udkastet {f} er gyldigt: version {version} af »{title}«, i kraft fra {}. Det er ikke gemt: en ny version gemmes, når kontraktfilen lægges i systemets kontraktmappe.",
            lang.date(from)
        ),
        (Lang::Da, None) => format!(
            "Udkastet er gyldigt: version {version} af »{title}«, i kraft fra {}. Det er ikke gemt: en ny version gemmes, når kontraktfilen lægges i systemets kontraktmappe.",
            lang.date(from)
        ),
        (Lang::En, f) => format!(
            "The draft{} is valid: version {version} of “{title}”, in force from {from}. It is not stored: a new version is stored when the contract file is put in the system's contract folder.",
            f.map(|f| format!(" {f}")).unwrap_or_default()
        ),
    }
}

/// A stored version with the same number and other content.
pub fn taken(version: u32, title: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "Version {version} af »{title}« findes allerede med andet indhold; en ændring skal være en ny version"
        ),
        Lang::En => {
            format!("Version {version} of “{title}” is already stored with other content; a change is a new version")
        }
    }
}

/// The problems in line order, framed with line and field (see
/// `format::problem_lines`).
pub fn problems(ps: Vec<Problem>, lang: Lang) -> Vec<String> {
    super::format::problem_lines(ps, lang)
}
