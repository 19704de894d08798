//! The what-if on the committee page: a form prefilled with the realised
//! rates (where the reader may see them), and the result. It runs the same
//! `scenario_on` as `POST /reports/scenario`.

use std::collections::HashMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::layout::errors;
use crate::render::Lang;
use crate::report::{GroupFigures, Portfolio};
use crate::service::reports::{ScenarioAnswer, scenario_on};
use crate::store::RepoError;
use crate::table::{Column, Table, Value, esc, to_html};
use crate::wire::scenario::ScenarioIn;

fn field(name: &str, label: &str, value: &str, hint: Option<&str>) -> String {
    let hint_html =
        hint.map(|h| format!("<span class=\"note\" id=\"{name}-hint\">{}</span>", esc(h))).unwrap_or_default();
    let described = if hint.is_some() { format!(" aria-describedby=\"{name}-hint\"") } else { String::new() };
    format!(
        "<div class=\"field\"><label for=\"{name}\">{}</label><input type=\"text\" inputmode=\"decimal\" id=\"{name}\" name=\"{name}\" value=\"{}\"{described}>{hint_html}</div>",
        esc(label),
        esc(value)
    )
}

/// The what-if section: the form (prefilled with the realised rates where
/// the reader may see them) and, when submitted, the result.
pub fn section(p: &Portfolio, q: &HashMap<String, String>, committee: bool, lang: Lang) -> String {
    let groups: Vec<&GroupFigures> = p.groups.iter().filter(|g| g.case.is_some()).collect();
    if groups.is_empty() {
        return String::new();
    }
    let chosen = q.get("group").filter(|g| groups.iter().any(|x| x.id.as_deref() == Some(g.as_str()))).cloned();
    let group = chosen.unwrap_or_else(|| groups[0].id.clone().unwrap_or_default());
    let base =
        ScenarioIn { contract: Some(p.contract.clone()), target_group: Some(group.clone()), ..ScenarioIn::default() };
    let defaults = scenario_on(p, &base, committee).ok();
    let submitted = q.contains_key("wi");
    let given = |k: &str| q.get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let mut answer: Option<Result<ScenarioAnswer, Vec<String>>> = None;
    if submitted {
        let mut body = base.clone();
        let text = |v: String| serde_json::Value::String(v.replace(',', "."));
        body.referrals_per_year = given("referrals").map(text);
        body.job_start_rate_pct = given("job_start_rate").map(text);
        body.deadweight_pct = given("deadweight").map(text);
        body.months_saved = given("months").map(text);
        for (id, after, _) in &p.milestones {
            if *after > 0
                && let Some(v) = given(&format!("ret_{id}"))
            {
                body.retention_pct.insert(id.clone(), text(v));
            }
        }
        answer = Some(scenario_on(p, &body, committee).map_err(|e| match e {
            RepoError::Invalid(ps) => ps.iter().map(|p| format!("{}: {}", p.field, p.message)).collect(),
            other => vec![other.to_string()],
        }));
    }
    let pct = |d: Decimal| Value::Number(d * Decimal::ONE_HUNDRED, 2).plain();
    let value = |key: &str, default: Option<String>| -> String {
        if submitted { q.get(key).cloned().unwrap_or_default() } else { default.unwrap_or_default() }
    };
    let d = defaults.as_ref().map(|a| &a.input);
    let mut h = String::new();
    let _ =
        write!(h, "<h2 id=\"what-if\">{}</h2>", lang.pick("What if: an extension year", "Hvad nu hvis: et år mere"));
    let _ = write!(
        h,
        "<p class=\"lead\">{}</p>",
        lang.pick(
            "The same model as the figures above: left as they are, the fields hold the realised rates, so the result is the realised figures. Change them to see another year.",
            "Samme model som tallene ovenfor: uændrede rummer felterne de realiserede satser, så resultatet er de realiserede tal. Ret dem for at se et andet år."
        )
    );
    let hidden_note = d.is_none().then(|| {
        lang.pick(
            "The realised rates of this group are hidden (fewer than 5 citizens in a cell): enter the rates to use.",
            "Målgruppens realiserede satser er skjult (færre end 5 borgere i en celle): indtast de satser, der skal bruges.",
        )
    });
    let _ = write!(
        h,
        "<form class=\"box\" method=\"get\" action=\"/committee#what-if\"><input type=\"hidden\" name=\"wi\" value=\"1\"><input type=\"hidden\" name=\"contract\" value=\"{}\"><input type=\"hidden\" name=\"as_of\" value=\"{}\">",
        esc(&p.contract),
        p.as_of
    );
    let _ = write!(
        h,
        "<div class=\"field\"><label for=\"group\">{}</label><select id=\"group\" name=\"group\">",
        lang.pick("Target group", "Målgruppe")
    );
    for g in &groups {
        let id = g.id.clone().unwrap_or_default();
        let sel = if id == group { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{}\"{sel}>{}</option>", esc(&id), esc(&g.label));
    }
    h.push_str("</select></div>");
    if let Some(n) = hidden_note {
        let _ = write!(h, "<p class=\"note\">{}</p>", esc(n));
    }
    h.push_str(&field(
        "referrals",
        lang.pick("Referrals per year", "Henvisninger pr. år"),
        &value("referrals", d.map(|i| Value::Number(i.referrals, 0).plain())),
        None,
    ));
    h.push_str(&field(
        "job_start_rate",
        lang.pick(
            "Job start rate: share of referred who start a job (%)",
            "Jobstartrate: andel af henviste, der starter i job (%)",
        ),
        &value("job_start_rate", d.map(|i| pct(i.job_start_rate))),
        Some(lang.pick(
            "Not the minutes' success rate, which leaves out interrupted and ongoing courses.",
            "Ikke referatets effekt, som ser bort fra afbrudte og igangværende forløb.",
        )),
    ));
    for (id, after, _) in p.milestones.iter().filter(|(_, a, _)| *a > 0) {
        let label = match lang {
            Lang::Da => format!("Fastholdt {after} måneder (% af jobstarter)"),
            Lang::En => format!("Kept {after} months (% of job starts)"),
        };
        let key = format!("ret_{id}");
        let default = d.and_then(|i| i.milestones.iter().find(|m| &m.id == id)).map(|m| pct(m.rate));
        h.push_str(&field(&key, &label, &value(&key, default), None));
    }
    h.push_str(&field(
        "deadweight",
        lang.pick(
            "Deadweight: share in job who would have found work anyway (%)",
            "Dødvægt: andel i job, der ville have fundet arbejde alligevel (%)",
        ),
        &value("deadweight", Some("0".into())),
        None,
    ));
    h.push_str(&field(
        "months",
        lang.pick("Months of benefit saved per job start", "Sparede måneders ydelse pr. jobstart"),
        &value("months", d.map(|i| Value::Number(i.months_saved, 2).plain())),
        None,
    ));
    let _ = write!(h, "<button class=\"primary\" type=\"submit\">{}</button></form>", lang.pick("Calculate", "Beregn"));

    match answer {
        None => {}
        Some(Err(problems)) => h.push_str(&errors(
            lang,
            lang.pick("The what-if could not be calculated", "Beregningen kunne ikke laves"),
            &problems,
        )),
        Some(Ok(a)) => {
            let r = &a.result;
            let mut rows: Vec<Vec<Value>> =
                vec![vec![Value::Text(lang.pick("Job starts", "Jobstarter").into()), Value::Number(r.job_starts, 2)]];
            for (id, n, amount) in &r.per_milestone {
                let label = match lang {
                    Lang::Da => format!("Betaling for {id} ({} gange)", Value::Number(*n, 2).human(lang)),
                    Lang::En => format!("Paid for {id} ({} times)", Value::Number(*n, 2).human(lang)),
                };
                rows.push(vec![Value::Text(label), Value::Money(amount.rounded())]);
            }
            let row =
                |en: &'static str, da: &'static str, v: Value| vec![Value::Text(lang.pick(en, da).to_string()), v];
            rows.push(row("Expected payments", "Forventede betalinger", Value::Money(r.payments.rounded())));
            rows.push(row(
                "Benefit savings of all job starts",
                "Ydelsesbesparelse for alle jobstarter",
                Value::Money(r.gross_savings.rounded()),
            ));
            rows.push(row(
                "Savings caused by the case (after deadweight)",
                "Besparelse skabt af casen (efter dødvægt)",
                Value::Money(r.savings.rounded()),
            ));
            rows.push(row("Net result per year", "Nettoresultat pr. år", Value::Money(r.net.rounded())));
            rows.push(row(
                "Net result per referral",
                "Nettoresultat pr. henvisning",
                Value::money(r.net_per_referral.map(|m| m.rounded())),
            ));
            rows.push(row("Break-even deadweight", "Dødvægt ved break-even", Value::pct(r.break_even_deadweight, 2)));
            let t = Table {
                name: "scenario",
                title_en: format!("What-if result: {}", a.group),
                title_da: format!("Resultat: {}", a.group),
                columns: vec![Column::new("figure", "Figure", "Tal"), Column::new("value", "Value", "Værdi")],
                rows,
            };
            h.push_str("<div role=\"status\">");
            h.push_str(&to_html(&t, lang).replace("class=\"figures\"", "class=\"figures plain\""));
            h.push_str("</div>");
        }
    }
    h
}
