//! Shell integration: completion scripts and manual pages generated from the CLI definition.

mod common;

use common::cli::{bin, stdout};

/// What the binary prints for these arguments (which must succeed), with no workspace file
/// taken from the environment.
fn printed(args: &[&str]) -> String {
    stdout(bin().env_remove("PARTNERDECK_FILE").args(args))
}

#[test]
fn completion_scripts_know_every_command() {
    for (shell, marker) in [
        ("bash", "complete -F _partnerdeck"),
        ("zsh", "#compdef partnerdeck"),
        ("fish", "complete -c partnerdeck"),
    ] {
        let script = printed(&["completions", shell]);
        assert!(script.contains(marker), "{shell}");
        for command in ["export", "import", "brief", "log", "completions", "man"] {
            assert!(script.contains(command), "{shell}: {command}");
        }
        assert!(script.contains("markdown"), "{shell}: export formats");
    }
}

#[test]
fn the_manual_page_is_roff_and_every_command_gets_a_page() {
    let page = printed(&["man"]);
    assert!(page.contains(".TH partnerdeck 1"), "{page}");
    assert!(page.contains("partnerdeck\\-export(1)"));

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let said = printed(&["man", "--out", out.to_str().unwrap()]);
    assert!(said.starts_with("wrote "), "{said}");
    for name in [
        "partnerdeck.1",
        "partnerdeck-export.1",
        "partnerdeck-import.1",
        "partnerdeck-brief.1",
        "partnerdeck-log.1",
    ] {
        let path = out.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(".TH "), "{name}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{name}");
        }
    }
    let log = std::fs::read_to_string(out.join("partnerdeck-log.1")).unwrap();
    assert!(log.contains("\\-\\-initiated\\-by"), "{log}");
}
