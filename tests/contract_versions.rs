//! Two versions of a contract compared part by part: what a procurement
//! officer is told when a stored version number is sent again with other
//! content ("it differs in milestones, promises").

mod support;

use nocure::money::Money;

#[test]
fn two_contracts_differ_in_exactly_the_parts_that_changed() {
    let set = support::contracts("contracts");
    let v1 = set.get("lejre-jobparate", 1).expect("Lejre's version 1 is shipped");
    let v2 = set.get("lejre-jobparate", 2).expect("Lejre's version 2 is shipped");
    // The same text says the same in every part.
    assert!(v1.differences(&(**v1).clone()).is_empty());
    // A changed title and a changed milestone amount, and nothing else.
    let mut changed: nocure::contract::Contract = (**v1).clone();
    changed.title.push_str(" (rettet)");
    changed.milestones[0].amount += Money::kr(1);
    assert_eq!(v1.differences(&changed), ["title", "milestones"]);
    assert_eq!(changed.differences(v1), ["title", "milestones"]);
    // Version 2 (the extension, effective 3 Dec 2025) names its own
    // effective date and the version it supersedes.
    let between = v1.differences(v2);
    assert!(between.contains(&"effective_from") && between.contains(&"supersedes"), "{between:?}");
    assert!(!between.contains(&"kind") && !between.contains(&"buyer"), "{between:?}");
}
