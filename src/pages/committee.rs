//! The committee page: the status table in the minutes' form, the chart of
//! payments against realised savings, break-even and deadweight in a
//! sentence each, the money and the investment case, and the what-if form
//! (`what_if`). A committee member sees small cells hidden; staff see every
//! figure.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rust_decimal::Decimal;

use super::layout::errors;
use super::session::{PageDef, Visit, urlencode};
use crate::api::params::today;
use crate::money::Money;
use crate::render::Lang;
use crate::report::Portfolio;
use crate::service::Service;
use crate::service::tokens::Role;
use crate::table::{Value, esc, to_html};
use crate::wire::course_in::parse_date;
use crate::wire::report_out::ReportView;

static PAGE: PageDef = PageDef {
    path: "/committee",
    en: "Committee figures",
    da: "Udvalgets tal",
    roles: &[Role::Committee, Role::Finance, Role::Procurement],
};

fn downloads(p: &Portfolio, table: &str, lang: Lang) -> String {
    let base = format!(
        "/reports/portfolio?contract={}&amp;as_of={}&amp;format=csv&amp;table={table}",
        urlencode(&p.contract),
        p.as_of
    );
    format!(
        "<p class=\"downloads\">{}: <a href=\"{base}\">CSV</a> · <a href=\"{base}&amp;dialect=excel-da\">{}</a></p>",
        lang.pick("Download", "Hent"),
        lang.pick("CSV for Danish Excel", "CSV til dansk Excel")
    )
}

/// An explanatory note under a table.
fn note(lang: Lang, en: &'static str, da: &'static str) -> String {
    format!("<p class=\"note\">{}</p>", esc(lang.pick(en, da)))
}

fn money(m: Money, lang: Lang) -> String {
    Value::Money(m.rounded()).human(lang)
}

fn number(d: Decimal, dp: u32, lang: Lang) -> String {
    Value::Number(d, dp).human(lang)
}

