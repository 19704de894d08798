//! What the audit sample pages show: the samples drawn, one sample's facts
//! (seed, confidence level, tolerable error rate, size), its work list as
//! a form for the document checks, and the result for all payments (the
//! estimated amount paid in error, its confidence interval, each
//! milestone's figures and the clawback list).

use std::fmt::Write as _;

use super::audit_text as t;
use super::format::kr;
use crate::contract::ContractSet;
use crate::money::Money;
use crate::render::Lang;
use crate::sampling::extrapolate::Extrapolation;
use crate::store::sample_records::{SampleRecord, SampledPayment};
use crate::table::esc;

fn money(text: &str, lang: Lang) -> String {
    Money::parse(text).map_or_else(|_| text.to_string(), |m| kr(m, lang))
}

/// A table in a box that scrolls sideways on a narrow screen.
fn table(id: &str, caption: &str, heads: &[&str], rows: &str) -> String {
    let heads: String = heads.iter().map(|h| format!("<th scope=\"col\">{h}</th>")).collect();
    format!(
        "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{c}\"><table class=\"figures plain\" id=\"{id}\"><caption class=\"visually-hidden\">{c}</caption><thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table></div>",
        c = esc(caption)
    )
}

fn checked(rec: &SampleRecord) -> (u64, u64) {
    let checked = rec.items.iter().filter(|p| p.outcome.is_some()).count() as u64;
    let errors = rec.items.iter().filter(|p| p.outcome.as_deref() == Some("error")).count() as u64;
    (checked, errors)
}

/// The samples drawn, newest first.
pub fn samples_table(list: &[SampleRecord], lang: Lang) -> String {
    let mut rows = String::new();
    for rec in list.iter().rev() {
        let (checked, errors) = checked(rec);
        let _ = write!(
            rows,
            "<tr><th scope=\"row\"><a href=\"/finance/samples/{id}\">{}</a></th><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{checked}</td><td class=\"num\">{errors}</td></tr>",
            esc(&t::sample_title(rec.id, lang)),
            lang.date(rec.drawn_at.date_naive()),
            t::pct(rec.confidence_pct),
            esc(&t::size_of(rec.size, rec.population.len(), lang)),
            id = rec.id,
        );
    }
    let heads = [
        lang.say(t::SAMPLE),
        lang.say(t::DRAWN_ON),
        lang.say(t::CONFIDENCE),
        lang.say(t::SIZE_COL),
        lang.say(t::CHECKED),
        lang.say(t::ERRORS),
    ];
    table("samples", lang.say(t::DRAWN), &heads, &rows)
}

/// The sample's facts: how it was drawn, so that it can be drawn again.
pub fn facts(rec: &SampleRecord, lang: Lang) -> String {
    let mut h = String::from("<dl class=\"figures\" id=\"facts\">");
    let mut add = |k: &str, v: String, id: &str| {
        let _ = write!(h, "<dt>{k}</dt><dd id=\"{id}\">{}</dd>", esc(&v));
    };
    add(lang.say(t::SEED), rec.seed.to_string(), "seed");
    add(lang.say(t::CONFIDENCE), t::pct(rec.confidence_pct), "confidence");
    if let Some(p) = &rec.tolerable_error_pct {
        add(lang.say(t::TOLERABLE_RATE), t::pct_text(p, lang), "tolerable");
    }
    add(lang.say(t::SIZE_COL), t::size_of(rec.size, rec.population.len(), lang), "size");
    add(lang.say(t::DRAWN_ON), format!("{} ({})", lang.date(rec.drawn_at.date_naive()), rec.drawn_by), "drawn");
    h.push_str("</dl>");
    let _ = write!(h, "<p class=\"note\">{}</p>", lang.say(t::SEED_HINT));
    h
}

fn outcome_select(p: &SampledPayment, lang: Lang) -> String {
    let current = p.outcome.as_deref().unwrap_or("");
    let options: String = [("", t::NOT_CHECKED), ("confirmed", t::CONFIRMED), ("error", t::ERROR)]
        .iter()
        .map(|(v, w)| {
            let sel = if *v == current { " selected" } else { "" };
            format!("<option value=\"{v}\"{sel}>{}</option>", lang.say(*w))
        })
        .collect();
    let label = format!("{} {}: {}", lang.say(t::PAYMENT), p.payment_id, lang.say(t::CHECK));
    format!(
        "<label class=\"visually-hidden\" for=\"outcome-{id}\">{}</label><select id=\"outcome-{id}\" name=\"outcome-{id}\">{options}</select>",
        esc(&label),
        id = p.payment_id
    )
}

fn amount_input(p: &SampledPayment, lang: Lang) -> String {
    let value = p.error_amount.as_deref().and_then(|a| Money::parse(a).ok()).map(|m| lang.money(m)).unwrap_or_default();
    let label = format!("{} {}: {}", lang.say(t::PAYMENT), p.payment_id, lang.say(t::ERROR_AMOUNT));
    format!(
        "<label class=\"visually-hidden\" for=\"amount-{id}\">{}</label><input type=\"text\" inputmode=\"decimal\" size=\"10\" id=\"amount-{id}\" name=\"amount-{id}\" value=\"{}\">",
        esc(&label),
        esc(&value),
        id = p.payment_id
    )
}

