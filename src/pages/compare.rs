//! The comparison page (`/committee/compare`): the options side by side
//! (suppliers and the own team), each share with its 95 % interval, the
//! money, and in plain words which options can and cannot be told apart.
//! It shows `GET /reports/compare`'s figures; every word is in
//! `compare_text`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::NaiveDate;

use super::compare_text::{DA, EN, Text, text};
use super::layout::errors;
use super::session::{PageDef, Visit, urlencode};
use crate::api::params::today;
use crate::lang::Lang;
use crate::money::{Money, Share};
use crate::report::compare::{Comparison, RateName};
use crate::service::Service;
use crate::service::tokens::Role;
use crate::store::RepoError;
use crate::table::{Table, Value, WITHHELD_MARK, esc};
use crate::wire::compare_out::{rate_label, table};
use crate::wire::course_in::parse_date;

pub static PAGE: PageDef = PageDef {
    path: "/committee/compare",
    en: EN.page_title,
    da: DA.page_title,
    roles: &[Role::Committee, Role::Finance, Role::Procurement],
};

/// The query the page was asked with, kept in links and the language switch.
fn query(as_of: NaiveDate, group: Option<&str>, contracts: &str) -> String {
    let mut q = format!("as_of={as_of}");
    if let Some(g) = group {
        let _ = write!(q, "&target_group={}", urlencode(g));
    }
    if !contracts.is_empty() {
        let _ = write!(q, "&contracts={}", urlencode(contracts));
    }
    q
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
    let ids = svc.comparable();
    if ids.is_empty() {
        return v.respond(StatusCode::OK, &format!("<h1>{}</h1><p>{}</p>", t.page_title, t.no_options));
    }
    let today = today();
    let mut problems = Vec::new();
    let as_of = match q.get("as_of").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        Some(s) => match parse_date(s) {
            Some(d) if d <= today => d,
            _ => {
                problems.push(t.bad_date(s));
                today
            }
        },
        None => svc.landing_date(&ids[0], today).map(|(d, _)| d).unwrap_or(today),
    };
    let contracts = q.get("contracts").map(|s| s.trim().to_string()).unwrap_or_default();
    let wanted: Vec<String> =
        contracts.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect();
    let group = q.get("target_group").map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let policy = svc.disclosure.policy_for(v.caller.role);
    let (svc2, g2) = (svc.clone(), group.clone());
    let answer =
        tokio::task::spawn_blocking(move || svc2.compare(&wanted, g2.as_deref(), as_of, policy.as_ref())).await;
    let c = match answer {
        Ok(Ok(c)) => c,
        Ok(Err(RepoError::NotFound(_))) => {
            let known: Vec<String> =
                ids.iter().filter_map(|id| svc.contracts().latest(id).map(|c| c.title.clone())).collect();
            return v.respond(StatusCode::NOT_FOUND, &errors(t.lang, t.failed, &[t.unknown_contract(&known)]));
        }
        Ok(Err(RepoError::Invalid(_))) => {
            let g = group.as_deref().unwrap_or_default();
            return v.respond(StatusCode::UNPROCESSABLE_ENTITY, &errors(t.lang, t.failed, &[t.unknown_group(g)]));
        }
        Ok(Err(e)) => {
            tracing::error!(error = %e, "comparison page");
            return v.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(t.lang, t.failed, &[]));
        }
        Err(_) => return v.respond(StatusCode::INTERNAL_SERVER_ERROR, ""),
    };
    let here = format!("{}?{}", PAGE.path, query(as_of, c.group.as_deref(), &contracts));
    let threshold = svc.disclosure.policy_for(v.caller.role).map(|p| p.threshold);
    let mut b = String::new();
    if !problems.is_empty() {
        b.push_str(&errors(t.lang, t.bad_date_heading, &problems));
    }
    b.push_str(&body(&svc, &c, t, &contracts, threshold));
    v.respond_at(StatusCode::OK, &b, &here)
}

fn human(v: &Value, l: Lang) -> String {
    v.human(l)
}

/// The cell of option `row` in the column `key`.
fn cell<'a>(t: &'a Table, row: usize, key: &str) -> &'a Value {
    let i = t.columns.iter().position(|c| c.key == key).expect("a comparison column");
    &t.rows[row][i]
}

fn rate_text(t: &Table, row: usize, r: RateName, tx: &Text) -> String {
    let key = r.id();
    let (rate, low, high) = (
        cell(t, row, &format!("{key}_pct")),
        cell(t, row, &format!("{key}_low_pct")),
        cell(t, row, &format!("{key}_high_pct")),
    );
    match rate {
        Value::Percent(..) => tx.with_interval(&human(rate, tx.lang), &human(low, tx.lang), &human(high, tx.lang)),
        other => human(other, tx.lang),
    }
}

