//! Every change made through the document is signed ([`stamp`]): a record added names who added
//! it (and a new partner, when it has no owner yet, is theirs to look after), a record
//! changed names who changed it and on which day, and the member is added to the file's team the
//! first time they change it. Changes the document did not make (a reload, a merge, an undo)
//! keep the authors they carry.
//!
//! Who signs is the document's author ([`super::Document::set_author`]), by default the
//! process's: the binary names how to find it ([`set_process_author`]) and it is worked out
//! once, when a change first needs it.

use crate::model::{Delta, EachKind, Identity, Member, Record, Touch, Workspace, each_kind};
use chrono::NaiveDate;
use std::sync::OnceLock;

type Resolver = Box<dyn Fn() -> Option<Identity> + Send + Sync>;

static RESOLVER: OnceLock<Resolver> = OnceLock::new();
static AUTHOR: OnceLock<Option<Identity>> = OnceLock::new();

/// Names how this process finds who is making changes (once; later calls are ignored). Without
/// it (a library's user, a test), changes are not signed.
pub fn set_process_author(find: impl Fn() -> Option<Identity> + Send + Sync + 'static) {
    let _ = RESOLVER.set(Box::new(find));
}

/// The process's author, worked out on first use.
pub fn process_author() -> Option<Identity> {
    AUTHOR
        .get_or_init(|| RESOLVER.get().and_then(|find| find()))
        .clone()
}

/// Signs the change from `old` to `new` (see the module's notes). `delta` is what changed, when
/// known; otherwise it is found here.
pub fn stamp(
    old: &Workspace,
    new: &mut Workspace,
    delta: Option<&Delta>,
    who: &Identity,
    today: NaiveDate,
) {
    let found;
    let delta = match delta {
        Some(d) => d,
        None => match Delta::between(old, new, usize::MAX) {
            Some(d) => {
                found = d;
                &found
            }
            None => return,
        },
    };
    let key = who.key();
    struct Sign<'a> {
        old: &'a Workspace,
        new: &'a mut Workspace,
        delta: &'a Delta,
        key: &'a str,
        today: NaiveDate,
        signed: bool,
    }
    impl EachKind for Sign<'_> {
        fn kind<R: Record>(&mut self) {
            let d = self.delta.list(R::LIST);
            let list = R::list_mut(self.new);
            for &at in &d.added {
                if let Some(r) = list.get_mut(at) {
                    let a = r.authors_mut();
                    if a.by.is_none() {
                        a.by = Some(self.key.to_string());
                    }
                    own(r, None, self.key);
                    self.signed = true;
                }
            }
            let old_list = R::list(self.old);
            for &(was, at) in &d.changed {
                let before = old_list.get(was);
                if let Some(r) = list.get_mut(at) {
                    // A change never loses who added the record (a form that builds the
                    // record afresh does not carry its authors).
                    if r.authors().by.is_none()
                        && let Some(by) = before.and_then(|b| b.authors().by.clone())
                    {
                        r.authors_mut().by = Some(by);
                    }
                    // A change of nothing but who changed it (an undo of a stamp) stays as is.
                    if before.is_some_and(|b| same_but_authors(b, r)) {
                        continue;
                    }
                    r.authors_mut().changed = Some(Touch {
                        by: self.key.to_string(),
                        on: self.today,
                    });
                    own(r, before, self.key);
                    self.signed = true;
                }
            }
        }
    }
    let mut sign = Sign {
        old,
        new,
        delta,
        key: &key,
        today,
        signed: false,
    };
    each_kind(&mut sign);
    let signed = sign.signed || delta.profile || delta.rest;
    if signed && new.member(&key).is_none() {
        let mut members = new.members.to_vec();
        members.push(Member {
            key: key.clone(),
            ..who.member()
        });
        members.sort();
        new.members = members.into();
    }
}

/// Whether two versions of a record differ only in their authors.
fn same_but_authors<R: Record>(a: &R, b: &R) -> bool {
    if a.authors() == b.authors() {
        return a == b;
    }
    let mut a = a.clone();
    *a.authors_mut() = b.authors().clone();
    &a == b
}

/// Gives a new partner an owner when it has none: whoever adds it (a follow-up or one of our
/// commitments needs none: it is whoever added it's unless assigned, see `model::authors`).
///
/// A follow-up or commitment assigned to whoever added its record is theirs by default: the
/// owner is left out (the file says it only when it differs).
fn own<R: Record>(r: &mut R, before: Option<&R>, key: &str) {
    let any = r as &mut dyn std::any::Any;
    if let Some(p) = any.downcast_mut::<crate::model::Partner>() {
        if before.is_none() && p.owner.is_none() {
            p.owner = Some(key.to_string());
        }
    } else if let Some(x) = any.downcast_mut::<crate::model::Interaction>() {
        let by = x.authors.by.clone();
        if let Some(f) = x.follow_up.as_mut()
            && f.owner.is_some()
            && f.owner == by
        {
            f.owner = None;
        }
    } else if let Some(c) = any.downcast_mut::<crate::model::Commitment>()
        && c.owner.is_some()
        && c.owner == c.authors.by
    {
        c.owner = None;
    }
}
