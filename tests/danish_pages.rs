//! Every Danish page of the demo, for every role, reads as Danish: no
//! English engine text, no ISO date, no raw code (`job_start`,
//! `not_yet_due`), no English-formatted amount (`5000.00`, `5,000.00`).
//! The pages are fetched over real HTTP from the demo server: the sign-in
//! page, each role's pages, an invoice checked and recorded (twice), a
//! draft contract checked (valid and broken), the what-if, the typed-figure
//! check, an unknown page, a page for another role and a page error.
//! Text inside `<code>` is exempt: it is what a user types into a file
//! (CSV column names), shown as such; so is text in »…«, which quotes what
//! the user sent.

mod support;

use reqwest::redirect::Policy;
use reqwest::{Client, multipart};
use support::app::{Options, TestApp, spawn_app};

fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

fn cookie(app: &TestApp, who: &str) -> String {
    format!("nocure_token={}; nocure_lang=da", app.token(who))
}

/// The page's visible text: tags, the style sheet and `<code>` removed,
/// entities decoded.
fn visible_text(html: &str) -> String {
    let mut s = html.to_string();
    for (open, close) in [("<style>", "</style>"), ("<code>", "</code>"), ("»", "«")] {
        while let Some(a) = s.find(open) {
            let b = s[a..].find(close).map_or(s.len(), |b| a + b + close.len());
            s.replace_range(a..b, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
}

/// Words of the engine's English that never occur in Danish text.
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "of",
    "and",
    "was",
    "with",
    "not",
    "from",
    "yet",
    "after",
    "before",
    "no",
    "on",
    "achieved",
    "forfeited",
    "pending",
    "approved",
    "rejected",
    "received",
    "benefit",
    "milestone",
    "course",
    "contract",
    "eligible",
    "ongoing",
    "paid",
    "due",
    "line",
    "must",
    "expected",
    "found",
    "missing",
    "unknown",
];

/// What is wrong with a Danish page's text, one entry per finding.
fn findings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let around = |i: usize| -> String {
        let a = i.saturating_sub(40);
        let b = (i + 40).min(chars.len());
        chars[a..b].iter().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let word_char = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric() || *c == '_');
    for i in 0..chars.len() {
        // An ISO date: dddd-dd-dd.
        if (0..4).all(|k| digit(i + k))
            && chars.get(i + 4) == Some(&'-')
            && digit(i + 5)
            && digit(i + 6)
            && chars.get(i + 7) == Some(&'-')
            && digit(i + 8)
            && digit(i + 9)
            && !digit(i + 10)
            && (i == 0 || !digit(i - 1))
        {
            out.push(format!("ISO date: …{}…", around(i)));
        }
    }
    // Numbers: a run of digits, points and commas.
    let mut i = 0;
    while i < chars.len() {
        if digit(i) && (i == 0 || !digit(i - 1)) {
            let j = (i..)
                .take_while(|&k| chars.get(k).is_some_and(|c| c.is_ascii_digit() || *c == '.' || *c == ','))
                .count()
                + i;
            let token: String = chars[i..j].iter().collect();
            let token = token.trim_end_matches(['.', ',']);
            let (whole, decimals) = token.split_once(',').unwrap_or((token, ""));
            let groups: Vec<&str> = whole.split('.').collect();
            let danish_date = groups.len() == 3 && groups[0].len() <= 2 && groups[1].len() <= 2 && groups[2].len() == 4
                || groups.len() == 2 && groups[0].len() <= 2 && groups[1].len() == 4;
            let danish_thousands = groups[1..].iter().all(|g| g.len() == 3);
            if decimals.contains(['.', ',']) || decimals.len() == 3 {
                out.push(format!("English thousands comma: …{}…", around(i)));
            } else if !danish_date && !danish_thousands {
                out.push(format!("English decimal point: …{}…", around(i)));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // Words: raw codes (snake_case) and English engine words.
    let mut i = 0;
    while i < chars.len() {
        if word_char(i) && (i == 0 || !word_char(i - 1)) {
            let j = (i..).take_while(|&k| word_char(k)).count() + i;
            let word: String = chars[i..j].iter().collect();
            let trimmed = word.trim_matches('_');
            if trimmed.contains('_') {
                out.push(format!("raw code `{word}`: …{}…", around(i)));
            } else if ENGLISH.contains(&word.to_lowercase().as_str()) {
                out.push(format!("English word `{word}`: …{}…", around(i)));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn the_checker_finds_what_it_names() {
    let bad = "Nu: forfeited; benefit dagpenge received on 2025-05-12; 5000.00 kr.; 5,000.00 kr.; Rate job_start";
    let f = findings(bad);
    for want in [
        "English word `forfeited`",
        "ISO date",
        "English decimal point",
        "English thousands comma",
        "raw code `job_start`",
    ] {
        assert!(f.iter().any(|x| x.starts_with(want)), "{want} not found in {f:?}");
    }
    let good =
        "Afvist: raten er bortfaldet, fordi borgeren fik dagpenge den 12.05.2025; 5.000,00 kr.; 53,6 %; 1,96 måneder";
    assert_eq!(findings(good), Vec::<String>::new());
    assert_eq!(findings(&visible_text("<p>Kolonner: <code>supplier_cvr</code></p>")), Vec::<String>::new());
    assert_eq!(repeated_headings("<h2>Status</h2><table><caption>Status pr. 31.12.2025</caption></table>").len(), 1);
    let once =
        "<h2>Status pr. 31.12.2025</h2><table><caption class=\"visually-hidden\">Status pr. 31.12.2025</caption>";
    assert_eq!(repeated_headings(once), Vec::<String>::new());
}

/// Headings and captions shown one after another where the second starts
/// with the first ("Status" over "Status pr. 31.12.2025").
fn repeated_headings(html: &str) -> Vec<String> {
    let mut shown: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let tag: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if !["h1", "h2", "h3", "caption", "figcaption"].contains(&tag.as_str()) {
            continue;
        }
        let open_end = rest.find('>').unwrap_or(0);
        let hidden = rest[..open_end].contains("visually-hidden");
        let close = format!("</{tag}>");
        let Some(end) = rest.find(&close) else { continue };
        let text = visible_text(&format!("<x>{}", &rest[open_end + 1..end])).trim().to_string();
        if !hidden && !text.is_empty() {
            shown.push(text);
        }
    }
    shown.windows(2).filter(|w| w[1].starts_with(&w[0])).map(|w| format!("`{}` then `{}`", w[0], w[1])).collect()
}

struct Visited {
    what: String,
    status: u16,
    html: String,
}

async fn get(app: &TestApp, who: Option<&str>, path: &str) -> Visited {
    let mut r = client().get(format!("{}{path}", app.base)).header("accept", "text/html");
    r = match who {
        Some(w) => r.header("cookie", cookie(app, w)),
        None => r.header("cookie", "nocure_lang=da"),
    };
    let res = r.send().await.unwrap();
    let status = res.status().as_u16();
    let location = res.headers().get("location").map(|l| l.to_str().unwrap().to_string());
    if status == 303
        && let Some(to) = location
    {
        return Box::pin(get(app, who, &to)).await;
    }
    Visited { what: format!("{} GET {path}", who.unwrap_or("anyone")), status, html: res.text().await.unwrap() }
}

async fn post_form(app: &TestApp, who: &str, path: &str, fields: &[(&str, String)]) -> Visited {
    let mut form = multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.clone());
    }
    let res = client()
        .post(format!("{}{path}", app.base))
        .header("cookie", cookie(app, who))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    Visited { what: format!("{who} POST {path}"), status, html: res.text().await.unwrap() }
}

async fn post_urlencoded(app: &TestApp, who: &str, path: &str, fields: &[(&str, String)]) -> Visited {
    let res = client()
        .post(format!("{}{path}", app.base))
        .header("cookie", cookie(app, who))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    Visited { what: format!("{who} POST {path}"), status, html: res.text().await.unwrap() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_danish_page_of_the_demo_shows_english_iso_dates_raw_codes_or_english_amounts() {
    let app = spawn_app(Options { demo: true, options: true, ..Options::default() }).await;
    let root = support::root();
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let mut seen: Vec<Visited> = Vec::new();

    seen.push(get(&app, None, "/login").await);
    seen.push(get(&app, None, "/no-such-page").await);
    for who in ["committee", "finance", "procurement", "caseworker", "supplier"] {
        for path in [
            "/",
            "/committee",
            "/committee?as_of=2025-12-31",
            "/committee?contract=ukendt-kontrakt",
            "/committee?as_of=2025-02-30",
            "/committee?as_of=2025-12-31&wi=1&group=dagpenge",
            "/committee?as_of=2025-12-31&wi=1&group=dagpenge&referrals=100&job_start_rate=40",
            "/committee?as_of=2025-12-31&wi=1&group=dagpenge&deadweight=120",
            "/committee?as_of=2025-12-31&wi=1&group=dagpenge&until=2026-12-31",
            "/committee?contract=lejre-egen-indsats&as_of=2025-12-31",
            "/committee/compare",
            "/committee/compare?as_of=2025-12-31&target_group=ledighedsydelse",
            "/committee/compare?contracts=nope",
            "/committee/compare?target_group=unicorns",
            "/committee/compare?as_of=2025-13-01",
            "/finance",
            "/procurement",
            "/grant",
            "/grant?as_of=2025-12-31",
            "/committee/compare?as_of=2025-12-31",
            "/finance/budget",
            "/grant?grant=lejre-ungeloeftet&as_of=2026-05-31",
            "/no-such-page",
        ] {
            seen.push(get(&app, Some(who), path).await);
        }
    }
    // The typed-figure check: the minutes' figures, one flagged.
    seen.push(
        post_form(
            &app,
            "committee",
            "/committee/check?contract=lejre-jobparate&as_of=2025-12-31",
            &[("text", read("examples/minutes-2026-02-03.csv"))],
        )
        .await,
    );
    // Finance: the example invoice checked, recorded, and recorded again;
    // an invoice that cannot be read.
    let invoice = read("examples/invoice.json");
    seen.push(post_form(&app, "finance", "/finance/invoice", &[("text", invoice.clone())]).await);
    seen.push(post_form(&app, "finance", "/finance/invoice", &[("text", read("examples/invoice.csv"))]).await);
    let bad_csv =
        read("examples/invoice.csv").replacen("5.000,00", "fem tusind", 1).replace("2025-12-31", "2025-12-32");
    assert_ne!(bad_csv, read("examples/invoice.csv"));
    seen.push(post_form(&app, "finance", "/finance/invoice", &[("text", "{\"supplier_cvr\": 5}".into())]).await);
    let mut other = invoice.clone().replace("2025-12-31", "2025-12-30");
    other = other.replacen("\"line\": 2", "\"line\": 7", 1);
    let bad = post_form(&app, "finance", "/finance/invoice", &[("text", bad_csv)]).await;
    // The amount on the file's line 2 (the first after the header), named as an editor counts.
    assert!(bad.html.contains("Linje 2, <code>amount</code>: »fem tusind« er ikke et beløb"), "{}", bad.html);
    assert!(bad.html.contains("32.12.2025 findes ikke: december 2025 har 31 dage"), "{}", bad.html);
    seen.push(bad);
    let recorded = post_urlencoded(&app, "finance", "/finance/record", &[("invoice", invoice.clone())]).await;
    assert_eq!(recorded.status, 201, "{}", recorded.html);
    seen.push(recorded);
    // Recorded again: the stored result, each line from what the record keeps.
    let again = post_urlencoded(&app, "finance", "/finance/record", &[("invoice", invoice)]).await;
    assert_eq!(again.status, 200, "{}", again.html);
    assert!(again.html.contains("Raten for jobstart er allerede betalt: betaling 1 på 5.000,00 kr."), "{}", again.html);
    assert!(again.html.contains("Raten for fastholdelse i 3 måneder forfalder tidligst 06.01.2026"), "{}", again.html);
    seen.push(again);
    // The same number with other content: refused.
    let conflict = post_urlencoded(&app, "finance", "/finance/record", &[("invoice", other)]).await;
    assert_eq!(conflict.status, 409, "{}", conflict.html);
    seen.push(conflict);
    seen.push(get(&app, Some("finance"), "/finance").await);
    // A form that is not one: the reader's English reason is not shown.
    let not_a_form = post_urlencoded(&app, "finance", "/finance/invoice", &[("text", "x".into())]).await;
    assert_eq!(not_a_form.status, 400, "{}", not_a_form.html);
    assert!(
        not_a_form.html.contains("Formularen kunne ikke læses; send den igen fra siden.")
            && !not_a_form.html.contains("boundary"),
        "{}",
        not_a_form.html
    );
    seen.push(not_a_form);
    // Procurement: a valid version 3; drafts that are broken, not TOML, or mistyped.
    let v2 = read("contracts/lejre-jobparate-v2.toml");
    let v3 = v2
        .replace("version = 2", "version = 3")
        .replace("effective_from = 2025-12-03", "effective_from = 2026-06-01")
        .replace("supersedes = 1", "supersedes = 2");
    let valid = post_form(&app, "procurement", "/procurement/check", &[("text", v3)]).await;
    assert_eq!(valid.status, 200, "{}", valid.html);
    seen.push(valid);
    let broken = v2.replace("amount = \"10000.00\"", "amount = \"-1\"").replace("version = 2", "version = 1");
    seen.push(post_form(&app, "procurement", "/procurement/check", &[("text", broken)]).await);
    let not_toml = v2.replacen("title = ", "title ", 1);
    seen.push(post_form(&app, "procurement", "/procurement/check", &[("text", not_toml)]).await);
    let typos = v2.replace("effective_from = 2025-12-03", "effective_from = \"3.12.2025\"").replace("buyer", "byer");
    seen.push(post_form(&app, "procurement", "/procurement/check", &[("text", typos)]).await);

    let mut report = String::new();
    for v in &seen {
        let title = v.html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or("");
        if title.is_empty() || title == "nocure – nocure" {
            report.push_str(&format!("{} ({}): no title of its own: `{title}`\n", v.what, v.status));
        }
        if !v.html.contains("<html lang=\"da\">") {
            let start: String = v.html.chars().take(160).collect();
            report.push_str(&format!("{} ({}): not a Danish page: {start}\n", v.what, v.status));
            continue;
        }
        for d in repeated_headings(&v.html) {
            report.push_str(&format!("{} ({}): heading said twice: {d}\n", v.what, v.status));
        }
        for f in findings(&visible_text(&v.html)) {
            report.push_str(&format!("{} ({}): {f}\n", v.what, v.status));
        }
    }
    assert!(report.is_empty(), "English, ISO dates, raw codes or English amounts on Danish pages:\n{report}");
    app.stop().await;
}
