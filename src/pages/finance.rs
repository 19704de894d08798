//! The finance page: upload a supplier's invoice (JSON or CSV), see each
//! line's verdict with its reason and trace, record it; and the payments
//! at risk. Recording runs the same verification again on the server, so
//! what is recorded is never what the page showed but what is true now.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::Form;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::finance_text::{self, code_label, milestone_label};
use super::layout::{errors, errors_coded, heading_over};
use super::session::{self, PageDef, Visit};
use super::upload;
use crate::api::params::today;
use crate::contract::ContractSet;
use crate::contract::Problem;
use crate::render::Lang;
use crate::service::ledger_tables as tables;
use crate::service::payments::AtRisk;
use crate::service::tokens::Role;
use crate::service::{Service, Viewer};
use crate::store::RepoError;
use crate::table::{Value, esc, to_html};
use crate::wire::course_in::parse_date;
use crate::wire::invoice::{InvoiceIn, VerificationOut};

static PAGE: PageDef =
    PageDef { path: "/finance", en: finance_text::FINANCE.0, da: finance_text::FINANCE.1, roles: &[Role::Finance] };

fn upload_form(lang: Lang) -> String {
    format!(
        "<h2 id=\"verify\">{h}</h2>\
         <form class=\"box\" method=\"post\" action=\"/finance/invoice\" enctype=\"multipart/form-data\">\
         <div class=\"field\"><label for=\"file\">{file}</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".json,.csv,application/json,text/csv\" aria-describedby=\"file-hint\">\
         <span class=\"note\" id=\"file-hint\">{hint}</span></div>\
         <div class=\"field\"><label for=\"text\">{paste}</label><textarea id=\"text\" name=\"text\"></textarea></div>\
         <button class=\"primary\" type=\"submit\">{go}</button></form>",
        h = lang.say(finance_text::CHECK_AN_INVOICE),
        file = lang.say(finance_text::INVOICE_FILE_JSON_OR_CSV),
        hint = finance_text::csv_hint(lang),
        paste = lang.say(finance_text::OR_PASTE_THE_INVOICE),
        go = lang.say(finance_text::CHECK_THE_INVOICE),
    )
}

fn at_risk_section(svc: &Service, lang: Lang) -> String {
    let as_of = today();
    let heading = lang.say(finance_text::PAYMENTS_AT_RISK);
    let mut h = String::new();
    let set = svc.contracts();
    let named = |mut list: Vec<AtRisk>| {
        for a in &mut list {
            a.payment.milestone = milestone_label(&set, &a.payment.contract, &a.payment.milestone, lang);
        }
        list
    };
    match svc.at_risk_in(as_of, lang).map(named) {
        Err(e) => {
            tracing::error!(error = %e, "at-risk list");
            let _ = write!(h, "<h2 id=\"at-risk\">{heading}</h2>");
            h.push_str(&errors(lang, lang.say(finance_text::THE_LIST_COULD_NOT_BE), &[]));
        }
        Ok(list) if list.is_empty() => {
            let _ = write!(
                h,
                "<h2 id=\"at-risk\">{heading}</h2><p>{}</p>",
                lang.say(finance_text::EVERY_RECORDED_PAYMENT_S_MILESTONE)
            );
        }
        Ok(list) => {
            let table = tables::at_risk(&list);
            let html = to_html(&table, lang).replace("class=\"figures\"", "class=\"figures plain\"");
            h.push_str(&heading_over(heading, table.title(lang), &html).replacen("<h2>", "<h2 id=\"at-risk\">", 1));
            let _ = write!(h, "<p class=\"note\">{}</p>", lang.say(finance_text::RECORDED_PAYMENTS_WHOSE_MILESTONE_IS));
            for a in &list {
                let _ = write!(
                    h,
                    "<details><summary>{} {} · {}</summary><ol>{}</ol></details>",
                    lang.say(finance_text::TRACE_FOR_PAYMENT),
                    a.payment.id,
                    esc(&a.payment.course_id),
                    a.trace.iter().map(|t| format!("<li>{}</li>", esc(t))).collect::<String>()
                );
            }
            let _ = write!(
                h,
                "<p class=\"downloads\"><a href=\"/payments/at-risk?as_of={as_of}&amp;format=csv\">CSV</a> · <a href=\"/payments/at-risk?as_of={as_of}&amp;format=csv&amp;dialect=excel-da\">{}</a></p>",
                lang.say(finance_text::CSV_FOR_DANISH_EXCEL)
            );
        }
    }
    h
}

