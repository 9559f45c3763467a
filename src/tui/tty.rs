//! The terminal's input side, watched directly so that a terminal that went away is noticed.
//!
//! When the terminal closes (window closed, SSH dropped, `tmux kill-session`), reads from it
//! return nothing, forever. crossterm's reader retries such a read in a loop without returning,
//! so the event loop never gets to look at anything else. Here the loop waits on the terminal
//! itself (and on a wake-up pipe that signals write to) with `poll(2)`, and hands over to
//! crossterm only when there are bytes to read: a hung-up terminal is reported as [`Wait::Gone`]
//! instead of spinning.
//!
//! This wait and crossterm's reader must agree on what is left to read. crossterm's default
//! event source (epoll, edge-triggered) reads 1 KiB, returns the first event and is not woken
//! again for the rest: a paste over 1 KiB stayed unread (this wait saw it readable at once,
//! forever: a core spun) and a key after a resize waited for the next key. The `use-dev-tty`
//! source waits with `poll(2)` too (level-triggered): whatever it has not read yet it sees on
//! its next look, and the event loop looks until it has nothing more after every wake-up.

use std::fs::File;
use std::os::fd::{AsRawFd, RawFd};
use std::time::Duration;

/// The terminal the keys come from: standard input when it is a terminal (as crossterm
/// decides), else `/dev/tty`.
pub struct Tty {
    fd: RawFd,
    _owned: Option<File>,
}

/// What waiting on the terminal gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Bytes to read: crossterm can read them without blocking or spinning.
    Input,
    /// Nothing happened within the time.
    Quiet,
    /// The wake-up pipe was written (a signal: resize, or a request to stop).
    Woken,
    /// The terminal is gone (hung up).
    Gone,
}

impl Tty {
    pub fn open() -> std::io::Result<Tty> {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Ok(Tty {
                fd: libc::STDIN_FILENO,
                _owned: None,
            });
        }
        let file = File::options().read(true).write(true).open("/dev/tty")?;
        Ok(Tty {
            fd: file.as_raw_fd(),
            _owned: Some(file),
        })
    }

    pub fn fd(&self) -> RawFd {
        self.fd
    }

    /// Waits up to `timeout` for input on the terminal or a write to `wake`.
    pub fn wait(&self, wake: RawFd, timeout: Duration) -> Wait {
        let mut fds = [
            libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: wake,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: `fds` is a valid array of two pollfd for the duration of the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if n < 0 {
            // Interrupted by a signal: the caller looks at its flags and waits again.
            return Wait::Woken;
        }
        if fds[1].revents != 0 {
            return Wait::Woken;
        }
        classify(self.fd, fds[0].revents)
    }

    /// Whether crossterm may read now without spinning: false once the terminal is gone.
    pub fn readable_or_idle(&self) -> bool {
        let mut fd = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, no timeout.
        let n = unsafe { libc::poll(&mut fd, 1, 0) };
        n >= 0 && classify(self.fd, fd.revents) != Wait::Gone
    }
}

fn classify(fd: RawFd, revents: libc::c_short) -> Wait {
    if revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Wait::Gone;
    }
    if revents & libc::POLLIN != 0 {
        // Readable with nothing to read is the end of input: the terminal is gone.
        if pending_bytes(fd) == 0 && !alive(fd) {
            return Wait::Gone;
        }
        return Wait::Input;
    }
    Wait::Quiet
}

fn pending_bytes(fd: RawFd) -> i32 {
    let mut n: libc::c_int = 0;
    // SAFETY: FIONREAD writes one int.
    let r = unsafe { libc::ioctl(fd, libc::FIONREAD, &mut n) };
    if r < 0 { 0 } else { n }
}

/// Whether `fd` is still a working terminal (a hung-up one fails every terminal request).
pub fn alive(fd: RawFd) -> bool {
    // SAFETY: a zeroed termios is a valid buffer for tcgetattr to fill.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a valid termios buffer.
    unsafe { libc::tcgetattr(fd, &mut t) == 0 }
}
