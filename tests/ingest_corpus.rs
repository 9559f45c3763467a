//! `ingest` on a corpus these tests write: a Maildir (INBOX and Sent, cur and new) and an mbox
//! with multipart, quoted-printable and base64 bodies, encoded non-ASCII subjects and names,
//! replies in threads, bulk mail and unknown senders; a vdir of `.ics` files with a recurring,
//! an all-day and a recurring all-day event; `.vcf` files in vCard 3.0 and 4.0. The proposals
//! are exactly those expected, and after accepting them a second run proposes nothing.

mod common;

use common::mail_corpus::{Body, Msg, deliver, ics, maildir, mbox};
use partnerdeck::ingest::{self, Proposal};
use partnerdeck::model::*;
use std::path::{Path, PathBuf};

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

pub fn workspace() -> Workspace {
    let day = "2026-01-01".parse().unwrap();
    let mut ws = Workspace::named("Our Org");
    ws.profile.team = vec!["@our.org".into()];
    let mut acme = Partner::new(PartnerId(1), "Acme Ltd", day);
    acme.domains = vec!["acme.org".into()];
    acme.contacts = vec![Contact {
        name: "Jane Doe".into(),
        email: "jane@acme.org".into(),
        ..Contact::default()
    }];
    let mut nord = Partner::new(PartnerId(2), "Bürgerstiftung Nord", day);
    nord.contacts = vec![Contact {
        name: "Jörg Müller".into(),
        email: "joerg@buergerstiftung.de".into(),
        ..Contact::default()
    }];
    let mut beta = Partner::new(PartnerId(3), "Beta Collective", day);
    beta.domains = vec!["beta.io".into()];
    ws.partners.push(acme);
    ws.partners.push(nord);
    ws.partners.push(beta);
    ws
}

fn msg<'a>(id: &'a str, from: &'a str, to: &'a str, subject: &'a str, date: &'a str) -> Msg<'a> {
    Msg {
        id,
        from,
        to,
        subject,
        date,
        refs: &[],
        extra: &[],
        body: Body::Plain,
    }
}

fn mail(root: &Path) {
    let inbox = root.join("Mail/work/INBOX");
    let sent = root.join("Mail/work/Sent");
    maildir(&inbox);
    maildir(&sent);
    let m1 = Msg {
        body: Body::QuotedPrintable,
        ..msg(
            "m1@acme.org",
            "Jane Doe <jane@acme.org>",
            "ana@our.org",
            "Quarterly plan",
            "Tue, 01 Dec 2026 09:00:00 +0000",
        )
    };
    deliver(&inbox, 1, true, &m1);
    let m2 = Msg {
        refs: &["m1@acme.org"],
        ..msg(
            "m2@our.org",
            "Ana <ana@our.org>",
            "jane@acme.org",
            "Re: Quarterly plan",
            "Tue, 01 Dec 2026 10:30:00 +0000",
        )
    };
    deliver(&sent, 2, true, &m2);
    // The next day, from Jane's personal address, with the files in base64.
    let m3 = Msg {
        refs: &["m1@acme.org", "m2@our.org"],
        body: Body::Base64,
        ..msg(
            "m3@gmail.com",
            "\"Doe, Jane\" <jane.doe@gmail.com>",
            "ana@our.org",
            "RE: Re: Quarterly plan",
            "Wed, 02 Dec 2026 08:15:00 +0000",
        )
    };
    deliver(&inbox, 3, false, &m3);
    // Encoded name and subject (UTF-8, B and Q encodings).
    let m4 = msg(
        "m4@buergerstiftung.de",
        "=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?= <joerg@buergerstiftung.de>",
        "ana@our.org",
        "=?UTF-8?B?RsO2cmRlcmFudHJhZyBmw7xyIDIwMjc=?=",
        "Thu, 03 Dec 2026 14:00:00 +0100",
    );
    deliver(&inbox, 4, false, &m4);
    let m5 = Msg {
        extra: &["List-Unsubscribe: <mailto:unsub@acme.org>"],
        ..msg(
            "m5@acme.org",
            "Acme News <news@acme.org>",
            "ana@our.org",
            "Acme newsletter",
            "Fri, 04 Dec 2026 07:00:00 +0000",
        )
    };
    deliver(&inbox, 5, true, &m5);
    let m6 = msg(
        "m6@beta.io",
        "no-reply@beta.io",
        "ana@our.org",
        "Your invoice",
        "Fri, 04 Dec 2026 07:30:00 +0000",
    );
    deliver(&inbox, 6, true, &m6);
    let m7 = msg(
        "m7@unknown.net",
        "Stranger <stranger@unknown.net>",
        "ana@our.org",
        "Hello",
        "Fri, 04 Dec 2026 08:00:00 +0000",
    );
    deliver(&inbox, 7, true, &m7);
    let m8 = msg(
        "m8@our.org",
        "ana@our.org",
        "bob@our.org",
        "Lunch?",
        "Fri, 04 Dec 2026 09:00:00 +0000",
    );
    deliver(&sent, 8, true, &m8);
    // An mbox: a subdomain, a lookalike, a latin-1 subject, and a copy of m1.
    let m9 = msg(
        "m9@our.org",
        "ana@our.org",
        "Sam Lee <sam@eu.beta.io>",
        "Intro call",
        "Fri, 20 Nov 2026 16:00:00 +0000",
    );
    let m10 = msg(
        "m10@x.com",
        "x@beta-io.com",
        "ana@our.org",
        "Beta offer",
        "Sat, 21 Nov 2026 10:00:00 +0000",
    );
    let m11 = msg(
        "m11@beta.io",
        "sam@beta.io",
        "ana@our.org",
        "=?ISO-8859-1?Q?R=E9sum=E9_of_the_call?=",
        "Sun, 22 Nov 2026 11:00:00 +0000",
    );
    let copy = Msg {
        body: Body::QuotedPrintable,
        ..msg(
            "m1@acme.org",
            "Jane Doe <jane@acme.org>",
            "ana@our.org",
            "Quarterly plan",
            "Tue, 01 Dec 2026 09:00:00 +0000",
        )
    };
    mbox(&root.join("archive.mbox"), &[m9, m10, m11, copy]);
}

