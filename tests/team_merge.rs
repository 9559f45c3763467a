//! The three-way merge behind `partnerdeck merge` (git's merge driver): properties over random
//! changes, the rules one by one, the driver's exit codes, and two clones of a real git
//! repository merging through it.

mod common;

use common::team::change;

use partnerdeck::model::merge3::merge3;
use partnerdeck::model::*;
use partnerdeck::store::{self, demo::DEMO_ANCHOR, demo_workspace};
use proptest::prelude::*;

fn summaries(ws: &Workspace) -> std::collections::BTreeSet<String> {
    ws.interactions.iter().map(|i| i.summary.clone()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn merging_is_lossless_and_symmetric(seed_x in any::<u64>(), seed_y in any::<u64>(), nx in 0usize..40, ny in 0usize..40) {
        let base = demo_workspace(DEMO_ANCHOR);
        let mut x = base.clone();
        change(&mut x, seed_x, nx, 0, "x");
        let mut y = base.clone();
        change(&mut y, seed_y, ny, 1, "y");

        // One side unchanged: the other side's version.
        prop_assert_eq!(&merge3(&base, &x, &base).workspace, &x);
        prop_assert_eq!(&merge3(&base, &base, &y).workspace, &y);
        prop_assert_eq!(&merge3(&base, &x, &x).workspace, &x);

        let xy = merge3(&base, &x, &y);
        let yx = merge3(&base, &y, &x);
        prop_assert!(xy.new_conflicts.is_empty(), "{:?}", xy.new_conflicts);
        // The same file whichever side is ours.
        prop_assert_eq!(&xy.workspace, &yx.workspace);
        let m = &xy.workspace;
        prop_assert!(validate(m).is_empty(), "{:?}", validate(m));
        // Nothing either side added or kept is lost, nothing either deleted comes back.
        let (sb, sx, sy, sm) = (summaries(&base), summaries(&x), summaries(&y), summaries(m));
        for s in sx.iter().chain(&sy) {
            if !sb.contains(s) {
                prop_assert!(sm.contains(s), "added {s} lost");
            }
        }
        for s in &sb {
            let kept = sx.contains(s) && sy.contains(s);
            prop_assert_eq!(sm.contains(s), kept, "{}", s);
        }
        // Ids never collide and every reference resolves (validate above); every tag added
        // by either side is there.
        for side in [&x, &y] {
            for p in &side.partners {
                let merged = m.partners.iter().find(|q| q.id == p.id).unwrap();
                for t in &p.tags {
                    prop_assert!(merged.tags.contains(t));
                }
            }
        }
        // The merged file is one `check` accepts, and it reads back the same.
        let text = store::to_text(m).unwrap();
        let back: Workspace = store::parse(&text).unwrap();
        prop_assert_eq!(&back, m);
    }
}

fn base_and_partner() -> (Workspace, PartnerId) {
    let base = demo_workspace(DEMO_ANCHOR);
    let p = base.partners[0].id;
    (base, p)
}

#[test]
fn different_fields_of_one_record_both_apply_and_sets_merge_by_element() {
    let (base, p) = base_and_partner();
    let mut x = base.clone();
    let mut y = base.clone();
    x.partner_mut(p).unwrap().aim = "ours".into();
    x.partner_mut(p).unwrap().tags.push("from-x".into());
    y.partner_mut(p).unwrap().name = "Renamed by them".into();
    y.partner_mut(p).unwrap().tags.push("from-y".into());
    x.profile.values.push("x-value".into());
    y.profile.name = "Their org name".into();
    let m = merge3(&base, &x, &y);
    assert!(m.new_conflicts.is_empty());
    let merged = m.workspace.partner(p).unwrap();
    assert_eq!(merged.aim, "ours");
    assert_eq!(merged.name, "Renamed by them");
    assert!(merged.tags.contains(&"from-x".to_string()));
    assert!(merged.tags.contains(&"from-y".to_string()));
    assert!(m.workspace.profile.values.contains(&"x-value".to_string()));
    assert_eq!(m.workspace.profile.name, "Their org name");
}

#[test]
fn contacts_merge_by_identity() {
    let (mut base, p) = base_and_partner();
    base.partner_mut(p).unwrap().contacts = vec![Contact {
        name: "Ada".into(),
        role: "lead".into(),
        email: "ada@example.org".into(),
        phone: String::new(),
    }];
    let mut x = base.clone();
    let mut y = base.clone();
    x.partner_mut(p).unwrap().contacts[0].phone = "+1 555 0100".into();
    y.partner_mut(p).unwrap().contacts.push(Contact {
        name: "Grace".into(),
        ..Contact::default()
    });
    let m = merge3(&base, &x, &y);
    assert!(m.new_conflicts.is_empty(), "{:?}", m.new_conflicts);
    let c = &m.workspace.partner(p).unwrap().contacts;
    assert_eq!(c.len(), 2);
    assert_eq!(c[0].phone, "+1 555 0100");
    assert_eq!(c[1].name, "Grace");
}

#[test]
fn records_added_on_both_sides_keep_distinct_ids_and_their_references() {
    let (base, p) = base_and_partner();
    let mut x = base.clone();
    let mut y = base.clone();
    // Both sides hold one new id for two records (as version 1 counters could hand out): a
    // goal (with a milestone under it) on ours, a log entry on theirs.
    let g = GoalId(x.allocate_id());
    let mut goal = base.goals[0].clone();
    goal.id = g;
    goal.partner = p;
    goal.title = "Ours, new".into();
    x.goals.push(goal);
    let mid = MilestoneId(x.allocate_id());
    x.milestones.push(Milestone {
        authors: Default::default(),
        id: mid,
        partner: p,
        goal: Some(g),
        title: "Under our new goal".into(),
        due: DEMO_ANCHOR,
        done: None,
    });
    x.normalize();
    let i = InteractionId(g.0);
    y.interactions.push(Interaction {
        authors: Default::default(),
        id: i,
        partner: p,
        at: DEMO_ANCHOR.and_hms_opt(9, 0, 0).unwrap(),
        channel: Channel::Email,
        initiated_by: Side::Them,
        summary: "Theirs, new".into(),
        sentiment: None,
        follow_up: None,
    });
    y.normalize();
    let m = merge3(&base, &x, &y).workspace;
    assert!(validate(&m).is_empty(), "{:?}", validate(&m));
    let goal = m.goals.iter().find(|g| g.title == "Ours, new").unwrap();
    let entry = m
        .interactions
        .iter()
        .find(|e| e.summary == "Theirs, new")
        .unwrap();
    assert_ne!(goal.id.0, entry.id.0);
    let ms = m
        .milestones
        .iter()
        .find(|x| x.title == "Under our new goal")
        .unwrap();
    assert_eq!(ms.goal, Some(goal.id), "the reference followed the record");
    assert!(
        goal.id.0 == g.0 || entry.id.0 == g.0,
        "one of them keeps the id"
    );
    assert_eq!(
        m,
        merge3(&base, &y, &x).workspace,
        "the same either way round"
    );
    // Another clone merging the same two records moves the same one to the same id, so the
    // copies never meet as two new records.
    let again = merge3(&base, &x.clone(), &y.clone()).workspace;
    assert_eq!(again, m);
    let later = merge3(&x, &x, &m).workspace;
    assert_eq!(later.goals.len(), m.goals.len());
    assert_eq!(later.interactions.len(), m.interactions.len());
}

#[test]
fn a_same_field_change_is_a_conflict_that_keeps_both_values_in_a_valid_file() {
    let (base, p) = base_and_partner();
    let mut x = base.clone();
    let mut y = base.clone();
    x.partner_mut(p).unwrap().aim = "Aim A".into();
    y.partner_mut(p).unwrap().aim = "Aim B".into();
    let m = merge3(&base, &x, &y);
    assert_eq!(m.new_conflicts.len(), 1);
    let c = &m.new_conflicts[0];
    assert_eq!(
        (c.kind.as_str(), c.id, c.field.as_str()),
        ("partner", p.0, "aim")
    );
    assert!(c.ours.contains("Aim A") && c.theirs.contains("Aim B"));
    assert_eq!(m.workspace.partner(p).unwrap().aim, "Aim A");
    assert_eq!(m.workspace.conflicts.to_vec(), m.new_conflicts);
    assert!(validate(&m.workspace).is_empty());
}

#[test]
fn deleting_a_partner_cascades_unless_the_other_side_worked_on_it() {
    let (base, p) = base_and_partner();
    let cascade = |ws: &mut Workspace| ws.remove_partner(p);
    // Deleted on one side, untouched on the other: gone with its records.
    let mut x = base.clone();
    cascade(&mut x);
    let mut y = base.clone();
    y.profile.name = "Unrelated change".into();
    let m = merge3(&base, &x, &y);
    assert!(m.new_conflicts.is_empty());
    assert!(m.workspace.partner(p).is_none());
    assert!(m.workspace.interactions.iter().all(|i| i.partner != p));
    assert!(validate(&m.workspace).is_empty());
    // Deleted on one side while the other logged a contact with it: kept, with a conflict.
    let mut y = base.clone();
    let id = InteractionId(y.allocate_id());
    y.interactions.push(Interaction {
        authors: Default::default(),
        id,
        partner: p,
        at: DEMO_ANCHOR.and_hms_opt(9, 0, 0).unwrap(),
        channel: Channel::Call,
        initiated_by: Side::Us,
        summary: "Logged while they deleted it".into(),
        sentiment: None,
        follow_up: None,
    });
    let m = merge3(&base, &x, &y);
    assert!(m.workspace.partner(p).is_some());
    assert!(
        m.workspace
            .interactions
            .iter()
            .any(|i| i.summary == "Logged while they deleted it")
    );
    assert!(!m.new_conflicts.is_empty());
    assert!(
        validate(&m.workspace).is_empty(),
        "{:?}",
        validate(&m.workspace)
    );
}

mod driver {
    use super::*;
    use assert_cmd::Command;

    fn write(dir: &std::path::Path, name: &str, ws: &Workspace) -> std::path::PathBuf {
        let p = dir.join(name);
        store::save(&p, ws).unwrap();
        p
    }

    #[test]
    fn exit_codes_follow_gits_contract() {
        let dir = tempfile::tempdir().unwrap();
        let (base, p) = base_and_partner();
        let mut x = base.clone();
        x.partner_mut(p).unwrap().aim = "Aim A".into();
        let mut y = base.clone();
        y.profile.name = "Theirs".into();
        let (b, o, t) = (
            write(dir.path(), "base.ron", &base),
            write(dir.path(), "ours.ron", &x),
            write(dir.path(), "theirs.ron", &y),
        );
        Command::cargo_bin("partnerdeck")
            .unwrap()
            .args(["merge"])
            .args([&b, &o, &t])
            .args(["--path", "team.ron"])
            .assert()
            .code(0);
        let merged = store::load(&o).unwrap().unwrap().workspace;
        assert_eq!(merged.profile.name, "Theirs");
        assert_eq!(merged.partner(p).unwrap().aim, "Aim A");

        // A same-field conflict: exit 1, one line for it, a file `check` accepts.
        let mut y2 = base.clone();
        y2.partner_mut(p).unwrap().aim = "Aim B".into();
        let t2 = write(dir.path(), "theirs2.ron", &y2);
        let o2 = write(dir.path(), "ours2.ron", &x);
        let out = Command::cargo_bin("partnerdeck")
            .unwrap()
            .args(["merge"])
            .args([&b, &o2, &t2])
            .args(["--path", "team.ron"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("team.ron") && err.contains("aim"), "{err}");
        let out = Command::cargo_bin("partnerdeck")
            .unwrap()
            .arg("check")
            .arg(&o2)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 merge conflict"));

        // An input that does not parse: exit 2, OURS untouched, path:line:col.
        let bad = dir.path().join("bad.ron");
        std::fs::write(
            &bad,
            "(version: 1, profile: (name: \"x\"), partners: [oops])",
        )
        .unwrap();
        let before = std::fs::read(&o).unwrap();
        let out = Command::cargo_bin("partnerdeck")
            .unwrap()
            .args(["merge"])
            .args([&b, &o, &bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("bad.ron:1:"), "{err}");
        assert_eq!(std::fs::read(&o).unwrap(), before);
    }
}
