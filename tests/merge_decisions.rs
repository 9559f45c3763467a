//! Merges that keep decisions and links: a decided conflict stays decided through criss-cross
//! merges (git merging two merge commits, with a virtual base made either way round), two
//! different decisions of one conflict meet as a conflict, and deleting a record against an
//! edit of it keeps what is linked to it while the conflict is open.

mod common;

use partnerdeck::model::merge3::{merge3, take_theirs};
use partnerdeck::model::*;
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};

fn base() -> (Workspace, PartnerId) {
    let ws = demo_workspace(DEMO_ANCHOR);
    let p = ws.partners[0].id;
    (ws, p)
}

fn with_aim(ws: &Workspace, p: PartnerId, aim: &str) -> Workspace {
    let mut ws = ws.clone();
    ws.partner_mut(p).unwrap().aim = aim.into();
    ws
}

fn aim(ws: &Workspace, p: PartnerId) -> &str {
    &ws.partner(p).unwrap().aim
}

/// Two branches set the same aim two ways; their merge made in clone 2 (2's side ours), and the
/// virtual base git makes for a criss-cross merge (either way round).
fn conflicted() -> (Workspace, PartnerId, Workspace, Workspace, Workspace) {
    let (b, p) = base();
    let one = with_aim(&b, p, "Aim of clone 1");
    let two = with_aim(&b, p, "Aim of clone 2");
    let m = merge3(&b, &two, &one).workspace;
    assert_eq!(m.conflicts.len(), 1);
    assert_eq!(
        aim(&m, p),
        "Aim of clone 2",
        "the record holds ours while undecided"
    );
    let v_same = merge3(&b, &two, &one).workspace;
    let v_other = merge3(&b, &one, &two).workspace;
    (m, p, v_same, v_other, b)
}

#[test]
fn a_decision_survives_a_criss_cross_merge_with_either_virtual_base() {
    let (m, p, v_same, v_other, _) = conflicted();
    // Clone 2 decides: their value. A copy of the undecided merge was committed elsewhere.
    let mut decided = m.clone();
    take_theirs(&mut decided, 0).unwrap();
    assert_eq!(aim(&decided, p), "Aim of clone 1");
    assert!(decided.conflicts.is_empty());
    for v in [&v_same, &v_other] {
        for (ours, theirs) in [(&decided, &m), (&m, &decided)] {
            let out = merge3(v, ours, theirs).workspace;
            assert_eq!(aim(&out, p), "Aim of clone 1", "the decision stands");
            assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
        }
    }
    // Keeping ours is a decision too, and stands the same way.
    let mut kept = m.clone();
    kept.conflicts.remove(0);
    for v in [&v_same, &v_other] {
        for (ours, theirs) in [(&kept, &m), (&m, &kept)] {
            let out = merge3(v, ours, theirs).workspace;
            assert_eq!(aim(&out, p), "Aim of clone 2");
            assert!(out.conflicts.is_empty(), "{:?}", out.conflicts);
        }
    }
}

#[test]
fn two_different_decisions_of_one_conflict_meet_as_a_conflict() {
    let (m, p, v_same, v_other, _) = conflicted();
    let mut one = m.clone();
    take_theirs(&mut one, 0).unwrap();
    let mut two = m.clone();
    two.conflicts.remove(0);
    for base in [&m, &v_same, &v_other] {
        let out = merge3(base, &one, &two);
        assert_eq!(out.workspace.conflicts.len(), 1, "never a silent win");
        let c = &out.workspace.conflicts[0];
        assert_eq!(c.field, "aim");
        let values = [c.ours.as_str(), c.theirs.as_str()];
        assert!(values.iter().any(|v| v.contains("Aim of clone 1")), "{c:?}");
        assert!(values.iter().any(|v| v.contains("Aim of clone 2")), "{c:?}");
        assert!(validate(&out.workspace).is_empty());
    }
    // The same decision on both sides is no conflict.
    let out = merge3(&m, &one, &one.clone()).workspace;
    assert!(out.conflicts.is_empty());
    assert_eq!(aim(&out, p), "Aim of clone 1");
}

#[test]
fn an_undecided_conflict_merged_both_ways_is_one_conflict() {
    let (m, p, v_same, v_other, b) = conflicted();
    // Clone 1 made the same merge the other way round and pushed it, undecided.
    let m1 = merge3(
        &b,
        &with_aim(&b, p, "Aim of clone 1"),
        &with_aim(&b, p, "Aim of clone 2"),
    )
    .workspace;
    for v in [&v_same, &v_other, &b] {
        let out = merge3(v, &m, &m1).workspace;
        assert_eq!(out.conflicts.len(), 1, "{:?}", out.conflicts);
        // The record holds "ours" of the conflict the file keeps.
        let c = &out.conflicts[0];
        assert!(c.ours.contains(aim(&out, p)), "{c:?} vs {}", aim(&out, p));
    }
}