pub async fn page_get(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let visit = match Visit::start(&svc, &headers, q.get("lang").map(String::as_str), &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let l = visit.l();
    let mut b = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        l.say(finance_text::FINANCE),
        l.say(finance_text::CHECK_A_SUPPLIER_S_INVOICE)
    );
    b.push_str(&upload_form(l));
    let _ = write!(
        b,
        "<h2 id=\"controls\">{}</h2><ul class=\"sentences\"><li><a href=\"/finance/registers\">{}</a></li><li><a href=\"/finance/samples\">{}</a></li></ul>",
        l.say(super::registers_text::CHECKS),
        l.say(super::registers_text::REGISTER_EVIDENCE_LINK),
        l.say(super::registers_text::SAMPLES_LINK)
    );
    let svc2 = svc.clone();
    let risk = tokio::task::spawn_blocking(move || at_risk_section(&svc2, l)).await.unwrap_or_default();
    b.push_str(&risk);
    let _ = write!(
        b,
        "<h2>{}</h2><p class=\"downloads\"><a href=\"/payments?format=csv\">{}</a> · <a href=\"/payments?format=csv&amp;dialect=excel-da\">{}</a></p>",
        l.say(finance_text::LEDGER),
        l.say(finance_text::ALL_PAYMENTS_AS_CSV),
        l.say(finance_text::CSV_FOR_DANISH_EXCEL)
    );
    visit.respond(StatusCode::OK, &b)
}

/// Reads an uploaded invoice: JSON (starts with `{`) or CSV, with the file
/// line of each invoice line for a CSV file (so that later problems name it).
fn parse_invoice(text: &str, name: &str) -> Result<(InvoiceIn, Option<Vec<u32>>), Vec<Problem>> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str::<InvoiceIn>(text).map(|i| (i, None)).map_err(|e| {
            vec![
                Problem::new("", Some(e.line() as u32), format!("not a JSON invoice: {e}"))
                    .with_danish("ikke en gyldig JSON-faktura: tjek feltnavne, anførselstegn og kommaer på linjen")
                    .in_file(name),
            ]
        })
    } else {
        crate::wire::invoice_csv::parse_located(text, name).map(|(i, lines)| (i, Some(lines)))
    }
}

fn check_date(inv: &InvoiceIn, lang: Lang) -> Result<(), Vec<String>> {
    match inv.as_of.as_deref().and_then(parse_date) {
        Some(d) if d > today() => Err(vec![finance_text::after_today(d, lang)]),
        _ => Ok(()),
    }
}

fn problem_texts(ps: &[Problem], lang: Lang) -> Vec<String> {
    super::format::problem_lines(ps.to_vec(), lang)
}

