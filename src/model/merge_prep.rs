//! What the three-way merge (`merge3`) does to its inputs before merging them record by record,
//! and to its result after, so that merges made in different clones, in different orders and
//! either way round agree:
//!
//! - **Two records with one id** (both sides added a record under the same id: files of
//!   version 1, whose counters could collide, or a one-in-hundreds-of-millions draw): the
//!   record whose text sorts first keeps the id; the other moves to an id derived from its own
//!   text ([`super::ids::derived`]), so every merge of the same records moves the same one to
//!   the same id, and no copy ever meets another as a "new" record.
//! - **A conflict is one conflict whichever side was "ours"** when a clone found it: the same
//!   field, base and two values, in either order ([`same_conflict`]). While it is open the
//!   record holds one of the two values, which depends on the clone that merged; so the values
//!   alone cannot tell a decision from an open conflict (a decision can equal the value the
//!   base held). After merging, each conflict the base held open is settled from what each
//!   side did with it ([`settle`]): a decision wins over an open conflict, two different
//!   decisions are a conflict again. The record then holds "ours" of each open conflict
//!   ([`hold_ours`]).
//! - **A deletion the merge does not carry out takes back its cascade**: a record deleted on
//!   one side but changed (or newly referred to) on the other is kept, with a conflict; the
//!   deleting side's unlinking of the records linked to it, and a deleted partner's records,
//!   are undone before merging, so they keep their links until the conflict is decided
//!   ([`undo_cascades`]).

use super::field_value::set_field;
use super::record::{EachKind, ListKind, Record, each_kind};
use super::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::Value;
use std::borrow::Cow;

/// Whether two conflicts are one: the same record and field, the same base, and the same two
/// values in either order.
pub fn same_conflict(a: &MergeConflict, b: &MergeConflict) -> bool {
    a.kind == b.kind
        && a.id == b.id
        && a.field == b.field
        && a.base == b.base
        && ((a.ours == b.ours && a.theirs == b.theirs)
            || (a.ours == b.theirs && a.theirs == b.ours))
}

/// A conflict on a plain field of a record (or of the profile): the ones whose value the
/// record holds while undecided.
fn on_a_field(c: &MergeConflict) -> bool {
    !c.field.starts_with('(') && !c.field.starts_with("contacts[")
}

/// Changes the JSON value of one field of a record (`kind`, `id`) in place; `f` gets the
/// record's current value of the field and returns the new one (`None`: leave it).
fn change_field(
    ws: &mut Workspace,
    kind: &str,
    id: u64,
    field: &str,
    f: impl Fn(&Value) -> Option<String>,
) {
    fn one<T: serde::Serialize + serde::de::DeserializeOwned>(
        r: &mut T,
        field: &str,
        f: &dyn Fn(&Value) -> Option<String>,
    ) {
        let Ok(Value::Object(map)) = serde_json::to_value(&*r) else {
            return;
        };
        let Some(json) = f(map.get(field).unwrap_or(&Value::Null)) else {
            return;
        };
        if let Ok(changed) = set_field(r, field, &json) {
            *r = changed;
        }
    }
    if kind == "profile" {
        one(&mut ws.profile, field, &f);
        return;
    }
    struct Change<'a>(
        &'a mut Workspace,
        &'a str,
        u64,
        &'a str,
        &'a dyn Fn(&Value) -> Option<String>,
    );
    impl EachKind for Change<'_> {
        fn kind<R: Record>(&mut self) {
            if R::KIND == self.1
                && let Some(r) = self.0.find_mut::<R>(self.2)
            {
                one(r, self.3, self.4);
            }
        }
    }
    each_kind(&mut Change(ws, kind, id, field, &f));
}

/// The JSON value of one field of a record (`None` when the record is not there); a
/// record-wide conflict's "field" (`(deleted)`, `contacts[…]`) gives the record's presence.
pub(super) fn held_value(ws: &Workspace, kind: &str, id: u64, field: &str) -> Option<Value> {
    let field = if field.starts_with('(') || field.starts_with("contacts[") {
        "id"
    } else {
        field
    };
    field_value(ws, kind, id, field)
}

