//! Grant files on the procurement page: each grant with its terms, the
//! choices its file marks `# CHOSEN:` (in Danish where it gives `# VALGT:`)
//! and the warnings of `check`; and the draft check for a grant file.

use std::fmt::Write as _;

use crate::contract::ContractSet;
use crate::contract::chosen::chosen_notes;
use crate::grant::Grant;
use crate::grant::set::warnings;
use crate::lang::Lang;
use crate::service::Service;
use crate::store::records::ContractRecord;
use crate::store::{Read, keys};
use crate::table::{Value, esc};
use crate::wire::grant_file::parse_grant;
use crate::wire::grant_out::band_text;

/// What a note in a grant file is about, in words.
fn subject(field: &str, lang: Lang) -> &'static str {
    let (en, da) = match field.split('.').next().unwrap_or(field) {
        "co_financing" | "co_financing_also_stated" => ("Co-financing", "Medfinansiering"),
        "period" => ("Project period", "Projektperiode"),
        "tranche2" => ("Result bands of tranche 2", "Resultatintervaller for rate 2"),
        "month_rule" => match field {
            "month_rule.measurement" => ("The month measured", "Den målte måned"),
            "month_rule.min_days" => ("Who counts in a month", "Hvem der tæller i en måned"),
            "month_rule.min_hours_per_week" => ("What counts as work", "Hvad der tæller som beskæftigelse"),
            _ => ("The month rule", "Månedsreglen"),
        },
        _ => ("The grant", "Tilsagnet"),
    };
    lang.pick(en, da)
}

fn terms(g: &Grant, lang: Lang) -> String {
    let money = |m| Value::Money(m).human(lang);
    let bands: Vec<String> =
        (0..g.bands.len()).map(|i| format!("{} → {}", band_text(&g.bands[i]), money(g.tranche2(i)))).collect();
    let date = |d: chrono::NaiveDate| if lang == Lang::Da { d.format("%d.%m.%Y").to_string() } else { d.to_string() };
    match lang {
        Lang::En => format!(
            "Version {}: {} from {} (grant letter {}), {} to {}; tranche 1 {}; tranche 2 by band: {}.",
            g.version,
            money(g.amount),
            g.grantor,
            date(g.letter_date),
            date(g.period.from),
            date(g.period.until),
            money(g.tranche1()),
            bands.join("; ")
        ),
        Lang::Da => format!(
            "Version {}: {} fra {} (tilsagn {}), {} til {}; rate 1 {}; rate 2 pr. interval: {}.",
            g.version,
            money(g.amount),
            g.grantor,
            date(g.letter_date),
            date(g.period.from),
            date(g.period.until),
            money(g.tranche1()),
            bands.join("; ")
        ),
    }
}

/// Every grant's latest version with its choices and warnings.
pub fn section(svc: &Service, lang: Lang) -> String {
    let set = svc.contracts();
    let mut b = String::new();
    for g in set.grants.latest_each() {
        let _ = write!(
            b,
            "<h2>{} <span class=\"note\">({})</span></h2><p>{}</p>",
            esc(g.id.as_str()),
            lang.pick("grant pool", "puljemidler"),
            esc(&terms(g, lang))
        );
        let ws = warnings(g);
        if !ws.is_empty() {
            let items: String = ws
                .iter()
                .map(|w| format!("<li>{}</li>", esc(&if lang == Lang::Da { w.danish() } else { w.english() })))
                .collect();
            let _ = write!(
                b,
                "<div class=\"errors\"><p>{}</p><ul>{items}</ul></div>",
                lang.pick("Check warns:", "Kontrollen advarer:")
            );
        }
        let rec: Option<ContractRecord> = svc.repo.get(&keys::grant(g.id.as_str(), g.version)).ok().flatten();
        let notes = rec.map(|r| chosen_notes(&r.source)).unwrap_or_default();
        if notes.is_empty() {
            continue;
        }
        let _ = write!(
            b,
            "<h3>{}</h3><ul class=\"chosen\">",
            lang.pick("Choices made where the minutes are silent", "Valg truffet, hvor referatet er tavst")
        );
        for n in notes {
            let text = match lang {
                Lang::Da => n.da.unwrap_or(n.en),
                Lang::En => n.en,
            };
            let _ = write!(b, "<li><strong>{}:</strong> {}</li>", esc(subject(&n.field, lang)), esc(&text));
        }
        b.push_str("</ul>");
    }
    b
}

/// Checks a grant draft: `Ok` with the page's text when it is valid, `Err`
/// with every problem.
pub fn check_draft(text: &str, name: &str, set: &ContractSet, lang: Lang) -> Result<String, Vec<String>> {
    let parsed =
        parse_grant(text).map_err(|ps| ps.into_iter().map(|p| p.in_file(name).to_string()).collect::<Vec<_>>())?;
    let g = &parsed.grant;
    if let Some(existing) = set.grants.get(g.id.as_str(), g.version)
        && existing.as_ref() != g
    {
        return Err(vec![match lang {
            Lang::Da => format!(
                "{name}: version {} af {} findes allerede med andet indhold; en ændring er en ny version",
                g.version, g.id
            ),
            Lang::En => format!(
                "{name}: version {} of {} is already stored with other content; a change is a new version",
                g.version, g.id
            ),
        }]);
    }
    let mut b = format!(
        "<div class=\"ok\" role=\"status\"><p>{}</p></div><p>{}</p>",
        esc(&match lang {
            Lang::Da =>
                format!("{name} er en gyldig tilsagnsfil: version {} af {}. Den er ikke gemt.", g.version, g.id),
            Lang::En => format!("{name} is a valid grant file: version {} of {}. It is not stored.", g.version, g.id),
        }),
        esc(&terms(g, lang))
    );
    if !parsed.warnings.is_empty() {
        let items: String = parsed
            .warnings
            .iter()
            .map(|w| format!("<li>{}</li>", esc(&if lang == Lang::Da { w.danish() } else { w.english() })))
            .collect();
        let _ = write!(
            b,
            "<div class=\"errors\"><p>{}</p><ul>{items}</ul></div>",
            lang.pick("Check warns:", "Kontrollen advarer:")
        );
    }
    Ok(b)
}
