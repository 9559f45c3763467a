//! How a filled form becomes a record again, with every problem reported beside its field:
//! nothing invalid leaves a form.

use super::FormTarget;
use crate::app::form::{FieldKey, FieldKind, Form};
use crate::model::dates::{Toward, parse_date_time, parse_day};
use crate::model::*;
use chrono::{NaiveDate, NaiveDateTime};

/// Reads fields, collecting errors into the form.
pub struct Reader<'a> {
    pub form: &'a mut Form,
    pub now: NaiveDateTime,
}

impl Reader<'_> {
    /// The partner named in the "Partner" field (by the rules of `model::find`), else `default`.
    fn partner(&mut self, ws: &Workspace, default: PartnerId) -> PartnerId {
        if !self.form.has(FieldKey::Partner) {
            return default;
        }
        let names: Vec<(PartnerId, &str)> = ws
            .partners
            .iter()
            .map(|p| (p.id, p.name.as_str()))
            .collect();
        match crate::fuzzy::pick(self.form.get(FieldKey::Partner).value(), &names) {
            Ok((id, _)) => id,
            Err(e) => {
                self.form.set_error(FieldKey::Partner, e);
                default
            }
        }
    }

    /// The team member named in `key`'s field (their name, a word of it, their key or email);
    /// `None` when it is empty. An unknown or ambiguous name is an error beside the field.
    fn member(&mut self, ws: &Workspace, key: FieldKey) -> Option<String> {
        let typed = self.form.get(key).value().trim().to_string();
        if typed.is_empty() {
            return None;
        }
        let exact: Vec<&Member> = ws
            .members
            .iter()
            .filter(|m| m.name.eq_ignore_ascii_case(&typed) || m.key.eq_ignore_ascii_case(&typed))
            .collect();
        let found: Vec<&Member> = if exact.len() == 1 {
            exact
        } else {
            ws.members
                .iter()
                .filter(|m| crate::insight::activity::member_matches(ws, &m.key, &typed))
                .collect()
        };
        match found.as_slice() {
            [m] => Some(m.key.clone()),
            [] => {
                self.form
                    .set_error(key, format!("no team member is called “{typed}”"));
                None
            }
            many => {
                let names: Vec<&str> = many.iter().map(|m| m.name.as_str()).collect();
                self.form
                    .set_error(key, format!("which one: {}?", names.join(", ")));
                None
            }
        }
    }

    fn text(&mut self, key: FieldKey) -> String {
        let f = self.form.get(key);
        let v = f.value().trim().to_string();
        if f.kind == FieldKind::Required && v.is_empty() {
            self.form.set_error(key, "must not be empty");
        }
        v
    }

    fn list(&self, key: FieldKey) -> Vec<String> {
        self.form.get(key).list()
    }

    fn number(&mut self, key: FieldKey) -> Option<f64> {
        let f = self.form.get(key);
        let v = f.value().trim().replace(',', "");
        let optional = matches!(f.kind, FieldKind::Number { optional: true });
        if v.is_empty() {
            if !optional {
                self.form.set_error(key, "a number is needed");
            }
            return None;
        }
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                self.form.set_error(key, format!("`{v}` is not a number"));
                None
            }
        }
    }

    fn whole(&mut self, key: FieldKey, min: u32, max: u32) -> u32 {
        let n = self.number(key);
        match n {
            Some(n) if n.fract() == 0.0 && n >= f64::from(min) && n <= f64::from(max) => n as u32,
            Some(_) => {
                self.form
                    .set_error(key, format!("a whole number from {min} to {max}"));
                min
            }
            None => min,
        }
    }

    fn date(&mut self, key: FieldKey) -> Option<NaiveDate> {
        let f = self.form.get(key);
        let v = f.value().trim().to_string();
        let (optional, past) = match f.kind {
            FieldKind::Date { optional, past } => (optional, past),
            _ => (false, false),
        };
        if v.is_empty() && optional {
            return None;
        }
        let toward = if past { Toward::Past } else { Toward::Next };
        match parse_day(&v, self.now.date(), toward) {
            Ok(d) => Some(d),
            Err(e) => {
                self.form.set_error(key, e);
                None
            }
        }
    }

    fn choice(&self, key: FieldKey) -> usize {
        self.form.get(key).choice
    }
}

