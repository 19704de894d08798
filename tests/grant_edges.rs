//! The Ungeløftet grant (committee minutes of 3 Feb 2026, item 4) at the
//! edges the mutation run found unpinned (TESTING.md): the target group's
//! ages on the birthday, which complete month decides tranche 2, the
//! budget warning when the rows do sum to the grant, the report's warnings
//! and the versions of a grant. Computed by hand from
//! `contracts/lejre-ungeloeftet-v1.toml` (amount 1,834,319.32; tranche 2
//! pays 40 % from a share of 50 % and 50 % from 55 %; ages 15-29).

use chrono::NaiveDate;
use nocure::grant::check::{Finding, check};
use nocure::grant::report::grant_report;
use nocure::grant::set::{GrantSet, warnings};
use nocure::grant::{BudgetRow, Grant, Participant, Spell, WorkSpell};
use nocure::ids::{CitizenRef, ParticipantId};
use nocure::money::Money;
use nocure::wire::grant_file::parse_grant;
use rust_decimal_macros::dec;

const LEJRE: &str = include_str!("../contracts/lejre-ungeloeftet-v1.toml");

fn lejre() -> Grant {
    parse_grant(LEJRE).expect("the Lejre grant file loads").grant
}

fn kr(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// 20 participants enrolled 1 Jan 2026; participant i works (10 hours a
/// week) the whole of January when i < `jan` and the whole of February
/// when i < `feb`.
fn twenty(jan: usize, feb: usize) -> Vec<Participant> {
    (0..20)
        .map(|i| {
            let mut work = Vec::new();
            if i < jan {
                work.push((d(2026, 1, 1), d(2026, 1, 31)));
            }
            if i < feb {
                work.push((d(2026, 2, 1), d(2026, 2, 28)));
            }
            Participant {
                id: ParticipantId::parse(&format!("u-{i}")).unwrap(),
                citizen: CitizenRef::parse(&format!("p-{i}")).unwrap(),
                enrolled: d(2026, 1, 1),
                left: None,
                work: work
                    .into_iter()
                    .map(|(from, until)| WorkSpell {
                        spell: Spell { from, until: Some(until) },
                        hours_per_week: dec!(10),
                    })
                    .collect(),
                education: vec![],
            }
        })
        .collect()
}

#[test]
fn the_target_group_admits_from_the_15th_birthday_to_the_day_before_the_30th() {
    let t = lejre().target;
    // Born 15 Jun 2000: 14 on 14 Jun 2015, 15 on 15 Jun 2015; 29 on
    // 14 Jun 2030, 30 on 15 Jun 2030. The group is 15-29 inclusive.
    let born = d(2000, 6, 15);
    assert_eq!(t.admits(born, d(2015, 6, 14)), Err(14));
    assert_eq!(t.admits(born, d(2015, 6, 15)), Ok(15));
    assert_eq!(t.admits(born, d(2030, 6, 14)), Ok(29));
    assert_eq!(t.admits(born, d(2030, 6, 15)), Err(30));
}

#[test]
fn the_complete_month_with_the_highest_share_decides_tranche_2() {
    let g = lejre();
    // January 10 of 20 = 50 % (40 % band, 733,727.73), February 11 of 20 =
    // 55 % (top band, 50 % of 1,834,319.32 = 917,159.66). As of 31 Mar
    // both are complete: February's higher share decides.
    let r = grant_report(&g, &twenty(10, 11), d(2026, 3, 31));
    assert_eq!(r.months[r.best.unwrap()].month, d(2026, 2, 1));
    assert_eq!((r.band_reached, r.tranche2_secured, r.at_stake), (Some(2), kr("917159.66"), Money::ZERO));
    // Both at 11 of 20: the earlier month, January, decides.
    let r = grant_report(&g, &twenty(11, 11), d(2026, 3, 31));
    assert_eq!(r.months[r.best.unwrap()].month, d(2026, 1, 1));
    // January 11 of 20, February 10 of 20: January's 55 % stays the best.
    let r = grant_report(&g, &twenty(11, 10), d(2026, 3, 31));
    assert_eq!(r.months[r.best.unwrap()].month, d(2026, 1, 1));
    assert_eq!(r.tranche2_secured, kr("917159.66"));
}

#[test]
fn budget_rows_that_sum_to_the_grant_or_none_at_all_warn_of_nothing() {
    let mut g = lejre();
    // The file's rows sum to 1,814,319.32, 20,000.00 short: a warning.
    assert!(check(&g).iter().any(|f| matches!(f, Finding::BudgetDiffers { .. })));
    // One row of 1,834,319.32, the whole grant: no budget warning.
    g.budget = vec![BudgetRow { year: 2026, amount: kr("1834319.32") }];
    assert!(!check(&g).iter().any(|f| matches!(f, Finding::BudgetDiffers { .. })), "{:?}", check(&g));
    // No budget rows at all: nothing to compare, no warning.
    g.budget = vec![];
    assert!(!check(&g).iter().any(|f| matches!(f, Finding::BudgetDiffers { .. })), "{:?}", check(&g));
    // The co-financing stated once (the other figure equal to it): no
    // co-financing warning either, so nothing at all.
    g.co_financing_also_stated = vec![g.co_financing];
    assert_eq!(check(&g), vec![]);
}

#[test]
fn the_report_and_the_set_carry_the_grants_warnings_not_its_errors() {
    let g = lejre();
    // The file's two warnings: the budget 20,000.00 short
    // (1,834,319.32 − 1,814,319.32) and the co-financing stated as 912,001.25
    // beside the 912,001.15 used.
    let expected = vec![
        Finding::BudgetDiffers { rows: kr("1814319.32"), grant: kr("1834319.32") },
        Finding::CoFinancingTwoWays { used: kr("912001.15"), others: vec![kr("912001.25")] },
    ];
    assert_eq!(grant_report(&g, &[], d(2026, 3, 31)).warnings, expected);
    assert_eq!(warnings(&g), expected);
    // A grant with a band gap (an error) and the same warnings: the errors
    // are left out of both.
    let mut gap = g.clone();
    gap.bands[1].below_pct = Some(dec!(54));
    assert!(check(&gap).iter().any(Finding::is_error));
    assert_eq!(warnings(&gap), expected);
    assert_eq!(grant_report(&gap, &[], d(2026, 3, 31)).warnings, expected);
}

#[test]
fn a_grant_set_keeps_versions_in_order_and_refuses_one_twice() {
    let v1 = lejre();
    let mut v2 = lejre();
    v2.version = 2;
    v2.title = "Ungeløftet, version 2".into();
    let mut set = GrantSet::default();
    assert!(set.is_empty());
    set.add("a.toml", v1.clone()).unwrap();
    set.add("b.toml", v2.clone()).unwrap();
    // Added 1 then 2: the latest is 2, and every version is listed in order.
    assert_eq!(set.latest("lejre-ungeloeftet").unwrap().version, 2);
    assert_eq!(set.all().map(|g| g.version).collect::<Vec<_>>(), vec![1, 2]);
    assert_eq!(set.latest_each().map(|g| g.version).collect::<Vec<_>>(), vec![2]);
    assert_eq!(set.get("lejre-ungeloeftet", 1).unwrap().title, "Ungeløftet");
    assert_eq!(set.len(), 2);
    assert!(set.latest("another-grant").is_none());
    // Added 2 then 1: still 2 is the latest.
    let mut set = GrantSet::default();
    set.add("b.toml", v2).unwrap();
    set.add("a.toml", v1.clone()).unwrap();
    assert_eq!(set.latest("lejre-ungeloeftet").unwrap().version, 2);
    assert_eq!(set.all().map(|g| g.version).collect::<Vec<_>>(), vec![1, 2]);
    // Version 1 again, from another file: refused, naming the first file.
    let e = set.add("c.toml", v1).unwrap_err();
    assert!(e.to_string().contains("version 1 of `lejre-ungeloeftet` is also defined in a.toml"), "{e}");
    assert_eq!(set.len(), 2);
}
