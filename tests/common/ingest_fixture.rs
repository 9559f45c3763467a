//! The corpus of the `ingest` tests, written as files: three partners, a Maildir (INBOX and
//! Sent) and an mbox, a vdir of calendars, two vCard files (see `tests/ingest_corpus.rs` for
//! what each holds and what it must give).

use super::mail_corpus::{Body, Msg, deliver, ics, maildir, mbox};
use partnerdeck::model::*;
use std::path::{Path, PathBuf};

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
