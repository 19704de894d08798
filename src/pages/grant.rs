//! The grant page (`/grant?grant=…&as_of=…`), for committee members and
//! finance: the monthly share as a chart with the band edges, the band
//! reached, tranche 2 secured and at stake, how many more participants the
//! month needs, the money (tranches expected and received, the budget by
//! year against the grant, co-financing), the minutes' table of payment
//! scenarios computed from the grant file, and the warnings of `check`.
//! The figures are the API's (`GET /grants/{id}/report`); nothing is
//! computed here.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::session::{PageDef, Visit, urlencode};
use crate::api::params::today;
use crate::grant::Grant;
use crate::grant::report::GrantReport;
use crate::lang::Lang;
use crate::service::Service;
use crate::service::tokens::Role;
use crate::table::{Column, Table, Value, esc, to_html};
use crate::wire::course_in::parse_date;
use crate::wire::grant_out::{band_text, months_table_for_people, summary};

pub static PAGE: PageDef =
    PageDef { path: "/grant", en: "Grant", da: "Puljemidler", roles: &[Role::Committee, Role::Finance] };

/// The minutes' table: per band, tranche 1, tranche 2 and what is not paid.
fn scenarios(g: &Grant) -> Table {
    Table {
        name: "scenarios",
        title_en: "Payment by band (computed from the grant file)".into(),
        title_da: "Udbetaling pr. interval (beregnet fra tilsagnsfilen)".into(),
        columns: vec![
            Column::new("band", "Share in work or education", "Andel i beskæftigelse eller uddannelse"),
            Column::new("tranche1", "Tranche 1", "Rate 1"),
            Column::new("tranche2", "Tranche 2", "Rate 2"),
            Column::new("not_paid", "Not paid", "Puljemidler der ikke udbetales"),
        ],
        rows: g
            .scenarios()
            .iter()
            .map(|s| {
                vec![
                    Value::Text(band_text(&g.bands[s.band])),
                    Value::Money(s.tranche1),
                    Value::Money(s.tranche2),
                    Value::Money(s.not_paid),
                ]
            })
            .collect(),
        total: None,
    }
}

