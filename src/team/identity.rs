//! Who the person making changes is ([`crate::model::Identity`]): `PARTNERDECK_AUTHOR`
//! (`Name <email>`, for scripts and tests), else `git config user.name` and `user.email` of the
//! clone the file lives in, else the name in partnerdeck's configuration, else the login name.

use crate::model::Identity;
use std::path::Path;
use std::time::Duration;

/// The environment variable that names the author outright: `Ana Ruiz <ana@acme.org>`.
pub const AUTHOR_ENV: &str = "PARTNERDECK_AUTHOR";

/// The identity for changes to the file at `file`; `configured` is the configuration's name.
pub fn of(file: &Path, configured: Option<&str>) -> Identity {
    if let Some(id) = std::env::var(AUTHOR_ENV).ok().and_then(|v| parse(&v)) {
        return id;
    }
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let git = super::git::Git::new(dir, Duration::from_secs(5), super::git::Cancel::new());
    let ask = |key: &str| {
        git.output(&["config", "--get", key])
            .ok()
            .filter(|o| o.ok())
            .map(|o| o.text().trim().to_string())
            .filter(|t| !t.is_empty())
    };
    let (name, email) = (ask("user.name"), ask("user.email"));
    if name.is_some() || email.is_some() {
        return Identity::new(name.unwrap_or_default(), email.unwrap_or_default());
    }
    if let Some(name) = configured.map(str::trim).filter(|n| !n.is_empty()) {
        return Identity::new(name, "");
    }
    Identity::new(login_name(), "")
}

/// `Name <email>`, `Name` or `<email>`; `None` when empty.
pub fn parse(text: &str) -> Option<Identity> {
    let text = text.trim();
    let (name, email) = match text.split_once('<') {
        Some((name, rest)) => (name, rest.trim_end().trim_end_matches('>')),
        None if text.contains('@') && !text.contains(' ') => ("", text),
        None => (text, ""),
    };
    let id = Identity::new(name, email);
    (!id.name.is_empty() || !id.email.is_empty()).then_some(id)
}

fn login_name() -> String {
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(v) = std::env::var(var)
            && !v.trim().is_empty()
        {
            return v;
        }
    }
    "someone".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_author_is_read_as_git_writes_one() {
        assert_eq!(
            parse("Ana Ruiz <ana@acme.org>"),
            Some(Identity::new("Ana Ruiz", "ana@acme.org"))
        );
        assert_eq!(parse("bo@acme.org"), Some(Identity::new("", "bo@acme.org")));
        assert_eq!(parse("Cy"), Some(Identity::new("Cy", "")));
        assert_eq!(parse("  "), None);
    }

    #[test]
    fn git_config_of_the_clone_names_the_author() {
        let dir = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| {
            std::process::Command::new("git")
                .arg("-C")
                .arg(dir.path())
                .args(args)
                .output()
                .unwrap()
        };
        run(&["init", "-q"]);
        run(&["config", "user.name", "Dee Park"]);
        run(&["config", "user.email", "dee@acme.org"]);
        if std::env::var(AUTHOR_ENV).is_ok() {
            return; // the environment names the author outright
        }
        let id = of(&dir.path().join("p.ron"), Some("Someone Else"));
        assert_eq!(id, Identity::new("Dee Park", "dee@acme.org"));
        assert_eq!(id.key(), "dee");
    }
}