/// Break-even and deadweight, a sentence each per group the reader may see.
fn sentences(view: &ReportView<'_>, lang: Lang) -> String {
    let mut out = String::new();
    for (i, g) in view.p.groups.iter().enumerate() {
        let Some(case) = &g.case else { continue };
        if view.hidden(Some(i)) {
            continue;
        }
        let starts = Decimal::from(g.realised.job_starts);
        let months_so_far = (!starts.is_zero()).then(|| g.realised.months_saved / starts);
        let label = esc(&g.label);
        let cost = money(case.supplier_cost, lang);
        let be = match case.months_to_break_even {
            Some(m) => number(m, 2, lang),
            None => lang.pick("never", "aldrig").to_string(),
        };
        let so_far = match (months_so_far, lang) {
            (Some(m), Lang::Da) => {
                format!("; borgerne i job har indtil nu i gennemsnit sparet {} måneders ydelse", number(m, 2, lang))
            }
            (Some(m), Lang::En) => {
                format!("; citizens in job have so far saved {} months of benefit on average", number(m, 2, lang))
            }
            (None, Lang::Da) => "; ingen borgere er endnu startet i job".into(),
            (None, Lang::En) => "; no citizen has started a job yet".into(),
        };
        let _ = match lang {
            Lang::Da => write!(
                out,
                "<li data-sentence=\"break-even\" data-group=\"{label}\"><strong>{label}:</strong> Leverandørens pris på {cost} pr. borger er tjent hjem efter {be} måneders beskæftigelse uden ydelse{so_far}.</li>"
            ),
            Lang::En => write!(
                out,
                "<li data-sentence=\"break-even\" data-group=\"{label}\"><strong>{label}:</strong> the supplier's price of {cost} per citizen is earned back after {be} months of work without benefit{so_far}.</li>"
            ),
        };
        let est = case.deadweight_break_even.map(|s| Value::Percent(s.percent(2), 2).human(lang));
        let real = g.realised.deadweight_break_even().map(|s| Value::Percent(s.percent(2), 2).human(lang));
        let est = est.unwrap_or_else(|| {
            lang.pick("none: the estimate never pays", "ingen: estimatet betaler sig aldrig").into()
        });
        let real = match (real, lang) {
            (Some(r), Lang::Da) => format!("med resultaterne indtil nu højst {r}"),
            (Some(r), Lang::En) => format!("on the results so far, no more than {r}"),
            (None, Lang::Da) => "der er endnu ingen realiserede besparelser at regne på".into(),
            (None, Lang::En) => "there are no realised savings to go on yet".into(),
        };
        let _ = match lang {
            Lang::Da => write!(
                out,
                "<li data-sentence=\"deadweight\" data-group=\"{label}\"><strong>{label}:</strong> Casen betaler sig, så længe højst {est} af borgerne i job ville have fundet arbejde alligevel (estimat); {real}.</li>"
            ),
            Lang::En => write!(
                out,
                "<li data-sentence=\"deadweight\" data-group=\"{label}\"><strong>{label}:</strong> the case pays as long as no more than {est} of the citizens in job would have found work anyway (estimate); {real}.</li>"
            ),
        };
    }
    if out.is_empty() {
        return String::new();
    }
    format!("<ul class=\"sentences\">{out}</ul>")
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
    let committee = v.caller.role == Role::Committee;
    let set = svc.contracts();
    let ids: Vec<String> = set.ids().map(str::to_string).collect();
    let Some(contract) = q.get("contract").filter(|c| ids.contains(c)).cloned().or_else(|| ids.first().cloned()) else {
        let body = format!(
            "<h1>{}</h1><p>{}</p>",
            l.pick("No contracts yet", "Ingen kontrakter endnu"),
            l.pick("Procurement adds contracts.", "Indkøb tilføjer kontrakter.")
        );
        return v.respond(StatusCode::OK, &body);
    };
    let mut notes = Vec::new();
    let as_of = match q.get("as_of").map(String::as_str).filter(|s| !s.is_empty()) {
        None => today(),
        Some(text) => match parse_date(text) {
            Some(d) if d <= today() => d,
            Some(d) => {
                notes.push(match l {
                    Lang::Da => format!("{d} er efter i dag; tallene er opgjort pr. i dag."),
                    Lang::En => format!("{d} is after today; the figures are as of today."),
                });
                today()
            }
            None => {
                notes.push(match l {
                    Lang::Da => format!("»{text}« er ikke en dato (ÅÅÅÅ-MM-DD); tallene er opgjort pr. i dag."),
                    Lang::En => format!("`{text}` is not a date (YYYY-MM-DD); the figures are as of today."),
                });
                today()
            }
        },
    };
    let svc2 = svc.clone();
    let c2 = contract.clone();
    let p = match tokio::task::spawn_blocking(move || svc2.portfolio(&c2, as_of)).await {
        Ok(Ok(p)) => p,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "committee page");
            let body =
                errors(l, l.pick("The figures could not be computed", "Tallene kunne ikke beregnes"), &[e.to_string()]);
            return v.respond(StatusCode::INTERNAL_SERVER_ERROR, &body);
        }
        Err(_) => return v.respond(StatusCode::INTERNAL_SERVER_ERROR, ""),
    };
    let view = ReportView::new(&p, committee);
    let da = l == Lang::Da;
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{}</h1><p class=\"lead\">{} · {} {} · {}</p>",
        esc(&p.title),
        esc(&p.contract),
        l.pick("version", "version"),
        p.version,
        match l {
            Lang::Da => format!("opgjort pr. {}", p.as_of.format("%d.%m.%Y")),
            Lang::En => format!("as of {}", p.as_of),
        }
    );
    if !notes.is_empty() {
        let _ = write!(
            b,
            "<div class=\"errors\" role=\"alert\"><ul>{}</ul></div>",
            notes.iter().map(|n| format!("<li>{}</li>", esc(n))).collect::<String>()
        );
    }
    let _ = write!(b, "<form class=\"box inline\" method=\"get\" action=\"/committee\">");
    if ids.len() > 1 {
        let _ = write!(
            b,
            "<div class=\"field\"><label for=\"contract\">{}</label><select id=\"contract\" name=\"contract\">",
            l.pick("Contract", "Kontrakt")
        );
        for id in &ids {
            let sel = if *id == contract { " selected" } else { "" };
            let _ = write!(b, "<option{sel}>{}</option>", esc(id));
        }
        b.push_str("</select></div>");
    } else {
        let _ = write!(b, "<input type=\"hidden\" name=\"contract\" value=\"{}\">", esc(&contract));
    }
    let _ = write!(
        b,
        "<div class=\"field\"><label for=\"as_of\">{}</label><input type=\"date\" id=\"as_of\" name=\"as_of\" value=\"{}\" max=\"{}\"></div><button class=\"primary\" type=\"submit\">{}</button></form>",
        l.pick("Figures as of", "Opgjort pr."),
        p.as_of,
        today(),
        l.pick("Show", "Vis")
    );
    if view.masked() {
        b.push_str(&note(l, "Aggregates only. Figures of 1 to 4 citizens show as \"< 5\", and figures from which one could be worked out as \"hidden\"; a target group with either has its derived figures hidden too.", "Kun samlede tal. Tal for 1 til 4 borgere vises som »< 5«, og tal, de kunne regnes ud fra, som »skjult«; en målgruppe med et af dem får også sine afledte tal skjult."));
    } else {
        b.push_str(&note(
            l,
            "You see every figure. A committee member sees figures of fewer than 5 citizens hidden.",
            "Du ser alle tal. Et udvalgsmedlem ser tal for færre end 5 borgere skjult.",
        ));
    }
    let _ = write!(b, "<h2>{}</h2>", l.pick("Status", "Status"));
    b.push_str(&to_html(&view.status_table(da), l));
    b.push_str(&note(l, "Success rate = ended in job / (ended in job + ended without job); interrupted and ongoing courses are left out, as in the minutes.", "Effekt = afsluttet i job / (afsluttet i job + afsluttet uden job); afbrudte og igangværende forløb tæller ikke med, som i referatet."));
    b.push_str(&downloads(&p, "status", l));

    let _ = write!(b, "<h2>{}</h2>", l.pick("Does it pay?", "Betaler det sig?"));
    if !view.hidden(None) && !p.series.is_empty() {
        let _ = write!(
            b,
            "<figure><figcaption>{}</figcaption>{}</figure>",
            l.pick(
                "Payments to the supplier against realised benefit savings, month by month",
                "Betalinger til leverandøren mod realiserede ydelsesbesparelser, måned for måned"
            ),
            super::chart::svg(&p.series, l)
        );
        b.push_str(&downloads(&p, "series", l));
    }
    b.push_str(&sentences(&view, l));
    b.push_str(&to_html(&view.case_table(da), l).replace("class=\"figures\"", "class=\"figures plain\""));
    b.push_str(&downloads(&p, "case", l));
    b.push_str(&to_html(&view.realised_table(da), l));
    b.push_str(&note(l, "Realised savings count each citizen's days in work without benefit within the estimate's months after the job start, valued at the estimate's net saving; the net result sets them against what the supplier earned. Groups without an estimate are left out of both.", "Realiserede besparelser tæller hver borgers dage i arbejde uden ydelse inden for estimatets måneder efter jobstart, værdisat til estimatets nettobesparelse; nettoresultatet stiller dem over for det, leverandøren har optjent. Målgrupper uden estimat tæller ikke med."));
    b.push_str(&downloads(&p, "realised", l));
    let _ = write!(b, "<h2>{}</h2>", l.pick("Payments", "Betalinger"));
    b.push_str(&to_html(&view.money_table(da), l));
    b.push_str(&downloads(&p, "money", l));
    let _ = write!(b, "<h2>{}</h2>", l.pick("Result indicators", "Resultatindikatorer"));
    b.push_str(&to_html(&view.indicators_table(da), l));
    b.push_str(&downloads(&p, "indicators", l));
    b.push_str(&super::what_if::section(&p, &q, committee, l));
    v.respond(StatusCode::OK, &b)
}
