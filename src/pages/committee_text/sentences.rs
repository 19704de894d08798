//! The committee page's sentences with figures or dates in them, in both
//! languages.

use chrono::{Datelike, NaiveDate};

use super::Text;
use crate::lang::Lang;
use crate::pages::format::bad_date;

impl Text {
    pub fn date(&self, d: NaiveDate) -> String {
        self.lang.date(d)
    }

    pub fn lead(&self, version: u32, referrals: (NaiveDate, NaiveDate), as_of: NaiveDate) -> String {
        let (from, until) = (self.date(referrals.0), self.date(referrals.1));
        match self.lang {
            Lang::Da => {
                format!("Version {version} · henvisningsperiode {from}–{until} · opgjort pr. {}", self.date(as_of))
            }
            Lang::En => format!("Version {version} · referral period {from} to {until} · as of {}", self.date(as_of)),
        }
    }

    pub fn unknown_contract_text(&self, given: &str) -> String {
        match self.lang {
            Lang::Da => format!("Der findes ingen kontrakt »{given}«. Vælg en af disse:"),
            Lang::En => format!("There is no contract `{given}`. Choose one of these:"),
        }
    }

    pub fn after_today(&self, d: NaiveDate, today: NaiveDate) -> String {
        match self.lang {
            Lang::Da => {
                format!("{} er efter i dag; tallene er opgjort pr. i dag, {}.", self.date(d), self.date(today))
            }
            Lang::En => format!("{d} is after today; the figures are as of today, {today}."),
        }
    }

    pub fn not_a_date(&self, text: &str) -> String {
        match self.lang {
            Lang::Da => format!("{}; tallene er opgjort pr. standarddatoen.", bad_date(text, self.lang)),
            Lang::En => format!("{}; the figures are as of the default date.", bad_date(text, self.lang)),
        }
    }

    /// Why the figure check has no date to check against.
    pub fn check_date(&self, given: &str, parsed: Option<NaiveDate>) -> String {
        match (self.lang, parsed) {
            (Lang::Da, Some(d)) => {
                format!("{} er efter i dag; tal kan kun kontrolleres pr. en dag, der er gået.", self.date(d))
            }
            (Lang::Da, None) => format!("{}.", bad_date(given, self.lang)),
            (Lang::En, Some(d)) => {
                format!("{d} is after today; figures can only be checked as of a day that has passed.")
            }
            (Lang::En, None) => format!("{}.", bad_date(given, self.lang)),
        }
    }

    /// Why the page opened on this date.
    pub fn landing(&self, d: NaiveDate, invoice: bool) -> String {
        let month = self.months[d.month0() as usize];
        match (self.lang, invoice) {
            (Lang::Da, true) => format!(
                "Tallene er opgjort pr. {}, datoen for den seneste bogførte faktura. Vælg en anden dato herunder.",
                self.date(d)
            ),
            (Lang::Da, false) => format!(
                "Tallene er opgjort ultimo {month} {} (sidste hele måned); der er endnu ingen bogført faktura. Vælg en anden dato herunder.",
                d.year()
            ),
            (Lang::En, true) => {
                format!(
                    "The figures are as of {d}, the date of the latest recorded invoice. Choose another date below."
                )
            }
            (Lang::En, false) => format!(
                "The figures are as of the end of {month} {} (the last complete month); no invoice is recorded yet. Choose another date below.",
                d.year()
            ),
        }
    }

    pub fn masked_note(&self, t: u64) -> String {
        match self.lang {
            Lang::Da => format!(
                "Kun samlede tal. Statustabellen vises, som referatet offentliggør den. Andre antal under {t} borgere vises som »< {t}«, og antal, de kunne regnes ud fra, som »skjult«; beløb og procenter, der bygger på dem, vises som –*."
            ),
            Lang::En => format!(
                "Aggregates only. The status table is shown as the minutes publish it. Other counts under {t} citizens show as \"< {t}\", and counts they could be worked out from as \"hidden\"; amounts and percentages that rest on them show as –*."
            ),
        }
    }

    pub fn footnote(&self, t: u64) -> String {
        match self.lang {
            Lang::Da => format!("* Undertrykt: tallet bygger på et antal under {t} borgere eller ville afsløre et."),
            Lang::En => format!("* Suppressed: the figure rests on a count under {t} citizens or would give one away."),
        }
    }

