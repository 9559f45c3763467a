//! One mail message's headers read into a [`Mail`] by `mail-parser` (MIME, RFC 2047 encoded
//! words in any charset, address lists, dates); Maildir folders and mbox files are split into
//! messages by its `mailbox` readers. Bodies are never decoded: a proposal needs none of them.

use super::item::{Addr, Mail, Read};
use super::matcher::normalize;
use chrono::{DateTime, Local, NaiveDateTime};
use mail_parser::{HeaderValue, MessageParser};
use std::path::Path;

/// How the part before the `@` of an automated sender starts.
const NO_REPLY: &[&str] = &[
    "noreply",
    "no-reply",
    "no_reply",
    "donotreply",
    "do-not-reply",
    "do_not_reply",
    "mailer-daemon",
    "postmaster",
    "bounce",
    "bounces",
    "notification",
    "notifications",
    "newsletter",
];

fn addr(a: &mail_parser::Addr<'_>) -> Option<Addr> {
    let email = normalize(a.address.as_deref()?);
    email.contains('@').then(|| Addr {
        name: a.name.as_deref().unwrap_or_default().trim().to_string(),
        email,
    })
}

fn addrs<'a>(list: Option<&'a mail_parser::Address<'_>>) -> impl Iterator<Item = Addr> + 'a {
    list.into_iter().flat_map(|l| l.iter()).filter_map(addr)
}

/// The first message id of a header (References, In-Reply-To).
fn first_id(v: &HeaderValue<'_>) -> Option<String> {
    match v {
        HeaderValue::Text(t) => Some(t.to_string()),
        HeaderValue::TextList(l) => l.first().map(|t| t.to_string()),
        _ => None,
    }
}

/// Whether a sender's address is an automated one.
pub fn no_reply(email: &str) -> bool {
    let local = email.split('@').next().unwrap_or_default();
    NO_REPLY.iter().any(|n| local.starts_with(n))
}

/// A time in seconds since the epoch as local time.
pub fn local(seconds: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(seconds, 0).map(|t| t.with_timezone(&Local).naive_local())
}

/// Reads one message's headers; `None` when it has no sender or no date.
pub fn parse(bytes: &[u8]) -> Option<Mail> {
    let m = MessageParser::default().parse_headers(bytes)?;
    let from = addrs(m.from()).next()?;
    let at = local(m.date()?.to_timestamp())?;
    let to: Vec<Addr> = addrs(m.to()).chain(addrs(m.cc())).collect();
    let subject = m.subject().unwrap_or_default().trim().to_string();
    let id = match m.message_id() {
        Some(id) if !id.trim().is_empty() => id.trim().to_string(),
        _ => {
            let h = blake3::hash(format!("{}\n{at}\n{subject}", from.email).as_bytes());
            format!("hash-{}", &h.to_hex()[..24])
        }
    };
    let thread = first_id(m.references())
        .or_else(|| first_id(m.in_reply_to()))
        .unwrap_or_else(|| id.clone());
    let raw = |name: &'static str| m.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let bulk = raw("List-Unsubscribe").is_some()
        || raw("List-Id").is_some()
        || raw("Precedence").is_some_and(|p| matches!(p.as_str(), "bulk" | "list" | "junk"))
        || raw("Auto-Submitted").is_some_and(|a| a != "no")
        || no_reply(&from.email);
    Some(Mail {
        id,
        thread,
        from,
        to,
        subject,
        at,
        bulk,
    })
}

fn take(out: &mut Read, bytes: &[u8], place: impl FnOnce() -> String) {
    match parse(bytes) {
        Some(mail) => out.mails.push(mail),
        None => out
            .problems
            .push(format!("{}: a message without a sender or a date", place())),
    }
}

/// Every message of a Maildir folder (`cur` and `new`; its subfolders are walked separately).
pub fn maildir(path: &Path, out: &mut Read) {
    let messages = match mail_parser::mailbox::maildir::MessageIterator::new(path) {
        Ok(m) => m,
        Err(e) => return out.problems.push(format!("{}: {e}", path.display())),
    };
    for message in messages {
        match message {
            Ok(m) => take(out, m.contents(), || m.path().display().to_string()),
            Err(e) => out.problems.push(format!("{}: {e}", path.display())),
        }
    }
}

/// Every message of an mbox file.
pub fn mbox(path: &Path, out: &mut Read) {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return out.problems.push(format!("{}: {e}", path.display())),
    };
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    for (i, message) in mail_parser::mailbox::mbox::MessageIterator::new(reader).enumerate() {
        match message {
            Ok(m) => take(out, m.contents(), || {
                format!("{} (message {})", path.display(), i + 1)
            }),
            Err(e) => return out.problems.push(format!("{}: {e}", path.display())),
        }
    }
}

/// A single message file (`.eml`).
pub fn single(path: &Path, bytes: &[u8], out: &mut Read) {
    take(out, bytes, || path.display().to_string());
}
