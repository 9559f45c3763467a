//! From what was read to proposals: pure (no files), so the matching is tested on its own.
//!
//! Mail: messages are taken once (by Message-ID: the same message in INBOX and Sent counts once),
//! bulk and automated ones and those before `since` are left out, each message is matched to a
//! partner by its addresses (the sender first, then To and Cc; ours never), a message that
//! matches nothing takes the partner of its conversation when another message of it matched,
//! and the messages of one conversation on one day become one proposal: the day's first
//! message gives its time, its subject (less `Re:`/`Fwd:`) the summary, its sender who started
//! it. Events: one proposal per occurrence whose organiser or attendees match, a log entry
//! when it has begun, else an upcoming meeting. Cards: a contact for the partner its addresses
//! or its organisation name, unless the partner already has one of its addresses.

use super::item::{Addr, Card, Mail, Meeting, Read};
use super::matcher::{Matcher, Why};
use crate::model::{Contact, PartnerId, Side, Workspace};
use chrono::{NaiveDate, NaiveDateTime};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

/// What a proposal would add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A log entry, channel email.
    Email,
    /// A log entry, channel meeting.
    Meeting,
    /// A coming meeting, as a milestone.
    Upcoming,
    /// A contact of the partner.
    Contact,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Meeting => "meeting",
            Kind::Upcoming => "upcoming",
            Kind::Contact => "contact",
        }
    }
}

/// One thing to add, waiting for a decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// What it came from (`model::ingested`): remembered when it is accepted or skipped.
    pub source: String,
    pub kind: Kind,
    pub partner: PartnerId,
    pub partner_name: String,
    pub why: Why,
    #[serde(serialize_with = "crate::model::serde_dates::write_date_time")]
    pub at: NaiveDateTime,
    pub summary: String,
    pub initiated_by: Side,
    /// Messages of the conversation that day (1 for an event or a card).
    pub messages: usize,
    /// The contact a card proposes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
}

/// What was left out, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub messages: usize,
    pub events: usize,
    pub cards: usize,
    /// Bulk and automated messages.
    pub bulk: usize,
    /// Messages, events and cards that match no partner.
    pub unmatched: usize,
    /// Messages and events among our own team only.
    pub internal: usize,
    /// Proposals already accepted or skipped.
    pub decided: usize,
    /// Before `since`.
    pub older: usize,
    /// Messages seen twice (the same Message-ID in two folders).
    pub duplicates: usize,
    /// Cards whose person the partner already lists.
    pub known: usize,
}

/// The proposals and the counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Proposals {
    pub proposals: Vec<Proposal>,
    pub counts: Counts,
}

/// Where proposals are made: the workspace's partners and decisions, and the time.
pub struct Context<'a> {
    pub ws: &'a Workspace,
    pub matcher: &'a Matcher,
    pub decided: FxHashSet<&'a str>,
    pub now: NaiveDateTime,
    pub since: Option<NaiveDate>,
}

impl<'a> Context<'a> {
    pub fn new(
        ws: &'a Workspace,
        matcher: &'a Matcher,
        now: NaiveDateTime,
        since: Option<NaiveDate>,
    ) -> Self {
        let decided = ws.ingested.iter().map(|i| i.source.as_str()).collect();
        Context {
            ws,
            matcher,
            decided,
            now,
            since,
        }
    }

    fn name(&self, p: PartnerId) -> String {
        self.ws.partner_name(p).unwrap_or_default().to_string()
    }

    /// The first partner any of the people (ours left out) belongs to; `Err(true)` when every
    /// one of them is ours, `Err(false)` when none matched.
    fn partner_among<'p>(
        &self,
        people: impl Iterator<Item = &'p Addr>,
    ) -> Result<(PartnerId, Why), bool> {
        let mut only_ours = true;
        for a in people {
            if self.matcher.ours(&a.email) {
                continue;
            }
            only_ours = false;
            if let Some(found) = self.matcher.partner_of(&a.email, &a.name) {
                return Ok(found);
            }
        }
        Err(only_ours)
    }

    /// Who started it: the sender's side. Without team addresses in the profile, a sender
    /// who belongs to a partner is them and anyone else us.
    fn side(&self, sender: Option<&str>) -> Side {
        let Some(s) = sender else { return Side::Us };
        let theirs = if self.matcher.knows_team() {
            !self.matcher.ours(s)
        } else {
            self.matcher.partner_of(s, "").is_some()
        };
        if theirs { Side::Them } else { Side::Us }
    }
}