/// The work list: one row per sampled payment, with its check.
pub fn work_list(rec: &SampleRecord, set: &ContractSet, lang: Lang) -> String {
    let mut rows = String::new();
    for p in &rec.items {
        let _ = write!(
            rows,
            "<tr data-payment=\"{id}\"><th scope=\"row\">{id}</th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            super::registers::course_link(&p.course_id),
            esc(&t::milestone(set, &p.milestone, lang)),
            esc(&money(&p.amount, lang)),
            outcome_select(p, lang),
            amount_input(p, lang),
            id = p.payment_id,
        );
    }
    let heads = [
        lang.say(t::PAYMENT),
        lang.say(t::COURSE),
        lang.say(t::MILESTONE),
        lang.say(t::PAID),
        lang.say(t::CHECK),
        lang.say(t::ERROR_AMOUNT),
    ];
    format!(
        "<h2 id=\"work-list\">{h}</h2><p class=\"downloads\"><a href=\"/audit/samples/{id}?format=csv\">{csv}</a> · <a href=\"/audit/samples/{id}?format=csv&amp;dialect=excel-da\">{csv_da}</a></p>\
         <form method=\"post\" action=\"/finance/samples/{id}/checks\">{}<p class=\"note\">{hint}</p><button class=\"primary\" type=\"submit\">{go}</button></form>",
        table("items", lang.say(t::WORK_LIST), &heads, &rows),
        h = lang.say(t::WORK_LIST),
        id = rec.id,
        csv = lang.say(t::CSV),
        csv_da = lang.say(t::CSV_DA),
        hint = lang.say(t::RECORD_HINT),
        go = lang.say(t::RECORD),
    )
}

/// The result for all payments the sample was drawn from.
pub fn result(rec: &SampleRecord, x: &Extrapolation, set: &ContractSet, lang: Lang) -> String {
    let mut h = format!("<h2 id=\"result\">{}</h2>", lang.say(t::RESULT));
    let (checked, errors) = checked(rec);
    if checked == 0 {
        let _ = write!(h, "<p>{}</p>", lang.say(t::NOTHING_CHECKED));
        return h;
    }
    let _ = write!(
        h,
        "<dl class=\"figures\" id=\"result-figures\"><dt>{}</dt><dd id=\"paid\">{}</dd><dt>{}</dt><dd id=\"error-found\">{} ({})</dd>\
         <dt>{}</dt><dd id=\"estimate\"><strong>{}</strong></dd><dt>{}</dt><dd id=\"interval\">{} – {}</dd></dl>",
        lang.say(t::POPULATION_PAID),
        kr(x.paid, lang),
        lang.say(t::ERROR_FOUND),
        kr(x.error_found, lang),
        esc(&t::found(errors, checked, lang)),
        lang.say(t::ESTIMATE),
        kr(x.estimate, lang),
        esc(&t::interval(x.confidence.pct(), lang)),
        kr(x.lower, lang),
        kr(x.upper, lang),
    );
    let _ = write!(h, "<p class=\"note\">{}</p>", lang.say(t::METHOD));
    let mut rows = String::new();
    for s in &x.strata {
        let _ = write!(
            rows,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&t::milestone(set, &s.milestone, lang)),
            s.population,
            kr(s.paid, lang),
            s.checked,
            s.errors,
            kr(s.error_found, lang),
            kr(s.estimate, lang),
        );
    }
    let _ = write!(
        rows,
        "<tr class=\"total\"><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{checked}</td><td class=\"num\">{errors}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        lang.say(t::TOTAL),
        rec.population.len(),
        kr(x.paid, lang),
        kr(x.error_found, lang),
        kr(x.estimate, lang),
    );
    let heads = [
        lang.say(t::MILESTONE),
        lang.say(t::PAYMENTS),
        lang.say(t::PAID),
        lang.say(t::CHECKED),
        lang.say(t::ERRORS),
        lang.say(t::ERROR_FOUND),
        lang.say(t::ESTIMATED),
    ];
    let _ = write!(
        h,
        "<h3>{}</h3>{}",
        lang.say(t::BY_MILESTONE),
        table("strata", lang.say(t::BY_MILESTONE), &heads, &rows)
    );
    let _ = write!(h, "<h3 id=\"clawback-heading\">{}</h3>", lang.say(t::CLAWBACK));
    if x.clawback.is_empty() {
        let _ = write!(h, "<p>{}</p>", lang.say(t::NOTHING_TO_CLAW));
        return h;
    }
    let mut rows = String::new();
    for (p, m) in &x.clawback {
        let _ = write!(
            rows,
            "<tr data-payment=\"{id}\"><th scope=\"row\">{id}</th><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            super::registers::course_link(p.course_id.as_str()),
            esc(&t::milestone(set, &p.milestone, lang)),
            kr(p.amount, lang),
            kr(*m, lang),
            id = p.payment_id,
        );
    }
    // The errors found are exactly the clawback list's amounts.
    let total = x.error_found;
    let _ = write!(
        rows,
        "<tr class=\"total\"><th scope=\"row\">{}</th><td></td><td></td><td></td><td class=\"num\">{}</td></tr>",
        lang.say(t::TOTAL),
        kr(total, lang)
    );
    let heads =
        [lang.say(t::PAYMENT), lang.say(t::COURSE), lang.say(t::MILESTONE), lang.say(t::PAID), lang.say(t::CLAW_BACK)];
    h.push_str(&table("clawback", lang.say(t::CLAWBACK), &heads, &rows));
    h
}
