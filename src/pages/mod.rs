//! HTML pages for the people who will never use curl: committee members,
//! finance and procurement staff. Server-rendered, no JavaScript, signed in
//! with the same tokens as the API (kept in an HTTP-only cookie). The pages
//! call the same service and core as the API; they compute nothing of
//! their own.

pub mod audit;
pub mod audit_text;
pub mod audit_view;
pub mod budget;
pub mod chart;
pub mod chosen;
pub mod committee;
pub mod committee_text;
pub mod compare;
pub mod compare_text;
pub mod error_page;
pub mod extension;
pub mod figure_check;
pub mod finance;
pub mod finance_text;
pub mod format;
pub mod grant;
pub mod grant_chart;
pub mod layout;
pub mod procurement;
pub mod procurement_grant;
pub mod procurement_text;
pub mod registers;
pub mod registers_text;
pub mod session;
pub mod upload;
pub mod what_if;

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};

use crate::render::Lang;
use crate::service::Service;
use crate::table::esc;
use layout::{page, role_label};
use session::{home_of, html, redirect, token_cookie};

/// The pages, for the OpenAPI document: method, path, who, what.
pub const PAGES: &[(&str, &str, &str, &str)] = &[
    ("get", "/", "anyone", "The sign-in form, or the signed-in role's page"),
    ("get", "/login", "anyone", "The sign-in form (`next`: where to go after)"),
    ("post", "/login", "anyone", "Sign in with a token (form: token, next); sets an HTTP-only cookie"),
    ("post", "/logout", "anyone", "Sign out (clears the cookie)"),
    (
        "get",
        "/committee",
        "committee, finance, procurement",
        "Committee figures, chart and what-if (contract, as_of, the what-if's fields)",
    ),
    (
        "post",
        "/committee/check",
        "committee, finance, procurement",
        "Check typed figures against the committee figures (multipart: file or text; query: contract, as_of)",
    ),
    ("get", "/grant", "committee, finance", "A grant pool's months, band, tranches and money (grant, as_of)"),
    (
        "get",
        "/committee/compare",
        "committee, finance, procurement",
        "Options side by side with 95 % intervals (as_of, target_group, contracts)",
    ),
    ("get", "/finance", "finance", "Invoice upload and the payments at risk"),
    ("post", "/finance/invoice", "finance", "Check an uploaded invoice (multipart: file or text, JSON or CSV)"),
    ("post", "/finance/record", "finance", "Record a checked invoice (form: invoice)"),
    (
        "get",
        "/finance/registers",
        "finance",
        "Register evidence: the courses the registers contradict, confirm or do not cover yet; one course's milestones (course)",
    ),
    ("post", "/finance/registers/income", "finance", "Load an income register extract (multipart: file or text, CSV)"),
    (
        "post",
        "/finance/registers/benefits",
        "finance",
        "Load a benefit register extract (multipart: file or text, CSV)",
    ),
    ("get", "/finance/samples", "finance", "Audit samples: the samples drawn and the form to draw one"),
    (
        "post",
        "/finance/samples",
        "finance",
        "Draw an audit sample (form: seed, confidence_pct, tolerable_error_pct or size); to the sample's page",
    ),
    ("get", "/finance/samples/{id}", "finance", "An audit sample: its work list, the check form and the result"),
    (
        "post",
        "/finance/samples/{id}/checks",
        "finance",
        "Record document checks (form: outcome-<payment>, amount-<payment>); to the sample's result",
    ),
    (
        "get",
        "/finance/budget",
        "finance, procurement",
        "What the budget must hold: forecast by month, whose saving, the year against its savings target (contract, as_of, year)",
    ),
    ("get", "/procurement", "procurement", "Contracts with their versions side by side"),
    ("post", "/procurement/check", "procurement", "Check an uploaded contract draft (multipart: file or text)"),
];

/// The pages' routes (each checks its own sign-in and role).
pub fn router() -> Router<Arc<Service>> {
    Router::new()
        .route("/", get(home))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/committee", get(committee::page_get))
        .route("/committee/check", post(figure_check::check))
        .route("/grant", get(grant::page_get))
        .route("/committee/compare", get(compare::page_get))
        .route("/finance", get(finance::page_get))
        .route("/finance/invoice", post(finance::verify))
        .route("/finance/record", post(finance::record))
        .route("/finance/registers", get(registers::page_get))
        .route("/finance/registers/income", post(registers::income))
        .route("/finance/registers/benefits", post(registers::benefits))
        .route("/finance/samples", get(audit::page_get).post(audit::draw))
        .route("/finance/samples/{id}", get(audit::sample_get))
        .route("/finance/samples/{id}/checks", post(audit::checks))
        .route("/finance/budget", get(budget::page_get))
        .route("/procurement", get(procurement::page_get))
        .route("/procurement/check", post(procurement::check))
}

/// Only a path on this site may be a place to return to after signing in.
fn safe_next(next: Option<&str>) -> Option<String> {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\')).map(str::to_string)
}

