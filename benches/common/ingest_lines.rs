//! The `ingest` lines of the targets bench (issue 31): 10,000 messages read, matched and
//! proposed by `partnerdeck ingest` in ≤ 15 s, whole process; and the dashboard's keys while
//! the review queue fills from those messages in the background, against the per-key targets
//! (median under 1 ms, no key over 5 ms). The messages are the labelled generator's
//! (`tests/common/labelled.rs`), delivered into a Maildir in a temporary folder.

#[path = "../../tests/common/labelled.rs"]
#[allow(dead_code)]
mod labelled;

use super::common::{Size, fmt, key, median_max, open_app};
use super::verdict;
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::Headless;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How many messages are read.
pub const MESSAGES: usize = 10_000;

/// Writes the messages into a Maildir and the workspace beside it; returns both paths and the
/// workspace.
fn corpus(dir: &Path) -> (PathBuf, PathBuf, partnerdeck::model::Workspace) {
    let (ws, messages) = labelled::corpus(200, MESSAGES, 8);
    let maildir = dir.join("Mail/INBOX");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).expect("a Maildir");
    }
    for (n, m) in messages.iter().enumerate() {
        let name = format!("17000{n:05}.M{n}P1.bench:2,S");
        std::fs::write(maildir.join("cur").join(name), &m.bytes).expect("a message");
    }
    let data = dir.join("team.ron");
    partnerdeck::store::save(&data, &ws).expect("the workspace");
    (maildir, data, ws)
}

/// `partnerdeck ingest` over the Maildir, whole process.
fn whole_process(maildir: &Path, data: &Path, runs: usize) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let status = Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
                .arg("--file")
                .arg(data)
                .args(["--no-cache", "--today", "2026-12-07", "ingest", "--json"])
                .arg(maildir)
                .stdout(Stdio::null())
                .status()
                .expect("runs partnerdeck ingest");
            assert!(status.success(), "partnerdeck ingest failed");
            t.elapsed()
        })
        .collect();
    median_max(&mut times)
}

/// Dashboard keys (update and redraw) on the heavy workspace while the queue's read of the
/// Maildir runs, until its proposals arrive; then keys in the filled queue. The heavy
/// workspace's first partners take the generated partners' contacts and domains, so the mail
/// is theirs.
fn keys_while_filling(
    maildir: &Path,
    corpus_ws: &partnerdeck::model::Workspace,
) -> ((Duration, Duration, usize), (Duration, Duration)) {
    let loaded = open_app(&Size::Heavy.file());
    let mut ws = partnerdeck::model::Workspace::clone(loaded.ws());
    drop(loaded);
    for (p, q) in ws.partners.iter_mut().zip(corpus_ws.partners.iter()) {
        p.domains = q.domains.clone();
        p.contacts.extend(q.contacts.iter().cloned());
    }
    ws.profile.team = corpus_ws.profile.team.clone();
    let mut app = super::common::memory_app(ws);
    let theme = Theme::dark();
    let mut screen = Headless::new(super::common::WIDTH, super::common::HEIGHT);
    let keys = ["j", "j", "k", "tab", "j", "shift-tab", "k", "4", "j", "1"];
    // The same keys with nothing read meanwhile, for comparison on the same machine, now.
    let mut quiet: Vec<Duration> = (0..400)
        .map(|n| {
            let t = Instant::now();
            app.handle_key(key(keys[n % keys.len()]));
            std::hint::black_box(screen.draw(&app, &theme));
            t.elapsed()
        })
        .collect();
    let (b_med, b_max) = median_max(&mut quiet);
    println!(
        "the same keys, nothing read  median {:>9}  worst {:>9}",
        fmt(b_med),
        fmt(b_max)
    );
    app.watch_folders(vec![maildir.to_path_buf()]);
    assert!(app.start_inbox_read(true));
    let mut during = Vec::new();
    let mut taken_in = Duration::ZERO;
    let mut n = 0;
    while app.jobs.inbox.reading() {
        let t = Instant::now();
        app.handle_key(key(keys[n % keys.len()]));
        std::hint::black_box(screen.draw(&app, &theme));
        during.push(t.elapsed());
        n += 1;
        // The event loop's quiet moment (not a key), where a finished read is taken in and
        // the queue opens.
        let t = Instant::now();
        if app.poll_inbox() {
            std::hint::black_box(screen.draw(&app, &theme));
            taken_in = t.elapsed();
        }
    }
    let mut slowest: Vec<(Duration, usize)> =
        during.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    slowest.sort_unstable_by(|a, b| b.cmp(a));
    let slowest: Vec<String> = slowest
        .iter()
        .take(5)
        .map(|(d, i)| format!("key {i}: {}", fmt(*d)))
        .collect();
    println!(
        "the slowest keys of {} typed while the read ran: {}",
        during.len(),
        slowest.join(", ")
    );
    println!(
        "taking the read in (a quiet tick: the proposals handed over, the queue opened and \
         drawn) {}",
        fmt(taken_in)
    );
    let filled = app.jobs.inbox.found.as_ref().map_or(0, |f| f.len());
    if !matches!(app.overlay, Some(partnerdeck::app::Overlay::Ingest(_))) {
        app.handle_key(key("I"));
    }
    let mut queue = Vec::new();
    for k in ["j", "j", "k", "G", "g", "j", "pgdn", "pgup"]
        .iter()
        .cycle()
        .take(200)
    {
        let t = Instant::now();
        app.handle_key(key(k));
        std::hint::black_box(screen.draw(&app, &theme));
        queue.push(t.elapsed());
    }
    let (d_med, d_max) = median_max(&mut during);
    ((d_med, d_max, filled), median_max(&mut queue))
}

/// The summary lines.
pub fn lines(runs: usize) -> Vec<String> {
    let dir = tempfile::tempdir().expect("a temp folder");
    let (maildir, data, corpus_ws) = corpus(dir.path());
    let (med, max) = whole_process(&maildir, &data, runs);
    println!(
        "partnerdeck ingest, {MESSAGES} messages (Maildir)  median {:>9}  worst {:>9}  (wall, process start to exit)",
        fmt(med),
        fmt(max)
    );
    let ((d_med, d_max, filled), (q_med, q_max)) = keys_while_filling(&maildir, &corpus_ws);
    println!(
        "keys while the queue fills   median {:>9}  worst {:>9}; in the filled queue ({filled} proposals) median {:>9}  worst {:>9}",
        fmt(d_med),
        fmt(d_max),
        fmt(q_med),
        fmt(q_max)
    );
    vec![
        format!(
            "ingest: {MESSAGES} messages read, matched and proposed, whole process, median {} \
             (worst {}) ≤ 15 s: {}",
            fmt(med),
            fmt(max),
            verdict(max <= Duration::from_secs(15))
        ),
        format!(
            "heavy: per key while the review queue fills from {MESSAGES} messages median {} < 1 \
             ms: {}; worst {} < 5 ms: {} (in the filled queue: median {}, worst {})",
            fmt(d_med),
            verdict(d_med < Duration::from_millis(1)),
            fmt(d_max),
            verdict(d_max < Duration::from_millis(5)),
            fmt(q_med),
            fmt(q_max)
        ),
    ]
}
