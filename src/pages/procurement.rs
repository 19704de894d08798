//! The procurement page: every contract with its versions side by side
//! (what changed from one version to the next is marked), and a check of
//! an uploaded draft against the rules and against the stored versions,
//! without storing it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::layout::{errors, errors_coded};
use super::procurement_text as text;
use super::session::{self, PageDef, Visit};
use super::upload;
use crate::contract::Contract;
use crate::money::Money;
use crate::render::Lang;
use crate::service::Service;
use crate::service::tokens::Role;
use crate::table::{Value, esc};
use crate::wire::contract_file::parse_toml;

static PAGE: PageDef =
    PageDef { path: "/procurement", en: text::PAGE.0, da: text::PAGE.1, roles: &[Role::Procurement] };

fn kr(m: Money, lang: Lang) -> String {
    Value::Money(m).human(lang)
}

/// The rows of the side-by-side table: a label and one value per version.
fn rows(versions: &[&Contract], lang: Lang) -> Vec<(String, Vec<String>)> {
    let yes_no = |b: bool| lang.pick(if b { "yes" } else { "no" }, if b { "ja" } else { "nej" }).to_string();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut row = |label: &str, f: &dyn Fn(&Contract) -> String| {
        out.push((label.to_string(), versions.iter().map(|c| f(c)).collect()))
    };
    row(lang.say(text::IN_FORCE_FROM), &|c| lang.date(c.effective_from));
    row(lang.say(text::REPLACES_VERSION), &|c| c.supersedes.map(|v| v.to_string()).unwrap_or_else(|| "–".into()));
    row(lang.say(text::TITLE), &|c| c.title.clone());
    row(lang.say(text::BUYER), &|c| c.buyer.clone());
    row(lang.say(text::SUPPLIER), &|c| format!("{} (CVR {})", c.supplier.name, c.supplier.cvr));
    row(lang.say(text::REFERRAL_PERIOD), &|c| text::period(&c.referrals, lang));
    row(lang.say(text::BENEFITS_ALLOWED_WHILE_IN_WORK), &|c| match lang {
        Lang::Da => c.payment.allowed_benefits.danish(),
        Lang::En => c.payment.allowed_benefits.to_string(),
    });
    row(lang.say(text::LONGEST_GAP_BETWEEN_JOBS_DAYS), &|c| c.payment.max_gap_days.to_string());
    row(lang.say(text::WHEN_THE_CHAIN_BREAKS), &|c| text::on_break(c.payment.on_break, lang).into());
    row(lang.say(text::PAID_ONCE_PER_CITIZEN), &|c| yes_no(c.payment.once_per_citizen));
    // Milestones and groups by id across the versions, each named as the
    // first version that has it names it.
    let mut milestones: Vec<(String, u32)> = Vec::new();
    let mut groups: Vec<(String, String)> = Vec::new();
    for c in versions {
        for m in &c.milestones {
            if !milestones.iter().any(|(id, _)| id == m.id.as_str()) {
                milestones.push((m.id.to_string(), m.after_months));
            }
        }
        for g in &c.target_groups {
            if !groups.iter().any(|(id, _)| id == g.id.as_str()) {
                groups.push((g.id.to_string(), g.label.clone()));
            }
        }
    }
    for (id, months) in &milestones {
        row(&text::milestone_row(*months, lang), &|c| match c.milestones.iter().find(|m| m.id.as_str() == id) {
            Some(m) if m.after_months == *months => kr(m.amount, lang),
            Some(m) => format!("{} ({})", kr(m.amount, lang), m.name(lang)),
            None => "–".into(),
        });
    }
    for (id, label) in &groups {
        let label = format!("{} {label}", lang.say(text::TARGET_GROUP));
        row(&label, &|c| match c.target_group(id) {
            None => "–".into(),
            Some(g) => {
                let benefit = match lang {
                    Lang::Da => g.benefit.danish().to_string(),
                    Lang::En => g.benefit.to_string(),
                };
                let mut parts = vec![format!("{}: {benefit}", lang.say(text::BENEFIT))];
                if let Some(p) = &g.referrals {
                    parts.push(format!("{} {}", lang.say(text::REFERRALS), text::period(p, lang)));
                }
                if let Some(e) = &g.estimate {
                    parts.push(text::estimate(
                        &kr(e.benefit_saving, lang),
                        &Value::Number(e.expected_months_saved, 0).human(lang),
                        &kr(e.fleksjob_subsidy, lang),
                        lang,
                    ));
                }
                match &g.eligibility {
                    Some(rule) => {
                        parts.push(format!("{}: {}", lang.say(text::ELIGIBLE_IF), text::rule_text(rule, lang)))
                    }
                    None => parts.push(lang.say(text::EVERYONE_REFERRED_IS_ELIGIBLE).into()),
                }
                parts.join("; ")
            }
        });
    }
    out
}