/// A subject without its reply and forward prefixes.
pub fn clean_subject(subject: &str) -> String {
    const PREFIXES: [&str; 8] = ["re:", "fwd:", "fw:", "aw:", "wg:", "sv:", "tr:", "rif:"];
    let mut s = subject.trim();
    while let Some(p) = PREFIXES
        .iter()
        .find(|p| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
    {
        s = s[p.len()..].trim_start();
    }
    if s.is_empty() {
        "(no subject)".to_string()
    } else {
        s.to_string()
    }
}

/// Proposals from everything read.
pub fn propose(read: &Read, cx: &Context<'_>) -> Proposals {
    let mut out = Proposals::default();
    mails(&read.mails, cx, &mut out);
    meetings(&read.meetings, cx, &mut out);
    cards(&read.cards, cx, &mut out);
    order(&mut out.proposals);
    out
}

/// Grouped by partner, the partner with the newest proposal first; newest first within.
pub fn order(proposals: &mut [Proposal]) {
    let mut newest: FxHashMap<PartnerId, NaiveDateTime> = FxHashMap::default();
    for p in proposals.iter() {
        let n = newest.entry(p.partner).or_insert(p.at);
        *n = (*n).max(p.at);
    }
    proposals.sort_by(|a, b| {
        (newest[&b.partner], b.partner)
            .cmp(&(newest[&a.partner], a.partner))
            .then(b.at.cmp(&a.at))
            .then(a.source.cmp(&b.source))
    });
}

/// The messages to look at, each once, with its partner if it has one.
fn matched<'m>(
    mails: &'m [Mail],
    cx: &Context<'_>,
    counts: &mut Counts,
) -> Vec<(&'m Mail, Option<(PartnerId, Why)>)> {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut out = Vec::new();
    for m in mails {
        counts.messages += 1;
        if !seen.insert(m.id.as_str()) {
            counts.duplicates += 1;
        } else if m.bulk {
            counts.bulk += 1;
        } else if cx.since.is_some_and(|s| m.at.date() < s) {
            counts.older += 1;
        } else {
            match cx.partner_among(std::iter::once(&m.from).chain(&m.to)) {
                Ok(found) => out.push((m, Some(found))),
                Err(true) => counts.internal += 1,
                Err(false) => out.push((m, None)),
            }
        }
    }
    out
}

/// Each message looked at (see [`matched`]) with its partner: its own match, else its
/// conversation's (that of the conversation's first matched message); in time order.
fn assign<'m>(
    mails: &'m [Mail],
    cx: &Context<'_>,
    counts: &mut Counts,
) -> Vec<(&'m Mail, Option<(PartnerId, Why)>)> {
    let mut found = matched(mails, cx, counts);
    found.sort_by(|a, b| a.0.at.cmp(&b.0.at).then(a.0.id.cmp(&b.0.id)));
    let mut threads: FxHashMap<&str, PartnerId> = FxHashMap::default();
    for (m, p) in &found {
        if let Some((p, _)) = p {
            threads.entry(m.thread.as_str()).or_insert(*p);
        }
    }
    for (m, p) in &mut found {
        if p.is_none() {
            *p = threads.get(m.thread.as_str()).map(|t| (*t, Why::Thread));
        }
    }
    found
}

/// The partner each message (by id) is matched to, `None` for those matching none; bulk,
/// internal, duplicate and older messages are left out. What precision and recall are
/// measured on.
pub fn message_partners(mails: &[Mail], cx: &Context<'_>) -> Vec<(String, Option<PartnerId>)> {
    assign(mails, cx, &mut Counts::default())
        .into_iter()
        .map(|(m, p)| (m.id.clone(), p.map(|(p, _)| p)))
        .collect()
}

fn mails(mails: &[Mail], cx: &Context<'_>, out: &mut Proposals) {
    let found = assign(mails, cx, &mut out.counts);
    // One proposal per conversation per day: its first message, and how many there were.
    // (`None`: the conversation's day was decided before.)
    let mut days: FxHashMap<(&str, NaiveDate), Option<usize>> = FxHashMap::default();
    for (m, p) in &found {
        let Some((partner, why)) = *p else {
            out.counts.unmatched += 1;
            continue;
        };
        let key = (m.thread.as_str(), m.at.date());
        if let Some(i) = days.get(&key) {
            if let Some(i) = i {
                out.proposals[*i].messages += 1;
            }
            continue;
        }
        let source = format!("mail:{}/{}", m.thread, m.at.date());
        if cx.decided.contains(source.as_str()) {
            out.counts.decided += 1;
            days.insert(key, None);
            continue;
        }
        days.insert(key, Some(out.proposals.len()));
        out.proposals.push(Proposal {
            source,
            kind: Kind::Email,
            partner,
            partner_name: cx.name(partner),
            why,
            at: m.at,
            summary: clean_subject(&m.subject),
            initiated_by: cx.side(Some(&m.from.email)),
            messages: 1,
            contact: None,
        });
    }
}

