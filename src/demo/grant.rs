//! The demo's Ungeløftet participants: `examples/ungeloeftet-participants.csv`
//! (40 young people enrolled in September 2025 and February 2026), imported
//! as a caseworker would import them. Their monthly share crosses the 50 %
//! edge several times (50.0 % in November 2025, 52.5 % in April and May
//! 2026, 45.0 % in March) and reaches 56.4 % in December 2026; docs/rules.md
//! gives the table.

use crate::service::Service;
use crate::store::RepoError;
use crate::store::audit::Actor;
use crate::wire::participants::from_csv;

pub const GRANT: &str = "lejre-ungeloeftet";
const PARTICIPANTS: &str = include_str!("../../examples/ungeloeftet-participants.csv");

/// Records the participants when the grant file is loaded; returns how many.
pub async fn load(svc: &Service, caseworker: &Actor) -> Result<usize, RepoError> {
    let Some(g) = svc.grant(GRANT) else { return Ok(0) };
    let participants =
        from_csv(PARTICIPANTS, "examples/ungeloeftet-participants.csv", &g, &svc.key).map_err(RepoError::Invalid)?;
    svc.record_participants(GRANT, &participants, caseworker).await?;
    Ok(participants.len())
}
