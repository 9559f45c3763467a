//! Shared by the benches: the generated workspaces (made on first use), the app as the dashboard
//! builds it, and the key sequences measured key by key.

#![allow(dead_code)] // each bench uses part of this

use partnerdeck::app::{App, Source};
use partnerdeck::keymap::Key;
use partnerdeck::model::Workspace;
use partnerdeck::store;
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::Headless;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The day the benches take as today (the generator's last day of history).
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("a real date")
}

/// The frame size the benches draw.
pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

/// The generator's named sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// 200 partners, 20,000 log entries (≈ 9 MB).
    Heavy,
    /// 2,000 partners, 250,000 log entries (≈ 110 MB).
    Extreme,
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Size {
    pub fn name(self) -> &'static str {
        match self {
            Size::Heavy => "heavy",
            Size::Extreme => "extreme",
        }
    }

    /// The sizes to measure: both, or those named in `PARTNERDECK_BENCH_SIZES` (e.g. `heavy`).
    pub fn selected() -> Vec<Size> {
        let wanted = std::env::var("PARTNERDECK_BENCH_SIZES").unwrap_or_default();
        [Size::Heavy, Size::Extreme]
            .into_iter()
            .filter(|s| wanted.trim().is_empty() || wanted.split(',').any(|w| w.trim() == s.name()))
            .collect()
    }

    /// The generated file of this size (seed 1), generated first when missing or older than the
    /// generator's source.
    pub fn file(self) -> PathBuf {
        let path = target_dir()
            .join("bench-data")
            .join(format!("{}-seed1.ron", self.name()));
        let generator = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/generate.rs");
        let modified = |p: &Path| p.metadata().and_then(|m| m.modified()).ok();
        let fresh = match (modified(&path), modified(&generator)) {
            (Some(data), Some(source)) => data >= source,
            (Some(_), None) => true,
            _ => false,
        };
        if !fresh {
            generate(self, &path);
        }
        path
    }
}

/// The cargo target folder the bench runs from (`CARGO_TARGET_DIR`, else found from the
/// bench's own path: `<target>/<profile>/deps/<bench>`).
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.ancestors()
                .find(|p| p.file_name().is_some_and(|n| n == "deps"))
                .and_then(|deps| deps.parent()?.parent().map(Path::to_path_buf))
        })
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Runs the generator example (release) to write a size's file.
fn generate(size: Size, path: &Path) {
    eprintln!(
        "generating the {size} workspace into {} (cargo run --release --example generate)…",
        path.display()
    );
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("cannot create bench-data");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "run",
            "--release",
            "--offline",
            "--quiet",
            "--example",
            "generate",
            "--",
            "--preset",
            size.name(),
            "--seed",
            "1",
            "--out",
        ])
        .arg(path)
        .status()
        .expect("cannot run cargo to generate the bench data");
    assert!(status.success(), "the generator failed ({status})");
}

/// Reads a file's text.
pub fn text_of(size: Size) -> String {
    std::fs::read_to_string(size.file()).expect("cannot read the bench data")
}

/// What the dashboard does before its first frame, with the cache of loaded workspaces off (a
/// cold start): open the file through `store::Session` (read, stamp, parse, validate,
/// normalize), build every derived structure, with the dashboard's saver.
pub fn open_app(path: &Path) -> App {
    open_app_with(path, None).0
}

/// [`open_app`] through the cache in `cache_dir` (`None`: off); also says whether the workspace
/// came from the cache, and hands back the cache entry a parse leaves.
pub fn open_app_with(
    path: &Path,
    cache_dir: Option<&Path>,
) -> (App, bool, Option<store::cache::CacheWrite>) {
    let options = store::Options {
        file: Some(path.to_path_buf()),
        read_only: true,
        today: Some(today()),
        no_cache: cache_dir.is_none(),
        cache_dir: cache_dir.map(Path::to_path_buf),
        ..store::Options::default()
    };
    let mut session = store::Session::start(&options).expect("the bench data opens");
    let opened = session
        .load()
        .expect("the bench data loads")
        .expect("the bench data exists");
    let saver = partnerdeck::app::background(path, opened.stamp);
    let mut app = App::with_saver(
        opened.workspace,
        today(),
        Source::File(path.to_path_buf()),
        saver,
    );
    app.resize(WIDTH, HEIGHT);
    app.doc.set_author(Some(member()));
    (app, opened.from_cache, opened.cache_write)
}

