//! The three-way merge of two versions of a workspace that share a base, record by record (by
//! id) and field by field: what git's merge driver (`partnerdeck merge`) does when two people
//! changed the same file.
//!
//! - A record added on one side is added; deleted on one side and unchanged on the other, it is
//!   deleted; changed on one side only, that side's version wins; the same change on both sides
//!   is taken once.
//! - Changes to different fields of one record both apply. Set-like lists (values, offers,
//!   needs, tags) merge element by element; contacts by their identity (email, else name); the
//!   profile by field.
//! - A field changed two different ways, or a record changed on one side and deleted on the
//!   other, is a conflict: the record keeps our value (so the file stays valid and opens), and
//!   both values go to the workspace's `conflicts` list for the user to choose.
//! - Ids are never renumbered: they are unique across clones (`ids`). Two different records
//!   under one id, open conflicts and deletions the merge does not carry out are prepared first
//!   (`merge_prep`), so that merges in different clones and orders agree, and a decided
//!   conflict stays decided.
//! - A partner (goal, milestone) deleted on one side while the other side added or changed
//!   records that refer to it is kept, with a conflict, so no reference ever dangles; otherwise
//!   the deletion cascades as in the dashboard.
//!
//! Linear in the size of the files: every list is indexed by id once, and only records changed
//! on both sides are compared field by field.

pub use super::field_value::TheirsError;
use super::field_value::{as_list, set_field};
use super::merge_prep::same_conflict;
use super::record::{EachKind, Ids, Record, each_kind};
use super::records::*;
use super::*;
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The merged workspace and what it could not decide (also in `workspace.conflicts`).
pub struct Merged {
    pub workspace: Workspace,
    /// The conflicts this merge found (earlier unresolved ones stay in the workspace too).
    pub new_conflicts: Vec<MergeConflict>,
}

/// Fields merged as sets of strings.
const SET_FIELDS: [&str; 6] = ["values", "offers", "needs", "tags", "domains", "team"];

fn ron_text<T: Serialize + ?Sized>(v: &T) -> String {
    ron::to_string(v).unwrap_or_default()
}

