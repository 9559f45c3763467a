//! The background side of "What's new" (`overlay/whats_new.rs`): where the version this member
//! last looked at is kept (`store::seen`); reading it at start and comparing it with the file,
//! or comparing the versions before and after a sync, on a worker thread; and writing it anew
//! on another, so a key never waits on any of it (the largest workspaces take seconds to read
//! or write).

use crate::insight::activity::{self, ByAuthor, Happened};
use crate::model::Workspace;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

/// Where the version seen is kept: beside nothing, in the cache folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenPlace {
    /// The data file.
    pub data: PathBuf,
    /// The cache folder (`--cache-dir`); `None`: the per-user one.
    pub dir: Option<PathBuf>,
}

/// What a comparison found: `None` when there was no version seen to start from (at start).
pub type Found = Option<Vec<Happened>>;

/// "What's new"'s state in the app (held with its other background work, `Jobs::news`).
#[derive(Debug, Default)]
pub struct News {
    /// Where the version seen is kept; `None`: it is not (the demo, `--no-cache`, tests).
    pub seen: Option<SeenPlace>,
    /// The teammates' changes last found, which the key shows again.
    pub last: Vec<ByAuthor>,
    /// Comparisons under way (at start, after a sync).
    comparing: Vec<Receiver<Found>>,
    /// The last write of the version seen, maybe still under way.
    keeping: Option<JoinHandle<()>>,
}

impl News {
    /// Starts comparing the version seen with `now` (at start), when one is kept somewhere.
    pub fn compare_at_start(&mut self, now: Arc<Workspace>) {
        let Some(place) = self.seen.clone() else {
            return;
        };
        let (send, receive) = mpsc::channel();
        let started = std::thread::Builder::new()
            .name("partnerdeck-seen".into())
            .spawn(move || {
                let found = crate::store::seen::load(&place.data, place.dir.as_deref())
                    .map(|before| activity::between(&before, &now));
                let _ = send.send(found);
            });
        if started.is_ok() {
            self.comparing.push(receive);
        }
    }

    /// Starts comparing the version before a sync with the one after it.
    pub fn compare(&mut self, before: Arc<Workspace>, after: Arc<Workspace>) {
        let (send, receive) = mpsc::channel();
        let started = std::thread::Builder::new()
            .name("partnerdeck-news".into())
            .spawn(move || {
                let _ = send.send(Some(activity::between(&before, &after)));
            });
        if started.is_ok() {
            self.comparing.push(receive);
        }
    }

    /// A comparison that is done, if any (each taken once).
    pub fn poll_compared(&mut self) -> Option<Found> {
        let mut done = None;
        self.comparing.retain(|job| {
            if done.is_some() {
                return true;
            }
            match job.try_recv() {
                Ok(found) => {
                    done = Some(found);
                    false
                }
                Err(TryRecvError::Empty) => true,
                Err(TryRecvError::Disconnected) => false,
            }
        });
        done
    }

    /// Whether a comparison is under way.
    pub fn comparing(&self) -> bool {
        !self.comparing.is_empty()
    }

    /// Keeps `ws` as the version seen, on a worker thread (after the write before it).
    pub fn keep(&mut self, ws: Arc<Workspace>) {
        let Some(place) = self.seen.clone() else {
            return;
        };
        let before = self.keeping.take();
        let started = std::thread::Builder::new()
            .name("partnerdeck-seen".into())
            .spawn(move || {
                if let Some(b) = before {
                    let _ = b.join();
                }
                // A copy that cannot be written only means the next look starts further back.
                let _ = crate::store::seen::keep(&place.data, place.dir.as_deref(), &ws);
            });
        self.keeping = started.ok();
    }

    /// Waits for the write of the version seen (quitting; tests).
    pub fn finish(&mut self) {
        if let Some(k) = self.keeping.take() {
            let _ = k.join();
        }
    }
}

/// The changes of `all` others made (`me`'s own left out), grouped by author, then partner.
pub fn from_others(all: Vec<Happened>, after: &Workspace, me: Option<&str>) -> Vec<ByAuthor> {
    activity::grouped(all, after, me, None)
}