/// The JSON value of one field of a record (`None` when the record is not there).
fn field_value(ws: &Workspace, kind: &str, id: u64, field: &str) -> Option<Value> {
    fn of<T: serde::Serialize>(r: &T, field: &str) -> Option<Value> {
        match serde_json::to_value(r).ok()? {
            Value::Object(map) => Some(map.get(field).cloned().unwrap_or(Value::Null)),
            _ => None,
        }
    }
    if kind == "profile" {
        return of(&ws.profile, field);
    }
    struct Get<'a>(&'a Workspace, &'a str, u64, &'a str, Option<Value>);
    impl EachKind for Get<'_> {
        fn kind<R: Record>(&mut self) {
            if R::KIND == self.1
                && let Some(r) = self.0.find::<R>(self.2)
            {
                self.4 = of(r, self.3);
            }
        }
    }
    let mut get = Get(ws, kind, id, field, None);
    each_kind(&mut get);
    get.4
}

/// What one side did with a conflict its base held open.
#[derive(PartialEq)]
enum Held {
    /// Still open on this side.
    Open,
    /// Decided: the value the side holds.
    Decided(Value),
}

/// After merging, the conflicts the base held open on fields: each side either still holds it
/// open or decided it (removed it, keeping a value). One decision wins over an open conflict;
/// two equal decisions are one; two different decisions are a conflict again, whatever the
/// record-by-record merge made of the values (one of them can look like the base's value).
/// Returns the conflicts it found again (two different decisions).
pub fn settle(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
    out: &mut Workspace,
) -> Vec<MergeConflict> {
    let mut again = Vec::new();
    let open: Vec<&MergeConflict> = base.conflicts.iter().filter(|c| on_a_field(c)).collect();
    for c in open {
        let held = |side: &Workspace| {
            if side.conflicts.iter().any(|x| same_conflict(x, c)) {
                Some(Held::Open)
            } else {
                field_value(side, &c.kind, c.id, &c.field).map(Held::Decided)
            }
        };
        let (Some(o), Some(t)) = (held(ours), held(theirs)) else {
            continue;
        };
        if field_value(out, &c.kind, c.id, &c.field).is_none() {
            continue;
        }
        let decided = match (o, t) {
            (Held::Open, Held::Open) => continue,
            (Held::Decided(v), Held::Open) | (Held::Open, Held::Decided(v)) => Ok(v),
            (Held::Decided(a), Held::Decided(b)) if a == b => Ok(a),
            (Held::Decided(a), Held::Decided(b)) => Err((a, b)),
        };
        let same_field = |x: &MergeConflict| x.kind == c.kind && x.id == c.id && x.field == c.field;
        out.conflicts.retain(|x| !same_field(x));
        let value = match decided {
            Ok(v) => v,
            Err((a, b)) => {
                let base_value = field_value(base, &c.kind, c.id, &c.field).unwrap_or_default();
                let found = MergeConflict {
                    kind: c.kind.clone(),
                    id: c.id,
                    field: c.field.clone(),
                    base: base_value.to_string(),
                    ours: a.to_string(),
                    theirs: b.to_string(),
                    ours_by: c.ours_by.clone(),
                    theirs_by: c.theirs_by.clone(),
                };
                out.conflicts.push(found.clone());
                again.push(found);
                a
            }
        };
        let json = value.to_string();
        change_field(out, &c.kind, c.id, &c.field, |_| Some(json.clone()));
    }
    again
}

/// After merging: each record with an open field conflict holds "ours" of that conflict (as
/// the file says while undecided), when it holds one of the conflict's two values (a merge
/// made the other way round leaves the other).
pub fn hold_ours(out: &mut Workspace) {
    let open: Vec<MergeConflict> = out
        .conflicts
        .iter()
        .filter(|c| on_a_field(c))
        .cloned()
        .collect();
    for c in open {
        let theirs = serde_json::from_str::<Value>(&c.theirs).ok();
        change_field(out, &c.kind, c.id, &c.field, |now| {
            (Some(now) == theirs.as_ref()).then(|| c.ours.clone())
        });
    }
}

/// Every id in use, across kinds.
fn ids_of(ws: &Workspace) -> FxHashSet<u64> {
    struct Ids<'a>(&'a Workspace, FxHashSet<u64>);
    impl EachKind for Ids<'_> {
        fn kind<R: Record>(&mut self) {
            self.1.extend(R::list(self.0).iter().map(R::id));
        }
    }
    let mut ids = Ids(ws, FxHashSet::default());
    each_kind(&mut ids);
    ids.1
}