#[test]
fn deleting_a_goal_against_an_edit_keeps_its_milestones_linked_and_says_so() {
    let (mut b, p) = base();
    let g = GoalId(b.allocate_id());
    let mut goal = b.goals[0].clone();
    goal.id = g;
    goal.partner = p;
    goal.title = "Shared goal".into();
    b.goals.push(goal);
    for n in 0..3 {
        let id = MilestoneId(b.allocate_id());
        b.milestones.push(Milestone {
            authors: Default::default(),
            id,
            partner: p,
            goal: Some(g),
            title: format!("Step {n}"),
            due: DEMO_ANCHOR,
            done: None,
        });
    }
    b.normalize();
    let linked = |ws: &Workspace| ws.milestones.iter().filter(|m| m.goal == Some(g)).count();
    let mut deleter = b.clone();
    deleter.delete::<Goal>(g.0).unwrap();
    assert_eq!(linked(&deleter), 0, "the dashboard's delete unlinks");
    let mut editor = b.clone();
    editor.goals.iter_mut().find(|x| x.id == g).unwrap().target = Some(99.0);
    for (ours, theirs) in [(&deleter, &editor), (&editor, &deleter)] {
        let out = merge3(&b, ours, theirs);
        let ws = &out.workspace;
        assert!(ws.goal(g).is_some(), "kept, with a conflict");
        assert_eq!(
            linked(ws),
            3,
            "its milestones keep their link while undecided"
        );
        assert!(validate(ws).is_empty(), "{:?}", validate(ws));
        let c = ws.conflicts.iter().find(|c| c.id == g.0).unwrap();
        assert_eq!(c.field, "(deleted)");
        let said = format!("{} {}", c.ours, c.theirs);
        assert!(said.contains("3 records linked to it"), "{said}");
    }
    // Deciding for the deletion unlinks them, as the dashboard's delete does.
    let mut ws = merge3(&b, &editor, &deleter).workspace;
    let i = ws.conflicts.iter().position(|c| c.id == g.0).unwrap();
    take_theirs(&mut ws, i).unwrap();
    assert!(ws.goal(g).is_none());
    assert_eq!(linked(&ws), 0);
    assert_eq!(
        ws.milestones.len(),
        b.milestones.len(),
        "the milestones stay"
    );
    assert!(validate(&ws).is_empty());
}

#[test]
fn deleting_a_partner_against_an_edit_keeps_its_records() {
    let (b, p) = base();
    let records = |ws: &Workspace| {
        ws.goals.iter().filter(|x| x.partner == p).count()
            + ws.interactions.iter().filter(|x| x.partner == p).count()
            + ws.milestones.iter().filter(|x| x.partner == p).count()
    };
    let had = records(&b);
    assert!(had > 0);
    let mut deleter = b.clone();
    deleter.remove_partner(p);
    let editor = with_aim(&b, p, "A new aim");
    let out = merge3(&b, &deleter, &editor).workspace;
    assert_eq!(aim(&out, p), "A new aim");
    assert_eq!(records(&out), had, "the partner's records stay with it");
    assert!(validate(&out).is_empty());
    assert!(
        out.conflicts
            .iter()
            .any(|c| c.id == p.0 && c.field == "(deleted)")
    );
}

/// Deleting a record in the dashboard decides the merge conflicts about it: none is left
/// naming a record that is gone (a merge refuses such a conflict).
#[test]
fn deleting_a_record_in_the_dashboard_drops_the_conflicts_about_it() {
    let (mut ws, _) = base();
    for g in ws.goals.clone().iter() {
        ws.conflicts.push(MergeConflict {
            ours_by: None,
            theirs_by: None,
            kind: "goal".into(),
            id: g.id.0,
            field: "title".into(),
            base: "\"was\"".into(),
            ours: format!("{:?}", g.title),
            theirs: "\"theirs\"".into(),
        });
    }
    let before = ws.conflicts.len();
    let mut app = partnerdeck::app::App::new(ws, DEMO_ANCHOR, partnerdeck::app::Source::Memory);
    app.resize(120, 40);
    common::press(&mut app, &["esc", "2", "d", "y"]);
    assert_eq!(
        app.ws().goals.len() + 1,
        demo_workspace(DEMO_ANCHOR).goals.len(),
        "a goal went"
    );
    assert_eq!(app.ws().conflicts.len(), before - 1);
    assert!(
        app.ws()
            .conflicts
            .iter()
            .all(|c| app.ws().holds(&c.kind, c.id))
    );
    // Undo brings the goal and its conflict back.
    common::press(&mut app, &["u"]);
    assert_eq!(app.ws().conflicts.len(), before);
}
