//! `partnerdeck git setup` never damages what is there: it appends to `.gitattributes` and
//! `.gitignore` byte for byte (UTF-8 or not), never writes through a symbolic link, writes odd file
//! names in git's quoted form, and checks with `git check-attr` that the driver applies.

mod common;

use common::repo::{Repos, have_git, text};
use std::path::Path;

macro_rules! need_git {
    () => {
        if !have_git() {
            eprintln!("skipped: no git");
            return;
        }
    };
}

fn merge_attr(r: &Repos, clone: &Path, name: &str) -> String {
    let out = r
        .git_cmd(clone)
        .args(["check-attr", "-z", "merge", "--", name])
        .output()
        .unwrap();
    let fields: Vec<String> = out
        .stdout
        .split(|b| *b == 0)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    fields.get(2).cloned().unwrap_or_default()
}

#[test]
fn setup_appends_byte_for_byte_to_files_that_are_not_utf8() {
    need_git!();
    let r = Repos::new();
    let a = r.clone_as("a");
    let attributes = b"# r\xe9sum\xe9 des r\xe8gles\n*.png binary".to_vec();
    let ignore = b"secrets.env\n# caf\xe9\nnode_modules/\n".to_vec();
    std::fs::write(a.join(".gitattributes"), &attributes).unwrap();
    std::fs::write(a.join(".gitignore"), &ignore).unwrap();
    let file = a.join("team.ron");
    assert!(r.run(&file, &["init", "--demo"]).status.success());
    let out = r.run(&file, &["git", "setup"]);
    assert!(out.status.success(), "{}", text(&out));
    let now = std::fs::read(a.join(".gitattributes")).unwrap();
    assert!(
        now.starts_with(&attributes),
        "{:?}",
        String::from_utf8_lossy(&now)
    );
    let now_ignore = std::fs::read(a.join(".gitignore")).unwrap();
    assert!(now_ignore.starts_with(&ignore));
    assert_eq!(merge_attr(&r, &a, "team.ron"), "partnerdeck");
    assert_eq!(
        merge_attr(&r, &a, "x.png"),
        "unset",
        "the old rules still apply"
    );
    // Run twice, it changes nothing.
    let out = r.run(&file, &["git", "setup"]);
    assert!(out.status.success());
    assert_eq!(std::fs::read(a.join(".gitattributes")).unwrap(), now);
    assert_eq!(std::fs::read(a.join(".gitignore")).unwrap(), now_ignore);
}

#[test]
fn setup_never_writes_through_a_symbolic_link() {
    need_git!();
    let r = Repos::new();
    let a = r.clone_as("a");
    let outside = r.dir.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let file = a.join("team.ron");
    assert!(r.run(&file, &["init", "--demo"]).status.success());
    for name in [".gitattributes", ".gitignore"] {
        let target = outside.join(name);
        std::fs::write(&target, "# someone else's\n").unwrap();
        std::os::unix::fs::symlink(&target, a.join(name)).unwrap();
        let out = r.run(&file, &["git", "setup"]);
        assert!(!out.status.success(), "{name}: {}", text(&out));
        assert!(text(&out).contains("link"), "{name}: {}", text(&out));
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "# someone else's\n"
        );
        std::fs::remove_file(a.join(name)).unwrap();
    }
    // A dangling link is no way in either.
    std::os::unix::fs::symlink(outside.join("new"), a.join(".gitignore")).unwrap();
    let out = r.run(&file, &["git", "setup"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(!outside.join("new").exists());
}

#[test]
fn odd_file_names_are_written_quoted_and_checked_with_check_attr() {
    need_git!();
    for name in [
        "deck\n*",
        "tab\there.ron",
        "back\\slash.ron",
        "space name.ron",
        "deck[12].ron",
        "#hash.ron",
        "!bang.ron",
        "quote\".ron",
    ] {
        let r = Repos::new();
        let a = r.clone_as("a");
        let file = a.join(name);
        assert!(
            r.run(&file, &["init", "--demo"]).status.success(),
            "{name:?}"
        );
        let out = r.run(&file, &["git", "setup"]);
        assert!(out.status.success(), "{name:?}: {}", text(&out));
        assert_eq!(merge_attr(&r, &a, name), "partnerdeck", "{name:?}");
        // Nothing else is named or ignored.
        std::fs::write(a.join("notes.txt"), "x").unwrap();
        assert_eq!(merge_attr(&r, &a, "notes.txt"), "unspecified", "{name:?}");
        let ignored = r
            .git_cmd(&a)
            .args(["check-ignore", "-q", "--", "notes.txt"])
            .status()
            .unwrap();
        assert!(!ignored.success(), "{name:?}: notes.txt is not ignored");
        let ignored = r
            .git_cmd(&a)
            .args(["check-ignore", "-q", "--no-index", "--"])
            .arg(format!("{name}.lock"))
            .status()
            .unwrap();
        if !name.contains('\n') {
            assert!(ignored.success(), "{name:?}: its lock is ignored");
        }
        // Run twice, it changes nothing.
        let before = std::fs::read(a.join(".gitattributes")).unwrap();
        let out = r.run(&file, &["git", "setup"]);
        assert!(out.status.success(), "{name:?}: {}", text(&out));
        assert_eq!(std::fs::read(a.join(".gitattributes")).unwrap(), before);
    }
}

#[test]
fn setup_says_when_the_driver_still_does_not_apply() {
    need_git!();
    let r = Repos::new();
    let a = r.clone_as("a");
    let file = a.join("sub").join("team.ron");
    std::fs::create_dir_all(a.join("sub")).unwrap();
    assert!(r.run(&file, &["init", "--demo"]).status.success());
    // A rule in a deeper .gitattributes that turns the driver off wins over the root's.
    std::fs::write(a.join("sub/.gitattributes"), "team.ron -merge\n").unwrap();
    let out = r.run(&file, &["git", "setup"]);
    assert!(!out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("check-attr"), "{}", text(&out));
}
