//! Running the `partnerdeck` binary from the tests: commands with the environment fixed, their
//! output as text, and a demo workspace file made by `init --demo`.

use assert_cmd::Command;
use partnerdeck::model::Workspace;
use std::path::{Path, PathBuf};

/// The day every command is told is today.
pub const TODAY: &str = "2026-11-27";

/// The binary, in the environment the tests run in.
pub fn bin() -> Command {
    Command::cargo_bin("partnerdeck").unwrap()
}

/// The binary told to read a configuration file that does not exist, so no user configuration
/// is read.
pub fn bin_without_config() -> Command {
    let mut c = bin();
    c.env(
        "PARTNERDECK_CONFIG",
        "/nonexistent-partnerdeck-config/config.ron",
    );
    c
}

/// The binary with today fixed and no workspace file taken from the environment.
pub fn cmd() -> Command {
    let mut c = bin();
    c.env_remove("PARTNERDECK_FILE")
        .env("PARTNERDECK_TODAY", TODAY)
        .env("PARTNERDECK_AUTHOR", AUTHOR);
    c
}

/// Who the commands' changes are signed by (the same in every environment).
pub const AUTHOR: &str = "Test <test@example.org>";

/// The binary on this workspace file (through `PARTNERDECK_FILE`), with today fixed.
pub fn cmd_on(file: &Path) -> Command {
    let mut c = cmd();
    c.env("PARTNERDECK_FILE", file);
    c
}

/// As [`cmd_on`], and with a configuration file beside the workspace file that does not exist,
/// so no user configuration is read.
pub fn cmd_on_without_config(file: &Path) -> Command {
    let mut c = cmd_on(file);
    c.env("PARTNERDECK_CONFIG", file.with_file_name("none.ron"));
    c
}

/// How the output of a command is read as text.
#[derive(Clone, Copy)]
pub enum Utf8 {
    /// Output that is not UTF-8 fails the test.
    Strict,
    /// Bytes that are not UTF-8 are replaced.
    Lossy,
}

/// What a finished command did.
pub struct Run {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs a command; output that is not UTF-8 fails the test.
pub fn run(c: &mut Command) -> Run {
    run_reading(c, Utf8::Strict)
}

/// Runs a command; bytes of its output that are not UTF-8 are replaced.
pub fn run_lossy(c: &mut Command) -> Run {
    run_reading(c, Utf8::Lossy)
}

/// Runs a command, reading its output as `utf8` says.
pub fn run_reading(c: &mut Command, utf8: Utf8) -> Run {
    let out = c.output().unwrap();
    let text = |bytes: Vec<u8>| match utf8 {
        Utf8::Strict => String::from_utf8(bytes).unwrap(),
        Utf8::Lossy => String::from_utf8_lossy(&bytes).into_owned(),
    };
    Run {
        ok: out.status.success(),
        stdout: text(out.stdout),
        stderr: text(out.stderr),
    }
}

/// The standard output of a command that must succeed (and print UTF-8).
pub fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.assert().success().get_output().stdout.clone()).unwrap()
}

/// `ws.ron` in `dir`, made by `init --demo`.
pub fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("ws.ron");
    cmd_on(&path).args(["init", "--demo"]).assert().success();
    path
}

/// The workspace in a file, which must exist and load.
pub fn load(path: &Path) -> Workspace {
    partnerdeck::store::load(path).unwrap().unwrap().workspace
}
