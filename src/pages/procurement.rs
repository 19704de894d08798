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

use super::layout::errors;
use super::session::{self, PageDef, Visit};
use super::upload;
use crate::contract::eligibility::Condition;
use crate::contract::parse::parse_toml;
use crate::contract::{Contract, Period};
use crate::money::Money;
use crate::render::Lang;
use crate::service::Service;
use crate::service::tokens::Role;
use crate::table::{Value, esc};

static PAGE: PageDef = PageDef { path: "/procurement", en: "Procurement", da: "Indkøb", roles: &[Role::Procurement] };

fn kr(m: Money, lang: Lang) -> String {
    Value::Money(m).human(lang)
}

fn period(p: &Period, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{} – {}", p.from.format("%d.%m.%Y"), p.until.format("%d.%m.%Y")),
        Lang::En => format!("{} to {}", p.from, p.until),
    }
}

/// An eligibility rule in words.
pub fn rule_text(c: &Condition, lang: Lang) -> String {
    let list = |cs: &[Condition], word: &str| cs.iter().map(|c| rule_text(c, lang)).collect::<Vec<_>>().join(word);
    match (c, lang) {
        (Condition::All(cs), Lang::Da) => format!("({})", list(cs, " og ")),
        (Condition::All(cs), Lang::En) => format!("({})", list(cs, " and ")),
        (Condition::Any(cs), Lang::Da) => format!("({})", list(cs, " eller ")),
        (Condition::Any(cs), Lang::En) => format!("({})", list(cs, " or ")),
        (Condition::Not(c), Lang::Da) => format!("ikke {}", rule_text(c, lang)),
        (Condition::Not(c), Lang::En) => format!("not {}", rule_text(c, lang)),
        (Condition::AgeAtLeast(n), Lang::Da) => format!("mindst {n} år"),
        (Condition::AgeAtLeast(n), Lang::En) => format!("aged {n} or more"),
        (Condition::AgeBelow(n), Lang::Da) => format!("under {n} år"),
        (Condition::AgeBelow(n), Lang::En) => format!("aged under {n}"),
        (Condition::UnemployedMonthsMoreThan(n), Lang::Da) => format!("ledig i mere end {n} måneder"),
        (Condition::UnemployedMonthsMoreThan(n), Lang::En) => format!("unemployed more than {n} months"),
        (Condition::UnemployedMonthsAtLeast(n), Lang::Da) => format!("ledig i mindst {n} måneder"),
        (Condition::UnemployedMonthsAtLeast(n), Lang::En) => format!("unemployed at least {n} months"),
        (Condition::UnemployedMonthsBelow(n), Lang::Da) => format!("ledig i under {n} måneder"),
        (Condition::UnemployedMonthsBelow(n), Lang::En) => format!("unemployed under {n} months"),
        (Condition::AKasseIn(codes), Lang::Da) => format!("medlem af a-kasse {}", codes.join(", ")),
        (Condition::AKasseIn(codes), Lang::En) => format!("member of a-kasse {}", codes.join(", ")),
        (Condition::BenefitIn(set), Lang::Da) => format!("modtager {}", set.danish()),
        (Condition::BenefitIn(set), Lang::En) => format!("receiving {set}"),
    }
}