/// A field's value as JSON text (exact, so a later resolution can put it back).
fn value_text(v: &Value) -> String {
    v.to_string()
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge3(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> Merged {
    merge3_by(base, ours, theirs, Sides::default())
}

/// Who made each side as a whole (from git: the last commit of each side that changed the
/// file), for the conflicts whose records do not say (a deletion).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sides {
    pub ours: Option<Touch>,
    pub theirs: Option<Touch>,
}

/// [`merge3`], naming each side's author in conflicts a record's authors do not settle.
pub fn merge3_by(base: &Workspace, ours: &Workspace, theirs: &Workspace, sides: Sides) -> Merged {
    use super::merge_prep::{hold_ours, separate_clashes, settle, undo_cascades};
    let (ours, theirs) = separate_clashes(base, ours, theirs);
    let (ours, given_ours) = undo_cascades(base, &ours, &theirs);
    let (theirs, given_theirs) = undo_cascades(base, &theirs, &ours);
    let (ours, theirs) = (&*ours, &*theirs);
    let mut m = Merger {
        sides,
        ..Merger::default()
    };
    let mut out = Workspace {
        version: base.version.max(ours.version).max(theirs.version),
        profile: m.profile(&base.profile, &ours.profile, &theirs.profile),
        ..Workspace::default()
    };
    // Every list record by record, by id (`Merger::list`).
    struct Lists<'a> {
        m: &'a mut Merger,
        sides: [&'a Workspace; 3],
        out: &'a mut Workspace,
    }
    impl EachKind for Lists<'_> {
        fn kind<R: Record>(&mut self) {
            let [b, o, t] = self.sides.map(R::list);
            *R::list_mut(self.out) = self.m.list(R::KIND, b, o, t, R::id);
        }
    }
    each_kind(&mut Lists {
        m: &mut m,
        sides: [base, ours, theirs],
        out: &mut out,
    });
    out.review_actions = merge_set(
        &base.review_actions,
        &ours.review_actions,
        &theirs.review_actions,
    );
    out.drafts = m.list("draft", &base.drafts, &ours.drafts, &theirs.drafts, |d| {
        d.partner.0
    });
    out.snoozes = super::snooze::merge_snoozes(
        &base.snoozes.to_vec(),
        &ours.snoozes.to_vec(),
        &theirs.snoozes.to_vec(),
    )
    .into();
    out.share_settings = super::share::merge_settings(
        &base.share_settings.to_vec(),
        &ours.share_settings.to_vec(),
        &theirs.share_settings.to_vec(),
    )
    .into();
    out.received = super::share::merge_received(
        &base.received.to_vec(),
        &ours.received.to_vec(),
        &theirs.received.to_vec(),
    )
    .into();
    out.ingested = super::ingested::merge_ingested(
        &base.ingested.to_vec(),
        &ours.ingested.to_vec(),
        &theirs.ingested.to_vec(),
    )
    .into();
    out.members = super::authors::merge_members(
        &base.members.to_vec(),
        &ours.members.to_vec(),
        &theirs.members.to_vec(),
    )
    .into();
    keep_referenced(base, ours, theirs, &mut out, &mut m);
    // A kept record's deletion says what came back with it.
    for c in &mut m.conflicts {
        let Some(list) = ListKind::named(&c.kind) else {
            continue;
        };
        let given = given_ours
            .get(&(list, c.id))
            .or(given_theirs.get(&(list, c.id)));
        if let (Some(n), "(deleted)") = (given, c.field.as_str()) {
            for side in [&mut c.ours, &mut c.theirs] {
                if side == "deleted" {
                    *side = format!(
                        "deleted (with {} linked to it: they stay until this is decided)",
                        crate::words::count(*n, "record")
                    );
                }
            }
        }
    }
    // Earlier conflicts stay until decided (once each, whichever side was ours when they were
    // found), then the new ones.
    out.conflicts = merge_conflicts(&base.conflicts, &ours.conflicts, &theirs.conflicts);
    for c in &m.conflicts {
        if !out.conflicts.iter().any(|o| same_conflict(o, c)) {
            out.conflicts.push(c.clone());
        }
    }
    out.normalize();
    let again = settle(base, ours, theirs, &mut out);
    hold_ours(&mut out);
    // What this merge found: its own conflicts the result still holds, and decisions that
    // disagree.
    let mut new_conflicts: Vec<MergeConflict> = m
        .conflicts
        .into_iter()
        .filter(|c| out.conflicts.iter().any(|o| same_conflict(o, c)))
        .collect();
    new_conflicts.extend(again);
    Merged {
        workspace: out,
        new_conflicts,
    }
}

#[derive(Default)]
struct Merger {
    conflicts: Vec<MergeConflict>,
    /// Who made each side as a whole.
    sides: Sides,
    /// Who made each side of the record being merged (its authors), when it says.
    record_sides: [Option<Touch>; 2],
}

/// The last change of a record given as JSON: its last change, else who added it on the day
/// its id was made.
fn touch_of(record: &Value, id: u64) -> Option<Touch> {
    let authors: Authors = serde_json::from_value(record.get("authors")?.clone()).ok()?;
    authors.changed.or_else(|| {
        Some(Touch {
            by: authors.by?,
            on: super::ids::made_on(id)?,
        })
    })
}

/// [`touch_of`] a record.
fn touch_of_record<T: Serialize>(record: &T, id: u64) -> Option<Touch> {
    touch_of(&serde_json::to_value(record).ok()?, id)
}

impl Merger {
    fn conflict(&mut self, kind: &str, id: u64, field: &str, b: String, o: String, t: String) {
        let [ours_by, theirs_by] = self.record_sides.clone();
        self.conflicts.push(MergeConflict {
            kind: kind.into(),
            id,
            field: field.into(),
            base: b,
            ours: o,
            theirs: t,
            ours_by: ours_by.or_else(|| self.sides.ours.clone()),
            theirs_by: theirs_by.or_else(|| self.sides.theirs.clone()),
        });
    }

    /// The authors of the record about to be in conflict, each side's when it has one.
    fn sides_of<T: Serialize>(&mut self, id: u64, ours: Option<&T>, theirs: Option<&T>) {
        self.record_sides = [
            ours.and_then(|r| touch_of_record(r, id)),
            theirs.and_then(|r| touch_of_record(r, id)),
        ];
    }

