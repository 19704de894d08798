//! The repository against its anchor: the check at start (and in
//! `/audit/verify`), arming the anchor once the store has passed, and an
//! operator's explicit acceptance of a store that has not.

use std::path::Path;

use super::anchor::{Anchor, compare};
use super::audit::{Actor, AuditEntry, ChainReport};
use super::kv::StoreError;
use super::{Read, Repo, RepoError, keys};

/// The store compared with its anchor file and with an anchor kept off
/// the machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnchorCheck {
    /// The store's audit head.
    pub head: Anchor,
    /// The anchor file's content (`None`: no file, or no anchor kept).
    pub on_file: Option<Anchor>,
    /// What is wrong: acknowledged writes missing, another history, the
    /// anchor missing or unreadable.
    pub problems: Vec<String>,
    /// What the operator should know although nothing is wrong.
    pub notes: Vec<String>,
}

impl Repo {
    /// The audit chain's head as the store holds it.
    pub fn head(&self) -> Result<Anchor, StoreError> {
        super::durability::head(self.kv.as_ref())
    }

    /// The last anchor written durably (the head, for a store without an
    /// anchor file).
    pub fn anchor(&self) -> Result<Anchor, StoreError> {
        match self.anchoring.as_ref().and_then(|a| a.durable()) {
            Some(a) => Ok(a),
            None => self.head(),
        }
    }

    fn entry(&self, seq: u64) -> Result<Option<AuditEntry>, StoreError> {
        if seq == 0 { Ok(None) } else { self.get::<AuditEntry>(&keys::audit(seq)) }
    }

    /// Compares the store with an anchor; `None` when it is at or past it.
    pub fn against(&self, anchor: &Anchor, what: &str) -> Result<Option<String>, StoreError> {
        let head = self.head()?;
        let at = self.entry(anchor.seq)?;
        Ok(compare(anchor, &head, at.as_ref()).problem(what, anchor))
    }

    /// Compares the store with its anchor file and with `expected` (an
    /// anchor filed off this machine). Reads only.
    pub fn check_anchor(&self, expected: Option<&Anchor>) -> Result<AnchorCheck, StoreError> {
        let head = self.head()?;
        let mut check = AnchorCheck { head: head.clone(), on_file: None, problems: vec![], notes: vec![] };
        if let Some(anchoring) = &self.anchoring {
            let path = anchoring.file().path();
            match anchoring.file().read() {
                Err(e) => check.problems.push(format!("{e}; it cannot be shown that no acknowledged write is missing")),
                Ok(None) if head.seq == 0 => {}
                Ok(None) => check.problems.push(format!(
                    "the store holds {} audit entries but its anchor {} is missing: it cannot be shown that no acknowledged write is missing",
                    head.seq,
                    path.display()
                )),
                Ok(Some(a)) => {
                    let at = self.entry(a.seq)?;
                    match compare(&a, &head, at.as_ref()) {
                        super::anchor::Standing::Ahead(n) => check.notes.push(format!(
                            "the store is {n} audit {} past its anchor {a} (written and flushed just before a stop, before the anchor moved); the anchor moves to {head}",
                            if n == 1 { "entry" } else { "entries" }
                        )),
                        s => check.problems.extend(s.problem("its anchor", &a)),
                    }
                    check.on_file = Some(a);
                }
            }
        }
        if let Some(x) = expected {
            check.problems.extend(self.against(x, "the expected anchor")?);
        }
        Ok(check)
    }

    /// After a check without problems (or an accepted one): makes the store
    /// durable and writes its head as the anchor; from now on every flush
    /// moves it.
    pub fn arm_anchor(&self, check: &AnchorCheck) -> Result<(), StoreError> {
        if let Some(a) = &self.anchoring {
            self.kv.flush()?;
            a.arm(&self.head()?, check.on_file.as_ref())?;
        }
        Ok(())
    }

    pub(super) fn anchor_unchecked(&self) -> bool {
        self.anchoring.as_ref().is_some_and(|a| a.durable().is_none())
    }

    /// The operator accepts the store as it is although it failed the
    /// anchor check: `at` must be the store's last audit entry (so that the
    /// acceptance is for this store, and a flag left in place accepts
    /// nothing later). Arms the anchor and records the acceptance, with
    /// what was wrong, in the audit log.
    pub async fn accept(&self, check: &AnchorCheck, at: u64, actor: &Actor) -> Result<Anchor, RepoError> {
        if at != check.head.seq {
            return Err(RepoError::Conflict(format!(
                "--accept-store-at {at} does not match the store, which ends at audit entry {}",
                check.head.seq
            )));
        }
        self.arm_anchor(check)?;
        let subject = format!("store accepted at entry {} although {}", check.head.seq, check.problems.join("; "));
        let content = check.problems.join("\n");
        self.write(actor, |tx| {
            tx.audit("store.accept", &subject, content.as_bytes());
            Ok(())
        })
        .await?;
        Ok(self.head()?)
    }
}

