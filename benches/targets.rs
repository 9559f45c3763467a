//! The targets of issue 8, measured and judged (release build, `cargo bench --bench targets`):
//!
//! - heavy: `partnerdeck render` wall time under 150 ms;
//! - extreme: time to first frame ≤ 1.3 × bare RON deserialization of the same file (cold: no
//!   cache entry), and ≤ 0.3 s on a warm start (the file unchanged since the cache entry);
//! - extreme: peak memory ≤ 3 × the file's size;
//! - per key (update + redraw): median under 1 ms, no key over 5 ms, navigation and every
//!   change-making key alike (add a log entry, edit a partner, mark a milestone done, delete a
//!   goal, undo, redo);
//! - the undo history after 200 small changes: within 25% of the loaded workspace's memory.
//! - backups: the default policy's most copies (20 recent + 30 daily) take ≤ 5 × the file.
//! - extreme: `partnerdeck due` (issue 30) ≤ 200 ms whole process with a warm cache
//!   (`PARTNERDECK_BENCH_ONLY=due` runs only that line).
//! - `ingest` (issue 31): 10,000 messages read in ≤ 15 s whole process, and the per-key targets
//!   while the review queue fills (`PARTNERDECK_BENCH_ONLY=ingest` runs only these lines).
//!
//! Every figure is printed for both sizes (set `PARTNERDECK_BENCH_SIZES=heavy` for one), with
//! median and worst. The workspaces are generated on first use into `target/bench-data/`.

mod common;
#[path = "common/ingest_lines.rs"]
mod ingest;

