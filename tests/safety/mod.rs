//! Helpers for the data-safety tests: big workspaces, child processes, and small mounts.
//!
//! Child processes: a test that needs another process (to hold a lock, to be killed while
//! saving, to save under a file-size limit) re-runs its own test binary
//! (`std::env::current_exe()`) with `--exact <child test name>` and an environment variable
//! naming the role. The child test does nothing unless that variable is set, so in a normal run
//! it passes at once; as a child it plays its role and reports on stdout.
#![allow(dead_code)]

use chrono::NaiveDate;
use partnerdeck::model::*;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("test dates are valid")
}

/// A valid workspace whose text is about `target_bytes` long; `variant` changes every note so
/// that two variants differ throughout.
pub fn big_workspace(variant: &str, target_bytes: usize) -> Workspace {
    let mut ws = Workspace::named(format!("Big {variant}"));
    let note: String = format!("{variant}: met at the fair, agreed on a pilot; ").repeat(12);
    let mut size = 0;
    let mut n = 0u32;
    while size < target_bytes {
        let p = PartnerId(ws.allocate_id());
        let mut partner = Partner::new(
            p,
            format!("Partner {n} «{variant}» \"q\" \\"),
            day("2025-01-10"),
        );
        partner.notes = note.clone();
        partner.tags = vec!["b2b".into(), format!("batch-{}", n % 7)];
        partner.contacts.push(Contact {
            name: format!("Contact {n}"),
            role: "lead".into(),
            email: format!("c{n}@example.org"),
            phone: "+1 555 0100".into(),
        });
        ws.partners.push(partner);
        let i = InteractionId(ws.allocate_id());
        ws.interactions.push(Interaction {
            authors: Default::default(),
            id: i,
            partner: p,
            at: day("2025-03-01").and_hms_opt(10, 30, 0).unwrap(),
            channel: Channel::Call,
            initiated_by: Side::Them,
            summary: format!("Call {n} with {variant}\nsecond line 🎉"),
            sentiment: Some(4),
            follow_up: None,
        });
        // Roughly what one partner and its entry take in the file.
        size += 790 + note.len();
        n += 1;
    }
    ws
}

/// A child process running one test of this binary in a role. Killed (and reaped) when
/// dropped, so a failing parent never leaves it running; the child also leaves by itself when
/// its stdin closes (see [`exit_when_parent_goes`]).
pub struct ChildProc {
    pub child: Child,
    lines: Receiver<String>,
}

impl ChildProc {
    /// Starts this test binary as a child that runs only `test_name`, with `env` set.
    pub fn spawn(test_name: &str, env: &[(&str, &str)]) -> ChildProc {
        let mut cmd = Command::new(std::env::current_exe().expect("the test binary's path"));
        cmd.args([test_name, "--exact", "--nocapture", "--test-threads", "1"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("the test binary can be started again");
        let out = BufReader::new(child.stdout.take().expect("piped"));
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in out.lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        ChildProc { child, lines }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits (at most `timeout`) for an output line containing `marker` and returns the line
    /// from the marker on. (libtest prints `test NAME ... ` without a newline before the test's
    /// own output, so markers are searched within lines.) Panics if the child ends or takes too
    /// long first.
    pub fn expect_line(&mut self, marker: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(i) = line.find(marker) {
                        return line[i..].to_string();
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("the child did not say {marker:?} within {timeout:?}")
                }
                Err(RecvTimeoutError::Disconnected) => {
                    let status = self.child.wait();
                    panic!("the child ended ({status:?}) before saying {marker:?}")
                }
            }
        }
    }

    /// SIGKILL, then reap.
    pub fn kill(&mut self) -> ExitStatus {
        let _ = self.child.kill();
        self.child.wait().expect("reaping the child")
    }

    /// Waits for the child to end by itself (at most `timeout`, else it is killed).
    pub fn wait(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("polling the child") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!(
            "the child did not end within {timeout:?} ({:?})",
            self.kill()
        )
    }
}

impl Drop for ChildProc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// For a child role: leave as soon as the parent is gone (its end of our stdin closes), so a
/// child never outlives its test.
pub fn exit_when_parent_goes() {
    std::thread::spawn(|| {
        let mut buf = [0u8; 64];
        let mut stdin = std::io::stdin();
        while matches!(stdin.read(&mut buf), Ok(n) if n > 0) {}
        std::process::exit(3);
    });
}

/// Temporary files of a save of `data` left in its folder.
pub fn temp_leftovers(data: &Path) -> Vec<PathBuf> {
    let name = data.file_name().unwrap().to_str().unwrap();
    let prefix = format!(".{name}.");
    std::fs::read_dir(data.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .map(|e| e.path())
        .collect()
}

pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A tmpfs mounted on a fresh folder, unmounted when dropped. `None` where mounting is not
/// allowed (not root, or a sandbox without mounts).
pub struct Tmpfs {
    pub dir: tempfile::TempDir,
}

impl Tmpfs {
    pub fn mount(size: &str) -> Option<Tmpfs> {
        if !is_root() {
            return None;
        }
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Makes the mount read-only.
    pub fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.dir.path())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// A small xorshift generator: enough for random kill moments, reproducible from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn from_time() -> Rng {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64;
        Rng(nanos | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
