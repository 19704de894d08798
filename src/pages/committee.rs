//! The committee page: the status table in the minutes' form, the chart of
//! payments against realised savings, break-even and deadweight in a
//! sentence each, the money and the investment case, and the what-if form.
//! A committee member sees small cells hidden; staff see every figure.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rust_decimal::Decimal;

use super::layout::{errors, page};
use super::session::{self, html, require, urlencode};
use crate::api::params::today;
use crate::money::Money;
use crate::render::Lang;
use crate::report::{GroupFigures, Portfolio};
use crate::service::Service;
use crate::service::reports::{ScenarioAnswer, scenario_on};
use crate::service::tokens::Role;
use crate::store::RepoError;
use crate::table::{Column, Table, Value, esc, to_html};
use crate::wire::course_in::parse_date;
use crate::wire::report_out::ReportView;
use crate::wire::scenario::ScenarioIn;

const ROLES: &[Role] = &[Role::Committee, Role::Finance, Role::Procurement];

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

fn field(name: &str, label: &str, value: &str, hint: Option<&str>) -> String {
    let hint_html =
        hint.map(|h| format!("<span class=\"note\" id=\"{name}-hint\">{}</span>", esc(h))).unwrap_or_default();
    let described = if hint.is_some() { format!(" aria-describedby=\"{name}-hint\"") } else { String::new() };
    format!(
        "<div class=\"field\"><label for=\"{name}\">{}</label><input type=\"text\" inputmode=\"decimal\" id=\"{name}\" name=\"{name}\" value=\"{}\"{described}>{hint_html}</div>",
        esc(label),
        esc(value)
    )
}

