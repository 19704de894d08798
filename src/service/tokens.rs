//! Roles and bearer tokens. A token is shown once when created and stored
//! only as its SHA-256 hash.

use std::fmt;

use chrono::Utc;

use super::{Service, Viewer};
use crate::contract::Problem;
use crate::ids::Cvr;
use crate::store::audit::{Actor, sha256_hex};
use crate::store::kv::StoreError;
use crate::store::records::TokenRecord;
use crate::store::{Read, RepoError, keys};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Role {
    Procurement,
    Caseworker,
    Finance,
    Committee,
    Supplier,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Procurement, Role::Caseworker, Role::Finance, Role::Committee, Role::Supplier];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Procurement => "procurement",
            Role::Caseworker => "caseworker",
            Role::Finance => "finance",
            Role::Committee => "committee",
            Role::Supplier => "supplier",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An authenticated caller.
#[derive(Clone, Debug)]
pub struct Caller {
    pub role: Role,
    pub name: String,
    /// What the caller may see: everything (staff) or one supplier's own.
    pub viewer: Viewer,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        Actor { role: self.role.as_str().into(), name: self.name.clone() }
    }

    pub fn viewer(&self) -> Viewer {
        self.viewer.clone()
    }
}

/// A new random token: `nc_` and 32 random bytes in hex.
pub fn new_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| StoreError::Io(format!("no randomness for a token: {e}")))?;
    Ok(format!("nc_{}", hex::encode(bytes)))
}

impl Service {
    /// Creates a token; returns it (shown once) and its record.
    pub async fn create_token(
        &self,
        role: Role,
        supplier: Option<&str>,
        name: &str,
        actor: &Actor,
    ) -> Result<(String, TokenRecord), RepoError> {
        let mut problems = Vec::new();
        let name = name.trim();
        if crate::cpr::contains_cpr(name) {
            // A token's name is in every audit entry and record it writes.
            problems.push(Problem::new("name", None, crate::cpr::REFUSED));
        } else if name.is_empty()
            || name.len() > 64
            || !name.chars().all(|c| c.is_alphanumeric() || " -_.@".contains(c))
        {
            problems.push(Problem::new("name", None, "1-64 letters, digits, spaces, '-', '_', '.' or '@'"));
        }
        let cvr = match (role, supplier) {
            (Role::Supplier, None) => {
                problems.push(Problem::new("supplier", None, "a supplier token needs the supplier's CVR (--supplier)"));
                None
            }
            (Role::Supplier, Some(s)) => {
                Cvr::parse(s).map_err(|e| problems.push(Problem::new("supplier", None, e.to_string()))).ok()
            }
            (_, Some(_)) => {
                problems.push(Problem::new("supplier", None, "only supplier tokens carry a CVR"));
                None
            }
            (_, None) => None,
        };
        if !problems.is_empty() {
            return Err(RepoError::Invalid(problems));
        }
        let token = new_token()?;
        let record = TokenRecord {
            hash: sha256_hex(token.as_bytes()),
            name: name.to_string(),
            role: role.as_str().into(),
            supplier_cvr: cvr.map(|c| c.to_string()),
            created_at: Utc::now(),
            revoked: false,
        };
        let r = record.clone();
        self.repo
            .write(actor, |tx| {
                tx.put(keys::token(&r.hash), &r);
                let subject = format!("{} ({})", r.name, r.role);
                tx.audit("token.create", &subject, r.hash.as_bytes());
                Ok(())
            })
            .await?;
        Ok((token, record))
    }

    /// Revokes every token whose name starts with `prefix` (demo tokens).
    pub async fn revoke_tokens(&self, prefix: &str, actor: &Actor) -> Result<usize, RepoError> {
        self.repo
            .write(actor, |tx| {
                let mut n = 0;
                for (k, mut t) in tx.scan::<TokenRecord>(keys::TOKEN)? {
                    if !t.revoked && t.name.starts_with(prefix) {
                        t.revoked = true;
                        tx.put(k, &t);
                        tx.audit("token.revoke", &t.name, t.hash.as_bytes());
                        n += 1;
                    }
                }
                Ok(n)
            })
            .await
    }

    /// The caller a token belongs to, if it is valid and not revoked.
    pub fn authenticate(&self, token: &str) -> Result<Option<Caller>, StoreError> {
        if !token.starts_with("nc_") || token.len() != 67 {
            return Ok(None);
        }
        let Some(t) = self.repo.get::<TokenRecord>(&keys::token(&sha256_hex(token.as_bytes())))? else {
            return Ok(None);
        };
        if t.revoked {
            return Ok(None);
        }
        let Some(role) = Role::parse(&t.role) else { return Ok(None) };
        let viewer = match (role, t.supplier_cvr.as_deref().map(Cvr::parse)) {
            (Role::Supplier, Some(Ok(cvr))) => Viewer::Supplier(cvr),
            // A supplier token without a valid CVR sees nothing: refused.
            (Role::Supplier, _) => return Ok(None),
            _ => Viewer::Staff,
        };
        Ok(Some(Caller { role, name: t.name, viewer }))
    }
}