fn meetings(meetings: &[Meeting], cx: &Context<'_>, out: &mut Proposals) {
    let mut seen: FxHashSet<String> = FxHashSet::default();
    for m in meetings {
        out.counts.events += 1;
        if cx.since.is_some_and(|s| m.at.date() < s) {
            out.counts.older += 1;
            continue;
        }
        let (partner, why) = match cx.partner_among(m.people.iter()) {
            Ok(found) => found,
            Err(true) => {
                out.counts.internal += 1;
                continue;
            }
            Err(false) => {
                out.counts.unmatched += 1;
                continue;
            }
        };
        let kind = if m.at <= cx.now {
            Kind::Meeting
        } else {
            Kind::Upcoming
        };
        let prefix = if kind == Kind::Meeting {
            "event"
        } else {
            "upcoming"
        };
        let source = format!("{prefix}:{}/{}", m.uid, m.at.date());
        if cx.decided.contains(source.as_str()) || !seen.insert(source.clone()) {
            out.counts.decided += 1;
            continue;
        }
        let summary = match m.summary.trim() {
            "" => "(no title)".to_string(),
            s => s.to_string(),
        };
        out.proposals.push(Proposal {
            source,
            kind,
            partner,
            partner_name: cx.name(partner),
            why,
            at: m.at,
            summary,
            initiated_by: cx.side(m.organizer.as_deref()),
            messages: 1,
            contact: None,
        });
    }
}

/// The partner a card belongs to: by its addresses, else by its organisation.
fn card_partner(c: &Card, cx: &Context<'_>) -> Option<(PartnerId, Why)> {
    c.emails
        .iter()
        .filter(|e| !cx.matcher.ours(e))
        .find_map(|e| cx.matcher.partner_of(e, &c.name))
        .or_else(|| {
            cx.matcher
                .partner_named(&c.organisation)
                .map(|p| (p, Why::Organisation))
        })
}

/// A contact in one line: `name (role) <email> phone`, empty parts left out.
fn contact_line(c: &Contact) -> String {
    let mut out = c.name.clone();
    if !c.role.is_empty() {
        out.push_str(&format!(" ({})", c.role));
    }
    if !c.email.is_empty() && c.email != c.name {
        out.push_str(&format!(" <{}>", c.email));
    }
    if !c.phone.is_empty() {
        out.push_str(&format!(" {}", c.phone));
    }
    out
}

fn cards(cards: &[Card], cx: &Context<'_>, out: &mut Proposals) {
    for c in cards {
        out.counts.cards += 1;
        let Some((partner, why)) = card_partner(c, cx) else {
            out.counts.unmatched += 1;
            continue;
        };
        let known = cx.ws.partner(partner).is_some_and(|p| {
            p.contacts.iter().any(|k| {
                let email = super::matcher::normalize(&k.email);
                c.emails.contains(&email)
                    || (c.emails.is_empty() && k.name.eq_ignore_ascii_case(&c.name))
            })
        });
        let source = format!("card:{}", c.uid);
        if known {
            out.counts.known += 1;
            continue;
        }
        if cx.decided.contains(source.as_str()) {
            out.counts.decided += 1;
            continue;
        }
        let email = c.emails.first().cloned().unwrap_or_default();
        let contact = Contact {
            name: if c.name.is_empty() {
                email.clone()
            } else {
                c.name.clone()
            },
            role: c.role.clone(),
            email,
            phone: c.phone.clone(),
        };
        out.proposals.push(Proposal {
            source,
            kind: Kind::Contact,
            partner,
            partner_name: cx.name(partner),
            why,
            at: cx.now,
            summary: contact_line(&contact),
            initiated_by: Side::Them,
            messages: 1,
            contact: Some(contact),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Partner;

    fn mail(id: &str, thread: &str, from: &str, to: &str, at: &str) -> Mail {
        Mail {
            id: id.into(),
            thread: thread.into(),
            from: Addr {
                name: String::new(),
                email: from.into(),
            },
            to: vec![Addr {
                name: String::new(),
                email: to.into(),
            }],
            subject: "Re: Plan".into(),
            at: at.parse().unwrap(),
            bulk: false,
        }
    }

    /// One entry per conversation per day, the day's first message deciding; without team
    /// addresses a partner's sender started it and anyone else is us.
    #[test]
    fn conversations_by_day_and_who_started_them_without_team_addresses() {
        let mut ws = Workspace::named("Us");
        let mut p = Partner::new(PartnerId(1), "Acme", "2026-01-01".parse().unwrap());
        p.domains = vec!["acme.org".into()];
        ws.partners.push(p);
        let read = Read {
            mails: vec![
                mail("b", "a", "jo@acme.org", "me@us.org", "2026-12-01T11:00:00"),
                mail("a", "a", "me@us.org", "jo@acme.org", "2026-12-01T09:00:00"),
                mail("c", "a", "jo@acme.org", "me@us.org", "2026-12-02T08:00:00"),
            ],
            ..Read::default()
        };
        let matcher = Matcher::new(&ws);
        let now = "2026-12-07T12:00:00".parse().unwrap();
        let found = propose(&read, &Context::new(&ws, &matcher, now, None));
        let got: Vec<(String, Side, usize, String)> = found
            .proposals
            .iter()
            .map(|p| {
                (
                    p.source.clone(),
                    p.initiated_by,
                    p.messages,
                    p.summary.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                ("mail:a/2026-12-02".into(), Side::Them, 1, "Plan".into()),
                ("mail:a/2026-12-01".into(), Side::Us, 2, "Plan".into()),
            ]
        );
    }
}
