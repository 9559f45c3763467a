//! A change is followed, not rebuilt: the index, the partner summaries, the attention queue and
//! the rows are brought up to date for the partners it touched (`App::follow`), and only what
//! changed is validated (`validate_changes`). These properties hold both to the full rebuild:
//! after every step of random change sequences (adds, edits that move records between partners,
//! deletions with their cascades, partners added and removed, a profile edit, changes too big to
//! follow, undo and redo), every derived figure equals the one built from scratch, and a change
//! is refused exactly when the full validation finds a problem.

use partnerdeck::action::Action;
use partnerdeck::app::{App, Rows, Source};
use partnerdeck::insight::{self, Index};
use partnerdeck::model::*;
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};
use proptest::prelude::*;

/// 9:30 on the day `days` before the demo's anchor.
fn days_ago(days: i64) -> chrono::NaiveDateTime {
    (DEMO_ANCHOR - chrono::Duration::days(days))
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

/// The demo with enough records that the lists span many shared chunks.
fn base() -> Workspace {
    let mut ws = demo_workspace(DEMO_ANCHOR);
    let partners: Vec<PartnerId> = ws.partners.iter().map(|p| p.id).collect();
    for n in 0..400usize {
        let id = InteractionId(ws.allocate_id());
        ws.interactions.push(Interaction {
            authors: Default::default(),
            id,
            partner: partners[n % partners.len()],
            at: days_ago((n * 7 % 500) as i64),
            channel: Channel::Call,
            initiated_by: if n % 3 == 0 { Side::Them } else { Side::Us },
            summary: format!("call {n}"),
            sentiment: None,
            follow_up: None,
        });
    }
    for n in 0..150usize {
        let id = MilestoneId(ws.allocate_id());
        ws.milestones.push(Milestone {
            authors: Default::default(),
            id,
            partner: partners[n % partners.len()],
            goal: None,
            title: format!("step {n}"),
            due: DEMO_ANCHOR + chrono::Duration::days(n as i64 - 75),
            done: (n % 4 == 0).then_some(DEMO_ANCHOR),
        });
    }
    ws
}

#[derive(Debug, Clone)]
enum Op {
    AddLog {
        partner: usize,
        days: i64,
    },
    EditLog {
        which: usize,
        partner: usize,
        days: i64,
    },
    DeleteLog {
        which: usize,
    },
    AddGoal {
        partner: usize,
        due: Option<i64>,
    },
    EditGoal {
        which: usize,
        partner: usize,
        done: bool,
    },
    DeleteGoal {
        which: usize,
    },
    AddMilestone {
        partner: usize,
        goal: Option<usize>,
        days: i64,
    },
    ToggleMilestone {
        which: usize,
    },
    DeleteMilestone {
        which: usize,
    },
    EditPartner {
        which: usize,
        name: u8,
        ended: bool,
    },
    AddPartner {
        name: u8,
    },
    DeletePartner {
        which: usize,
    },
    AddCommitment {
        partner: usize,
        days: i64,
        kept: bool,
    },
    EditProfile,
    ManyLogs {
        partner: usize,
    },
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    let n = 0usize..10_000;
    prop_oneof![
        4 => (n.clone(), -40i64..400).prop_map(|(partner, days)| Op::AddLog { partner, days }),
        3 => (n.clone(), n.clone(), -40i64..400)
            .prop_map(|(which, partner, days)| Op::EditLog { which, partner, days }),
        2 => n.clone().prop_map(|which| Op::DeleteLog { which }),
        2 => (n.clone(), proptest::option::of(-100i64..300))
            .prop_map(|(partner, due)| Op::AddGoal { partner, due }),
        2 => (n.clone(), n.clone(), any::<bool>())
            .prop_map(|(which, partner, done)| Op::EditGoal { which, partner, done }),
        2 => n.clone().prop_map(|which| Op::DeleteGoal { which }),
        2 => (n.clone(), proptest::option::of(n.clone()), -100i64..100)
            .prop_map(|(partner, goal, days)| Op::AddMilestone { partner, goal, days }),
        3 => n.clone().prop_map(|which| Op::ToggleMilestone { which }),
        1 => n.clone().prop_map(|which| Op::DeleteMilestone { which }),
        2 => (n.clone(), any::<u8>(), any::<bool>())
            .prop_map(|(which, name, ended)| Op::EditPartner { which, name, ended }),
        1 => any::<u8>().prop_map(|name| Op::AddPartner { name }),
        1 => n.clone().prop_map(|which| Op::DeletePartner { which }),
        1 => (n.clone(), -30i64..60, any::<bool>())
            .prop_map(|(partner, days, kept)| Op::AddCommitment { partner, days, kept }),
        1 => Just(Op::EditProfile),
        1 => n.clone().prop_map(|partner| Op::ManyLogs { partner }),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
    ]
}

fn pick<T: Clone>(list: &List<T>, n: usize) -> Option<(usize, T)> {
    (!list.is_empty()).then(|| {
        let i = n % list.len();
        (i, list[i].clone())
    })
}

/// Applies one change through `App::commit` (or undo/redo); returns what the full validation
/// said of the proposed workspace, to compare with whether the app accepted it.
fn apply(app: &mut App, op: &Op) -> Option<bool> {
    let mut ws = Workspace::clone(app.ws());
    let partner = |ws: &Workspace, n: usize| ws.partners[n % ws.partners.len()].id;
    match op.clone() {
        Op::Undo => {
            app.update(Action::Undo);
            return None;
        }
        Op::Redo => {
            app.update(Action::Redo);
            return None;
        }
        Op::AddLog { partner: p, days } => {
            let partner = partner(&ws, p);
            ws.upsert(Interaction {
                authors: Default::default(),
                id: InteractionId(0),
                partner,
                at: days_ago(days),
                channel: Channel::Email,
                initiated_by: Side::Us,
                summary: format!("mail {days}"),
                sentiment: Some(4),
                follow_up: None,
            });
        }
        Op::EditLog {
            which,
            partner: p,
            days,
        } => {
            let partner = partner(&ws, p);
            let (i, _) = pick(&ws.interactions, which)?;
            let e = &mut ws.interactions[i];
            e.partner = partner;
            e.at = days_ago(days);
        }
        Op::DeleteLog { which } => {
            let (_, e) = pick(&ws.interactions, which)?;
            ws.remove::<Interaction>(e.id.0);
        }
        Op::AddGoal { partner: p, due } => {
            let partner = partner(&ws, p);
            ws.upsert(Goal {
                authors: Default::default(),
                id: GoalId(0),
                partner,
                title: "Grow".into(),
                metric: "members".into(),
                unit: String::new(),
                baseline: 0.0,
                target: Some(100.0),
                current: 10.0,
                owner: Owner::Joint,
                start: DEMO_ANCHOR - chrono::Duration::days(200),
                due: due.map(|d| DEMO_ANCHOR + chrono::Duration::days(d)),
                status: GoalStatus::Active,
            });
        }
        Op::EditGoal {
            which,
            partner: p,
            done,
        } => {
            // Moving a goal to another partner leaves its milestones pointing across partners:
            // a change the validation refuses.
            let partner = partner(&ws, p);
            let (i, _) = pick(&ws.goals, which)?;
            let g = &mut ws.goals[i];
            g.partner = partner;
            if done {
                g.status = GoalStatus::Achieved;
            }
        }
        Op::DeleteGoal { which } => {
            let (_, g) = pick(&ws.goals, which)?;
            ws.remove::<Goal>(g.id.0);
            ws.milestones
                .change_where(|m| m.goal == Some(g.id), |m| m.goal = None);
        }
        Op::AddMilestone {
            partner: p,
            goal,
            days,
        } => {
            let partner = partner(&ws, p);
            let goal = goal.and_then(|g| pick(&ws.goals, g)).map(|(_, g)| g.id);
            ws.upsert(Milestone {
                authors: Default::default(),
                id: MilestoneId(0),
                partner,
                goal,
                title: "Launch".into(),
                due: DEMO_ANCHOR + chrono::Duration::days(days),
                done: None,
            });
        }
        Op::ToggleMilestone { which } => {
            let (i, m) = pick(&ws.milestones, which)?;
            ws.milestones[i].done = match m.done {
                Some(_) => None,
                None => Some(DEMO_ANCHOR),
            };
        }
        Op::DeleteMilestone { which } => {
            let (_, m) = pick(&ws.milestones, which)?;
            ws.remove::<Milestone>(m.id.0);
            ws.celebrations
                .change_where(|c| c.milestone == Some(m.id), |c| c.milestone = None);
        }
        Op::EditPartner { which, name, ended } => {
            let (i, _) = pick(&ws.partners, which)?;
            let p = &mut ws.partners[i];
            p.name = format!("{} {name}", if name % 2 == 0 { "alpha" } else { "Beta" });
            if ended {
                p.phase = Phase::Ended;
            }
        }
        Op::AddPartner { name } => {
            let id = PartnerId(0);
            ws.upsert(Partner::new(id, format!("New {name}"), DEMO_ANCHOR));
        }
        Op::DeletePartner { which } => {
            let (_, p) = pick(&ws.partners, which)?;
            if ws.partners.len() > 1 {
                ws.remove_partner(p.id);
            }
        }
        Op::AddCommitment {
            partner: p,
            days,
            kept,
        } => {
            let partner = partner(&ws, p);
            let due = DEMO_ANCHOR + chrono::Duration::days(days);
            ws.upsert(Commitment {
                authors: Default::default(),
                owner: None,
                id: CommitmentId(0),
                partner,
                side: Side::Them,
                what: "send the deck".into(),
                due,
                outcome: kept.then_some(Outcome::Kept(due)),
            });
        }
        Op::EditProfile => {
            ws.profile.values.push("candour".into());
        }
        Op::ManyLogs { partner: p } => {
            // More than a change is followed for: rebuilt instead.
            let partner = partner(&ws, p);
            for n in 0..700 {
                ws.upsert(Interaction {
                    authors: Default::default(),
                    id: InteractionId(0),
                    partner,
                    at: days_ago(n % 90),
                    channel: Channel::Meeting,
                    initiated_by: Side::Them,
                    summary: format!("bulk {n}"),
                    sentiment: None,
                    follow_up: None,
                });
            }
        }
    }
    let valid = validate(&ws).is_empty();
    let before = app.ws().clone();
    let accepted = app.commit(ws, "change");
    assert_eq!(accepted, valid, "accepted exactly when valid ({op:?})");
    if !accepted {
        assert!(std::sync::Arc::ptr_eq(&before, app.ws()));
    }
    Some(valid)
}

fn assert_like_rebuilt(app: &App, step: usize, op: &Op) {
    let index = Index::build(app.ws());
    assert!(
        *app.doc.index() == index,
        "index differs after step {step} ({op:?})"
    );
    let overview = insight::overview(app.ws(), &index, app.today());
    assert!(
        app.doc.overview().summaries == overview.summaries,
        "summaries differ after step {step} ({op:?})"
    );
    assert!(
        app.doc.overview().attention == overview.attention,
        "attention differs after step {step} ({op:?})"
    );
    assert_eq!(
        app.doc.overview().queue_widths(),
        overview.queue_widths(),
        "queue widths differ after step {step} ({op:?})"
    );
    let rows = Rows::build(app.ws(), &index);
    assert!(
        *app.doc.rows() == rows,
        "rows differ after step {step} ({op:?})"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn followed_figures_equal_a_full_rebuild(ops in proptest::collection::vec(op(), 1..40)) {
        let mut app = App::new(base(), DEMO_ANCHOR, Source::Memory);
        app.resize(120, 40);
        for (step, op) in ops.iter().enumerate() {
            apply(&mut app, op);
            assert_like_rebuilt(&app, step, op);
        }
    }
}

#[test]
fn undo_and_redo_go_200_steps_deep() {
    let mut app = App::new(base(), DEMO_ANCHOR, Source::Memory);
    let first = app.ws().clone();
    for n in 0..200 {
        apply(
            &mut app,
            &Op::AddLog {
                partner: n,
                days: n as i64,
            },
        );
    }
    let last = app.ws().clone();
    for _ in 0..200 {
        app.update(Action::Undo);
    }
    assert_eq!(app.ws(), &first);
    assert_like_rebuilt(&app, 200, &Op::Undo);
    for _ in 0..200 {
        app.update(Action::Redo);
    }
    assert_eq!(app.ws(), &last);
    assert_like_rebuilt(&app, 400, &Op::Redo);
}

#[test]
fn a_change_to_one_record_shares_everything_else_with_the_version_before() {
    let mut app = App::new(base(), DEMO_ANCHOR, Source::Memory);
    let before = app.ws().clone();
    apply(&mut app, &Op::ToggleMilestone { which: 3 });
    let d = Delta::between(&before, app.ws(), 10).expect("a small change");
    assert_eq!(d.records(), 1);
    assert!(before.interactions.same(&app.ws().interactions));
    assert!(before.partners.same(&app.ws().partners));
}
