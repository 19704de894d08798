//! Group commit: every acknowledged write is on disk, but concurrent
//! requests share one fsync. A write takes a ticket after it is applied; it
//! is acknowledged once a flush that started after the ticket was taken has
//! finished. One flusher task runs flushes back to back, each covering all
//! tickets taken before it started.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use super::kv::{Kv, StoreError};

pub struct Flusher {
    taken: AtomicU64,
    kick: Notify,
    closed: AtomicBool,
    task: Mutex<Option<JoinHandle<()>>>,
    /// (highest ticket known durable, the last failed flush: the highest
    /// ticket it covered and its error)
    done: watch::Sender<(u64, Option<(u64, String)>)>,
}

impl Flusher {
    /// Starts the flusher task on the current tokio runtime.
    pub fn spawn(kv: Arc<dyn Kv>) -> Arc<Flusher> {
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
                    let kv = kv.clone();
                    let _ = tokio::task::spawn_blocking(move || kv.flush()).await;
                    break;
                }
                let target = me.taken.load(Ordering::SeqCst);
                if target <= me.done.borrow().0 {
                    continue;
                }
                let kv = kv.clone();
                let result = tokio::task::spawn_blocking(move || kv.flush()).await;
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
