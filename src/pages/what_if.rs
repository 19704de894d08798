//! The what-if on the committee page: a form prefilled with the realised
//! figures (where the reader may see them), in the page's number format,
//! and the result. It runs the same `scenario_on` as `POST
//! /reports/scenario`.
//!
//! The prefilled values are rounded for reading (32,61 %); a field sent
//! back unchanged means "the realised value", so the exact rate reaches the
//! scenario and an unchanged form reproduces the realised table to the øre.

use std::collections::HashMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::committee_text::Text;
use super::layout::errors;
use crate::lang::Lang;
use crate::report::scenario::ScenarioInput;
use crate::report::{GroupFigures, Portfolio};
use crate::service::reports::{ScenarioAnswer, scenario_on};
use crate::store::RepoError;
use crate::table::{Column, Table, Value, esc, to_html};
use crate::wire::report_out::ReportView;
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

/// A number as the page writes it.
fn shown(d: Decimal, dp: u32, lang: Lang) -> String {
    Value::Number(d, dp).human(lang)
}

/// A number as the page's reader types it: Danish `1.234,5` or English
/// `1,234.5`, as a plain decimal string for the scenario.
fn typed(text: &str, lang: Lang) -> String {
    let t = text.trim().trim_end_matches('%').trim();
    match lang {
        Lang::Da => t.replace('.', "").replace(',', "."),
        Lang::En => t.replace(',', ""),
    }
}

/// The form's fields: (name, the realised value as the page shows it).
fn defaults(p: &Portfolio, d: Option<&ScenarioInput>, lang: Lang) -> Vec<(String, String)> {
    let pct = |r: Decimal| shown(r * Decimal::ONE_HUNDRED, 2, lang);
    let mut out = vec![
        ("referrals".to_string(), d.map(|i| shown(i.referrals, 0, lang))),
        ("job_start_rate".to_string(), d.map(|i| pct(i.job_start_rate))),
    ];
    for (id, _, _) in p.milestones.iter().filter(|(_, a, _)| *a > 0) {
        let rate = d.and_then(|i| i.milestones.iter().find(|m| &m.id == id)).map(|m| pct(m.rate));
        out.push((format!("ret_{id}"), rate));
    }
    out.push(("deadweight".to_string(), Some(shown(Decimal::ZERO, 0, lang))));
    out.push(("months".to_string(), d.map(|i| shown(i.months_saved, 2, lang))));
    out.into_iter().map(|(k, v)| (k, v.unwrap_or_default())).collect()
}

/// A problem with a field, named by its label on the form, in the page's
/// language.
fn problem_text(p: &Portfolio, field: &str, message: &str, t: &Text) -> String {
    let label = match field {
        "referrals_per_year" => t.referrals.to_string(),
        "job_start_rate_pct" => t.job_start_rate.to_string(),
        "deadweight_pct" => t.deadweight.to_string(),
        "months_saved" => t.months_saved.to_string(),
        "target_group" => t.target_group.to_string(),
        "until" => t.lang.pick("Extend referrals to", "Forlæng henvisningerne til").to_string(),
        "from" => t.lang.pick("Extension from", "Forlængelsen fra").to_string(),
        other => match other.strip_prefix("retention_pct.") {
            Some(id) => p.milestones.iter().find(|(m, _, _)| m == id).map_or(other.to_string(), |(_, a, _)| t.kept(*a)),
            None => other.to_string(),
        },
    };
    let what = match t.lang {
        Lang::En => message.to_string(),
        Lang::Da if message.contains("more than 100") => t.p_over_100.into(),
        Lang::Da if message.contains("give this input") => t.p_give.into(),
        Lang::Da if message.contains("not a number") => t.p_not_a_number.into(),
        Lang::Da => t.p_other.into(),
    };
    format!("{label}: {what}")
}

