//! Server settings: a config file (TOML) overridden by command-line flags.
//! Also where the pseudonym key comes from.

use std::fs;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::cpr::PseudonymKey;
use crate::service::Limits;
use crate::service::disclosure::{DisclosureSettings, PUBLISHABLE};
use crate::service::tokens::Role;
use crate::store::anchor::Anchor;

/// The config file's shape (all fields optional).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub data_dir: Option<PathBuf>,
    pub contracts_dir: Option<PathBuf>,
    pub listen: Option<SocketAddr>,
    pub key_file: Option<PathBuf>,
    /// The last anchor filed off this machine (`SEQ:HASH`): a start on a
    /// store that does not reach it is refused.
    pub expect_anchor: Option<String>,
    #[serde(default)]
    pub limits: LimitsFile,
    #[serde(default)]
    pub disclosure: DisclosureFile,
}

/// `[disclosure]`: small-cell protection of the committee figures.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureFile {
    /// Counts from 1 to threshold − 1 are suppressed (default 5; 0 or 1: none).
    pub threshold: Option<u64>,
    /// Roles that see the figures protected (default `["committee"]`).
    pub roles: Option<Vec<String>>,
    /// Tables whose counts are public, as the minutes print them (default
    /// `["status"]`).
    pub published: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsFile {
    pub max_body_bytes: Option<usize>,
    pub max_invoice_lines: Option<usize>,
    pub max_events_per_request: Option<usize>,
    pub max_page: Option<usize>,
    pub request_timeout_secs: Option<u64>,
}

/// Where the pseudonym key comes from.
#[derive(Clone, Debug)]
pub enum KeySource {
    /// Given directly (tests).
    Key(PseudonymKey),
    /// `NOCURE_PSEUDONYM_KEY` if set, else this file (created on first start).
    EnvOrFile(PathBuf),
}

#[derive(Clone, Debug)]
pub struct Settings {
    pub data_dir: PathBuf,
    /// Contract files loaded at start; `None` loads none.
    pub contracts_dir: Option<PathBuf>,
    pub listen: SocketAddr,
    pub demo: bool,
    pub key: KeySource,
    pub limits: Limits,
    /// A start on a store that does not reach this anchor is refused.
    pub expect_anchor: Option<Anchor>,
    /// The operator accepts the store as it is, ending at this audit
    /// entry, although it failed the anchor check (logged and audited).
    pub accept_store_at: Option<u64>,
    pub disclosure: DisclosureSettings,
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("{0}")]
    Key(String),
}

impl ConfigFile {
    pub fn read(path: &Path) -> Result<ConfigFile, SettingsError> {
        let file = path.display().to_string();
        let text =
            fs::read_to_string(path).map_err(|e| SettingsError::File { file: file.clone(), message: e.to_string() })?;
        toml::from_str(&text).map_err(|e| SettingsError::File { file, message: e.to_string() })
    }

    /// The expected anchor, if the file gives one.
    pub fn expect_anchor(&self, path: &Path) -> Result<Option<Anchor>, SettingsError> {
        self.expect_anchor.as_deref().map(Anchor::parse).transpose().map_err(|e| SettingsError::File {
            file: path.display().to_string(),
            message: format!("expect_anchor: {e}"),
        })
    }

    pub fn limits(&self) -> Limits {
        let d = Limits::default();
        let l = &self.limits;
        Limits {
            max_body_bytes: l.max_body_bytes.unwrap_or(d.max_body_bytes),
            max_invoice_lines: l.max_invoice_lines.unwrap_or(d.max_invoice_lines),
            max_events_per_request: l.max_events_per_request.unwrap_or(d.max_events_per_request),
            max_page: l.max_page.unwrap_or(d.max_page),
            request_timeout: l.request_timeout_secs.map(Duration::from_secs).unwrap_or(d.request_timeout),
        }
    }
}

impl ConfigFile {
    /// The `[disclosure]` setting, or what in it is wrong.
    pub fn disclosure(&self) -> Result<DisclosureSettings, SettingsError> {
        let d = DisclosureSettings::default();
        let f = &self.disclosure;
        let bad = |message: String| SettingsError::File { file: "config".into(), message };
        let roles = match &f.roles {
            None => d.roles,
            Some(names) => names
                .iter()
                .map(|n| {
                    Role::parse(n).ok_or_else(|| {
                        let all: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                        bad(format!("disclosure.roles: unknown role `{n}`; expected one of {}", all.join(", ")))
                    })
                })
                .collect::<Result<Vec<Role>, SettingsError>>()?,
        };
        let published = match &f.published {
            None => d.published,
            Some(names) => {
                if let Some(n) = names.iter().find(|n| !PUBLISHABLE.contains(&n.as_str())) {
                    return Err(bad(format!(
                        "disclosure.published: unknown table `{n}`; expected any of {}",
                        PUBLISHABLE.join(", ")
                    )));
                }
                names.clone()
            }
        };
        Ok(DisclosureSettings { threshold: f.threshold.unwrap_or(d.threshold), roles, published })
    }
}

/// The default key file: outside the data directory, in the user's config
/// folder (`$XDG_CONFIG_HOME/nocure/pseudonym.key` or
/// `~/.config/nocure/pseudonym.key`).
pub fn default_key_file() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("nocure").join("pseudonym.key")
}

