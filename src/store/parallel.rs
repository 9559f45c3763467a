//! Parsing a big workspace on every core. The record lists are cut into pieces (`split.rs`), the
//! pieces are parsed on worker threads, and the rest of the file (version, profile, the lists
//! emptied) is parsed as a workspace of its own; then the pieces are put back in order.
//!
//! The result is the same workspace a parse in one piece gives: the pieces are exactly the lists'
//! text, parsed by the same deserializer. When anything is off (the scanner gives up, a piece or
//! the rest does not parse), this returns `None` and the caller parses the whole text in one
//! piece, which also gives the exact line and column of any error.

use super::format::parse;
use super::split::{List, scan};
use crate::model::{EachKind, List as ModelList, Record, Workspace, each_kind};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

/// Below this size one thread parses the file faster than threads can be started.
pub const MIN_PARALLEL_LEN: usize = 512 * 1024;

/// One parsed piece of a list: puts its records at the end of their list.
type Piece = Box<dyn FnOnce(&mut Workspace) + Send>;

/// The lists that are not lists of records ([`Record`]), parsed in pieces too.
const OTHER_LISTS: [&str; 2] = ["review_actions", "drafts"];

/// Whether `name` is a list parsed in pieces: every kind of record's, and [`OTHER_LISTS`].
fn is_list(name: &str) -> bool {
    struct Named<'a>(&'a str, bool);
    impl EachKind for Named<'_> {
        fn kind<R: Record>(&mut self) {
            self.1 |= R::FIELD == self.0;
        }
    }
    let mut named = Named(name, OTHER_LISTS.contains(&name));
    each_kind(&mut named);
    named.1
}

/// Parses the text of a piece of a list (the records between its brackets).
fn parse_records<T>(text: &str, list: fn(&mut Workspace) -> &mut ModelList<T>) -> Option<Piece>
where
    T: Clone + Send + serde::de::DeserializeOwned + 'static,
{
    let records: Vec<T> = parse(&format!("[{text}]")).ok()?;
    Some(Box::new(move |ws: &mut Workspace| {
        list(ws).append(records.into())
    }))
}

/// Parses a piece of the list `name`; `None` when it does not parse (or names no such list).
fn parse_piece(name: &str, text: &str) -> Option<Piece> {
    match name {
        "review_actions" => parse_records(text, |ws| &mut ws.review_actions),
        "drafts" => parse_records(text, |ws| &mut ws.drafts),
        _ => {
            struct Parse<'a>(&'a str, &'a str, Option<Piece>);
            impl EachKind for Parse<'_> {
                fn kind<R: Record>(&mut self) {
                    if R::FIELD == self.0 {
                        self.2 = parse_records(self.1, R::list_mut);
                    }
                }
            }
            let mut parsed = Parse(name, text, None);
            each_kind(&mut parsed);
            parsed.2
        }
    }
}

/// Appends the pieces (in file order) to the workspace's lists.
fn install(ws: &mut Workspace, pieces: impl Iterator<Item = Piece>) {
    for piece in pieces {
        piece(ws);
    }
}

