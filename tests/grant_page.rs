//! The grant page over real HTTP on the demo data, without a browser: the
//! Ungeløftet figures in Danish and English as the API gives them, the
//! warnings of `check`, the band edges in the chart, the minutes' table of
//! tranches, small cells for a committee member, and who may open it. (The
//! browser test drives the same page in Chromium.)

mod support;

use reqwest::Client;
use reqwest::redirect::Policy;
use support::app::{Options, TestApp, spawn_app};

async fn html(app: &TestApp, path: &str, who: &str, lang: &str) -> (u16, String) {
    let res = Client::builder()
        .redirect(Policy::none())
        .build()
        .unwrap()
        .get(format!("{}{path}", app.base))
        .header("cookie", format!("nocure_token={}; nocure_lang={lang}", app.token(who)))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

fn figure<'a>(page: &'a str, key: &str) -> &'a str {
    let at =
        page.find(&format!("data-figure=\"{key}\">")).unwrap_or_else(|| panic!("no figure {key}")) + key.len() + 15;
    &page[at..at + page[at..].find("</dd>").unwrap()]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_grant_page_shows_the_band_the_tranches_and_the_warnings() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    // The demo's participants (examples/ungeloeftet-participants.csv) as of
    // 31 May 2026: the best complete month is April 2026 with 21 of 40 in
    // work or education, 52,5 %: the band [50 %, 55 %), tranche 2 =
    // 40 % of 1.834.319,32 = 733.727,73; still at stake 917.159,66 −
    // 733.727,73 = 183.431,93; May needs ceil(0,55 · 40) = 22: 1 more.
    let (s, page) = html(&app, "/grant?grant=lejre-ungeloeftet&as_of=2026-05-31", "finance", "da").await;
    assert_eq!(s, 200, "{page}");
    assert_eq!(figure(&page, "band_reached"), "[50 %, 55 %)");
    assert_eq!(figure(&page, "tranche1"), "917.159,66 kr.");
    assert_eq!(figure(&page, "tranche2_secured"), "733.727,73 kr.");
    assert_eq!(figure(&page, "at_stake"), "183.431,93 kr.");
    assert!(figure(&page, "next_band").starts_with("1 flere i beskæftigelse eller uddannelse i maj 2026"), "{page}");
    let (_, api) = app.get("/grants/lejre-ungeloeftet/report?as_of=2026-05-31", Some("finance")).await;
    assert_eq!(api["tranche2_secured"], "733727.73");
    assert_eq!(api["next_band"]["more"], 1);
    // The warnings of check, in Danish.
    assert!(page.contains("budgetrækkerne summerer til 1.814.319,32 kr., ikke til tilsagnet på 1.834.319,32 kr.: en forskel på 20.000,00 kr."), "{page}");
    assert!(
        page.contains("medfinansieringen er angivet på to måder: 912.001,15 kr. (anvendt) og 912.001,25 kr."),
        "{page}"
    );
    // The chart's dashed lines at 50 % and 55 %; the months table with
    // April's row; the minutes' table of tranches.
    assert!(page.contains("data-edge=\"50\"") && page.contains("data-edge=\"55\""), "{page}");
    assert!(page.contains("<th scope=\"row\" data-key=\"month\">april 2026</th><td class=\"num\" data-key=\"participants\">40</td><td class=\"num\" data-key=\"in_work\">15</td><td class=\"num\" data-key=\"in_education\">6</td><td class=\"num\" data-key=\"in_work_or_education\">21</td><td class=\"num\" data-key=\"share_pct\">52,5 %</td>"), "{page}");
    for amount in ["917.159,66 kr.", "733.727,73 kr.", "183.431,93 kr."] {
        assert!(page.contains(amount), "{amount}");
    }
    // English.
    let (_, en) = html(&app, "/grant?grant=lejre-ungeloeftet&as_of=2026-05-31", "finance", "en").await;
    assert_eq!(figure(&en, "tranche2_secured"), "733,727.73 kr.");
    assert!(en.contains("a difference of 20000.00 kr."), "{en}");
    // A committee member: in education 6 and in work 15 are shown; the
    // months of 2025 with 20 participants show their counts; no count of 1
    // to 4 is printed for in work or in education (September 2025: 4 in
    // work → "< 5").
    let (s, com) = html(&app, "/grant?grant=lejre-ungeloeftet&as_of=2026-05-31", "committee", "da").await;
    assert_eq!(s, 200);
    assert!(com.contains("data-key=\"month\">september 2025</th><td class=\"num\" data-key=\"participants\">20</td><td class=\"num\" data-key=\"in_work\">&lt; 5</td>"), "{com}");
    assert_eq!(figure(&com, "tranche2_secured"), "733.727,73 kr.");
    // Procurement and caseworkers may not open it.
    let (s, _) = html(&app, "/grant", "procurement", "da").await;
    assert_eq!(s, 403);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn procurement_sees_the_grants_choices_and_checks_a_grant_draft() {
    let app = spawn_app(Options::default()).await;
    let (s, page) = html(&app, "/procurement", "procurement", "da").await;
    assert_eq!(s, 200);
    // The grant's terms, computed: 50 % and 40 % of 1.834.319,32.
    assert!(page.contains("rate 1 917.159,66 kr.; rate 2 pr. interval: [0 %, 50 %) → 0,00 kr.; [50 %, 55 %) → 733.727,73 kr.; [55 %, 100 %] → 917.159,66 kr."), "{page}");
    // Its CHOSEN notes in Danish, and check's warnings.
    assert!(page.contains("<strong>Resultatintervaller for rate 2:</strong> referatet kalder intervallerne"), "{page}");
    assert!(page.contains("<strong>Den målte måned:</strong>"), "{page}");
    assert!(page.contains("<strong>Hvem der tæller i en måned:</strong>"), "{page}");
    assert!(page.contains("en forskel på 20.000,00 kr."), "{page}");
    // A draft whose middle band ends at 54 %: refused, naming the share.
    let lejre = std::fs::read_to_string(support::root().join("contracts/lejre-ungeloeftet-v1.toml")).unwrap();
    let draft = lejre.replacen("below_pct = 55", "below_pct = 54", 1);
    let res = Client::new()
        .post(format!("{}/procurement/check", app.base))
        .header("cookie", format!("nocure_token={}; nocure_lang=da", app.token("procurement")))
        .multipart(reqwest::multipart::Form::new().text("text", draft))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("tranche2.bands: no band covers a share of 54 %"), "{body}");
    app.stop().await;
}
