//! The committee page: the status table in the minutes' form, the kinds of
//! job against the supplier's promise, the chart of payments against
//! realised savings, break-even and the critical deadweight in a sentence
//! each, the money reconciled, cost per result, the reform's indicators,
//! the typed-figure check and the what-if (`what_if`). A reader under
//! small-cell protection (a committee member, by default) sees what the
//! disclosure setting allows; staff see every figure. Every word is in
//! `committee_text`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::NaiveDate;

use super::committee_text::{DA, EN, Text, text};
use super::layout::{errors, heading_over};
use super::session::{PageDef, Visit, urlencode};
use crate::api::params::today;
use crate::money::Money;
use crate::report::Portfolio;
use crate::report::disclosure::Row;
use crate::service::Service;
use crate::service::tokens::Role;
use crate::table::{Table, Value, esc, to_html};
use crate::wire::course_in::parse_date;
use crate::wire::report_out::ReportView;

pub static PAGE: PageDef = PageDef {
    path: "/committee",
    en: EN.page_title,
    da: DA.page_title,
    roles: &[Role::Committee, Role::Finance, Role::Procurement],
};

/// The page's address with its state, for the language switch and links.
pub fn here(contract: &str, as_of: NaiveDate) -> String {
    format!("/committee?contract={}&as_of={as_of}", urlencode(contract))
}

fn downloads(p: &Portfolio, table: &str, t: &Text) -> String {
    let base = format!(
        "/reports/portfolio?contract={}&amp;as_of={}&amp;format=csv&amp;table={table}",
        urlencode(&p.contract),
        p.as_of
    );
    format!(
        "<p class=\"downloads\">{}: <a href=\"{base}\">CSV</a> · <a href=\"{base}&amp;dialect=excel-da\">{}</a></p>",
        t.download, t.csv_excel
    )
}

fn note(text: &str) -> String {
    format!("<p class=\"note\">{}</p>", esc(text))
}

/// A table, with the footnote that explains a withheld figure when it has one.
pub fn table_html(table: &Table, t: &Text, view: &ReportView<'_>, plain: bool) -> String {
    let mut h = to_html(table, t.lang);
    if plain {
        h = h.replace("class=\"figures\"", "class=\"figures plain\"");
    }
    if table.rows.iter().flatten().any(|v| *v == Value::Withheld) {
        let _ = write!(h, "<p class=\"footnote\">{}</p>", esc(&t.footnote(view.threshold().unwrap_or(5))));
    }
    h
}

fn money(m: Money, t: &Text) -> String {
    Value::Money(m.rounded()).human(t.lang)
}

/// Break-even and the critical deadweight, a sentence each per group with
/// an estimate; the realised part only where the reader may see it.
fn sentences(view: &ReportView<'_>, t: &Text) -> String {
    let mut out = String::new();
    for (i, g) in view.p.groups.iter().enumerate() {
        let Some(case) = &g.case else { continue };
        let withheld = view.amounts_withheld(Row::Group(i));
        let label = esc(&g.label);
        let months = case.months_to_break_even.map_or(t.never.to_string(), |m| Value::Number(m, 2).human(t.lang));
        let so_far = match (withheld, g.realised.months_per_job_start()) {
            (true, _) => t.realised_withheld.to_string(),
            (false, Some(m)) => t.months_so_far(&Value::Number(m, 2).human(t.lang)),
            (false, None) => t.no_job_yet.to_string(),
        };
        let _ = write!(
            out,
            "<li data-sentence=\"break-even\" data-group=\"{label}\">{}</li>",
            t.break_even(&label, &money(case.supplier_cost, t), &months, &esc(&so_far))
        );
        let estimate = case
            .deadweight_break_even
            .map_or(t.estimate_never_pays.to_string(), |s| Value::Percent(s.percent(2), 2).human(t.lang));
        let realised = match (withheld, g.realised_deadweight()) {
            (true, _) => t.realised_withheld.to_string(),
            (false, Some(s)) => t.realised_deadweight(&Value::Percent(s.percent(2), 2).human(t.lang)),
            (false, None) => t.no_savings_yet.to_string(),
        };
        let _ = write!(
            out,
            "<li data-sentence=\"deadweight\" data-group=\"{label}\">{}</li>",
            t.deadweight_sentence(&label, &esc(&estimate), &esc(&realised))
        );
    }
    if out.is_empty() { String::new() } else { format!("<ul class=\"sentences\">{out}</ul>") }
}

