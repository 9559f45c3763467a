//! `partnerdeck brief` and `partnerdeck log` from the shell, against a temp file: names found
//! loosely but never guessed, entries validated and saved atomically, the lock respected.

mod common;

use common::cli::{cmd_on, demo_file, load, run};
use partnerdeck::model::*;
use std::fs;

#[test]
fn a_brief_has_every_section_a_meeting_needs() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let r = run(cmd_on(&path).args(["brief", "riverside"]));
    assert!(r.ok, "{}", r.stderr);
    let b = r.stdout;
    assert!(
        b.starts_with("# Brief: Riverside Tenants' Association\n"),
        "{b}"
    );
    for section in [
        "## Last contact",
        "## Open follow-ups (2)",
        "## Open commitments",
        "**We promised** (1 open;",
        "**They promised** (1 open;",
        "## Milestones (open, due within 90 days)",
        "## Active goals",
        "## Last review: 2026-09-28",
        "> Best review yet. The online form is our open promise — deliver it.",
        "Next review due 2026-12-27 (in 30 days).",
        "## Talking points",
    ] {
        assert!(b.contains(section), "missing {section:?} in\n{b}");
    }
    // Talking points come from the insight layer: attention items and health shortfalls.
    assert!(b.contains("Follow-up 16 days overdue: Publish the online repair request form"));
    assert!(b.contains("Leveraged strengths (they meet our needs): they offer nothing we need"));
    // Overdue things are marked.
    assert!(
        b.contains("- ! Publish the online repair request form — due 2026-11-11 (16 days overdue)")
    );
}

#[test]
fn ambiguous_and_unknown_names_are_refused_with_the_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let r = run(cmd_on(&path).args(["brief", "northwind"]));
    assert!(!r.ok);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr
            .contains("`northwind` matches 2 partners; type more of the name:"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("\n  City of Northwind — Parks & Culture"));
    assert!(
        r.stderr
            .contains("\n  Northwind Polytechnic — Civic Tech Lab")
    );

    let r = run(cmd_on(&path).args(["brief", "polytech"]));
    assert!(r.ok);
    assert!(
        r.stdout
            .starts_with("# Brief: Northwind Polytechnic — Civic Tech Lab")
    );

    let r = run(cmd_on(&path).args(["brief", "zebra crossing"]));
    assert!(!r.ok);
    assert!(
        r.stderr
            .contains("no partner matches `zebra crossing`; the partners are:"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("\n  Café Lumière"));
}

#[test]
fn log_appends_a_validated_entry_that_the_brief_then_shows() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = load(&path);
    let r = run(cmd_on(&path).args([
        "log",
        "cafe lumiere",
        "Tasted the winter menu; agreed on a date",
        "--channel",
        "meeting",
        "--when",
        "yesterday 18:00",
        "--initiated-by",
        "them",
        "--sentiment",
        "5",
        "--follow-up",
        "Send the poster draft",
        "--follow-up-due",
        "fri",
    ]));
    assert!(r.ok, "{}", r.stderr);
    assert!(r.stdout.starts_with("logged #"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("with Café Lumière: meeting on 2026-11-26 18:00")
    );

    let ws = load(&path);
    assert!(validate(&ws).is_empty());
    assert_eq!(ws.interactions.len(), before.interactions.len() + 1);
    let x = ws.interactions.last().unwrap();
    assert!(
        x.id.0 > before.max_id(),
        "a new id, above every id the file held"
    );
    assert_eq!(ws.partner(x.partner).unwrap().name, "Café Lumière");
    assert_eq!(x.at.to_string(), "2026-11-26 18:00:00");
    assert_eq!(x.channel, Channel::Meeting);
    assert_eq!(x.initiated_by, Side::Them);
    assert_eq!(x.sentiment, Some(5));
    let f = x.follow_up.as_ref().unwrap();
    assert_eq!(f.what, "Send the poster draft");
    assert_eq!(f.due.to_string(), "2026-11-27"); // the Friday after the contact
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let r = run(cmd_on(&path).args(["brief", "café"]));
    assert!(r.ok);
    assert!(
        r.stdout
            .contains("(yesterday): meeting, they reached out — Tasted the winter menu; agreed on a date (sentiment 5/5)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Send the poster draft — due 2026-11-27 (today)")
    );

    // Defaults: a call we started, now.
    let r = run(cmd_on(&path).args(["log", "maya", "Quick check-in"]));
    assert!(r.ok, "{}", r.stderr);
    let x = load(&path).interactions.last().unwrap().clone();
    assert_eq!((x.channel, x.initiated_by), (Channel::Call, Side::Us));
    assert_eq!(x.at.date().to_string(), "2026-11-27");

    // Relative dates that look like options.
    let r = run(cmd_on(&path).args(["log", "harbour", "Sent the checklist", "--when", "-2d"]));
    assert!(r.ok, "{}", r.stderr);
    let x = load(&path).interactions.last().unwrap().clone();
    assert_eq!(x.at.to_string(), "2026-11-25 09:00:00");
}

#[test]
fn a_bad_entry_an_open_dashboard_or_a_missing_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let before = fs::read(&path).unwrap();
    for (args, want) in [
        (
            vec!["log", "maya", "x", "--channel", "fax"],
            "`fax` is not a channel",
        ),
        (
            vec!["log", "maya", "x", "--sentiment", "9"],
            "sentiment is from 1 to 5",
        ),
        (
            vec!["log", "maya", "x", "--when", "someday"],
            "is not a date",
        ),
        (vec!["log", "maya", "  "], "the summary is empty"),
        (vec!["log", "north", "x"], "matches 2 partners"),
        (vec!["log", "nobody at all", "x"], "no partner matches"),
    ] {
        let r = run(cmd_on(&path).args(&args));
        assert!(!r.ok, "{args:?}");
        assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
    }
    assert_eq!(fs::read(&path).unwrap(), before);

    let lock = partnerdeck::store::Lock::acquire(&path).unwrap();
    let r = run(cmd_on(&path).args(["log", "maya", "Call while the dashboard is open"]));
    assert!(!r.ok);
    assert!(
        r.stderr.contains(&format!(
            "is open in partnerdeck (pid {}",
            std::process::id()
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("log it there"), "{}", r.stderr);
    assert_eq!(fs::read(&path).unwrap(), before);
    drop(lock);

    let missing = dir.path().join("none.ron");
    let r = run(cmd_on(&missing).args(["log", "maya", "x"]));
    assert!(!r.ok);
    assert!(r.stderr.contains("partnerdeck init"), "{}", r.stderr);
    assert!(!missing.exists());

    let r = run(cmd_on(&path).args(["--demo", "log", "maya", "x"]));
    assert!(!r.ok);
    assert!(r.stderr.contains("read-only sample"), "{}", r.stderr);
}