fn body(
    g: &Grant,
    r: &GrantReport,
    lang: Lang,
    threshold: Option<u64>,
    problems: &[String],
    ids: &[(String, String)],
) -> String {
    let t = |en: &'static str, da: &'static str| lang.pick(en, da);
    let date = |d: chrono::NaiveDate| if lang == Lang::Da { d.format("%d.%m.%Y").to_string() } else { d.to_string() };
    let money = |m: crate::money::Money| Value::Money(m).human(lang);
    let mut b = String::new();
    let _ = write!(
        b,
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        esc(&g.title),
        esc(&match lang {
            Lang::En => format!(
                "{} from {}, grant letter of {}, for {}: {} for the period {} to {}. Figures as of {}.",
                g.title,
                g.grantor,
                date(g.letter_date),
                g.buyer,
                money(g.amount),
                date(g.period.from),
                date(g.period.until),
                date(r.as_of)
            ),
            Lang::Da => format!(
                "{} fra {}, tilsagn af {}, til {}: {} i perioden {} til {}. Tal pr. {}.",
                g.title,
                g.grantor,
                date(g.letter_date),
                g.buyer,
                money(g.amount),
                date(g.period.from),
                date(g.period.until),
                date(r.as_of)
            ),
        })
    );
    if !problems.is_empty() {
        let items: String = problems.iter().map(|n| format!("<li>{}</li>", esc(n))).collect();
        let _ = write!(b, "<div class=\"errors\" role=\"alert\"><ul>{items}</ul></div>");
    }
    b.push_str("<form class=\"box inline\" method=\"get\" action=\"/grant\">");
    if ids.len() > 1 {
        let _ = write!(
            b,
            "<div class=\"field\"><label for=\"grant\">{}</label><select id=\"grant\" name=\"grant\">",
            t("Grant", "Tilsagn")
        );
        for (id, title) in ids {
            let sel = if id == g.id.as_str() { " selected" } else { "" };
            let _ = write!(b, "<option value=\"{}\"{sel}>{}</option>", esc(id), esc(title));
        }
        b.push_str("</select></div>");
    } else {
        let _ = write!(b, "<input type=\"hidden\" name=\"grant\" value=\"{}\">", esc(g.id.as_str()));
    }
    let _ = write!(
        b,
        "<div class=\"field\"><label for=\"as_of\">{}</label><input type=\"date\" id=\"as_of\" name=\"as_of\" value=\"{}\" max=\"{}\"></div><button class=\"primary\" type=\"submit\">{}</button></form>",
        t("As of", "Opgjort pr."),
        r.as_of,
        today(),
        t("Show", "Vis")
    );
    if !r.warnings.is_empty() {
        let items: String = r
            .warnings
            .iter()
            .map(|w| {
                format!(
                    "<li data-warning=\"{}\">{}</li>",
                    w.field(),
                    esc(&if lang == Lang::Da { w.danish() } else { w.english() })
                )
            })
            .collect();
        let _ = write!(
            b,
            "<div class=\"errors\" id=\"warnings\"><p>{}</p><ul>{items}</ul></div>",
            t("The grant file's check warns:", "Kontrollen af tilsagnsfilen advarer:")
        );
    }
    let _ = write!(
        b,
        "<h2>{}</h2><dl class=\"figures\" id=\"standing\">",
        t("Where the grant stands", "Status for tilsagnet")
    );
    let keys = ["best_month", "band_reached", "tranche1", "tranche2_secured", "at_stake"];
    for (i, (label, value)) in summary(g, r, lang).into_iter().enumerate() {
        let key = match (i, r.next.is_some()) {
            (0..=4, _) => keys[i],
            (5, true) => "next_band",
            _ => "money",
        };
        let _ = write!(b, "<dt>{}</dt><dd data-figure=\"{key}\">{}</dd>", esc(&label), esc(&value));
    }
    b.push_str("</dl>");
    let _ = write!(
        b,
        "<p class=\"note\">{}</p>",
        esc(lang.pick(
            "Tranche 2 is secured by a complete month only; the month still running is shown as far as it has come (an open square in the chart). The bands are half-open: 54.9 % is below 55 %.",
            "Rate 2 sikres kun af en afsluttet måned; den igangværende måned vises, så langt den er nået (en åben firkant i grafen). Intervallerne er halvåbne: 54,9 % er under 55 %."
        ))
    );

    let policy = threshold.map(|t| crate::report::disclosure::Policy { threshold: t, published: vec![] });
    let table = months_table_for_people(g, r, policy.as_ref(), lang);
    let hidden: Vec<bool> = table.rows.iter().map(|row| row[5] == Value::Withheld).collect();
    let _ = write!(
        b,
        "<h2>{}</h2><figure><figcaption>{}</figcaption>{}</figure>",
        t("Share in work or education by month", "Andel i beskæftigelse eller uddannelse pr. måned"),
        t(
            "The share by month; dashed lines at the band edges",
            "Andelen pr. måned; stiplede linjer ved intervallernes grænser"
        ),
        super::grant_chart::svg(g, r, lang, &hidden)
    );
    // No total row: the last month is not bold.
    b.push_str(&to_html(&table, lang).replace("class=\"figures\"", "class=\"figures plain\""));
    if let Some(th) = threshold {
        let _ = write!(
            b,
            "<p class=\"footnote\">{}</p>",
            esc(&match lang {
                Lang::En => format!(
                    "Counts under {th} in work or in education are shown as < {th}; a month with fewer than {th} participants shows no count and no share (–*)."
                ),
                Lang::Da => format!(
                    "Antal under {th} i beskæftigelse eller uddannelse vises som < {th}; en måned med færre end {th} deltagere viser hverken antal eller andel (–*)."
                ),
            })
        );
    }
    let base = format!("/grants/{}/report?as_of={}&amp;format=csv", urlencode(g.id.as_str()), r.as_of);
    let _ = write!(
        b,
        "<p class=\"downloads\">{}: <a href=\"{base}\">CSV</a> · <a href=\"{base}&amp;dialect=excel-da\">{}</a></p>",
        t("Download", "Hent"),
        t("CSV for Danish Excel", "CSV til dansk Excel")
    );
    let _ = write!(b, "<h2>{}</h2>", t("Tranches", "Rater"));
    b.push_str(&to_html(&scenarios(g), lang).replace("class=\"figures\"", "class=\"figures plain\""));
    b
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
    let lang = v.l();
    let set = svc.contracts();
    let ids: Vec<(String, String)> = set.grants.latest_each().map(|g| (g.id.to_string(), g.title.clone())).collect();
    let asked = q.get("grant").map(|s| s.trim()).filter(|s| !s.is_empty());
    let id = match asked {
        Some(a) if ids.iter().any(|(i, _)| i == a) => a.to_string(),
        Some(_) => {
            let msg = lang.pick("No such grant.", "Intet sådant tilsagn.");
            return v.respond(StatusCode::NOT_FOUND, &format!("<h1>{}</h1>", esc(msg)));
        }
        None => match ids.first() {
            Some((i, _)) => i.clone(),
            None => {
                let msg = lang.pick("No grant files are loaded.", "Der er ikke indlæst nogen tilsagnsfiler.");
                return v.respond(StatusCode::OK, &format!("<h1>{}</h1>", esc(msg)));
            }
        },
    };
    let today = today();
    let mut problems = Vec::new();
    let as_of = match q.get("as_of").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => today,
        Some(s) => match parse_date(s) {
            Some(d) if d <= today => d,
            Some(d) => {
                problems.push(match lang {
                    Lang::En => format!("{d} is after today; the figures are as of today."),
                    Lang::Da => format!("{} er efter i dag; tallene er pr. i dag.", d.format("%d.%m.%Y")),
                });
                today
            }
            None => {
                problems.push(match lang {
                    Lang::En => format!("`{s}` is not a date (YYYY-MM-DD); the figures are as of today."),
                    Lang::Da => format!("`{s}` er ikke en dato (ÅÅÅÅ-MM-DD); tallene er pr. i dag."),
                });
                today
            }
        },
    };
    let (svc2, id2) = (svc.clone(), id.clone());
    let found = match tokio::task::spawn_blocking(move || svc2.grant_report(&id2, as_of)).await {
        Ok(Ok(Some(found))) => found,
        Ok(Ok(None)) => return v.respond(StatusCode::NOT_FOUND, ""),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "grant page");
            return v.respond(StatusCode::INTERNAL_SERVER_ERROR, "");
        }
        Err(_) => return v.respond(StatusCode::INTERNAL_SERVER_ERROR, ""),
    };
    let (g, r) = found;
    let threshold = svc.disclosure.policy_for(v.caller.role).map(|p| p.threshold).filter(|t| *t > 1);
    let html = body(&g, &r, lang, threshold, &problems, &ids);
    v.respond_at(StatusCode::OK, &html, &format!("/grant?grant={}&as_of={as_of}", urlencode(&id)))
}
