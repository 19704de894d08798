//! Group commit: every acknowledged write is on disk, but concurrent
//! requests share one fsync. A write takes a ticket after it is applied; it
//! is acknowledged once a flush that started after the ticket was taken has
//! finished. One flusher task runs flushes back to back, each covering all
//! tickets taken before it started.
//!
//! With an anchor (a store on disk), each flush also moves the anchor to the
//! audit head it made durable: the head is read before the store is
//! flushed, and the anchor written after, so the anchor never names an
//! entry that is not on disk, and a write is acknowledged only when both
//! the store and the anchor are. One anchor write per group flush, not per
//! write.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use super::anchor::{Anchor, Anchoring};
use super::keys;
use super::kv::{Kv, StoreError};
use super::records::AuditHead;

pub struct Flusher {
    taken: AtomicU64,
    kick: Notify,
    closed: AtomicBool,
    task: Mutex<Option<JoinHandle<()>>>,
    /// (highest ticket known durable, the last failed flush: the highest
    /// ticket it covered and its error)
    done: watch::Sender<(u64, Option<(u64, String)>)>,
}

/// One group flush: the store, then the anchor to the head read before.
fn flush(kv: &dyn Kv, anchor: Option<&Anchoring>) -> Result<(), StoreError> {
    let head = anchor.map(|_| head(kv)).transpose()?;
    kv.flush()?;
    if let (Some(a), Some(h)) = (anchor, head) {
        a.advance(&h)?;
    }
    Ok(())
}

/// The audit chain's head as the store holds it.
pub fn head(kv: &dyn Kv) -> Result<Anchor, StoreError> {
    let bytes = kv.get(keys::AUDIT_HEAD)?;
    match bytes {
        None => Ok(Anchor::genesis()),
        Some(b) => {
            let h: AuditHead =
                serde_json::from_slice(&b).map_err(|e| StoreError::Corrupt(format!("{}: {e}", keys::AUDIT_HEAD)))?;
            Ok(Anchor { seq: h.seq, hash: h.hash })
        }
    }
}

impl Flusher {
    /// Starts the flusher task on the current tokio runtime.
    pub fn spawn(kv: Arc<dyn Kv>, anchor: Option<Arc<Anchoring>>) -> Arc<Flusher> {
        let (done, _) = watch::channel((0, None));
        let f = Arc::new(Flusher {
            taken: AtomicU64::new(0),
            kick: Notify::new(),
            closed: AtomicBool::new(false),
            task: Mutex::new(None),
            done,
        });
        let me = f.clone();
        let task = tokio::spawn(async move {
            loop {
                me.kick.notified().await;
                if me.closed.load(Ordering::SeqCst) {
                    // A last flush, then let go of the store.
                    let (kv, anchor) = (kv.clone(), anchor.clone());
                    let _ = tokio::task::spawn_blocking(move || flush(kv.as_ref(), anchor.as_deref())).await;
                    break;
                }
                let target = me.taken.load(Ordering::SeqCst);
                if target <= me.done.borrow().0 {
                    continue;
                }
                let (kv, anchor) = (kv.clone(), anchor.clone());
                let result = tokio::task::spawn_blocking(move || flush(kv.as_ref(), anchor.as_deref())).await;
                let error = match result {
                    Ok(Ok(())) => None,
                    Ok(Err(e)) => Some(e.to_string()),
                    Err(e) => Some(e.to_string()),
                };
                if let Some(e) = &error {
                    tracing::error!(error = %e, "flush failed; writes are not acknowledged");
                }
                let durable = me.done.borrow().0;
                match error {
                    None => me.done.send_replace((target, None)),
                    Some(e) => me.done.send_replace((durable, Some((target, e)))),
                };
            }
        });
        *f.task.lock().unwrap_or_else(|p| p.into_inner()) = Some(task);
        f
    }

    /// Stops the flusher after a last flush; it releases its hold on the
    /// store, so that the store can be closed and reopened.
    pub async fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        self.kick.notify_one();
        let task = self.task.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(t) = task {
            let _ = t.await;
        }
    }

    /// A ticket for a write that has just been applied.
    pub fn ticket(&self) -> u64 {
        self.taken.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Waits until the write with `ticket` is on disk.
    pub async fn durable(&self, ticket: u64) -> Result<(), StoreError> {
        let mut rx = self.done.subscribe();
        loop {
            {
                let (done, error) = &*rx.borrow_and_update();
                if *done >= ticket {
                    return Ok(());
                }
                if let Some((covered, e)) = error
                    && *covered >= ticket
                {
                    return Err(StoreError::Io(format!("the write could not be made durable: {e}")));
                }
            }
            self.kick.notify_one();
            if rx.changed().await.is_err() {
                return Err(StoreError::Io("the flusher stopped".into()));
            }
        }
    }
}
