//! The comparison page over real HTTP on the demo with its other options
//! (a second supplier and the own team), without a browser: Danish numbers
//! with their intervals, every pair in plain words, the own team's cost
//! worked out in a sentence, small cells withheld for a committee, the
//! language switch keeping the page's state. The figures are worked out by
//! hand in tests/api_compare.rs.

mod support;

use reqwest::redirect::Policy;
use support::app::{Options, TestApp, spawn_app};

async fn html(app: &TestApp, path: &str, who: &str, lang: &str) -> (u16, String) {
    let res = reqwest::Client::builder()
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

/// The cells of the row `key` of the table `id`, as printed.
fn row(page: &str, id: &str, key: &str) -> Vec<String> {
    let start = page.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no table {id} in {page}"));
    let table = &page[start..start + page[start..].find("</table>").unwrap()];
    let at = table.find(&format!("data-key=\"{key}\"")).unwrap_or_else(|| panic!("no row {key} in {table}"));
    let end = table[at..].find("</tr>").unwrap() + at;
    table[at..end]
        .split("<td")
        .skip(1)
        .map(|c| c.split_once('>').unwrap().1.split("</td>").next().unwrap().to_string())
        .collect()
}

const PAGE: &str = "/committee/compare?as_of=2025-12-31&contracts=lejre-jobparate,lejre-jobvejen,lejre-egen-indsats";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_options_side_by_side_in_danish_with_intervals_and_plain_words() {
    let app = spawn_app(Options { demo: true, options: true, ..Options::default() }).await;
    let (s, page) = html(&app, PAGE, "committee", "da").await;
    assert_eq!(s, 200, "{page}");
    assert!(page.contains("Målgruppe: Dagpenge, pr. 31.12.2025."), "{page}");
    assert!(
        page.contains("Indsats ApS (leverandør)") && page.contains("Jobvejen ApS (fiktiv demoleverandør) (leverandør)")
    );
    assert!(page.contains("Jobcenter Lejre, eget team (demo) (egen indsats)"), "{page}");
    let rates = "table-compare-rates";
    assert_eq!(row(&page, rates, "referred"), ["92", "35", "60"]);
    assert_eq!(
        row(&page, rates, "any_job"),
        ["53,6 % (40,70–65,98 %)", "79,3 % (61,61–90,15 %)", "51,2 % (36,48–65,75 %)"]
    );
    // The second supplier has no 6-month stage: a dash.
    assert_eq!(row(&page, rates, "retention_6m")[1], "–");
    let money = "table-compare-money";
    assert_eq!(row(&page, money, "cost"), ["440.000,00 kr.", "386.000,00 kr.", "690.000,00 kr."]);
    assert_eq!(row(&page, money, "cost_per_job_start"), ["14.666,67 kr.", "16.782,61 kr.", "32.857,14 kr."]);
    // The own team's cost per referral in a sentence: 600,000 × 1.15 / 60.
    assert!(
        page.contains("11.500,00 kr. pr. henvisning = 600.000,00 kr. pr. årsværk × (1 + 15 % overhead) / 60 borgere pr. årsværk (2 årsværk)"),
        "{page}"
    );
    // Every pair in words: two apart (the second supplier's job-start
    // share), eleven that cannot be told apart.
    assert_eq!(page.matches("data-verdict=\"overlap\"").count(), 11, "{page}");
    assert_eq!(page.matches("data-verdict=\"apart\"").count(), 2);
    assert!(page.contains(
        "Kommet i job, af de henviste: Jobvejen ApS (fiktiv demoleverandør) (65,7 % (49,15–79,17 %)) ligger over Indsats ApS (32,6 % (23,89–42,72 %)); intervallerne overlapper ikke, så forskellen er ikke kun tilfældighed på 95 %-niveau."
    ), "{page}");
    assert!(page.contains(
        "Effekt i procent (al beskæftigelse): Indsats ApS (53,6 % (40,70–65,98 %)) og Jobvejen ApS (fiktiv demoleverandør) (79,3 % (61,61–90,15 %)) kan ikke skelnes på de foreliggende data; intervallerne overlapper."
    ), "{page}");
    // Downloads and the language switch keep the date, group and contracts.
    assert!(page.contains("href=\"/reports/compare?as_of=2025-12-31&amp;target_group=dagpenge&amp;contracts=lejre-jobparate%2Clejre-jobvejen%2Clejre-egen-indsats&amp;format=csv\""), "{page}");
    assert!(page.contains("/committee/compare?as_of=2025-12-31&amp;target_group=dagpenge&amp;contracts=lejre-jobparate%2Clejre-jobvejen%2Clejre-egen-indsats&amp;lang=en"), "{page}");
    // In English: English numbers and words.
    let (_, en) = html(&app, PAGE, "finance", "en").await;
    assert_eq!(row(&en, money, "cost")[2], "690,000.00 kr.");
    assert!(en.contains("cannot be told apart on the data so far"), "{en}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_committee_sees_a_small_cell_withheld_with_its_footnote() {
    let app = spawn_app(Options { demo: true, options: true, ..Options::default() }).await;
    // Ledighedsydelse: Lejre's 4 kept 6 months are under 5.
    let (s, page) = html(
        &app,
        "/committee/compare?as_of=2025-12-31&target_group=ledighedsydelse&contracts=lejre-jobparate",
        "committee",
        "da",
    )
    .await;
    assert_eq!(s, 200, "{page}");
    assert_eq!(row(&page, "table-compare-rates", "retention_6m"), ["–*"]);
    assert_eq!(row(&page, "table-compare-money", "cost"), ["–*"]);
    assert!(page.contains("* Undertrykt: tallet bygger på et antal under 5 borgere."), "{page}");
    // A supplier may not open it; an unknown contract is 404.
    assert_eq!(html(&app, PAGE, "supplier", "da").await.0, 403);
    let (s, page) = html(&app, "/committee/compare?contracts=nope", "committee", "da").await;
    assert_eq!(s, 404);
    assert!(page.contains("En af de valgte kontrakter findes ikke. Kontrakterne er: "), "{page}");
    assert!(page.contains("Investeringscase: jobparate borgere"), "named by title, in Danish: {page}");
    let (s, page) = html(&app, "/committee/compare?as_of=31.12.2025", "committee", "da").await;
    assert_eq!(s, 200);
    assert!(
        page.contains("»31.12.2025« er ikke en dato (ÅÅÅÅ-MM-DD) til og med i dag; tallene vises pr. i dag."),
        "{page}"
    );
    let (s, page) = html(&app, "/committee/compare?target_group=unicorns", "committee", "da").await;
    assert_eq!(s, 422);
    assert!(page.contains("Ingen af de sammenlignede kontrakter har målgruppen »unicorns«."), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn procurement_sees_the_in_house_options_choices() {
    let app = spawn_app(Options { demo: true, options: true, ..Options::default() }).await;
    let (s, page) = html(&app, "/procurement", "procurement", "da").await;
    assert_eq!(s, 200, "{page}");
    // The cost rule and the demo's invented figures, in the file's Danish.
    assert!(page.contains("teamets omkostning bæres af de borgere, det tager"), "{page}");
    assert!(page.contains("(demo) 60 borgere pr. årsværk gennem et forløb om året."), "{page}");
    assert!(page.contains("en opdigtet leverandør med et pladsholder-CVR-nummer"), "{page}");
    // The contract as JSON carries the cost.
    let (s, doc) = app.get("/contracts/lejre-egen-indsats", Some("procurement")).await;
    assert_eq!(s, 200, "{doc}");
    assert!(doc.to_string().contains("\"caseload\":\"60\""), "{doc}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_own_teams_committee_page_says_it_is_paid_by_its_cost() {
    let app = spawn_app(Options { demo: true, options: true, ..Options::default() }).await;
    let (s, page) = html(&app, "/committee?contract=lejre-egen-indsats&as_of=2025-12-31", "committee", "da").await;
    assert_eq!(s, 200, "{page}");
    assert!(
        page.contains(
            "Dette er kommunens egen indsats. Den betales efter sin omkostning, 11.500,00 kr. pr. henvisning"
        ),
        "{page}"
    );
    assert!(page.contains("<a href=\"/committee/compare\">Sammenligning af muligheder</a>"), "{page}");
    // A supplier's page says nothing of the kind.
    let (_, page) = html(&app, "/committee?contract=lejre-jobvejen&as_of=2025-12-31", "committee", "da").await;
    assert!(!page.contains("id=\"in-house\""));
}