fn calendar(root: &Path) {
    let vdir = root.join("calendars/work");
    std::fs::create_dir_all(&vdir).unwrap();
    ics(
        &vdir.join("workshop.ics"),
        &[
            "UID:ev1@our.org\nSUMMARY:Workshop\nDTSTART:20261125T120000Z\nDTEND:20261125T140000Z\nORGANIZER;CN=Ana:mailto:ana@our.org\nATTENDEE;CN=Jane Doe:mailto:jane@acme.org",
        ],
    );
    ics(
        &vdir.join("weekly.ics"),
        &[
            "UID:ev2@buergerstiftung.de\nSUMMARY:Weekly sync\nDTSTART:20261117T120000Z\nDTEND:20261117T130000Z\nRRULE:FREQ=WEEKLY;COUNT=5\nORGANIZER:mailto:joerg@buergerstiftung.de\nATTENDEE:mailto:ana@our.org",
        ],
    );
    ics(
        &vdir.join("fair.ics"),
        &[
            "UID:ev3@our.org\nSUMMARY:Street fair\nDTSTART;VALUE=DATE:20261204\nDTEND;VALUE=DATE:20261205\nATTENDEE:mailto:sam@beta.io",
            "UID:ev4@our.org\nSUMMARY:Board day\nDTSTART;VALUE=DATE:20261101\nRRULE:FREQ=MONTHLY;COUNT=3\nATTENDEE:mailto:jane@acme.org",
            "UID:ev5@our.org\nSUMMARY:Dentist\nDTSTART:20261203T080000Z\nATTENDEE:mailto:desk@dentist.example",
        ],
    );
}

fn cards(root: &Path) {
    let dir = root.join("contacts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("sam.vcf"),
        "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-sam\r\nFN:Sam Lee\r\nN:Lee;Sam;;;\r\nORG:Beta Collective\r\nTITLE:Partnerships\r\nEMAIL;TYPE=INTERNET:sam@beta.io\r\nTEL;TYPE=CELL:+49 170 1234567\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nUID:card-x\r\nFN:X Nobody\r\nEMAIL:x@nowhere.org\r\nEND:VCARD\r\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("v4.vcf"),
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\nFN:Jörg Müller\r\nEMAIL;TYPE=work:joerg@buergerstiftung.de\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:mia\r\nFN:Mia Chen\r\nORG:Acme Ltd;Outreach\r\nEMAIL:mia.chen@gmail.com\r\nTEL;VALUE=uri:tel:+44-20-7946-0000\r\nEND:VCARD\r\n",
    )
    .unwrap();
}

/// The whole corpus, and the paths to give `ingest`.
pub fn corpus(root: &Path) -> Vec<PathBuf> {
    mail(root);
    calendar(root);
    cards(root);
    vec![
        root.join("Mail"),
        root.join("archive.mbox"),
        root.join("calendars"),
        root.join("contacts"),
    ]
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
            "card:urn:uuid:mia | contact | Acme Ltd | Organisation | 2026-12-07 12:00 | Mia Chen |  | mia.chen@gmail.com | +44-20-7946-0000 | Them | 1",
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
            "card:card-sam | contact | Beta Collective | Domain | 2026-12-07 12:00 | Sam Lee | Partnerships | sam@beta.io | +49 170 1234567 | Them | 1",
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
