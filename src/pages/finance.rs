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
use super::layout::{errors, heading_over};
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

static PAGE: PageDef = PageDef { path: "/finance", en: "Finance", da: "Økonomi", roles: &[Role::Finance] };

fn upload_form(lang: Lang) -> String {
    format!(
        "<h2 id=\"verify\">{h}</h2>\
         <form class=\"box\" method=\"post\" action=\"/finance/invoice\" enctype=\"multipart/form-data\">\
         <div class=\"field\"><label for=\"file\">{file}</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".json,.csv,application/json,text/csv\" aria-describedby=\"file-hint\">\
         <span class=\"note\" id=\"file-hint\">{hint}</span></div>\
         <div class=\"field\"><label for=\"text\">{paste}</label><textarea id=\"text\" name=\"text\"></textarea></div>\
         <button class=\"primary\" type=\"submit\">{go}</button></form>",
        h = lang.pick("Check an invoice", "Kontrollér en faktura"),
        file = lang.pick("Invoice file (JSON or CSV)", "Fakturafil (JSON eller CSV)"),
        hint = finance_text::csv_hint(lang),
        paste = lang.pick("…or paste the invoice", "…eller indsæt fakturaen"),
        go = lang.pick("Check the invoice", "Kontrollér fakturaen"),
    )
}

fn at_risk_section(svc: &Service, lang: Lang) -> String {
    let as_of = today();
    let heading = lang.pick("Payments at risk", "Betalinger i risiko");
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
            h.push_str(&errors(lang, lang.pick("The list could not be made", "Listen kunne ikke laves"), &[]));
        }
        Ok(list) if list.is_empty() => {
            let _ = write!(
                h,
                "<h2 id=\"at-risk\">{heading}</h2><p>{}</p>",
                lang.pick(
                    "Every recorded payment's milestone is still achieved with today's events.",
                    "Alle bogførte betalingers rater er stadig opnået med dagens hændelser."
                )
            );
        }
        Ok(list) => {
            let table = tables::at_risk(&list);
            let html = to_html(&table, lang).replace("class=\"figures\"", "class=\"figures plain\"");
            h.push_str(&heading_over(heading, table.title(lang), &html).replacen("<h2>", "<h2 id=\"at-risk\">", 1));
            let _ = write!(
                h,
                "<p class=\"note\">{}</p>",
                lang.pick(
                    "Recorded payments whose milestone is no longer achieved when judged with today's events: money to recover, or a reversal to record.",
                    "Bogførte betalinger, hvis rate ikke længere er opnået med dagens hændelser: penge at kræve tilbage eller en tilbageførsel at bogføre."
                )
            );
            for a in &list {
                let _ = write!(
                    h,
                    "<details><summary>{} {} · {}</summary><ol>{}</ol></details>",
                    lang.pick("Trace for payment", "Sporing for betaling"),
                    a.payment.id,
                    esc(&a.payment.course_id),
                    a.trace.iter().map(|t| format!("<li>{}</li>", esc(t))).collect::<String>()
                );
            }
            let _ = write!(
                h,
                "<p class=\"downloads\"><a href=\"/payments/at-risk?as_of={as_of}&amp;format=csv\">CSV</a> · <a href=\"/payments/at-risk?as_of={as_of}&amp;format=csv&amp;dialect=excel-da\">{}</a></p>",
                lang.pick("CSV for Danish Excel", "CSV til dansk Excel")
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
        l.pick("Finance", "Økonomi"),
        l.pick(
            "Check a supplier's invoice line by line against what happened, then record it: approved lines become payments, each milestone at most once.",
            "Kontrollér en leverandørs faktura linje for linje mod det, der er sket, og bogfør den: godkendte linjer bliver betalinger, hver rate højst én gang."
        )
    );
    b.push_str(&upload_form(l));
    let svc2 = svc.clone();
    let risk = tokio::task::spawn_blocking(move || at_risk_section(&svc2, l)).await.unwrap_or_default();
    b.push_str(&risk);
    let _ = write!(
        b,
        "<h2>{}</h2><p class=\"downloads\"><a href=\"/payments?format=csv\">{}</a> · <a href=\"/payments?format=csv&amp;dialect=excel-da\">{}</a></p>",
        l.pick("Ledger", "Betalinger"),
        l.pick("All payments as CSV", "Alle betalinger som CSV"),
        l.pick("CSV for Danish Excel", "CSV til dansk Excel")
    );
    visit.respond(StatusCode::OK, &b)
}

