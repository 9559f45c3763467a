//! Running the system `git` for the team commands: every call bounded in time (the child and
//! whatever it started, ssh included, are killed when the time is up), never asking on the
//! terminal, and stoppable from another thread (the dashboard ends a sync's git when it quits).

use super::Error;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long one git call may take unless `PARTNERDECK_GIT_TIMEOUT` says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// The environment variable that sets the time one git call may take, in seconds.
pub const TIMEOUT_VAR: &str = "PARTNERDECK_GIT_TIMEOUT";

/// The time one git call may take: `PARTNERDECK_GIT_TIMEOUT` (whole seconds, at least 1) when
/// set and readable, else [`DEFAULT_TIMEOUT`].
pub fn timeout_from_env() -> Duration {
    std::env::var(TIMEOUT_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(DEFAULT_TIMEOUT, Duration::from_secs)
}

/// Stops the git calls of one job from another thread: the one running is killed (with its
/// process group), later ones fail at once.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<CancelState>);

#[derive(Debug, Default)]
struct CancelState {
    cancelled: AtomicBool,
    /// The process group of the git running now (0: none).
    group: AtomicI32,
    /// Held while a child is being started or its group recorded, so a cancel never misses it.
    starting: Mutex<()>,
}

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Ends the git running now and every later one of this job.
    pub fn cancel(&self) {
        let _guard = self.0.starting.lock();
        self.0.cancelled.store(true, Ordering::SeqCst);
        let group = self.0.group.load(Ordering::SeqCst);
        if group > 0 {
            kill_group(group);
        }
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::SeqCst)
    }
}

#[cfg(unix)]
fn kill_group(group: i32) {
    // SAFETY: kill(2) with a negative pid signals a process group; no memory is involved.
    unsafe {
        libc::kill(-group, libc::SIGKILL);
    }
}

/// Elsewhere only the child itself is ended (by `Child::kill`).
#[cfg(not(unix))]
fn kill_group(_group: i32) {}

/// What a finished git call printed.
#[derive(Debug, Clone)]
pub struct Output {
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub code: Option<i32>,
}

impl Output {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }

    /// stdout as text, the final newline(s) cut.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout)
            .trim_end_matches(['\n', '\r'])
            .to_string()
    }
}

/// git in one folder, with a time limit per call.
#[derive(Debug, Clone)]
pub struct Git {
    pub dir: PathBuf,
    pub timeout: Duration,
    pub cancel: Cancel,
}

impl Git {
    pub fn new(dir: &Path, timeout: Duration, cancel: Cancel) -> Git {
        Git {
            dir: dir.to_path_buf(),
            timeout,
            cancel,
        }
    }

    /// Runs git; a non-zero exit is an answer, not an error (see [`Git::ok`]).
    pub fn output(&self, args: &[&str]) -> Result<Output, Error> {
        let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        self.output_os(&args)
    }

    /// [`Git::output`] with arguments that need not be UTF-8 (paths).
    pub fn output_os(&self, args: &[std::ffi::OsString]) -> Result<Output, Error> {
        self.output_with_input(args, None)
    }

    /// [`Git::output_os`] with `input` on git's standard input.
    pub fn output_with_input(
        &self,
        args: &[std::ffi::OsString],
        input: Option<Vec<u8>>,
    ) -> Result<Output, Error> {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.dir).args(args);
        let shown = args
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        bounded(command, input, self.timeout, &self.cancel, shown)
    }

    /// Runs git and requires success; its stdout as text.
    pub fn ok(&self, args: &[&str]) -> Result<String, Error> {
        let out = self.output(args)?;
        if out.ok() {
            Ok(out.text())
        } else {
            Err(Error::Git {
                args: args.iter().map(|a| a.to_string()).collect(),
                code: out.code,
                stderr: out.stderr,
            })
        }
    }

    /// [`Git::ok`] with arguments that need not be UTF-8.
    pub fn ok_os(&self, args: &[std::ffi::OsString]) -> Result<Output, Error> {
        let out = self.output_os(args)?;
        if out.ok() {
            Ok(out)
        } else {
            Err(Error::Git {
                args: args
                    .iter()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect(),
                code: out.code,
                stderr: out.stderr,
            })
        }
    }
}

/// Runs a program (git, or the merge driver to check it) with nothing on the terminal, in its
/// own process group, for at most `timeout`; `shown` names it in errors.
pub fn bounded(
    mut command: Command,
    input: Option<Vec<u8>>,
    timeout: Duration,
    cancel: &Cancel,
    shown: Vec<String>,
) -> Result<Output, Error> {
    command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Never a question on the terminal: a sync runs unattended (the dashboard owns the
        // terminal), and a prompt would wait past any time limit.
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_EDITOR", "true")
        .env("GIT_MERGE_AUTOEDIT", "no")
        .env("LC_ALL", "C");
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        // Its own process group, so that a time-out ends ssh and the rest with it.
        command.process_group(0);
    }
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt as _;
        // SAFETY: prctl is async-signal-safe and touches no memory of the parent. It ends the
        // child when the thread that started it ends (a process that exits on a signal
        // without dropping its sync).
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
    }
    let mut child = {
        let _guard = cancel.0.starting.lock();
        if cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        let child = command.spawn().map_err(Error::NoGit)?;
        cancel.0.group.store(child.id() as i32, Ordering::SeqCst);
        child
    };
    let group = child.id() as i32;
    let stdin_pipe = child.stdin.take();
    let writer = std::thread::spawn(move || {
        if let (Some(mut pipe), Some(bytes)) = (stdin_pipe, input) {
            use std::io::Write as _;
            let _ = pipe.write_all(&bytes);
        }
    });
    let mut stdout_pipe = child.stdout.take();
    let mut stderr_pipe = child.stderr.take();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(p) = stdout_pipe.as_mut() {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(p) = stderr_pipe.as_mut() {
            let _ = p.read_to_end(&mut buf);
        }
        buf
    });
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(_) => break None,
        }
        if cancel.is_cancelled() || start.elapsed() >= timeout {
            kill_group(group);
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    };
    // Whatever it started and left running (a helper holding the pipes) ends with it.
    kill_group(group);
    cancel.0.group.store(0, Ordering::SeqCst);
    let _ = writer.join();
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    let Some(status) = status else {
        if cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        return Err(Error::Timeout {
            args: shown,
            seconds: timeout.as_secs(),
        });
    };
    Ok(Output {
        stdout,
        stderr: String::from_utf8_lossy(&stderr).trim().to_string(),
        code: status.code(),
    })
}

/// A path as git's literal pathspec (`:(literal)…`): no glob, no magic, whatever its name.
pub fn literal(relative: &Path) -> std::ffi::OsString {
    let mut s = std::ffi::OsString::from(":(literal)");
    s.push(relative.as_os_str());
    s
}