/// The what-if section: the form and, when submitted, the result.
pub fn section(p: &Portfolio, q: &HashMap<String, String>, view: &ReportView<'_>, t: &Text) -> String {
    let lang = t.lang;
    let groups: Vec<&GroupFigures> = p.groups.iter().filter(|g| g.case.is_some()).collect();
    if groups.is_empty() {
        return String::new();
    }
    let chosen = q.get("group").filter(|g| groups.iter().any(|x| x.id.as_deref() == Some(g.as_str()))).cloned();
    let group = chosen.unwrap_or_else(|| groups[0].id.clone().unwrap_or_default());
    let base =
        ScenarioIn { contract: Some(p.contract.clone()), target_group: Some(group.clone()), ..ScenarioIn::default() };
    let pol = view.policy();
    let realised = scenario_on(p, &base, pol).ok();
    let d = realised.as_ref().map(|a| &a.input);
    let shown_defaults = defaults(p, d, lang);
    let submitted = q.contains_key("wi");
    let mut answer: Option<Result<ScenarioAnswer, Vec<String>>> = None;
    if submitted {
        let mut body = base.clone();
        // A field left as it was prefilled is not given: the exact realised
        // value is used, not its rounded display.
        let given = |k: &str| -> Option<serde_json::Value> {
            let v = q.get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())?;
            let default = shown_defaults.iter().find(|(n, _)| n == k).map(|(_, d)| d.as_str());
            (Some(v.as_str()) != default).then(|| serde_json::Value::String(typed(&v, lang)))
        };
        body.referrals_per_year = given("referrals");
        body.job_start_rate_pct = given("job_start_rate");
        body.deadweight_pct = given("deadweight");
        body.months_saved = given("months");
        body.until = q.get("until").map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        body.from = q.get("from").map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        for (id, after, _) in &p.milestones {
            if *after > 0
                && let Some(v) = given(&format!("ret_{id}"))
            {
                body.retention_pct.insert(id.clone(), v);
            }
        }
        answer = Some(scenario_on(p, &body, pol).map_err(|e| match e {
            RepoError::Invalid(ps) => ps.iter().map(|pr| problem_text(p, &pr.field, &pr.message, t)).collect(),
            other => vec![other.to_string()],
        }));
    }
    let value = |key: &str| -> String {
        if submitted {
            q.get(key).cloned().unwrap_or_default()
        } else {
            shown_defaults.iter().find(|(n, _)| n == key).map(|(_, v)| v.clone()).unwrap_or_default()
        }
    };
    let mut h = String::new();
    let _ = write!(h, "<h2 id=\"what-if\">{}</h2><p class=\"lead\">{}</p>", t.h_what_if, esc(t.what_if_lead));
    let _ = write!(
        h,
        "<form class=\"box\" method=\"get\" action=\"/committee#what-if\"><input type=\"hidden\" name=\"wi\" value=\"1\"><input type=\"hidden\" name=\"contract\" value=\"{}\"><input type=\"hidden\" name=\"as_of\" value=\"{}\">",
        esc(&p.contract),
        p.as_of
    );
    let _ = write!(
        h,
        "<div class=\"field\"><label for=\"group\">{}</label><select id=\"group\" name=\"group\">",
        t.target_group
    );
    for g in &groups {
        let id = g.id.clone().unwrap_or_default();
        let sel = if id == group { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{}\"{sel}>{}</option>", esc(&id), esc(&g.label));
    }
    h.push_str("</select></div>");
    if d.is_none() {
        let _ = write!(h, "<p class=\"note\">{}</p>", esc(t.rates_withheld));
    }
    h.push_str(&field("referrals", t.referrals, &value("referrals"), Some(t.referrals_hint)));
    h.push_str(&field("job_start_rate", t.job_start_rate, &value("job_start_rate"), Some(t.job_start_rate_hint)));
    for (id, after, _) in p.milestones.iter().filter(|(_, a, _)| *a > 0) {
        let key = format!("ret_{id}");
        h.push_str(&field(&key, &t.kept(*after), &value(&key), None));
    }
    h.push_str(&field("deadweight", t.deadweight, &value("deadweight"), None));
    h.push_str(&field("months", t.months_saved, &value("months"), None));
    let period = submitted
        .then(|| (q.get("until").map(String::as_str).unwrap_or(""), q.get("from").map(String::as_str).unwrap_or("")));
    h.push_str(&super::extension::fields(p, period, lang));
    let _ = write!(h, "<button class=\"primary\" type=\"submit\">{}</button></form>", t.calculate);

    match answer {
        None => {}
        Some(Err(problems)) => h.push_str(&errors(lang, t.what_if_failed, &problems)),
        Some(Ok(a)) => {
            h.push_str(&result(p, &a, t));
            if let Some(e) = &a.extension {
                h.push_str(&super::extension::table(e, lang));
            }
        }
    }
    h
}

fn result(p: &Portfolio, a: &ScenarioAnswer, t: &Text) -> String {
    let lang = t.lang;
    let r = &a.result;
    let count = |n: Decimal| Value::Number(n, 0);
    let mut rows: Vec<Vec<Value>> = vec![vec![Value::Text(t.r_job_starts.into()), count(r.job_starts)]];
    for ((_, n, amount), m) in r.per_milestone.iter().zip(&a.input.milestones) {
        rows.push(vec![
            Value::Text(t.paid_for(m.after_months, &count(*n).human(lang))),
            Value::Money(amount.rounded()),
        ]);
    }
    let row = |label: &str, v: Value| vec![Value::Text(label.to_string()), v];
    rows.push(row(t.r_payments, Value::Money(r.payments.rounded())));
    rows.push(row(t.r_gross, Value::Money(r.gross_savings.rounded())));
    rows.push(row(t.r_caused, Value::Money(r.savings.rounded())));
    rows.push(row(t.r_net, Value::Money(r.net.rounded())));
    rows.push(row(t.r_net_per_referral, Value::money(r.net_per_referral.map(|m| m.rounded()))));
    rows.push(row(t.r_break_even, Value::pct(r.break_even_deadweight, 2)));
    let label = p.group(&a.group).map_or(a.group.clone(), |g| g.label.clone());
    let table = Table {
        name: "scenario",
        title_en: t.what_if_title(&label),
        title_da: t.what_if_title(&label),
        columns: vec![Column::new("figure", t.r_figure, t.r_figure), Column::new("value", t.r_value, t.r_value)],
        rows,
        total: None,
    };
    format!(
        "<div role=\"status\">{}</div>",
        to_html(&table, lang).replace("class=\"figures\"", "class=\"figures plain\"")
    )
}