/// The rows of the side-by-side table: a label and one value per version.
fn rows(versions: &[&Contract], lang: Lang) -> Vec<(String, Vec<String>)> {
    let yes_no = |b: bool| lang.pick(if b { "yes" } else { "no" }, if b { "ja" } else { "nej" }).to_string();
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut row = |label: &str, f: &dyn Fn(&Contract) -> String| {
        out.push((label.to_string(), versions.iter().map(|c| f(c)).collect()))
    };
    row(lang.pick("In force from", "I kraft fra"), &|c| Value::Date(c.effective_from).plain());
    row(lang.pick("Replaces version", "Erstatter version"), &|c| {
        c.supersedes.map(|v| v.to_string()).unwrap_or_else(|| "–".into())
    });
    row(lang.pick("Title", "Titel"), &|c| c.title.clone());
    row(lang.pick("Buyer", "Køber"), &|c| c.buyer.clone());
    row(lang.pick("Supplier", "Leverandør"), &|c| format!("{} (CVR {})", c.supplier.name, c.supplier.cvr));
    row(lang.pick("Referral period", "Henvisningsperiode"), &|c| period(&c.referrals, lang));
    row(lang.pick("Benefits allowed while in work", "Tilladte ydelser i job"), &|c| match lang {
        Lang::Da => c.payment.allowed_benefits.danish(),
        Lang::En => c.payment.allowed_benefits.to_string(),
    });
    row(lang.pick("Longest gap between jobs (days)", "Længste pause mellem job (dage)"), &|c| {
        c.payment.max_gap_days.to_string()
    });
    row(lang.pick("When the chain breaks", "Når kæden brydes"), &|c| match (c.payment.on_break, lang) {
        (crate::contract::OnBreak::Forfeit, Lang::Da) => "senere rater bortfalder".into(),
        (crate::contract::OnBreak::Forfeit, Lang::En) => "later milestones are forfeited".into(),
        (crate::contract::OnBreak::Restart, Lang::Da) => "måles forfra fra næste job".into(),
        (crate::contract::OnBreak::Restart, Lang::En) => "measured again from the next job".into(),
    });
    row(lang.pick("Paid once per citizen", "Betales én gang pr. borger"), &|c| yes_no(c.payment.once_per_citizen));
    let mut milestone_ids: Vec<String> = Vec::new();
    let mut group_ids: Vec<String> = Vec::new();
    for c in versions {
        for m in &c.milestones {
            if !milestone_ids.contains(&m.id.to_string()) {
                milestone_ids.push(m.id.to_string());
            }
        }
        for g in &c.target_groups {
            if !group_ids.contains(&g.id.to_string()) {
                group_ids.push(g.id.to_string());
            }
        }
    }
    for id in &milestone_ids {
        let label = format!("{} {id}", lang.pick("Milestone", "Rate"));
        row(&label, &|c| match c.milestones.iter().find(|m| m.id.as_str() == id) {
            Some(m) => match lang {
                Lang::Da => format!("{} efter {} mdr.", kr(m.amount, lang), m.after_months),
                Lang::En => format!("{} after {} months", kr(m.amount, lang), m.after_months),
            },
            None => "–".into(),
        });
    }
    for id in &group_ids {
        let label = format!("{} {id}", lang.pick("Target group", "Målgruppe"));
        row(&label, &|c| match c.target_group(id) {
            None => "–".into(),
            Some(g) => {
                let benefit = match lang {
                    Lang::Da => g.benefit.danish().to_string(),
                    Lang::En => g.benefit.to_string(),
                };
                let mut parts = vec![format!("{}: {benefit}", lang.pick("benefit", "ydelse"))];
                if let Some(p) = &g.referrals {
                    parts.push(format!("{} {}", lang.pick("referrals", "henvisning"), period(p, lang)));
                }
                if let Some(e) = &g.estimate {
                    parts.push(match lang {
                        Lang::Da => format!(
                            "besparelse {} over {} mdr., fleksjobtilskud {}",
                            kr(e.benefit_saving, lang),
                            Value::Number(e.expected_months_saved, 0).human(lang),
                            kr(e.fleksjob_subsidy, lang)
                        ),
                        Lang::En => format!(
                            "saving {} over {} months, fleksjob subsidy {}",
                            kr(e.benefit_saving, lang),
                            Value::Number(e.expected_months_saved, 0).human(lang),
                            kr(e.fleksjob_subsidy, lang)
                        ),
                    });
                }
                match &g.eligibility {
                    Some(rule) => {
                        parts.push(format!("{}: {}", lang.pick("eligible if", "omfattet, hvis"), rule_text(rule, lang)))
                    }
                    None => parts.push(lang.pick("everyone referred is eligible", "alle henviste er omfattet").into()),
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
        "<table class=\"figures plain versions\" id=\"versions-{}\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
        esc(first.id.as_str()),
        esc(&first.title),
        lang.pick("Term", "Vilkår")
    );
    for c in versions {
        let _ = write!(h, "<th scope=\"col\">{} {}</th>", lang.pick("Version", "Version"), c.version);
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
                    lang.pick("changed", "ændret")
                );
            } else {
                let _ = write!(h, "<td>{}</td>", esc(v));
            }
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

fn check_form(lang: Lang) -> String {
    format!(
        "<h2 id=\"check\">{h}</h2><form class=\"box\" method=\"post\" action=\"/procurement/check\" enctype=\"multipart/form-data\">\
         <div class=\"field\"><label for=\"file\">{file}</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".toml,text/plain\"></div>\
         <div class=\"field\"><label for=\"text\">{paste}</label><textarea id=\"text\" name=\"text\"></textarea></div>\
         <button class=\"primary\" type=\"submit\">{go}</button></form>",
        h = lang.pick("Check a draft", "Kontrollér et udkast"),
        file = lang.pick("Contract file (TOML)", "Kontraktfil (TOML)"),
        paste = lang.pick("…or paste the contract", "…eller indsæt kontrakten"),
        go = lang.pick("Check the draft", "Kontrollér udkastet"),
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
        l.pick("Contracts", "Kontrakter"),
        l.pick(
            "Each contract with its versions side by side; what a version changed is marked. A change is always a new version.",
            "Hver kontrakt med sine versioner side om side; det, en version ændrede, er markeret. En ændring er altid en ny version."
        )
    );
    for id in set.ids() {
        let versions: Vec<&Contract> = set.versions(id).into_iter().map(|c| c.as_ref()).collect();
        let _ = write!(b, "<h2>{}</h2>", esc(id));
        b.push_str(&side_by_side(&versions, l));
        b.push_str(&super::chosen::section(&svc, &versions, l));
    }
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
    let heading = l.pick("The draft has problems", "Udkastet har fejl");
    if !session::same_origin(&headers) {
        return v.respond(StatusCode::FORBIDDEN, &errors(l, heading, &[]));
    }
    let up = match upload::read(form, l).await {
        Ok(u) => u,
        Err((status, e)) => return v.respond(status, &(errors(l, heading, &[e]) + &check_form(l))),
    };
    let Some(text) = up.text else {
        let msg = l.pick("Choose a file or paste the contract.", "Vælg en fil, eller indsæt kontrakten.").to_string();
        return v.respond(StatusCode::UNPROCESSABLE_ENTITY, &(errors(l, heading, &[msg]) + &check_form(l)));
    };
    let name = up.name.unwrap_or_else(|| l.pick("draft", "udkast").to_string());
    let set = svc.contracts();
    let problems: Vec<String> = match parse_toml(&text) {
        Err(ps) => ps.into_iter().map(|p| p.in_file(&name).to_string()).collect(),
        Ok(parsed) => {
            let c = &parsed.contract;
            let mut ps: Vec<String> = match set.get(c.id.as_str(), c.version) {
                Some(existing) if existing.as_ref() == c => vec![],
                Some(_) => vec![match l {
                    Lang::Da => format!(
                        "{name}: version {} af {} findes allerede med andet indhold; en ændring er en ny version",
                        c.version, c.id
                    ),
                    Lang::En => format!(
                        "{name}: version {} of {} is already stored with other content; a change is a new version",
                        c.version, c.id
                    ),
                }],
                None => set.conflicts(&name, &parsed).into_iter().map(|p| p.to_string()).collect(),
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
                let mut b = format!("<h1>{}</h1>", l.pick("Draft checked", "Udkast kontrolleret"));
                let _ = write!(
                    b,
                    "<div class=\"ok\" role=\"status\"><p>{}</p></div>",
                    esc(&match l {
                        Lang::Da => format!(
                            "{name} er gyldig: version {} af {}, i kraft fra {}. Den er ikke gemt; tilføj den som kontraktfil eller via POST /contracts.",
                            c.version,
                            c.id,
                            c.effective_from.format("%d.%m.%Y")
                        ),
                        Lang::En => format!(
                            "{name} is valid: version {} of {}, in force from {}. It is not stored; add it as a contract file or with POST /contracts.",
                            c.version, c.id, c.effective_from
                        ),
                    })
                );
                b.push_str(&side_by_side(&versions, l));
                b.push_str(&check_form(l));
                return v.respond(StatusCode::OK, &b);
            }
            ps.sort();
            ps
        }
    };
    v.respond(
        StatusCode::UNPROCESSABLE_ENTITY,
        &(format!("<h1>{}</h1>", l.pick("Draft checked", "Udkast kontrolleret"))
            + &errors(l, heading, &problems)
            + &check_form(l)),
    )
}