fn side_by_side(versions: &[&Contract], lang: Lang) -> String {
    let mut h = String::new();
    let Some(first) = versions.first() else { return h };
    let _ = write!(
        h,
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{1}\"><table class=\"figures plain versions\" id=\"versions-{}\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
        esc(first.id.as_str()),
        lang.say(text::TERMS_BY_VERSION),
        lang.say(text::TERM)
    );
    for c in versions {
        let _ = write!(h, "<th scope=\"col\">{} {}</th>", lang.say(text::VERSION), c.version);
    }
    h.push_str("</tr></thead><tbody>");
    for (label, values) in rows(versions, lang) {
        let _ = write!(h, "<tr><th scope=\"row\">{}</th>", esc(&label));
        for (i, v) in values.iter().enumerate() {
            let changed = i > 0 && values[i - 1] != *v;
            if changed {
                let _ = write!(
                    h,
                    "<td class=\"changed\"><mark>{}</mark><span class=\"visually-hidden\"> ({})</span></td>",
                    esc(v),
                    lang.say(text::CHANGED)
                );
            } else {
                let _ = write!(h, "<td>{}</td>", esc(v));
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div>");
    h
}

fn check_form(lang: Lang) -> String {
    format!(
        "<h2 id=\"check\">{h}</h2><form class=\"box\" method=\"post\" action=\"/procurement/check\" enctype=\"multipart/form-data\">\
         <div class=\"field\"><label for=\"file\">{file}</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".toml,text/plain\"></div>\
         <div class=\"field\"><label for=\"text\">{paste}</label><textarea id=\"text\" name=\"text\"></textarea></div>\
         <button class=\"primary\" type=\"submit\">{go}</button></form>",
        h = lang.say(text::CHECK_A_DRAFT),
        file = lang.say(text::CONTRACT_FILE_TOML),
        paste = lang.say(text::OR_PASTE_THE_CONTRACT),
        go = lang.say(text::CHECK_THE_DRAFT),
    )
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
    let l = v.l();
    let set = svc.contracts();
    let mut b = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        l.say(text::CONTRACTS),
        l.say(text::EACH_CONTRACT_WITH_ITS_VERSIONS)
    );
    for id in set.ids() {
        let versions: Vec<&Contract> = set.versions(id).into_iter().map(|c| c.as_ref()).collect();
        let title = versions.last().map_or(id, |c| c.title.as_str());
        let _ = write!(b, "<h2>{}</h2>", esc(title));
        b.push_str(&side_by_side(&versions, l));
        b.push_str(&super::chosen::section(&svc, &versions, l));
    }
    b.push_str(&super::procurement_grant::section(&svc, l));
    b.push_str(&super::chosen::parameters_section(l));
    b.push_str(&check_form(l));
    v.respond(StatusCode::OK, &b)
}

pub async fn check(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let v = match Visit::start(&svc, &headers, None, &PAGE) {
        Ok(v) => v,
        Err(r) => return *r,
    };
    let l = v.l();
    let heading = l.say(text::THE_DRAFT_HAS_PROBLEMS);
    if !session::same_origin(&headers) {
        return v.respond(StatusCode::FORBIDDEN, &errors(l, heading, &[]));
    }
    let up = match upload::read(form, l).await {
        Ok(u) => u,
        Err((status, e)) => return v.respond(status, &(errors(l, heading, &[e]) + &check_form(l))),
    };
    let Some(text) = up.text else {
        let msg = l.say(text::CHOOSE_A_FILE_OR_PASTE).to_string();
        return v.respond(StatusCode::UNPROCESSABLE_ENTITY, &(errors(l, heading, &[msg]) + &check_form(l)));
    };
    let file = up.name;
    let set = svc.contracts();
    if crate::wire::grant_file::is_grant_file(&text) {
        let checked = format!("<h1>{}</h1>", l.pick("Draft checked", "Udkast kontrolleret"));
        let name = file.clone().unwrap_or_else(|| l.say(text::DRAFT).to_string());
        return match super::procurement_grant::check_draft(&text, &name, &set, l) {
            Ok(b) => v.respond(StatusCode::OK, &(checked + &b + &check_form(l))),
            Err(ps) => {
                v.respond(StatusCode::UNPROCESSABLE_ENTITY, &(checked + &errors(l, heading, &ps) + &check_form(l)))
            }
        };
    }
    let problems: Vec<String> = match parse_toml(&text) {
        Err(ps) => text::problems(ps, l),
        Ok(parsed) => {
            let c = &parsed.contract;
            let name = file.clone().unwrap_or_else(|| l.say(text::DRAFT).to_string());
            let ps: Vec<String> = match set.get(c.id.as_str(), c.version) {
                Some(existing) if existing.as_ref() == c => vec![],
                Some(_) => vec![text::taken(c.version, &c.title, l)],
                None => text::problems(set.conflicts(&name, &parsed), l),
            };
            if ps.is_empty() {
                let mut versions: Vec<&Contract> = set
                    .versions(c.id.as_str())
                    .into_iter()
                    .map(|v| v.as_ref())
                    .filter(|v| v.version != c.version)
                    .collect();
                versions.push(c);
                versions.sort_by_key(|v| v.version);
                let mut b = format!("<h1>{}</h1>", l.say(text::DRAFT_CHECKED));
                let _ = write!(
                    b,
                    "<div class=\"ok\" role=\"status\"><p>{}</p></div>",
                    esc(&text::valid(file.as_deref(), c.version, &c.title, c.effective_from, l))
                );
                b.push_str(&side_by_side(&versions, l));
                b.push_str(&check_form(l));
                return v.respond(StatusCode::OK, &b);
            }
            ps
        }
    };
    let heading = text::draft_problems(file.as_deref(), l);
    v.respond(
        StatusCode::UNPROCESSABLE_ENTITY,
        &(format!("<h1>{}</h1>", l.say(text::DRAFT_CHECKED)) + &errors_coded(l, &heading, &problems) + &check_form(l)),
    )
}
