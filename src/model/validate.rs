//! Validation of a whole workspace: every problem is reported, each naming the record it is in.

use super::record::{EachKind, ListKind, Record, Visit, each_kind};
use super::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::fmt;

/// One thing wrong with a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The record, e.g. `goal #12 "Co-host the fair"`; empty for the workspace itself.
    pub record: String,
    /// The id of the record, so a caller holding the text can point at its line.
    pub id: Option<u64>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.record.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.record, self.message)
        }
    }
}

struct Checker<'a> {
    ws: &'a Workspace,
    problems: Vec<Problem>,
    seen: HashSet<u64>,
    /// Only some records are checked ([`validate_changes`]): an id is looked up in every list
    /// instead of in `seen`.
    partial: bool,
    /// Every partner's id, for the check every record makes (a set: quicker than a search
    /// down the list each time); empty when only some records are checked.
    partners: HashSet<PartnerId>,
}

impl Checker<'_> {
    fn report(&mut self, kind: &str, id: u64, name: &str, message: impl Into<String>) {
        let record = if name.trim().is_empty() {
            format!("{kind} #{}", super::ids::short(id))
        } else {
            // The user's text, quoted: inert and cut when long.
            let name = crate::text::excerpt(name, crate::text::MESSAGE_VALUE);
            format!("{kind} #{} \"{name}\"", super::ids::short(id))
        };
        self.problems.push(Problem {
            record,
            id: Some(id),
            message: message.into(),
        });
    }

    fn id(&mut self, kind: &str, id: u64, name: &str) {
        if id == 0 {
            self.report(kind, id, name, "id 0 is not allowed; ids start at 1");
        }
        if id > MAX_ID {
            self.report(
                kind,
                id,
                name,
                format!("id {id} is too large (at most {MAX_ID})"),
            );
        }
        let taken = if self.partial {
            self.uses(id) > 1
        } else {
            !self.seen.insert(id)
        };
        if taken {
            self.report(kind, id, name, format!("id {id} is used by another record"));
        }
    }

    fn text(&mut self, kind: &str, id: u64, name: &str, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.report(kind, id, name, format!("{field} must not be empty"));
        }
    }

    fn partner(&mut self, kind: &str, id: u64, name: &str, partner: PartnerId) {
        let known = if self.partial {
            self.ws.partner(partner).is_some()
        } else {
            self.partners.contains(&partner)
        };
        if !known {
            self.report(
                kind,
                id,
                name,
                format!("refers to partner {partner}, which does not exist"),
            );
        }
    }

    fn score(&mut self, kind: &str, id: u64, name: &str, field: &str, score: u8) {
        if !(1..=5).contains(&score) {
            self.report(
                kind,
                id,
                name,
                format!("{field} must be from 1 to 5, not {score}"),
            );
        }
    }

    fn number(&mut self, kind: &str, id: u64, name: &str, field: &str, value: f64) {
        if !value.is_finite() {
            self.report(
                kind,
                id,
                name,
                format!("{field} must be a number, not {value}"),
            );
        }
    }
    fn partner_record(&mut self, p: &Partner) {
        let (k, id, n) = ("partner", p.id.0, p.name.as_str());
        self.id(k, id, n);
        self.text(k, id, n, "name", n);
        if p.cadence.ideal_days == 0 {
            self.report(k, id, n, "ideal contact cadence must be at least 1 day");
        }
        if p.cadence.max_days < p.cadence.ideal_days {
            self.report(
                k,
                id,
                n,
                format!(
                    "maximum days between contacts ({}) is below the ideal ({})",
                    p.cadence.max_days, p.cadence.ideal_days
                ),
            );
        }
        if p.review_interval_days == 0 {
            self.report(k, id, n, "review interval must be at least 1 day");
        }
        for contact in &p.contacts {
            if contact.name.trim().is_empty() {
                self.report(k, id, n, "a contact has an empty name");
            }
        }
    }

    fn goal_record(&mut self, g: &Goal) {
        let (k, id, n) = ("goal", g.id.0, g.title.as_str());
        self.id(k, id, n);
        self.text(k, id, n, "title", n);
        self.partner(k, id, n, g.partner);
        self.number(k, id, n, "baseline", g.baseline);
        self.number(k, id, n, "current", g.current);
        if let Some(t) = g.target {
            self.number(k, id, n, "target", t);
        }
        if let Some(due) = g.due
            && due < g.start
        {
            self.report(
                k,
                id,
                n,
                format!("due date {due} is before its start {}", g.start),
            );
        }
    }

    fn milestone_record(&mut self, m: &Milestone) {
        let (k, id, n) = ("milestone", m.id.0, m.title.as_str());
        self.id(k, id, n);
        self.text(k, id, n, "title", n);
        self.partner(k, id, n, m.partner);
        if let Some(goal) = m.goal {
            match self.ws.goal(goal) {
                None => self.report(
                    k,
                    id,
                    n,
                    format!("refers to goal {goal}, which does not exist"),
                ),
                Some(g) if g.partner != m.partner => self.report(
                    k,
                    id,
                    n,
                    format!("refers to goal {goal}, which belongs to another partner"),
                ),
                Some(_) => {}
            }
        }
    }

    fn interaction_record(&mut self, i: &Interaction) {
        let (k, id, n) = ("log entry", i.id.0, i.summary.as_str());
        self.id(k, id, n);
        self.text(k, id, n, "summary", n);
        self.partner(k, id, n, i.partner);
        if let Some(s) = i.sentiment {
            self.score(k, id, n, "sentiment", s);
        }
        if let Some(f) = &i.follow_up {
            self.text(k, id, n, "follow-up", &f.what);
        }
    }

    fn commitment_record(&mut self, m: &Commitment) {
        let (k, id, n) = ("commitment", m.id.0, m.what.as_str());
        self.id(k, id, n);
        self.text(k, id, n, "what was promised", n);
        self.partner(k, id, n, m.partner);
    }

    fn review_record(&mut self, r: &Review) {
        let (k, id) = ("review", r.id.0);
        let n = r.date.to_string();
        self.id(k, id, &n);
        self.partner(k, id, &n, r.partner);
        for p in Practice::ALL {
            self.score(k, id, &n, p.label(), r.ratings.get(*p).score);
        }
    }

    fn celebration_record(&mut self, e: &Celebration) {
        let (k, id, n) = ("celebration", e.id.0, e.how.as_str());
        self.id(k, id, n);
        self.text(k, id, n, "how it was celebrated", n);
        self.partner(k, id, n, e.partner);
        if let Some(m) = e.milestone {
            match self.ws.milestone(m) {
                None => self.report(
                    k,
                    id,
                    n,
                    format!("refers to milestone {m}, which does not exist"),
                ),
                Some(ms) if ms.partner != e.partner => self.report(
                    k,
                    id,
                    n,
                    format!("refers to milestone {m}, which belongs to another partner"),
                ),
                Some(_) => {}
            }
        }
    }

    fn header(&mut self) {
        if self.ws.version != CURRENT_VERSION {
            self.problems.push(Problem {
                record: String::new(),
                id: None,
                message: format!(
                    "version is {}, but this build reads version {CURRENT_VERSION}",
                    self.ws.version
                ),
            });
        }
    }

    fn drafts(&mut self) {
        let mut drafted = HashSet::default();
        for d in &self.ws.drafts {
            let name = format!("draft review of partner {}", d.partner);
            if self.ws.partner(d.partner).is_none() {
                self.problems.push(Problem {
                    record: name.clone(),
                    id: None,
                    message: format!("refers to partner {}, which does not exist", d.partner),
                });
            }
            if !drafted.insert(d.partner) {
                self.problems.push(Problem {
                    record: name.clone(),
                    id: None,
                    message: "a partner has at most one draft review".into(),
                });
            }
            if d.scores.iter().flatten().any(|s| !(1..=5).contains(s)) {
                self.problems.push(Problem {
                    record: name,
                    id: None,
                    message: "ratings must be from 1 to 5".into(),
                });
            }
        }
    }

    /// How many records, in all lists, have this id.
    fn uses(&self, id: u64) -> usize {
        struct Count<'a>(&'a Workspace, u64, usize);
        impl EachKind for Count<'_> {
            fn kind<R: Record>(&mut self) {
                let (ws, id) = (self.0, self.1);
                let list = R::list(ws);
                let Some(at) = ws.position::<R>(id) else {
                    return;
                };
                let same = |i: usize| list.get(i).is_some_and(|r| r.id() == id);
                self.2 += 1 + (at > 0 && same(at - 1)) as usize + same(at + 1) as usize;
            }
        }
        let mut count = Count(self.ws, id, 0);
        each_kind(&mut count);
        count.2
    }
}

