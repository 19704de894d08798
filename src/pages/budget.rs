//! The budget page (finance, procurement): what the budget must hold for a
//! contract as of a date. The forecast of supplier payments and benefit
//! savings by month, whose saving the realised savings are (the
//! municipality's and the public purse's), and the budget year against its
//! savings target. The figures and tables are `GET /reports/budget`'s.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::NaiveDate;

use super::layout::errors;
use super::session::{PageDef, Visit, urlencode};
use crate::api::params::today;
use crate::lang::Lang;
use crate::service::Service;
use crate::service::budget::default_year;
use crate::service::tokens::Role;
use crate::table::{Table, Value, esc, to_html};
use crate::wire::budget_out::{budget_table, forecast_table, rates_table, split_table};
use crate::wire::course_in::parse_date;

static PAGE: PageDef =
    PageDef { path: "/finance/budget", en: "Budget", da: "Budget", roles: &[Role::Finance, Role::Procurement] };

fn here(contract: &str, as_of: NaiveDate, year: i32) -> String {
    format!("/finance/budget?contract={}&as_of={as_of}&year={year}", urlencode(contract))
}

fn form(l: Lang, contract: &str, as_of: NaiveDate, year: i32) -> String {
    format!(
        "<form class=\"box\" method=\"get\" action=\"/finance/budget\">\
         <input type=\"hidden\" name=\"contract\" value=\"{c}\">\
         <div class=\"field\"><label for=\"as_of\">{d}</label><input type=\"date\" id=\"as_of\" name=\"as_of\" value=\"{as_of}\"></div>\
         <div class=\"field\"><label for=\"year\">{y}</label><input type=\"number\" id=\"year\" name=\"year\" min=\"2000\" max=\"2100\" value=\"{year}\"></div>\
         <button class=\"primary\" type=\"submit\">{go}</button></form>",
        c = esc(contract),
        d = l.pick("Figures as of", "Tal pr."),
        y = l.pick("Budget year", "Budgetår"),
        go = l.pick("Show", "Vis"),
    )
}

fn downloads(l: Lang, contract: &str, as_of: NaiveDate, year: i32, table: &str) -> String {
    let base = format!(
        "/reports/budget?contract={}&amp;as_of={as_of}&amp;year={year}&amp;format=csv&amp;table={table}",
        urlencode(contract)
    );
    format!(
        "<p class=\"downloads\">{}: <a href=\"{base}\">CSV</a> · <a href=\"{base}&amp;dialect=excel-da\">{}</a></p>",
        l.pick("Download", "Hent"),
        l.pick("CSV for Danish Excel", "CSV til dansk Excel")
    )
}

fn kr(m: crate::money::Money, l: Lang) -> String {
    Value::Money(m).human(l)
}