/// An app on a workspace already in memory (no file behind it), sized for the benches.
pub fn memory_app(ws: Workspace) -> App {
    let mut app = App::new(ws, today(), Source::Memory);
    app.resize(WIDTH, HEIGHT);
    // Every change signed, as in a team's dashboard.
    app.doc.set_author(Some(member()));
    app
}

/// The member the benchmarks' changes are signed by.
pub fn member() -> partnerdeck::model::Identity {
    partnerdeck::model::Identity::new("Bench Member", "bench@example.org")
}

/// Moves the partners cursor to the partner with the most log entries (the worst case for the
/// per-partner panes), by keys, as a user would.
pub fn select_busiest_partner(app: &mut App) {
    let busiest = (0..app.doc.rows().partners.len())
        .max_by_key(|row| {
            let i = app.doc.rows().partners[*row] as usize;
            app.doc.rows().per_partner.get(i).map_or(0, |r| r.log.len())
        })
        .unwrap_or(0);
    press(app, &["1", "g"]);
    for _ in 0..busiest {
        app.update(partnerdeck::action::Action::Down);
    }
}

pub fn key(text: &str) -> Key {
    Key::parse(text).unwrap_or_else(|e| panic!("bad key {text}: {e:?}"))
}

pub fn press(app: &mut App, keys: &[&str]) {
    for k in keys {
        app.handle_key(key(k));
    }
}

/// What a scenario's keys do, for judging them: the per-key targets are for navigation; a
/// filter keystroke matches every row of the pane; an edit rebuilds the derived state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Navigation,
    Filter,
    Edit,
}

/// A key sequence measured key by key, after `setup` (not measured).
pub struct Scenario {
    pub name: &'static str,
    pub kind: Kind,
    pub setup: &'static [&'static str],
    pub keys: &'static [&'static str],
}

const NAV: &[&str] = &[
    "j", "j", "j", "k", "pgdn", "pgdn", "pgup", "G", "k", "pgup", "g", "j",
];

/// Typing a filter and deleting it again.
const FILTER: &[&str] = &[
    "m",
    "e",
    "e",
    "t",
    "backspace",
    "backspace",
    "backspace",
    "backspace",
];

/// Navigation in every pane (selected partner, then all partners), partner switch, detail,
/// the full-screen views, filter keystrokes, and one edit.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        name: "partners j/k/G/g/PgDn (each a partner switch)",
        kind: Kind::Navigation,
        setup: &["1"],
        keys: NAV,
    },
    Scenario {
        name: "goals j/k/G/g/PgDn",
        kind: Kind::Navigation,
        setup: &["2"],
        keys: NAV,
    },
    Scenario {
        name: "timeline j/k/G/g/PgDn",
        kind: Kind::Navigation,
        setup: &["3"],
        keys: NAV,
    },
    Scenario {
        name: "log j/k/G/g/PgDn",
        kind: Kind::Navigation,
        setup: &["4"],
        keys: NAV,
    },
    Scenario {
        name: "all partners: goals j/k/G/g/PgDn",
        kind: Kind::Navigation,
        setup: &["A", "2"],
        keys: NAV,
    },
    Scenario {
        name: "all partners: timeline j/k/G/g/PgDn",
        kind: Kind::Navigation,
        setup: &["A", "3"],
        keys: NAV,
    },
    Scenario {
        name: "all partners: log j/k/G/g/PgDn",
        kind: Kind::Navigation,
        setup: &["A", "4"],
        keys: NAV,
    },
    Scenario {
        name: "all-partners toggle (A)",
        kind: Kind::Navigation,
        setup: &["4"],
        keys: &["A"],
    },
    Scenario {
        name: "partner switch (j/k from another pane's view)",
        kind: Kind::Navigation,
        setup: &["1"],
        keys: &["j", "k"],
    },
    Scenario {
        name: "detail open/close: partner",
        kind: Kind::Navigation,
        setup: &["1"],
        keys: &["enter", "esc"],
    },
    Scenario {
        name: "detail open/close: goal",
        kind: Kind::Navigation,
        setup: &["2"],
        keys: &["enter", "esc"],
    },
    Scenario {
        name: "detail open/close: milestone",
        kind: Kind::Navigation,
        setup: &["3"],
        keys: &["enter", "esc"],
    },
    Scenario {
        name: "detail open/close: log entry",
        kind: Kind::Navigation,
        setup: &["4"],
        keys: &["enter", "esc"],
    },
    Scenario {
        name: "detail scroll (j/k inside a partner's detail)",
        kind: Kind::Navigation,
        setup: &["1", "enter"],
        keys: &["j", "j", "k"],
    },
    Scenario {
        name: "filter keystroke: partners (/ then typing)",
        kind: Kind::Filter,
        setup: &["1", "/"],
        keys: FILTER,
    },
    Scenario {
        name: "filter keystroke: log of the partner",
        kind: Kind::Filter,
        setup: &["4", "/"],
        keys: FILTER,
    },
    Scenario {
        name: "filter keystroke: all partners' log",
        kind: Kind::Filter,
        setup: &["A", "4", "/"],
        keys: FILTER,
    },
    Scenario {
        name: "find keystroke: every record (ctrl-f then typing)",
        kind: Kind::Filter,
        setup: &["ctrl-f"],
        keys: FILTER,
    },
    Scenario {
        name: "change: add a log entry (l, typing, enter)",
        kind: Kind::Edit,
        setup: &["4"],
        keys: &["l", "H", "i", "enter"],
    },
    Scenario {
        name: "change: edit a partner field (e, typing, enter)",
        kind: Kind::Edit,
        setup: &["1"],
        keys: &["e", "!", "enter"],
    },
    Scenario {
        name: "change: mark a milestone done (x, esc) and not done (x)",
        kind: Kind::Edit,
        setup: &["3"],
        keys: &["x", "esc", "x"],
    },
    Scenario {
        name: "change: delete a goal and its links (d, y), undo (u)",
        kind: Kind::Edit,
        setup: &["2"],
        keys: &["d", "y", "u"],
    },
    Scenario {
        name: "change: undo (u), redo (ctrl-r)",
        kind: Kind::Edit,
        setup: &["4", "l", "H", "i", "enter"],
        keys: &["u", "ctrl-r"],
    },
    Scenario {
        name: "attention / overview open, j, close",
        kind: Kind::Navigation,
        setup: &["1"],
        keys: &["t", "j", "esc", "o", "j", "esc"],
    },
];