    fn profile(&mut self, base: &Profile, ours: &Profile, theirs: &Profile) -> Profile {
        self.record("profile", 0, base, ours, theirs)
    }

    /// One record changed on both sides: field by field.
    fn record<T: Serialize + DeserializeOwned + Clone + PartialEq>(
        &mut self,
        kind: &str,
        id: u64,
        base: &T,
        ours: &T,
        theirs: &T,
    ) -> T {
        if ours == base || ours == theirs {
            return theirs.clone();
        }
        if theirs == base {
            return ours.clone();
        }
        let (Ok(Value::Object(b)), Ok(Value::Object(o)), Ok(Value::Object(t))) = (
            serde_json::to_value(base),
            serde_json::to_value(ours),
            serde_json::to_value(theirs),
        ) else {
            self.sides_of(id, Some(ours), Some(theirs));
            self.conflict(
                kind,
                id,
                "(record)",
                ron_text(base),
                ron_text(ours),
                ron_text(theirs),
            );
            return ours.clone();
        };
        self.record_sides = [
            touch_of(&Value::Object(o.clone()), id),
            touch_of(&Value::Object(t.clone()), id),
        ];
        let mut merged = o.clone();
        let keys: Vec<String> = o
            .keys()
            .chain(t.keys().filter(|k| !o.contains_key(*k)))
            .cloned()
            .collect();
        for key in keys {
            let (bv, ov, tv) = (
                b.get(&key).unwrap_or(&Value::Null),
                o.get(&key).unwrap_or(&Value::Null),
                t.get(&key).unwrap_or(&Value::Null),
            );
            let value = if ov == tv || tv == bv {
                ov.clone()
            } else if ov == bv {
                tv.clone()
            } else if key == "authors" {
                let read = |v: &Value| Authors::deserialize(v).unwrap_or_default();
                serde_json::to_value(super::authors::merge_authors(&read(ov), &read(tv)))
                    .unwrap_or(Value::Null)
            } else if SET_FIELDS.contains(&key.as_str()) {
                Value::Array(merge_values(&as_list(bv), &as_list(ov), &as_list(tv)))
            } else if key == "contacts" {
                self.contacts(kind, id, bv, ov, tv)
            } else {
                self.conflict(
                    kind,
                    id,
                    &key,
                    value_text(bv),
                    value_text(ov),
                    value_text(tv),
                );
                ov.clone()
            };
            merged.insert(key, value);
        }
        serde_json::from_value(Value::Object(merged)).unwrap_or_else(|_| {
            self.sides_of(id, Some(ours), Some(theirs));
            self.conflict(
                kind,
                id,
                "(record)",
                ron_text(base),
                ron_text(ours),
                ron_text(theirs),
            );
            ours.clone()
        })
    }

