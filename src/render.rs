//! Printing evaluations and the investment case for people (tables) and
//! spreadsheets (CSV). JSON goes through [`crate::wire`].

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::case::CaseFigures;
use crate::contract::{Contract, TargetGroup};
use crate::evaluate::CourseEvaluation;
use crate::evaluate::trace::{pending_text, reason_text, render};
use crate::money::Money;
use crate::verdict::Verdict;
use crate::wire::evaluation_json::EvaluationJson;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Table,
    Csv,
}

enum Sink<W: Write> {
    Plain(W),
    Csv(Box<csv::Writer<W>>),
}

/// Writes evaluations one at a time, so a million courses stream out.
pub struct EvaluationWriter<W: Write> {
    sink: Sink<W>,
    format: Format,
    trace: bool,
    first: bool,
    total: Money,
    count: usize,
}

const CSV_HEADER: [&str; 13] = [
    "course_id",
    "citizen",
    "contract",
    "contract_version",
    "target_group",
    "status",
    "eligible",
    "milestone",
    "milestone_status",
    "date",
    "earliest",
    "amount",
    "reason",
];

impl<W: Write> EvaluationWriter<W> {
    pub fn begin(mut out: W, format: Format, as_of: NaiveDate, trace: bool) -> io::Result<EvaluationWriter<W>> {
        let sink = match format {
            Format::Json => {
                write!(out, "{{\"as_of\":\"{as_of}\",\"courses\":[")?;
                Sink::Plain(out)
            }
            Format::Table => {
                writeln!(out, "Evaluation as of {as_of}")?;
                Sink::Plain(out)
            }
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(CSV_HEADER)?;
                Sink::Csv(Box::new(w))
            }
        };
        Ok(EvaluationWriter { sink, format, trace, first: true, total: Money::ZERO, count: 0 })
    }

    pub fn course(&mut self, e: &CourseEvaluation<'_>) -> io::Result<()> {
        self.total += e.earned;
        self.count += 1;
        match (&mut self.sink, self.format) {
            (Sink::Plain(out), Format::Json) => {
                if !self.first {
                    out.write_all(b",")?;
                }
                out.write_all(b"\n")?;
                serde_json::to_writer(&mut *out, &EvaluationJson(e))?;
            }
            (Sink::Plain(out), _) => table_course(out, e, self.trace)?,
            (Sink::Csv(w), _) => csv_course(w, e)?,
        }
        self.first = false;
        Ok(())
    }

    pub fn finish(self) -> io::Result<()> {
        match self.sink {
            Sink::Plain(mut out) => {
                if self.format == Format::Json {
                    writeln!(out, "\n],\"total_earned\":\"{}\"}}", self.total.plain())?;
                } else {
                    writeln!(out, "\n{} courses; total earned {} kr.", self.count, self.total.plain())?;
                }
                out.flush()
            }
            Sink::Csv(mut w) => w.flush(),
        }
    }
}

fn table_course<W: Write>(out: &mut W, e: &CourseEvaluation<'_>, trace: bool) -> io::Result<()> {
    let c = e.course;
    let version = e.contract.map_or("-".to_string(), |k| format!("v{}", k.version));
    let eligible = match &e.refusal {
        None => "eligible".to_string(),
        Some(r) => r.code().to_string(),
    };
    writeln!(
        out,
        "\n{}  {}  {} {}  {}  {}  referred {}  earned {} kr.",
        c.id,
        c.citizen,
        c.contract,
        version,
        c.target_group,
        e.status.as_str(),
        c.referred_on,
        e.earned.plain()
    )?;
    writeln!(out, "    {eligible}")?;
    for v in &e.milestones {
        let m = e.milestone(v);
        let detail = match &v.verdict {
            Verdict::Achieved { date } => format!("on {date}"),
            Verdict::Pending { earliest: Some(d), note } => format!("earliest {d} ({})", pending_text(note)),
            Verdict::Pending { earliest: None, note } => pending_text(note),
            Verdict::Forfeited { reason } => reason_text(reason, c, e.contract),
        };
        writeln!(out, "    {:<14} {:>9} kr.  {:<9}  {detail}", m.id.as_str(), m.amount.plain(), v.verdict.status())?;
    }
    if trace {
        for line in render(e) {
            writeln!(out, "      · {line}")?;
        }
    }
    Ok(())
}

