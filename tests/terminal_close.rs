//! A closed terminal, or a signal, ends the session within seconds: pending saves written,
//! anything unsaved (text typed in an open form included) kept in an emergency copy, the lock
//! freed. Run on a real pseudo-terminal whose master side the test closes, as a terminal window,
//! an SSH connection or `tmux kill-session` does.
#![cfg(unix)]

mod common;

use partnerdeck::store;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Session {
    master: Option<File>,
    child: Child,
    _dir: tempfile::TempDir,
    path: PathBuf,
    home: PathBuf,
}

/// The binary with its home, configuration, state, cache, data and scratch folders under
/// `home`, and no workspace file taken from the environment.
fn isolated(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partnerdeck"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TMPDIR", home.join("tmp"))
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env_remove("PARTNERDECK_FILE");
    cmd
}

/// Starts the dashboard on a new pseudo-terminal (80×24). With `own_terminal`, the terminal is
/// the process's controlling terminal (it gets SIGHUP when the terminal closes); without, it
/// only sees its input end.
fn start(own_terminal: bool) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join("tmp")).unwrap();
    let path = dir.path().join("team.ron");
    let ok = isolated(&home)
        .args(["--file", path.to_str().unwrap(), "init", "--demo"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(ok.success());

    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty fills two descriptors; the size is a valid winsize.
    let r = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(r, 0, "openpty");
    // Not inherited by processes other tests start meanwhile (they would hold the terminal
    // open).
    for fd in [master, slave] {
        // SAFETY: setting a flag on descriptors we own.
        unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
    }
    // SAFETY: both descriptors were just opened and are owned here.
    let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut cmd = isolated(&home);
    cmd.args(["--file", path.to_str().unwrap()])
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(match std::env::var_os("PD_STDERR") {
            Some(f) => Stdio::from(File::create(f).unwrap()),
            None => Stdio::from(slave),
        });
    if own_terminal {
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let child = cmd.spawn().unwrap();
    let mut s = Session {
        master: Some(master),
        child,
        _dir: dir,
        path,
        home,
    };
    s.read_until("Partners", Duration::from_secs(20));
    s
}

impl Session {
    /// Reads the screen output until `text` appears (the output is drained meanwhile).
    fn read_until(&mut self, text: &str, within: Duration) -> String {
        let master = self.master.as_mut().unwrap();
        // SAFETY: setting a flag on our own descriptor.
        unsafe {
            let fd = master.as_raw_fd();
            let flags = libc::fcntl(fd, libc::F_GETFL);
            libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        let start = Instant::now();
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        while start.elapsed() < within {
            match master.read(&mut buf) {
                Ok(n) if n > 0 => seen.extend_from_slice(&buf[..n]),
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
            if String::from_utf8_lossy(&seen).contains(text) {
                return String::from_utf8_lossy(&seen).into_owned();
            }
        }
        panic!(
            "`{text}` did not appear within {within:?}: {}",
            String::from_utf8_lossy(&seen)
        );
    }

    fn send(&mut self, text: &str) {
        let master = self.master.as_mut().unwrap();
        master.write_all(text.as_bytes()).unwrap();
        master.flush().unwrap();
    }

    /// Waits for the process to end; how long it took. It must end on its own terms, not by a
    /// panic (exit status 101: a write to the closed terminal that panicked, say).
    fn wait_gone(&mut self, within: Duration) -> Duration {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                eprintln!("exit: {status:?}");
                assert_ne!(
                    status.code(),
                    Some(101),
                    "the dashboard panicked on its way out"
                );
                return start.elapsed();
            }
            if start.elapsed() > within {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("the dashboard was still running {within:?} later");
            }
            // Keep the terminal drained while it is open.
            if let Some(m) = self.master.as_mut() {
                let mut buf = [0u8; 65536];
                let _ = m.read(&mut buf);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// `partnerdeck log` on the same file, at once.
    fn log_works(&self, summary: &str) {
        let out = isolated(&self.home)
            .args([
                "--file",
                self.path.to_str().unwrap(),
                "log",
                "Greenleaf",
                summary,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "log works at once: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn file_text(&self) -> String {
        std::fs::read_to_string(&self.path).unwrap()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Logs a contact through the quick log (`l`, text, Enter) and waits for it to be saved.
fn log_contact(s: &mut Session, summary: &str) {
    s.send("l");
    std::thread::sleep(Duration::from_millis(300));
    s.send(summary);
    std::thread::sleep(Duration::from_millis(200));
    s.send("\r");
    let start = Instant::now();
    while !s.file_text().contains(summary) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the change was saved"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn closing_the_terminal_ends_the_session(own_terminal: bool) {
    let mut s = start(own_terminal);
    log_contact(&mut s, "Rang about the venue");
    drop(s.master.take());
    let took = s.wait_gone(Duration::from_secs(3));
    eprintln!("gone {took:?} after the terminal closed");
    assert!(s.file_text().contains("Rang about the venue"));
    // Everything was saved: no emergency copy is left to offer at the next start.
    let folder = s.path.parent().unwrap();
    let copies: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("emergency"))
        .collect();
    assert!(
        copies.is_empty(),
        "emergency copies of saved work: {copies:?}"
    );
    s.log_works("Followed up by mail");
    assert!(s.file_text().contains("Followed up by mail"));
}

#[test]
fn closing_the_controlling_terminal_ends_the_session_within_3_s() {
    closing_the_terminal_ends_the_session(true);
}

#[test]
fn a_terminal_that_only_stops_giving_input_ends_the_session_within_3_s() {
    closing_the_terminal_ends_the_session(false);
}

#[test]
fn sigterm_sighup_and_sigint_end_the_session_with_the_terminal_still_open() {
    for signal in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT] {
        let mut s = start(true);
        log_contact(&mut s, &format!("Before signal {signal}"));
        // SAFETY: a signal to the process this test started.
        unsafe { libc::kill(s.pid(), signal) };
        s.wait_gone(Duration::from_secs(3));
        assert!(s.file_text().contains(&format!("Before signal {signal}")));
        s.log_works("After the signal");
    }
}

#[test]
fn text_typed_in_an_open_form_survives_a_closed_terminal() {
    let mut s = start(true);
    let before = s.file_text();
    // `a` opens the new-partner form; type a name and leave it open.
    s.send("a");
    s.read_until("Contacts", Duration::from_secs(5));
    s.send("Half-typed Cooperative");
    s.read_until("Cooperative", Duration::from_secs(5));
    drop(s.master.take());
    s.wait_gone(Duration::from_secs(3));
    assert_eq!(s.file_text(), before, "the data file is untouched");
    let copy = store::find_emergency(&s.path).unwrap_or_else(|| {
        panic!(
            "an emergency copy beside the file: {:?}",
            std::fs::read_dir(s.path.parent().unwrap())
                .unwrap()
                .flatten()
                .map(|e| e.file_name())
                .collect::<Vec<_>>()
        )
    });
    let note = std::fs::read_to_string(store::note_path(&copy)).expect("the form's text");
    assert!(note.contains("Half-typed Cooperative"), "{note}");
    s.log_works("After the hang-up");
}

#[test]
fn a_change_under_an_open_conflict_question_survives_a_closed_terminal() {
    let mut s = start(true);
    // Another program changes the file; the user's next change, made at once, meets it.
    let mut theirs = store::load(&s.path).unwrap().unwrap().workspace;
    theirs.profile.name = "Renamed elsewhere".into();
    store::save(&s.path, &theirs).unwrap();
    s.send("lTyped before the question\r");
    s.read_until("re-apply", Duration::from_secs(5));
    drop(s.master.take());
    s.wait_gone(Duration::from_secs(3));
    let on_disk = s.file_text();
    assert!(on_disk.contains("Renamed elsewhere"), "their version stays");
    assert!(!on_disk.contains("Typed before the question"));
    let copy = store::find_emergency(&s.path).expect("an emergency copy");
    let kept = std::fs::read_to_string(&copy).unwrap();
    assert!(
        kept.contains("Typed before the question"),
        "the change is kept"
    );
    assert!(
        store::base_path(&copy).exists(),
        "with its base, for the merge"
    );
    s.log_works("After the hang-up");
}