/// The what-if section: the form (prefilled with the realised rates where
/// the reader may see them) and, when submitted, the result.
fn what_if(p: &Portfolio, view: &ReportView<'_>, q: &HashMap<String, String>, committee: bool, lang: Lang) -> String {
    let groups: Vec<&GroupFigures> = p.groups.iter().filter(|g| g.case.is_some()).collect();
    if groups.is_empty() {
        return String::new();
    }
    let chosen = q.get("group").filter(|g| groups.iter().any(|x| x.id.as_deref() == Some(g.as_str()))).cloned();
    let group = chosen.unwrap_or_else(|| groups[0].id.clone().unwrap_or_default());
    let base =
        ScenarioIn { contract: Some(p.contract.clone()), target_group: Some(group.clone()), ..ScenarioIn::default() };
    let defaults = scenario_on(p, &base, committee).ok();
    let submitted = q.contains_key("wi");
    let given = |k: &str| q.get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let mut answer: Option<Result<ScenarioAnswer, Vec<String>>> = None;
    if submitted {
        let mut body = base.clone();
        let text = |v: String| serde_json::Value::String(v.replace(',', "."));
        body.referrals_per_year = given("referrals").map(text);
        body.job_start_rate_pct = given("job_start_rate").map(text);
        body.deadweight_pct = given("deadweight").map(text);
        body.months_saved = given("months").map(text);
        for (id, after, _) in &p.milestones {
            if *after > 0
                && let Some(v) = given(&format!("ret_{id}"))
            {
                body.retention_pct.insert(id.clone(), text(v));
            }
        }
        answer = Some(scenario_on(p, &body, committee).map_err(|e| match e {
            RepoError::Invalid(ps) => ps.iter().map(|p| format!("{}: {}", p.field, p.message)).collect(),
            other => vec![other.to_string()],
        }));
    }
    let pct = |d: Decimal| Value::Number(d * Decimal::ONE_HUNDRED, 2).plain();
    let value = |key: &str, default: Option<String>| -> String {
        if submitted { q.get(key).cloned().unwrap_or_default() } else { default.unwrap_or_default() }
    };
    let d = defaults.as_ref().map(|a| &a.input);
    let mut h = String::new();
    let _ =
        write!(h, "<h2 id=\"what-if\">{}</h2>", lang.pick("What if: an extension year", "Hvad nu hvis: et år mere"));
    let _ = write!(
        h,
        "<p class=\"lead\">{}</p>",
        lang.pick(
            "The same model as the figures above: left as they are, the fields hold the realised rates, so the result is the realised figures. Change them to see another year.",
            "Samme model som tallene ovenfor: uændrede rummer felterne de realiserede satser, så resultatet er de realiserede tal. Ret dem for at se et andet år."
        )
    );
    let hidden_note = d.is_none().then(|| {
        lang.pick(
            "The realised rates of this group are hidden (fewer than 5 citizens in a cell): enter the rates to use.",
            "Målgruppens realiserede satser er skjult (færre end 5 borgere i en celle): indtast de satser, der skal bruges.",
        )
    });
    let _ = write!(
        h,
        "<form class=\"box\" method=\"get\" action=\"/committee#what-if\"><input type=\"hidden\" name=\"wi\" value=\"1\"><input type=\"hidden\" name=\"contract\" value=\"{}\"><input type=\"hidden\" name=\"as_of\" value=\"{}\">",
        esc(&p.contract),
        p.as_of
    );
    let _ = write!(
        h,
        "<div class=\"field\"><label for=\"group\">{}</label><select id=\"group\" name=\"group\">",
        lang.pick("Target group", "Målgruppe")
    );
    for g in &groups {
        let id = g.id.clone().unwrap_or_default();
        let sel = if id == group { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{}\"{sel}>{}</option>", esc(&id), esc(&g.label));
    }
    h.push_str("</select></div>");
    if let Some(n) = hidden_note {
        let _ = write!(h, "<p class=\"note\">{}</p>", esc(n));
    }
    h.push_str(&field(
        "referrals",
        lang.pick("Referrals per year", "Henvisninger pr. år"),
        &value("referrals", d.map(|i| Value::Number(i.referrals, 0).plain())),
        None,
    ));
    h.push_str(&field(
        "job_start_rate",
        lang.pick(
            "Job start rate: share of referred who start a job (%)",
            "Jobstartrate: andel af henviste, der starter i job (%)",
        ),
        &value("job_start_rate", d.map(|i| pct(i.job_start_rate))),
        Some(lang.pick(
            "Not the minutes' success rate, which leaves out interrupted and ongoing courses.",
            "Ikke referatets effekt, som ser bort fra afbrudte og igangværende forløb.",
        )),
    ));
    for (id, after, _) in p.milestones.iter().filter(|(_, a, _)| *a > 0) {
        let label = match lang {
            Lang::Da => format!("Fastholdt {after} måneder (% af jobstarter)"),
            Lang::En => format!("Kept {after} months (% of job starts)"),
        };
        let key = format!("ret_{id}");
        let default = d.and_then(|i| i.milestones.iter().find(|m| &m.id == id)).map(|m| pct(m.rate));
        h.push_str(&field(&key, &label, &value(&key, default), None));
    }
    h.push_str(&field(
        "deadweight",
        lang.pick(
            "Deadweight: share in job who would have found work anyway (%)",
            "Dødvægt: andel i job, der ville have fundet arbejde alligevel (%)",
        ),
        &value("deadweight", Some("0".into())),
        None,
    ));
    h.push_str(&field(
        "months",
        lang.pick("Months of benefit saved per job start", "Sparede måneders ydelse pr. jobstart"),
        &value("months", d.map(|i| Value::Number(i.months_saved, 2).plain())),
        None,
    ));
    let _ = write!(h, "<button class=\"primary\" type=\"submit\">{}</button></form>", lang.pick("Calculate", "Beregn"));

    match answer {
        None => {}
        Some(Err(problems)) => h.push_str(&errors(
            lang,
            lang.pick("The what-if could not be calculated", "Beregningen kunne ikke laves"),
            &problems,
        )),
        Some(Ok(a)) => {
            let r = &a.result;
            let mut rows: Vec<Vec<Value>> =
                vec![vec![Value::Text(lang.pick("Job starts", "Jobstarter").into()), Value::Number(r.job_starts, 2)]];
            for (id, n, amount) in &r.per_milestone {
                let label = match lang {
                    Lang::Da => format!("Betaling for {id} ({} gange)", Value::Number(*n, 2).human(lang)),
                    Lang::En => format!("Paid for {id} ({} times)", Value::Number(*n, 2).human(lang)),
                };
                rows.push(vec![Value::Text(label), Value::Money(amount.rounded())]);
            }
            let row =
                |en: &'static str, da: &'static str, v: Value| vec![Value::Text(lang.pick(en, da).to_string()), v];
            rows.push(row("Expected payments", "Forventede betalinger", Value::Money(r.payments.rounded())));
            rows.push(row(
                "Benefit savings of all job starts",
                "Ydelsesbesparelse for alle jobstarter",
                Value::Money(r.gross_savings.rounded()),
            ));
            rows.push(row(
                "Savings caused by the case (after deadweight)",
                "Besparelse skabt af casen (efter dødvægt)",
                Value::Money(r.savings.rounded()),
            ));
            rows.push(row("Net result per year", "Nettoresultat pr. år", Value::Money(r.net.rounded())));
            rows.push(row(
                "Net result per referral",
                "Nettoresultat pr. henvisning",
                Value::money(r.net_per_referral.map(|m| m.rounded())),
            ));
            rows.push(row("Break-even deadweight", "Dødvægt ved break-even", Value::pct(r.break_even_deadweight, 2)));
            let t = Table {
                name: "scenario",
                title_en: format!("What-if result: {}", a.group),
                title_da: format!("Resultat: {}", a.group),
                columns: vec![Column::new("figure", "Figure", "Tal"), Column::new("value", "Value", "Værdi")],
                rows,
            };
            h.push_str("<div role=\"status\">");
            h.push_str(&to_html(&t, lang).replace("class=\"figures\"", "class=\"figures plain\""));
            h.push_str("</div>");
        }
    }
    let _ = view;
    h
}

