//! The operations written once against `Record` (upsert, remove, delete with its cascade, id
//! remapping, dangling links, merges, search, the change summary) hold for every kind of
//! record: each test runs once per kind through `each_kind`, so a kind added later is covered
//! without a line here.

mod common;

use common::small_workspace;
use partnerdeck::app::{App, Source};
use partnerdeck::model::*;

/// The one record of kind `R` in the small workspace (it has one of every kind).
fn only<R: Record>(ws: &Workspace) -> R {
    let list = R::list(ws);
    assert_eq!(list.len(), 1, "one {} in the small workspace", R::KIND);
    list[0].clone()
}

/// Every link that the records of `ws` hold, as (list, id).
fn all_links(ws: &Workspace) -> Vec<(ListKind, u64)> {
    struct Links<'a>(&'a Workspace, Vec<(ListKind, u64)>);
    impl EachKind for Links<'_> {
        fn kind<R: Record>(&mut self) {
            for r in R::list(self.0) {
                r.links(&mut |list, id| self.1.push((list, id)));
            }
        }
    }
    let mut links = Links(ws, Vec::new());
    each_kind(&mut links);
    links.1
}

#[test]
fn every_kind_is_listed_once_in_file_order() {
    struct Kinds(Vec<(ListKind, &'static str, &'static str)>);
    impl EachKind for Kinds {
        fn kind<R: Record>(&mut self) {
            self.0.push((R::LIST, R::KIND, R::FIELD));
        }
    }
    let mut kinds = Kinds(Vec::new());
    each_kind(&mut kinds);
    let lists: Vec<ListKind> = kinds.0.iter().map(|k| k.0).collect();
    assert_eq!(lists, ListKind::ALL.to_vec());
    for (i, (list, kind, field)) in kinds.0.iter().enumerate() {
        assert_eq!(*list as usize, i);
        assert_eq!(list.kind(), *kind);
        // The field name is the list's name in the file.
        let text = partnerdeck::store::to_text(&small_workspace()).unwrap();
        assert!(text.contains(&format!("  {field}: [")), "{field}");
    }
    // The small workspace's links: a milestone's goal and a celebration's milestone.
    let ws = small_workspace();
    assert_eq!(
        all_links(&ws),
        vec![
            (ListKind::Goals, ws.goals[0].id.0),
            (ListKind::Milestones, ws.milestones[0].id.0)
        ]
    );
}

#[test]
fn upsert_adds_with_a_fresh_id_replaces_and_remove_takes_it_out() {
    struct Upsert;
    impl EachKind for Upsert {
        fn kind<R: Record>(&mut self) {
            let mut ws = small_workspace();
            let first = only::<R>(&ws);
            let mut copy = first.clone();
            copy.set_id(0);
            let top = ws.max_id();
            let Some(Upserted::Added(next)) = ws.upsert(copy.clone()) else {
                panic!("{} was not added", R::KIND)
            };
            assert!(next > top, "a new id is above every id in use: {}", R::KIND);
            assert_eq!(R::list(&ws).len(), 2);
            assert_eq!(R::list(&ws).last().map(R::id), Some(next), "at the end");
            assert_eq!(ws.find::<R>(next).map(R::id), Some(next));
            copy.set_id(first.id());
            assert_eq!(ws.upsert(copy), Some(Upserted::Replaced(first.id())));
            copy = first.clone();
            copy.set_id(next + 100);
            assert_eq!(ws.upsert(copy), None, "an id not there: {}", R::KIND);
            assert_eq!(ws.remove::<R>(next).map(|r| r.id()), Some(next));
            assert_eq!(ws.position::<R>(next), None);
            assert!(validate(&ws).is_empty(), "{}", R::KIND);
        }
    }
    each_kind(&mut Upsert);
}

#[test]
fn remapped_ids_carry_every_reference_along() {
    let mut ws = small_workspace();
    let before = ws.clone();
    ws.remap_ids(|id| id + 1000);
    struct Moved<'a>(&'a Workspace, &'a Workspace);
    impl EachKind for Moved<'_> {
        fn kind<R: Record>(&mut self) {
            let (old, new) = (only::<R>(self.0), only::<R>(self.1));
            assert_eq!(new.id(), old.id() + 1000, "{}", R::KIND);
            assert_eq!(new.partner().0, old.partner().0 + 1000, "{}", R::KIND);
            let mut links = Vec::new();
            old.links(&mut |list, id| links.push((list, id + 1000)));
            let mut moved = Vec::new();
            new.links(&mut |list, id| moved.push((list, id)));
            assert_eq!(moved, links, "{}", R::KIND);
        }
    }
    each_kind(&mut Moved(&before, &ws));
    assert_eq!(ws.review_actions.len(), before.review_actions.len());
    assert!(validate(&ws).is_empty(), "{:?}", validate(&ws));
    // And back: the same workspace.
    ws.remap_ids(|id| id - 1000);
    assert_eq!(ws, before);
}

