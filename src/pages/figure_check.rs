//! The typed-figure check on the committee page: a form for a CSV of
//! (label, value) copied from a draft case text, and the answer listing
//! every figure with the computed one beside it, those that disagree
//! marked. It runs the same `Service::check_figures` as `POST
//! /reports/check`.

use std::fmt::Write as _;
use std::sync::Arc;

use std::collections::HashMap;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::committee::{PAGE, here, table_html};
use super::committee_text::{Text, text};
use super::layout::errors;
use super::session::{self, Visit, urlencode};
use super::upload;
use crate::report::Portfolio;
use crate::service::Service;
use crate::table::esc;
use crate::wire::course_in::parse_date;
use crate::wire::figure_check_out;
use crate::wire::figures_csv::read_typed;
use crate::wire::report_out::ReportView;

/// The form, for the committee page's contract and date.
pub fn form(p: &Portfolio, t: &Text) -> String {
    format!(
        "<h2 id=\"check\">{h}</h2><p class=\"note\">{lead}</p>\
         <form class=\"box\" method=\"post\" action=\"/committee/check?contract={contract}&amp;as_of={as_of}\" enctype=\"multipart/form-data\">\
         <div class=\"field\"><label for=\"figures-file\">{file}</label><input type=\"file\" id=\"figures-file\" name=\"file\" accept=\".csv,text/csv,text/plain\"></div>\
         <div class=\"field\"><label for=\"figures-text\">{paste}</label><textarea id=\"figures-text\" name=\"text\"></textarea></div>\
         <button class=\"primary\" type=\"submit\">{go}</button></form>",
        h = t.h_check,
        lead = esc(t.check_lead),
        contract = esc(&urlencode(&p.contract)),
        as_of = p.as_of,
        file = t.check_file,
        paste = t.check_paste,
        go = t.check_go,
    )
}

/// `POST /committee/check?contract=…&as_of=…` with the list as a file or
/// pasted text.
pub async fn check(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let v = match Visit::start(&svc, &headers, None, &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let t = text(v.l());
    if !session::same_origin(&headers) {
        return v.respond(StatusCode::FORBIDDEN, &errors(t.lang, t.check_problems, &[]));
    }
    let contract = q.get("contract").map(|c| c.trim().to_string()).unwrap_or_default();
    if !svc.contracts().contains(&contract) {
        let body = format!("<h1>{}</h1><p>{}</p>", t.unknown_contract, esc(&t.unknown_contract_text(&contract)));
        return v.respond(StatusCode::NOT_FOUND, &body);
    }
    let today = crate::api::params::today();
    let Some(as_of) = q.get("as_of").and_then(|d| parse_date(d)).filter(|d| *d <= today) else {
        let given = q.get("as_of").map(String::as_str).unwrap_or("");
        let why = t.check_date(given, parse_date(given));
        return v.respond(StatusCode::UNPROCESSABLE_ENTITY, &errors(t.lang, t.check_problems, &[why]));
    };
    let up = match upload::read(multipart, t.lang).await {
        Ok(u) => u,
        Err((status, e)) => return v.respond(status, &errors(t.lang, t.check_problems, &[e])),
    };
    let back = format!("<p><a href=\"{}#check\">{}</a></p>", esc(&here(&contract, as_of)), t.check_back);
    let Some(csv) = up.text else {
        return v.respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            &(errors(t.lang, t.check_problems, &[t.check_nothing.to_string()]) + &back),
        );
    };
    let name = up.name.unwrap_or_else(|| t.check_paste.trim_start_matches('…').to_string());
    let typed = match read_typed(&csv, &name) {
        Ok(list) => list,
        Err(problems) => {
            let items: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            return v.respond(StatusCode::UNPROCESSABLE_ENTITY, &(errors(t.lang, t.check_problems, &items) + &back));
        }
    };
    let policy = svc.disclosure.policy_for(v.caller.role);
    let (svc2, c2) = (svc.clone(), contract.clone());
    let found = tokio::task::spawn_blocking(move || {
        let p = svc2.portfolio(&c2, as_of)?;
        let checked = svc2.check_figures(&c2, as_of, &typed, policy.as_ref())?;
        Ok::<_, crate::store::RepoError>((p, checked, policy))
    })
    .await;
    let Ok(Ok((p, checked, policy))) = found else {
        return v.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(t.lang, t.figures_failed, &[]));
    };
    let view = ReportView::with_policy(&p, policy.as_ref());
    let flagged = checked.iter().filter(|c| c.flagged()).count();
    let mut b = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        esc(&p.title),
        esc(&t.lead(p.version, (p.referrals.from, p.referrals.until), p.as_of))
    );
    let class = if flagged == 0 { "ok" } else { "errors" };
    let _ = write!(
        b,
        "<div class=\"{class}\" role=\"status\"><p>{}</p></div>",
        esc(&t.check_summary(flagged, checked.len()))
    );
    let table = figure_check_out::table(&checked, t.lang == crate::lang::Lang::Da);
    let mut html = table_html(&table, t, &view, true);
    // Mark the rows that disagree, for eyes and for screen readers.
    for c in checked.iter().filter(|c| c.flagged()) {
        let row = format!("<tr><th scope=\"row\" data-key=\"line\">{}</th>", c.typed.line);
        let marked = format!(
            "<tr class=\"flagged\" data-flagged=\"true\"><th scope=\"row\" data-key=\"line\"><mark>{}</mark></th>",
            c.typed.line
        );
        html = html.replacen(&row, &marked, 1);
    }
    b.push_str(&html);
    b.push_str(&back);
    b.push_str(&form(&p, t));
    v.respond_at(StatusCode::OK, &b, &here(&contract, as_of))
}
