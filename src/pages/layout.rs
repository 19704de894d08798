//! The frame every page shares: language, navigation by role, sign-out,
//! and a style sheet that also prints well (no navigation or forms on
//! paper, tables with rules, the chart in black and white).

use crate::render::Lang;
use crate::service::tokens::{Caller, Role};
use crate::table::esc;

use super::session::lang_code;

const STYLE: &str = r#"
:root { --ink:#1b1f24; --muted:#4a5561; --line:#c9d1d9; --accent:#0b5cad; --bad:#a4161a; --good:#1b6e3a; --mark:#fff3bf; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
header { background: #102a43; color: #fff; padding: 8px 24px; display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
header a, header button.link { color: #fff; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding: 0; }
header .who { margin-left: auto; display: flex; gap: 12px; align-items: center; }
header form { display: inline; }
button.link { background: none; border: 0; padding: 0; font: inherit; text-decoration: underline; cursor: pointer; }
main { padding: 16px 24px 48px; max-width: 1280px; }
h1 { font-size: 1.6rem; margin: 8px 0 4px; } h2 { font-size: 1.25rem; margin-top: 32px; border-bottom: 1px solid var(--line); }
.lead { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; margin: 8px 0 4px; }
.scroll { overflow-x: auto; max-width: 100%; position: relative; } svg { max-width: 100%; height: auto; }
select, input, textarea { max-width: 100%; } .inline > .field { min-width: 0; max-width: 100%; }
@media (max-width: 600px) { main { padding: 12px 12px 32px; } header { padding: 8px 12px; gap: 12px; } .field input[type=text], .field input[type=number], .field input[type=date], .field select { min-width: 0; max-width: 100%; } }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-size: .9rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:last-child th, tbody tr:last-child td, tr.total th, tr.total td { font-weight: 600; }
table.plain tbody th, table.plain tbody tr:last-child td, tr.apart th, tr.apart td { font-weight: normal; }
tr.apart th, tr.apart td { font-style: italic; } tr.total th, tr.total td { border-bottom: 2px solid var(--ink); }
.footnote { font-size: .85rem; color: var(--muted); margin-top: 0; }
.note { color: var(--muted); font-size: .9rem; }
.downloads { font-size: .9rem; }
.sentences li { margin: 6px 0; } td > ul.sentences { margin: 0; padding-left: 1.2em; } td > ul.sentences li:first-child { margin-top: 0; }
form.box { border: 1px solid var(--line); padding: 12px 16px; margin: 12px 0; max-width: 720px; }
.field { margin: 8px 0; } .field label { display: block; font-weight: 600; }
.field input[type=text], .field input[type=number], .field input[type=date], .field select, .field textarea { font: inherit; padding: 4px 6px; min-width: 16rem; }
.field textarea { width: 100%; min-height: 8rem; font-family: ui-monospace, monospace; font-size: .85rem; }
.inline { display: flex; gap: 16px; flex-wrap: wrap; align-items: flex-end; }
button.primary { background: var(--accent); color: #fff; border: 0; padding: 8px 16px; font: inherit; cursor: pointer; }
.errors { border-left: 4px solid var(--bad); padding: 4px 12px; background: #fdecea; }
.ok { border-left: 4px solid var(--good); padding: 4px 12px; background: #e8f5e9; }
.rejected { color: var(--bad); font-weight: 600; } .approved { color: var(--good); font-weight: 600; }
mark { background: var(--mark); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
figure { margin: 16px 0; } figcaption { font-weight: 600; }
dl.figures { display: grid; grid-template-columns: minmax(0, max-content) minmax(0, auto); gap: 2px 16px; } dl.figures dt { font-weight: 600; } dl.figures dd { margin: 0; }
@media (max-width: 600px) { dl.figures { grid-template-columns: minmax(0, 1fr); } dl.figures dd { margin-bottom: 6px; } }
details summary { cursor: pointer; color: var(--accent); }
@media print {
  header, form, .downloads, .skip, details summary { display: none !important; }
  details { display: block; } details > * { display: block; }
  main { padding: 0; max-width: none; } .scroll { overflow: visible; }
  body { font-size: 11pt; }
  a { color: var(--ink); text-decoration: none; }
  h2 { page-break-after: avoid; } table, figure { page-break-inside: avoid; }
}
"#;

struct NavItem {
    path: &'static str,
    en: &'static str,
    da: &'static str,
    roles: &'static [Role],
}

const NAV: &[NavItem] = &[
    NavItem {
        path: "/committee",
        en: "Committee",
        da: "Udvalg",
        roles: &[Role::Committee, Role::Finance, Role::Procurement],
    },
    NavItem { path: "/grant", en: "Grant", da: "Puljemidler", roles: &[Role::Committee, Role::Finance] },
    NavItem {
        path: "/committee/compare",
        en: "Compare options",
        da: "Sammenlign muligheder",
        roles: &[Role::Committee, Role::Finance, Role::Procurement],
    },
    NavItem { path: "/finance", en: "Finance", da: "Økonomi", roles: &[Role::Finance] },
    NavItem { path: "/finance/registers", en: "Registers", da: "Registre", roles: &[Role::Finance] },
    NavItem { path: "/finance/samples", en: "Audit samples", da: "Stikprøver", roles: &[Role::Finance] },
    NavItem { path: "/finance/budget", en: "Budget", da: "Budget", roles: &[Role::Finance, Role::Procurement] },
    NavItem { path: "/procurement", en: "Procurement", da: "Indkøb", roles: &[Role::Procurement] },
];

/// A whole page. `path` is where the language switch points back to; it
/// may carry the page's query (`/committee?contract=…&as_of=…`, encoded),
/// which the switch keeps.
pub fn page(lang: Lang, title: &str, caller: Option<&Caller>, path: &str, body: &str) -> String {
    let (bare, query) = path.split_once('?').unwrap_or((path, ""));
    let switch = |other: &str| {
        if query.is_empty() { format!("{bare}?lang={other}") } else { format!("{bare}?{query}&lang={other}") }
    };
    let mut nav = String::new();
    if let Some(c) = caller {
        nav.push_str(&format!("<nav aria-label=\"{}\"><ul>", lang.pick("Pages", "Sider")));
        for item in NAV.iter().filter(|i| i.roles.contains(&c.role)) {
            let current = if bare == item.path { " aria-current=\"page\"" } else { "" };
            nav.push_str(&format!("<li><a href=\"{}\"{current}>{}</a></li>", item.path, lang.pick(item.en, item.da)));
        }
        nav.push_str("</ul></nav>");
    }
    let (other, other_label) = match lang {
        Lang::Da => ("en", "English"),
        Lang::En => ("da", "Dansk"),
    };
    let who = match caller {
        Some(c) => format!(
            "<span>{} ({})</span><form method=\"post\" action=\"/logout\"><button class=\"link\" type=\"submit\">{}</button></form>",
            esc(&c.name),
            esc(role_label(c.role, lang)),
            lang.pick("Sign out", "Log ud")
        ),
        None => String::new(),
    };
    format!(
        "<!doctype html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – nocure</title><style>{STYLE}</style></head><body>\
         <a class=\"skip\" href=\"#main\">{skip}</a>\
         <header><strong>nocure</strong>{nav}<div class=\"who\"><a href=\"{href}\" lang=\"{other}\">{other_label}</a>{who}</div></header>\
         <main id=\"main\">{body}</main></body></html>",
        code = lang_code(lang),
        title = esc(title),
        skip = lang.pick("Skip to content", "Spring til indholdet"),
        href = esc(&switch(other)),
    )
}

pub fn role_label(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Procurement => lang.pick("procurement", "indkøb"),
        Role::Caseworker => lang.pick("caseworker", "sagsbehandler"),
        Role::Finance => lang.pick("finance", "økonomi"),
        Role::Committee => lang.pick("committee", "udvalg"),
        Role::Supplier => lang.pick("supplier", "leverandør"),
    }
}

/// A list of problems, announced to screen readers.
pub fn errors(lang: Lang, heading: &str, items: &[String]) -> String {
    errors_with(lang, heading, items, esc)
}

/// The same, with names in backticks (`effective_from`, as a file writes
/// them) shown as code.
pub fn errors_coded(lang: Lang, heading: &str, items: &[String]) -> String {
    errors_with(lang, heading, items, code_spans)
}

/// Escapes `text` and shows each `name` in backticks as `<code>name</code>`.
pub fn code_spans(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 && text.matches('`').count().is_multiple_of(2) {
            out.push_str(&format!("<code>{}</code>", esc(part)));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

fn errors_with(lang: Lang, heading: &str, items: &[String], show: impl Fn(&str) -> String) -> String {
    let mut h = format!("<div class=\"errors\" role=\"alert\"><p><strong>{}</strong></p><ul>", esc(heading));
    for i in items {
        // A message may repeat what was sent; never a CPR number.
        h.push_str(&format!("<li>{}</li>", show(&crate::cpr::redact_cpr(i))));
    }
    h.push_str("</ul>");
    h.push_str(&format!("<p class=\"note\">{}</p></div>", lang.pick("Nothing was stored.", "Intet er gemt.")));
    h
}

/// A section's heading over its table. When the table's caption repeats
/// the heading ("Status" over "Status pr. 31.12.2025"), the caption is the
/// heading and stays in the table for screen readers only, so the page
/// does not say it twice.
pub fn heading_over(heading: &str, caption: &str, table_html: &str) -> String {
    if caption.starts_with(heading) {
        format!(
            "<h2>{}</h2>{}",
            esc(caption),
            table_html.replacen("<caption>", "<caption class=\"visually-hidden\">", 1)
        )
    } else {
        format!("<h2>{}</h2>{table_html}", esc(heading))
    }
}
