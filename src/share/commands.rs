//! The command line's side of sharing: `partnerdeck share NAME [--out FILE] [--html FILE]` and
//! `partnerdeck receive FILE [--partner NAME] [--trust]`. Files are written through
//! `store::write_private` (atomic, 0600); the workspace is changed under its lock, through
//! `document::write_change` (the guarded save of every command: `Source::write_change` for
//! `--include`; `receive` reads the workspace first to identify the sender), backed up first,
//! as `partnerdeck log` does.

use super::receive::{Sender, identify, keep};
use super::{build, html, key, reconcile, seal};
use crate::command::{CommandError, Source, complain, open_for_writing, say};
use crate::document::{self, Backups, Change};
use crate::model::ShareSettings;
use crate::model::share::OPTIONAL_FIELDS;
use crate::store;
use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The largest pack `receive` reads.
pub const MAX_PACK: u64 = 8 * 1024 * 1024;

fn refuse(text: impl Into<String>) -> CommandError {
    CommandError::Share(text.into())
}

/// A file name made of a name's letters and digits (`Café Lumière` → `cafe-lumiere`).
fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .map(crate::model::find::squash)
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "partner".into()
    } else {
        words.join("-")
    }
}

/// Where `share` writes: the pack (else a name made of both sides'), the page (else none).
pub struct Outputs<'a> {
    pub pack: Option<&'a Path>,
    pub page: Option<&'a Path>,
}

/// `--include`: the partner's share settings set and saved (under the lock, backed up first).
fn set_include(src: &Source, name: &str, include: &[String]) -> Result<(), CommandError> {
    let fields: Vec<String> = include
        .iter()
        .map(|f| f.trim().to_string())
        .filter(|f| !f.is_empty() && f != "none")
        .collect();
    for f in &fields {
        if !OPTIONAL_FIELDS.iter().any(|(n, _)| n == f) {
            let names: Vec<&str> = OPTIONAL_FIELDS.iter().map(|(n, _)| *n).collect();
            return Err(refuse(format!(
                "`{f}` is not a field that can be shared; these can: {}",
                names.join(", ")
            )));
        }
    }
    src.write_change(
        "set it once that window is closed",
        None,
        Backups::ByPolicy,
        |_: &()| Change::named("Changed what is shared"),
        |ws| {
            let id = crate::model::find::partner(ws, name)?.id;
            match ws.share_settings.iter().position(|s| s.partner == id) {
                Some(i) => ws.share_settings[i].include = fields.clone(),
                None => {
                    let mut s = ShareSettings::new(id);
                    s.include = fields.clone();
                    let mut all = ws.share_settings.to_vec();
                    all.push(s);
                    all.sort_by_key(|s| s.partner);
                    ws.share_settings = all.into();
                }
            }
            Ok::<_, CommandError>(())
        },
    )?;
    Ok(())
}

/// `partnerdeck share NAME [--out FILE] [--html FILE] [--include FIELDS]`.
pub fn share(
    src: &Source,
    name: &str,
    outputs: &Outputs<'_>,
    include: Option<&[String]>,
) -> Result<ExitCode, CommandError> {
    if src.options.demo {
        return Err(CommandError::Demo { what: "share" });
    }
    if let Some(include) = include {
        set_include(src, name, include)?;
    }
    let ws = src.read()?;
    let partner = crate::model::find::partner(&ws, name)?;
    if let Some(s) = ws.share_settings.iter().find(|s| s.partner == partner.id) {
        for unknown in s.unknown() {
            complain(&format!(
                "partnerdeck: share settings of {}: `{unknown}` is not a field that can be shared; left out",
                partner.name
            ));
        }
    }
    let pack = build::build(&ws, partner.id, src.today).ok_or(CommandError::Vanished)?;
    let data = src.options.path().map_err(|e| refuse(e.to_string()))?;
    let key_path = key::key_path(&data);
    let (signer, made) = key::load_or_create(&key_path).map_err(|e| refuse(e.to_string()))?;
    let fingerprint = key::fingerprint(&signer.verifying_key().to_bytes());
    let text =
        seal::seal(&pack, &signer).map_err(|e| refuse(format!("cannot write the pack: {e}")))?;
    let out = outputs.pack.map_or_else(
        || {
            PathBuf::from(format!(
                "{}-to-{}.pdpack",
                slug(&pack.from),
                slug(&partner.name)
            ))
        },
        Path::to_path_buf,
    );
    store::write_private(&out, text.as_bytes())?;
    if made {
        say(&format!(
            "Made your signing key {} (private: never send or commit it)",
            key_path.display()
        ))?;
    }
    say(&format!(
        "Wrote the pack for {} to {}",
        partner.name,
        out.display()
    ))?;
    let shared = ws
        .share_settings
        .iter()
        .find(|s| s.partner == partner.id)
        .map(|s| s.include.join(", "))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "nothing optional".into());
    say(&format!("Shared beyond the declared fields: {shared}"))?;
    if let Some(page) = outputs.page {
        store::write_private(page, html::page(&pack, &fingerprint.0).as_bytes())?;
        say(&format!("Wrote the page to {}", page.display()))?;
    }
    say(&format!("Your key's fingerprint: {fingerprint}"))?;
    say("Read it to them by phone when they receive their first pack from you.")?;
    Ok(ExitCode::SUCCESS)
}