/// A scenario's state: the app on the busiest partner, the keys, a terminal kept between frames.
pub struct KeyBench {
    pub app: App,
    pub screen: Headless,
    pub theme: Theme,
    keys: Vec<Key>,
    names: &'static [&'static str],
    next: usize,
    /// For each timed key: the time until the rows it changed were all matched (the key's own
    /// time when it left no matching to do).
    pub until_matched: Vec<Duration>,
}

impl KeyBench {
    pub fn new(mut app: App, scenario: &Scenario) -> KeyBench {
        select_busiest_partner(&mut app);
        press(&mut app, scenario.setup);
        let theme = Theme::dark();
        let mut screen = Headless::new(WIDTH, HEIGHT);
        screen.draw(&app, &theme);
        KeyBench {
            app,
            screen,
            theme,
            keys: scenario.keys.iter().map(|k| key(k)).collect(),
            names: scenario.keys,
            next: 0,
            until_matched: Vec::new(),
        }
    }

    /// One key: update, then redraw (as the event loop does after every key).
    pub fn step(&mut self) {
        let k = self.keys[self.next % self.keys.len()];
        self.next += 1;
        self.app.handle_key(k);
        std::hint::black_box(self.screen.draw(&self.app, &self.theme));
    }

    /// Times `rounds` passes over the sequence: each key's name and duration, in order. Matching
    /// a keystroke leaves to the event loop is then finished (as the loop does between keys, a
    /// slice and a redraw at a time), outside the key's time; the time from the key until every
    /// row was matched goes to `until_matched`.
    pub fn time(&mut self, rounds: usize) -> Vec<(&'static str, Duration)> {
        let mut out = Vec::with_capacity(rounds * self.keys.len());
        for _ in 0..rounds * self.keys.len() {
            let name = self.names[self.next % self.names.len()];
            let t = Instant::now();
            self.step();
            let key = t.elapsed();
            out.push((name, key));
            let mut total = key;
            if self.app.pending_work() {
                let t = Instant::now();
                while self.app.pending_work() {
                    self.app.work();
                    std::hint::black_box(self.screen.draw(&self.app, &self.theme));
                }
                total += t.elapsed();
            }
            self.until_matched.push(total);
        }
        out
    }
}

/// Median and worst of some durations.
pub fn median_max(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort_unstable();
    let n = samples.len();
    if n == 0 {
        return (Duration::ZERO, Duration::ZERO);
    }
    let median = if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2
    };
    (median, samples[n - 1])
}

/// A duration in the unit that suits it.
pub fn fmt(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.0} µs", s * 1e6)
    }
}
