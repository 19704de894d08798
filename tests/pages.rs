//! The pages over real HTTP, without a browser: signing in, roles, forms
//! from another site, the procurement page and its draft check, the
//! language switch. (The browser test drives the committee and finance
//! pages in Chromium.)

mod support;

use reqwest::redirect::Policy;
use reqwest::{Client, Response, multipart};
use support::app::{Options, TestApp, spawn_app};

fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

fn cookie(app: &TestApp, who: &str) -> String {
    format!("nocure_token={}", app.token(who))
}

async fn page(app: &TestApp, path: &str, who: Option<&str>) -> Response {
    let mut r = client().get(format!("{}{path}", app.base));
    if let Some(w) = who {
        r = r.header("cookie", cookie(app, w));
    }
    r.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_sets_a_strict_http_only_cookie_and_roles_are_kept_apart() {
    let app = spawn_app(Options::default()).await;
    let res = page(&app, "/committee", None).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/login?next=/committee");

    let login = |token: String, origin: Option<&'static str>| {
        let mut r =
            client().post(format!("{}/login", app.base)).form(&[("token", token.as_str()), ("next", "/procurement")]);
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        r.send()
    };
    let bad = login("nc_not-a-token".into(), None).await.unwrap();
    assert_eq!(bad.status(), 401);
    assert!(bad.text().await.unwrap().contains("ikke gyldigt"));
    let res = login(app.token("procurement").to_string(), None).await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/procurement");
    let set = res.headers()["set-cookie"].to_str().unwrap().to_string();
    for part in ["nocure_token=nc_", "HttpOnly", "Secure", "SameSite=Strict"] {
        assert!(set.contains(part), "{set}");
    }
    // Signing in from another site's form is refused.
    let res = login(app.token("procurement").to_string(), Some("https://evil.example")).await.unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.headers().get("set-cookie").is_none());

    // Each page for its roles; others get a 403 page, not the data.
    for (path, allowed) in [
        ("/committee", &["committee", "finance", "procurement"][..]),
        ("/finance", &["finance"][..]),
        ("/procurement", &["procurement"][..]),
        ("/finance/registers", &["finance"][..]),
        ("/finance/samples", &["finance"][..]),
    ] {
        for who in ["procurement", "caseworker", "finance", "committee", "supplier"] {
            let res = page(&app, path, Some(who)).await;
            let want = if allowed.contains(&who) { 200 } else { 403 };
            assert_eq!(res.status(), want, "{who} on {path}");
            assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
        }
    }
    // The forms too: another role draws no sample and loads no extract.
    for who in ["procurement", "caseworker", "committee", "supplier"] {
        let res = client()
            .post(format!("{}/finance/samples", app.base))
            .header("cookie", cookie(&app, who))
            .form(&[("seed", "1"), ("size", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{who} drawing a sample");
        let form = multipart::Form::new().text("text", "cpr,week,benefit_code\n010185-1234,2025-W14,DP\n");
        let res = client()
            .post(format!("{}/finance/registers/benefits", app.base))
            .header("cookie", cookie(&app, who))
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{who} loading an extract");
    }
    assert_eq!(app.get("/audit/samples/1", Some("finance")).await.0, 404);
    // The refusal names the role in the page's language.
    let html = page(&app, "/finance", Some("committee")).await.text().await.unwrap();
    assert!(html.contains("Rollen udvalg kan ikke åbne denne side."), "{html}");
    // Signing out clears the cookie.
    let res =
        client().post(format!("{}/logout", app.base)).header("cookie", cookie(&app, "finance")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert!(res.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn procurement_sees_versions_side_by_side_and_checks_a_draft_without_storing_it() {
    let app = spawn_app(Options::default()).await;
    let html = page(&app, "/procurement", Some("procurement")).await.text().await.unwrap();
    assert!(html.contains("<th scope=\"col\">Version 1</th><th scope=\"col\">Version 2</th>"), "{html}");
    // The extension changed the referral period: marked.
    assert!(html.contains("<mark>01.02.2025 – 31.12.2026</mark>"), "{html}");
    assert!(html.contains("<td>01.02.2025 – 31.12.2025</td>"), "{html}");

    let send = |text: String| {
        let form = multipart::Form::new().text("text", text);
        client()
            .post(format!("{}/procurement/check", app.base))
            .header("cookie", cookie(&app, "procurement"))
            .multipart(form)
            .send()
    };
    let v2 = std::fs::read_to_string(support::root().join("contracts/lejre-jobparate-v2.toml")).unwrap();
    // A version 3 from 1 Jun 2026 with a bigger job-start instalment: valid.
    let v3 = v2
        .replace("version = 2", "version = 3")
        .replace("effective_from = 2025-12-03", "effective_from = 2026-06-01")
        .replace("supersedes = 1", "supersedes = 2")
        .replacen("amount = \"5000.00\"", "amount = \"6000.00\"", 1);
    let res = send(v3).await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("Udkastet er gyldigt: version 3 af »Investeringscase: jobparate borgere«"), "{html}");
    assert!(!html.contains("POST /contracts"), "no API address for a procurement officer: {html}");
    assert!(html.contains("<th scope=\"row\">Rate ved jobstart</th>"), "{html}");
    assert!(html.contains("<mark>6.000,00 kr.</mark>"), "{html}");
    // Not stored.
    let (_, contracts) = app.get("/contracts/lejre-jobparate", Some("procurement")).await;
    assert_eq!(contracts["versions"].as_array().unwrap().len(), 2);

    // A broken draft: every problem with its line.
    let broken = v2.replace("amount = \"10000.00\"", "amount = \"-1\"").replace("version = 2", "version = 1");
    let res = send(broken).await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains("<code>milestones[1].amount</code>: skal være positivt, men er -1,00 kr."), "{html}");
    // In line order, as an editor counts (not as text sorts: line 7 before line 64).
    let at = |field: &str| html.find(field).unwrap_or_else(|| panic!("{field} missing: {html}"));
    assert!(at("supersedes") < at("milestones[1].amount") && at("milestones[1].amount") < at("milestones[2].amount"));
    let line = |field: &str| {
        let i = at(&format!(", <code>{field}</code>:"));
        let start = html[..i].rfind("Linje ").unwrap() + "Linje ".len();
        html[start..i].parse::<u32>().unwrap()
    };
    let lines = [line("supersedes"), line("milestones[1].amount"), line("milestones[2].amount")];
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
    assert_eq!(lines[0], 1 + v2.lines().position(|l| l.starts_with("supersedes")).unwrap() as u32);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_from_another_site_records_nothing() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let invoice = serde_json::json!({
        "supplier_cvr": "00000000", "invoice_number": "X-1", "contract": "lejre-jobparate", "as_of": "2025-12-31",
        "lines": [ { "line": 1, "course_id": "c-114", "milestone": "job_start", "amount": "5000.00" } ]
    });
    let res = client()
        .post(format!("{}/finance/record", app.base))
        .header("cookie", cookie(&app, "finance"))
        .header("origin", "https://evil.example")
        .form(&[("invoice", invoice.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(app.get("/invoices/00000000/X-1", Some("finance")).await.0, 404);
    // From the site itself it is recorded.
    let res = client()
        .post(format!("{}/finance/record", app.base))
        .header("cookie", cookie(&app, "finance"))
        .header("origin", app.base.as_str())
        .form(&[("invoice", invoice.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    assert!(res.text().await.unwrap().contains("1 betaling er bogført"));
    assert_eq!(app.get("/invoices/00000000/X-1", Some("finance")).await.0, 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_is_remembered() {
    let app = spawn_app(Options::default()).await;
    let res = page(&app, "/login?lang=en", None).await;
    assert!(res.headers()["set-cookie"].to_str().unwrap().starts_with("nocure_lang=en"));
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Your token"));
    let html = client()
        .get(format!("{}/login", app.base))
        .header("cookie", "nocure_lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Sign in"));
    let html = page(&app, "/login", None).await.text().await.unwrap();
    assert!(html.contains("<html lang=\"da\">") && html.contains("Dit token"), "Danish by default");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_page_is_an_html_page_for_a_browser_and_a_problem_document_for_the_api() {
    let app = spawn_app(Options::default()).await;
    let get = |accept: &'static str, lang: &'static str| {
        client()
            .get(format!("{}/no-such-page", app.base))
            .header("accept", accept)
            .header("cookie", format!("nocure_lang={lang}"))
            .send()
    };
    let res = get("text/html,application/xhtml+xml,*/*;q=0.8", "da").await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "text/html; charset=utf-8");
    let html = res.text().await.unwrap();
    assert!(
        html.contains("<title>Siden findes ikke – nocure</title>") && html.contains("<h1>Siden findes ikke</h1>"),
        "{html}"
    );
    let html = get("text/html", "en").await.unwrap().text().await.unwrap();
    assert!(html.contains("<h1>Page not found</h1>"), "{html}");
    // A method a page does not take: HTML too, with Allow.
    let res = client().delete(format!("{}/committee", app.base)).header("accept", "text/html").send().await.unwrap();
    assert_eq!(res.status(), 405);
    assert!(res.headers().contains_key("allow"));
    assert!(res.text().await.unwrap().contains("<h1>Siden kan ikke bruges sådan</h1>"));
    // An API client (curl sends */*) still gets the problem document.
    let res = get("*/*", "da").await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(res.headers()["content-type"], "application/problem+json");
    app.stop().await;
}