use common::{HEIGHT, Kind, SCENARIOS, Size, WIDTH, fmt, median_max};
use partnerdeck::app::Source;
use partnerdeck::model::Workspace;
use partnerdeck::store;
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::Headless;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Bytes allocated and not yet freed, counted only in the undo-memory child (`COUNTING`), so
/// that the timings elsewhere in this bench see the plain system allocator.
struct Counting;
static COUNTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static HELD: std::sync::atomic::AtomicIsize = std::sync::atomic::AtomicIsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only a count is kept.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: std::alloc::Layout) -> *mut u8 {
        count(l.size() as isize);
        unsafe { std::alloc::System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: std::alloc::Layout) {
        count(-(l.size() as isize));
        unsafe { std::alloc::System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: std::alloc::Layout, new: usize) -> *mut u8 {
        count(new as isize - l.size() as isize);
        unsafe { std::alloc::System.realloc(p, l, new) }
    }
}

fn count(bytes: isize) {
    use std::sync::atomic::Ordering::Relaxed;
    if COUNTING.load(Relaxed) {
        HELD.fetch_add(bytes, Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes held now (KiB), as counted since counting started.
fn held_kib() -> u64 {
    (HELD.load(std::sync::atomic::Ordering::Relaxed).max(0) / 1024) as u64
}

/// Milliseconds of a duration, for ratios.
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

/// Bare deserialization (in one piece, and on every core as the loader does) and first frame,
/// interleaved so that all three see the same machine load.
fn first_frame_vs_parse(size: Size, runs: usize) -> [(Duration, Duration); 3] {
    let path = size.file();
    let theme = Theme::dark();
    let (mut parse, mut pieces, mut first) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let text = std::fs::read_to_string(&path).expect("reads");
        let t = Instant::now();
        let ws = store::parse::<Workspace>(&text).expect("parses");
        parse.push(t.elapsed());
        drop(ws);
        let t = Instant::now();
        let ws = store::parallel::parse_workspace_fast(&text).expect("parses in pieces");
        pieces.push(t.elapsed());
        drop((ws, text));

        let t = Instant::now();
        let app = common::open_app(&path);
        let mut screen = Headless::new(WIDTH, HEIGHT);
        screen.draw(&app, &theme);
        first.push(t.elapsed());
        drop(app);
    }
    [
        median_max(&mut parse),
        median_max(&mut pieces),
        median_max(&mut first),
    ]
}

/// Warm and cold starts through the cache of loaded workspaces, as the dashboard opens
/// (`store::Session`, then the app with its saver, then one frame), interleaved run by run:
/// cold with an empty cache (the entry it leaves is removed again after each run), and warm
/// (the file unchanged since the entry was written). Prints the parts — the hash of the file,
/// the entry's size, encoding, decoding and writing it, the derived figures built in `App::new`
/// — and returns the summary's lines: the warm first frame (≤ 0.3 s at extreme; heavy for
/// information) and the cold one against the bare deserialization (≤ 1.3×).
fn cache_starts(size: Size, runs: usize) -> Vec<String> {
    use store::cache::{Cache, decode, encode};
    let path = size.file();
    let dir = tempfile::tempdir().expect("a temp folder");
    let cache_dir = dir.path().join("cache");
    let theme = Theme::dark();
    let first_frame = |cache: Option<&std::path::Path>| {
        let t = Instant::now();
        let (app, hit, write) = common::open_app_with(&path, cache);
        let mut screen = Headless::new(WIDTH, HEIGHT);
        screen.draw(&app, &theme);
        let took = t.elapsed();
        (took, hit, write, app)
    };
    // The parts, once.
    let ws = store::load(&path)
        .expect("loads")
        .expect("exists")
        .workspace;
    let mut hash = Vec::new();
    let (mut enc, mut dec, mut derived) = (Vec::new(), Vec::new(), Vec::new());
    let mut entry_payload = 0;
    for _ in 0..runs {
        let t = Instant::now();
        store::Stamp::read(&path).expect("reads").expect("exists");
        hash.push(t.elapsed());
        let t = Instant::now();
        let payload = encode(&ws).expect("encodes");
        enc.push(t.elapsed());
        entry_payload = payload.len();
        let t = Instant::now();
        let back = decode(&payload).expect("decodes");
        dec.push(t.elapsed());
        drop(back);
        let t = Instant::now();
        let app = partnerdeck::app::App::new(ws.clone(), common::today(), Source::Memory);
        derived.push(t.elapsed());
        drop(app);
    }
    let stamp = store::Stamp::read(&path).expect("reads").expect("exists");
    let t = Instant::now();
    let entry = Cache::at(&cache_dir)
        .write(&stamp, None, &ws)
        .expect("the cache entry is written");
    let write_time = t.elapsed();
    let entry_len = std::fs::metadata(&entry).expect("written").len();
    assert_eq!(entry_len, (entry_payload + store::cache::HEADER_LEN) as u64);
    drop(ws);

    let (mut parse, mut cold, mut warm) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let text = std::fs::read_to_string(&path).expect("reads");
        let t = Instant::now();
        let ws = store::parse::<Workspace>(&text).expect("parses");
        parse.push(t.elapsed());
        drop((ws, text));
        // Cold: an empty cache folder.
        let empty = dir.path().join("empty");
        let _ = std::fs::remove_dir_all(&empty);
        let (took, hit, write, app) = first_frame(Some(&empty));
        assert!(
            !hit && write.is_some(),
            "the cold start found a cache entry"
        );
        cold.push(took);
        drop(app);
        // Warm: the entry written above.
        let (took, hit, _, app) = first_frame(Some(&cache_dir));
        assert!(hit, "the warm start did not use the cache entry");
        warm.push(took);
        drop(app);
    }
    let [(h_med, _), (e_med, _), (d_med, _), (a_med, a_max)] = [
        median_max(&mut hash),
        median_max(&mut enc),
        median_max(&mut dec),
        median_max(&mut derived),
    ];
    let [(p_med, _), (c_med, c_max), (w_med, w_max)] = [
        median_max(&mut parse),
        median_max(&mut cold),
        median_max(&mut warm),
    ];
    println!(
        "cache: hash of the file (blake3, read in pieces) median {:>9}",
        fmt(h_med)
    );
    println!(
        "cache: entry {:.1} MB ({:.0}% of the file); encode median {}, decode median {}, \
         write (encode, verify, write) {}",
        entry_len as f64 / 1e6,
        100.0 * entry_len as f64 / std::fs::metadata(&path).expect("exists").len() as f64,
        fmt(e_med),
        fmt(d_med),
        fmt(write_time)
    );
    println!(
        "derived figures (App::new: index, overview, rows) median {:>9}  worst {:>9}",
        fmt(a_med),
        fmt(a_max)
    );
    println!(
        "bare deserialization (as above)   median {:>9}  (interleaved with these runs)",
        fmt(p_med)
    );
    println!(
        "first frame, cold (empty cache)   median {:>9}  worst {:>9}",
        fmt(c_med),
        fmt(c_max)
    );
    println!(
        "first frame, warm (cache entry)   median {:>9}  worst {:>9}",
        fmt(w_med),
        fmt(w_max)
    );
    let cold_ratio = ms(c_med) / ms(p_med);
    let warm_line = match size {
        Size::Extreme => format!(
            "extreme: warm start first frame median {} ≤ 0.3 s: {} (worst {}; of it: hash {}, \
             decode {}, derived figures {})",
            fmt(w_med),
            verdict(w_med <= Duration::from_millis(300)),
            fmt(w_max),
            fmt(h_med),
            fmt(d_med),
            fmt(a_med)
        ),
        Size::Heavy => format!(
            "heavy: warm start first frame median {} (worst {}; for information)",
            fmt(w_med),
            fmt(w_max)
        ),
    };
    let cold_line = match size {
        Size::Extreme => format!(
            "extreme: cold start (empty cache) first frame / bare deserialization \
             {cold_ratio:.2}× ≤ 1.3×: {}",
            verdict(cold_ratio <= 1.3)
        ),
        Size::Heavy => format!(
            "heavy: cold start (empty cache) first frame / bare deserialization {cold_ratio:.2}× \
             (for information)"
        ),
    };
    vec![warm_line, cold_line]
}

/// Runs `partnerdeck render` on a file once: its wall time (process start to exit) and peak
/// resident size (KiB). The peak is only the render's own when this process is small: the kernel
/// carries the spawning process's high-water mark into the child across `exec`.
#[allow(clippy::zombie_processes)] // reaped by `wait_with_rusage` (wait4, for the child's rusage)
fn render_once(path: &std::path::Path) -> (Duration, u64) {
    let t = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
        .arg("--file")
        .arg(path)
        // A cold render, as the target means: the file parsed, and no cache entry left behind.
        .arg("--no-cache")
        .args(["--today", "2026-11-27", "render", "--width", "120"])
        .args(["--height", "40"])
        .stdout(Stdio::null())
        .spawn()
        .expect("runs partnerdeck render");
    let (ok, maxrss) = wait_with_rusage(child.id());
    let elapsed = t.elapsed();
    assert!(ok, "partnerdeck render failed on {}", path.display());
    (elapsed, maxrss)
}

/// Times `partnerdeck due` on a size's file, whole process (start to exit), with a warm cache
/// (issue 30: ≤ 200 ms at the extreme size, fast enough for a shell prompt): a first run parses
/// and leaves the workspace cache entry and `due`'s slimmed copy; then `runs` runs of the
/// prompt's question (`due --short`, the same each time: answered from the kept answer, the
/// file's content hash taken from the slimmed copy's trusted stamp) and `runs` runs of
/// `due --within 7d --format json` each for another day (a new question: the slimmed copy
/// decoded and the queue worked out).
fn due_runs(size: Size, runs: usize) -> Vec<String> {
    let path = size.file();
    let dir = tempfile::tempdir().expect("a temp folder");
    let cache = dir.path().join("cache");
    let once = |today: &str, args: &[&str]| {
        let t = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
            .arg("--file")
            .arg(&path)
            .arg("--cache-dir")
            .arg(&cache)
            .args(["--today", today, "due"])
            .args(args)
            .stdout(Stdio::null())
            .status()
            .expect("runs partnerdeck due");
        assert!(
            status.success(),
            "partnerdeck due failed on {}",
            path.display()
        );
        t.elapsed()
    };
    let first = once("2026-11-27", &["--short"]);
    let mut prompt: Vec<Duration> = (0..runs)
        .map(|_| once("2026-11-27", &["--short"]))
        .collect();
    let days: Vec<String> = (0..runs)
        .map(|i| format!("2026-12-{:02}", 1 + i % 28))
        .collect();
    let mut fresh: Vec<Duration> = days
        .iter()
        .map(|d| once(d, &["--within", "7d", "--format", "json"]))
        .collect();
    let (p_med, p_max) = median_max(&mut prompt);
    let (f_med, f_max) = median_max(&mut fresh);
    println!(
        "partnerdeck due --short      median {:>9}  worst {:>9}  (wall, process start to exit, \
         the same question again; the first run, which parsed: {})",
        fmt(p_med),
        fmt(p_max),
        fmt(first)
    );
    println!(
        "partnerdeck due json, new day median {:>9}  worst {:>9}  (warm cache: the slimmed copy \
         decoded, the queue worked out)",
        fmt(f_med),
        fmt(f_max)
    );
    vec![
        format!(
            "{size}: partnerdeck due --short (a prompt asking again), warm cache, median {} \
             (worst {}) ≤ 200 ms: {}",
            fmt(p_med),
            fmt(p_max),
            verdict(p_med <= Duration::from_millis(200))
        ),
        format!(
            "{size}: partnerdeck due --within 7d --format json (a new question), warm cache, \
             median {} (worst {}) ≤ 200 ms: {}",
            fmt(f_med),
            fmt(f_max),
            verdict(f_med <= Duration::from_millis(200))
        ),
    ]
}

/// Times `partnerdeck merge BASE OURS THEIRS` (git's driver: three loads, the merge, an atomic
/// save) on a size's file, each side with 200 changes of its own (log entries added, goals and
/// partners edited), as two teammates' day of work: wall times over `runs` runs.
fn merge_runs(size: Size, runs: usize) -> (Duration, Duration) {
    let dir = tempfile::tempdir().expect("a temp folder");
    let base = store::load(&size.file())
        .expect("loads")
        .expect("exists")
        .workspace;
    let side = |parity: usize, tag: &str| {
        let mut ws = base.clone();
        let partners: Vec<_> = ws
            .partners
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .map(|(_, p)| p.id)
            .collect();
        for n in 0..200 {
            let p = partners[n % partners.len()];
            let id = partnerdeck::model::InteractionId(ws.allocate_id());
            ws.interactions.push(partnerdeck::model::Interaction {
                authors: Default::default(),
                id,
                partner: p,
                at: common::today().and_hms_opt(10, 0, 0).expect("a time"),
                channel: partnerdeck::model::Channel::Call,
                initiated_by: partnerdeck::model::Side::Us,
                summary: format!("{tag} {n}"),
                sentiment: None,
                follow_up: None,
            });
            if let Some(x) = ws.partners.iter_mut().find(|x| x.id == p) {
                x.notes = format!("{tag} note {n}");
            }
        }
        ws.normalize();
        ws
    };
    let (ours, theirs) = (side(0, "ours"), side(1, "theirs"));
    let b = dir.path().join("base.ron");
    let t = dir.path().join("theirs.ron");
    store::save(&b, &base).expect("saves");
    store::save(&t, &theirs).expect("saves");
    let ours_text = store::to_text(&ours).expect("serializes");
    let o = dir.path().join("ours.ron");
    let mut times = Vec::new();
    for _ in 0..runs {
        store::write_private(&o, ours_text.as_bytes()).expect("writes");
        let started = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_partnerdeck"))
            .arg("merge")
            .args([&b, &o, &t])
            .stderr(Stdio::null())
            .status()
            .expect("runs partnerdeck merge");
        times.push(started.elapsed());
        assert!(status.success(), "the merge of {size} failed");
    }
    median_max(&mut times)
}

/// Runs `partnerdeck render` on a file `runs` times: wall times, and its peak resident size
/// (KiB) measured from a small child of this bench (see `render_once`).
fn render_runs(size: Size, runs: usize) -> ((Duration, Duration), u64) {
    let path = size.file();
    let mut times: Vec<Duration> = (0..runs).map(|_| render_once(&path).0).collect();
    let out = Command::new(std::env::current_exe().expect("own path"))
        .arg("--render-peak")
        .arg(&path)
        .output()
        .expect("runs itself");
    assert!(out.status.success(), "the render-peak child failed");
    let peak_kib = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("KiB");
    (median_max(&mut times), peak_kib)
}

/// Waits for a child and returns whether it succeeded and its peak resident size (KiB).
fn wait_with_rusage(pid: u32) -> (bool, u64) {
    let mut status = 0;
    // SAFETY: plain wait4 on our own child; `usage` is written by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(r, pid as libc::pid_t, "wait4 failed");
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (ok, usage.ru_maxrss as u64)
}

struct KeyFigures {
    name: &'static str,
    median: Duration,
    worst: Duration,
    /// The key that took longest, and at which of its presses.
    worst_key: (&'static str, usize),
}

/// Every scenario key by key on the busiest partner: `rounds` passes over each sequence.
/// Returns each scenario's figures, and median and worst over the navigation keys, the filter
/// keystrokes, the edit keys, and the time from a filter keystroke until every row was matched.
fn per_key(size: Size, rounds: usize) -> (Vec<KeyFigures>, [(Duration, Duration); 4]) {
    let (loaded, _) = store::load_stamped(&size.file())
        .expect("loads")
        .expect("exists");
    let ws = loaded.workspace;
    let mut by_kind: [Vec<Duration>; 3] = Default::default();
    let mut matched = Vec::new();
    let mut rows = Vec::new();
    for scenario in SCENARIOS {
        let mut bench = common::KeyBench::new(common::memory_app(ws.clone()), scenario);
        bench.time(1); // warm up
        let timed = bench.time(rounds);
        if scenario.kind == Kind::Filter {
            matched
                .extend_from_slice(&bench.until_matched[bench.until_matched.len() - timed.len()..]);
        }
        let (at, &(worst_key, _)) = timed
            .iter()
            .enumerate()
            .max_by_key(|(_, (_, d))| *d)
            .expect("keys were timed");
        let mut t: Vec<Duration> = timed.iter().map(|(_, d)| *d).collect();
        by_kind[scenario.kind as usize].extend_from_slice(&t);
        let (median, worst) = median_max(&mut t);
        rows.push(KeyFigures {
            name: scenario.name,
            median,
            worst,
            worst_key: (worst_key, at + 1),
        });
    }
    let [n, f, e] = &mut by_kind;
    (
        rows,
        [
            median_max(n),
            median_max(f),
            median_max(e),
            median_max(&mut matched),
        ],
    )
}

/// The peak resident size (VmHWM, KiB) of this process so far.
fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// In a child process of its own (so that nothing else counts): open the file as the dashboard
/// does up to its first frame, and print the peak resident size before and after (KiB).
fn peak_child(path: &std::path::Path) {
    let before = vm_hwm_kib();
    let app = common::open_app(path);
    Headless::new(WIDTH, HEIGHT).draw(&app, &Theme::dark());
    println!("{before} {}", vm_hwm_kib());
}

/// The dashboard's peak memory up to its first frame: (at start, at first frame) in KiB.
fn dashboard_peak(size: Size) -> (u64, u64) {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .arg("--peak-child")
        .arg(size.file())
        .output()
        .expect("runs itself");
    assert!(out.status.success(), "the peak-memory child failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut n = text.split_whitespace().map(|v| v.parse().expect("KiB"));
    (n.next().expect("before"), n.next().expect("after"))
}

/// In a child of its own: load the file into the dashboard's state, then make 200 small changes
/// by keys (log entries, partner edits, milestones done, goals deleted), each kept by undo.
/// Prints the bytes held (KiB) at start, once loaded, and loaded plus what the history holds,
/// and the undo depth.
fn undo_memory_child(path: &std::path::Path) {
    // Bytes held, counted by the allocator: the resident size would also count what the
    // allocator keeps of memory freed by the work in between.
    COUNTING.store(true, std::sync::atomic::Ordering::Relaxed);
    let start = held_kib();
    // In memory: the changes must not be written into the bench's data file.
    let (loaded, _) = store::load_stamped(path)
        .expect("the bench data loads")
        .expect("the bench data exists");
    let mut app = common::memory_app(loaded.workspace);
    common::select_busiest_partner(&mut app);
    // Figures a change replaced are freed on short-lived threads: let them finish.
    let settle = || std::thread::sleep(Duration::from_millis(500));
    settle();
    let loaded = held_kib();
    let rounds: [&[&str]; 4] = [
        &["4", "l", "H", "i", "enter"],
        &["1", "e", "!", "enter"],
        &["3", "x", "esc"],
        &["2", "d", "y"],
    ];
    // Until 200 changes are kept (a key sequence that finds nothing to change, such as a
    // partner without goals to delete, makes none).
    let mut n = 0;
    while app.doc.undo_depth() < partnerdeck::app::UNDO_DEPTH
        && n < 4 * partnerdeck::app::UNDO_DEPTH
    {
        common::press(&mut app, rounds[n % rounds.len()]);
        if n % 4 == 3 {
            // Keys land on other partners too, as a day's work does.
            common::press(&mut app, &["1", "j"]);
        }
        n += 1;
    }
    settle();
    // What the history itself holds: what is freed when it is dropped.
    let with = held_kib();
    let depth = app.doc.undo_depth();
    app.doc.forget_history();
    settle();
    let without = held_kib();
    println!(
        "{start} {loaded} {} {depth}",
        loaded + with.saturating_sub(without)
    );
}

/// The undo history's memory after 200 small changes: (loaded workspace, history) in KiB, and
/// the number of steps kept.
fn undo_memory(size: Size) -> (u64, u64, usize) {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .arg("--undo-memory-child")
        .arg(size.file())
        .output()
        .expect("runs itself");
    assert!(out.status.success(), "the undo-memory child failed");
    let text = String::from_utf8_lossy(&out.stdout);
    let n: Vec<u64> = text
        .split_whitespace()
        .map(|v| v.parse().expect("a number"))
        .collect();
    let [start, loaded, after, depth] = n[..] else {
        panic!("unexpected output {text}");
    };
    (
        loaded.saturating_sub(start),
        after.saturating_sub(loaded),
        depth as usize,
    )
}

/// The backups target: the default policy's most copies (20 recent + one a day for 30 days)
/// written through the real backup path (`store::backup_now`: read, compare with the newest,
/// compress, write privately and atomically) into a private temporary folder, each of a version
/// one line longer than the last. Prints the details and returns the summary line.
fn backups_at_default_policy(size: Size) -> String {
    let policy = store::BackupPolicy::default();
    let copies = policy.keep_last + policy.keep_daily_days as usize;
    let dir = store::save::private_tempdir("partnerdeck-bench-backups").expect("a temp folder");
    let data = dir.path().join("team.ron");
    let original = std::fs::read(size.file()).expect("reads");
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-27T09:00:00Z")
        .expect("a time")
        .to_utc();
    let mut times = Vec::new();
    for i in 0..copies {
        let mut version = original.clone();
        version.extend_from_slice(format!("// edit {i}{}\n", " ".repeat(i)).as_bytes());
        store::write_private(&data, &version).expect("writes");
        let now = start + chrono::TimeDelta::minutes(i as i64 * 15);
        let t = Instant::now();
        let made = store::backup_now(&data, now).expect("backs up");
        times.push(t.elapsed());
        assert!(made.is_some_and(|b| b.is_compressed()), "a compressed copy");
    }
    let backups = store::list_backups(&data);
    assert_eq!(backups.len(), copies, "one copy per version");
    let total: u64 = std::fs::read_dir(store::backup::backup_dir(&data))
        .expect("lists")
        .map(|e| e.expect("an entry").metadata().expect("a size").len())
        .sum();
    // For comparison, the uncompressed copy earlier versions wrote (also private and atomic).
    let mut plain = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        store::write_private(&dir.path().join("plain-copy.ron"), &original).expect("writes");
        plain.push(t.elapsed());
    }
    let file = original.len() as f64;
    let times_file = total as f64 / file;
    let (b_med, b_max) = median_max(&mut times);
    let (p_med, _) = median_max(&mut plain);
    println!(
        "backups, {copies} copies (default policy's most) {:.1} MB = {times_file:.2}× the file \
         ({:.1}× smaller each); per backup median {:>9}  worst {:>9}  (an uncompressed copy \
         took {})",
        total as f64 / 1e6,
        file * copies as f64 / total as f64,
        fmt(b_med),
        fmt(b_max),
        fmt(p_med)
    );
    format!(
        "{size}: backups at the default policy (20 recent + 30 daily) {:.1} MB = {times_file:.2}× \
         the file ≤ 5×: {} (per backup median {}, worst {})",
        total as f64 / 1e6,
        verdict(times_file <= 5.0),
        fmt(b_med),
        fmt(b_max)
    )
}

/// The per-key target's line: median under 1 ms, no key over 5 ms.
/// The verdict line of [`authors_growth`].
fn authors_line(size: Size) -> String {
    let (plain, authored) = authors_growth(size);
    let growth = authored as f64 / plain as f64 - 1.0;
    format!(
        "{size}: file with authors {:.1} MB over {:.1} MB without = +{:.1}% (every record \
         added by one of 3 members, every tenth changed, an owner on every partner, every fifth \
         follow-up and commitment of ours assigned to a teammate) ≤ 10%: {}",
        authored as f64 / 1e6,
        plain as f64 / 1e6,
        growth * 100.0,
        verdict(growth <= 0.10)
    )
}

/// The file's size without authors and with them, in the worst case a team meets: every record
/// added by a member (one of three), every tenth changed by another, an owner on every partner,
/// and every fifth follow-up and commitment of ours assigned to someone else than who added it
/// (assigned to whoever added them, they say nothing), written as the store writes the file.
fn authors_growth(size: Size) -> (usize, usize) {
    use partnerdeck::model::{Authors, Member, Record, Side, Touch};
    let ws = store::load(&size.file())
        .expect("loads")
        .expect("exists")
        .workspace;
    let plain = store::to_text(&ws).expect("writes").len();
    let keys = ["ana.ruiz", "bo.chen", "cy.diaz"];
    let on = common::today();
    let mut n = 0usize;
    let mut sign = |a: &mut Authors| {
        n += 1;
        a.by = Some(keys[n % 3].to_string());
        if n.is_multiple_of(10) {
            a.changed = Some(Touch {
                by: keys[(n + 1) % 3].to_string(),
                on,
            });
        }
    };
    let mut authored = ws.clone();
    for p in authored.partners.iter_mut() {
        sign(p.authors_mut());
        p.owner = Some(keys[0].to_string());
    }
    for g in authored.goals.iter_mut() {
        sign(g.authors_mut());
    }
    for m in authored.milestones.iter_mut() {
        sign(m.authors_mut());
    }
    // Follow-ups and our commitments are whoever added them's unless assigned: every fifth is
    // assigned to a teammate.
    let mut assigned = 0usize;
    for x in authored.interactions.iter_mut() {
        sign(x.authors_mut());
        if let Some(f) = x.follow_up.as_mut() {
            assigned += 1;
            if assigned.is_multiple_of(5) {
                f.owner = Some(keys[1].to_string());
            }
        }
    }
    for c in authored.commitments.iter_mut() {
        sign(c.authors_mut());
        if c.side == Side::Us {
            assigned += 1;
            if assigned.is_multiple_of(5) {
                c.owner = Some(keys[2].to_string());
            }
        }
    }
    for r in authored.reviews.iter_mut() {
        sign(r.authors_mut());
    }
    for c in authored.celebrations.iter_mut() {
        sign(c.authors_mut());
    }
    authored.members = keys
        .iter()
        .map(|k| Member {
            key: k.to_string(),
            name: k.replace('.', " "),
            email: format!("{k}@example.org"),
        })
        .collect::<Vec<_>>()
        .into();
    (plain, store::to_text(&authored).expect("writes").len())
}

fn per_key_verdict(size: Size, what: &str, median: Duration, worst: Duration) -> String {
    format!(
        "{size}: per {what} median {} < 1 ms: {}; worst {} < 5 ms: {}",
        fmt(median),
        verdict(median < Duration::from_millis(1)),
        fmt(worst),
        verdict(worst < Duration::from_millis(5))
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, path] = args.as_slice()
        && flag == "--peak-child"
    {
        peak_child(std::path::Path::new(path));
        return;
    }
    if let [_, flag, path] = args.as_slice()
        && flag == "--undo-memory-child"
    {
        undo_memory_child(std::path::Path::new(path));
        return;
    }
    if let [_, flag, path] = args.as_slice()
        && flag == "--render-peak"
    {
        println!("{}", render_once(std::path::Path::new(path)).1);
        return;
    }
    // `cargo bench` passes `--bench`; anything else is a filter this harness does not have.
    let sizes = Size::selected();
    for size in &sizes {
        size.file(); // generate before measuring anything
    }
    // `PARTNERDECK_BENCH_ONLY=ingest`: only the `ingest` lines (issue 31).
    if std::env::var("PARTNERDECK_BENCH_ONLY").is_ok_and(|w| w.trim() == "ingest") {
        let lines = ingest::lines(3);
        println!("\n== targets ==");
        for line in lines {
            println!("{line}");
        }
        return;
    }
    // `PARTNERDECK_BENCH_ONLY=due`: only the `due` line (issue 30), for each size selected.
    if std::env::var("PARTNERDECK_BENCH_ONLY").is_ok_and(|w| w.trim() == "due") {
        let lines: Vec<String> = sizes.iter().flat_map(|s| due_runs(*s, 9)).collect();
        println!("\n== targets ==");
        for line in lines {
            println!("{line}");
        }
        return;
    }
    // `PARTNERDECK_BENCH_ONLY=authors`: only the file's growth with authors, for each size.
    if std::env::var("PARTNERDECK_BENCH_ONLY").is_ok_and(|w| w.trim() == "authors") {
        println!("\n== targets ==");
        for size in &sizes {
            println!("{}", authors_line(*size));
        }
        return;
    }
    let mut summary: Vec<String> = Vec::new();
    for size in sizes {
        let file_size = std::fs::metadata(size.file()).expect("exists").len();
        let runs = match size {
            Size::Heavy => 10,
            Size::Extreme => 3,
        };
        println!(
            "\n== {size}: {} ({:.1} MB) ==",
            size.file().display(),
            file_size as f64 / 1e6
        );

        let [(p_med, p_max), (q_med, q_max), (f_med, f_max)] = first_frame_vs_parse(size, runs);
        let ratio = ms(f_med) / ms(p_med);
        let ratio_all_cores = ms(f_med) / ms(q_med);
        println!(
            "bare deserialization        median {:>9}  worst {:>9}  (ron, in one piece)",
            fmt(p_med),
            fmt(p_max)
        );
        println!(
            "deserialization, all cores  median {:>9}  worst {:>9}  (as the loader parses)",
            fmt(q_med),
            fmt(q_max)
        );
        println!(
            "first frame (dashboard)     median {:>9}  worst {:>9}",
            fmt(f_med),
            fmt(f_max)
        );
        println!(
            "first frame / deserialization: {ratio:.2}× (median over {runs} interleaved runs); \
             / deserialization on all cores: {ratio_all_cores:.2}×"
        );

        summary.extend(cache_starts(size, runs));
        summary.extend(due_runs(size, runs.max(5)));

        let ((r_med, r_max), render_kib) = render_runs(size, runs);
        let (start_kib, peak_kib) = dashboard_peak(size);
        let peak = peak_kib as f64 * 1024.0;
        let mem_ratio = peak / file_size as f64;
        println!(
            "partnerdeck render 120×40   median {:>9}  worst {:>9}  (wall, process start to exit)",
            fmt(r_med),
            fmt(r_max)
        );
        println!(
            "peak memory, dashboard to first frame (VmHWM) {:.1} MB = {mem_ratio:.2}× the file \
             ({:.1} MB before loading)",
            peak / 1e6,
            start_kib as f64 * 1024.0 / 1e6
        );
        println!(
            "peak memory, partnerdeck render (maxrss)      {:.1} MB = {:.2}× the file",
            render_kib as f64 * 1024.0 / 1e6,
            render_kib as f64 * 1024.0 / file_size as f64
        );

        let rounds = match size {
            Size::Heavy => 40,
            Size::Extreme => 20,
        };
        let (
            keys,
            [
                (k_med, k_max),
                (f_med, f_max),
                (e_med, e_max),
                (m_med, m_max),
            ],
        ) = per_key(size, rounds);
        println!("per key (update + redraw 120×40, busiest partner, {rounds} rounds):");
        for k in &keys {
            println!(
                "  {:<50} median {:>9}  worst {:>9}  ({} at press {})",
                k.name,
                fmt(k.median),
                fmt(k.worst),
                k.worst_key.0,
                k.worst_key.1
            );
        }
        println!(
            "  {:<50} median {:>9}  worst {:>9}",
            "all navigation keys",
            fmt(k_med),
            fmt(k_max)
        );
        println!(
            "  {:<50} median {:>9}  worst {:>9}",
            "all filter keystrokes",
            fmt(f_med),
            fmt(f_max)
        );
        println!(
            "  {:<50} median {:>9}  worst {:>9}",
            "filter keystroke until every row is matched",
            fmt(m_med),
            fmt(m_max)
        );
        println!(
            "  {:<50} median {:>9}  worst {:>9}",
            "all edit keys",
            fmt(e_med),
            fmt(e_max)
        );

        let (mg_med, mg_max) = merge_runs(size, runs.min(5));
        println!(
            "partnerdeck merge (driver)  median {:>9}  worst {:>9}  (two sides of 200 changes each)",
            fmt(mg_med),
            fmt(mg_max)
        );
        let limit = match size {
            Size::Heavy => Duration::from_secs(1),
            Size::Extreme => Duration::from_secs(10),
        };
        summary.push(format!(
            "{size}: partnerdeck merge (load three, merge, save) median {}, worst {} < {} s: {}",
            fmt(mg_med),
            fmt(mg_max),
            limit.as_secs(),
            verdict(mg_max < limit)
        ));

        summary.push(backups_at_default_policy(size));

        match size {
            Size::Heavy => summary.push(format!(
                "heavy: partnerdeck render median {} (worst {}) < 150 ms: {}",
                fmt(r_med),
                fmt(r_max),
                verdict(r_med < Duration::from_millis(150))
            )),
            Size::Extreme => {
                summary.push(format!(
                    "extreme: first frame / bare deserialization {ratio:.2}× ≤ 1.3×: {} \
                     (first frame / the loader's own parse on all cores: {ratio_all_cores:.2}×)",
                    verdict(ratio <= 1.3),
                ));
                summary.push(format!(
                    "extreme: peak memory {:.0} MB = {mem_ratio:.2}× the file ≤ 3×: {}",
                    peak / 1e6,
                    verdict(mem_ratio <= 3.0)
                ));
            }
        }
        summary.push(per_key_verdict(size, "navigation key", k_med, k_max));
        summary.push(per_key_verdict(size, "filter keystroke", f_med, f_max));
        summary.push(format!(
            "{size}: filter keystroke until every row is matched (between keys, in slices): \
             median {}, worst {}",
            fmt(m_med),
            fmt(m_max)
        ));
        for k in keys.iter().filter(|k| k.name.starts_with("change:")) {
            summary.push(per_key_verdict(
                size,
                &format!("key of \"{}\"", k.name),
                k.median,
                k.worst,
            ));
        }
        summary.push(per_key_verdict(
            size,
            "change-making key (all above)",
            e_med,
            e_max,
        ));
        let (loaded, history, edits) = undo_memory(size);
        let share = history as f64 / loaded as f64;
        println!(
            "undo history after {edits} changes: {:.1} MB held over a loaded workspace of {:.1} MB ({:.1}%)",
            history as f64 * 1024.0 / 1e6,
            loaded as f64 * 1024.0 / 1e6,
            share * 100.0
        );
        summary.push(format!(
            "{size}: undo history after {edits} small changes {:.1} MB = {:.1}% of the loaded \
             workspace ({:.0} MB) ≤ 25%: {}; 200 steps kept: {}",
            history as f64 * 1024.0 / 1e6,
            share * 100.0,
            loaded as f64 * 1024.0 / 1e6,
            verdict(share <= 0.25),
            verdict(edits == partnerdeck::app::UNDO_DEPTH)
        ));
        summary.push(authors_line(size));
    }
    summary.extend(ingest::lines(3));
    println!("\n== targets ==");
    for line in summary {
        println!("{line}");
    }
}
