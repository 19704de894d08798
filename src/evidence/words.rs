//! The differences between the recorded events and the registers, as
//! typed values, and as sentences in English and Danish.

use crate::lang::{MONTHS_DA, MONTHS_EN};
use chrono::NaiveDate;

use crate::benefit::Benefit;
use crate::contract::milestone_name;
use crate::lang::{Lang, Said};
use crate::verdict::Verdict;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// The registers' first work period does not start in the month of the
    /// recorded job start (`None`: no work month on or after it).
    JobStart { recorded: NaiveDate, first_paid: Option<NaiveDate> },
    /// A benefit the contract does not allow was paid in a week inside the
    /// `months`-month retention from the recorded job start.
    BenefitInRetention { year: i32, week: u32, benefit: Benefit, months: u32 },
    /// Hours paid by the supplier itself in this month (its first day).
    AtSupplier { month: NaiveDate },
    /// A benefit code the contract's code table does not have.
    UnknownCode { year: i32, week: u32, code: String },
    /// The milestone's verdict on the registers differs from the recorded one.
    Verdicts { after_months: u32, recorded: Verdict, register: Verdict },
    /// The recorded job start lies after the last day the income register
    /// covers (`until`; `None`: no income extract): silence, not evidence.
    JobStartNotCovered { recorded: NaiveDate, until: Option<NaiveDate> },
    /// The milestone is achieved on the recorded events on a day after the
    /// last day the income register covers; its verdict on the registers
    /// is not yet evidence.
    NotCovered { after_months: u32, achieved: NaiveDate, until: Option<NaiveDate> },
}

fn month(d: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    let i = d.month0() as usize;
    match lang {
        Lang::En => format!("{} {}", MONTHS_EN[i], d.year()),
        Lang::Da => format!("{} {}", MONTHS_DA[i], d.year()),
    }
}

fn day(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.format("%-d %b %Y").to_string(),
        Lang::Da => d.format("%d.%m.%Y").to_string(),
    }
}

fn status(v: &Verdict, lang: Lang) -> String {
    match (v, lang) {
        (Verdict::Achieved { date }, Lang::En) => format!("achieved on {}", day(*date, lang)),
        (Verdict::Achieved { date }, Lang::Da) => format!("opnået {}", day(*date, lang)),
        (Verdict::Pending { .. }, _) => lang.pick("pending", "afventer").into(),
        (Verdict::Forfeited { .. }, _) => lang.pick("forfeited", "bortfaldet").into(),
    }
}

impl Difference {
    /// A code for the kind of difference (for tables and the API).
    pub fn code(&self) -> &'static str {
        match self {
            Difference::JobStart { .. } => "job_start",
            Difference::BenefitInRetention { .. } => "benefit_in_retention",
            Difference::AtSupplier { .. } => "at_supplier",
            Difference::UnknownCode { .. } => "unknown_code",
            Difference::Verdicts { .. } => "verdict",
            Difference::JobStartNotCovered { .. } => "job_start_not_covered",
            Difference::NotCovered { .. } => "not_covered",
        }
    }

    pub fn say(&self, lang: Lang) -> String {
        let reaches = |until: &Option<NaiveDate>, en: &str, da: &str| match (until, lang) {
            (Some(u), Lang::En) => format!("{en} {}", day(*u, lang)),
            (Some(u), Lang::Da) => format!("{da} {}", day(*u, lang)),
            (None, _) => lang.pick("no income extract is loaded", "intet indkomstudtræk er indlæst").into(),
        };
        match (self, lang) {
            (Difference::JobStartNotCovered { recorded, until }, Lang::En) => format!(
                "job start recorded {}, not covered by the income register yet ({})",
                day(*recorded, lang),
                reaches(until, "it reaches", "")
            ),
            (Difference::JobStartNotCovered { recorded, until }, Lang::Da) => format!(
                "jobstart registreret {}, endnu ikke dækket af indkomstregistret ({})",
                day(*recorded, lang),
                reaches(until, "", "det når til")
            ),
            (Difference::NotCovered { after_months, achieved, until }, Lang::En) => format!(
                "{}: achieved on {} on the recorded events, not covered by the registers yet ({})",
                milestone_name(*after_months, lang),
                day(*achieved, lang),
                reaches(until, "the income register reaches", "")
            ),
            (Difference::NotCovered { after_months, achieved, until }, Lang::Da) => format!(
                "{}: opnået {} efter de registrerede hændelser, endnu ikke dækket af registrene ({})",
                milestone_name(*after_months, lang),
                day(*achieved, lang),
                reaches(until, "", "indkomstregistret når til")
            ),
            (Difference::JobStart { recorded, first_paid: Some(p) }, Lang::En) => {
                format!("job start recorded {}, first paid hours in {}", day(*recorded, lang), month(*p, lang))
            }
            (Difference::JobStart { recorded, first_paid: Some(p) }, Lang::Da) => {
                format!("jobstart registreret {}, første lønnede timer i {}", day(*recorded, lang), month(*p, lang))
            }
            (Difference::JobStart { recorded, first_paid: None }, Lang::En) => format!(
                "job start recorded {}, no month with enough paid hours in the income register",
                day(*recorded, lang)
            ),
            (Difference::JobStart { recorded, first_paid: None }, Lang::Da) => format!(
                "jobstart registreret {}, ingen måned med nok lønnede timer i indkomstregistret",
                day(*recorded, lang)
            ),
            (Difference::BenefitInRetention { year, week, benefit, months }, Lang::En) => {
                format!("benefit ({benefit}) paid in week {week} of {year} inside the {months}-month retention")
            }
            (Difference::BenefitInRetention { year, week, benefit, months }, Lang::Da) => format!(
                "ydelse ({}) udbetalt i uge {week} {year} inden for {}",
                benefit.danish(),
                milestone_name(*months, lang)
            ),
            (Difference::AtSupplier { month: m }, Lang::En) => {
                format!("paid hours at the supplier's own CVR number in {}", month(*m, lang))
            }
            (Difference::AtSupplier { month: m }, Lang::Da) => {
                format!("lønnede timer hos leverandørens eget CVR-nummer i {}", month(*m, lang))
            }
            (Difference::UnknownCode { year, week, code }, Lang::En) => {
                format!("benefit code {code} in week {week} of {year} is not in the contract's code table")
            }
            (Difference::UnknownCode { year, week, code }, Lang::Da) => {
                format!("ydelseskode {code} i uge {week} {year} findes ikke i kontraktens kodetabel")
            }
            (Difference::Verdicts { after_months, recorded, register }, Lang::En) => format!(
                "{}: {} on the recorded events, {} on the registers",
                milestone_name(*after_months, lang),
                status(recorded, lang),
                status(register, lang)
            ),
            (Difference::Verdicts { after_months, recorded, register }, Lang::Da) => format!(
                "{}: {} efter de registrerede hændelser, {} efter registrene",
                milestone_name(*after_months, lang),
                status(recorded, lang),
                status(register, lang)
            ),
        }
    }

    pub fn said(&self) -> Said {
        Said { en: self.say(Lang::En), da: self.say(Lang::Da) }
    }
}
