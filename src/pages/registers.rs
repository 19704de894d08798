//! The register evidence page (finance): the courses whose income and
//! benefit registers say something else than the recorded events, with
//! how many the registers confirm and how many they do not cover yet; one
//! course's milestones judged on both; and loading the two extracts (the
//! same reader and the same whole-or-nothing import as the API).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::layout::{errors, errors_coded};
use super::registers_text::{self as t, milestone, verdict};
use super::session::{self, PageDef, Visit, urlencode};
use super::upload;
use crate::api::params::today;
use crate::evidence::judge::RegisterCheck;
use crate::render::Lang;
use crate::service::Service;
use crate::service::register_overview::{CourseRegisters, Coverage};
use crate::service::registers::Extract;
use crate::service::tokens::Role;
use crate::store::RepoError;
use crate::table::esc;
use crate::wire::registers_csv;

static PAGE: PageDef =
    PageDef { path: "/finance/registers", en: t::REGISTERS.0, da: t::REGISTERS.1, roles: &[Role::Finance] };

fn upload_form(lang: Lang, income: bool) -> String {
    let (kind, label, go, cols) = if income {
        ("income", t::INCOME_EXTRACT, t::LOAD_INCOME, &registers_csv::INCOME_COLUMNS[..])
    } else {
        ("benefits", t::BENEFIT_EXTRACT, t::LOAD_BENEFITS, &registers_csv::BENEFIT_COLUMNS[..])
    };
    let cols = cols.iter().map(|c| format!("<code>{c}</code>")).collect::<Vec<_>>().join(", ");
    let hint = match lang {
        Lang::Da => format!(
            "Kolonnerne {cols}. CPR-numre bliver til pseudonymer ved indlæsningen og gemmes aldrig. En dansk Excel-fil (semikolon, 01.03.2025, 160,5) kan også bruges."
        ),
        Lang::En => format!(
            "The columns {cols}. CPR numbers become pseudonyms as the file is read and are never stored. A Danish Excel file (semicolons, 01.03.2025, 160,5) is fine."
        ),
    };
    format!(
        "<form class=\"box\" method=\"post\" action=\"/finance/registers/{kind}\" enctype=\"multipart/form-data\">\
         <div class=\"field\"><label for=\"file-{kind}\">{label}</label><input type=\"file\" id=\"file-{kind}\" name=\"file\" accept=\".csv,text/csv\" aria-describedby=\"hint-{kind}\">\
         <span class=\"note\" id=\"hint-{kind}\">{hint}</span></div>\
         <div class=\"field\"><label for=\"text-{kind}\">{paste}</label><textarea id=\"text-{kind}\" name=\"text\"></textarea></div>\
         <button class=\"primary\" type=\"submit\">{go}</button></form>",
        label = lang.say(label),
        paste = lang.say(t::OR_PASTE),
        go = lang.say(go),
    )
}

fn forms(lang: Lang) -> String {
    format!("<h2 id=\"load\">{}</h2>{}{}", lang.say(t::LOAD), upload_form(lang, true), upload_form(lang, false))
}

pub fn course_link(id: &str) -> String {
    format!("<a href=\"/finance/registers?course={}\">{}</a>", urlencode(id), esc(id))
}

/// The milestones the registers do not confirm, by name.
fn not_confirmed(check: &RegisterCheck, lang: Lang) -> String {
    let names: Vec<String> =
        check.milestones.iter().filter(|m| m.disagrees()).map(|m| milestone(m.after_months, lang)).collect();
    if names.is_empty() { "–".into() } else { esc(&names.join(", ")) }
}

fn differences_list(check: &RegisterCheck, lang: Lang) -> String {
    let items: String =
        t::differences(&check.differences, lang).iter().map(|d| format!("<li>{}</li>", esc(d))).collect();
    format!("<ul class=\"sentences\">{items}</ul>")
}

