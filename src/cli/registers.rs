//! `nocure registers import`: a register extract (income or benefits, CSV
//! in either dialect) into a stopped server's store, whole or not at all.
//! The file is read as a stream, each row parsed and its CPR number
//! pseudonymised as it comes, with a progress line on stderr.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use super::progress::Progress;
use super::server::{existing_store, open_checked, runtime, settings};
use crate::service::registers::Extract;
use crate::wire::registers_csv;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExtractKind {
    /// The income register: pay periods, paid hours, income.
    Income,
    /// The benefit register: a benefit code per ISO week.
    Benefits,
}

#[derive(Debug, clap::Subcommand)]
pub enum RegistersCommand {
    /// Import an extract (CSV, either dialect) into a stopped server's
    /// store: CPR numbers become pseudonyms; every bad row is named by
    /// line and field, and then nothing is stored.
    Import {
        /// Which register the file is from.
        #[arg(long, value_enum)]
        kind: ExtractKind,
        /// The CSV file.
        file: PathBuf,
        /// The server's config file (its data_dir and key_file).
        #[arg(long)]
        config: Option<PathBuf>,
        /// The server's data directory (default ./nocure-data).
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

pub(super) fn import_cmd(
    kind: ExtractKind,
    file: PathBuf,
    config: Option<PathBuf>,
    data: Option<PathBuf>,
) -> io::Result<ExitCode> {
    let s = match settings(config, data, None, None, false) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let opened = std::fs::File::open(&file).and_then(|f| f.metadata().map(|m| (m.len(), f)));
    let (size, input) = match opened {
        Ok((size, f)) => (size, io::BufReader::with_capacity(64 * 1024, f)),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return Ok(ExitCode::from(2));
        }
    };
    let name = file.display().to_string();
    runtime()?.block_on(async move {
        let result = async {
            existing_store(&s)?;
            let svc = open_checked(&s).await?;
            let mut bar = Progress::new(size);
            let mut progress = |bytes, rows| bar.update(bytes, rows);
            let parsed = match kind {
                ExtractKind::Income => {
                    registers_csv::income_from(input, &name, &svc.key, &mut progress).map(Extract::Income)
                }
                ExtractKind::Benefits => {
                    registers_csv::benefits_from(input, &name, &svc.key, &mut progress).map(Extract::Benefits)
                }
            };
            bar.finish();
            let extract = match parsed {
                Ok(e) if e.is_empty() => Err(format!("{name}: no rows; nothing was stored")),
                Ok(e) => Ok(e),
                Err(problems) => {
                    super::print_problems(&problems);
                    Err("nothing was stored".to_string())
                }
            };
            let out = match extract {
                Ok(extract) => {
                    let actor = crate::store::audit::Actor::system("cli");
                    svc.import_extract(&extract, &name, &actor)
                        .await
                        .map(|(seq, replacing)| (extract.kind(), seq, extract.len(), replacing))
                        .map_err(|e| e.to_string())
                }
                Err(e) => Err(e),
            };
            svc.repo.close().await;
            out
        }
        .await;
        match result {
            Ok((kind, seq, rows, replacing)) => {
                let corrected =
                    if replacing > 0 { format!(" ({replacing} replacing earlier rows)") } else { String::new() };
                println!("imported {kind} extract {seq}: {rows} rows{corrected}");
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("error: {e}");
                Ok(ExitCode::from(1))
            }
        }
    })
}