pub async fn page_get(
    State(svc): State<Arc<Service>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let lang = session::lang(&headers, q.get("lang").map(String::as_str));
    let caller = match require(&svc, &headers, lang, "/committee", ROLES) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let l = lang.0;
    let committee = caller.role == Role::Committee;
    let set = svc.contracts();
    let ids: Vec<String> = set.ids().map(str::to_string).collect();
    let Some(contract) = q.get("contract").filter(|c| ids.contains(c)).cloned().or_else(|| ids.first().cloned()) else {
        let body = format!(
            "<h1>{}</h1><p>{}</p>",
            l.pick("No contracts yet", "Ingen kontrakter endnu"),
            l.pick("Procurement adds contracts.", "Indkøb tilføjer kontrakter.")
        );
        return html(StatusCode::OK, lang, page(l, l.pick("Committee", "Udvalg"), Some(&caller), "/committee", &body));
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
            return html(
                StatusCode::INTERNAL_SERVER_ERROR,
                lang,
                page(l, l.pick("Committee", "Udvalg"), Some(&caller), "/committee", &body),
            );
        }
        Err(_) => return html(StatusCode::INTERNAL_SERVER_ERROR, lang, String::new()),
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
        let _ = write!(
            b,
            "<p class=\"note\">{}</p>",
            l.pick(
                "Aggregates only. Figures of 1 to 4 citizens show as \"< 5\", and figures from which one could be worked out as \"hidden\"; a target group with either has its derived figures hidden too.",
                "Kun samlede tal. Tal for 1 til 4 borgere vises som »< 5«, og tal, de kunne regnes ud fra, som »skjult«; en målgruppe med et af dem får også sine afledte tal skjult."
            )
        );
    } else {
        let _ = write!(
            b,
            "<p class=\"note\">{}</p>",
            l.pick(
                "You see every figure. A committee member sees figures of fewer than 5 citizens hidden.",
                "Du ser alle tal. Et udvalgsmedlem ser tal for færre end 5 borgere skjult."
            )
        );
    }
    let _ = write!(b, "<h2>{}</h2>", l.pick("Status", "Status"));
    b.push_str(&to_html(&view.status_table(da), l));
    let _ = write!(
        b,
        "<p class=\"note\">{}</p>",
        l.pick(
            "Success rate = ended in job / (ended in job + ended without job); interrupted and ongoing courses are left out, as in the minutes.",
            "Effekt = afsluttet i job / (afsluttet i job + afsluttet uden job); afbrudte og igangværende forløb tæller ikke med, som i referatet."
        )
    );
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
    let _ = write!(
        b,
        "<p class=\"note\">{}</p>",
        l.pick(
            "Realised savings count each citizen's days in work without benefit within the estimate's months after the job start, valued at the estimate's net saving; the net result sets them against what the supplier earned. Groups without an estimate are left out of both.",
            "Realiserede besparelser tæller hver borgers dage i arbejde uden ydelse inden for estimatets måneder efter jobstart, værdisat til estimatets nettobesparelse; nettoresultatet stiller dem over for det, leverandøren har optjent. Målgrupper uden estimat tæller ikke med."
        )
    );
    b.push_str(&downloads(&p, "realised", l));
    let _ = write!(b, "<h2>{}</h2>", l.pick("Payments", "Betalinger"));
    b.push_str(&to_html(&view.money_table(da), l));
    b.push_str(&downloads(&p, "money", l));
    let _ = write!(b, "<h2>{}</h2>", l.pick("Result indicators", "Resultatindikatorer"));
    b.push_str(&to_html(&view.indicators_table(da), l));
    b.push_str(&downloads(&p, "indicators", l));
    b.push_str(&what_if(&p, &view, &q, committee, l));
    html(StatusCode::OK, lang, page(l, l.pick("Committee figures", "Udvalgets tal"), Some(&caller), "/committee", &b))
}
