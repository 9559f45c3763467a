//! A frame touches only the rows it shows, whatever the data's size: counted, not timed. This
//! test binary counts every heap allocation made while one frame is drawn (a counting global
//! allocator, on the drawing thread only; the renderer carries no counter of its own): every row
//! built allocates its text, so a frame that built rows for records it does not show would
//! allocate with the data's size. One frame on a workspace with 50,000 log entries for one
//! partner (and thousands of goals, milestones and partners) must allocate about as often as one
//! on a workspace with a hundred of each, and never more than a bounded amount per line of the
//! screen.

use partnerdeck::action::Action;
use partnerdeck::app::show::View;
use partnerdeck::app::{App, Source};
use partnerdeck::model::{GoalId, InteractionId, MilestoneId, Partner, PartnerId, Workspace};
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::render_text;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the allocations of a thread while it asks to be counted.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
}

fn count_this_thread() {
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed on to the system allocator unchanged; counting touches only an
// atomic and a const-initialised thread-local (neither allocates).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_this_thread();
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_this_thread();
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_this_thread();
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The allocations `draw` makes on this thread.
fn allocations_of<T>(draw: impl FnOnce() -> T) -> (T, usize) {
    ALLOCATIONS.store(0, Ordering::SeqCst);
    COUNTING.with(|c| c.set(true));
    let out = draw();
    COUNTING.with(|c| c.set(false));
    (out, ALLOCATIONS.load(Ordering::SeqCst))
}

/// The demo, with one partner grown to `log` log entries and `n` goals and milestones, and `n`
/// more partners.
fn grown(log: usize, n: usize) -> (Workspace, String) {
    let mut ws = demo_workspace(DEMO_ANCHOR);
    let p = ws
        .partners
        .iter()
        .find(|p| {
            ws.goals.iter().any(|g| g.partner == p.id)
                && ws.milestones.iter().any(|m| m.partner == p.id)
                && ws.interactions.iter().any(|i| i.partner == p.id)
        })
        .expect("the demo has a partner with goals, milestones and a log")
        .clone();
    let goal = ws.goals.iter().find(|g| g.partner == p.id).unwrap().clone();
    let milestone = ws
        .milestones
        .iter()
        .find(|m| m.partner == p.id)
        .unwrap()
        .clone();
    let entry = ws
        .interactions
        .iter()
        .find(|i| i.partner == p.id)
        .unwrap()
        .clone();
    let start = DEMO_ANCHOR - chrono::Days::new(5 * 365);
    for k in 0..log {
        let mut e = entry.clone();
        e.id = InteractionId(ws.allocate_id());
        e.at = (start + chrono::Days::new((k % 1800) as u64))
            .and_hms_opt(9, (k % 60) as u32, 0)
            .unwrap();
        e.follow_up = None;
        ws.interactions.push(e);
    }
    for k in 0..n {
        let mut g = goal.clone();
        g.id = GoalId(ws.allocate_id());
        g.title = format!("Goal {k}");
        ws.goals.push(g);
        let mut m = milestone.clone();
        m.id = MilestoneId(ws.allocate_id());
        m.goal = None;
        m.title = format!("Milestone {k}");
        m.due = start + chrono::Days::new((k % 2000) as u64);
        ws.milestones.push(m);
        let id = PartnerId(ws.allocate_id());
        ws.partners
            .push(Partner::new(id, format!("Zz partner {k}"), start));
    }
    ws.interactions.sort_by_key(|i| i.id);
    (ws, p.name)
}

const SCREENS: [(u16, u16); 3] = [(120, 40), (80, 24), (200, 60)];

/// One frame's count: what was drawn, and how many allocations drawing it made against its
/// bound (a fixed number per line of the panes on screen and per row of the screen).
struct Count {
    view: View,
    all: bool,
    size: (u16, u16),
    drawn: usize,
    bound: usize,
}

/// Allocations per line of the screen a frame may make: building a row takes a few strings and
/// spans per cell; a frame that went through the records would take thousands more.
const PER_LINE: usize = 20;

/// Allocations counted while drawing one frame of each view, with all partners off and on, at
/// each screen size.
fn counts(ws: &Workspace, partner: &str) -> Vec<Count> {
    let mut app = App::new(ws.clone(), DEMO_ANCHOR, Source::Memory);
    let theme = Theme::dark();
    let mut out = Vec::new();
    for (w, h) in SCREENS {
        for all in [false, true] {
            for view in View::ALL {
                app.overlay = None;
                if app.all_partners != all {
                    app.update(Action::ToggleAllPartners);
                }
                app.update(Action::FocusPartners);
                app.status = None;
                // Only drawing counts: getting there (selecting, opening a view) is the app's.
                app.show(w, h, view, Some(partner)).unwrap();
                let (text, drawn) = allocations_of(|| render_text(&app, &theme, w, h));
                assert!(!text.trim().is_empty());
                let pane_lines: usize = app
                    .screen
                    .panes
                    .iter()
                    .flatten()
                    .map(|r| r.height as usize)
                    .sum();
                let bound = PER_LINE * (2 * pane_lines + h as usize);
                out.push(Count {
                    view,
                    all,
                    size: (w, h),
                    drawn,
                    bound,
                });
            }
        }
    }
    out
}

#[test]
fn one_frame_costs_the_same_for_a_hundred_records_or_fifty_thousand() {
    let (small, name) = grown(100, 100);
    let (big, _) = grown(50_000, 1_000);
    assert!(big.interactions.len() > 50_000);
    let few = counts(&small, &name);
    let many = counts(&big, &name);
    for (few, many) in few.into_iter().zip(many) {
        let Count {
            view,
            all,
            size: (w, h),
            drawn: many,
            bound,
        } = many;
        let few = few.drawn;
        assert!(few > 0, "{view:?} at {w}×{h} allocated nothing");
        // About as many: the texts shown differ a little (longer numbers, other names).
        assert!(
            many.abs_diff(few) <= few / 20,
            "{view:?} (all partners {all}) at {w}×{h}: {few} allocations with a hundred \
             records, {many} with fifty thousand"
        );
        assert!(
            many <= bound,
            "{view:?} (all partners {all}) at {w}×{h}: {many} allocations, more than {bound}"
        );
    }
}