/// Each kind's own checks, for code that holds "a record" ([`Record::visit`]).
impl Visit for Checker<'_> {
    fn partner(&mut self, r: &Partner) {
        self.partner_record(r)
    }
    fn goal(&mut self, r: &Goal) {
        self.goal_record(r)
    }
    fn milestone(&mut self, r: &Milestone) {
        self.milestone_record(r)
    }
    fn interaction(&mut self, r: &Interaction) {
        self.interaction_record(r)
    }
    fn commitment(&mut self, r: &Commitment) {
        self.commitment_record(r)
    }
    fn review(&mut self, r: &Review) {
        self.review_record(r)
    }
    fn celebration(&mut self, r: &Celebration) {
        self.celebration_record(r)
    }
}

/// Checks every invariant of the workspace; an empty list means it is valid.
pub fn validate(ws: &Workspace) -> Vec<Problem> {
    let mut c = Checker {
        ws,
        problems: Vec::new(),
        seen: HashSet::with_capacity_and_hasher(ws.record_count(), Default::default()),
        partial: false,
        partners: ws.partners.iter().map(|p| p.id).collect(),
    };
    c.header();
    // Every record, list by list in file order.
    struct All<'c, 'a>(&'c mut Checker<'a>);
    impl EachKind for All<'_, '_> {
        fn kind<R: Record>(&mut self) {
            for r in R::list(self.0.ws).iter() {
                r.visit(self.0);
            }
        }
    }
    each_kind(&mut All(&mut c));
    c.drafts();
    c.problems
}