/// The verdicts, one row per line, each rejected line with its reason and
/// the trace that decided it. `said` tells whether the messages are in the
/// page's language (an invoice recorded before keeps its English reasons:
/// a Danish page then shows each line's verdict and a note).
fn verdicts(v: &VerificationOut, set: &ContractSet, lang: Lang, said: bool) -> String {
    let mut h = String::new();
    let money =
        |s: &str| crate::money::Money::parse(s).map(|m| Value::Money(m).human(lang)).unwrap_or_else(|_| s.to_string());
    let _ = write!(
        h,
        "<p role=\"status\" id=\"summary\">{}</p>",
        finance_text::summary(
            (v.approved_lines, &money(&v.approved_total)),
            (v.rejected_lines, &money(&v.rejected_total)),
            lang
        )
    );
    if !said {
        let _ = write!(h, "<p class=\"note\">{}</p>", finance_text::stored_reason_note(lang));
    }
    let _ = write!(
        h,
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{0}\"><table class=\"figures plain\" id=\"verdicts\"><caption>{0}</caption><thead><tr>",
        esc(&finance_text::caption(&v.invoice_number, &v.supplier_cvr, v.as_of, lang))
    );
    for c in [
        lang.say(finance_text::LINE),
        lang.say(finance_text::COURSE),
        lang.say(finance_text::MILESTONE),
        lang.say(finance_text::AMOUNT),
        lang.say(finance_text::VERDICT),
        lang.say(finance_text::REASON),
    ] {
        let _ = write!(h, "<th scope=\"col\">{c}</th>");
    }
    h.push_str("</tr></thead><tbody>");
    for l in &v.lines {
        let (class, word) = if l.status == "approved" {
            ("approved", lang.say(finance_text::APPROVED))
        } else {
            ("rejected", lang.say(finance_text::REJECTED))
        };
        let label = if l.status == "approved" { String::new() } else { format!("<br>{}", code_label(&l.code, lang)) };
        let trace = if l.trace.is_empty() || !said {
            String::new()
        } else {
            format!(
                "<details><summary>{}</summary><ol>{}</ol></details>",
                lang.say(finance_text::HOW_IT_WAS_DECIDED),
                l.trace.iter().map(|t| format!("<li>{}</li>", esc(t))).collect::<String>()
            )
        };
        let mut message = if said {
            esc(&l.message)
        } else {
            esc(&finance_text::stored_reason(l, &milestone_label(set, &v.contract, &l.milestone, lang), lang))
        };
        if let Some(r) = &l.registers_disagree {
            let _ = write!(
                message,
                "<p class=\"flag\" data-code=\"registers_disagree\"><strong>{}</strong>: {}</p>",
                lang.say(finance_text::REGISTERS_DISAGREE),
                esc(r)
            );
        }
        let _ = write!(
            h,
            "<tr data-line=\"{}\" data-code=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"{class}\">{word}{label}</td><td>{message}{trace}</td></tr>",
            l.line,
            esc(&l.code),
            l.line,
            super::registers::course_link(&l.course_id),
            esc(&milestone_label(set, &v.contract, &l.milestone, lang)),
            esc(&money(&l.amount)),
        );
    }
    h.push_str("</tbody></table></div>");
    h
}

pub async fn verify(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let visit = match Visit::start(&svc, &headers, None, &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let l = visit.l();
    if !session::same_origin(&headers) {
        return visit.respond(StatusCode::FORBIDDEN, &errors(l, l.say(finance_text::THIS_FORM_MUST_BE_SENT), &[]));
    }
    let heading = l.say(finance_text::THE_INVOICE_COULD_NOT_BE);
    let up = match upload::read(form, l).await {
        Ok(u) => u,
        Err((status, e)) => return visit.respond(status, &(errors(l, heading, &[e]) + &upload_form(l))),
    };
    let Some(text) = up.text else {
        let msg = l.say(finance_text::CHOOSE_A_FILE_OR_PASTE).to_string();
        return visit.respond(StatusCode::UNPROCESSABLE_ENTITY, &(errors(l, heading, &[msg]) + &upload_form(l)));
    };
    let name = up.name.unwrap_or_else(|| l.say(finance_text::PASTED_TEXT).to_string());
    let (inv, located) = match parse_invoice(&text, &name) {
        Ok(i) => i,
        Err(ps) => {
            return visit.respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                &(errors_coded(l, heading, &problem_texts(&ps, l)) + &upload_form(l)),
            );
        }
    };
    if let Err(e) = check_date(&inv, l) {
        return visit.respond(StatusCode::UNPROCESSABLE_ENTITY, &(errors(l, heading, &e) + &upload_form(l)));
    }
    let svc2 = svc.clone();
    let inv2 = inv.clone();
    let result = tokio::task::spawn_blocking(move || svc2.verify_invoice_in(&inv2, &Viewer::Staff, l)).await;
    let v = match result {
        Ok(Ok(v)) => v,
        Ok(Err(RepoError::Invalid(ps))) => {
            let ps = match &located {
                Some(lines) => crate::wire::invoice_csv::locate(ps, lines, &name),
                None => ps,
            };
            return visit.respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                &(errors_coded(l, heading, &problem_texts(&ps, l)) + &upload_form(l)),
            );
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "verify from the finance page");
            return visit.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, heading, &[]));
        }
        Err(_) => return visit.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, heading, &[])),
    };
    let mut b = format!("<h1>{}</h1>", l.say(finance_text::INVOICE_CHECKED));
    let _ = write!(b, "<p class=\"lead\">{}</p>", l.say(finance_text::A_DRY_RUN_NOTHING_IS));
    b.push_str(&verdicts(&v, &svc.contracts(), l, true));
    let json = serde_json::to_string(&inv).unwrap_or_default();
    let _ = write!(
        b,
        "<form class=\"box\" method=\"post\" action=\"/finance/record\"><input type=\"hidden\" name=\"invoice\" value=\"{}\">\
         <p>{}</p><button class=\"primary\" type=\"submit\">{}</button></form>",
        esc(&json),
        l.say(finance_text::RECORDING_CHECKS_EVERY_LINE_AGAIN),
        l.say(finance_text::RECORD_THE_INVOICE)
    );
    b.push_str(&upload_form(l));
    visit.respond(StatusCode::OK, &b)
}