/// The RON text of each record of `ws` whose id is in `ids`.
fn texts_of(ws: &Workspace, ids: &FxHashSet<u64>) -> FxHashMap<u64, String> {
    struct Texts<'a>(&'a Workspace, &'a FxHashSet<u64>, FxHashMap<u64, String>);
    impl EachKind for Texts<'_> {
        fn kind<R: Record>(&mut self) {
            for r in R::list(self.0).iter().filter(|r| self.1.contains(&r.id())) {
                let text = format!("{}:{}", R::KIND, ron::to_string(r).unwrap_or_default());
                self.2.insert(r.id(), text);
            }
        }
    }
    let mut texts = Texts(ws, ids, FxHashMap::default());
    each_kind(&mut texts);
    texts.2
}

/// The ids both sides added, each for a different record (sorted), with our record's text and
/// theirs (a record's kind is part of its text: one id for two kinds is a clash too).
pub fn clashes(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
) -> Vec<(u64, String, String)> {
    let in_base = ids_of(base);
    let (o_ids, t_ids) = (ids_of(ours), ids_of(theirs));
    let both: FxHashSet<u64> = o_ids
        .iter()
        .filter(|id| !in_base.contains(id) && t_ids.contains(id))
        .copied()
        .collect();
    if both.is_empty() {
        return Vec::new();
    }
    let (mut o_text, mut t_text) = (texts_of(ours, &both), texts_of(theirs, &both));
    let mut found: Vec<(u64, String, String)> = both
        .into_iter()
        .filter_map(|id| {
            let (o, t) = (o_text.remove(&id)?, t_text.remove(&id)?);
            (o != t).then_some((id, o, t))
        })
        .collect();
    found.sort_unstable();
    found
}

/// Records both sides added under one id, different: one keeps the id, the other moves to an
/// id derived from its text (see the module's notes). Without such records both sides are
/// used as they are.
pub fn separate_clashes<'a>(
    base: &Workspace,
    ours: &'a Workspace,
    theirs: &'a Workspace,
) -> (Cow<'a, Workspace>, Cow<'a, Workspace>) {
    let found = clashes(base, ours, theirs);
    if found.is_empty() {
        return (Cow::Borrowed(ours), Cow::Borrowed(theirs));
    }
    // A moved record's new id is one no version holds.
    let mut taken = ids_of(base);
    taken.extend(ids_of(ours));
    taken.extend(ids_of(theirs));
    let (mut o_map, mut t_map) = (FxHashMap::default(), FxHashMap::default());
    for (id, ot, tt) in &found {
        let id = *id;
        // The text that sorts last moves, whichever side it is on.
        let (text, map) = if ot < tt {
            (tt, &mut t_map)
        } else {
            (ot, &mut o_map)
        };
        let seed = format!("{id}\n{text}");
        let new = (0..)
            .map(|attempt| super::ids::derived(seed.as_bytes(), attempt))
            .find(|n| !taken.contains(n))
            .unwrap_or(id);
        taken.insert(new);
        map.insert(id, new);
    }
    let moved = |ws: &'a Workspace, map: FxHashMap<u64, u64>| {
        if map.is_empty() {
            return Cow::Borrowed(ws);
        }
        let mut ws = ws.clone();
        ws.remap_ids(|id| map.get(&id).copied().unwrap_or(id));
        ws.normalize();
        Cow::Owned(ws)
    };
    (moved(ours, o_map), moved(theirs, t_map))
}