fn decode_key(text: &str) -> Option<PseudonymKey> {
    let t = text.trim();
    let bytes = match hex::decode(t) {
        Ok(b) if t.len() >= 32 => b,
        _ => t.as_bytes().to_vec(),
    };
    PseudonymKey::new(bytes)
}

/// Loads the key. Returns it and any warnings for the operator. The key
/// must live outside the data directory: a copy of the data must not carry
/// the means to turn a CPR number into its pseudonym.
pub fn load_key(source: &KeySource, data_dir: &Path) -> Result<(PseudonymKey, Vec<String>), SettingsError> {
    let file = match source {
        KeySource::Key(k) => return Ok((k.clone(), vec![])),
        KeySource::EnvOrFile(f) => f,
    };
    if let Ok(v) = std::env::var("NOCURE_PSEUDONYM_KEY") {
        let key = decode_key(&v).ok_or_else(|| {
            SettingsError::Key("NOCURE_PSEUDONYM_KEY must be at least 16 bytes (32 hex digits)".into())
        })?;
        return Ok((key, vec![]));
    }
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    if abs(file).starts_with(abs(data_dir)) {
        return Err(SettingsError::Key(format!(
            "the pseudonym key file {} is inside the data directory {}; keep it outside, so that a copy of the data cannot link CPR numbers to pseudonyms",
            file.display(),
            data_dir.display()
        )));
    }
    let mut warnings = Vec::new();
    if !file.exists() {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| SettingsError::Key(format!("no randomness for a key: {e}")))?;
        if let Some(dir) = file.parent() {
            fs::create_dir_all(dir).map_err(|e| SettingsError::Key(format!("cannot create {}: {e}", dir.display())))?;
        }
        write_private(file, hex::encode(bytes).as_bytes())
            .map_err(|e| SettingsError::Key(format!("cannot write the key file {}: {e}", file.display())))?;
        warnings.push(format!(
            "created a new pseudonym key in {} (mode 0600). Back it up and keep it apart from the data: without it, the same CPR number gets a different pseudonym and re-referrals are not recognised.",
            file.display()
        ));
    }
    let text = fs::read_to_string(file)
        .map_err(|e| SettingsError::Key(format!("cannot read the key file {}: {e}", file.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::metadata(file)
            && meta.permissions().mode() & 0o077 != 0
        {
            warnings.push(format!("the key file {} is readable by other users; chmod 600 it", file.display()));
        }
    }
    let key = decode_key(&text)
        .ok_or_else(|| SettingsError::Key(format!("the key file {} must hold at least 16 bytes", file.display())))?;
    Ok((key, warnings))
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_file_is_private_and_stable() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("keys/pseudonym.key");
        let data = dir.path().join("data");
        let (k1, w) = load_key(&KeySource::EnvOrFile(file.clone()), &data).unwrap();
        assert!(w[0].contains("created a new pseudonym key"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        let (k2, w2) = load_key(&KeySource::EnvOrFile(file), &data).unwrap();
        assert!(w2.is_empty());
        let cpr = crate::cpr::Cpr::parse("010170-1234").unwrap();
        assert_eq!(k1.pseudonym(&cpr), k2.pseudonym(&cpr));
    }

    #[test]
    fn a_key_inside_the_data_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_key(&KeySource::EnvOrFile(dir.path().join("data/key")), &dir.path().join("data")).unwrap_err();
        assert!(err.to_string().contains("inside the data directory"));
    }

    #[test]
    fn config_files_are_strict() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("nocure.toml");
        fs::write(&f, "listen = \"127.0.0.1:9000\"\n[limits]\nmax_body_bytes = 1024\n").unwrap();
        let c = ConfigFile::read(&f).unwrap();
        assert_eq!(c.limits().max_body_bytes, 1024);
        fs::write(&f, "lisen = \"127.0.0.1:9000\"\n").unwrap();
        assert!(ConfigFile::read(&f).unwrap_err().to_string().contains("lisen"));
    }

    #[test]
    fn the_disclosure_setting_has_defaults_and_names_what_is_wrong() {
        let d = ConfigFile::default().disclosure().unwrap();
        assert_eq!(
            (d.threshold, d.roles.clone(), d.published.clone()),
            (5, vec![Role::Committee], vec!["status".to_string()])
        );
        assert!(d.policy_for(Role::Finance).is_none(), "finance sees every figure");
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("nocure.toml");
        fs::write(&f, "[disclosure]\nthreshold = 3\nroles = [\"committee\", \"procurement\"]\npublished = []\n")
            .unwrap();
        let d = ConfigFile::read(&f).unwrap().disclosure().unwrap();
        assert_eq!(d.policy_for(Role::Procurement).unwrap().threshold, 3);
        assert!(d.policy_for(Role::Committee).unwrap().published.is_empty());
        fs::write(&f, "[disclosure]\nroles = [\"udvalg\"]\n").unwrap();
        let err = ConfigFile::read(&f).unwrap().disclosure().unwrap_err().to_string();
        assert!(err.contains("unknown role `udvalg`"), "{err}");
        fs::write(&f, "[disclosure]\npublished = [\"money\"]\n").unwrap();
        assert!(ConfigFile::read(&f).unwrap().disclosure().unwrap_err().to_string().contains("unknown table `money`"));
    }
}
