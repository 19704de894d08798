//! Every word the comparison page shows, in Danish and in English. The
//! rates' and the money's names are the comparison table's own
//! (`wire::compare_out`), so the page, the CSV and the JSON agree.

use crate::lang::Lang;

pub struct Text {
    pub lang: Lang,
    pub page_title: &'static str,
    pub as_of: &'static str,
    pub target_group: &'static str,
    pub show: &'static str,
    pub h_rates: &'static str,
    pub rates_caption: &'static str,
    pub h_money: &'static str,
    pub money_caption: &'static str,
    pub h_apart: &'static str,
    pub figure: &'static str,
    pub referred: &'static str,
    pub none_note: &'static str,
    pub decided_note: &'static str,
    pub cost_note: &'static str,
    pub download: &'static str,
    pub csv_excel: &'static str,
    pub no_options: &'static str,
    pub failed: &'static str,
    pub nothing_to_tell: &'static str,
    pub bad_date_heading: &'static str,
}

pub static DA: Text = Text {
    lang: Lang::Da,
    page_title: "Sammenligning af muligheder",
    as_of: "Opgjort pr.",
    target_group: "Målgruppe",
    show: "Vis",
    h_rates: "Resultater med 95 %-interval",
    rates_caption: "Andele med 95 %-interval (Wilson)",
    h_money: "Økonomi",
    money_caption: "Omkostning, pris pr. resultat og nettoresultat",
    h_apart: "Kan mulighederne skelnes?",
    figure: "Tal",
    referred: "Antal henviste",
    decided_note: "Fastholdelse regnes af de afgjorte jobstarter: jobbet er holdt i 3 (6) måneder, eller det er mistet før. Et job, der er yngre end 3 (6) måneder og stadig holdes, tæller ikke med.",
    none_note: "– betyder, at tallet ikke kan beregnes: ingen forløb at tælle, intet besparelsesestimat, eller en rate, kontrakten ikke har.",
    cost_note: "Omkostning: for en leverandør det optjente (de opnåede rater); for egen indsats antal henviste × pris pr. henvisning, uanset resultatet. Realiseret besparelse regnes som i udvalgets tal: dage i job uden ydelse inden for estimatets måneder.",
    download: "Hent tabellen",
    csv_excel: "CSV til dansk Excel",
    no_options: "Der er ingen kontrakter at sammenligne.",
    failed: "Tallene kunne ikke beregnes.",
    nothing_to_tell: "Ingen rate har tal for to muligheder at sammenligne.",
    bad_date_heading: "Datoen kunne ikke bruges",
};

pub static EN: Text = Text {
    lang: Lang::En,
    page_title: "Options compared",
    as_of: "As of",
    target_group: "Target group",
    show: "Show",
    h_rates: "Results with 95 % intervals",
    rates_caption: "Shares with their 95 % interval (Wilson)",
    h_money: "Money",
    money_caption: "Cost, cost per result and net result",
    h_apart: "Can the options be told apart?",
    figure: "Figure",
    referred: "Referred",
    decided_note: "Retention is counted of the job starts decided: the job was kept 3 (6) months, or lost before. A job younger than 3 (6) months that is still held is not counted.",
    none_note: "– means the figure cannot be computed: no courses to count, no savings estimate, or a stage the contract does not have.",
    cost_note: "Cost: for a supplier what it earned (the milestones achieved); for the own team its referrals × its cost per referral, whatever the outcome. Realised savings are counted as in the committee figures: days in a job without benefit within the estimate's months.",
    download: "Download the table",
    csv_excel: "CSV for Danish Excel",
    no_options: "There are no contracts to compare.",
    failed: "The figures could not be computed.",
    nothing_to_tell: "No rate has figures for two options to compare.",
    bad_date_heading: "The date could not be used",
};

pub fn text(lang: Lang) -> &'static Text {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