fn overview(list: &[CourseRegisters], covered: bool, lang: Lang) -> String {
    let n = |c: Coverage| list.iter().filter(|r| r.coverage == c).count();
    let mut h = format!(
        "<p role=\"status\" id=\"counts\">{}</p>",
        esc(&t::counts(
            [n(Coverage::Differs), n(Coverage::Confirmed), n(Coverage::NotCovered), n(Coverage::NothingYet)],
            lang
        ))
    );
    if !covered {
        let _ = write!(h, "<p class=\"note\">{}</p>", lang.say(t::NO_EXTRACT));
    }
    let _ = write!(h, "<h2 id=\"differ\">{}</h2>", lang.say(t::DIFFERS));
    let differing: Vec<&CourseRegisters> = list.iter().filter(|r| r.coverage == Coverage::Differs).collect();
    if differing.is_empty() {
        let _ = write!(h, "<p>{}</p>", lang.say(t::NONE_DIFFER));
        return h;
    }
    let caption = lang.say(t::DIFFERS);
    let _ = write!(
        h,
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{caption}\"><table class=\"figures plain\" id=\"differing\"><caption class=\"visually-hidden\">{caption}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        lang.say(t::COURSE),
        lang.say(t::NOT_CONFIRMED),
        lang.say(t::WHAT_DIFFERS)
    );
    for r in differing {
        let _ = write!(
            h,
            "<tr data-course=\"{id}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            course_link(&r.course_id),
            not_confirmed(&r.check, lang),
            differences_list(&r.check, lang),
            id = esc(&r.course_id),
        );
    }
    h.push_str("</tbody></table></div>");
    h
}

fn one_course(id: &str, check: &RegisterCheck, lang: Lang) -> String {
    let mut h = format!("<h2 id=\"course\">{} {}</h2>", lang.say(t::COURSE), esc(id));
    let caption = format!("{} {}", lang.say(t::COURSE), id);
    let _ = write!(
        h,
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{c}\"><table class=\"figures plain\" id=\"milestones\"><caption class=\"visually-hidden\">{c}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        lang.say(t::MILESTONE),
        lang.say(t::ON_RECORDED),
        lang.say(t::ON_REGISTERS),
        lang.say(t::AGREE),
        c = esc(&caption),
    );
    for m in &check.milestones {
        let beyond = !m.covered && m.recorded.achieved_on().is_some();
        let (class, agree) = if m.disagrees() {
            ("rejected", t::NO)
        } else if beyond {
            ("", t::NOT_COVERED)
        } else {
            ("", t::YES)
        };
        let _ = write!(
            h,
            "<tr data-after-months=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"{class}\">{}</td></tr>",
            m.after_months,
            esc(&milestone(m.after_months, lang)),
            esc(&verdict(&m.recorded, lang)),
            esc(&verdict(&m.register, lang)),
            lang.say(agree),
        );
    }
    h.push_str("</tbody></table></div>");
    if check.differences.is_empty() {
        let _ = write!(h, "<p>{}</p>", lang.say(t::NO_DIFFERENCES));
    } else {
        let _ = write!(h, "<h3>{}</h3>{}", lang.say(t::WHAT_DIFFERS), differences_list(check, lang));
    }
    h
}

fn head(lang: Lang) -> String {
    format!("<h1>{}</h1><p class=\"lead\">{}</p>", lang.say(t::REGISTERS), lang.say(t::LEAD))
}