impl Repo {
    /// The chain check, and the store against its anchor file and against
    /// `expected` (an anchor filed off this machine): `/audit/verify`.
    pub fn verify(&self, expected: Option<&Anchor>) -> Result<ChainReport, StoreError> {
        // The anchor first: it is never past the store's head read after it.
        let on_file = self.anchoring.as_ref().map(|a| a.file().read());
        let mut r = self.verify_audit()?;
        match on_file {
            Some(Ok(Some(a))) => {
                r.problems.extend(self.against(&a, "its anchor")?);
                r.anchor = Some(a.to_string());
            }
            Some(Ok(None)) if self.head()?.seq > 0 => r.problems.push("the store's anchor file is missing".into()),
            Some(Err(e)) => r.problems.push(e.to_string()),
            _ => {}
        }
        if let Some(x) = expected {
            r.problems.extend(self.against(x, "the expected anchor")?);
        }
        r.ok = r.problems.is_empty();
        Ok(r)
    }
}

/// The operator message for a store that failed the anchor check.
pub fn refusal(problems: &[String], head: &Anchor, data_dir: &Path) -> String {
    format!(
        "the store in {dir} cannot be shown to hold every acknowledged write; not starting:\n{list}\n\
         What to do: move this data directory aside as it is (for the investigation), put the latest backup of \
         the data directory in its place, and start again with the last anchor filed off this machine \
         (--expect-anchor SEQ:HASH); writes acknowledged after that backup must be entered again from their \
         sources (invoices, course events). To serve this store as it is instead, knowing that what is listed \
         above is lost, start once with --accept-store-at {seq}: the acceptance is logged and recorded in the \
         audit log.",
        dir = data_dir.display(),
        list = problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"),
        seq = head.seq,
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::store::anchor::AnchorFile;
    use crate::store::kv::MemoryKv;

    async fn audited(repo: &Repo, what: &str) -> Result<(), RepoError> {
        repo.write(&Actor::system("t"), |tx| {
            tx.audit("test", what, b"");
            Ok(())
        })
        .await
    }

    #[tokio::test]
    async fn nothing_is_written_before_the_check_and_every_acknowledged_write_is_anchored() {
        let dir = tempfile::tempdir().unwrap();
        let file = AnchorFile::new(dir.path());
        let repo = Repo::anchored(Arc::new(MemoryKv::default()), file.clone());
        let e = audited(&repo, "early").await.unwrap_err().to_string();
        assert!(e.contains("not been checked against its anchor"), "{e}");
        assert_eq!(repo.head().unwrap(), Anchor::genesis());

        let check = repo.check_anchor(None).unwrap();
        assert_eq!((check.problems.len(), check.on_file.clone()), (0, None));
        repo.arm_anchor(&check).unwrap();
        // An empty store gets the chain's start as its anchor.
        assert_eq!(file.read().unwrap(), Some(Anchor::genesis()));
        for seq in 1..=3 {
            audited(&repo, &seq.to_string()).await.unwrap();
            // Acknowledged: the anchor on disk is already this write's entry.
            let on_disk = file.read().unwrap().unwrap();
            assert_eq!(on_disk.seq, seq);
            assert_eq!(on_disk, repo.head().unwrap());
            assert_eq!(repo.anchor().unwrap(), on_disk);
        }
        repo.close().await;
    }

    #[tokio::test]
    async fn a_store_behind_its_anchor_is_not_armed_and_its_anchor_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = AnchorFile::new(dir.path());
        let later = Anchor { seq: 5, hash: "ab".repeat(32) };
        file.write(&later).unwrap();
        let repo = Repo::anchored(Arc::new(MemoryKv::default()), file.clone());
        let check = repo.check_anchor(None).unwrap();
        assert_eq!(
            check.problems,
            [
                "the store ends at audit entry 0 but its anchor says 5 were acknowledged: 5 acknowledged writes are missing"
            ]
        );
        assert!(audited(&repo, "x").await.is_err());
        repo.close().await;
        assert_eq!(file.read().unwrap(), Some(later));
        let text = refusal(&check.problems, &check.head, dir.path());
        assert!(text.contains("--accept-store-at 0") && text.contains("backup"), "{text}");
    }

    #[tokio::test]
    async fn an_acceptance_is_for_the_store_as_it_ends_and_is_audited() {
        let dir = tempfile::tempdir().unwrap();
        let file = AnchorFile::new(dir.path());
        file.write(&Anchor { seq: 2, hash: "ab".repeat(32) }).unwrap();
        let repo = Repo::anchored(Arc::new(MemoryKv::default()), file.clone());
        let check = repo.check_anchor(None).unwrap();
        let wrong = repo.accept(&check, 2, &Actor::system("operator")).await.unwrap_err().to_string();
        assert!(wrong.contains("does not match the store, which ends at audit entry 0"), "{wrong}");
        let accepted = repo.accept(&check, 0, &Actor::system("operator")).await.unwrap();
        assert_eq!(accepted.seq, 1);
        assert_eq!(file.read().unwrap(), Some(accepted));
        let e = &repo.audit_page(0, 10).unwrap()[0];
        assert_eq!((e.action.as_str(), e.actor.as_str()), ("store.accept", "operator"));
        assert!(e.subject.contains("2 acknowledged writes are missing"), "{}", e.subject);
        repo.close().await;
    }
}
