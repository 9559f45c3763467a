//! Every measurement of issue 8 on the heavy and the extreme workspace, with divan (median and
//! slowest sample; each sample is one run). The workspaces are generated on first use into
//! `target/bench-data/` by the `generate` example (release).
//!
//! ```text
//! cargo bench --bench perf                 # both sizes (extreme takes a few minutes)
//! cargo bench --bench perf -- heavy        # one size (divan filters by name)
//! cargo bench --bench perf -- per_key      # only the key-by-key measurements
//! ```
//!
//! `cargo bench --bench targets` checks the issue's targets (ratios, worst key, peak memory,
//! `partnerdeck render` wall time) and prints verdicts.

mod common;

use common::{Scenario, Size};
use divan::Bencher;
use partnerdeck::app::{App, Rows};
use partnerdeck::insight::{self, Index};
use partnerdeck::model::Workspace;
use partnerdeck::store;
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::{Headless, render_buffer};
use std::cell::OnceCell;
use std::rc::Rc;

fn main() {
    divan::main();
}

thread_local! {
    static TEXTS: [OnceCell<Rc<String>>; 2] = Default::default();
    static WORKSPACES: [OnceCell<Rc<Workspace>>; 2] = Default::default();
}

/// The file's text, read once per run.
fn text(size: Size) -> Rc<String> {
    TEXTS.with(|t| {
        t[size as usize]
            .get_or_init(|| Rc::new(common::text_of(size)))
            .clone()
    })
}

/// The loaded (validated, normalized) workspace, loaded once per run.
fn workspace(size: Size) -> Rc<Workspace> {
    WORKSPACES.with(|w| {
        w[size as usize]
            .get_or_init(|| {
                let loaded = store::load_text(&text(size), &size.file()).expect("loads");
                Rc::new(loaded.workspace)
            })
            .clone()
    })
}

fn app(size: Size) -> App {
    common::memory_app((*workspace(size)).clone())
}

/// A scenario of `common::SCENARIOS`, by position (divan shows its name).
#[derive(Clone, Copy)]
struct Keys(usize);

impl std::fmt::Display for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02} {}", self.0, self.scenario().name)
    }
}

impl Keys {
    fn scenario(self) -> &'static Scenario {
        &common::SCENARIOS[self.0]
    }
}

fn all_keys() -> Vec<Keys> {
    (0..common::SCENARIOS.len()).map(Keys).collect()
}