/// Reads an uploaded invoice: JSON (starts with `{`) or CSV.
fn parse_invoice(text: &str, name: &str) -> Result<InvoiceIn, Vec<Problem>> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str::<InvoiceIn>(text).map_err(|e| {
            vec![Problem::new("", Some(e.line() as u32), format!("not a JSON invoice: {e}")).in_file(name)]
        })
    } else {
        crate::wire::invoice_csv::parse(text, name)
    }
}

fn check_date(inv: &InvoiceIn, lang: Lang) -> Result<(), Vec<String>> {
    match inv.as_of.as_deref().and_then(parse_date) {
        Some(d) if d > today() => Err(vec![match lang {
            Lang::Da => format!("as_of: {d} er efter i dag; en faktura bedømmes på det, der er sket"),
            Lang::En => format!("as_of: {d} is after today; an invoice is judged on what has happened"),
        }]),
        _ => Ok(()),
    }
}

fn problem_texts(ps: &[Problem]) -> Vec<String> {
    ps.iter().map(|p| p.to_string()).collect()
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
        match lang {
            Lang::Da => format!(
                "{} {} godkendt ({}), {} afvist ({}).",
                v.approved_lines,
                if v.approved_lines == 1 { "linje" } else { "linjer" },
                money(&v.approved_total),
                v.rejected_lines,
                money(&v.rejected_total)
            ),
            Lang::En => format!(
                "{} {} approved ({}), {} rejected ({}).",
                v.approved_lines,
                if v.approved_lines == 1 { "line" } else { "lines" },
                money(&v.approved_total),
                v.rejected_lines,
                money(&v.rejected_total)
            ),
        }
    );
    if !said {
        let _ = write!(h, "<p class=\"note\">{}</p>", finance_text::stored_reason_note(lang));
    }
    let _ = write!(
        h,
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{0}\"><table class=\"figures plain\" id=\"verdicts\"><caption>{0}</caption><thead><tr>",
        esc(&match lang {
            Lang::Da =>
                format!("Faktura {} fra CVR {} pr. {}", v.invoice_number, v.supplier_cvr, v.as_of.format("%d.%m.%Y")),
            Lang::En => format!("Invoice {} from CVR {} as of {}", v.invoice_number, v.supplier_cvr, v.as_of),
        })
    );
    for c in [
        lang.pick("Line", "Linje"),
        lang.pick("Course", "Forløb"),
        lang.pick("Milestone", "Rate"),
        lang.pick("Amount", "Beløb"),
        lang.pick("Verdict", "Afgørelse"),
        lang.pick("Reason", "Begrundelse"),
    ] {
        let _ = write!(h, "<th scope=\"col\">{c}</th>");
    }
    h.push_str("</tr></thead><tbody>");
    for l in &v.lines {
        let (class, word) = if l.status == "approved" {
            ("approved", lang.pick("approved", "godkendt"))
        } else {
            ("rejected", lang.pick("rejected", "afvist"))
        };
        let label = if l.status == "approved" { String::new() } else { format!("<br>{}", code_label(&l.code, lang)) };
        let trace = if l.trace.is_empty() || !said {
            String::new()
        } else {
            format!(
                "<details><summary>{}</summary><ol>{}</ol></details>",
                lang.pick("How it was decided", "Sådan blev det afgjort"),
                l.trace.iter().map(|t| format!("<li>{}</li>", esc(t))).collect::<String>()
            )
        };
        let message = if said { esc(&l.message) } else { String::new() };
        let _ = write!(
            h,
            "<tr data-line=\"{}\" data-code=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"{class}\">{word}{label}</td><td>{message}{trace}</td></tr>",
            l.line,
            esc(&l.code),
            l.line,
            esc(&l.course_id),
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
        return visit.respond(
            StatusCode::FORBIDDEN,
            &errors(
                l,
                l.pick("This form must be sent from this site", "Formularen skal sendes fra dette websted"),
                &[],
            ),
        );
    }
    let heading = l.pick("The invoice could not be checked", "Fakturaen kunne ikke kontrolleres");
    let up = match upload::read(form, l).await {
        Ok(u) => u,
        Err((status, e)) => return visit.respond(status, &(errors(l, heading, &[e]) + &upload_form(l))),
    };
    let Some(text) = up.text else {
        let msg = l.pick("Choose a file or paste the invoice.", "Vælg en fil, eller indsæt fakturaen.").to_string();
        return visit.respond(StatusCode::UNPROCESSABLE_ENTITY, &(errors(l, heading, &[msg]) + &upload_form(l)));
    };
    let name = up.name.unwrap_or_else(|| l.pick("pasted text", "indsat tekst").to_string());
    let inv = match parse_invoice(&text, &name) {
        Ok(i) => i,
        Err(ps) => {
            return visit.respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                &(errors(l, heading, &problem_texts(&ps)) + &upload_form(l)),
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
            return visit.respond(
                StatusCode::UNPROCESSABLE_ENTITY,
                &(errors(l, heading, &problem_texts(&ps)) + &upload_form(l)),
            );
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "verify from the finance page");
            return visit.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, heading, &[]));
        }
        Err(_) => return visit.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, heading, &[])),
    };
    let mut b = format!("<h1>{}</h1>", l.pick("Invoice checked", "Faktura kontrolleret"));
    let _ = write!(
        b,
        "<p class=\"lead\">{}</p>",
        l.pick(
            "A dry run: nothing is recorded until you record it below.",
            "En prøvekørsel: intet er bogført, før du bogfører nedenfor."
        )
    );
    b.push_str(&verdicts(&v, &svc.contracts(), l, true));
    let json = serde_json::to_string(&inv).unwrap_or_default();
    let _ = write!(
        b,
        "<form class=\"box\" method=\"post\" action=\"/finance/record\"><input type=\"hidden\" name=\"invoice\" value=\"{}\">\
         <p>{}</p><button class=\"primary\" type=\"submit\">{}</button></form>",
        esc(&json),
        l.pick(
            "Recording checks every line again and turns the approved lines into payments; the rejected lines are kept with their reasons.",
            "Bogføring kontrollerer alle linjer igen og gør de godkendte linjer til betalinger; de afviste gemmes med deres begrundelse."
        ),
        l.pick("Record the invoice", "Bogfør fakturaen")
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
    let heading = l.pick("The invoice was not recorded", "Fakturaen blev ikke bogført");
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
                if created {
                    l.pick("Invoice recorded", "Faktura bogført")
                } else {
                    l.pick("Already recorded", "Allerede bogført")
                }
            );
            let _ = write!(
                b,
                "<div class=\"ok\" role=\"status\"><p>{}</p></div>",
                esc(&match (l, created) {
                    (Lang::Da, true) if v.payments.len() == 1 => "1 betaling er bogført.".into(),
                    (Lang::Da, true) => format!("{} betalinger er bogført.", v.payments.len()),
                    (Lang::En, true) if v.payments.len() == 1 => "1 payment was recorded.".into(),
                    (Lang::En, true) => format!("{} payments were recorded.", v.payments.len()),
                    (Lang::Da, false) =>
                        "Denne faktura var allerede bogført; her er det bogførte resultat. Intet er betalt igen.".into(),
                    (Lang::En, false) =>
                        "This invoice was already recorded; this is the recorded result. Nothing was paid again.".into(),
                })
            );
            b.push_str(&verdicts(&v, &svc.contracts(), l, created || l == Lang::En));
            let _ = write!(b, "<p><a href=\"/finance\">{}</a></p>", l.pick("Back to finance", "Tilbage til økonomi"));
            visit.respond(if created { StatusCode::CREATED } else { StatusCode::OK }, &b)
        }
        Err(RepoError::Invalid(ps)) => {
            visit.respond(StatusCode::UNPROCESSABLE_ENTITY, &errors(l, heading, &problem_texts(&ps)))
        }
        Err(RepoError::Conflict(m)) => visit.respond(StatusCode::CONFLICT, &errors(l, heading, &[m])),
        Err(e) => {
            tracing::error!(error = %e, "record from the finance page");
            visit.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, heading, &[]))
        }
    }
}