/// The number of threads to parse with.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Parses `text` on `threads` threads, in pieces of about `piece_len` bytes; `None` when it has
/// to be parsed in one piece instead (see the module's notes). The scan and the parse overlap:
/// the other threads parse pieces as the scan finds them, and this one joins them after parsing
/// the rest of the file.
pub fn parse_in_pieces(text: &str, threads: usize, piece_len: usize) -> Option<Workspace> {
    let (send, receive) = mpsc::channel::<(usize, &str, Range<usize>)>();
    let receive = Mutex::new(receive);
    let parsed: Mutex<Vec<(usize, Piece)>> = Mutex::new(Vec::new());
    let failed = AtomicBool::new(false);
    let work = || {
        loop {
            // Waits for the next piece; ends when the scan is over and every piece taken.
            let task = receive.lock().unwrap_or_else(|e| e.into_inner()).recv();
            let Ok((i, name, range)) = task else { break };
            if failed.load(Ordering::Relaxed) {
                continue;
            }
            match parse_piece(name, &text[range]) {
                Some(piece) => parsed
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push((i, piece)),
                None => failed.store(true, Ordering::Relaxed),
            }
        }
    };
    let rest = std::thread::scope(|scope| {
        for _ in 1..threads.max(1) {
            scope.spawn(work);
        }
        let mut count = 0;
        let lists = scan(text, is_list, piece_len, |name, range| {
            // Cannot fail: the receiver lives until the scope ends.
            let _ = send.send((count, name, range));
            count += 1;
        });
        drop(send);
        let rest = lists.and_then(|lists| {
            // A list given twice is refused by the one-piece parse, with its line.
            let twice =
                (0..lists.len()).any(|i| lists[..i].iter().any(|l| l.name == lists[i].name));
            if twice {
                return None;
            }
            parse::<Workspace>(&without_lists(text, &lists)).ok()
        });
        if rest.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        work();
        rest
    });
    let mut ws = rest?;
    if failed.into_inner() {
        return None;
    }
    let mut pieces = parsed.into_inner().unwrap_or_else(|e| e.into_inner());
    pieces.sort_unstable_by_key(|(i, _)| *i);
    install(&mut ws, pieces.into_iter().map(|(_, p)| p));
    Some(ws)
}

/// The text with every found list emptied (`partners: []`).
fn without_lists(text: &str, lists: &[List<'_>]) -> String {
    let mut out = String::with_capacity(4096);
    let mut at = 0;
    for list in lists {
        out.push_str(&text[at..list.content.start]);
        at = list.content.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Parses a workspace, on every core when the text is big enough to gain from it; `None` when it
/// has to be parsed in one piece.
pub fn parse_workspace_fast(text: &str) -> Option<Workspace> {
    let threads = threads();
    if text.len() < MIN_PARALLEL_LEN || threads < 2 {
        return None;
    }
    // Several pieces per thread, so that a slow piece does not leave a core idle at the end.
    let piece_len = (text.len() / (threads * 8)).max(64 * 1024);
    parse_in_pieces(text, threads, piece_len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{demo_workspace, to_text};

    #[test]
    fn pieces_give_the_same_workspace_as_one_parse() {
        let ws = demo_workspace(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        let text = to_text(&ws).unwrap();
        let whole: Workspace = parse(&text).unwrap();
        for (threads, piece_len) in [(1, 1), (2, 1), (3, 100), (2, 1 << 20)] {
            let pieces = parse_in_pieces(&text, threads, piece_len).expect("parses in pieces");
            assert_eq!(pieces, whole, "{threads} threads, pieces of {piece_len}");
        }
    }

    #[test]
    fn a_broken_piece_means_one_parse() {
        let ws = demo_workspace(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        let text = to_text(&ws).unwrap();
        let broken = text.replacen("kind: ", "knd: ", 1);
        assert!(parse_in_pieces(&broken, 2, 1).is_none());
        let twice = text.replacen("  goals: [", "  goals: [],\n  goals: [", 1);
        assert!(parse_in_pieces(&twice, 2, 1).is_none());
        let unknown = text.replacen("  goals: [", "  golas: [],\n  goals: [", 1);
        assert!(parse_in_pieces(&unknown, 2, 1).is_none());
    }

    #[test]
    fn a_big_broken_file_reports_the_line_a_one_piece_parse_gives() {
        let ws = demo_workspace(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        let text = to_text(&ws).unwrap();
        let padding = "// padding to make the file big enough to parse in pieces\n".repeat(10_000);
        let big = format!("{padding}{text}");
        assert!(big.len() > MIN_PARALLEL_LEN);
        let loaded = crate::store::load_text(&big, std::path::Path::new("big.ron")).unwrap();
        assert_eq!(loaded.workspace, ws);
        let broken = big.replacen("summary: ", "sumary: ", 1);
        let line = broken.lines().position(|l| l.contains("sumary: ")).unwrap() + 1;
        match crate::store::load_text(&broken, std::path::Path::new("big.ron")) {
            Err(crate::store::LoadError::Parse { error, .. }) => assert_eq!(error.line, line),
            other => panic!("expected a parse error, got {other:?}"),
        }
    }
}