/// Where each partner's records are kept in the version a change starts from (the app's
/// index knows): lets [`validate_changes`] read one partner's records instead of every record.
pub trait Holdings {
    /// The positions of `partner`'s records of kind `list` in the version before the change;
    /// `None` when not known (then every record of that kind is read).
    fn positions(&self, partner: PartnerId, list: ListKind) -> Option<&[usize]>;
}

/// The records removed or changed (by id, with the partner they had), in every list some
/// record links into ([`Record::LINKS`]; the other lists' are left empty).
struct Gone([HashMap<u64, PartnerId>; ListKind::COUNT]);

impl Gone {
    fn of(old: &Workspace, delta: &Delta) -> Gone {
        struct Targets([bool; ListKind::COUNT]);
        impl EachKind for Targets {
            fn kind<R: Record>(&mut self) {
                for &l in R::LINKS {
                    self.0[l as usize] = true;
                }
            }
        }
        struct Ids<'a>(&'a Workspace, &'a Delta, [bool; ListKind::COUNT], Gone);
        impl EachKind for Ids<'_> {
            fn kind<R: Record>(&mut self) {
                if !self.2[R::LIST as usize] {
                    return;
                }
                let (list, d) = (R::list(self.0), self.1.list(R::LIST));
                self.3.0[R::LIST as usize] = d
                    .removed
                    .iter()
                    .chain(d.changed.iter().map(|c| &c.0))
                    .map(|&p| (list[p].id(), list[p].partner()))
                    .collect();
            }
        }
        let mut targets = Targets([false; ListKind::COUNT]);
        each_kind(&mut targets);
        let mut ids = Ids(old, delta, targets.0, Gone(Default::default()));
        each_kind(&mut ids);
        ids.3
    }

    fn contains(&self, list: ListKind, id: u64) -> bool {
        self.0[list as usize].contains_key(&id)
    }
}