/// The record a form describes, or `None` when a field is wrong (errors set on the form).
#[derive(Debug)]
pub enum Built {
    Partner(Partner),
    Goal(Goal),
    Milestone(Milestone),
    Interaction(Interaction),
    /// The profile, and the members with their names as edited (when the form shows them).
    Profile(Profile, Option<Vec<Member>>),
    Celebration(Celebration),
    Commitment(Commitment),
}

pub fn build(
    form: &mut Form,
    target: FormTarget,
    ws: &Workspace,
    now: NaiveDateTime,
) -> Option<Built> {
    for f in &mut form.fields {
        f.error = None;
    }
    let mut r = Reader { form, now };
    // A proposal's form is a new log entry's.
    let target = match target {
        FormTarget::Proposal(partner) => FormTarget::Interaction(partner, None),
        other => other,
    };
    let built = match target {
        FormTarget::Partner(id) => partner(&mut r, ws, id),
        FormTarget::GoalProgress(id) => goal_progress(&mut r, ws.goal(id)?),
        FormTarget::Goal(default, id) => goal(&mut r, ws, default, id),
        FormTarget::Milestone(partner, id) => milestone(&mut r, ws, partner, id),
        FormTarget::Interaction(default, id) => interaction(&mut r, ws, default, id)?,
        FormTarget::Profile => profile(&mut r, ws),
        FormTarget::Commitment(default, id) => commitment(&mut r, ws, default, id),
        FormTarget::Win(partner, id) => win(&mut r, ws, partner, id),
        FormTarget::Celebration(milestone) => celebration(&mut r, ws, milestone),
        // Made a log entry's above.
        FormTarget::Proposal(_) => return None,
    };
    (!form.has_errors()).then_some(built)
}

/// A partner, new or edited.
fn partner(r: &mut Reader<'_>, ws: &Workspace, id: Option<PartnerId>) -> Built {
    let today = r.now.date();
    let mut p = id
        .and_then(|id| ws.partner(id))
        .cloned()
        .unwrap_or_else(|| Partner::new(PartnerId(0), "", today));
    p.name = r.text(FieldKey::Name);
    p.kind = PartnerKind::ALL[r.choice(FieldKey::Kind)];
    p.phase = Phase::ALL[r.choice(FieldKey::Phase)];
    p.since = r.date(FieldKey::Since).unwrap_or(p.since);
    let ideal = r.whole(FieldKey::ContactIdealDays, 1, 3650);
    let max = r.whole(FieldKey::ContactMaxDays, 1, 3650);
    if max < ideal {
        r.form
            .set_error(FieldKey::ContactMaxDays, "must be at least the ideal");
    }
    p.cadence = Cadence {
        ideal_days: ideal,
        max_days: max,
    };
    p.review_interval_days = r.whole(FieldKey::ReviewEveryDays, 1, 3650);
    p.aim = r.text(FieldKey::LongTermAim);
    p.values = r.list(FieldKey::Values);
    p.offers = r.list(FieldKey::Offers);
    p.needs = r.list(FieldKey::Needs);
    p.tags = r.list(FieldKey::Tags);
    // Several people, as a list: `name | role | email | phone`, `;` between them.
    p.contacts = Contact::parse_list(r.form.get(FieldKey::Contacts).value());
    let problems: Vec<String> = p
        .contacts
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.problem().map(|e| format!("contact {} {e}", i + 1)))
        .collect();
    if !problems.is_empty() {
        r.form.set_error(FieldKey::Contacts, problems.join("; "));
    }
    p.domains = r.list(FieldKey::MailDomains);
    p.notes = r.form.get(FieldKey::Notes).value().to_string();
    if r.form.has(FieldKey::MemberOwner) {
        p.owner = r.member(ws, FieldKey::MemberOwner);
    }
    Built::Partner(p)
}

/// A goal's current value, and its status when the form asks for it.
fn goal_progress(r: &mut Reader<'_>, goal: &Goal) -> Built {
    let mut g = goal.clone();
    if let Some(n) = r.number(FieldKey::Current) {
        g.current = n;
    }
    if r.form.has(FieldKey::Status) {
        g.status = GoalStatus::ALL[r.choice(FieldKey::Status)];
    }
    Built::Goal(g)
}