fn body(svc: &Service, c: &Comparison, tx: &Text, contracts: &str, threshold: Option<u64>) -> String {
    let l = tx.lang;
    let da = l == Lang::Da;
    let t = table(c, da);
    let date = if da { c.as_of.format("%d.%m.%Y").to_string() } else { c.as_of.to_string() };
    let set = svc.contracts();
    let group_label = c.group.as_deref().map(|g| {
        c.rows
            .iter()
            .filter_map(|r| set.latest(&r.contract)?.target_group(g).map(|tg| tg.label.clone()))
            .next()
            .unwrap_or_else(|| g.to_string())
    });
    let mut b = String::new();
    let _ =
        write!(b, "<h1>{}</h1><p class=\"lead\">{}</p>", tx.page_title, esc(&tx.lead(group_label.as_deref(), &date)));

    // The form: date and target group.
    let mut groups: Vec<(String, String)> = Vec::new();
    for id in set.ids() {
        for g in set.latest(id).map(|k| k.target_groups.clone()).unwrap_or_default() {
            if !groups.iter().any(|(x, _)| x == g.id.as_str()) {
                groups.push((g.id.to_string(), g.label.clone()));
            }
        }
    }
    let _ = write!(
        b,
        "<form class=\"box inline\" method=\"get\" action=\"{}\">\
         <div class=\"field\"><label for=\"as_of\">{}</label><input type=\"date\" id=\"as_of\" name=\"as_of\" value=\"{}\"></div>\
         <div class=\"field\"><label for=\"target_group\">{}</label><select id=\"target_group\" name=\"target_group\">",
        PAGE.path, tx.as_of, c.as_of, tx.target_group
    );
    for (id, label) in &groups {
        let sel = if c.group.as_deref() == Some(id.as_str()) { " selected" } else { "" };
        let _ = write!(b, "<option value=\"{}\"{sel}>{}</option>", esc(id), esc(label));
    }
    b.push_str("</select></div>");
    if !contracts.is_empty() {
        let _ = write!(b, "<input type=\"hidden\" name=\"contracts\" value=\"{}\">", esc(contracts));
    }
    let _ = write!(b, "<button class=\"primary\" type=\"submit\">{}</button></form>", tx.show);

    // The options as columns.
    let head = |caption: &str, id: &str| {
        let mut h = format!(
            "<table class=\"figures plain\" id=\"{id}\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
            esc(caption),
            tx.figure
        );
        for (i, r) in c.rows.iter().enumerate() {
            let name = human(cell(&t, i, "option"), l);
            let kind = human(cell(&t, i, "kind"), l);
            let _ = write!(
                h,
                "<th scope=\"col\" data-contract=\"{}\">{} ({})</th>",
                esc(&r.contract),
                esc(&name),
                esc(&kind)
            );
        }
        h.push_str("</tr></thead><tbody>");
        h
    };
    let row = |label: &str, key: &str, cells: Vec<String>| {
        let mut h = format!("<tr data-key=\"{key}\"><th scope=\"row\">{}</th>", esc(label));
        for v in cells {
            let _ = write!(h, "<td class=\"num\">{}</td>", esc(&v));
        }
        h.push_str("</tr>");
        h
    };
    let n = c.rows.len();
    let _ = write!(b, "<h2>{}</h2>", tx.h_rates);
    b.push_str(&head(tx.rates_caption, "table-compare-rates"));
    b.push_str(&row(tx.referred, "referred", (0..n).map(|i| human(cell(&t, i, "referred"), l)).collect()));
    for r in RateName::ALL {
        b.push_str(&row(rate_label(r, da), r.id(), (0..n).map(|i| rate_text(&t, i, r, tx)).collect()));
    }
    b.push_str("</tbody></table>");
    let _ = write!(b, "<p class=\"note\">{}</p>", esc(tx.decided_note));

    let _ = write!(b, "<h2>{}</h2>", tx.h_money);
    b.push_str(&head(tx.money_caption, "table-compare-money"));
    for key in [
        "cost",
        "cost_per_job_start",
        "cost_per_retention_3m",
        "cost_per_retention_6m",
        "realised_savings",
        "net_result",
        "net_per_referral",
        "break_even_deadweight_pct",
    ] {
        let label = t.columns.iter().find(|col| col.key == key).map(|col| col.label(l).to_string()).unwrap_or_default();
        b.push_str(&row(&label, key, (0..n).map(|i| human(cell(&t, i, key), l)).collect()));
    }
    b.push_str("</tbody></table>");
    let _ = write!(b, "<p class=\"note\">{}</p><p class=\"note\">{}</p>", esc(tx.cost_note), esc(tx.none_note));
    for r in c.rows.iter().filter(|r| r.in_house) {
        if let Some(cost) = set.latest(&r.contract).and_then(|k| k.kind.in_house()) {
            let m = |x: Money| Value::Money(x).human(l);
            let num = |x: rust_decimal::Decimal| Value::Number(x.normalize(), x.normalize().scale()).human(l);
            let pct = |s: Share| Value::Percent(s.percent(2).normalize(), s.percent(2).normalize().scale()).human(l);
            let sentence = tx.in_house(
                &r.provider,
                &m(cost.per_referral().rounded()),
                &num(cost.staff_years),
                &m(cost.cost_per_staff_year),
                &pct(cost.overhead),
                &num(cost.caseload),
            );
            let _ = write!(b, "<p class=\"note\" data-in-house=\"{}\">{}</p>", esc(&r.contract), esc(&sentence));
        }
    }
    if t.rows.iter().flatten().any(|v| *v == Value::Withheld) {
        let th = threshold.unwrap_or(5);
        let foot = match l {
            Lang::Da => format!("{WITHHELD_MARK} Undertrykt: tallet bygger på et antal under {th} borgere."),
            Lang::En => format!("{WITHHELD_MARK} Suppressed: the figure rests on a count under {th} citizens."),
        };
        let _ = write!(b, "<p class=\"footnote\">{}</p>", esc(&foot));
    }

    // In plain words: which can be told apart.
    let _ = write!(b, "<h2>{}</h2>", tx.h_apart);
    if c.pairs.is_empty() {
        let _ = write!(b, "<p>{}</p>", tx.nothing_to_tell);
    } else {
        b.push_str("<ul class=\"sentences\" id=\"told-apart\">");
        for p in &c.pairs {
            let name = |i: usize| human(cell(&t, i, "option"), l);
            let (ra, rb) = (rate_text(&t, p.a, p.rate, tx), rate_text(&t, p.b, p.rate, tx));
            let label = rate_label(p.rate, da);
            let (verdict, sentence) = match p.apart {
                None | Some(std::cmp::Ordering::Equal) => {
                    ("overlap", tx.overlap(label, &name(p.a), &ra, &name(p.b), &rb))
                }
                Some(std::cmp::Ordering::Greater) => ("apart", tx.apart(label, &name(p.a), &ra, &name(p.b), &rb)),
                Some(std::cmp::Ordering::Less) => ("apart", tx.apart(label, &name(p.b), &rb, &name(p.a), &ra)),
            };
            let _ = write!(b, "<li data-verdict=\"{verdict}\" data-rate=\"{}\">{}</li>", p.rate.id(), esc(&sentence));
        }
        b.push_str("</ul>");
    }

    let base = format!("/reports/compare?{}&format=csv", query(c.as_of, c.group.as_deref(), contracts));
    let base = esc(&base);
    let _ = write!(
        b,
        "<p class=\"downloads\">{}: <a href=\"{base}\">CSV</a> · <a href=\"{base}&amp;dialect=excel-da\">{}</a></p>",
        tx.download, tx.csv_excel
    );
    b
}

/// On the committee page of an in-house option: it is paid by its cost, so
/// its payments and "supplier's price" are 0; the comparison shows its
/// cost per result beside the suppliers'.
pub fn in_house_notice(svc: &Service, contract: &str, l: Lang) -> String {
    let set = svc.contracts();
    let Some(cost) = set.latest(contract).and_then(|c| c.kind.in_house()) else { return String::new() };
    let per = Value::Money(cost.per_referral().rounded()).human(l);
    let text = match l {
        Lang::Da => format!(
            "Dette er kommunens egen indsats. Den betales efter sin omkostning, {per} pr. henvisning, ikke pr. resultat; derfor er betalinger og leverandørens pris nedenfor 0. Sammenligningen viser dens pris pr. resultat ved siden af leverandørernes."
        ),
        Lang::En => format!(
            "This is the municipality's own team. It is paid by its cost, {per} per referral, not per result; so the payments and the supplier's price below are 0. The comparison shows its cost per result beside the suppliers'."
        ),
    };
    format!(
        "<p class=\"ok\" id=\"in-house\">{} <a href=\"{}\">{}</a></p>",
        esc(&text),
        PAGE.path,
        l.pick("Options compared", "Sammenligning af muligheder")
    )
}
