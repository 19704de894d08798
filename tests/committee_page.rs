//! The committee page over real HTTP on the demo data, without a browser:
//! the date it opens on, the language switch keeping the page's state, an
//! unknown contract, suppressed amounts shown as a dash with a footnote,
//! the wording of the minutes, the what-if reproducing the realised figures
//! to the øre, and the typed-figure check. (The browser test drives the
//! same page in Chromium.)

mod support;

use reqwest::redirect::Policy;
use reqwest::{Client, multipart};
use support::app::{Options, TestApp, spawn_app};

fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

async fn html(app: &TestApp, path: &str, who: &str) -> (u16, String) {
    let res = client()
        .get(format!("{}{path}", app.base))
        .header("cookie", format!("nocure_token={}; nocure_lang=da", app.token(who)))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

/// The text of the table with `id`, from its opening tag to its end.
fn table<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page.find(&format!("id=\"table-{id}\"")).unwrap_or_else(|| panic!("no table {id}"));
    let end = page[start..].find("</table>").unwrap() + start;
    &page[start..end]
}

/// The cells of the row whose header is `label`, as printed.
fn row(table: &str, label: &str) -> Vec<String> {
    let at = table.find(&format!(">{label}</th>")).unwrap_or_else(|| panic!("no row {label} in {table}"));
    let end = table[at..].find("</tr>").unwrap() + at;
    table[at..end]
        .split("<td")
        .skip(1)
        .map(|c| c.split_once('>').unwrap().1.split("</td>").next().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_opens_on_the_latest_invoice_date_and_keeps_its_state_across_languages() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    // No date asked for: the date of the latest recorded invoice, 31 Dec
    // 2025 (December's), said in words; the minutes' table follows.
    let (s, page) = html(&app, "/committee", "committee").await;
    assert_eq!(s, 200);
    assert!(page.contains("Version 2 · henvisningsperiode 01.02.2025–31.12.2026 · opgjort pr. 31.12.2025"), "{page}");
    assert!(page.contains("datoen for den seneste bogførte faktura"), "{page}");
    assert_eq!(row(table(&page, "status"), "I alt"), ["130", "7", "40", "35", "48", "53,3 %"]);
    assert_eq!(row(table(&page, "status"), "Ledighedsydelse"), ["28", "2", "8", "7", "11", "53,3 %"]);
    // The language switch keeps the contract and the date.
    assert!(page.contains("href=\"/committee?contract=lejre-jobparate&amp;as_of=2025-12-31&amp;lang=en\""), "{page}");
    let (_, page) = html(&app, "/committee?contract=lejre-jobparate&as_of=2025-06-30", "finance").await;
    assert!(page.contains("as_of=2025-06-30&amp;lang=en"));
    assert!(page.contains("opgjort pr. 30.06.2025") && !page.contains("seneste bogførte faktura"));
    // An unknown contract is said to be unknown, not swapped for another.
    let (s, page) = html(&app, "/committee?contract=nope", "committee").await;
    assert_eq!(s, 404);
    assert!(page.contains("Ukendt kontrakt") && page.contains("Der findes ingen kontrakt »nope«"), "{page}");
    assert!(page.contains("href=\"/committee?contract=lejre-jobparate\""));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_committee_member_sees_no_count_mark_in_a_kr_or_percent_column() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let (_, page) = html(&app, "/committee?contract=lejre-jobparate&as_of=2025-12-31", "committee").await;
    for id in ["money", "realised", "results"] {
        let t = table(&page, id);
        // Counts may read "< 5"; amounts and shares never do.
        for cell in t.split("<td").skip(1) {
            let key = cell.split("data-key=\"").nth(1).unwrap_or("").split('"').next().unwrap();
            let text = cell.split_once('>').unwrap().1.split("</td>").next().unwrap();
            if !["job_starts", "ended_job", "kept_3m", "kept_6m"].contains(&key) {
                assert!(!text.contains("&lt;"), "{id}.{key}: {text}");
            }
        }
    }
    // Ledighedsydelse's amounts rest on 4 citizens who kept their job 6
    // months: a dash with a footnote mark, and the footnote.
    assert_eq!(row(table(&page, "money"), "Ledighedsydelse")[4], "–*");
    assert!(page.contains("* Undertrykt: tallet bygger på et antal under 5 borgere"));
    // The money reconciles in the total row: 170,000 + 420,000 + 30,000 −
    // 10,000 = 610,000.
    assert_eq!(
        row(table(&page, "money"), "I alt"),
        ["170.000,00 kr.", "420.000,00 kr.", "30.000,00 kr.", "10.000,00 kr.", "610.000,00 kr.", "295.000,00 kr."]
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_speaks_as_the_minutes_and_a_finance_officer_do() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let (_, page) = html(&app, "/committee?contract=lejre-jobparate&as_of=2025-12-31", "finance").await;
    for words in [
        "Antal henviste",
        "Afsluttet til job",
        "Effekt i procent",
        "tjent ind igen efter 1,96 måneders beskæftigelse",
        "Tjent ind igen efter … måneders beskæftigelse",
        "Kritisk dødvægt (estimat)",
        "Den kritiske dødvægt er 50,96 %",
        "ultimo hver måned",
        "Højst endnu til betaling",
        "Betalinger i risiko",
        "Jobstartrate",
        "Ydelsesbesparelse pr. borger i job",
        "Løfte: mindst 50 %",
        "ikke holdt",
    ] {
        assert!(page.contains(words), "missing: {words}");
    }
    // The text a reader sees (tags and their attributes left out).
    let body = &page[page.find("<body").unwrap()..];
    let text: String = body.split('<').map(|part| part.split_once('>').map_or(part, |(_, t)| t)).collect();
    for words in
        ["break-even", "job_start", "retention_3m", "Total", "Month end", "hidden", "2025-12-31", "lejre-jobparate"]
    {
        assert!(!text.contains(words), "English or a raw code on a Danish page: {words}");
    }
    app.stop().await;
}

/// The what-if promises that left unchanged it gives the realised figures:
/// it does, to the øre, because an unchanged field means the exact rate,
/// not its rounded display.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unchanged_what_if_gives_the_realised_figures_to_the_ore() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let base = "/committee?contract=lejre-jobparate&as_of=2025-12-31";
    let (_, page) = html(&app, base, "committee").await;
    let value = |name: &str| -> String {
        let at = page.find(&format!("name=\"{name}\" value=\"")).unwrap_or_else(|| panic!("no field {name}"));
        page[at..].split("value=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    // Prefilled in the page's number format: 92 referred, 30 / 92 = 32,61 %
    // start a job, 17 / 30 = 56,67 % and 12 / 30 = 40,00 % keep it.
    let fields = ["referrals", "job_start_rate", "ret_retention_3m", "ret_retention_6m", "deadweight", "months"];
    let values: Vec<String> = fields.iter().map(|f| value(f)).collect();
    assert_eq!(&values[..5], ["92", "32,61", "56,67", "40,00", "0"]);
    assert!(values[5].contains(','), "months in Danish: {}", values[5]);
    let query: String = fields.iter().zip(&values).map(|(f, v)| format!("&{f}={}", v.replace(',', "%2C"))).collect();
    let (s, result) = html(&app, &format!("{base}&wi=1&group=dagpenge{query}"), "committee").await;
    assert_eq!(s, 200);
    let realised = row(table(&result, "realised"), "Dagpenge");
    let scenario = table(&result, "scenario");
    // The realised table: 440.000,00 kr. earned, 706.966,63 kr. net.
    assert_eq!(realised[3], "440.000,00 kr.");
    assert_eq!(row(scenario, "Forventede betalinger i alt")[0], realised[3]);
    assert_eq!(row(scenario, "Nettoresultat")[0], realised[4]);
    assert_eq!(row(scenario, "Besparelse skabt af casen (efter dødvægt)")[0], realised[2]);
    // Counts without decimals, milestones by name.
    assert_eq!(row(scenario, "Jobstarter")[0], "30");
    assert!(scenario.contains("Betaling ved fastholdelse i 3 måneder (17 gange)"), "{scenario}");
    // A changed field is used as typed, in Danish: 40 % of 100 = 40 job starts.
    let (_, changed) =
        html(&app, &format!("{base}&wi=1&group=dagpenge&referrals=100&job_start_rate=40"), "committee").await;
    assert_eq!(row(table(&changed, "scenario"), "Jobstarter")[0], "40");
    let (_, bad) = html(&app, &format!("{base}&wi=1&group=dagpenge&deadweight=120"), "committee").await;
    assert!(
        bad.contains("Dødvægt: andel i job, der ville have fundet arbejde alligevel (%): må højst være 100 %"),
        "{bad}"
    );
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_minutes_figures_are_checked_on_the_page_and_the_53_5_is_flagged() {
    let app = spawn_app(Options { demo: true, ..Options::default() }).await;
    let list = std::fs::read_to_string(support::root().join("examples/minutes-2026-02-03.csv")).unwrap();
    let form = multipart::Form::new().part("file", multipart::Part::text(list).file_name("referat.csv"));
    let res = client()
        .post(format!("{}/committee/check?contract=lejre-jobparate&as_of=2025-12-31", app.base))
        .header("cookie", format!("nocure_token={}", app.token("committee")))
        .header("origin", app.base.as_str())
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("1 af 32 tal afviger fra det beregnede"), "{page}");
    let check = table(&page, "check");
    let flagged = &check[check.find("data-flagged=\"true\"").expect("a flagged row")..];
    let flagged = &flagged[..flagged.find("</tr>").unwrap()];
    assert!(flagged.contains("<mark>26</mark>") && flagged.contains("Samlet / Succesrate"), "{flagged}");
    assert!(flagged.contains("53,5 %") && flagged.contains("53,3 %") && flagged.contains("afviger"), "{flagged}");
    // A list that cannot be read names the line.
    let form = multipart::Form::new().text("text", "betegnelse;tal\nSamlet / Effekt i procent;53,3 %;x\n");
    let res = client()
        .post(format!("{}/committee/check?contract=lejre-jobparate&as_of=2025-12-31", app.base))
        .header("cookie", format!("nocure_token={}", app.token("committee")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains(":2: expected two columns"));
    // An unknown contract is 404, a date that is none or after today 422.
    for (query, status, says) in [
        ("contract=nope&as_of=2025-12-31", 404, "Der findes ingen kontrakt »nope«"),
        ("contract=lejre-jobparate&as_of=2025-02-30", 422, "30.02.2025 findes ikke: februar 2025 har 28 dage"),
        ("contract=lejre-jobparate&as_of=2999-01-01", 422, "01.01.2999 er efter i dag"),
    ] {
        let res = client()
            .post(format!("{}/committee/check?{query}", app.base))
            .header("cookie", format!("nocure_token={}", app.token("committee")))
            .multipart(multipart::Form::new().text("text", "betegnelse;tal\n"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), status, "{query}");
        assert!(res.text().await.unwrap().contains(says), "{query}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn procurement_sees_the_choices_the_contract_files_mark() {
    let app = spawn_app(Options::default()).await;
    let (_, page) = html(&app, "/procurement", "procurement").await;
    let at = page.find("Valg truffet, hvor referatet er tavst").expect("the list of choices");
    let list = &page[at..];
    for words in [
        "Længste pause mellem job:</strong> referatet siger intet om pauser mellem to job",
        "Når kæden brydes:</strong>",
        "Henvisningsperiode:</strong>",
        "Målgruppe Dagpenge:</strong> &quot;er mere end 50 år&quot; læses som fyldt 50 år",
        "12 måneder og 14 dage er mere end 12 måneder",
        "Målgruppe Integration:</strong> referatet siger kun, at målgruppen udgik",
        "Leverandørens løfte:</strong>",
        "Registeroplysninger:</strong> referatet siger ikke, hvad et nyt udtræk for de samme måneder",
        "Registeroplysninger:</strong> referatet siger ikke, hvor meget lønnet arbejde der er et job",
    ] {
        assert!(list.contains(words), "missing {words}");
    }
    // The gap tolerance is in both versions; the v1 referral period only in 1.
    assert!(list.contains("(version 1 og 2)") && list.contains("(version 1)"));
    // Today's benefit names on the Danish page.
    assert!(page.contains("selvforsørgelses- og hjemrejseydelse / overgangsydelse"));
    assert!(!page.contains("integrationsydelse"));
    app.stop().await;
}