/// A goal, new or edited.
fn goal(r: &mut Reader<'_>, ws: &Workspace, default: PartnerId, id: Option<GoalId>) -> Built {
    let today = r.now.date();
    let partner = r.partner(ws, default);
    let title = r.text(FieldKey::Title);
    let metric = r.text(FieldKey::Metric);
    let unit = r.text(FieldKey::Unit);
    let baseline = r.number(FieldKey::Baseline).unwrap_or(0.0);
    let target = r.number(FieldKey::Target);
    let current = r.number(FieldKey::Current).unwrap_or(0.0);
    let start = r.date(FieldKey::Start).unwrap_or(today);
    let due = r.date(FieldKey::Due);
    if let Some(due) = due
        && due < start
    {
        r.form.set_error(FieldKey::Due, "is before the start");
    }
    Built::Goal(Goal {
        authors: Default::default(),
        id: id.unwrap_or(GoalId(0)),
        partner,
        title,
        metric,
        unit,
        baseline,
        target,
        current,
        owner: Owner::ALL[r.choice(FieldKey::Owner)],
        start,
        due,
        status: GoalStatus::ALL[r.choice(FieldKey::Status)],
    })
}

/// A milestone, new or edited, with the partner's goal it serves.
fn milestone(
    r: &mut Reader<'_>,
    ws: &Workspace,
    partner: PartnerId,
    id: Option<MilestoneId>,
) -> Built {
    let today = r.now.date();
    let goals: Vec<GoalId> = ws
        .goals
        .iter()
        .filter(|g| g.partner == partner)
        .map(|g| g.id)
        .collect();
    let goal = r
        .choice(FieldKey::Goal)
        .checked_sub(1)
        .and_then(|i| goals.get(i).copied());
    Built::Milestone(Milestone {
        authors: Default::default(),
        id: id.unwrap_or(MilestoneId(0)),
        partner,
        goal,
        title: r.text(FieldKey::Title),
        due: r.date(FieldKey::Due).unwrap_or(today),
        done: r.date(FieldKey::Done),
    })
}

/// A log entry, new or edited; `None` when the entry refuses what the fields say (the
/// refusals set on the form).
fn interaction(
    r: &mut Reader<'_>,
    ws: &Workspace,
    default: PartnerId,
    id: Option<InteractionId>,
) -> Option<Built> {
    let (now, today) = (r.now, r.now.date());
    let partner = r.partner(ws, default);
    let summary = r.text(FieldKey::Summary);
    let when = r.form.get(FieldKey::When).value().to_string();
    let at = match parse_date_time(&when, now) {
        Ok(at) => at,
        Err(e) => {
            r.form.set_error(FieldKey::When, e);
            now
        }
    };
    // A contact in the future is most likely a slip (a weekday meant as the last
    // one): said once, then saved as it is.
    if at.date() > today && r.form.future_warned.as_deref() != Some(when.trim()) {
        r.form.set_error(
            FieldKey::When,
            format!(
                "{} is in the future; save again to log it so",
                at.format("%a %Y-%m-%d")
            ),
        );
        r.form.future_warned = Some(when.trim().to_string());
    }
    // Built as `log` and CSV import build it: the same defaults and refusals, each
    // said beside its field.
    let entry = LogEntry {
        partner,
        at,
        channel: Some(Channel::ALL[r.choice(FieldKey::Channel)]),
        initiated_by: Some(Side::ALL[r.choice(FieldKey::InitiatedBy)]),
        summary,
        sentiment: r.number(FieldKey::Sentiment),
        follow_up: r.text(FieldKey::FollowUp),
        follow_up_due: r.date(FieldKey::FollowUpDue),
        follow_up_done: r.date(FieldKey::FollowUpDone),
    };
    match entry.build(id.unwrap_or(InteractionId(0))) {
        Ok(mut x) => {
            // Who does the follow-up: as the form names it, else as it was.
            let before = id.and_then(|id| ws.interaction(id));
            let owner = if r.form.has(FieldKey::FollowUpOwner) {
                r.member(ws, FieldKey::FollowUpOwner)
            } else {
                before.and_then(|b| b.follow_up.as_ref()?.owner.clone())
            };
            if let Some(f) = x.follow_up.as_mut() {
                f.owner = owner;
            }
            if let Some(b) = before {
                x.authors = b.authors.clone();
            }
            Some(Built::Interaction(x))
        }
        Err(refusals) => {
            for refusal in refusals {
                let (key, text) = match refusal.part() {
                    LogPart::Summary => (FieldKey::Summary, "must not be empty"),
                    LogPart::Sentiment => {
                        (FieldKey::Sentiment, "a whole number from 1 to 5, or empty")
                    }
                    LogPart::FollowUp => (FieldKey::FollowUp, "say what the follow-up is"),
                };
                r.form.set_error(key, text);
            }
            None
        }
    }
}

