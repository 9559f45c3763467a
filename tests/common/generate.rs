//! The benchmark generator (`examples/generate.rs`), run through cargo (`cargo run --example`,
//! offline, same profile as the tests), as its users run it.

use std::path::Path;
use std::process::Command;

/// Runs the generator example with `args`, writing to `out`, and returns its standard output.
pub fn generate(args: &[&str], out: &Path) -> String {
    let mut cmd = Command::new(env!("CARGO"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "run",
        "--offline",
        "--quiet",
        "--example",
        "generate",
    ]);
    // Build it with the profile the tests were built with, so nothing is compiled twice.
    let exe = std::env::current_exe().unwrap();
    if exe.components().any(|c| c.as_os_str() == "release") {
        cmd.arg("--release");
    }
    let output = cmd
        .arg("--")
        .args(args)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the generator failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