fn section(l: Lang, t: &Table, intro: &str, link: String) -> String {
    format!("<h2>{}</h2><p>{}</p>{}{link}", esc(t.title(l)), esc(intro), to_html(t, l))
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
    let heading = l.pick("The budget figures could not be made", "Budgettallene kunne ikke beregnes");
    let set = svc.contracts();
    let asked = q.get("contract").map(|c| c.trim()).filter(|c| !c.is_empty());
    let contract = match asked.map(str::to_string).or_else(|| set.ids().next().map(str::to_string)) {
        Some(c) if set.contains(&c) => c,
        Some(c) => {
            let msg = match l {
                Lang::Da => format!("Der er ingen kontrakt {c}."),
                Lang::En => format!("There is no contract {c}."),
            };
            return v.respond(StatusCode::NOT_FOUND, &errors(l, heading, &[msg]));
        }
        None => {
            let msg = l.pick("No contract is stored yet.", "Der er endnu ingen kontrakt.").to_string();
            return v.respond(StatusCode::OK, &errors(l, heading, &[msg]));
        }
    };
    let today = today();
    let mut problems = Vec::new();
    let as_of = match q.get("as_of").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => today,
        Some(text) => match parse_date(text) {
            Some(d) if d <= today => d,
            _ => {
                problems.push(match l {
                    Lang::Da => format!("»{text}« er ikke en dato til og med i dag; tallene er pr. i dag."),
                    Lang::En => format!("`{text}` is not a date up to today; the figures are as of today."),
                });
                today
            }
        },
    };
    let year = match q.get("year").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => default_year(as_of),
        Some(text) => match text.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)) {
            Some(y) => y,
            None => {
                problems.push(match l {
                    Lang::Da => format!("»{text}« er ikke et år fra 2000 til 2100; budgetåret er året efter datoen."),
                    Lang::En => {
                        format!("`{text}` is not a year from 2000 to 2100; the budget year is the one after the date.")
                    }
                });
                default_year(as_of)
            }
        },
    };
    if svc.disclosure.policy_for(v.caller.role).is_some() {
        let msg = l
            .pick(
                "You see figures with small counts suppressed; the budget figures are not. See the committee page.",
                "Du ser tal med små antal undertrykt; budgettallene er ikke undertrykt. Se udvalgssiden.",
            )
            .to_string();
        return v.respond(StatusCode::FORBIDDEN, &errors(l, heading, &[msg]));
    }
    let (svc2, c2) = (svc.clone(), contract.clone());
    let a = match tokio::task::spawn_blocking(move || svc2.budget(&c2, as_of, year)).await {
        Ok(Ok(a)) => a,
        Ok(Err(e)) => {
            tracing::error!(error = %e, "budget page");
            return v.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, heading, &[]));
        }
        Err(_) => return v.respond(StatusCode::INTERNAL_SERVER_ERROR, &errors(l, heading, &[])),
    };
    let da = l == Lang::Da;
    let date = Value::Date(as_of).human(l);
    let view = &a.view;
    let mut b = format!("<h1>{}</h1>", l.pick("What the budget must hold", "Hvad budgettet skal kunne bære"));
    if !problems.is_empty() {
        b.push_str(&errors(l, l.pick("Check the form", "Tjek formularen"), &problems));
    }
    let target = view
        .target
        .map_or_else(|| l.pick("no savings target entered", "intet sparemål indtastet").to_string(), |t| kr(t, l));
    let _ = write!(
        b,
        "<p class=\"lead\">{}</p>",
        esc(&match l {
            Lang::Da => format!(
                "{} {}: forventede betalinger til leverandøren {}, forventet ydelsesbesparelse for kommunen {}, netto {}. Sparemål: {}. Tal pr. {date}.",
                set.latest(&contract).map(|c| c.title.clone()).unwrap_or_default(),
                view.year,
                kr(view.payments(), l),
                kr(view.savings(), l),
                kr(view.net(), l),
                target
            ),
            Lang::En => format!(
                "{} {}: expected supplier payments {}, expected benefit savings for the municipality {}, net {}. Savings target: {}. Figures as of {date}.",
                set.latest(&contract).map(|c| c.title.clone()).unwrap_or_default(),
                view.year,
                kr(view.payments(), l),
                kr(view.savings(), l),
                kr(view.net(), l),
                target
            ),
        })
    );
    b.push_str(&form(l, &contract, as_of, year));
    b.push_str(&section(
        l,
        &budget_table(view, da),
        l.pick(
            "Realised: milestones achieved and savings made in the year up to the date. Expected: the forecast below for the rest of the year.",
            "Realiseret: rater opnået og besparelser i året til og med datoen. Forventet: prognosen nedenfor for resten af året.",
        ),
        downloads(l, &contract, as_of, year, "budget"),
    ));
    b.push_str(&section(
        l,
        &forecast_table(&a.forecast, da),
        l.pick(
            "Each open course's next instalments, weighted by how often courses of its target group that came as far reached them; the band is ± 2 standard deviations of those bets, not of the rates themselves. The savings count the rest of each window in work, on the reimbursement staircase.",
            "Hvert åbent forløbs næste rater, vægtet med hvor ofte forløb i samme målgruppe, der var nået lige så langt, nåede dem; båndet er ± 2 standardafvigelser på udfaldet, ikke på satserne. Besparelserne tæller resten af hver periode i arbejde, på refusionstrappen.",
        ),
        downloads(l, &contract, as_of, year, "forecast"),
    ));
    b.push_str(&section(
        l,
        &rates_table(&a.forecast, da),
        l.pick(
            "Read from the group's own courses, those still running counted for as long as they have run; shown here from the start (a job start's months kept counted from the date).",
            "Læst af målgruppens egne forløb, hvor de igangværende tæller med, så længe de har løbet; vist her fra start (en jobstarts fastholdte måneder regnet fra datoen).",
        ),
        downloads(l, &contract, as_of, year, "rates"),
    ));
    let _ = write!(
        b,
        "<p class=\"note\">{}</p>",
        esc(&match l {
            Lang::Da =>
                format!("Det højst mulige, hvis alle åbne forløb når alle rater: {}.", kr(a.forecast.most_payable, l)),
            Lang::En => format!("The most the open courses can still cost: {}.", kr(a.forecast.most_payable, l)),
        })
    );
    b.push_str(&section(
        l,
        &split_table(&a.split, da),
        l.pick(
            "The minutes' saving per citizen in job is an average. The public purse saves the benefit not paid; the municipality its share on the reimbursement staircase (20 % in weeks 1-4 on benefit, 60 % in weeks 5-26, 70 % in weeks 27-52, 80 % from week 53), the state the rest.",
            "Referatets besparelse pr. borger i job er et gennemsnit. Det offentlige sparer den ydelse, der ikke udbetales; kommunen sin andel efter refusionstrappen (20 % i uge 1-4 på ydelse, 60 % i uge 5-26, 70 % i uge 27-52, 80 % fra uge 53), staten resten.",
        ),
        downloads(l, &contract, as_of, year, "split"),
    ));
    v.respond_at(StatusCode::OK, &b, &here(&contract, as_of, year))
}
