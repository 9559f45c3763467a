//! Ending the session when the terminal goes away or a signal asks: SIGTERM, SIGHUP and SIGINT
//! set a flag and wake the event loop (through a pipe it waits on), which then ends the session
//! the normal way: pending saves written, anything unsaved (text typed in an open form or
//! review included) kept in an emergency copy, the lock freed, the terminal given back.
//!
//! A watcher thread is the backstop: if the loop has not come back within [`GRACE`] of a signal
//! or of the terminal going away (it could be stuck inside the terminal library), the watcher
//! writes the unsaved work the loop last published, and ends the process itself. The lock dies
//! with the process, so the next `partnerdeck` or `partnerdeck log` works at once.

use super::tty;
use crate::app::Rescue;
use crate::store;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the event loop has to end the session itself before the watcher does.
pub const GRACE: Duration = Duration::from_millis(1500);

/// What would be lost if the process ended now, and the data file it belongs to.
#[derive(Clone)]
pub struct Unsaved {
    pub path: PathBuf,
    pub rescue: Rescue,
}

static UNSAVED: Mutex<Option<Unsaved>> = Mutex::new(None);

/// Records (or clears) the unsaved work a panic or the watcher would write.
pub fn remember_unsaved(unsaved: Option<Unsaved>) {
    *UNSAVED.lock().unwrap_or_else(|e| e.into_inner()) = unsaved;
}

/// Writes the unsaved work last recorded, once (later calls find nothing); says where.
pub fn write_remembered() -> Option<String> {
    let taken = match UNSAVED.try_lock() {
        Ok(mut guard) => guard.take(),
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().take(),
        Err(std::sync::TryLockError::WouldBlock) => None,
    }?;
    Some(match write_rescue(&taken.path, &taken.rescue) {
        Ok(copy) => format!(
            "unsaved changes were written to {}; the next start offers to recover them",
            copy.display()
        ),
        Err(e) => format!("could not write an emergency copy: {e}"),
    })
}

/// Writes unsaved work as an emergency copy of `path` (with its base and any form text).
pub fn write_rescue(path: &std::path::Path, rescue: &Rescue) -> Result<PathBuf, store::SaveError> {
    let ws = rescue.workspace();
    crate::document::write_emergency(
        path,
        &ws,
        &rescue.base,
        rescue.note.as_deref(),
        chrono::Utc::now(),
    )
}

/// The signals that end a session, and the pipe that wakes the event loop.
pub struct Signals {
    stop: Arc<AtomicBool>,
    wake: UnixStream,
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    /// Watches SIGTERM, SIGHUP and SIGINT (stop) and SIGWINCH (resize, wake only).
    pub fn install() -> std::io::Result<Signals> {
        let stop = Arc::new(AtomicBool::new(false));
        let (wake, writer) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        writer.set_nonblocking(true)?;
        let mut ids = Vec::new();
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
        for signal in [SIGTERM, SIGHUP, SIGINT] {
            ids.push(signal_hook::flag::register(signal, stop.clone())?);
        }
        for signal in [SIGTERM, SIGHUP, SIGINT, SIGWINCH] {
            ids.push(signal_hook::low_level::pipe::register(
                signal,
                writer.try_clone()?,
            )?);
        }
        Ok(Signals { stop, wake, ids })
    }

    pub fn wake_fd(&self) -> RawFd {
        self.wake.as_raw_fd()
    }

    /// Empties the wake-up pipe.
    pub fn drain(&self) {
        use std::io::Read;
        let mut buf = [0u8; 64];
        while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
    }

    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// The backstop. Dropping it (the event loop came back) ends the watch.
pub struct Watcher {
    done: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Watcher {
    /// Watches `stop` and the terminal `tty_fd`; see the module notes.
    pub fn start(stop: Arc<AtomicBool>, tty_fd: RawFd) -> Watcher {
        let done = Arc::new(AtomicBool::new(false));
        let finished = done.clone();
        let thread = std::thread::Builder::new()
            .name("partnerdeck-watch".into())
            .spawn(move || watch(stop, finished, tty_fd))
            .ok();
        Watcher { done, thread }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn watch(stop: Arc<AtomicBool>, done: Arc<AtomicBool>, tty_fd: RawFd) {
    let mut since: Option<Instant> = None;
    while !done.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
        if since.is_none() && (stop.load(Ordering::SeqCst) || !tty::alive(tty_fd)) {
            since = Some(Instant::now());
        }
        if since.is_some_and(|t| t.elapsed() >= GRACE) && !done.load(Ordering::SeqCst) {
            if let Some(message) = write_remembered() {
                let _ = std::io::Write::write_fmt(
                    &mut std::io::stderr(),
                    format_args!("partnerdeck: {message}\n"),
                );
            }
            // The lock is an OS lock: it dies with the process.
            std::process::exit(1);
        }
    }
}