/// The contract asked for, the page to show instead (none yet, unknown),
/// or the first contract.
fn contract_of(svc: &Service, q: &HashMap<String, String>, t: &Text) -> Result<String, (StatusCode, String)> {
    let set = svc.contracts();
    let ids: Vec<String> = set.ids().map(str::to_string).collect();
    match q.get("contract").map(|c| c.trim()).filter(|c| !c.is_empty()) {
        Some(c) if ids.iter().any(|i| i == c) => Ok(c.to_string()),
        Some(c) => {
            let links: String = ids
                .iter()
                .map(|id| {
                    let title = set.latest(id).map(|k| k.title.clone()).unwrap_or_default();
                    format!("<li><a href=\"/committee?contract={}\">{}</a></li>", urlencode(id), esc(&title))
                })
                .collect();
            Err((
                StatusCode::NOT_FOUND,
                format!("<h1>{}</h1><p>{}</p><ul>{links}</ul>", t.unknown_contract, esc(&t.unknown_contract_text(c))),
            ))
        }
        // Without one: the first contract with courses (a supplier's before
        // an in-house option's), else the first.
        None => svc
            .comparable()
            .iter()
            .find(|id| svc.all_courses(id).is_ok_and(|c| !c.is_empty()))
            .or(ids.first())
            .cloned()
            .ok_or_else(|| (StatusCode::OK, format!("<h1>{}</h1><p>{}</p>", t.no_contracts, t.no_contracts_hint))),
    }
}

pub async fn page_get(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let v = match Visit::start(&svc, &headers, q.get("lang").map(String::as_str), &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let t = text(v.l());
    let contract = match contract_of(&svc, &q, t) {
        Ok(c) => c,
        Err((status, body)) => return v.respond(status, &body),
    };
    let today = today();
    let mut problems = Vec::new();
    let mut landing = None;
    let asked = q.get("as_of").map(|s| s.trim()).filter(|s| !s.is_empty());
    let as_of = match asked.map(|s| (s, parse_date(s))) {
        Some((_, Some(d))) if d <= today => d,
        Some((_, Some(d))) => {
            problems.push(t.after_today(d, today));
            today
        }
        other => {
            if let Some((text, _)) = other {
                problems.push(t.not_a_date(text));
            }
            match svc.landing_date(&contract, today) {
                Ok((d, invoice)) => {
                    landing = Some(t.landing(d, invoice));
                    d
                }
                Err(e) => {
                    tracing::error!(error = %e, "committee page");
                    return v.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(t.lang, t.figures_failed, &[]));
                }
            }
        }
    };
    let (svc2, c2) = (svc.clone(), contract.clone());
    let p = match tokio::task::spawn_blocking(move || svc2.portfolio(&c2, as_of)).await {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "committee page");
            return v.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(t.lang, t.figures_failed, &[]));
        }
        Err(_) => return v.respond(StatusCode::INTERNAL_SERVER_ERROR, ""),
    };
    let policy = svc.disclosure.policy_for(v.caller.role);
    let view = ReportView::with_policy(&p, policy.as_ref());
    let body = body(&svc, &view, t, &problems, landing.as_deref(), &q, today);
    v.respond_at(StatusCode::OK, &body, &here(&contract, as_of))
}