#[test]
fn delete_takes_what_goes_with_each_kind_as_dropping_dangling_links_does() {
    struct Delete;
    impl EachKind for Delete {
        fn kind<R: Record>(&mut self) {
            let mut ws = small_workspace();
            let r = only::<R>(&ws);
            let id = r.id();
            let mut by_hand = ws.clone();
            assert_eq!(ws.delete::<R>(id).map(|r| r.id()), Some(id), "{}", R::KIND);
            assert!(ws.find::<R>(id).is_none());
            assert!(
                !all_links(&ws).contains(&(R::LIST, id)),
                "a link to the deleted {} stays",
                R::KIND
            );
            assert!(validate(&ws).is_empty(), "{}: {:?}", R::KIND, validate(&ws));
            if R::LIST == ListKind::Partners {
                assert_eq!(ws.record_count(), 0, "a partner takes its records");
            } else {
                assert_eq!(ws.record_count(), 6, "only the {} goes", R::KIND);
            }
            // The same as removing only it and then dropping what dangles.
            by_hand.remove::<R>(id);
            by_hand.drop_dangling();
            assert_eq!(ws, by_hand, "{}", R::KIND);
            assert!(ws.delete::<R>(id).is_none(), "{} twice", R::KIND);
        }
    }
    each_kind(&mut Delete);
}

#[test]
fn search_finds_every_kind_by_its_texts() {
    let ws = small_workspace();
    let app = App::new(ws.clone(), common::day("2026-11-27"), Source::Memory);
    struct Find<'a>(&'a App);
    impl EachKind for Find<'_> {
        fn kind<R: Record>(&mut self) {
            let r = only::<R>(self.0.ws());
            let mut texts: Vec<(&'static str, String)> = Vec::new();
            r.texts(&mut |fields, _| {
                for (name, text) in fields {
                    if !text.is_empty() {
                        texts.push((name, text.to_string()));
                    }
                }
            });
            assert!(!texts.is_empty(), "{} has texts", R::KIND);
            let (name, text) = &texts[0];
            assert_eq!(
                *name,
                R::KIND,
                "a hit on its first text is named by its kind"
            );
            let hits = self.0.scene().search(text);
            assert!(
                hits.iter()
                    .any(|h| h.record.raw() == r.id() && h.partner == r.partner()),
                "{} not found by {text:?}: {hits:#?}",
                R::KIND
            );
        }
    }
    each_kind(&mut Find(&app));
}

#[test]
fn merges_and_the_change_summary_follow_every_kind() {
    struct Merge;
    impl EachKind for Merge {
        fn kind<R: Record>(&mut self) {
            let base = small_workspace();
            // Ours deletes it, theirs adds another of the kind: both land.
            let mut ours = base.clone();
            ours.delete::<R>(only::<R>(&base).id());
            let mut theirs = base.clone();
            let mut copy = only::<R>(&base);
            copy.set_id(0);
            let Some(Upserted::Added(added)) = theirs.upsert(copy) else {
                panic!("added")
            };
            let merged = partnerdeck::model::merge::reapply(&base, &ours, theirs.clone());
            assert!(merged.find::<R>(added).is_some(), "{}", R::KIND);
            assert!(merged.find::<R>(only::<R>(&base).id()).is_none());
            let three = partnerdeck::model::merge3::merge3(&base, &ours, &theirs);
            assert_eq!(three.new_conflicts, vec![], "{}", R::KIND);
            assert!(validate(&three.workspace).is_empty(), "{}", R::KIND);
            if R::LIST != ListKind::Partners {
                assert_eq!(three.workspace, merged, "{}", R::KIND);
            }
            let noun = match R::LIST {
                ListKind::Celebrations => "win",
                _ => R::KIND,
            };
            assert_eq!(
                partnerdeck::team::summary(&base, &theirs),
                format!("1 {noun} added — {}", base.partners[0].name),
            );
        }
    }
    each_kind(&mut Merge);
}

#[test]
fn shifting_dates_moves_every_kind() {
    let before = small_workspace();
    let mut ws = before.clone();
    ws.shift_dates(10);
    struct Later<'a>(&'a Workspace, &'a Workspace);
    impl EachKind for Later<'_> {
        fn kind<R: Record>(&mut self) {
            let (old, new) = (only::<R>(self.0), only::<R>(self.1));
            assert!(new.when() > old.when(), "{} did not move", R::KIND);
        }
    }
    each_kind(&mut Later(&before, &ws));
    ws.shift_dates(-10);
    assert_eq!(ws, before);
}