    /// "…tjent ind igen efter … måneders beskæftigelse", as the minutes put it.
    pub fn break_even(&self, label: &str, cost: &str, months: &str, so_far: &str) -> String {
        match self.lang {
            Lang::Da => format!(
                "<strong>{label}:</strong> Leverandørens pris på {cost} pr. borger er tjent ind igen efter {months} måneders beskæftigelse uden ydelse; {so_far}."
            ),
            Lang::En => format!(
                "<strong>{label}:</strong> the supplier's price of {cost} per citizen is earned back after {months} months of employment without benefit; {so_far}."
            ),
        }
    }

    pub fn months_so_far(&self, months: &str) -> String {
        match self.lang {
            Lang::Da => format!("borgerne i job har indtil nu i gennemsnit sparet {months} måneders ydelse"),
            Lang::En => format!("citizens in job have so far saved {months} months of benefit on average"),
        }
    }

    pub fn deadweight_sentence(&self, label: &str, estimate: &str, realised: &str) -> String {
        match self.lang {
            Lang::Da => format!(
                "<strong>{label}:</strong> Den kritiske dødvægt er {estimate} (estimat): casen betaler sig, så længe højst så stor en andel af borgerne i job ville have fundet arbejde alligevel; {realised}."
            ),
            Lang::En => format!(
                "<strong>{label}:</strong> the critical deadweight is {estimate} (estimate): the case pays as long as no larger share of the citizens in job would have found work anyway; {realised}."
            ),
        }
    }

    pub fn realised_deadweight(&self, pct: &str) -> String {
        match self.lang {
            Lang::Da => format!("med resultaterne indtil nu er den {pct}"),
            Lang::En => format!("on the results so far it is {pct}"),
        }
    }

    pub fn kept(&self, months: u32) -> String {
        match self.lang {
            Lang::Da => format!("Fastholdt {months} måneder (% af jobstarter)"),
            Lang::En => format!("Kept {months} months (% of job starts)"),
        }
    }

    /// A what-if result line for a milestone: "Betaling ved jobstart (30 gange)".
    pub fn paid_for(&self, after_months: u32, times: &str) -> String {
        match (self.lang, after_months) {
            (Lang::Da, 0) => format!("Betaling ved jobstart ({times} gange)"),
            (Lang::Da, m) => format!("Betaling ved fastholdelse i {m} måneder ({times} gange)"),
            (Lang::En, 0) => format!("Paid at job start ({times} times)"),
            (Lang::En, m) => format!("Paid for a job kept {m} months ({times} times)"),
        }
    }

    pub fn what_if_title(&self, group: &str) -> String {
        match self.lang {
            Lang::Da => format!("Resultat for {group}"),
            Lang::En => format!("Result for {group}"),
        }
    }

    pub fn check_summary(&self, flagged: usize, all: usize) -> String {
        match (self.lang, flagged) {
            (Lang::Da, 0) => format!("Alle {all} tal stemmer med det beregnede."),
            (Lang::Da, 1) => format!("1 af {all} tal afviger fra det beregnede og er markeret."),
            (Lang::Da, n) => format!("{n} af {all} tal afviger fra det beregnede og er markeret."),
            (Lang::En, 0) => format!("All {all} figures agree with the computed ones."),
            (Lang::En, 1) => format!("1 of {all} figures disagrees with the computed one and is flagged."),
            (Lang::En, n) => format!("{n} of {all} figures disagree with the computed ones and are flagged."),
        }
    }

    pub fn axis(&self, thousands: &str) -> String {
        match self.lang {
            Lang::Da => format!("{thousands} t.kr."),
            Lang::En => format!("{thousands}k kr."),
        }
    }

    pub fn chart_desc(&self, d: NaiveDate, paid: &str, savings: Option<&str>) -> String {
        match (self.lang, savings) {
            (Lang::Da, Some(s)) => format!("Pr. {}: udbetalt {paid}, realiseret besparelse {s}", self.date(d)),
            (Lang::Da, None) => format!("Pr. {}: udbetalt {paid}", self.date(d)),
            (Lang::En, Some(s)) => format!("As of {d}: paid {paid}, realised savings {s}"),
            (Lang::En, None) => format!("As of {d}: paid {paid}"),
        }
    }
}
