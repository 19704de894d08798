//! The audit sample pages (finance): draw a sample of paid milestones
//! (seeded, sized from a confidence level and a tolerable error rate, or
//! given), its work list with a form to record each document check, and
//! the result for all payments (`audit_view`). The same service as
//! `/audit/samples`; the pages compute nothing of their own.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::Form;
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rust_decimal::Decimal;

use super::audit_text::{self as t, CheckProblem};
use super::audit_view;
use super::layout::{errors, errors_coded};
use super::session::{self, PageDef, Visit, redirect};
use crate::money::Money;
use crate::render::Lang;
use crate::sampling::{Confidence, Outcome};
use crate::service::Service;
use crate::service::samples::{Check, SampleRequest};
use crate::service::tokens::Role;
use crate::store::RepoError;
use crate::table::esc;

pub(super) static PAGE: PageDef =
    PageDef { path: "/finance/samples", en: t::SAMPLES.0, da: t::SAMPLES.1, roles: &[Role::Finance] };

fn head(lang: Lang) -> String {
    format!("<h1>{}</h1><p class=\"lead\">{}</p>", lang.say(t::SAMPLES), lang.say(t::LEAD))
}

fn field(id: &str, label: &str, input: &str, hint: Option<&str>) -> String {
    let (described, note) = match hint {
        Some(h) => {
            (format!(" aria-describedby=\"{id}-hint\""), format!("<span class=\"note\" id=\"{id}-hint\">{h}</span>"))
        }
        None => (String::new(), String::new()),
    };
    format!(
        "<div class=\"field\"><label for=\"{id}\">{label}</label>{}{note}</div>",
        input.replace("{described}", &described)
    )
}

fn draw_form(lang: Lang, seed: u64) -> String {
    let options: String = [90, 95, 99]
        .iter()
        .map(|p| format!("<option value=\"{p}\"{}>{}</option>", if *p == 95 { " selected" } else { "" }, t::pct(*p)))
        .collect();
    format!(
        "<h2 id=\"draw\">{h}</h2><form class=\"box\" method=\"post\" action=\"/finance/samples\">{}{}{}{}\
         <button class=\"primary\" type=\"submit\">{go}</button></form>",
        field(
            "confidence_pct",
            lang.say(t::CONFIDENCE),
            &format!("<select id=\"confidence_pct\" name=\"confidence_pct\">{options}</select>"),
            None
        ),
        field(
            "tolerable_error_pct",
            lang.say(t::TOLERABLE),
            "<input type=\"text\" inputmode=\"decimal\" id=\"tolerable_error_pct\" name=\"tolerable_error_pct\" value=\"5\"{described}>",
            Some(lang.say(t::TOLERABLE_HINT))
        ),
        field("size", lang.say(t::SIZE), "<input type=\"number\" min=\"1\" id=\"size\" name=\"size\">", None),
        field(
            "seed",
            lang.say(t::SEED),
            &format!(
                "<input type=\"number\" min=\"0\" id=\"seed\" name=\"seed\" value=\"{seed}\" required{{described}}>"
            ),
            Some(lang.say(t::SEED_HINT))
        ),
        h = lang.say(t::DRAW),
        go = lang.say(t::DRAW_GO),
    )
}

fn default_seed() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap_or(0)
}

async fn list_page(svc: &Arc<Service>, visit: &Visit, status: StatusCode, prefix: &str) -> Response {
    let l = visit.l();
    let svc2 = svc.clone();
    let found = tokio::task::spawn_blocking(move || svc2.samples()).await;
    let mut b = head(l) + prefix;
    b.push_str(&draw_form(l, default_seed()));
    let _ = write!(b, "<h2 id=\"drawn\">{}</h2>", l.say(t::DRAWN));
    match found {
        Ok(Ok(list)) if list.is_empty() => {
            let _ = write!(b, "<p>{}</p>", l.say(t::NONE_DRAWN));
        }
        Ok(Ok(list)) => b.push_str(&audit_view::samples_table(&list, l)),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "sample list");
            b.push_str(&errors(l, l.say(t::COULD_NOT), &[]));
        }
        Err(_) => b.push_str(&errors(l, l.say(t::COULD_NOT), &[])),
    }
    visit.respond(status, &b)
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
    list_page(&svc, &visit, StatusCode::OK, "").await
}

/// The form's fields, read after the sign-in and the origin are checked.
async fn form_pairs(req: Request) -> Result<Vec<(String, String)>, (StatusCode, String)> {
    match Form::<Vec<(String, String)>>::from_request(req, &()).await {
        Ok(Form(f)) => Ok(f),
        Err(e) => Err((e.status(), e.body_text())),
    }
}

