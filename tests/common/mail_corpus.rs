//! Mail, calendars and address books written as real files for the `ingest` tests: a Maildir
//! (cur, new; INBOX and Sent side by side as mbsync leaves them), an mbox, `.ics` files in a
//! vdir, `.vcf` files. Messages are written as a mail client would: multipart bodies,
//! quoted-printable and base64, RFC 2047 encoded subjects and names.

use std::path::Path;

/// One message's headers and a body.
pub struct Msg<'a> {
    pub id: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    /// RFC 2822 date.
    pub date: &'a str,
    pub refs: &'a [&'a str],
    /// Extra header lines (`List-Unsubscribe: …`).
    pub extra: &'a [&'a str],
    pub body: Body,
}

/// How the body is written.
#[derive(Clone, Copy)]
pub enum Body {
    Plain,
    /// multipart/alternative, the text part quoted-printable.
    QuotedPrintable,
    /// multipart/mixed, a base64 text part and a base64 attachment.
    Base64,
}

impl Msg<'_> {
    /// The message as a file holds it (CRLF line ends, as IMAP gives them).
    pub fn bytes(&self) -> Vec<u8> {
        let mut h = format!(
            "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: <{}>\r\nMIME-Version: 1.0\r\n",
            self.from, self.to, self.subject, self.date, self.id
        );
        if let Some(last) = self.refs.last() {
            let all: Vec<String> = self.refs.iter().map(|r| format!("<{r}>")).collect();
            h.push_str(&format!(
                "In-Reply-To: <{last}>\r\nReferences: {}\r\n",
                all.join(" ")
            ));
        }
        for e in self.extra {
            h.push_str(e);
            h.push_str("\r\n");
        }
        let body = match self.body {
            Body::Plain => "Content-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\nsee you soon.\r\n".to_string(),
            Body::QuotedPrintable => "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\n\
                Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                Gr=C3=BC=C3=9Fe, the plan =E2=80=94 attached.=\r\n From the team.\r\n--b1\r\n\
                Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
                <p>Gr=C3=BC=C3=9Fe</p>\r\n--b1--\r\n".to_string(),
            Body::Base64 => "Content-Type: multipart/mixed; boundary=\"m2\"\r\n\r\n--m2\r\n\
                Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n\
                SGVsbG8sIHRoZSBmaWxlcyBhcmUgYXR0YWNoZWQu\r\n--m2\r\n\
                Content-Type: application/pdf; name=\"plan.pdf\"\r\nContent-Disposition: attachment; filename=\"plan.pdf\"\r\n\
                Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQKJcOkw7zDtsOfCg==\r\n--m2--\r\n".to_string(),
        };
        (h + &body).into_bytes()
    }
}

/// A Maildir folder with its three subfolders.
pub fn maildir(dir: &Path) {
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
}

/// Puts a message into a Maildir: `cur` (seen) or `new`.
pub fn deliver(dir: &Path, n: usize, seen: bool, m: &Msg<'_>) {
    let (sub, name) = if seen {
        ("cur", format!("17000000{n:02}.M{n}P1.host,U={n}:2,S"))
    } else {
        ("new", format!("17000000{n:02}.M{n}P1.host"))
    };
    std::fs::write(dir.join(sub).join(name), m.bytes()).unwrap();
}

/// An mbox file of these messages (`From ` lines quoted in bodies as mboxrd does).
pub fn mbox(path: &Path, messages: &[Msg<'_>]) {
    let mut out = Vec::new();
    for m in messages {
        out.extend_from_slice(b"From sender@example.org Mon Dec  7 10:00:00 2026\n");
        let text = String::from_utf8(m.bytes()).unwrap().replace("\r\n", "\n");
        out.extend_from_slice(text.as_bytes());
        out.push(b'\n');
    }
    std::fs::write(path, out).unwrap();
}

/// A calendar of these VEVENT bodies (each the lines between BEGIN and END).
pub fn ics(path: &Path, events: &[&str]) {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for e in events {
        out.push_str("BEGIN:VEVENT\r\nDTSTAMP:20261101T000000Z\r\n");
        out.push_str(&e.replace('\n', "\r\n"));
        out.push_str("\r\nEND:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    std::fs::write(path, out).unwrap();
}
