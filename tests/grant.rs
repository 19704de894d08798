//! The Ungeløftet grant (committee minutes of 3 Feb 2026, item 4), computed
//! from `contracts/lejre-ungeloeftet-v1.toml`: the minutes' tranche table,
//! the budget rows' difference, the band edges and the month rule. Every
//! expected figure is worked out by hand in the comments.

use chrono::NaiveDate;
use nocure::grant::check::Finding;
use nocure::grant::report::grant_report;
use nocure::grant::{Grant, Measurement, Participant, Spell, WorkSpell};
use nocure::ids::{CitizenRef, ParticipantId};
use nocure::money::Money;
use nocure::wire::grant_file::{ParsedGrant, parse_grant};
use rust_decimal_macros::dec;

const LEJRE: &str = include_str!("../contracts/lejre-ungeloeftet-v1.toml");

fn lejre() -> ParsedGrant {
    parse_grant(LEJRE).expect("the Lejre grant file loads")
}

fn kr(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A participant enrolled on `enrolled`, with jobs and education.
fn young(
    n: usize,
    enrolled: NaiveDate,
    work: &[(NaiveDate, Option<NaiveDate>)],
    edu: &[(NaiveDate, Option<NaiveDate>)],
) -> Participant {
    Participant {
        id: ParticipantId::parse(&format!("u-{n}")).unwrap(),
        citizen: CitizenRef::parse(&format!("p-{n}")).unwrap(),
        enrolled,
        left: None,
        work: work
            .iter()
            .map(|&(from, until)| WorkSpell { spell: Spell { from, until }, hours_per_week: dec!(10) })
            .collect(),
        education: edu.iter().map(|&(from, until)| Spell { from, until }).collect(),
    }
}

/// `whole` participants enrolled on 1 Jan 2026, of whom `part` are in work
/// the whole of January 2026 and no one any other month.
fn january(part: usize, whole: usize) -> Vec<Participant> {
    (0..whole)
        .map(|i| {
            let work: &[(NaiveDate, Option<NaiveDate>)] =
                if i < part { &[(d(2026, 1, 1), Some(d(2026, 1, 31)))] } else { &[] };
            young(i, d(2026, 1, 1), work, &[])
        })
        .collect()
}

#[test]
fn the_minutes_tranche_table_comes_out_of_the_file() {
    let g = lejre().grant;
    let s = g.scenarios();
    // Tranche 1: 50 % of 1,834,319.32 = 917,159.66 (exact).
    // Band 50–55 %: 40 % = 733,727.728 → 733,727.73; not paid:
    // 1,834,319.32 − 917,159.66 − 733,727.73 = 183,431.93.
    // Band 55 %+: 50 % = 917,159.66; not paid 0.
    let rows: Vec<(Money, Money, Money)> = s.iter().map(|r| (r.tranche1, r.tranche2, r.not_paid)).collect();
    assert_eq!(
        rows,
        vec![
            (kr("917159.66"), kr("0"), kr("917159.66")),
            (kr("917159.66"), kr("733727.73"), kr("183431.93")),
            (kr("917159.66"), kr("917159.66"), kr("0")),
        ]
    );
    assert_eq!(g.tranche2_max(), kr("917159.66"));
}

#[test]
fn the_budget_rows_are_20000_short_and_the_co_financing_is_stated_twice() {
    let p = lejre();
    // 113,218.72 + 533,581.62 + 631,463.81 + 536,055.17 = 1,814,319.32;
    // 1,834,319.32 − 1,814,319.32 = 20,000.00.
    assert_eq!(p.grant.budget_total(), kr("1814319.32"));
    assert_eq!(p.grant.budget_difference(), kr("20000.00"));
    assert_eq!(
        p.warnings,
        vec![
            Finding::BudgetDiffers { rows: kr("1814319.32"), grant: kr("1834319.32") },
            Finding::CoFinancingTwoWays { used: kr("912001.15"), others: vec![kr("912001.25")] },
        ]
    );
    assert!(p.warnings[0].english().contains("a difference of 20000.00 kr."), "{}", p.warnings[0].english());
    assert!(p.warnings[0].danish().contains("en forskel på 20.000,00 kr."), "{}", p.warnings[0].danish());
}

/// The band and tranche 2 secured by January 2026, reported on 31 Jan.
fn secured(g: &Grant, part: usize, whole: usize) -> (Option<usize>, Money) {
    let r = grant_report(g, &january(part, whole), d(2026, 1, 31));
    (r.band_reached, r.tranche2_secured)
}

#[test]
fn band_edges_are_half_open_and_exact() {
    let g = lejre().grant;
    // 10 of 20 = 50 % exactly: the 40 % band, 733,727.73.
    assert_eq!(secured(&g, 10, 20), (Some(1), kr("733727.73")));
    // 9 of 19 = 47.37 %: below 50 %, nothing.
    assert_eq!(secured(&g, 9, 19), (Some(0), kr("0")));
    // 54 of 99 = 54.545… %, which a whole-percent reading would round to
    // 55 %: still the 40 % band.
    assert_eq!(secured(&g, 54, 99), (Some(1), kr("733727.73")));
    // 11 of 20 = 55 % exactly: the top band, 917,159.66.
    assert_eq!(secured(&g, 11, 20), (Some(2), kr("917159.66")));
}

#[test]
fn the_running_month_secures_nothing_and_says_how_many_more_are_needed() {
    let g = lejre().grant;
    // On 15 Jan 2026 January is running: 9 of 20 in work, nothing secured;
    // the next band paying more than 0 is [50 %, 55 %): 50 % of 20 = 10, one
    // more.
    let r = grant_report(&g, &january(9, 20), d(2026, 1, 15));
    assert_eq!(r.best, None);
    assert_eq!(r.tranche2_secured, Money::ZERO);
    assert_eq!(r.at_stake, kr("917159.66"));
    let next = r.next.unwrap();
    assert_eq!((next.month, next.band, next.needed, next.more), (d(2026, 1, 1), 1, 10, 1));
    // With January over at 10 of 20 (50 %), the 40 % band is secured; in
    // February (nobody in work) the next band paying more is 55 %: 55 % of 20
    // = 11, all 11 still needed. At stake: 917,159.66 − 733,727.73 =
    // 183,431.93.
    let r = grant_report(&g, &january(10, 20), d(2026, 2, 10));
    assert_eq!(r.tranche2_secured, kr("733727.73"));
    assert_eq!(r.at_stake, kr("183431.93"));
    let next = r.next.unwrap();
    assert_eq!((next.month, next.band, next.needed, next.more), (d(2026, 2, 1), 2, 11, 11));
}

#[test]
fn part_months_and_mid_month_enrolment_follow_the_files_month_rule() {
    let mut g = lejre().grant;
    // Four participants in March 2026:
    // 0: enrolled 1 Feb, in work 25–31 Mar (7 days);
    // 1: enrolled 16 Mar (mid-month), in education from 16 Mar (16 days);
    // 2: enrolled 1 Feb, in work 1–3 Feb only (not in March);
    // 3: enrolled 1 Feb, in work 1–10 Mar but left on 5 Mar (5 days in
    //    work while enrolled).
    let mut ps = vec![
        young(0, d(2026, 2, 1), &[(d(2026, 3, 25), Some(d(2026, 3, 31)))], &[]),
        young(1, d(2026, 3, 16), &[], &[(d(2026, 3, 16), None)]),
        young(2, d(2026, 2, 1), &[(d(2026, 2, 1), Some(d(2026, 2, 3)))], &[]),
        young(3, d(2026, 2, 1), &[(d(2026, 3, 1), Some(d(2026, 3, 10)))], &[]),
    ];
    ps[3].left = Some(d(2026, 3, 5));
    let march = |g: &Grant, ps: &[Participant]| {
        let r = grant_report(g, ps, d(2026, 3, 31));
        let m = *r.months.iter().find(|m| m.month == d(2026, 3, 1)).unwrap();
        (m.participants, m.in_work, m.in_education, m.in_work_or_education)
    };
    // The file's rule: one day enrolled in work or education counts. All
    // four are counted (each enrolled on a day of March); in work: 0 and 3;
    // in education: 1; in work or education: 0, 1, 3 = 3 of 4.
    assert_eq!(march(&g, &ps), (4, 2, 1, 3));
    // A file requiring 7 days: 0 has 7 (25–31), 1 has 16, 3 has only 5
    // (1–5 Mar, left on the 5th): 2 of 4.
    g.rule.min_days = 7;
    assert_eq!(march(&g, &ps), (4, 1, 1, 2));
    // 8 days: participant 0's 7 days are too few.
    g.rule.min_days = 8;
    assert_eq!(march(&g, &ps), (4, 0, 1, 1));
    // A job of fewer hours a week than the file asks does not count.
    g.rule.min_days = 1;
    g.rule.min_hours_per_week = dec!(12);
    assert_eq!(march(&g, &ps), (4, 0, 1, 1));
}

#[test]
fn a_named_measurement_month_is_the_only_one_that_counts() {
    let mut g = lejre().grant;
    // 11 of 20 in work in January 2026 (55 %), nobody in February.
    let ps = january(11, 20);
    let r = grant_report(&g, &ps, d(2026, 3, 31));
    assert_eq!(r.tranche2_secured, kr("917159.66"));
    // The grant names February 2026: January's 55 % does not count; February
    // has 0 of 20, the lowest band.
    g.rule.measurement = Measurement::Month(d(2026, 2, 1));
    let r = grant_report(&g, &ps, d(2026, 3, 31));
    assert_eq!(r.months[r.best.unwrap()].month, d(2026, 2, 1));
    assert_eq!((r.band_reached, r.tranche2_secured), (Some(0), Money::ZERO));
    // The file form: `measurement = "2026-02"`; June 2025, when the period
    // starts on the 17th, is a month of the period; January 2029 is not.
    let text = LEJRE.replace("measurement = \"any_month\"", "measurement = \"2026-02\"");
    assert_eq!(parse_grant(&text).unwrap().grant.rule.measurement, Measurement::Month(d(2026, 2, 1)));
    let text = LEJRE.replace("measurement = \"any_month\"", "measurement = \"2025-06\"");
    assert_eq!(parse_grant(&text).unwrap().grant.rule.measurement, Measurement::Month(d(2025, 6, 1)));
    let text = LEJRE.replace("measurement = \"any_month\"", "measurement = \"2029-01\"");
    let p = problems(&text);
    assert!(
        p.iter().any(|m| m.contains("month_rule.measurement: the month 2029-01 is outside the project period")),
        "{p:?}"
    );
}

fn problems(text: &str) -> Vec<String> {
    parse_grant(text).expect_err("refused").iter().map(|p| p.to_string()).collect()
}

#[test]
fn check_refuses_gaps_overlaps_and_tranches_above_the_grant() {
    // "50–54 %" typed as a closed band ending at 54: 54 % is in no band.
    let gap = LEJRE.replacen("below_pct = 55", "below_pct = 54", 1);
    let p = problems(&gap);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("tranche2.bands: no band covers a share of 54 %"), "{p:?}");
    // The line of [tranche2], where the bands are.
    let line = LEJRE.lines().position(|l| l == "[tranche2]").unwrap() + 1;
    assert!(p[0].starts_with(&format!("line {line}:")), "{p:?}");
    // The top band starting at 52 %: 52 % is in two bands.
    let overlap = LEJRE.replacen("from_pct = 55", "from_pct = 52", 1);
    let p = problems(&overlap);
    assert!(p.iter().any(|m| m.contains("bands 2 and 3 both cover a share of 52 %")), "{p:?}");
    // Tranche 1 at 60 % with a best band of 50 %: 110 %.
    let above = LEJRE.replacen("pct = 50\n", "pct = 60\n", 1);
    let p = problems(&above);
    assert!(p.iter().any(|m| m.contains("pay 110 % of the grant, more than 100 %")), "{p:?}");
    // A float amount and an unknown field, with their lines.
    let bad = LEJRE.replacen("amount = \"1834319.32\"", "amount = 1834319.32\nbands = 3", 1);
    let p = problems(&bad);
    let amount_line = LEJRE.lines().position(|l| l.starts_with("amount = \"1834319.32\"")).unwrap() + 1;
    assert!(p.iter().any(|m| m.starts_with(&format!("line {amount_line}: amount: 1834319.32 is a float"))), "{p:?}");
    assert!(p.iter().any(|m| m.starts_with(&format!("line {}: bands: unknown field", amount_line + 1))), "{p:?}");
}

#[test]
fn tranches_received_are_read_from_the_file() {
    // Finance records tranche 1 as received: 917,159.66 on 1 Mar 2026.
    let text = format!("{LEJRE}\n[[received]]\ntranche = 1\ndate = 2026-03-01\namount = \"917159.66\"\n");
    let g = parse_grant(&text).unwrap().grant;
    let r = grant_report(&g, &[], d(2026, 3, 31));
    assert_eq!((r.received_tranche1, r.received_tranche2), (kr("917159.66"), Money::ZERO));
    // A tranche 3 does not exist.
    let bad = format!("{LEJRE}\n[[received]]\ntranche = 3\ndate = 2026-03-01\namount = \"1.00\"\n");
    assert!(problems(&bad).iter().any(|m| m.contains("received[0].tranche: expected 1 or 2, found 3")));
}