/// The draw's fields as a request, or what is wrong (field, English).
fn draw_request(f: &HashMap<String, String>) -> Result<SampleRequest, Vec<(&'static str, &'static str)>> {
    let text = |k: &str| f.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let mut problems = Vec::new();
    let seed = text("seed").and_then(|s| s.parse::<u64>().ok());
    if seed.is_none() {
        problems.push(("seed", "expected a whole number from 0"));
    }
    let confidence = Confidence::parse(text("confidence_pct").unwrap_or("95"));
    if confidence.is_none() {
        problems.push(("confidence_pct", "expected 90, 95 or 99"));
    }
    let tolerable = match text("tolerable_error_pct").map(|t| t.replace(',', ".").parse::<Decimal>()) {
        None => None,
        Some(Ok(v)) if v > Decimal::ZERO && v < Decimal::ONE_HUNDRED => Some(v / Decimal::ONE_HUNDRED),
        Some(_) => {
            problems.push(("tolerable_error_pct", "expected a percentage above 0 and below 100"));
            None
        }
    };
    let size = match text("size").map(str::parse::<u64>) {
        None => None,
        Some(Ok(n)) if n >= 1 => Some(n),
        Some(_) => {
            problems.push(("size", "expected a whole number of at least 1"));
            None
        }
    };
    if tolerable.is_none() && size.is_none() && problems.is_empty() {
        problems.push(("size", "give a size, or a tolerable error rate to compute it from"));
    }
    match (seed, confidence) {
        (Some(seed), Some(confidence)) if problems.is_empty() => {
            Ok(SampleRequest { seed, confidence, tolerable, size })
        }
        _ => Err(problems),
    }
}

fn unreadable(e: String, lang: Lang) -> String {
    match lang {
        Lang::En => format!("The form could not be read: {e}"),
        Lang::Da => "Formularen kunne ikke læses; send den igen fra siden.".to_string(),
    }
}

/// Draws a sample and goes to it; else the list page with what is wrong.
pub async fn draw(State(svc): State<Arc<Service>>, headers: HeaderMap, req: Request) -> Response {
    let visit = match Visit::start(&svc, &headers, None, &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let l = visit.l();
    match drawn(&svc, &visit, &headers, req).await {
        Ok(id) => redirect(&format!("/finance/samples/{id}")),
        Err((status, items)) => {
            let prefix = errors_coded(l, l.say(t::NOT_DRAWN), &items);
            list_page(&svc, &visit, status, &prefix).await
        }
    }
}

async fn drawn(
    svc: &Service,
    visit: &Visit,
    headers: &HeaderMap,
    req: Request,
) -> Result<u64, (StatusCode, Vec<String>)> {
    let l = visit.l();
    if !session::same_origin(headers) {
        return Err((StatusCode::FORBIDDEN, vec![l.say(t::FROM_OTHER_SITE).to_string()]));
    }
    let pairs = form_pairs(req).await.map_err(|(status, e)| (status, vec![unreadable(e, l)]))?;
    let fields: HashMap<String, String> = pairs.into_iter().collect();
    let request = draw_request(&fields).map_err(|ps| {
        (StatusCode::UNPROCESSABLE_ENTITY, ps.iter().map(|(f, m)| t::problem(f, m, l)).collect::<Vec<_>>())
    })?;
    match svc.draw_sample(&request, &visit.caller.actor()).await {
        Ok(rec) => Ok(rec.id),
        Err(RepoError::Invalid(ps)) => {
            Err((StatusCode::UNPROCESSABLE_ENTITY, ps.iter().map(|p| t::problem(&p.field, &p.message, l)).collect()))
        }
        Err(e) => {
            tracing::error!(error = %e, "draw from the page");
            Err((StatusCode::INTERNAL_SERVER_ERROR, vec![]))
        }
    }
}

fn sample_id(text: &str) -> Option<u64> {
    text.parse::<u64>().ok()
}

/// One sample's page: its facts, the work list with the check form, and
/// the result; `prefix` (errors of a check) above the work list.
async fn sample_page(svc: &Arc<Service>, visit: &Visit, id: Option<u64>, status: StatusCode, prefix: &str) -> Response {
    let l = visit.l();
    let here = format!("/finance/samples/{}", id.unwrap_or(0));
    let back = format!("<p><a href=\"/finance/samples\">{}</a></p>", l.say(t::ALL_SAMPLES));
    let Some(id) = id else {
        let b = format!("{}<p>{}</p>{back}", head(l), l.say(t::NO_SUCH_SAMPLE));
        return visit.respond_at(StatusCode::NOT_FOUND, &b, &here);
    };
    let svc2 = svc.clone();
    let found = tokio::task::spawn_blocking(move || svc2.sample_result(id).map(|r| (r, svc2.contracts()))).await;
    match found {
        Ok(Ok(((rec, x), set))) => {
            let mut b = format!("<h1>{}</h1>", esc(&t::sample_title(id, l)));
            b.push_str(&audit_view::facts(&rec, l));
            b.push_str(prefix);
            b.push_str(&audit_view::work_list(&rec, &set, l));
            b.push_str(&audit_view::result(&rec, &x, &set, l));
            b.push_str(&back);
            visit.respond_at(status, &b, &here)
        }
        Ok(Err(RepoError::NotFound(_))) => {
            let b = format!("{}<p>{}</p>{back}", head(l), l.say(t::NO_SUCH_SAMPLE));
            visit.respond_at(StatusCode::NOT_FOUND, &b, &here)
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "sample page");
            visit.respond_at(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, l.say(t::COULD_NOT), &[]), &here)
        }
        Err(_) => visit.respond_at(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, l.say(t::COULD_NOT), &[]), &here),
    }
}

