//! The budget page over real HTTP on the demo data, as of 31 Dec 2025:
//! Danish and English, Danish numbers and dates, the roles it is for.

mod support;

use support::app::{Options, TestApp, spawn_app};

async fn page(app: &TestApp, path: &str, who: &str) -> (u16, String) {
    let res = app
        .client
        .get(format!("{}{path}", app.base))
        .header("cookie", format!("nocure_token={}", app.token(who)))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

const PATH: &str = "/finance/budget?contract=lejre-jobparate&as_of=2025-12-31";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finance_reads_the_budget_in_danish_and_in_english() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let (s, da) = page(&app, &format!("{PATH}&lang=da"), "finance").await;
    assert_eq!(s, 200, "{da}");
    // The year 2026 against Lejre's 4.1 million kr.; the forecast's first
    // month; the dagpenge group's municipal share (72.8 %, as the API
    // answers) and the public purse's 1,146,966.63 kr.
    for want in [
        "Hvad budgettet skal kunne bære",
        "Sparemål: 4.100.000,00 kr.",
        "31.01.2026",
        "Kommunens andel",
        "72,8 %",
        "1.146.966,63 kr.",
        "I alt",
        "Tal pr. 31.12.2025",
        "refusionstrappen",
    ] {
        assert!(da.contains(want), "{want} missing in the Danish page");
    }
    for english in ["Total<", "Expected payments", "Savings target"] {
        assert!(!da.contains(english), "{english} on the Danish page");
    }
    let (s, en) = page(&app, &format!("{PATH}&lang=en"), "procurement").await;
    assert_eq!(s, 200);
    for want in
        ["What the budget must hold", "Savings target: 4,100,000.00 kr.", "72.8 %", "Benefit savings, municipality"]
    {
        assert!(en.contains(want), "{want} missing in the English page");
    }
    // A year that is none is said, and the default year is shown.
    let (s, bad) = page(&app, &format!("{PATH}&year=20x6&lang=en"), "finance").await;
    assert_eq!(s, 200);
    assert!(bad.contains("is not a year from 2000 to 2100") && bad.contains("Year 2026"), "{bad}");
    let (s, _) = page(&app, "/finance/budget?contract=nope", "finance").await;
    assert_eq!(s, 404);
    let (s, _) = page(&app, PATH, "committee").await;
    assert_eq!(s, 403);
    // The procurement page lists the parameter files' choices.
    let (_, proc_page) = page(&app, "/procurement?lang=en", "procurement").await;
    assert!(proc_page.contains("parameters/benefit_rates.toml") && proc_page.contains("12,743.50"), "{proc_page}");
    app.stop().await;
}