/// `partnerdeck receive FILE [--partner NAME] [--trust]`.
pub fn receive(
    src: &Source,
    file: &Path,
    partner: Option<&str>,
    trust: bool,
    wait: Option<u64>,
) -> Result<ExitCode, CommandError> {
    if src.options.demo {
        return Err(CommandError::Demo { what: "receive" });
    }
    let bytes = store::read_regular(file, Some(MAX_PACK))
        .map_err(|e| refuse(format!("cannot read {}: {e}", file.display())))?
        .ok_or_else(|| refuse(format!("{}: no such file", file.display())))?;
    let opened =
        seal::open(&bytes).map_err(|e| refuse(format!("{}: refused: {e}", file.display())))?;
    let options = store::Options {
        read_only: false,
        wait: wait.map(std::time::Duration::from_secs),
        today: Some(src.today),
        ..src.options.clone()
    };
    let mut session = open_for_writing(&options, "receive it once that window is closed")?;
    let (ws, stamp) = match session.load()? {
        Some(opened) => (opened.workspace, opened.stamp),
        None => return Err(CommandError::Missing(session.path().to_path_buf())),
    };
    let named = match partner {
        Some(n) => Some(crate::model::find::partner(&ws, n)?.id),
        None => None,
    };
    let sender = identify(&ws, &opened, named);
    let fp = &opened.fingerprint;
    let (id, trusting) = match sender {
        Sender::Trusted(id) => (id, false),
        Sender::Unknown(reason) => return Err(refuse(reason)),
        Sender::New(id) => {
            let name = ws.partner_name(id).unwrap_or_default().to_string();
            let question = format!(
                "The pack says it is from “{}”, signed by the key with fingerprint\n  {fp}\nCheck it with {name} by phone. Trust this key for {name}?",
                opened.pack.from
            );
            if !(trust || ask(&question)?) {
                return Err(refuse(format!(
                    "not received: the key ({fp}) is not trusted for {name}; after checking it, run again with --trust"
                )));
            }
            (id, true)
        }
        Sender::KeyChanged(id, old) => {
            let name = ws.partner_name(id).unwrap_or_default().to_string();
            let question = format!(
                "This pack is signed by a key ({fp}) other than the one trusted for {name} ({old}).\nDid {name} tell you by phone that they changed keys? Trust the new key?"
            );
            if !(trust || ask(&question)?) {
                return Err(refuse(format!(
                    "not received: signed by {fp}, but {name}'s trusted key is {old}; if they changed keys (check by phone), run again with --trust"
                )));
            }
            (id, true)
        }
    };
    let new = document::write_change(
        session.path(),
        ws,
        stamp,
        src.today,
        Backups::ByPolicy,
        |_: &()| Change::named("Received their pack"),
        |ws| {
            *ws = keep(ws, id, &opened, trusting, src.today);
            Ok::<_, CommandError>(())
        },
    )
    .map_err(CommandError::from_write)?
    .workspace;
    let name = new.partner_name(id).unwrap_or_default().to_string();
    let diffs = reconcile::differences_in(&new, id, &opened.pack);
    let _ = say(&format!(
        "Received the pack of {} ({}) for {name}, signed by {fp}",
        opened.pack.from, opened.pack.made
    ));
    let _ = say(&summary(&diffs));
    Ok(ExitCode::SUCCESS)
}

/// What the differences are, in lines; the dashboard's key to reconcile them.
fn summary(diffs: &[reconcile::Difference]) -> String {
    if diffs.is_empty() {
        return "Their side agrees with ours.".into();
    }
    let mut lines = vec![format!(
        "{} to look at (in the dashboard: select the partner, then T, their side):",
        crate::words::count(diffs.len(), "difference")
    )];
    for d in diffs {
        lines.push(format!(
            "  {} “{}” {}: ours {}, theirs {}",
            d.kind, d.what, d.field, d.ours, d.theirs
        ));
    }
    lines.join("\n")
}

/// Asks a yes/no question on the terminal; no terminal is a no.
fn ask(question: &str) -> Result<bool, CommandError> {
    if !std::io::stdin().is_terminal() {
        complain(&format!("{question} (no terminal to answer: taken as no)"));
        return Ok(false);
    }
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{} [y/N] ", crate::text::clean_lines(question));
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(CommandError::Stdout)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}
