//! `ingest` on a corpus these tests write: a Maildir (INBOX and Sent, cur and new) and an mbox
//! with multipart, quoted-printable and base64 bodies, encoded non-ASCII subjects and names,
//! replies in threads, bulk mail and unknown senders; a vdir of `.ics` files with a recurring,
//! an all-day and a recurring all-day event; `.vcf` files in vCard 3.0 and 4.0. The proposals
//! are exactly those expected, and after accepting them a second run proposes nothing.

mod common;

use common::ingest_fixture::{corpus, workspace};
use partnerdeck::ingest::{self, Proposal};
use partnerdeck::model::*;
use std::path::Path;

fn now() -> chrono::NaiveDateTime {
    "2026-12-07T12:00:00".parse().unwrap()
}

/// A time given in UTC, as the machine's local time (what ingest shows).
fn utc(s: &str) -> String {
    let t: chrono::DateTime<chrono::Utc> = format!("{s}Z").parse().unwrap();
    t.with_timezone(&chrono::Local)
        .naive_local()
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn line(p: &Proposal) -> String {
    format!(
        "{} | {} | {} | {:?} | {} | {} | {:?} | {}",
        p.source,
        p.kind.label(),
        p.partner_name,
        p.why,
        p.at.format("%Y-%m-%d %H:%M"),
        p.summary,
        p.initiated_by,
        p.messages
    )
}

#[test]
fn the_corpus_gives_exactly_the_expected_proposals_and_a_second_run_none() {
    let dir = tempfile::tempdir().unwrap();
    let paths = corpus(dir.path());
    let mut ws = workspace();
    let read = ingest::read_paths(&paths, now(), None);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let found = ingest::proposals(&ws, &read, now(), None);
    let got: Vec<String> = found.proposals.iter().map(line).collect();
    let n = |s: &str| s.to_string();
    let expected = vec![
        // Acme Ltd: its newest proposal is the monthly board day in January (within 30 days).
        n(
            "upcoming:ev4@our.org/2027-01-01 | upcoming | Acme Ltd | Contact | 2027-01-01 00:00 | Board day | Us | 1",
        ),
        n(
            "card:urn:uuid:mia | contact | Acme Ltd | Organisation | 2026-12-07 12:00 | Mia Chen <mia.chen@gmail.com> +44-20-7946-0000 | Them | 1",
        ),
        n("mail:m1@acme.org/2026-12-02 | email | Acme Ltd | Name | ")
            + &utc("2026-12-02T08:15:00")
            + " | Quarterly plan | Them | 1",
        n("mail:m1@acme.org/2026-12-01 | email | Acme Ltd | Contact | ")
            + &utc("2026-12-01T09:00:00")
            + " | Quarterly plan | Them | 2",
        n(
            "event:ev4@our.org/2026-12-01 | meeting | Acme Ltd | Contact | 2026-12-01 00:00 | Board day | Us | 1",
        ),
        n("event:ev1@our.org/2026-11-25 | meeting | Acme Ltd | Contact | ")
            + &utc("2026-11-25T12:00:00")
            + " | Workshop | Us | 1",
        n(
            "event:ev4@our.org/2026-11-01 | meeting | Acme Ltd | Contact | 2026-11-01 00:00 | Board day | Us | 1",
        ),
        // Bürgerstiftung Nord: its newest proposal is the coming weekly sync.
        n(
            "upcoming:ev2@buergerstiftung.de/2026-12-15 | upcoming | Bürgerstiftung Nord | Contact | ",
        ) + &utc("2026-12-15T12:00:00")
            + " | Weekly sync | Them | 1",
        n(
            "upcoming:ev2@buergerstiftung.de/2026-12-08 | upcoming | Bürgerstiftung Nord | Contact | ",
        ) + &utc("2026-12-08T12:00:00")
            + " | Weekly sync | Them | 1",
        n("mail:m4@buergerstiftung.de/2026-12-03 | email | Bürgerstiftung Nord | Contact | ")
            + &utc("2026-12-03T13:00:00")
            + " | Förderantrag für 2027 | Them | 1",
        n("event:ev2@buergerstiftung.de/2026-12-01 | meeting | Bürgerstiftung Nord | Contact | ")
            + &utc("2026-12-01T12:00:00")
            + " | Weekly sync | Them | 1",
        n("event:ev2@buergerstiftung.de/2026-11-24 | meeting | Bürgerstiftung Nord | Contact | ")
            + &utc("2026-11-24T12:00:00")
            + " | Weekly sync | Them | 1",
        n("event:ev2@buergerstiftung.de/2026-11-17 | meeting | Bürgerstiftung Nord | Contact | ")
            + &utc("2026-11-17T12:00:00")
            + " | Weekly sync | Them | 1",
        // Beta Collective: the card (dated now), the all-day fair, the mbox's two messages.
        n(
            "card:card-sam | contact | Beta Collective | Domain | 2026-12-07 12:00 | Sam Lee (Partnerships) <sam@beta.io> +49 170 1234567 | Them | 1",
        ),
        n(
            "event:ev3@our.org/2026-12-04 | meeting | Beta Collective | Domain | 2026-12-04 00:00 | Street fair | Us | 1",
        ),
        n("mail:m11@beta.io/2026-11-22 | email | Beta Collective | Domain | ")
            + &utc("2026-11-22T11:00:00")
            + " | Résumé of the call | Them | 1",
        n("mail:m9@our.org/2026-11-20 | email | Beta Collective | Domain | ")
            + &utc("2026-11-20T16:00:00")
            + " | Intro call | Us | 1",
    ];
    assert_eq!(got, expected, "got:\n{}", got.join("\n"));
    let c = &found.counts;
    assert_eq!(
        (
            c.messages,
            c.bulk,
            c.duplicates,
            c.internal,
            c.decided,
            c.known
        ),
        (12, 2, 1, 1, 0, 1),
        "{c:?}"
    );
    // Unmatched: the stranger, the lookalike, the dentist, the unknown card.
    assert_eq!(c.unmatched, 4, "{c:?}");

    // Accepting all: log entries, milestones, contacts; then nothing is proposed again.
    let added = ingest::accept(&mut ws, &found.proposals).unwrap();
    assert_eq!(
        (added.entries, added.milestones, added.contacts),
        (12, 3, 2)
    );
    assert!(validate(&ws).is_empty(), "{:?}", validate(&ws));
    let again = ingest::proposals(&ws, &ingest::read_paths(&paths, now(), None), now(), None);
    assert!(again.proposals.is_empty(), "{:?}", again.proposals);
    // The cards' people are contacts now (known); everything else was decided.
    assert_eq!(
        (again.counts.decided, again.counts.known),
        (15, 3),
        "{:?}",
        again.counts
    );
}

/// The command: a dry run lists, `--apply` adds and saves, and the next run (also in another
/// clone of the file) proposes nothing; `--json` gives the same proposals.
#[test]
fn the_command_applies_once_and_then_proposes_nothing() {
    use common::cli::{cmd_on_without_config, run};
    let dir = tempfile::tempdir().unwrap();
    let paths = corpus(dir.path());
    let data = dir.path().join("team.ron");
    partnerdeck::store::save(&data, &workspace()).unwrap();
    let args = |extra: &[&str]| {
        let mut a: Vec<String> = vec!["ingest".into()];
        a.extend(paths.iter().map(|p| p.display().to_string()));
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let cmd = |file: &Path| {
        let mut c = cmd_on_without_config(file);
        c.env("PARTNERDECK_TODAY", "2026-12-07");
        c
    };
    let dry = run(cmd(&data).args(args(&["--json"])));
    assert!(dry.ok, "{}", dry.stderr);
    let json: serde_json::Value = serde_json::from_str(&dry.stdout).unwrap();
    assert_eq!(json["proposals"].as_array().unwrap().len(), 17);
    assert_eq!(json["counts"]["bulk"], 2);
    let applied = run(cmd(&data).args(args(&["--apply"])));
    assert!(applied.ok, "{}", applied.stderr);
    assert!(
        applied
            .stdout
            .contains("Added 12 log entries, 3 milestones and 2 contacts."),
        "{}",
        applied.stdout
    );
    let ws = partnerdeck::store::load(&data).unwrap().unwrap().workspace;
    assert_eq!(ws.ingested.len(), 17);
    // A clone of the file (what git gives a teammate) remembers the same decisions.
    let clone = dir.path().join("clone.ron");
    std::fs::copy(&data, &clone).unwrap();
    for file in [&data, &clone] {
        let again = run(cmd(file).args(args(&[])));
        assert!(again.ok, "{}", again.stderr);
        assert!(
            again.stdout.contains("Nothing new to propose."),
            "{}",
            again.stdout
        );
    }
}