fn body(
    svc: &Service,
    view: &ReportView<'_>,
    t: &Text,
    problems: &[String],
    landing: Option<&str>,
    q: &HashMap<String, String>,
    today: NaiveDate,
) -> String {
    let p = view.p;
    let da = t.lang == crate::lang::Lang::Da;
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        esc(&p.title),
        esc(&t.lead(p.version, (p.referrals.from, p.referrals.until), p.as_of))
    );
    b.push_str(&super::compare::in_house_notice(svc, &p.contract, t.lang));
    if !problems.is_empty() {
        let items: String = problems.iter().map(|n| format!("<li>{}</li>", esc(n))).collect();
        let _ = write!(b, "<div class=\"errors\" role=\"alert\"><ul>{items}</ul></div>");
    }
    if let Some(l) = landing {
        let _ = write!(b, "<p class=\"ok\" role=\"status\" id=\"landing\">{}</p>", esc(l));
    }
    b.push_str("<form class=\"box inline\" method=\"get\" action=\"/committee\">");
    let set = svc.contracts();
    let ids: Vec<&str> = set.ids().collect();
    if ids.len() > 1 {
        let _ = write!(
            b,
            "<div class=\"field\"><label for=\"contract\">{}</label><select id=\"contract\" name=\"contract\">",
            t.contract
        );
        for id in &ids {
            let sel = if *id == p.contract { " selected" } else { "" };
            let title = set.latest(id).map(|c| c.title.clone()).unwrap_or_default();
            let _ = write!(b, "<option value=\"{}\"{sel}>{}</option>", esc(id), esc(&title));
        }
        b.push_str("</select></div>");
    } else {
        let _ = write!(b, "<input type=\"hidden\" name=\"contract\" value=\"{}\">", esc(&p.contract));
    }
    let _ = write!(
        b,
        "<div class=\"field\"><label for=\"as_of\">{}</label><input type=\"date\" id=\"as_of\" name=\"as_of\" value=\"{}\" max=\"{today}\"></div><button class=\"primary\" type=\"submit\">{}</button></form>",
        t.as_of, p.as_of, t.show
    );
    match view.threshold() {
        Some(th) => b.push_str(&note(&t.masked_note(th))),
        None => b.push_str(&note(t.staff_note)),
    }

    let status = view.status_table(da);
    b.push_str(&heading_over(t.h_status, status.title(t.lang), &table_html(&status, t, view, false)));
    b.push_str(&note(t.status_note));
    b.push_str(&downloads(p, "status", t));

    let _ = write!(b, "<h2>{}</h2>", t.h_jobs);
    b.push_str(&table_html(&view.table("jobs", da).unwrap_or_else(|| view.status_table(da)), t, view, false));
    b.push_str(&note(t.jobs_note));
    b.push_str(&downloads(p, "jobs", t));

    let _ = write!(b, "<h2>{}</h2>", t.h_pays);
    if !view.amounts_withheld(Row::Total) && !p.series.is_empty() {
        let savings = !view.amounts_withheld(Row::Covered);
        let _ = write!(
            b,
            "<figure><figcaption>{}</figcaption>{}</figure>",
            t.chart_caption,
            super::chart::svg(&p.series, t, savings)
        );
        if !savings {
            b.push_str(&note(t.chart_savings_withheld));
        }
        b.push_str(&downloads(p, "series", t));
    }
    b.push_str(&sentences(view, t));
    for name in ["case", "realised"] {
        if let Some(table) = view.table(name, da) {
            b.push_str(&table_html(&table, t, view, name == "case"));
            if name == "realised" {
                b.push_str(&note(t.realised_note));
            }
            b.push_str(&downloads(p, name, t));
        }
    }
    let sections = [
        ("money", t.h_money, Some(t.money_note)),
        ("results", t.h_results, Some(t.results_note)),
        ("indicators", t.h_indicators, None),
    ];
    for (name, heading, explain) in sections {
        match view.table(name, da) {
            Some(table) => b.push_str(&heading_over(heading, table.title(t.lang), &table_html(&table, t, view, false))),
            None => {
                let _ = write!(b, "<h2>{heading}</h2>");
            }
        }
        if let Some(e) = explain {
            b.push_str(&note(e));
        }
        b.push_str(&downloads(p, name, t));
    }
    b.push_str(&super::figure_check::form(p, t));
    b.push_str(&super::what_if::section(p, q, view, t));
    b
}
