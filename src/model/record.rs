//! The `Record` trait: what every kind of record the workspace keeps in a list by id has in
//! common (its id, its partner, its name in messages, the list it lives in, its links to other
//! records, the texts a search finds it by), the one list of the kinds (`kinds!`) and each
//! kind's implementation (`record!`). Code that works on "a record" — adding or replacing one,
//! finding one, deleting one with what goes with it, telling what changed between two versions
//! ([`super::delta`]) — is written once against it.

use super::list::List;
use super::shift::{shift_date, shift_opt, shift_time};
use super::*;

/// A record kept in one of the workspace's id-sorted lists.
///
/// Everything that differs by kind is declared here, so that adding a kind means its struct,
/// its id type, its list in [`Workspace`], one line in `kinds!` and one `record!` below: the
/// compiler then points at every `match` over [`ListKind`] and every [`Visit`] still to
/// cover it, and every generic operation (upsert, remove, the delete cascade, id remapping,
/// dangling links, merges, search, parallel parsing) covers it by itself.
pub trait Record:
    Clone + PartialEq + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static
{
    /// The kind, as messages and merge conflicts name it ("goal", "log entry").
    const KIND: &'static str;
    /// The kind counted in the plural ("goals", "log entries").
    const PLURAL: &'static str;
    /// Which list it is, for [`super::delta::Delta`].
    const LIST: ListKind;
    /// The name of its list in the file (`goals`, `interactions`).
    const FIELD: &'static str;
    /// The lists its links ([`Record::links`]) point into.
    const LINKS: &'static [ListKind];
    /// The field that names it in the file (`name`, `title`, `summary`…).
    const TITLE_FIELD: &'static str;
    /// What people call it: a partner's name, a goal's title, a log entry's summary, "review of
    /// 2026-12-01"…
    fn title(&self) -> String;
    /// The date or time a partner's records of this kind are ordered by (a goal's start, a
    /// milestone's or commitment's due date, a log entry's time…).
    type When: Ord + Copy;
    fn when(&self) -> Self::When;
    fn id(&self) -> u64;
    fn set_id(&mut self, id: u64);
    /// The partner it belongs to (a partner belongs to itself). A record goes with its partner
    /// when the partner is deleted.
    fn partner(&self) -> PartnerId;
    /// Who added it and who changed it last.
    fn authors(&self) -> &super::Authors;
    fn authors_mut(&mut self) -> &mut super::Authors;
    fn list(ws: &Workspace) -> &List<Self>;
    fn list_mut(ws: &mut Workspace) -> &mut List<Self>;
    /// Hands the record to the visitor's method for its kind (for what differs by kind, such
    /// as validation).
    fn visit(&self, v: &mut impl Visit);
    /// Calls `f` with each link it holds to another record besides its partner: the list the
    /// linked record is in, and its id (a milestone's goal, a celebration's milestone). Links
    /// are optional: when the linked record is deleted, the link is cleared ([`Record::unlink`])
    /// and the record stays.
    fn links(&self, f: &mut impl FnMut(ListKind, u64));
    /// Clears the links for which `gone(list, id)` holds.
    fn unlink(&mut self, gone: impl Fn(ListKind, u64) -> bool);
    /// Gives every id it holds (its own, its partner's, its links') through `to`.
    fn remap_ids(&mut self, to: &impl Fn(u64) -> u64);
    /// How a search finds it: calls `found(fields, shown)` once for each piece of it that is
    /// matched on its own (a partner's name, notes, aim, each contact…). `fields` are the texts
    /// matched, each with the name a hit on it is labelled with ("contact email"); `shown` is
    /// the text a hit shows.
    fn texts(&self, found: &mut impl FnMut(&[(&'static str, &str)], &str));
    /// Moves every date and time it holds by `days` ([`Workspace::shift_dates`]).
    fn shift_dates(&mut self, days: i64);

    /// Whether one of its links names a record for which `to(list, id)` holds.
    fn links_to(&self, to: impl Fn(ListKind, u64) -> bool) -> bool {
        let mut any = false;
        self.links(&mut |list, id| any |= to(list, id));
        any
    }
}

/// What is done to a record, one method per kind ([`Record::visit`]).
pub trait Visit {
    fn partner(&mut self, r: &Partner);
    fn goal(&mut self, r: &Goal);
    fn milestone(&mut self, r: &Milestone);
    fn interaction(&mut self, r: &Interaction);
    fn commitment(&mut self, r: &Commitment);
    fn review(&mut self, r: &Review);
    fn celebration(&mut self, r: &Celebration);
}

/// The one list of the kinds of record: makes [`ListKind`] (with `ALL`, `COUNT`) and
/// [`each_kind`] from it, so that they cannot disagree. A kind added here and not implemented
/// (`record!` below) does not compile.
macro_rules! kinds {
    ($($which:ident => $ty:ty),* $(,)?) => {
        /// The lists of records, in file order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ListKind {
            $($which,)*
        }

        impl ListKind {
            /// Every list, in file order (`ALL[k as usize] == k`).
            pub const ALL: [ListKind; ListKind::COUNT] = [$(ListKind::$which),*];
            /// How many kinds of record there are.
            pub const COUNT: usize = [$(ListKind::$which),*].len();
        }

        /// Calls `v` for every kind of record, in file order: partners, goals, milestones, log
        /// entries, commitments, reviews, celebrations.
        pub fn each_kind(v: &mut impl EachKind) {
            $(v.kind::<$ty>();)*
        }

        // Every kind's `Record::LIST` is its own list.
        $(const _: () = assert!(matches!(<$ty as Record>::LIST, ListKind::$which));)*
    };
}

kinds! {
    Partners => Partner,
    Goals => Goal,
    Milestones => Milestone,
    Interactions => Interaction,
    Commitments => Commitment,
    Reviews => Review,
    Celebrations => Celebration,
}

impl ListKind {
    /// The list whose records are of this kind ([`Record::KIND`]).
    pub fn named(kind: &str) -> Option<ListKind> {
        ListKind::ALL.into_iter().find(|l| l.kind() == kind)
    }

    /// The kind of the records in this list ([`Record::KIND`]: "goal", "log entry").
    pub fn kind(self) -> &'static str {
        struct Name(ListKind, &'static str);
        impl EachKind for Name {
            fn kind<R: Record>(&mut self) {
                if R::LIST == self.0 {
                    self.1 = R::KIND;
                }
            }
        }
        let mut name = Name(self, "");
        each_kind(&mut name);
        name.1
    }
}

/// Implements [`Record`] for one kind:
/// `record!(Type, IdType, "kind", "kinds", list_field, ListKind, visit_method, { ... })` with,
/// in the braces, `partner:` the field naming its partner (`id` for a partner), `when:` the
/// field it is ordered by and its type, `links:` its optional links as `field => ListKind`,
/// `title:` the field that names it and what people call it ([`Record::title`]),
/// `texts:` how a search finds it (see [`Record::texts`]) and `shift:` how its dates move
/// ([`Record::shift_dates`]).
macro_rules! record {
    ($ty:ty, $id:ident, $kind:literal, $plural:literal, $list:ident, $which:ident, $visit:ident, {
        partner: $partner:ident,
        when: $when:ident: $when_ty:ty,
        links: [$($link:ident => $to:ident),*],
        title: $tfield:ident => |$tr:ident| $title:expr,
        texts: |$r:ident, $found:ident| $texts:block,
        shift: |$sr:ident, $days:ident| $shift:block $(,)?
    }) => {
        impl Record for $ty {
            const KIND: &'static str = $kind;
            const PLURAL: &'static str = $plural;
            const LIST: ListKind = ListKind::$which;
            const FIELD: &'static str = stringify!($list);
            const LINKS: &'static [ListKind] = &[$(ListKind::$to),*];
            const TITLE_FIELD: &'static str = stringify!($tfield);
            type When = $when_ty;
            fn title(&self) -> String {
                let $tr = self;
                $title
            }
            fn when(&self) -> $when_ty {
                self.$when
            }
            fn id(&self) -> u64 {
                self.id.0
            }
            fn set_id(&mut self, id: u64) {
                self.id = $id(id);
            }
            fn partner(&self) -> PartnerId {
                PartnerId(self.$partner.0)
            }
            fn authors(&self) -> &super::Authors {
                &self.authors
            }
            fn authors_mut(&mut self) -> &mut super::Authors {
                &mut self.authors
            }
            fn list(ws: &Workspace) -> &List<Self> {
                &ws.$list
            }
            fn list_mut(ws: &mut Workspace) -> &mut List<Self> {
                &mut ws.$list
            }
            fn visit(&self, v: &mut impl Visit) {
                v.$visit(self)
            }
            #[allow(unused_variables)]
            fn links(&self, f: &mut impl FnMut(ListKind, u64)) {
                $(if let Some(to) = self.$link {
                    f(ListKind::$to, to.0);
                })*
            }
            #[allow(unused_variables)]
            fn unlink(&mut self, gone: impl Fn(ListKind, u64) -> bool) {
                $(if self.$link.is_some_and(|to| gone(ListKind::$to, to.0)) {
                    self.$link = None;
                })*
            }
            fn remap_ids(&mut self, to: &impl Fn(u64) -> u64) {
                // Read both before writing either: a partner's `partner` is its `id`.
                let (id, partner) = (to(self.id.0), to(self.$partner.0));
                self.id.0 = id;
                self.$partner.0 = partner;
                $(if let Some(l) = &mut self.$link {
                    l.0 = to(l.0);
                })*
            }
            fn texts(&self, $found: &mut impl FnMut(&[(&'static str, &str)], &str)) {
                let $r = self;
                $texts
            }
            fn shift_dates(&mut self, $days: i64) {
                let $sr = self;
                $shift
            }
        }
    };
}

type Date = chrono::NaiveDate;
record!(Partner, PartnerId, "partner", "partners", partners, Partners, partner, {
    partner: id,
    when: since: Date,
    links: [],
    title: name => |r| r.name.clone(),
    texts: |r, found| {
        found(&[("partner", &r.name)], &r.name);
        found(&[("notes", &r.notes)], &r.notes);
        found(&[("aim", &r.aim)], &r.aim);
        for c in &r.contacts {
            let fields = [
                ("contact", c.name.as_str()),
                ("contact role", c.role.as_str()),
                ("contact email", c.email.as_str()),
                ("contact phone", c.phone.as_str()),
            ];
            let line = fields
                .iter()
                .map(|(_, t)| *t)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            found(&fields, &line);
        }
    },
    shift: |r, days| {
        shift_date(&mut r.since, days);
    },
});
record!(Goal, GoalId, "goal", "goals", goals, Goals, goal, {
    partner: partner,
    when: start: Date,
    links: [],
    title: title => |r| r.title.clone(),
    texts: |r, found| {
        found(&[("goal", &r.title)], &r.title);
    },
    shift: |r, days| {
        shift_date(&mut r.start, days);
        shift_opt(&mut r.due, days);
    },
});
record!(Milestone, MilestoneId, "milestone", "milestones", milestones, Milestones, milestone, {
    partner: partner,
    when: due: Date,
    links: [goal => Goals],
    title: title => |r| r.title.clone(),
    texts: |r, found| {
        found(&[("milestone", &r.title)], &r.title);
    },
    shift: |r, days| {
        shift_date(&mut r.due, days);
        shift_opt(&mut r.done, days);
    },
});
record!(Interaction, InteractionId, "log entry", "log entries", interactions, Interactions,
    interaction, {
    partner: partner,
    when: at: chrono::NaiveDateTime,
    links: [],
    title: summary => |r| r.summary.clone(),
    texts: |r, found| {
        found(&[("log entry", &r.summary)], &r.summary);
        if let Some(f) = &r.follow_up {
            found(&[("follow-up", &f.what)], &f.what);
        }
    },
    shift: |r, days| {
        shift_time(&mut r.at, days);
        if let Some(f) = &mut r.follow_up {
            shift_date(&mut f.due, days);
            shift_opt(&mut f.done, days);
        }
    },
});
record!(Commitment, CommitmentId, "commitment", "commitments", commitments, Commitments,
    commitment, {
    partner: partner,
    when: due: Date,
    links: [],
    title: what => |r| r.what.clone(),
    texts: |r, found| {
        found(&[("commitment", &r.what)], &r.what);
    },
    shift: |r, days| {
        shift_date(&mut r.due, days);
        if let Some(o) = &mut r.outcome {
            match o {
                Outcome::Kept(d) | Outcome::Missed(d) => shift_date(d, days),
            }
        }
    },
});
record!(Review, ReviewId, "review", "reviews", reviews, Reviews, review, {
    partner: partner,
    when: date: Date,
    links: [],
    title: date => |r| format!("review of {}", r.date),
    texts: |r, found| {
        found(&[("review", &r.feedback)], &r.feedback);
        for p in Practice::ALL {
            let note = &r.ratings.get(*p).note;
            found(&[("review note", note)], note);
        }
    },
    shift: |r, days| {
        shift_date(&mut r.date, days);
        shift_opt(&mut r.next_review, days);
    },
});
record!(Celebration, CelebrationId, "celebration", "celebrations", celebrations, Celebrations,
    celebration, {
    partner: partner,
    when: date: Date,
    links: [milestone => Milestones],
    title: how => |r| r.how.clone(),
    texts: |r, found| {
        found(&[("celebration", &r.how)], &r.how);
    },
    shift: |r, days| {
        shift_date(&mut r.date, days);
    },
});

/// Something done once for each kind of record ([`each_kind`]): the one list of the kinds, so
/// that code over "every kind" is written once, generically.
pub trait EachKind {
    fn kind<R: Record>(&mut self);
}

/// The ids in some of a workspace's lists, to look links up in (the other lists' are left
/// empty).
pub(crate) struct Ids([rustc_hash::FxHashSet<u64>; ListKind::COUNT]);

impl Ids {
    /// The ids of the lists records refer to (partners, and the lists their links point
    /// into: [`Record::LINKS`]), and of the lists in `also`.
    pub(crate) fn linked(ws: &Workspace, also: &[ListKind]) -> Ids {
        struct Targets([bool; ListKind::COUNT]);
        impl EachKind for Targets {
            fn kind<R: Record>(&mut self) {
                for &list in R::LINKS {
                    self.0[list as usize] = true;
                }
            }
        }
        let mut wanted = Targets([false; ListKind::COUNT]);
        for &list in also.iter().chain(&[ListKind::Partners]) {
            wanted.0[list as usize] = true;
        }
        each_kind(&mut wanted);
        struct Collect<'a>(&'a Workspace, [bool; ListKind::COUNT], Ids);
        impl EachKind for Collect<'_> {
            fn kind<R: Record>(&mut self) {
                if self.1[R::LIST as usize] {
                    self.2.0[R::LIST as usize] = R::list(self.0).iter().map(R::id).collect();
                }
            }
        }
        let mut collect = Collect(ws, wanted.0, Ids(Default::default()));
        each_kind(&mut collect);
        collect.2
    }

    pub(crate) fn has(&self, list: ListKind, id: u64) -> bool {
        self.0[list as usize].contains(&id)
    }
}

/// Whether [`Workspace::upsert`] added a record or replaced one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Added(u64),
    Replaced(u64),
}

impl Workspace {
    /// Whether the workspace holds a record of this kind ([`Record::KIND`]) with this id.
    pub fn holds(&self, kind: &str, id: u64) -> bool {
        struct Holds<'a>(&'a Workspace, &'a str, u64, bool);
        impl EachKind for Holds<'_> {
            fn kind<R: Record>(&mut self) {
                self.3 |= R::KIND == self.1 && self.0.find::<R>(self.2).is_some();
            }
        }
        let mut holds = Holds(self, kind, id, false);
        each_kind(&mut holds);
        holds.3
    }

    /// The position of the record with this id in its list.
    pub fn position<R: Record>(&self, id: u64) -> Option<usize> {
        R::list(self).binary_search_by_key(&id, R::id).ok()
    }

    /// The record with this id.
    pub fn find<R: Record>(&self, id: u64) -> Option<&R> {
        let list = R::list(self);
        self.position::<R>(id).map(|i| &list[i])
    }

    /// The record with this id, to change (copies only the chunk that holds it).
    pub fn find_mut<R: Record>(&mut self, id: u64) -> Option<&mut R> {
        let i = self.position::<R>(id)?;
        R::list_mut(self).get_mut(i)
    }

    /// Adds a record (id 0: it gets a fresh id, and goes at the end, ids only growing) or
    /// replaces the record with its id. `None` when it names an id that is not there, or no
    /// ids are left.
    pub fn upsert<R: Record>(&mut self, mut record: R) -> Option<Upserted> {
        if record.id() == 0 {
            let id = self.try_allocate_id().ok()?;
            record.set_id(id);
            R::list_mut(self).push(record);
            return Some(Upserted::Added(id));
        }
        let id = record.id();
        let slot = self.find_mut::<R>(id)?;
        *slot = record;
        Some(Upserted::Replaced(id))
    }

    /// Removes the record with this id (only it: [`Workspace::delete`] takes what goes with
    /// it too).
    pub fn remove<R: Record>(&mut self, id: u64) -> Option<R> {
        let i = self.position::<R>(id)?;
        Some(R::list_mut(self).remove(i))
    }

    /// Deletes the record with this id and what goes with it: a partner takes its records with
    /// it ([`Workspace::remove_partner`]); any other record is unlinked from the records whose
    /// links ([`Record::links`]) name it, which stay. The dashboard's delete does the same
    /// through its index (only the partner's records are looked at).
    pub fn delete<R: Record>(&mut self, id: u64) -> Option<R> {
        if R::LIST == ListKind::Partners {
            let gone = self.find::<R>(id)?.clone();
            self.remove_partner(PartnerId(id));
            return Some(gone);
        }
        let gone = self.remove::<R>(id)?;
        struct Unlink<'a>(&'a mut Workspace, (ListKind, u64));
        impl EachKind for Unlink<'_> {
            fn kind<S: Record>(&mut self) {
                if S::LINKS.contains(&self.1.0) {
                    let target = |list, id| (list, id) == self.1;
                    S::list_mut(self.0).change_where(|r| r.links_to(target), |r| r.unlink(target));
                }
            }
        }
        each_kind(&mut Unlink(self, (R::LIST, id)));
        Some(gone)
    }
}