/// Checks what changed from a valid workspace to `ws` ([`Delta`]): the records added or changed,
/// and whatever referred to records that are gone or moved to another partner. Finds a problem
/// exactly when [`validate`] does, in time that grows with the change, not the workspace; when
/// it finds one, the full check's list is returned, so messages are the same either way.
/// `holdings` says where each partner's records were before the change (the app's index).
pub fn validate_changes(
    old: &Workspace,
    ws: &Workspace,
    delta: &Delta,
    holdings: &dyn Holdings,
) -> Vec<Problem> {
    if !delta.list(ListKind::Partners).removed.is_empty() {
        // The partner's records went with it; checking all is as quick as finding them.
        return validate(ws);
    }
    let mut c = Checker {
        ws,
        problems: Vec::new(),
        seen: HashSet::default(),
        partial: true,
        partners: HashSet::default(),
    };
    c.header();
    // Each record added or changed: its own checks, and its place in id order.
    struct Touched<'c, 'a> {
        c: &'c mut Checker<'a>,
        delta: &'c Delta,
        ordered: bool,
    }
    impl EachKind for Touched<'_, '_> {
        fn kind<R: Record>(&mut self) {
            let d = self.delta.list(R::LIST);
            let list = R::list(self.c.ws);
            for q in d.added.iter().copied().chain(d.changed.iter().map(|c| c.1)) {
                let r = &list[q];
                r.visit(self.c);
                let before = q == 0 || list[q - 1].id() < r.id();
                let after = list.get(q + 1).is_none_or(|n| r.id() < n.id());
                self.ordered &= before && after;
            }
        }
    }
    let mut touched = Touched {
        c: &mut c,
        delta,
        ordered: true,
    };
    each_kind(&mut touched);
    let ordered = touched.ordered;
    // What links to a record that is gone, or changed (its partner may have moved): a goal's
    // milestones, a milestone's celebrations ([`Record::links`]), checked in full. Before the
    // change every link was within a partner, so the linking records that did not change
    // themselves are among the old partner's, which `holdings` finds without reading the rest.
    let gone = Gone::of(old, delta);
    struct Linking<'c, 'a> {
        c: &'c mut Checker<'a>,
        gone: &'c Gone,
        delta: &'c Delta,
        holdings: &'c dyn Holdings,
    }
    impl EachKind for Linking<'_, '_> {
        fn kind<R: Record>(&mut self) {
            let partners: HashSet<PartnerId> = R::LINKS
                .iter()
                .flat_map(|&l| self.gone.0[l as usize].values().copied())
                .collect();
            if partners.is_empty() {
                return;
            }
            let gone = |l: ListKind, id: u64| self.gone.contains(l, id);
            let list = R::list(self.c.ws);
            let renumber = self.delta.list(R::LIST).renumber();
            let mut found = Vec::new();
            for partner in partners {
                let Some(positions) = self.holdings.positions(partner, R::LIST) else {
                    found = list.iter().filter(|r| r.links_to(gone)).collect();
                    break;
                };
                found.extend(
                    positions
                        .iter()
                        .filter_map(|&p| renumber.at(p).and_then(|q| list.get(q)))
                        .filter(|r| r.links_to(gone)),
                );
            }
            for r in found {
                r.visit(self.c);
            }
        }
    }
    each_kind(&mut Linking {
        c: &mut c,
        gone: &gone,
        delta,
        holdings,
    });
    if delta.rest {
        c.drafts();
    }
    if c.problems.is_empty() && ordered {
        return Vec::new();
    }
    let full = validate(ws);
    if full.is_empty() {
        // Only the order was off, which a load puts right but a change must not do.
        return vec![Problem {
            record: String::new(),
            id: None,
            message: "records are out of id order".into(),
        }];
    }
    full
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn sample() -> Workspace {
        let mut ws = Workspace::named("Us");
        ws.partners
            .push(Partner::new(PartnerId(1), "Acme", day("2025-01-01")));
        ws
    }

    #[test]
    fn a_fresh_workspace_is_valid() {
        assert_eq!(validate(&sample()), vec![]);
    }

    #[test]
    fn dangling_references_are_each_named() {
        let mut ws = sample();
        ws.goals.push(Goal {
            authors: Default::default(),
            id: GoalId(5),
            partner: PartnerId(99),
            title: "Grow".into(),
            metric: String::new(),
            unit: String::new(),
            baseline: 0.0,
            target: Some(f64::NAN),
            current: 0.0,
            owner: Owner::Joint,
            start: day("2025-01-01"),
            due: None,
            status: GoalStatus::Active,
        });
        ws.milestones.push(Milestone {
            authors: Default::default(),
            id: MilestoneId(6),
            partner: PartnerId(1),
            goal: Some(GoalId(77)),
            title: "Kick-off".into(),
            due: day("2025-02-01"),
            done: None,
        });
        let problems = validate(&ws);
        let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            vec![
                "goal #5 \"Grow\": refers to partner #99, which does not exist",
                "goal #5 \"Grow\": target must be a number, not NaN",
                "milestone #6 \"Kick-off\": refers to goal #77, which does not exist",
            ]
        );
    }

    #[test]
    fn ratings_names_and_duplicate_ids_are_checked() {
        let mut ws = sample();
        ws.partners[0].name = "  ".into();
        let mut ratings = Ratings::uniform(3);
        ratings.trust.score = 6;
        ws.reviews.push(Review {
            authors: Default::default(),
            id: ReviewId(1),
            partner: PartnerId(1),
            date: day("2025-03-01"),
            ratings,
            feedback: String::new(),
            next_review: None,
        });
        let text: Vec<String> = validate(&ws).iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            vec![
                "partner #1: name must not be empty",
                "review #1 \"2025-03-01\": id 1 is used by another record",
                "review #1 \"2025-03-01\": trust & respect must be from 1 to 5, not 6",
            ]
        );
    }
}
