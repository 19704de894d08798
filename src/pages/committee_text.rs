//! Every word the committee page shows (with its what-if, chart and figure
//! check), in Danish as a municipal finance officer writes it and in
//! English, in one place. The table headings are the tables' own
//! (`wire::report_out`), so the page, the CSV and the JSON agree.

use super::format::bad_date;
use chrono::{Datelike, NaiveDate};

use crate::lang::Lang;

/// The fixed texts of the page in one language.
pub struct Text {
    pub lang: Lang,
    pub page_title: &'static str,
    pub no_contracts: &'static str,
    pub no_contracts_hint: &'static str,
    pub unknown_contract: &'static str,
    pub contract: &'static str,
    pub as_of: &'static str,
    pub show: &'static str,
    pub version: &'static str,
    pub download: &'static str,
    pub csv_excel: &'static str,
    pub staff_note: &'static str,
    pub h_status: &'static str,
    pub status_note: &'static str,
    pub h_jobs: &'static str,
    pub jobs_note: &'static str,
    pub h_pays: &'static str,
    pub chart_caption: &'static str,
    pub chart_title: &'static str,
    pub chart_paid: &'static str,
    pub chart_saved: &'static str,
    pub chart_empty: &'static str,
    pub chart_savings_withheld: &'static str,
    pub months: [&'static str; 12],
    pub realised_note: &'static str,
    pub h_money: &'static str,
    pub money_note: &'static str,
    pub h_results: &'static str,
    pub results_note: &'static str,
    pub h_indicators: &'static str,
    pub never: &'static str,
    pub estimate_never_pays: &'static str,
    pub no_savings_yet: &'static str,
    pub realised_withheld: &'static str,
    pub no_job_yet: &'static str,
    pub figures_failed: &'static str,
    // The typed-figure check.
    pub h_check: &'static str,
    pub check_lead: &'static str,
    pub check_file: &'static str,
    pub check_paste: &'static str,
    pub check_go: &'static str,
    pub check_problems: &'static str,
    pub check_nothing: &'static str,
    pub check_back: &'static str,
    // The what-if.
    pub h_what_if: &'static str,
    pub what_if_lead: &'static str,
    pub target_group: &'static str,
    pub referrals: &'static str,
    pub referrals_hint: &'static str,
    pub job_start_rate: &'static str,
    pub job_start_rate_hint: &'static str,
    pub deadweight: &'static str,
    pub months_saved: &'static str,
    pub calculate: &'static str,
    pub what_if_failed: &'static str,
    pub rates_withheld: &'static str,
    pub r_job_starts: &'static str,
    pub r_payments: &'static str,
    pub r_gross: &'static str,
    pub r_caused: &'static str,
    pub r_net: &'static str,
    pub r_net_per_referral: &'static str,
    pub r_break_even: &'static str,
    pub r_figure: &'static str,
    pub r_value: &'static str,
    // The what-if's problems with a field (the English page shows the
    // API's own messages).
    pub p_over_100: &'static str,
    pub p_give: &'static str,
    pub p_not_a_number: &'static str,
    pub p_other: &'static str,
}

pub const DA: Text = Text {
    lang: Lang::Da,
    page_title: "Udvalgets tal",
    no_contracts: "Ingen kontrakter endnu",
    no_contracts_hint: "Indkøb tilføjer kontrakter.",
    unknown_contract: "Ukendt kontrakt",
    contract: "Kontrakt",
    as_of: "Opgjort pr.",
    show: "Vis",
    version: "version",
    download: "Hent",
    csv_excel: "CSV til dansk Excel",
    staff_note: "Du ser alle tal. Et udvalgsmedlem ser antal under 5 borgere undertrykt, undtagen i statustabellen, som referatet offentliggør.",
    h_status: "Status",
    status_note: "Effekt i procent = afsluttet til job / (afsluttet til job + afsluttet uden job); afbrudte og igangværende forløb tæller ikke med, som i referatet.",
    h_jobs: "Jobtype og leverandørens løfte",
    jobs_note: "Løftet er leverandørens forventning, da kontrakten blev indgået. Andelene regnes som effekten: af forløb afsluttet til eller uden job.",
    h_pays: "Betaler det sig?",
    chart_caption: "Betalinger til leverandøren mod realiserede ydelsesbesparelser, ultimo hver måned",
    chart_title: "Akkumulerede betalinger og realiserede besparelser",
    chart_paid: "Udbetalt til leverandøren",
    chart_saved: "Realiserede ydelsesbesparelser",
    chart_empty: "Ingen forløb endnu.",
    chart_savings_withheld: "Kurven for realiserede besparelser er undertrykt: den ville afsløre tal for færre end 5 borgere.",
    months: ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    realised_note: "Realiserede besparelser tæller hver borgers dage i arbejde uden ydelse inden for estimatets måneder efter jobstart, værdisat til estimatets nettobesparelse; nettoresultatet stiller dem over for det, leverandøren har optjent. Målgrupper uden estimat står under totalen, uden for casen. Beløb afrundes til øre én gang pr. målgruppe; totalen er summen af rækkerne.",
    h_money: "Betalinger",
    money_note: "Hver række går op: udbetalt + godkendt, ikke udbetalt + optjent, ikke faktureret − betalinger i risiko = optjent. En betaling i risiko er udbetalt eller godkendt for en rate, der ikke længere er opnået (fx en ydelsesdag indberettet for sent); økonomi kan tilbageføre den.",
    h_results: "Enhedsomkostning pr. resultat",
    results_note: "Regnet på det optjente, så tallet ikke springer med fakturaernes forfaldsdage; det udbetalte står ved siden af.",
    h_indicators: "Resultatindikatorer",
    never: "aldrig",
    estimate_never_pays: "ingen: estimatet betaler sig aldrig",
    no_savings_yet: "der er endnu ingen realiserede besparelser at regne på",
    realised_withheld: "de realiserede tal er undertrykt (færre end 5 borgere)",
    no_job_yet: "ingen borgere er endnu startet i job",
    figures_failed: "Tallene kunne ikke beregnes",
    h_check: "Kontrollér tal fra en sagsfremstilling",
    check_lead: "Skriv eller kopiér tallene fra udkastet som CSV med to kolonner, betegnelse og tal: én linje pr. tal, fx »Samlet / Effekt i procent;53,5 %«. Betegnelsen er rækken (målgruppen, »I alt« eller »Samlet«) og kolonnen, som tabellerne ovenfor skriver dem. Hvert tal holdes op mod det beregnede; de, der afviger, markeres.",
    check_file: "CSV-fil med tallene",
    check_paste: "…eller indsæt tallene",
    check_go: "Kontrollér tallene",
    check_problems: "Tallene kunne ikke læses",
    check_nothing: "Vælg en fil, eller indsæt tallene.",
    check_back: "Tilbage til udvalgets tal",
    h_what_if: "Hvad nu hvis: et år mere",
    what_if_lead: "Samme model som tallene ovenfor. Uændrede rummer felterne de realiserede tal, og resultatet er tabellernes realiserede tal til øren; ret dem for at se et andet år.",
    target_group: "Målgruppe",
    referrals: "Henvisninger",
    referrals_hint: "Udfyldt med antal henviste til dato; skriv fx det forventede antal for et år.",
    job_start_rate: "Jobstartrate: andel af henviste, der starter i job (%)",
    job_start_rate_hint: "Ikke referatets effekt, som ser bort fra afbrudte og igangværende forløb. En rate er derimod en af leverandørens betalinger.",
    deadweight: "Dødvægt: andel i job, der ville have fundet arbejde alligevel (%)",
    months_saved: "Sparede måneders ydelse pr. jobstart",
    calculate: "Beregn",
    what_if_failed: "Beregningen kunne ikke laves",
    rates_withheld: "Målgruppens realiserede tal er undertrykt (de bygger på færre end 5 borgere): indtast de satser, der skal bruges.",
    r_job_starts: "Jobstarter",
    r_payments: "Forventede betalinger i alt",
    r_gross: "Ydelsesbesparelse for alle jobstarter",
    r_caused: "Besparelse skabt af casen (efter dødvægt)",
    r_net: "Nettoresultat",
    r_net_per_referral: "Nettoresultat pr. henvisning",
    r_break_even: "Kritisk dødvægt",
    r_figure: "Tal",
    r_value: "Værdi",
    p_over_100: "må højst være 100 %",
    p_give: "skal udfyldes: de realiserede tal er undertrykt",
    p_not_a_number: "skal være et tal på 0 eller mere",
    p_other: "kan ikke bruges",
};

pub const EN: Text = Text {
    lang: Lang::En,
    page_title: "Committee figures",
    no_contracts: "No contracts yet",
    no_contracts_hint: "Procurement adds contracts.",
    unknown_contract: "Unknown contract",
    contract: "Contract",
    as_of: "Figures as of",
    show: "Show",
    version: "version",
    download: "Download",
    csv_excel: "CSV for Danish Excel",
    staff_note: "You see every figure. A committee member sees counts under 5 citizens suppressed, except in the status table, which the minutes publish.",
    h_status: "Status",
    status_note: "Success rate = ended in job / (ended in job + ended without job); interrupted and ongoing courses are left out, as in the minutes.",
    h_jobs: "Kind of job and the supplier's promise",
    jobs_note: "The promise is what the supplier expected when the contract was signed. The shares are counted as the success rate is: of the courses that ended in a job or without one.",
    h_pays: "Does it pay?",
    chart_caption: "Payments to the supplier against realised benefit savings, at each month's end",
    chart_title: "Cumulative payments and realised savings",
    chart_paid: "Paid to the supplier",
    chart_saved: "Realised benefit savings",
    chart_empty: "No courses yet.",
    chart_savings_withheld: "The line of realised savings is suppressed: it would give away figures of fewer than 5 citizens.",
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    realised_note: "Realised savings count each citizen's days in work without benefit within the estimate's months after the job start, valued at the estimate's net saving; the net result sets them against what the supplier earned. Groups without an estimate follow the total, apart from the case. Amounts are rounded to øre once per group; the total is the sum of the rows.",
    h_money: "Payments",
    money_note: "Each row reconciles: paid + approved, not yet paid + earned, not yet invoiced − payments at risk = earned. A payment at risk is paid or approved for a milestone no longer achieved (e.g. a benefit day reported late); finance can reverse it.",
    h_results: "Cost per result",
    results_note: "Counted on what was earned, so that it does not jump with the invoices' due dates; what was paid is shown beside it.",
    h_indicators: "Result indicators",
    never: "never",
    estimate_never_pays: "none: the estimate never pays",
    no_savings_yet: "there are no realised savings to go on yet",
    realised_withheld: "the realised figures are suppressed (fewer than 5 citizens)",
    no_job_yet: "no citizen has started a job yet",
    figures_failed: "The figures could not be computed",
    h_check: "Check figures from a draft case text",
    check_lead: "Type or copy the draft's figures as CSV with two columns, label and value: one line per figure, e.g. \"Total / Success rate,53.5 %\". The label is the row (the target group, \"Total\") and the column as the tables above name them. Each figure is held against the computed one; those that disagree are flagged.",
    check_file: "CSV file with the figures",
    check_paste: "…or paste the figures",
    check_go: "Check the figures",
    check_problems: "The figures could not be read",
    check_nothing: "Choose a file or paste the figures.",
    check_back: "Back to the committee figures",
    h_what_if: "What if: one more year",
    what_if_lead: "The same model as the figures above. Left as they are, the fields hold the realised figures, and the result is the tables' realised figures to the øre; change them to see another year.",
    target_group: "Target group",
    referrals: "Referrals",
    referrals_hint: "Filled in with the citizens referred to date; type e.g. the number expected in a year.",
    job_start_rate: "Job start rate: share of referred who start a job (%)",
    job_start_rate_hint: "Not the minutes' success rate, which leaves out interrupted and ongoing courses.",
    deadweight: "Deadweight: share in job who would have found work anyway (%)",
    months_saved: "Months of benefit saved per job start",
    calculate: "Calculate",
    what_if_failed: "The what-if could not be calculated",
    rates_withheld: "This group's realised figures are suppressed (they rest on fewer than 5 citizens): enter the rates to use.",
    r_job_starts: "Job starts",
    r_payments: "Expected payments in all",
    r_gross: "Benefit savings of all job starts",
    r_caused: "Savings caused by the case (after deadweight)",
    r_net: "Net result",
    r_net_per_referral: "Net result per referral",
    r_break_even: "Critical deadweight",
    r_figure: "Figure",
    r_value: "Value",
    p_over_100: "must be 100 % at most",
    p_give: "must be given: the realised figures are suppressed",
    p_not_a_number: "must be a number of 0 or more",
    p_other: "cannot be used",
};

pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

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