    /// Contacts, matched by email (else name), each merged field by field.
    fn contacts(&mut self, kind: &str, id: u64, b: &Value, o: &Value, t: &Value) -> Value {
        let key = |c: &Value| {
            let email = c.get("email").and_then(Value::as_str).unwrap_or("");
            let name = c.get("name").and_then(Value::as_str).unwrap_or("");
            if email.is_empty() {
                format!("name:{}", name.to_lowercase())
            } else {
                format!("email:{}", email.to_lowercase())
            }
        };
        let index = |v: &Value| -> Vec<(String, Value)> {
            as_list(v).into_iter().map(|c| (key(&c), c)).collect()
        };
        let (bl, ol, tl) = (index(b), index(o), index(t));
        let find =
            |l: &[(String, Value)], k: &str| l.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
        let mut keys: Vec<String> = Vec::new();
        for (k, _) in ol.iter().chain(&tl) {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        let mut out = Vec::new();
        for k in keys {
            let (bv, ov, tv) = (find(&bl, &k), find(&ol, &k), find(&tl, &k));
            match (bv, ov, tv) {
                (_, Some(o), Some(t)) if o == t => out.push(o),
                (Some(b), Some(o), Some(t)) if b == o => out.push(t),
                (Some(b), Some(o), Some(t)) if b == t => out.push(o),
                (Some(b), Some(o), Some(t)) => {
                    let field = format!("contacts[{}]", k.split_once(':').map_or("", |x| x.1));
                    self.conflict(
                        kind,
                        id,
                        &field,
                        value_text(&b),
                        value_text(&o),
                        value_text(&t),
                    );
                    out.push(o);
                }
                // Removed on one side, unchanged on the other: removed.
                (Some(b), Some(o), None) if b == o => {}
                (Some(b), None, Some(t)) if b == t => {}
                // Removed on one side, changed on the other: kept, with a conflict.
                (Some(b), Some(o), None) => {
                    let field = format!("contacts[{}]", k.split_once(':').map_or("", |x| x.1));
                    self.conflict(
                        kind,
                        id,
                        &field,
                        value_text(&b),
                        value_text(&o),
                        "None".into(),
                    );
                    out.push(o);
                }
                (Some(b), None, Some(t)) => {
                    let field = format!("contacts[{}]", k.split_once(':').map_or("", |x| x.1));
                    self.conflict(
                        kind,
                        id,
                        &field,
                        value_text(&b),
                        "None".into(),
                        value_text(&t),
                    );
                    out.push(t);
                }
                // Added on one side.
                (None, Some(v), None) | (None, None, Some(v)) => out.push(v),
                (None, Some(o), Some(t)) => {
                    let field = format!("contacts[{}]", k.split_once(':').map_or("", |x| x.1));
                    self.conflict(
                        kind,
                        id,
                        &field,
                        "None".into(),
                        value_text(&o),
                        value_text(&t),
                    );
                    out.push(o);
                }
                (_, None, None) => {}
            }
        }
        Value::Array(out)
    }

    /// One list of records, by id (each record's sides named in its conflicts only).
    fn list<T: Serialize + DeserializeOwned + Clone + PartialEq>(
        &mut self,
        kind: &str,
        base: &List<T>,
        ours: &List<T>,
        theirs: &List<T>,
        id: impl Fn(&T) -> u64,
    ) -> List<T> {
        let index = |l: &List<T>| -> FxHashMap<u64, usize> {
            l.iter().enumerate().map(|(i, r)| (id(r), i)).collect()
        };
        let (bi, oi, ti) = (index(base), index(ours), index(theirs));
        let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
        for o in ours.iter() {
            self.record_sides = Default::default();
            let k = id(o);
            match (
                bi.get(&k).map(|&i| &base[i]),
                ti.get(&k).map(|&i| &theirs[i]),
            ) {
                (Some(b), Some(t)) => out.push(self.record(kind, k, b, o, t)),
                // Added on our side only.
                (None, None) => out.push(o.clone()),
                // Deleted by them: gone if we did not change it, else kept with a conflict.
                (Some(b), None) => {
                    if o != b {
                        self.sides_of(k, Some(o), None);
                        self.conflict(
                            kind,
                            k,
                            "(deleted)",
                            ron_text(b),
                            ron_text(o),
                            "deleted".into(),
                        );
                        out.push(o.clone());
                    }
                }
                // The same id added on both sides (the ids were separated before, so these
                // are equal records, or a draft of the same partner).
                (None, Some(t)) => {
                    if o != t {
                        self.sides_of(k, Some(o), Some(t));
                        self.conflict(
                            kind,
                            k,
                            "(added twice)",
                            "None".into(),
                            ron_text(o),
                            ron_text(t),
                        );
                    }
                    out.push(o.clone());
                }
            }
        }
        for t in theirs {
            self.record_sides = Default::default();
            let k = id(t);
            if oi.contains_key(&k) {
                continue;
            }
            match bi.get(&k).map(|&i| &base[i]) {
                None => out.push(t.clone()),
                Some(b) => {
                    if t != b {
                        self.sides_of(k, None, Some(t));
                        self.conflict(
                            kind,
                            k,
                            "(deleted)",
                            ron_text(b),
                            "deleted".into(),
                            ron_text(t),
                        );
                        out.push(t.clone());
                    }
                }
            }
        }
        self.record_sides = Default::default();
        out.into()
    }
}

/// The conflicts: what either side found, less what either side decided (a conflict is the
/// same whichever side was ours when it was found: [`same_conflict`]).
fn merge_conflicts(
    base: &List<MergeConflict>,
    ours: &List<MergeConflict>,
    theirs: &List<MergeConflict>,
) -> List<MergeConflict> {
    let has = |l: &List<MergeConflict>, c: &MergeConflict| l.iter().any(|x| same_conflict(x, c));
    let mut out: Vec<MergeConflict> = Vec::new();
    for c in ours.iter().chain(theirs) {
        let decided = has(base, c) && (!has(ours, c) || !has(theirs, c));
        if !decided && !out.iter().any(|x| same_conflict(x, c)) {
            out.push(c.clone());
        }
    }
    out.into()
}

/// A set-like list: what either side added, less what either side removed; our order first.
fn merge_set<T: Clone + PartialEq>(base: &List<T>, ours: &List<T>, theirs: &List<T>) -> List<T> {
    merge_values(&base.to_vec(), &ours.to_vec(), &theirs.to_vec()).into()
}

/// [`merge_set`] of plain values.
fn merge_values<T: Clone + PartialEq>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for x in ours.iter().chain(theirs) {
        let removed = base.contains(x) && (!ours.contains(x) || !theirs.contains(x));
        if !removed && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// No reference dangles: a partner, goal or milestone one side deleted while the other still
/// refers to it (it added or changed such records) comes back, with a conflict; links to
/// records that are gone are dropped, as the dashboard's delete does.
fn keep_referenced(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
    out: &mut Workspace,
    m: &mut Merger,
) {
    // The newest version of a deleted record: the side that still has it, else the base.
    let from = |list: ListKind, id: u64| -> (&Workspace, bool) {
        if has_record(ours, list, id) {
            (ours, true)
        } else if has_record(theirs, list, id) {
            (theirs, false)
        } else {
            (base, false)
        }
    };
    loop {
        // What the records refer to and is not there: their partners and their links.
        struct Missing<'a> {
            out: &'a Workspace,
            alive: Ids,
            missing: Vec<(ListKind, u64)>,
        }
        impl Missing<'_> {
            fn need(&mut self, list: ListKind, id: u64) {
                if !self.alive.has(list, id) && !self.missing.contains(&(list, id)) {
                    self.missing.push((list, id));
                }
            }
        }
        impl EachKind for Missing<'_> {
            fn kind<R: Record>(&mut self) {
                for r in R::list(self.out) {
                    if R::LIST != ListKind::Partners {
                        self.need(ListKind::Partners, r.partner().0);
                    }
                    r.links(&mut |list, id| self.need(list, id));
                }
            }
        }
        let mut look = Missing {
            out,
            alive: Ids::linked(out, &[]),
            missing: Vec::new(),
        };
        each_kind(&mut look);
        for d in &out.drafts {
            look.need(ListKind::Partners, d.partner.0);
        }
        let missing = look.missing;
        if missing.is_empty() {
            break;
        }
        let mut restored = false;
        for (list, id) in missing {
            let (ws, ours_side) = from(list, id);
            let (o, t) = if ours_side {
                (
                    "kept: records refer to it".to_string(),
                    "deleted".to_string(),
                )
            } else {
                (
                    "deleted".to_string(),
                    "kept: records refer to it".to_string(),
                )
            };
            restored |= restore(ws, out, list, id);
            m.conflict(list.kind(), id, "(deleted)", "present".into(), o, t);
        }
        out.normalize();
        if !restored {
            // Nothing to bring back from anywhere: the references go instead (below).
            break;
        }
    }
    // Whatever still points at a record that is gone goes with it, as the dashboard's delete
    // does.
    out.drop_dangling();
}