/// The records `deleter` deleted (they are in `base`) that `keeper` changed, or that a record
/// `keeper` added or changed refers to (or, for a partner, belongs to): the merge keeps them.
fn kept_deletions(
    base: &Workspace,
    deleter: &Workspace,
    keeper: &Workspace,
) -> Vec<(ListKind, u64)> {
    struct Kept<'a> {
        base: &'a Workspace,
        deleter: &'a Workspace,
        keeper: &'a Workspace,
        wanted: FxHashSet<(ListKind, u64)>,
        deleted: Vec<(ListKind, u64)>,
    }
    impl EachKind for Kept<'_> {
        fn kind<R: Record>(&mut self) {
            for r in R::list(self.keeper) {
                let before = self.base.find::<R>(r.id());
                if before == Some(r) {
                    continue;
                }
                if before.is_some() && self.deleter.find::<R>(r.id()).is_none() {
                    self.deleted.push((R::LIST, r.id()));
                }
                if R::LIST != ListKind::Partners {
                    self.wanted.insert((ListKind::Partners, r.partner().0));
                }
                r.links(&mut |list, id| {
                    self.wanted.insert((list, id));
                });
            }
        }
    }
    let mut kept = Kept {
        base,
        deleter,
        keeper,
        wanted: FxHashSet::default(),
        deleted: Vec::new(),
    };
    each_kind(&mut kept);
    let Kept {
        wanted,
        mut deleted,
        ..
    } = kept;
    struct Gone<'a>(
        &'a Workspace,
        &'a Workspace,
        &'a FxHashSet<(ListKind, u64)>,
        Vec<(ListKind, u64)>,
    );
    impl EachKind for Gone<'_> {
        fn kind<R: Record>(&mut self) {
            for &(list, id) in self.2 {
                if list == R::LIST
                    && self.0.find::<R>(id).is_some()
                    && self.1.find::<R>(id).is_none()
                {
                    self.3.push((list, id));
                }
            }
        }
    }
    let mut gone = Gone(base, deleter, &wanted, Vec::new());
    each_kind(&mut gone);
    for k in gone.3 {
        if !deleted.contains(&k) {
            deleted.push(k);
        }
    }
    deleted
}

/// Takes back, on the side that deleted them, the cascade of deletions the merge will not
/// carry out ([`kept_deletions`]): records linked to a kept record get their link back, and a
/// kept partner's records come back, unless that side changed them otherwise. Returns the
/// side (borrowed when nothing changed) and, per kept record, how many records were given
/// back to it.
pub fn undo_cascades<'a>(
    base: &Workspace,
    deleter: &'a Workspace,
    keeper: &Workspace,
) -> (Cow<'a, Workspace>, FxHashMap<(ListKind, u64), usize>) {
    let kept = kept_deletions(base, deleter, keeper);
    let mut counts = FxHashMap::default();
    if kept.is_empty() {
        return (Cow::Borrowed(deleter), counts);
    }
    let mut out = deleter.clone();
    struct Undo<'a> {
        base: &'a Workspace,
        out: &'a mut Workspace,
        kept: &'a [(ListKind, u64)],
        counts: &'a mut FxHashMap<(ListKind, u64), usize>,
    }
    impl EachKind for Undo<'_> {
        fn kind<R: Record>(&mut self) {
            let mut back = Vec::new();
            for b in R::list(self.base) {
                let partner = (ListKind::Partners, b.partner().0);
                let owner_kept = R::LIST != ListKind::Partners && self.kept.contains(&partner);
                match self.out.find::<R>(b.id()) {
                    // A kept partner's record, deleted with it: back.
                    None if owner_kept => {
                        back.push(b.clone());
                        *self.counts.entry(partner).or_default() += 1;
                    }
                    None => {}
                    Some(now) => {
                        let mut linked = Vec::new();
                        b.links(&mut |list, id| {
                            if self.kept.contains(&(list, id))
                                && !now.links_to(|l, i| (l, i) == (list, id))
                            {
                                linked.push((list, id));
                            }
                        });
                        if linked.is_empty() {
                            continue;
                        }
                        // Only the cascade's unlinking is taken back: the record as the base
                        // had it, unlinked, must be what this side holds.
                        let mut cut = b.clone();
                        cut.unlink(|list, id| linked.contains(&(list, id)));
                        if &cut == now {
                            let id = b.id();
                            if let Some(r) = self.out.find_mut::<R>(id) {
                                *r = b.clone();
                            }
                            for k in linked {
                                *self.counts.entry(k).or_default() += 1;
                            }
                        }
                    }
                }
            }
            if !back.is_empty() {
                let list = R::list_mut(self.out);
                for r in back {
                    list.push(r);
                }
            }
        }
    }
    each_kind(&mut Undo {
        base,
        out: &mut out,
        kept: &kept,
        counts: &mut counts,
    });
    out.normalize();
    (Cow::Owned(out), counts)
}