#[derive(serde::Deserialize)]
pub struct RecordForm {
    invoice: String,
}

/// The form is read only after the sign-in and the origin are checked.
pub async fn record(State(svc): State<Arc<Service>>, headers: HeaderMap, req: Request) -> Response {
    let visit = match Visit::start(&svc, &headers, None, &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let l = visit.l();
    let heading = l.say(finance_text::THE_INVOICE_WAS_NOT_RECORDED);
    if !session::same_origin(&headers) {
        return visit.respond(StatusCode::FORBIDDEN, &errors(l, heading, &[]));
    }
    let form: RecordForm = match Form::from_request(req, &()).await {
        Ok(Form(f)) => f,
        Err(e) => return visit.respond(e.status(), &errors(l, heading, &[e.body_text()])),
    };
    let inv: InvoiceIn = match serde_json::from_str(&form.invoice) {
        Ok(i) => i,
        Err(e) => return visit.respond(StatusCode::UNPROCESSABLE_ENTITY, &errors(l, heading, &[e.to_string()])),
    };
    if let Err(e) = check_date(&inv, l) {
        return visit.respond(StatusCode::UNPROCESSABLE_ENTITY, &errors(l, heading, &e));
    }
    match svc.record_invoice_in(&inv, &visit.caller.actor(), l).await {
        Ok((v, created)) => {
            let mut b = format!(
                "<h1>{}</h1>",
                if created { l.say(finance_text::INVOICE_RECORDED) } else { l.say(finance_text::ALREADY_RECORDED) }
            );
            let _ = write!(
                b,
                "<div class=\"ok\" role=\"status\"><p>{}</p></div>",
                esc(&finance_text::recorded(v.payments.len(), created, l))
            );
            b.push_str(&verdicts(&v, &svc.contracts(), l, created || l == Lang::En));
            let _ = write!(b, "<p><a href=\"/finance\">{}</a></p>", l.say(finance_text::BACK_TO_FINANCE));
            visit.respond(if created { StatusCode::CREATED } else { StatusCode::OK }, &b)
        }
        Err(RepoError::Invalid(ps)) => {
            visit.respond(StatusCode::UNPROCESSABLE_ENTITY, &errors_coded(l, heading, &problem_texts(&ps, l)))
        }
        Err(RepoError::Conflict(m)) => {
            let m = match l {
                Lang::En => m,
                Lang::Da => finance_text::number_taken(
                    inv.invoice_number.as_deref().unwrap_or_default(),
                    inv.supplier_cvr.as_deref().unwrap_or_default(),
                ),
            };
            visit.respond(StatusCode::CONFLICT, &errors(l, heading, &[m]))
        }
        Err(e) => {
            tracing::error!(error = %e, "record from the finance page");
            visit.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, heading, &[]))
        }
    }
}