/// Whether `ws` holds the record with this id in the list `list` (looked for one by one: a
/// merge's lists may not be in order yet).
fn has_record(ws: &Workspace, list: ListKind, id: u64) -> bool {
    struct Has<'a>(&'a Workspace, ListKind, u64, bool);
    impl EachKind for Has<'_> {
        fn kind<R: Record>(&mut self) {
            if R::LIST == self.1 {
                self.3 = R::list(self.0).iter().any(|r| r.id() == self.2);
            }
        }
    }
    let mut has = Has(ws, list, id, false);
    each_kind(&mut has);
    has.3
}

/// Copies the record with this id in the list `list` from `from` to the end of `out`'s list;
/// whether `from` has it.
fn restore(from: &Workspace, out: &mut Workspace, list: ListKind, id: u64) -> bool {
    struct Restore<'a>(&'a Workspace, &'a mut Workspace, ListKind, u64, bool);
    impl EachKind for Restore<'_> {
        fn kind<R: Record>(&mut self) {
            if R::LIST != self.2 {
                return;
            }
            if let Some(r) = R::list(self.0).iter().find(|r| r.id() == self.3) {
                R::list_mut(self.1).push(r.clone());
                self.4 = true;
            }
        }
    }
    let mut restore = Restore(from, out, list, id, false);
    each_kind(&mut restore);
    restore.4
}