pub async fn sample_get(
    State(svc): State<Arc<Service>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let visit = match Visit::start(&svc, &headers, q.get("lang").map(String::as_str), &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    sample_page(&svc, &visit, sample_id(&id), StatusCode::OK, "").await
}

/// An amount as typed: `1.250,00` (Danish) or `1250.00`.
fn typed_amount(text: &str) -> Option<Money> {
    let t = text.trim().trim_end_matches("kr.").trim();
    let normal = if t.contains(',') { t.replace('.', "").replace(',', ".") } else { t.to_string() };
    Money::parse(&normal).ok()
}

/// The checks chosen on the form (`outcome-<payment>`, `amount-<payment>`).
fn chosen_checks(pairs: &[(String, String)]) -> Result<Vec<Check>, Vec<(u64, CheckProblem)>> {
    let get = |k: String| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (name, value) in pairs {
        let Some(pid) = name.strip_prefix("outcome-").and_then(|p| p.parse::<u64>().ok()) else { continue };
        match value.as_str() {
            "confirmed" => out.push(Check { payment_id: pid, outcome: Outcome::Confirmed }),
            "error" => match get(format!("amount-{pid}")).map(typed_amount) {
                Some(Some(m)) => out.push(Check { payment_id: pid, outcome: Outcome::Error(m) }),
                Some(None) => problems.push((pid, CheckProblem::NotAnAmount)),
                None => problems.push((pid, CheckProblem::NeedsAmount)),
            },
            _ => {}
        }
    }
    if out.is_empty() && problems.is_empty() {
        problems.push((0, CheckProblem::NoneChosen));
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Records the checks chosen and goes back to the sample's result; else
/// the sample's page with what is wrong.
pub async fn checks(
    State(svc): State<Arc<Service>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    req: Request,
) -> Response {
    let visit = match Visit::start(&svc, &headers, None, &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let l = visit.l();
    let id = sample_id(&id);
    match checked(&svc, &visit, id, &headers, req).await {
        Ok(sample) => redirect(&format!("/finance/samples/{sample}#result")),
        Err((status, items)) => {
            let prefix = errors_coded(l, l.say(t::NOT_RECORDED), &items);
            sample_page(&svc, &visit, id, status, &prefix).await
        }
    }
}

async fn checked(
    svc: &Service,
    visit: &Visit,
    id: Option<u64>,
    headers: &HeaderMap,
    req: Request,
) -> Result<u64, (StatusCode, Vec<String>)> {
    let l = visit.l();
    if !session::same_origin(headers) {
        return Err((StatusCode::FORBIDDEN, vec![l.say(t::FROM_OTHER_SITE).to_string()]));
    }
    let pairs = form_pairs(req).await.map_err(|(status, e)| (status, vec![unreadable(e, l)]))?;
    let Some(sample) = id else { return Err((StatusCode::NOT_FOUND, vec![])) };
    let checks = chosen_checks(&pairs).map_err(|ps| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            ps.into_iter().map(|(p, what)| t::check_problem(p, what, l)).collect::<Vec<_>>(),
        )
    })?;
    match svc.record_checks(sample, &checks, &visit.caller.actor()).await {
        Ok(_) => Ok(sample),
        Err(RepoError::Invalid(ps)) => {
            let items = ps
                .iter()
                .map(|p| {
                    let i = p
                        .field
                        .strip_prefix("checks[")
                        .and_then(|r| r.split(']').next())
                        .and_then(|n| n.parse::<usize>().ok());
                    let pid = i.and_then(|i| checks.get(i)).map_or(0, |c| c.payment_id);
                    let what = if p.field.ends_with("payment_id") {
                        CheckProblem::NotInSample
                    } else {
                        CheckProblem::OutOfRange
                    };
                    t::check_problem(pid, what, l)
                })
                .collect();
            Err((StatusCode::UNPROCESSABLE_ENTITY, items))
        }
        Err(RepoError::NotFound(_)) => Err((StatusCode::NOT_FOUND, vec![])),
        Err(e) => {
            tracing::error!(error = %e, "checks from the page");
            Err((StatusCode::INTERNAL_SERVER_ERROR, vec![]))
        }
    }
}