/// The same benchmarks for each size; `$runs` samples for the whole-file ones.
macro_rules! size_benches {
    ($module:ident, $size:expr, $runs:expr) => {
        mod $module {
            use super::*;

            const SIZE: Size = $size;

            /// Bare RON deserialization of the file's text into the model (the floor).
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn a_deserialize(bencher: Bencher) {
                let text = text(SIZE);
                bencher.bench_local(|| store::parse::<Workspace>(&text).expect("parses"));
            }

            /// The same deserialization as the loader does it: pieces parsed on every core.
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn a_deserialize_all_cores(bencher: Bencher) {
                let text = text(SIZE);
                bencher.bench_local(|| {
                    store::parallel::parse_workspace_fast(&text).expect("parses in pieces")
                });
            }

            /// Load: parse (on every core) + version check + normalize + validate.
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn b_load(bencher: Bencher) {
                let (text, path) = (text(SIZE), SIZE.file());
                bencher.bench_local(|| store::load_text(&text, &path).expect("loads"));
            }

            /// What the dashboard reads: the file from disk (page cache), stamped, loaded.
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn c_read_stamp_load(bencher: Bencher) {
                let path = SIZE.file();
                bencher.bench_local(|| store::load_stamped(&path).expect("loads"));
            }

            /// The insight index and overview (health of every partner, attention queue).
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn d_index_and_insight(bencher: Bencher) {
                let ws = workspace(SIZE);
                bencher.bench_local(|| {
                    let index = Index::build(&ws);
                    let overview = insight::overview(&ws, &index, common::today());
                    (index, overview)
                });
            }

            /// The rows of every pane (per partner and overall), from the index.
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn e_rows(bencher: Bencher) {
                let ws = workspace(SIZE);
                let index = Index::build(&ws);
                bencher.bench_local(|| Rows::build(&ws, &index));
            }

            /// App::new on a loaded workspace: every derived structure (index, insight, rows).
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn f_app_new(bencher: Bencher) {
                let ws = workspace(SIZE);
                bencher
                    .with_inputs(|| (*ws).clone())
                    .bench_local_values(|ws| {
                        App::new(
                            ws,
                            common::today(),
                            partnerdeck::app::Source::File(SIZE.file()),
                        )
                    });
            }

            /// App::new without a file behind it (no saver reading and hashing the file).
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn f_app_new_in_memory(bencher: Bencher) {
                let ws = workspace(SIZE);
                bencher
                    .with_inputs(|| (*ws).clone())
                    .bench_local_values(|ws| {
                        App::new(ws, common::today(), partnerdeck::app::Source::Memory)
                    });
            }

            /// Time to first frame as the dashboard does it: read, stamp, load, App::new,
            /// resize, draw 120×40.
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn g_first_frame(bencher: Bencher) {
                let path = SIZE.file();
                let theme = Theme::dark();
                bencher.bench_local(|| {
                    let app = common::open_app(&path);
                    let mut screen = Headless::new(common::WIDTH, common::HEIGHT);
                    screen.draw(&app, &theme);
                    app
                });
            }

            /// One whole frame from a fresh terminal (as `partnerdeck render` draws it).
            #[divan::bench(sample_count = 100, sample_size = 1)]
            fn h_frame_120x40(bencher: Bencher) {
                let app = app(SIZE);
                let theme = Theme::dark();
                bencher.bench_local(|| render_buffer(&app, &theme, common::WIDTH, common::HEIGHT));
            }

            /// One key (update + redraw on a kept terminal) on the busiest partner.
            #[divan::bench(args = all_keys(), sample_count = 400, sample_size = 1)]
            fn i_per_key(bencher: Bencher, keys: Keys) {
                let mut bench = common::KeyBench::new(app(SIZE), keys.scenario());
                bencher.bench_local(|| bench.step());
            }

            /// What every change pays before its rebuild: a full copy of the workspace…
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn l_edit_clone(bencher: Bencher) {
                let ws = workspace(SIZE);
                bencher.bench_local(|| Workspace::clone(&ws));
            }

            /// …and a full validation of the copy.
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn m_edit_validate(bencher: Bencher) {
                let ws = workspace(SIZE);
                bencher.bench_local(|| partnerdeck::model::validate(&ws));
            }

            /// Serializing the workspace as the file's text.
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn j_to_text(bencher: Bencher) {
                let ws = workspace(SIZE);
                bencher.bench_local(|| store::to_text(&ws).expect("serializes"));
            }

            /// A save: serialize + atomic write (temp file, fsync, rename) into a temp folder.
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn k_save(bencher: Bencher) {
                let ws = workspace(SIZE);
                let dir = tempfile::tempdir().expect("a temp folder");
                let path = dir.path().join("ws.ron");
                bencher.bench_local(|| store::save(&path, &ws).expect("saves"));
            }

            /// Resolving a conflict: our change re-applied on their version (record by record,
            /// by id), as the conflict question and emergency recovery do.
            #[divan::bench(sample_count = $runs, sample_size = 1)]
            fn n_conflict_merge(bencher: Bencher) {
                let base = workspace(SIZE);
                let mut ours = Workspace::clone(&base);
                ours.partners[0].name.push_str(" (ours)");
                if let Some(i) = ours.interactions.last_mut() {
                    i.summary.push_str(" (ours)");
                }
                let mut theirs = Workspace::clone(&base);
                theirs.partners[1].name.push_str(" (theirs)");
                bencher
                    .with_inputs(|| Workspace::clone(&theirs))
                    .bench_local_values(|t| partnerdeck::model::merge::reapply(&base, &ours, t));
            }
        }
    };
}

size_benches!(heavy, Size::Heavy, 15);
size_benches!(extreme, Size::Extreme, 5);