/// The overview below `prefix` (a message after loading), with the forms.
async fn overview_page(svc: &Arc<Service>, visit: &Visit, status: StatusCode, prefix: &str) -> Response {
    let l = visit.l();
    let svc2 = svc.clone();
    let found = tokio::task::spawn_blocking(move || {
        let covered = svc2.registers().map(|r| r.income_until().is_some());
        svc2.register_overview(today()).and_then(|list| Ok((list, covered?)))
    })
    .await;
    let mut b = head(l) + prefix;
    match found {
        Ok(Ok((list, covered))) => b.push_str(&overview(&list, covered, l)),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "register overview");
            b.push_str(&errors(l, l.say(t::COULD_NOT), &[]));
        }
        Err(_) => b.push_str(&errors(l, l.say(t::COULD_NOT), &[])),
    }
    b.push_str(&forms(l));
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
    let l = visit.l();
    let Some(id) = q.get("course").cloned() else {
        return overview_page(&svc, &visit, StatusCode::OK, "").await;
    };
    let here = format!("/finance/registers?course={}", urlencode(&id));
    let back = format!("<p><a href=\"/finance/registers\">{}</a></p>", l.say(t::ALL_COURSES));
    let svc2 = svc.clone();
    let id2 = id.clone();
    let found = tokio::task::spawn_blocking(move || svc2.register_check(&id2, today())).await;
    let mut b = head(l);
    let status = match found {
        Ok(Ok(Some(check))) => {
            b.push_str(&one_course(&id, &check, l));
            StatusCode::OK
        }
        Ok(Ok(None)) => {
            let _ = write!(b, "<h2>{} {}</h2><p>{}</p>", l.say(t::COURSE), esc(&id), l.say(t::NO_REGISTER_RULES));
            StatusCode::OK
        }
        Ok(Err(RepoError::NotFound(_))) => {
            let _ = write!(b, "<p>{}</p>", l.say(t::NO_SUCH_COURSE));
            StatusCode::NOT_FOUND
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "register check from the page");
            b.push_str(&errors(l, l.say(t::COULD_NOT), &[]));
            StatusCode::INTERNAL_SERVER_ERROR
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR,
    };
    b.push_str(&back);
    visit.respond_at(status, &b, &here)
}

async fn load(
    svc: Arc<Service>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
    income: bool,
) -> Response {
    let visit = match Visit::start(&svc, &headers, None, &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let l = visit.l();
    let heading = l.say(t::NOT_LOADED);
    let refuse = |status: StatusCode, items: &[String]| {
        let body = head(l) + &errors_coded(l, heading, items) + &forms(l);
        visit.respond(status, &body)
    };
    if !session::same_origin(&headers) {
        return refuse(StatusCode::FORBIDDEN, &[l.say(t::FROM_OTHER_SITE).to_string()]);
    }
    let up = match upload::read(form, l).await {
        Ok(u) => u,
        Err((status, e)) => return refuse(status, &[e]),
    };
    let Some(text) = up.text else {
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, &[l.say(t::CHOOSE).to_string()]);
    };
    let name = up.name.unwrap_or_else(|| l.say(t::PASTED_TEXT).to_string());
    let read = if income {
        registers_csv::income(&text, &name, &svc.key).map(Extract::Income)
    } else {
        registers_csv::benefits(&text, &name, &svc.key).map(Extract::Benefits)
    };
    let extract = match read {
        Ok(e) if e.is_empty() => {
            let p = crate::contract::Problem::new("", None, "no rows in the extract");
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, &super::format::problem_lines(vec![t::danish(p)], l));
        }
        Ok(e) => e,
        Err(ps) => {
            let ps = ps.into_iter().map(t::danish).collect();
            return refuse(StatusCode::UNPROCESSABLE_ENTITY, &super::format::problem_lines(ps, l));
        }
    };
    match svc.import_extract(&extract, &name, &visit.caller.actor()).await.map(Imported::from) {
        Ok(done) => {
            let said = t::loaded(extract.len(), income, done.seq, done.replacing, l);
            let ok = format!("<div class=\"ok\" role=\"status\"><p>{}</p></div>", esc(&said));
            overview_page(&svc, &visit, StatusCode::OK, &ok).await
        }
        Err(RepoError::Invalid(ps)) => {
            let ps = ps.into_iter().map(t::danish).collect();
            refuse(StatusCode::UNPROCESSABLE_ENTITY, &super::format::problem_lines(ps, l))
        }
        Err(e) => {
            tracing::error!(error = %e, "register import from the page");
            refuse(StatusCode::INTERNAL_SERVER_ERROR, &[])
        }
    }
}

/// What an import answers: the extract's number and, where the service
/// counts them, how many of its rows replace rows an earlier extract had
/// for the same citizen and period.
struct Imported {
    seq: u64,
    replacing: Option<u64>,
}

impl From<u64> for Imported {
    fn from(seq: u64) -> Imported {
        Imported { seq, replacing: None }
    }
}

impl From<(u64, u64)> for Imported {
    fn from((seq, replacing): (u64, u64)) -> Imported {
        Imported { seq, replacing: Some(replacing) }
    }
}

pub async fn income(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    load(svc, headers, form, true).await
}

pub async fn benefits(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    load(svc, headers, form, false).await
}