fn csv_course<W: Write>(w: &mut csv::Writer<W>, e: &CourseEvaluation<'_>) -> io::Result<()> {
    let c = e.course;
    let version = e.contract.map(|k| k.version.to_string()).unwrap_or_default();
    for v in &e.milestones {
        let m = e.milestone(v);
        let (date, earliest, reason) = match &v.verdict {
            Verdict::Achieved { date } => (date.to_string(), String::new(), String::new()),
            Verdict::Pending { earliest, note } => {
                (String::new(), earliest.map(|d| d.to_string()).unwrap_or_default(), pending_text(note))
            }
            Verdict::Forfeited { reason } => (String::new(), String::new(), reason_text(reason, c, e.contract)),
        };
        // Through the one CSV cell rule: ids and reasons come from input.
        let cells = [
            c.id.as_str(),
            c.citizen.as_str(),
            c.contract.as_str(),
            &version,
            c.target_group.as_str(),
            e.status.as_str(),
            if e.eligible() { "true" } else { "false" },
            m.id.as_str(),
            v.verdict.status(),
            &date,
            &earliest,
            &m.amount.plain(),
            &reason,
        ];
        let cells: Vec<_> = cells.iter().map(|c| crate::wire::table_csv::csv_cell(c)).collect();
        w.write_record(cells.iter().map(|c| c.as_bytes()))?;
    }
    Ok(())
}

pub use crate::lang::Lang;

/// The investment case as a table, one column per target group.
pub fn case_table<W: Write>(
    out: &mut W,
    contract: &Contract,
    figures: &[CaseFigures<'_>],
    without: &[&TargetGroup],
    lang: Lang,
) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} {} {} ({})\n",
        lang.pick("Investment case", "Investeringscase"),
        contract.id,
        lang.pick("version", "version"),
        contract.version,
        contract.title
    )?;
    let kr = lang.pick("kr.", "kr.");
    let na = lang.pick("never pays", "betaler sig aldrig");
    let rows: Vec<(&str, Vec<String>)> = vec![
        (
            lang.pick("Benefit saving per citizen in job", "Ydelsesbesparelse pr. borger i job"),
            figures.iter().map(|f| format!("{} {kr}", lang.money(f.benefit_saving))).collect(),
        ),
        (
            lang.pick("Supplier cost (all milestones)", "Omkostning til ekstern leverandør"),
            figures.iter().map(|f| format!("{} {kr}", lang.money(f.supplier_cost))).collect(),
        ),
        (
            lang.pick("Fleksjob subsidy", "Omkostninger til fleksjobtilskud"),
            figures.iter().map(|f| format!("{} {kr}", lang.money(f.fleksjob_subsidy))).collect(),
        ),
        (
            lang.pick("Saving potential per citizen", "Besparelsespotentiale pr. borger"),
            figures.iter().map(|f| format!("{} {kr}", lang.money(f.saving_potential))).collect(),
        ),
        (
            lang.pick("Monthly benefit saving", "Ydelsesbesparelse pr. måned"),
            figures.iter().map(|f| format!("{} {kr}", lang.money(f.monthly_saving.rounded()))).collect(),
        ),
        (
            lang.pick("Months of work to break even", "Måneders beskæftigelse før break-even"),
            figures.iter().map(|f| f.months_to_break_even.map_or(na.to_string(), |m| lang.number(m, 2))).collect(),
        ),
        (
            lang.pick("Deadweight break-even (share who could have found work anyway)", "Dødvægt ved break-even"),
            figures
                .iter()
                .map(|f| {
                    f.deadweight_break_even.map_or(na.to_string(), |s| match lang {
                        Lang::En => s.plain(2),
                        Lang::Da => s.danish(2),
                    })
                })
                .collect(),
        ),
    ];
    let label_w = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
    let col_w = figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            rows.iter().map(|(_, v)| v[i].chars().count()).max().unwrap_or(0).max(f.group.label.chars().count())
        })
        .collect::<Vec<_>>();
    write!(out, "{:label_w$}", "")?;
    for (i, f) in figures.iter().enumerate() {
        write!(out, "  {:>w$}", f.group.label, w = col_w[i])?;
    }
    writeln!(out)?;
    for (label, values) in &rows {
        write!(out, "{label:<label_w$}")?;
        for (i, v) in values.iter().enumerate() {
            write!(out, "  {v:>w$}", w = col_w[i])?;
        }
        writeln!(out)?;
    }
    for g in without {
        writeln!(
            out,
            "\n{}: {}",
            g.label,
            lang.pick(
                "the contract gives no investment-case estimate for this group.",
                "kontrakten har intet estimat for denne målgruppe."
            )
        )?;
    }
    Ok(())
}