/// Puts `theirs` of a conflict into the workspace (the record holds ours until then) and drops
/// the conflict. Errors leave the workspace as it was.
pub fn take_theirs(ws: &mut Workspace, i: usize) -> Result<(), TheirsError> {
    let c = ws
        .conflicts
        .get(i)
        .cloned()
        .ok_or(TheirsError::NoSuchConflict)?;
    let mut out = ws.clone();
    out.conflicts.remove(i);
    match c.kind.as_str() {
        "profile" => out.profile = set_field(&out.profile, &c.field, &c.theirs)?,
        other => {
            // The kind named by the conflict (`Record::KIND`).
            struct Take<'a>(
                &'a mut Workspace,
                &'a MergeConflict,
                Option<Result<(), TheirsError>>,
            );
            impl EachKind for Take<'_> {
                fn kind<R: Record>(&mut self) {
                    if R::KIND == self.1.kind {
                        self.2 = Some(take_in_list::<R>(self.0, self.1));
                    }
                }
            }
            let mut take = Take(&mut out, &c, None);
            each_kind(&mut take);
            match take.2 {
                Some(taken) => taken?,
                None => {
                    return Err(TheirsError::Kind(other.to_string()));
                }
            }
        }
    }
    // A deletion may leave references behind: cut them as the dashboard's delete does.
    out.drop_dangling();
    out.normalize();
    *ws = out;
    Ok(())
}

/// [`take_theirs`] for a conflict on a record of kind `R`.
fn take_in_list<R: Record>(out: &mut Workspace, c: &MergeConflict) -> Result<(), TheirsError> {
    let at = R::list(out).iter().position(|r| r.id() == c.id);
    match c.field.as_str() {
        "(deleted)" if c.theirs.starts_with("deleted") => {
            if R::LIST == ListKind::Partners {
                out.remove_partner(PartnerId(c.id));
            } else if let Some(at) = at {
                R::list_mut(out).remove(at);
            }
        }
        "(deleted)" | "(added twice)" | "(record)" => {
            if let Ok(record) = ron::from_str::<R>(&c.theirs) {
                let list = R::list_mut(out);
                match at {
                    Some(at) => list[at] = record,
                    None => list.push(record),
                }
            } else if c.theirs.starts_with("kept") {
                // Their side kept it (records refer to it): it is already here.
            } else {
                return Err(TheirsError::Unreadable {
                    kind: c.kind.clone(),
                    id: c.id,
                });
            }
        }
        field => {
            let at = at.ok_or_else(|| TheirsError::Gone {
                kind: c.kind.clone(),
                id: c.id,
            })?;
            let list = R::list_mut(out);
            list[at] = set_field(&list[at], field, &c.theirs)?;
        }
    }
    Ok(())
}

/// One line for a conflict: the record, the field, both values and the base's (each cut).
pub fn describe(c: &MergeConflict) -> String {
    let what = if c.id == 0 {
        c.kind.clone()
    } else {
        format!("{} #{}", c.kind, super::ids::short(c.id))
    };
    let short = |s: &str| crate::text::excerpt(s, 60);
    format!(
        "{what} {}: ours {} · theirs {} (was {})",
        c.field,
        short(&c.ours),
        short(&c.theirs),
        short(&c.base)
    )
}
