//! Every Danish page of the demo, for every role, reads as Danish: no
//! English engine text, no ISO date, no raw code (`job_start`,
//! `not_yet_due`), no English-formatted amount (`5000.00`, `5,000.00`).
//! The pages are fetched over real HTTP from the demo server: the sign-in
//! page, each role's pages, an invoice checked and recorded (twice), a
//! draft contract checked (valid and broken), the what-if, the typed-figure
//! check, an unknown page, a page for another role and a page error; and
//! the register evidence and audit sample pages with the API's figures.
//! Text inside `<code>` is exempt: it is what a user types into a file
//! (CSV column names), shown as such; so is text in »…«, which quotes what
//! the user sent.

mod support;

use reqwest::redirect::Policy;
use reqwest::{Client, multipart};
use support::app::{Options, TestApp, spawn_app};
use support::danish::{findings, repeated_headings, visible_text};

fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

fn cookie(app: &TestApp, who: &str) -> String {
    format!("nocure_token={}; nocure_lang=da", app.token(who))
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

/// What is wrong with the Danish pages seen, one line per finding.
fn report(seen: &[Visited]) -> String {
    let mut report = String::new();
    for v in seen {
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
    report
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
            "/finance/registers",
            "/finance/registers?course=c-001",
            "/finance/samples",
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

    let report = report(&seen);
    assert!(report.is_empty(), "English, ISO dates, raw codes or English amounts on Danish pages:\n{report}");
    app.stop().await;
}

/// An amount as the API gives it (`147500.00`) in Danish: `147.500,00 kr.`.
fn da_kr(plain: &str) -> String {
    let (whole, cents) = plain.split_once('.').unwrap();
    let digits: Vec<char> = whole.chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(*c);
    }
    format!("{grouped},{cents} kr.")
}

/// An ISO date from the API (`2025-03-17`) as a Danish page writes it.
fn da_date(iso: &str) -> String {
    let p: Vec<&str> = iso.split('-').collect();
    format!("{}.{}.{}", p[2], p[1], p[0])
}

/// The register evidence page and the audit sample pages of the demo, in
/// Danish, with the API's figures: the courses the registers contradict,
/// an extract with bad rows named by line and field, a sample drawn,
/// checked and extrapolated.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_register_and_sample_pages_read_as_danish_and_show_the_apis_figures() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let mut seen: Vec<Visited> = Vec::new();

    // The courses whose register check has differences, asked of the API one by one.
    let (_, courses) = app.get("/courses?limit=500", Some("finance")).await;
    let mut differing = Vec::new();
    for c in courses["courses"].as_array().unwrap() {
        let id = c["course_id"].as_str().unwrap();
        let (s, rc) = app.get(&format!("/courses/{id}/registers"), Some("finance")).await;
        if s == 200 && !rc["differences"].as_array().unwrap().is_empty() {
            differing.push(id.to_string());
        }
    }
    // The demo contradicts c-001, c-004 and c-009 (its module says which).
    for id in ["c-001", "c-004", "c-009"] {
        assert!(differing.contains(&id.to_string()), "{id} not in {differing:?}");
    }
    let overview = get(&app, Some("finance"), "/finance/registers").await;
    assert_eq!(overview.status, 200);
    let listed: Vec<String> =
        overview.html.split("data-course=\"").skip(1).map(|r| r.split('"').next().unwrap().to_string()).collect();
    assert_eq!(listed, differing, "the page lists exactly the courses the API finds differences for");
    assert!(overview.html.contains(&format!("{} forløb afviger", differing.len())), "{}", overview.html);
    // c-001: the recorded job start (from the evaluation) and the first pay a month later.
    let (_, ev) = app.get("/courses/c-001/evaluation", Some("finance")).await;
    let start = da_date(ev["milestones"][0]["date"].as_str().unwrap());
    assert_eq!(start, "17.03.2025");
    assert!(overview.html.contains(&format!("jobstart registreret {start}, første lønnede timer i april 2025")));
    // c-004: dagpenge in ISO week 20 of 2025, inside the 3-month retention.
    assert!(overview.html.contains("ydelse (dagpenge) udbetalt i uge 20 2025 inden for fastholdelse i 3 måneder"));
    // c-009: every month's pay from the supplier's own CVR number, said once.
    assert_eq!(overview.html.matches("leverandørens eget CVR-nummer").count(), 1, "{}", overview.html);
    seen.push(overview);
    let one = get(&app, Some("finance"), "/finance/registers?course=c-001").await;
    let (_, rc) = app.get("/courses/c-001/registers", Some("finance")).await;
    assert_eq!(rc["milestones"][0]["registers"], "forfeited");
    assert!(one.html.contains("bortfaldet") && one.html.contains("nej – kontrollér bilagene"), "{}", one.html);
    seen.push(one);
    seen.push(get(&app, Some("finance"), "/finance/registers?course=c-999").await);

    // An income extract with a bad line 3 and a benefit extract with a bad week on line 2.
    let income = "cpr,employer_cvr,period_from,period_to,paid_hours,income\n\
                  010185-1234,12345678,2025-03-01,2025-03-31,160,32000.00\n\
                  010185-1234,12345678,2025-04-01,2025-04-31,mange,30500.00\n";
    let bad = post_form(&app, "finance", "/finance/registers/income", &[("text", income.into())]).await;
    assert_eq!(bad.status, 422, "{}", bad.html);
    assert!(
        bad.html.contains("Linje 3, <code>paid_hours</code>: »mange« er ikke et antal lønnede timer"),
        "{}",
        bad.html
    );
    assert!(bad.html.contains("Linje 3, <code>period_to</code>: »2025-04-31« er ikke en dato"), "{}", bad.html);
    seen.push(bad);
    let benefits = "cpr,week,benefit_code\n010185-1234,2025-W54,DP\n";
    let bad = post_form(&app, "finance", "/finance/registers/benefits", &[("text", benefits.into())]).await;
    assert!(bad.html.contains("Linje 2, <code>week</code>: »2025-W54« er ikke en ISO-uge"), "{}", bad.html);
    seen.push(bad);
    let good = std::fs::read_to_string(support::root().join("examples/income.csv")).unwrap();
    let loaded = post_form(&app, "finance", "/finance/registers/income", &[("text", good)]).await;
    // examples/income.csv: a header and 4 rows; the demo stored income extract 1.
    assert!(loaded.html.contains("4 rækker indlæst fra indkomstregistret (udtræk 2)."), "{}", loaded.html);
    seen.push(loaded);

    // A sample at 95 % and a tolerable 5 %: 0.95^58 = 0.0510 > 0.05 ≥ 0.95^59 = 0.0485, so 59.
    let drawn = post_urlencoded(
        &app,
        "finance",
        "/finance/samples",
        &[("seed", "7".into()), ("confidence_pct", "95".into()), ("tolerable_error_pct", "5".into())],
    )
    .await;
    assert_eq!(drawn.status, 303, "{}", drawn.html);
    let (_, sample) = app.get("/audit/samples/1", Some("finance")).await;
    assert_eq!(sample["size"], 59);
    let population = sample["population"].as_u64().unwrap();
    let page = get(&app, Some("finance"), "/finance/samples/1").await;
    assert!(page.html.contains("<dd id=\"seed\">7</dd>"), "{}", page.html);
    assert!(page.html.contains(&format!("59 af {population} betalinger")), "{}", page.html);
    assert!(page.html.contains("href=\"/audit/samples/1?format=csv\""));
    seen.push(page);
    // The first payment confirmed, the second in error by 1.250,00 (typed the Danish way).
    let items = sample["items"].as_array().unwrap();
    let (first, second) = (items[0]["payment_id"].as_u64().unwrap(), items[1]["payment_id"].as_u64().unwrap());
    let no_amount = post_urlencoded(
        &app,
        "finance",
        "/finance/samples/1/checks",
        &[(&format!("outcome-{second}"), "error".into())],
    )
    .await;
    assert_eq!(no_amount.status, 422);
    assert!(
        no_amount.html.contains(&format!("Betaling {second}: en fejl skal have sit fejlbeløb")),
        "{}",
        no_amount.html
    );
    seen.push(no_amount);
    let fields = [
        (format!("outcome-{first}"), "confirmed".to_string()),
        (format!("outcome-{second}"), "error".to_string()),
        (format!("amount-{second}"), "1.250,00".to_string()),
    ];
    let fields: Vec<(&str, String)> = fields.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    let recorded = post_urlencoded(&app, "finance", "/finance/samples/1/checks", &fields).await;
    assert_eq!(recorded.status, 303, "{}", recorded.html);
    let (_, sample) = app.get("/audit/samples/1", Some("finance")).await;
    assert_eq!(sample["items"][1]["error_amount"], "1250.00");
    let (_, result) = app.get("/audit/samples/1/result", Some("finance")).await;
    let page = get(&app, Some("finance"), "/finance/samples/1").await;
    let estimate = da_kr(result["estimated_error"].as_str().unwrap());
    assert!(page.html.contains(&format!("<dd id=\"estimate\"><strong>{estimate}</strong></dd>")), "{}", page.html);
    let (lower, upper) =
        (da_kr(result["interval"]["lower"].as_str().unwrap()), da_kr(result["interval"]["upper"].as_str().unwrap()));
    assert!(page.html.contains(&format!("<dd id=\"interval\">{lower} – {upper}</dd>")), "{}", page.html);
    assert!(page.html.contains("Konfidensinterval (95 %)"));
    assert_eq!(result["clawback"][0]["claw_back"], "1250.00");
    assert!(page.html.contains("1.250,00 kr.</td></tr>"), "the clawback row: {}", page.html);
    seen.push(page);
    let en = get(&app, Some("finance"), "/finance/samples/1?lang=en").await;
    assert!(en.html.contains("Estimated amount paid in error") && en.html.contains("<html lang=\"en\">"));
    seen.push(get(&app, Some("finance"), "/finance/samples?lang=da").await);
    seen.push(get(&app, Some("finance"), "/finance/samples/99").await);
    // A tolerable rate that is not one.
    let bad = post_urlencoded(
        &app,
        "finance",
        "/finance/samples",
        &[("seed", "x".into()), ("tolerable_error_pct", "0".into())],
    )
    .await;
    assert_eq!(bad.status, 422);
    seen.push(bad);

    let report = report(&seen);
    assert!(report.is_empty(), "English, ISO dates, raw codes or English amounts on Danish pages:\n{report}");
    app.stop().await;
}