/// The workspace's own profile.
fn profile(r: &mut Reader<'_>, ws: &Workspace) -> Built {
    let profile = Profile {
        name: r.text(FieldKey::Name),
        values: r.list(FieldKey::Values),
        offers: r.list(FieldKey::Offers),
        needs: r.list(FieldKey::Needs),
        team: r.list(FieldKey::TeamMail),
    };
    let members = r.form.has(FieldKey::TeamMembers).then(|| members(r, ws));
    Built::Profile(profile, members)
}

/// The members with the names typed (`key: Name; …`); a key the file does not have, or an
/// empty name, is said beside the field. A member left out keeps their name.
fn members(r: &mut Reader<'_>, ws: &Workspace) -> Vec<Member> {
    let mut out = ws.members.to_vec();
    let text = r.form.get(FieldKey::TeamMembers).value().to_string();
    for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, name)) = part.split_once(':') else {
            r.form.set_error(
                FieldKey::TeamMembers,
                format!("“{part}”: write each as key: Name"),
            );
            continue;
        };
        let (key, name) = (key.trim(), name.trim());
        match out.iter_mut().find(|m| m.key == key) {
            Some(_) if name.is_empty() => r
                .form
                .set_error(FieldKey::TeamMembers, format!("{key}: a name is needed")),
            Some(m) => m.name = name.to_string(),
            None => r.form.set_error(
                FieldKey::TeamMembers,
                format!("no member has the key “{key}” (keys stay as they are)"),
            ),
        }
    }
    out
}

/// A commitment, new or edited, with its outcome.
fn commitment(
    r: &mut Reader<'_>,
    ws: &Workspace,
    default: PartnerId,
    id: Option<CommitmentId>,
) -> Built {
    let today = r.now.date();
    let partner = r.partner(ws, default);
    let what = r.text(FieldKey::WhatWasPromised);
    let due = r.date(FieldKey::Due).unwrap_or(today);
    let on = r.date(FieldKey::OutcomeDate);
    let outcome = match r.choice(FieldKey::Outcome) {
        1 => Some(Outcome::Kept(on.unwrap_or(today))),
        2 => Some(Outcome::Missed(on.unwrap_or(today))),
        _ => {
            if on.is_some() {
                r.form.set_error(
                    FieldKey::OutcomeDate,
                    "an open commitment has no outcome date",
                );
            }
            None
        }
    };
    let before = id.and_then(|id| ws.commitment(id));
    let owner = if r.form.has(FieldKey::MemberOwner) {
        r.member(ws, FieldKey::MemberOwner)
    } else {
        before.and_then(|b| b.owner.clone())
    };
    Built::Commitment(Commitment {
        authors: before.map(|b| b.authors.clone()).unwrap_or_default(),
        owner,
        id: id.unwrap_or(CommitmentId(0)),
        partner,
        side: Side::ALL[r.choice(FieldKey::PromisedBy)],
        what,
        due,
        outcome,
    })
}

/// A win recorded by hand, or an edit of one, with the finished milestone it marks.
fn win(r: &mut Reader<'_>, ws: &Workspace, partner: PartnerId, id: Option<CelebrationId>) -> Built {
    let today = r.now.date();
    let milestones: Vec<MilestoneId> = ws
        .milestones
        .iter()
        .filter(|m| m.partner == partner && m.done.is_some())
        .map(|m| m.id)
        .collect();
    let milestone = r
        .choice(FieldKey::Milestone)
        .checked_sub(1)
        .and_then(|i| milestones.get(i).copied());
    Built::Celebration(Celebration {
        authors: Default::default(),
        id: id.unwrap_or(CelebrationId(0)),
        partner,
        milestone,
        how: r.text(FieldKey::How),
        with: r.text(FieldKey::WithWhom),
        date: r.date(FieldKey::Date).unwrap_or(today),
    })
}

/// How a finished milestone was celebrated.
fn celebration(r: &mut Reader<'_>, ws: &Workspace, milestone: MilestoneId) -> Built {
    let today = r.now.date();
    let partner = ws.milestone(milestone).map_or(PartnerId(0), |m| m.partner);
    Built::Celebration(Celebration {
        authors: Default::default(),
        id: CelebrationId(0),
        partner,
        milestone: Some(milestone),
        how: r.text(FieldKey::How),
        with: r.text(FieldKey::WithWhom),
        date: r.date(FieldKey::Date).unwrap_or(today),
    })
}
