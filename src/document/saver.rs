//! Where the app saves: a small trait so tests can run without disk, and a disk writer that
//! never overwrites a file changed by someone else (it compares the stamp taken at load or at
//! the last save), keeps backups by policy, and can run on a worker thread so saving never
//! blocks the keyboard (the newest snapshot wins; quitting flushes).

use super::Source;
use crate::model::Workspace;
use crate::store::{self, BackupInfo, BackupPolicy, LoadError, SaveError, Stamp};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// What became of a save.
#[derive(Debug, Clone)]
pub enum SaveEvent {
    /// This snapshot is now on disk.
    Saved(Arc<Workspace>),
    /// The file changed on disk since it was loaded or last saved: nothing was written.
    Conflict(Arc<Workspace>),
    /// Writing failed (disk full, read-only folder, permissions…): nothing was changed on disk.
    Failed(String),
}

/// Why a copy of the workspace could not be saved beside the file.
#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("there is no file to save a copy beside")]
    NoFile,
    /// The workspace cannot be written as RON.
    #[error(transparent)]
    Text(#[from] ron::Error),
    #[error(transparent)]
    Write(#[from] SaveError),
}

pub trait Saver {
    /// Saves (or queues) the whole workspace; the outcome comes from `poll`.
    fn save(&mut self, ws: Arc<Workspace>);

    /// Outcomes since the last call, oldest first.
    fn poll(&mut self) -> Vec<SaveEvent>;

    /// True while a save is queued or being written.
    fn pending(&self) -> bool {
        false
    }

    /// Waits until every queued save is written; returns the outcomes.
    fn flush(&mut self) -> Vec<SaveEvent> {
        self.poll()
    }

    /// Whether the file changed on disk since it was loaded or last saved by us.
    fn disk_changed(&self) -> bool {
        false
    }

    /// Loads the file as it is on disk now and takes it as the new base.
    fn reload(&mut self) -> Result<Option<Workspace>, LoadError> {
        Ok(None)
    }

    /// Writes a snapshot beside the file, without touching it; returns the path.
    fn save_copy(&mut self, _ws: &Workspace) -> Result<PathBuf, CopyError> {
        Err(CopyError::NoFile)
    }

    /// The backup copies saves made since the last call (the versions they replaced).
    fn backups_made(&mut self) -> Vec<BackupInfo> {
        Vec::new()
    }
}

/// Writes the file, guarding against outside changes and keeping backups.
pub struct DiskWriter {
    pub path: PathBuf,
    pub stamp: Arc<Mutex<Option<Stamp>>>,
    pub policy: BackupPolicy,
    /// The backups saves made, until taken.
    made: Mutex<Vec<BackupInfo>>,
}

impl DiskWriter {
    pub fn new(path: PathBuf, stamp: Option<Stamp>) -> DiskWriter {
        DiskWriter {
            path,
            stamp: Arc::new(Mutex::new(stamp)),
            policy: BackupPolicy::default(),
            made: Mutex::new(Vec::new()),
        }
    }

    /// The same writer, keeping backups by `policy`.
    pub fn with_policy(self, policy: BackupPolicy) -> DiskWriter {
        DiskWriter { policy, ..self }
    }

    fn take_backups(&self) -> Vec<BackupInfo> {
        std::mem::take(&mut *self.made.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn write(&self, ws: Arc<Workspace>) -> SaveEvent {
        let mut stamp = self.stamp.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = stamp.as_ref()
            && known.changed_on_disk(&self.path)
        {
            // A bare `touch` changes the time, not the content: that is no conflict.
            match Stamp::read(&self.path) {
                Ok(Some(now)) if now.same_content(known) => *stamp = Some(now),
                _ => return SaveEvent::Conflict(ws),
            }
        }
        // Replaced only if the file still holds what we know, with no gap between the check
        // and the replacement: a version another program wrote meanwhile is never lost.
        match store::save_guarded(
            &self.path,
            &ws,
            &self.policy,
            chrono::Utc::now(),
            stamp.as_ref(),
        ) {
            Ok(Some(report)) => {
                *stamp = report.stamp;
                if let Some(b) = report.backup {
                    self.made.lock().unwrap_or_else(|e| e.into_inner()).push(b);
                }
                SaveEvent::Saved(ws)
            }
            Ok(None) => SaveEvent::Conflict(ws),
            Err(e) => SaveEvent::Failed(e.to_string()),
        }
    }

    fn changed(&self) -> bool {
        let stamp = self.stamp.lock().unwrap_or_else(|e| e.into_inner());
        match stamp.as_ref() {
            Some(known) => {
                known.changed_on_disk(&self.path)
                    && !Stamp::read(&self.path)
                        .ok()
                        .flatten()
                        .is_some_and(|now| now.same_content(known))
            }
            None => self.path.exists(),
        }
    }

    fn reload(&self) -> Result<Option<Workspace>, LoadError> {
        match store::load_stamped(&self.path)? {
            Some((loaded, stamp)) => {
                *self.stamp.lock().unwrap_or_else(|e| e.into_inner()) = Some(stamp);
                Ok(Some(loaded.workspace))
            }
            None => Ok(None),
        }
    }

    fn save_copy(&self, ws: &Workspace) -> Result<PathBuf, CopyError> {
        let name = self
            .path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("partnerdeck");
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let copy = self.path.with_file_name(format!("{name}.mine-{stamp}.ron"));
        let text = store::to_text(ws)?;
        store::write_private(&copy, text.as_bytes())?;
        Ok(copy)
    }
}

/// Saves on the caller's thread (tests, scripts).
pub struct FileSaver {
    disk: DiskWriter,
    events: Vec<SaveEvent>,
}

impl FileSaver {
    pub fn new(path: PathBuf, stamp: Option<Stamp>) -> FileSaver {
        FileSaver::with_writer(DiskWriter::new(path, stamp))
    }

    pub fn with_writer(disk: DiskWriter) -> FileSaver {
        FileSaver {
            disk,
            events: Vec::new(),
        }
    }
}

impl Saver for FileSaver {
    fn save(&mut self, ws: Arc<Workspace>) {
        let event = self.disk.write(ws);
        self.events.push(event);
    }
    fn poll(&mut self) -> Vec<SaveEvent> {
        std::mem::take(&mut self.events)
    }
    fn disk_changed(&self) -> bool {
        self.disk.changed()
    }
    fn reload(&mut self) -> Result<Option<Workspace>, LoadError> {
        self.disk.reload()
    }
    fn save_copy(&mut self, ws: &Workspace) -> Result<PathBuf, CopyError> {
        self.disk.save_copy(ws)
    }
    fn backups_made(&mut self) -> Vec<BackupInfo> {
        self.disk.take_backups()
    }
}

/// Keeps nothing (tests and headless rendering).
pub struct NoSaver;

impl Saver for NoSaver {
    fn save(&mut self, _: Arc<Workspace>) {}
    fn poll(&mut self) -> Vec<SaveEvent> {
        Vec::new()
    }
}

/// Never writes (the file is open in another partnerdeck, or `--read-only`), but follows the
/// file: outside changes are reloaded.
pub struct ReadOnly {
    pub reason: String,
    disk: DiskWriter,
    events: Vec<SaveEvent>,
}

impl ReadOnly {
    pub fn new(path: PathBuf, stamp: Option<Stamp>, reason: impl Into<String>) -> ReadOnly {
        ReadOnly {
            reason: reason.into(),
            disk: DiskWriter::new(path, stamp),
            events: Vec::new(),
        }
    }
}

impl Saver for ReadOnly {
    fn save(&mut self, _: Arc<Workspace>) {
        self.events
            .push(SaveEvent::Failed(format!("not saved: {}", self.reason)));
    }
    fn poll(&mut self) -> Vec<SaveEvent> {
        std::mem::take(&mut self.events)
    }
    fn disk_changed(&self) -> bool {
        self.disk.changed()
    }
    fn reload(&mut self) -> Result<Option<Workspace>, LoadError> {
        self.disk.reload()
    }
}

/// Writes on a worker thread. Handing over a snapshot costs a reference count; when changes
/// come faster than the disk, only the newest snapshot is written.
///
/// Every snapshot handed over is counted in flight until an outcome that covers it comes back:
/// the worker reports each write with the number of snapshots it covered (the newest and those
/// it skipped), whatever the outcome, so the count balances on success, conflict and failure
/// alike. A worker that is gone (it could not be started, or it ended) leaves nothing in flight;
/// snapshots are then written on the caller's thread and their outcomes reported like the
/// worker's.
pub struct BackgroundSaver {
    disk: Arc<DiskWriter>,
    jobs: Option<Sender<Arc<Workspace>>>,
    results: Receiver<(usize, SaveEvent)>,
    worker: Option<JoinHandle<()>>,
    in_flight: usize,
    /// Outcomes of saves written on the caller's thread (no worker), for the next poll.
    written_here: Vec<SaveEvent>,
}

impl BackgroundSaver {
    pub fn new(path: PathBuf, stamp: Option<Stamp>) -> BackgroundSaver {
        BackgroundSaver::with_writer(DiskWriter::new(path, stamp))
    }

    /// A saver writing through `disk` on its worker thread.
    pub fn with_writer(disk: DiskWriter) -> BackgroundSaver {
        let disk = Arc::new(disk);
        let (jobs, inbox) = mpsc::channel::<Arc<Workspace>>();
        let (report, results) = mpsc::channel();
        let writer = disk.clone();
        let worker = std::thread::Builder::new()
            .name("partnerdeck-saver".into())
            .spawn(move || {
                while let Ok(mut ws) = inbox.recv() {
                    let mut covered = 1;
                    // Debounce: a newer snapshot makes the older ones pointless.
                    while let Ok(newer) = inbox.try_recv() {
                        ws = newer;
                        covered += 1;
                    }
                    let event = writer.write(ws);
                    if report.send((covered, event)).is_err() {
                        break;
                    }
                }
            })
            .ok();
        let jobs = worker.as_ref().map(|_| jobs);
        BackgroundSaver {
            disk,
            jobs,
            results,
            worker,
            in_flight: 0,
            written_here: Vec::new(),
        }
    }

    /// A saver without a worker: every save is written on the caller's thread (what happens
    /// when the worker cannot be started or has ended).
    #[cfg(test)]
    fn without_worker(disk: DiskWriter) -> BackgroundSaver {
        let (_, results) = mpsc::channel();
        BackgroundSaver {
            disk: Arc::new(disk),
            jobs: None,
            results,
            worker: None,
            in_flight: 0,
            written_here: Vec::new(),
        }
    }

    /// Takes in one outcome from the worker.
    fn take(&mut self, (covered, event): (usize, SaveEvent), out: &mut Vec<SaveEvent>) {
        self.in_flight = self.in_flight.saturating_sub(covered);
        out.push(event);
    }

    /// The worker is gone: nothing it held will come back.
    fn worker_gone(&mut self) {
        self.jobs = None;
        self.in_flight = 0;
    }
}

impl Saver for BackgroundSaver {
    fn save(&mut self, ws: Arc<Workspace>) {
        let ws = match &self.jobs {
            Some(jobs) => match jobs.send(ws) {
                Ok(()) => {
                    self.in_flight += 1;
                    return;
                }
                Err(mpsc::SendError(ws)) => {
                    // The worker ended: what it had not reported is lost to it.
                    self.worker_gone();
                    ws
                }
            },
            None => ws,
        };
        // No worker: write here rather than lose the change, and report it like the worker.
        let event = self.disk.write(ws);
        self.written_here.push(event);
    }

    fn poll(&mut self) -> Vec<SaveEvent> {
        let mut out = std::mem::take(&mut self.written_here);
        loop {
            match self.results.try_recv() {
                Ok(result) => self.take(result, &mut out),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.worker_gone();
                    break;
                }
            }
        }
        out
    }

    fn pending(&self) -> bool {
        self.in_flight > 0
    }

    fn flush(&mut self) -> Vec<SaveEvent> {
        let mut out = std::mem::take(&mut self.written_here);
        while self.in_flight > 0 {
            match self.results.recv() {
                Ok(result) => self.take(result, &mut out),
                Err(_) => self.worker_gone(),
            }
        }
        out
    }

    fn disk_changed(&self) -> bool {
        !self.pending() && self.disk.changed()
    }

    fn reload(&mut self) -> Result<Option<Workspace>, LoadError> {
        // What the file holds now is the new base: earlier outcomes no longer matter.
        self.flush();
        self.disk.reload()
    }

    fn save_copy(&mut self, ws: &Workspace) -> Result<PathBuf, CopyError> {
        self.disk.save_copy(ws)
    }
}

impl Drop for BackgroundSaver {
    fn drop(&mut self) {
        let _ = self.flush();
        self.jobs = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

/// The synchronous saver for a source (tests, scripts).
pub fn for_source(source: &Source) -> Box<dyn Saver> {
    match source {
        Source::File(p) | Source::Demo(p) => {
            let stamp = Stamp::read(p).ok().flatten();
            Box::new(FileSaver::new(p.clone(), stamp))
        }
        Source::Memory => Box::new(NoSaver),
    }
}

/// The saver for the interactive dashboard: off the event loop, guarded by the stamp of what
/// was loaded.
pub fn background(path: &Path, stamp: Option<Stamp>) -> Box<dyn Saver> {
    Box::new(BackgroundSaver::new(path.to_path_buf(), stamp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_worker_saves_are_written_here_and_their_outcomes_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.ron");
        let mut saver = BackgroundSaver::without_worker(DiskWriter::new(path.clone(), None));
        saver.save(Arc::new(Workspace::named("written here")));
        assert!(!saver.pending());
        let events = saver.poll();
        assert!(
            matches!(events.as_slice(), [SaveEvent::Saved(ws)] if ws.profile.name == "written here"),
            "{events:?}"
        );
        assert_eq!(
            store::load(&path).unwrap().unwrap().workspace.profile.name,
            "written here"
        );
        // A failure is reported too (the folder is gone).
        let gone = dir.path().join("gone");
        let mut saver =
            BackgroundSaver::without_worker(DiskWriter::new(gone.join("x/ws.ron"), None));
        std::fs::write(&gone, "a file where a folder would go").unwrap();
        saver.save(Arc::new(Workspace::named("nowhere")));
        let events = saver.flush();
        assert!(
            matches!(events.as_slice(), [SaveEvent::Failed(_)]),
            "{events:?}"
        );
    }
}
