//! The dashboard on a real pseudo-terminal, for tests of what only a terminal shows: bytes left
//! unread, CPU spent, a resize. The screen is kept by a terminal emulator (`vt100`) fed by a
//! reader thread that drains the terminal all the time (a program whose output is not read
//! stops, and so would a test that writes a large paste without reading).
#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    writer: File,
    master: File,
    /// The terminal's side of the program, kept open here to ask how much input it left
    /// unread.
    slave: OwnedFd,
    pub child: Child,
    screen: Arc<Mutex<vt100::Parser>>,
    reader: Option<std::thread::JoinHandle<()>>,
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub home: PathBuf,
}

/// The binary with its home, configuration, state, cache and scratch folders under `home`.
pub fn isolated(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partnerdeck"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TMPDIR", home.join("tmp"))
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env_remove("PARTNERDECK_FILE")
        .env_remove("PARTNERDECK_CONFIG");
    cmd
}

fn winsize(rows: u16, cols: u16) -> libc::winsize {
    libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

impl Pty {
    /// The dashboard on the demo's data (a file of its own), `rows`×`cols`, its controlling
    /// terminal a new pseudo-terminal; returns once the first frame is drawn.
    pub fn start(rows: u16, cols: u16) -> Pty {
        Pty::start_with(rows, cols, &[])
    }

    /// [`Pty::start`] with extra arguments before the file.
    pub fn start_with(rows: u16, cols: u16, args: &[&str]) -> Pty {
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
        let size = winsize(rows, cols);
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
        for fd in [master, slave] {
            // SAFETY: a flag on descriptors we own (not inherited by other tests' children).
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        // SAFETY: both descriptors were just opened and are owned here.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = isolated(&home);
        cmd.args(args)
            .args(["--file", path.to_str().unwrap()])
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave.try_clone().unwrap()));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let mut from = master.try_clone().unwrap();
        let into = screen.clone();
        let reader = std::thread::spawn(move || {
            let mut buf = vec![0u8; 1 << 16];
            // Ends when the program and every holder of its terminal are gone (EIO).
            while let Ok(n) = from.read(&mut buf) {
                if n == 0 {
                    break;
                }
                into.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = master.try_clone().unwrap();
        let mut pty = Pty {
            writer,
            master,
            slave,
            child,
            screen,
            reader: Some(reader),
            _dir: dir,
            path,
            home,
        };
        pty.wait_for("first frame", Duration::from_secs(30), |s| {
            s.contains("Partners")
        });
        pty
    }

    /// What the screen shows now, row by row.
    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `ok`; panics with the screen after `within`. Returns
    /// how long it took.
    pub fn wait_for(
        &mut self,
        what: &str,
        within: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> Duration {
        let start = Instant::now();
        loop {
            let screen = self.contents();
            if ok(&screen) {
                return start.elapsed();
            }
            if start.elapsed() > within {
                panic!("{what}: not on screen within {within:?}:\n{screen}");
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("{what}: the dashboard ended ({status:?}):\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until `text` is on screen.
    pub fn wait_text(&mut self, text: &str, within: Duration) -> Duration {
        let text = text.to_string();
        self.wait_for(&format!("`{text}`"), within, move |s| s.contains(&text))
    }

    /// Types bytes (blocking while the program has not read what came before).
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    /// A bracketed paste of `text`, as a terminal sends it when the program asked for them.
    pub fn paste(&mut self, text: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send(&bytes);
    }

    /// Resizes the terminal as a terminal window does (the program gets SIGWINCH).
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.screen.lock().unwrap().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        let size = winsize(rows, cols);
        // SAFETY: TIOCSWINSZ reads one valid winsize.
        let r = unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
        assert_eq!(r, 0, "TIOCSWINSZ");
    }

    /// Bytes typed that the program has not read.
    pub fn unread(&self) -> i32 {
        let mut n: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int.
        let r = unsafe { libc::ioctl(self.slave.as_raw_fd(), libc::FIONREAD, &mut n) };
        assert_eq!(r, 0, "FIONREAD");
        n
    }

    /// CPU time the program has used so far (user and system).
    pub fn cpu(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap();
        // The fields after the command name (which is in parentheses and may hold spaces).
        let rest = &stat[stat.rfind(')').unwrap() + 2..];
        let fields: Vec<&str> = rest.split(' ').collect();
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
        let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
        // SAFETY: sysconf has no preconditions.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
        Duration::from_millis(ticks * 1000 / hz)
    }

    /// Waits until the program has used no CPU for a moment (it is idle), at most `within`;
    /// returns whether it got there.
    pub fn settle(&self, within: Duration) -> bool {
        let start = Instant::now();
        let mut last = self.cpu();
        while start.elapsed() < within {
            std::thread::sleep(Duration::from_millis(200));
            let now = self.cpu();
            if now == last {
                return true;
            }
            last = now;
        }
        false
    }

    /// Waits for the program to end, at most `within`.
    pub fn wait_exit(&mut self, within: Duration) -> std::process::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > within {
                panic!("still running {within:?} later:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // The reader ends once no one holds the terminal any more: leave it to end by itself.
        drop(self.reader.take());
    }
}