impl Text {
    /// The lead under the heading.
    pub fn lead(&self, group: Option<&str>, date: &str) -> String {
        match (self.lang, group) {
            (Lang::Da, Some(g)) => format!(
                "Målgruppe: {g}, pr. {date}. Hver andel vises med sit 95 %-interval. To muligheder kan kun skelnes, når deres intervaller ikke overlapper; ellers kan de ikke skelnes på de foreliggende data."
            ),
            (Lang::Da, None) => format!(
                "Hver kontrakts i alt, pr. {date}. Hver andel vises med sit 95 %-interval. To muligheder kan kun skelnes, når deres intervaller ikke overlapper; ellers kan de ikke skelnes på de foreliggende data."
            ),
            (Lang::En, Some(g)) => format!(
                "Target group: {g}, as of {date}. Each share is shown with its 95 % interval. Two options can be told apart only when their intervals do not overlap; otherwise they cannot be told apart on the data so far."
            ),
            (Lang::En, None) => format!(
                "Each contract's total, as of {date}. Each share is shown with its 95 % interval. Two options can be told apart only when their intervals do not overlap; otherwise they cannot be told apart on the data so far."
            ),
        }
    }

    /// A date that is none, or after today: the figures are today's.
    pub fn bad_date(&self, text: &str) -> String {
        match self.lang {
            Lang::Da => format!("»{text}« er ikke en dato (ÅÅÅÅ-MM-DD) til og med i dag; tallene vises pr. i dag."),
            Lang::En => format!("\"{text}\" is not a date (YYYY-MM-DD) up to today; the figures are today's."),
        }
    }

    /// A contract asked for is not there; the contracts there are, by title.
    pub fn unknown_contract(&self, known: &[String]) -> String {
        match self.lang {
            Lang::Da => format!("En af de valgte kontrakter findes ikke. Kontrakterne er: {}.", known.join("; ")),
            Lang::En => {
                format!("One of the contracts asked for is not there. The contracts are: {}.", known.join("; "))
            }
        }
    }

    /// No compared contract has the target group asked for.
    pub fn unknown_group(&self, group: &str) -> String {
        match self.lang {
            Lang::Da => format!("Ingen af de sammenlignede kontrakter har målgruppen »{group}«."),
            Lang::En => format!("None of the contracts compared has the target group \"{group}\"."),
        }
    }

    /// "53,6 % (40,70–65,98 %)".
    pub fn with_interval(&self, rate: &str, low: &str, high: &str) -> String {
        let strip = |s: &str| s.trim_end_matches(" %").to_string();
        format!("{rate} ({}–{} %)", strip(low), strip(high))
    }

    /// Two options on one rate whose intervals overlap.
    pub fn overlap(&self, rate: &str, a: &str, ra: &str, b: &str, rb: &str) -> String {
        match self.lang {
            Lang::Da => format!(
                "{rate}: {a} ({ra}) og {b} ({rb}) kan ikke skelnes på de foreliggende data; intervallerne overlapper."
            ),
            Lang::En => {
                format!(
                    "{rate}: {a} ({ra}) and {b} ({rb}) cannot be told apart on the data so far; the intervals overlap."
                )
            }
        }
    }

    /// Two options on one rate whose intervals do not overlap.
    pub fn apart(&self, rate: &str, hi: &str, rhi: &str, lo: &str, rlo: &str) -> String {
        match self.lang {
            Lang::Da => format!(
                "{rate}: {hi} ({rhi}) ligger over {lo} ({rlo}); intervallerne overlapper ikke, så forskellen er ikke kun tilfældighed på 95 %-niveau."
            ),
            Lang::En => format!(
                "{rate}: {hi} ({rhi}) is above {lo} ({rlo}); the intervals do not overlap, so the difference is not chance alone at the 95 % level."
            ),
        }
    }

    /// How the own team's cost per referral is formed.
    pub fn in_house(&self, name: &str, per: &str, staff: &str, pay: &str, overhead: &str, load: &str) -> String {
        match self.lang {
            Lang::Da => format!(
                "{name}: {per} pr. henvisning = {pay} pr. årsværk × (1 + {overhead} overhead) / {load} borgere pr. årsværk ({staff} årsværk)."
            ),
            Lang::En => format!(
                "{name}: {per} per referral = {pay} per staff-year × (1 + {overhead} overhead) / {load} citizens per staff-year ({staff} staff-years)."
            ),
        }
    }
}
