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

/// Where the participants come from.
pub enum GrantSource {
    /// A participants CSV and the contract folder.
    File { contracts: std::path::PathBuf, participants: std::path::PathBuf },
    /// A stopped server's data directory.
    Data { config: Option<std::path::PathBuf>, data: Option<std::path::PathBuf> },
}

pub struct GrantOptions {
    pub grant: Option<String>,
    pub as_of: chrono::NaiveDate,
    pub format: super::report::ReportFormat,
    pub lang: Option<crate::lang::Lang>,
    pub dialect: Option<crate::wire::table_csv::Dialect>,
    pub committee: bool,
}

fn pick(set: &ContractSet, given: Option<&str>) -> Result<std::sync::Arc<crate::grant::Grant>, String> {
    let ids: Vec<String> = set.grants.latest_each().map(|g| g.id.to_string()).collect();
    let id = match given {
        Some(g) => g.to_string(),
        None if ids.len() == 1 => ids[0].clone(),
        None if ids.is_empty() => return Err("no grant files (kind = \"grant_pool\") among the contracts".into()),
        None => return Err(format!("give --grant; one of {}", ids.join(", "))),
    };
    set.grants.latest(&id).cloned().ok_or_else(|| format!("no grant `{id}`; known: {}", ids.join(", ")))
}

/// `nocure grant report`.
pub fn grant_report_cmd(source: GrantSource, o: GrantOptions) -> io::Result<std::process::ExitCode> {
    use super::report::ReportFormat;
    use std::process::ExitCode;
    if o.dialect.is_some() && o.format != ReportFormat::Csv {
        eprintln!("error: --dialect applies to --format csv only");
        return Ok(ExitCode::from(2));
    }
    if o.lang.is_some() && o.format != ReportFormat::Table {
        eprintln!("error: --lang applies to --format table only");
        return Ok(ExitCode::from(2));
    }
    let found = match source {
        GrantSource::File { contracts, participants } => {
            let Some(set) = super::contracts_or_report(&contracts) else { return Ok(ExitCode::from(1)) };
            let g = match pick(&set, o.grant.as_deref()) {
                Ok(g) => g,
                Err(e) => {
                    eprintln!("error: {e}");
                    return Ok(ExitCode::from(2));
                }
            };
            let name = participants.display().to_string();
            let text = match std::fs::read_to_string(&participants) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("error: {name}: cannot read: {e}");
                    return Ok(ExitCode::from(1));
                }
            };
            // The pseudonyms never leave this process: any key will do, and
            // a fresh random one keeps them unlinkable to any store's.
            let mut bytes = [0u8; 32];
            getrandom::fill(&mut bytes).map_err(|e| io::Error::other(format!("no randomness for a key: {e}")))?;
            let key = crate::cpr::PseudonymKey::new(bytes.to_vec()).expect("32 bytes");
            match crate::wire::participants::from_csv(&text, &name, &g, &key) {
                Ok(ps) => {
                    let r = crate::grant::report::grant_report(&g, &ps, o.as_of);
                    (g, r)
                }
                Err(problems) => {
                    eprintln!("The participants were refused; nothing was reported:");
                    super::print_problems(&problems);
                    return Ok(ExitCode::from(1));
                }
            }
        }
        GrantSource::Data { config, data } => {
            let fail = |e: String| {
                eprintln!("error: {e}");
                ExitCode::from(1)
            };
            let s = match super::server::settings(config, data, None, None, false) {
                Ok(s) => s,
                Err(e) => return Ok(fail(e)),
            };
            if let Err(e) = super::server::existing_store(&s) {
                return Ok(fail(e));
            }
            let rt = super::server::runtime()?;
            let res = rt.block_on(async {
                let svc = super::server::open_checked(&s).await?;
                let out = match pick(&svc.contracts(), o.grant.as_deref()) {
                    Ok(g) => svc.grant_report(g.id.as_str(), o.as_of).map_err(|e| e.to_string()),
                    Err(e) => Err(e),
                };
                svc.repo.close().await;
                out
            });
            match res {
                Ok(Some(found)) => found,
                Ok(None) => return Ok(fail("no such grant".into())),
                Err(e) => return Ok(fail(e)),
            }
        }
    };
    let (g, r) = found;
    let policy = o.committee.then(crate::report::disclosure::Policy::default);
    let table = crate::wire::grant_out::months_table(&g, &r, policy.as_ref());
    let mut out = io::stdout().lock();
    match o.format {
        ReportFormat::Json => {
            let v = crate::wire::grant_out::report_json(&g, &r, policy.as_ref());
            writeln!(out, "{}", serde_json::to_string_pretty(&v).map_err(io::Error::other)?)?;
        }
        ReportFormat::Csv => out.write_all(&crate::wire::table_csv::to_csv(&table, o.dialect.unwrap_or_default()))?,
        ReportFormat::Table => {
            let lang = o.lang.unwrap_or_default();
            let table = crate::wire::grant_out::months_table_for_people(&g, &r, policy.as_ref(), lang);
            let as_of = if lang == crate::lang::Lang::Da {
                r.as_of.format("%d.%m.%Y").to_string()
            } else {
                r.as_of.to_string()
            };
            write!(out, "{}", crate::table::to_text(&table, lang))?;
            writeln!(out, "{} {as_of}", if lang == crate::lang::Lang::Da { "Opgjort pr." } else { "As of" })?;
            writeln!(out)?;
            for (label, value) in crate::wire::grant_out::summary(&g, &r, lang) {
                writeln!(out, "{label}: {value}")?;
            }
            for w in &r.warnings {
                let (label, text) =
                    if lang == crate::lang::Lang::Da { ("Advarsel", w.danish()) } else { ("Warning", w.english()) };
                writeln!(out, "{label}: {text}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
