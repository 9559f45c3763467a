//! Real git for the team tests: a bare remote and clones in a temporary folder, git and
//! partnerdeck run with a fixed environment (no system or user configuration, a test identity
//! in each clone), and small checks on what git holds.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Whether `git` can be run here (the tests skip without it).
pub fn have_git() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

/// A folder holding a home, a bare remote and clones.
pub struct Repos {
    pub dir: tempfile::TempDir,
    pub home: PathBuf,
    pub remote: PathBuf,
}

impl Repos {
    /// An empty bare remote (branch `main`).
    pub fn new() -> Repos {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let remote = dir.path().join("remote.git");
        let r = Repos { dir, home, remote };
        r.ok(
            r.dir.path(),
            &[
                "init",
                "-q",
                "--bare",
                "-b",
                "main",
                r.remote.to_str().unwrap(),
            ],
        );
        r
    }

    /// git in `dir`, environment fixed.
    pub fn git(&self, dir: &Path, args: &[&str]) -> Output {
        self.git_cmd(dir).args(args).output().unwrap()
    }

    pub fn git_cmd(&self, dir: &Path) -> Command {
        let mut c = Command::new("git");
        c.arg("-C").arg(dir);
        env(&mut c, &self.home);
        c
    }

    /// git that must succeed; its stdout.
    pub fn ok(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.git(dir, args);
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A clone of the remote called `name`, with the test identity; on `main` when the remote
    /// is empty.
    pub fn clone_as(&self, name: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        self.ok(
            self.dir.path(),
            &[
                "clone",
                "-q",
                self.remote.to_str().unwrap(),
                path.to_str().unwrap(),
            ],
        );
        for (k, v) in [
            ("user.name", "Test"),
            ("user.email", "test@example.org"),
            ("pull.rebase", "false"),
        ] {
            self.ok(&path, &["config", k, v]);
        }
        if self
            .git(&path, &["rev-parse", "-q", "--verify", "HEAD"])
            .status
            .success()
        {
            return path;
        }
        self.ok(&path, &["checkout", "-q", "-B", "main"]);
        path
    }

    /// partnerdeck with this home.
    pub fn pd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_partnerdeck"));
        env(&mut c, &self.home);
        c.env_remove("PARTNERDECK_FILE")
            .env("PARTNERDECK_TODAY", "2026-11-27")
            .env("PARTNERDECK_NO_CACHE", "1");
        c
    }

    /// partnerdeck on `file` with `args`.
    pub fn run(&self, file: &Path, args: &[&str]) -> Output {
        self.pd()
            .arg("--file")
            .arg(file)
            .args(args)
            .output()
            .unwrap()
    }

    /// A clone with the demo workspace in `team.ron`, set up, committed and pushed: the team's
    /// first clone.
    pub fn first_clone(&self, name: &str) -> PathBuf {
        let a = self.clone_as(name);
        let file = a.join("team.ron");
        let out = self.run(&file, &["init", "--demo"]);
        assert!(out.status.success(), "{}", text(&out));
        let out = self.run(&file, &["git", "setup"]);
        assert!(out.status.success(), "{}", text(&out));
        self.ok(&a, &["add", "team.ron", ".gitattributes", ".gitignore"]);
        self.ok(&a, &["commit", "-q", "-m", "Workspace"]);
        self.ok(&a, &["push", "-q", "-u", "origin", "main"]);
        a
    }

    /// A further clone of the shared workspace, set up.
    pub fn teammate(&self, name: &str) -> PathBuf {
        let b = self.clone_as(name);
        let out = self.run(&b.join("team.ron"), &["git", "setup"]);
        assert!(out.status.success(), "{}", text(&out));
        b
    }
}

impl Default for Repos {
    fn default() -> Self {
        Repos::new()
    }
}

/// The fixed environment of every git and partnerdeck the tests run.
fn env(c: &mut Command, home: &Path) {
    c.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_AUTHOR_NAME")
        .env_remove("GIT_AUTHOR_EMAIL")
        .env_remove("GIT_COMMITTER_NAME")
        .env_remove("GIT_COMMITTER_EMAIL")
        .env_remove("EMAIL")
        .env_remove("PARTNERDECK_AUTHOR");
}

/// stdout and stderr of a finished command, for messages.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Adds a log entry to the file (an id from the workspace's own allocation).
pub fn log_entry(file: &Path, summary: &str) {
    use partnerdeck::model::*;
    let mut ws = partnerdeck::store::load(file).unwrap().unwrap().workspace;
    let partner = ws.partners[0].id;
    let id = InteractionId(ws.allocate_id());
    ws.interactions.push(Interaction {
        authors: Default::default(),
        id,
        partner,
        at: partnerdeck::store::demo::DEMO_ANCHOR
            .and_hms_opt(9, 0, 0)
            .unwrap(),
        channel: Channel::Call,
        initiated_by: Side::Us,
        summary: summary.into(),
        sentiment: None,
        follow_up: None,
    });
    ws.normalize();
    partnerdeck::store::save(file, &ws).unwrap();
}

/// How many log entries with this summary the file holds.
pub fn entries(file: &Path, summary: &str) -> usize {
    partnerdeck::store::load(file)
        .unwrap()
        .unwrap()
        .workspace
        .interactions
        .iter()
        .filter(|i| i.summary == summary)
        .count()
}

/// Whether a process is still running (a zombie counts as gone).
pub fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}