fn login_page(lang: Lang, next: Option<&str>, error: Option<&str>) -> String {
    let error =
        error.map(|e| format!("<div class=\"errors\" role=\"alert\"><p>{}</p></div>", esc(e))).unwrap_or_default();
    let next = next.map(|n| format!("<input type=\"hidden\" name=\"next\" value=\"{}\">", esc(n))).unwrap_or_default();
    let body = format!(
        "<h1>{h}</h1><p class=\"lead\">{lead}</p>{error}\
         <form class=\"box\" method=\"post\" action=\"/login\">{next}\
         <div class=\"field\"><label for=\"token\">{label}</label>\
         <input type=\"password\" id=\"token\" name=\"token\" autocomplete=\"current-password\" required aria-describedby=\"token-hint\">\
         <span class=\"note\" id=\"token-hint\">{hint}</span></div>\
         <button class=\"primary\" type=\"submit\">{go}</button></form>",
        h = lang.pick("Sign in", "Log ind"),
        lead = lang.pick(
            "Outcome payments: committee figures, invoice checks and contracts.",
            "Resultatbetaling: udvalgets tal, kontrol af fakturaer og kontrakter."
        ),
        label = lang.pick("Your token", "Dit token"),
        hint = lang.pick(
            "The token you were given (it starts with nc_). It is kept in a cookie that only this site can read.",
            "Det token, du har fået udleveret (det starter med nc_). Det gemmes i en cookie, som kun dette websted kan læse."
        ),
        go = lang.pick("Sign in", "Log ind"),
    );
    page(lang, lang.pick("Sign in", "Log ind"), None, "/login", &body)
}

async fn home(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = session::lang(&headers, q.get("lang").map(String::as_str));
    let Some(caller) = session::caller(&svc, &headers) else {
        return html(StatusCode::OK, lang, login_page(lang.0, None, None));
    };
    let to = home_of(caller.role);
    if to != "/" {
        return redirect(to);
    }
    let l = lang.0;
    let title = l.pick("No page for your role", "Ingen side til din rolle");
    let body = format!(
        "<h1>{title}</h1><p>{}</p><p><a href=\"/openapi.json\">{}</a></p>",
        esc(&match l {
            Lang::Da => format!(
                "Rollen {} bruger systemet gennem sit eget fagsystem (API'et); der er ingen side til den.",
                role_label(caller.role, l)
            ),
            Lang::En => format!("The {} role uses the API; there is no page for it.", role_label(caller.role, l)),
        }),
        l.pick("The API's description", "Beskrivelsen af API'et")
    );
    html(StatusCode::OK, lang, page(l, title, Some(&caller), "/", &body))
}

async fn login_form(headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    let lang = session::lang(&headers, q.get("lang").map(String::as_str));
    let next = safe_next(q.get("next").map(String::as_str));
    html(StatusCode::OK, lang, login_page(lang.0, next.as_deref(), None))
}

#[derive(serde::Deserialize)]
struct LoginForm {
    token: String,
    next: Option<String>,
}

async fn login(State(svc): State<Arc<Service>>, headers: HeaderMap, Form(form): Form<LoginForm>) -> Response {
    let lang = session::lang(&headers, None);
    let l = lang.0;
    let next = safe_next(form.next.as_deref());
    if !session::same_origin(&headers) {
        return html(
            StatusCode::FORBIDDEN,
            lang,
            login_page(
                l,
                next.as_deref(),
                Some(l.pick("Sign in from this site's own page.", "Log ind fra dette websteds egen side.")),
            ),
        );
    }
    let token = form.token.trim();
    match svc.authenticate(token) {
        Ok(Some(caller)) => {
            let to = next.unwrap_or_else(|| home_of(caller.role).to_string());
            let mut res = redirect(&to);
            res.headers_mut().append(header::SET_COOKIE, token_cookie(Some(token)));
            res
        }
        Ok(None) => html(
            StatusCode::UNAUTHORIZED,
            lang,
            login_page(
                l,
                next.as_deref(),
                Some(l.pick(
                    "That token is not valid (or has been revoked).",
                    "Det token er ikke gyldigt (eller er trukket tilbage).",
                )),
            ),
        ),
        Err(e) => {
            tracing::error!(error = %e, "sign-in");
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                lang,
                login_page(
                    l,
                    next.as_deref(),
                    Some(l.pick("The server could not check the token.", "Serveren kunne ikke kontrollere dit token.")),
                ),
            )
        }
    }
}

async fn logout(headers: HeaderMap) -> Response {
    let _ = headers;
    let mut res = redirect("/login");
    res.headers_mut().append(header::SET_COOKIE, token_cookie(None));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_local_path_is_a_place_to_return_to() {
        assert_eq!(safe_next(Some("/finance")), Some("/finance".into()));
        assert_eq!(safe_next(Some("//evil.example/")), None);
        assert_eq!(safe_next(Some("https://evil.example/")), None);
        assert_eq!(safe_next(Some("/\\evil")), None);
    }
}
