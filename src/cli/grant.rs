//! Grant pools on the command line: what `check` says about them, and
//! `nocure grant report`.

use std::io::{self, Write};

use crate::contract::ContractSet;
use crate::grant::set::warnings;

/// Prints one line per grant version and its warnings; returns how many
/// warnings there were. With `strict` they are printed as errors.
pub(super) fn check_grants(out: &mut impl Write, set: &ContractSet, strict: bool) -> io::Result<usize> {
    let mut count = 0;
    for g in set.grants.all() {
        let bands: Vec<String> = g
            .bands
            .iter()
            .map(|b| {
                let upper = b.below_pct.map_or("100 %]".to_string(), |u| format!("{} %)", u.normalize()));
                format!(
                    "[{} %, {upper} → {}",
                    b.from_pct.normalize(),
                    crate::grant::amounts::percent_of(g.amount, b.pays_pct).plain()
                )
            })
            .collect();
        writeln!(
            out,
            "ok  {} version {} (grant pool {} kr., {} to {}; tranche 1 {}; tranche 2 {})",
            g.id,
            g.version,
            g.amount.plain(),
            g.period.from,
            g.period.until,
            g.tranche1().plain(),
            bands.join(", ")
        )?;
        for w in warnings(g) {
            let label = if strict { "error (strict)" } else { "warning" };
            writeln!(out, "{label}: {} version {}: {}: {}", g.id, g.version, w.field(), w.english())?;
            count += 1;
        }
    }
    Ok(count)
}
