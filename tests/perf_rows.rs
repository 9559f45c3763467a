//! A frame touches only the rows it shows, whatever the data's size: counted, not timed. The
//! renderer counts every row it builds or draws (`headless::ROWS_DRAWN`); one frame on a
//! workspace with 50,000 log entries for one partner (and thousands of goals, milestones and
//! partners) must count exactly as many as one on a workspace with a hundred of each, and never
//! more than a few times the screen's height.

use partnerdeck::action::Action;
use partnerdeck::app::{App, Source};
use partnerdeck::model::{GoalId, InteractionId, MilestoneId, Partner, PartnerId, Workspace};
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};
use partnerdeck::ui::Theme;
use partnerdeck::ui::headless::{ROWS_DRAWN, View, frame};
use std::sync::atomic::Ordering;

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

/// One frame's count: what was drawn, and how many rows it drew against its bound (every line
/// of the panes on screen built once and drawn once, plus a full-height overlay).
struct Count {
    view: View,
    all: bool,
    size: (u16, u16),
    drawn: usize,
    bound: usize,
}

/// Rows counted while drawing one frame of each view, with all partners off and on, at each
/// screen size.
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
                // Only drawing counts: getting there (selecting, opening a view) builds no rows.
                ROWS_DRAWN.store(0, Ordering::SeqCst);
                let text = frame(&mut app, &theme, w, h, view, Some(partner)).unwrap();
                let drawn = ROWS_DRAWN.load(Ordering::SeqCst);
                assert!(!text.trim().is_empty());
                let pane_lines: usize = app
                    .screen
                    .panes
                    .iter()
                    .flatten()
                    .map(|r| r.height as usize)
                    .sum();
                let bound = 2 * pane_lines + h as usize;
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
fn one_frame_draws_the_same_rows_for_a_hundred_records_or_fifty_thousand() {
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
        assert!(few > 0, "{view:?} at {w}×{h} drew no rows");
        assert_eq!(
            few, many,
            "{view:?} (all partners {all}) at {w}×{h}: {few} rows with a hundred records, \
             {many} with fifty thousand"
        );
        assert!(
            many <= bound,
            "{view:?} (all partners {all}) at {w}×{h}: {many} rows, more than {bound}"
        );
    }
}
