//! The forms of each record: how a record becomes fields, and how fields become a record again
//! (with every problem reported beside its field). Nothing invalid leaves a form.

use super::form::{Field, FieldKind, Form};
use crate::model::dates::{parse_date, parse_date_time};
use crate::model::*;
use crate::words::number;
use chrono::{NaiveDate, NaiveDateTime};

/// What a form creates or changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    Partner(Option<PartnerId>),
    Goal(PartnerId, Option<GoalId>),
    Milestone(PartnerId, Option<MilestoneId>),
    Interaction(PartnerId, Option<InteractionId>),
    Profile,
    /// How a completed milestone was celebrated.
    Celebration(MilestoneId),
    Commitment(PartnerId, Option<CommitmentId>),
    /// A win recorded by hand (with an optional milestone), or an edit of one.
    Win(PartnerId, Option<CelebrationId>),
    /// A goal's current value (and, after its last milestone, its status).
    GoalProgress(GoalId),
}

/// The one-line prompt for a goal's current value; with `status`, after its last milestone,
/// also its status, preset to achieved.
pub fn progress_form(g: &Goal, status: bool) -> Form {
    let target = g.target.map_or(String::new(), |t| {
        format!(" (target {}{})", number(t), unit_suffix(&g.unit))
    });
    let mut fields = vec![Field::text(
        "Current",
        FieldKind::Number { optional: false },
        number(if status {
            g.target.unwrap_or(g.current)
        } else {
            g.current
        }),
    )];
    let title = if status {
        let mut choice = Field::text(
            "Status",
            FieldKind::Choice(
                GoalStatus::ALL
                    .iter()
                    .map(|s| s.label().to_string())
                    .collect(),
            ),
            "",
        );
        choice.choice = GoalStatus::ALL
            .iter()
            .position(|s| *s == GoalStatus::Achieved)
            .unwrap_or(0);
        fields.push(choice);
        format!("Update goal: {}, its last milestone done{target}", g.title)
    } else {
        format!("{}: current value{target}", g.title)
    };
    let mut form = Form::new(title, fields);
    form.replace_on_type = true;
    form
}

fn unit_suffix(unit: &str) -> String {
    if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    }
}

/// The outcome choices of a commitment form.
const OUTCOMES: [&str; 3] = ["open", "kept", "missed"];

pub fn commitment_form(c: Option<&Commitment>, partner: &str) -> Form {
    let title = c.map_or(format!("New commitment with {partner}"), |c| {
        format!("Edit commitment: {}", c.what)
    });
    let (outcome, on) = match c.and_then(|c| c.outcome) {
        None => (0, String::new()),
        Some(Outcome::Kept(d)) => (1, d.to_string()),
        Some(Outcome::Missed(d)) => (2, d.to_string()),
    };
    let mut outcome_field = Field::text(
        "Outcome",
        FieldKind::Choice(OUTCOMES.iter().map(|s| s.to_string()).collect()),
        "",
    );
    outcome_field.choice = outcome;
    Form::new(
        title,
        vec![
            Field::text(
                "What was promised",
                FieldKind::Required,
                c.map_or(String::new(), |c| c.what.clone()),
            ),
            Field::text("Partner", FieldKind::Partner, partner),
            Field::choice(
                "Promised by",
                Side::ALL,
                Side::label,
                c.map_or(Side::Us, |c| c.side),
            ),
            Field::text(
                "Due",
                FieldKind::Date { optional: false },
                c.map_or("+2w".into(), |c| c.due.to_string()),
            ),
            outcome_field,
            Field::text("Outcome date", FieldKind::Date { optional: true }, on),
        ],
    )
}

pub fn win_form(c: Option<&Celebration>, partner: &str, milestones: &[&Milestone]) -> Form {
    let title = c.map_or(format!("Celebrate a win with {partner}"), |c| {
        format!("Edit celebration: {}", c.how)
    });
    let mut options = vec!["(none)".to_string()];
    options.extend(milestones.iter().map(|m| m.title.clone()));
    let mut milestone = Field::text("Milestone", FieldKind::Choice(options), "");
    milestone.choice = c
        .and_then(|c| c.milestone)
        .and_then(|id| milestones.iter().position(|m| m.id == id))
        .map_or(0, |i| i + 1);
    Form::new(
        title,
        vec![
            Field::text(
                "How",
                FieldKind::Required,
                c.map_or(String::new(), |c| c.how.clone()),
            ),
            Field::text(
                "With whom",
                FieldKind::Text,
                c.map_or(String::new(), |c| c.with.clone()),
            ),
            Field::text(
                "Date",
                FieldKind::Date { optional: false },
                c.map_or("today".into(), |c| c.date.to_string()),
            ),
            milestone,
        ],
    )
}

fn list_text(items: &[String]) -> String {
    items.join(", ")
}

fn num_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map_or(String::new(), |d| d.to_string())
}

pub fn partner_form(p: Option<&Partner>, today: NaiveDate) -> Form {
    let fresh = Partner::new(PartnerId(0), "", today);
    let p = p.unwrap_or(&fresh);
    let contact = p.contacts.first().cloned().unwrap_or_default();
    let title = if p.id.0 == 0 {
        "New partner".to_string()
    } else {
        format!("Edit partner: {}", p.name)
    };
    Form::new(
        title,
        vec![
            Field::text("Name", FieldKind::Required, p.name.clone()),
            Field::choice("Kind", PartnerKind::ALL, PartnerKind::label, p.kind),
            Field::choice("Phase", Phase::ALL, Phase::label, p.phase),
            Field::text(
                "Since",
                FieldKind::Date { optional: false },
                p.since.to_string(),
            ),
            Field::text(
                "Contact ideal days",
                FieldKind::Number { optional: false },
                p.cadence.ideal_days.to_string(),
            ),
            Field::text(
                "Contact max days",
                FieldKind::Number { optional: false },
                p.cadence.max_days.to_string(),
            ),
            Field::text(
                "Review every days",
                FieldKind::Number { optional: false },
                p.review_interval_days.to_string(),
            ),
            Field::text("Long-term aim", FieldKind::Text, p.aim.clone()),
            Field::text("Values", FieldKind::List, list_text(&p.values)),
            Field::text("Offers", FieldKind::List, list_text(&p.offers)),
            Field::text("Needs", FieldKind::List, list_text(&p.needs)),
            Field::text("Tags", FieldKind::List, list_text(&p.tags)),
            Field::text("Contact name", FieldKind::Text, contact.name),
            Field::text("Contact role", FieldKind::Text, contact.role),
            Field::text("Contact email", FieldKind::Text, contact.email),
            Field::text("Contact phone", FieldKind::Text, contact.phone),
            Field::text("Notes", FieldKind::Text, p.notes.clone()),
        ],
    )
}

pub fn goal_form(g: Option<&Goal>, partner: &str, today: NaiveDate) -> Form {
    let title = g.map_or("New goal".to_string(), |g| {
        format!("Edit goal: {}", g.title)
    });
    Form::new(
        title,
        vec![
            Field::text(
                "Title",
                FieldKind::Required,
                g.map_or(String::new(), |g| g.title.clone()),
            ),
            Field::text("Partner", FieldKind::Partner, partner),
            Field::text(
                "Metric",
                FieldKind::Text,
                g.map_or(String::new(), |g| g.metric.clone()),
            ),
            Field::text(
                "Unit",
                FieldKind::Text,
                g.map_or(String::new(), |g| g.unit.clone()),
            ),
            Field::text(
                "Baseline",
                FieldKind::Number { optional: false },
                g.map_or("0".into(), |g| num_text(g.baseline)),
            ),
            Field::text(
                "Target",
                FieldKind::Number { optional: true },
                g.and_then(|g| g.target).map_or(String::new(), num_text),
            ),
            Field::text(
                "Current",
                FieldKind::Number { optional: false },
                g.map_or("0".into(), |g| num_text(g.current)),
            ),
            Field::choice(
                "Owner",
                Owner::ALL,
                Owner::label,
                g.map_or(Owner::Joint, |g| g.owner),
            ),
            Field::text(
                "Start",
                FieldKind::Date { optional: false },
                g.map_or(today, |g| g.start).to_string(),
            ),
            Field::text(
                "Due",
                FieldKind::Date { optional: true },
                date_text(g.and_then(|g| g.due)),
            ),
            Field::choice(
                "Status",
                GoalStatus::ALL,
                GoalStatus::label,
                g.map_or(GoalStatus::Active, |g| g.status),
            ),
        ],
    )
}

pub fn milestone_form(m: Option<&Milestone>, partner: &str, goals: &[&Goal]) -> Form {
    let title = m.map_or("New milestone".to_string(), |m| {
        format!("Edit milestone: {}", m.title)
    });
    let mut options = vec!["(none)".to_string()];
    options.extend(goals.iter().map(|g| g.title.clone()));
    let choice = m
        .and_then(|m| m.goal)
        .and_then(|id| goals.iter().position(|g| g.id == id))
        .map_or(0, |i| i + 1);
    // A new milestone of a partner with one goal is most likely that goal's.
    let choice = if m.is_none() && goals.len() == 1 {
        1
    } else {
        choice
    };
    let mut goal = Field::text("Goal", FieldKind::Choice(options), "");
    goal.choice = choice;
    Form::new(
        title,
        vec![
            Field::text(
                "Title",
                FieldKind::Required,
                m.map_or(String::new(), |m| m.title.clone()),
            ),
            Field::text("Partner", FieldKind::Partner, partner),
            goal,
            Field::text(
                "Due",
                FieldKind::Date { optional: false },
                m.map_or("+2w".into(), |m| m.due.to_string()),
            ),
            Field::text(
                "Done",
                FieldKind::Date { optional: true },
                date_text(m.and_then(|m| m.done)),
            ),
        ],
    )
}

pub fn interaction_form(i: Option<&Interaction>, partner_name: &str) -> Form {
    let title = i.map_or(format!("Log contact with {partner_name}"), |_| {
        format!("Edit log entry: {partner_name}")
    });
    let follow = i.and_then(|i| i.follow_up.clone());
    Form::new(
        title,
        vec![
            Field::text(
                "Summary",
                FieldKind::Required,
                i.map_or(String::new(), |i| i.summary.clone()),
            ),
            Field::text("Partner", FieldKind::Partner, partner_name),
            Field::choice(
                "Channel",
                Channel::ALL,
                Channel::label,
                i.map_or(Channel::Call, |i| i.channel),
            ),
            Field::choice(
                "Initiated by",
                Side::ALL,
                Side::label,
                i.map_or(Side::Us, |i| i.initiated_by),
            ),
            Field::text(
                "When",
                FieldKind::DateTime,
                i.map_or("now".into(), |i| i.at.format("%Y-%m-%d %H:%M").to_string()),
            ),
            Field::text(
                "Sentiment 1-5",
                FieldKind::Number { optional: true },
                i.and_then(|i| i.sentiment)
                    .map_or(String::new(), |s| s.to_string()),
            ),
            Field::text(
                "Follow-up",
                FieldKind::Text,
                follow.as_ref().map_or(String::new(), |f| f.what.clone()),
            ),
            Field::text(
                "Follow-up due",
                FieldKind::Date { optional: true },
                follow.as_ref().map_or(String::new(), |f| f.due.to_string()),
            ),
            Field::text(
                "Follow-up done",
                FieldKind::Date { optional: true },
                date_text(follow.and_then(|f| f.done)),
            ),
        ],
    )
}

pub fn profile_form(p: &Profile) -> Form {
    Form::new(
        "Our profile",
        vec![
            Field::text("Name", FieldKind::Required, p.name.clone()),
            Field::text("Values", FieldKind::List, list_text(&p.values)),
            Field::text("Offers", FieldKind::List, list_text(&p.offers)),
            Field::text("Needs", FieldKind::List, list_text(&p.needs)),
        ],
    )
}

/// `skip_key` closes the form without a celebration (the form's cancel).
pub fn celebration_form(m: &Milestone, skip_key: &str) -> Form {
    Form::new(
        format!("Celebrate: {} ({skip_key} skips)", m.title),
        vec![
            Field::text("How", FieldKind::Required, ""),
            Field::text("With whom", FieldKind::Text, ""),
            Field::text("Date", FieldKind::Date { optional: false }, "today"),
        ],
    )
}

/// Reads fields, collecting errors into the form.
pub struct Reader<'a> {
    pub form: &'a mut Form,
    pub now: NaiveDateTime,
}

impl Reader<'_> {
    /// The partner named in the "Partner" field (by the rules of `model::find`), else `default`.
    fn partner(&mut self, ws: &Workspace, default: PartnerId) -> PartnerId {
        if !self.form.fields.iter().any(|f| f.label == "Partner") {
            return default;
        }
        let names: Vec<(PartnerId, &str)> = ws
            .partners
            .iter()
            .map(|p| (p.id, p.name.as_str()))
            .collect();
        match crate::fuzzy::pick(self.form.get("Partner").value(), &names) {
            Ok((id, _)) => id,
            Err(e) => {
                self.form.set_error("Partner", e);
                default
            }
        }
    }

    fn text(&mut self, label: &str) -> String {
        let f = self.form.get(label);
        let v = f.value().trim().to_string();
        if f.kind == FieldKind::Required && v.is_empty() {
            self.form.set_error(label, "must not be empty");
        }
        v
    }

    fn list(&self, label: &str) -> Vec<String> {
        self.form.get(label).list()
    }

    fn number(&mut self, label: &str) -> Option<f64> {
        let f = self.form.get(label);
        let v = f.value().trim().replace(',', "");
        let optional = matches!(f.kind, FieldKind::Number { optional: true });
        if v.is_empty() {
            if !optional {
                self.form.set_error(label, "a number is needed");
            }
            return None;
        }
        match v.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                self.form.set_error(label, format!("`{v}` is not a number"));
                None
            }
        }
    }

    fn whole(&mut self, label: &str, min: u32, max: u32) -> u32 {
        let n = self.number(label);
        match n {
            Some(n) if n.fract() == 0.0 && n >= f64::from(min) && n <= f64::from(max) => n as u32,
            Some(_) => {
                self.form
                    .set_error(label, format!("a whole number from {min} to {max}"));
                min
            }
            None => min,
        }
    }

    fn date(&mut self, label: &str) -> Option<NaiveDate> {
        let f = self.form.get(label);
        let v = f.value().trim().to_string();
        let optional = matches!(f.kind, FieldKind::Date { optional: true });
        if v.is_empty() && optional {
            return None;
        }
        match parse_date(&v, self.now.date()) {
            Ok(d) => Some(d),
            Err(e) => {
                self.form.set_error(label, e);
                None
            }
        }
    }

    fn choice(&self, label: &str) -> usize {
        self.form.get(label).choice
    }
}

/// The record a form describes, or `None` when a field is wrong (errors set on the form).
#[derive(Debug)]
pub enum Built {
    Partner(Partner),
    Goal(Goal),
    Milestone(Milestone),
    Interaction(Interaction),
    Profile(Profile),
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
    let today = now.date();
    let mut r = Reader { form, now };
    let built = match target {
        FormTarget::Partner(id) => {
            let mut p = id
                .and_then(|id| ws.partner(id))
                .cloned()
                .unwrap_or_else(|| Partner::new(PartnerId(0), "", today));
            p.name = r.text("Name");
            p.kind = PartnerKind::ALL[r.choice("Kind")];
            p.phase = Phase::ALL[r.choice("Phase")];
            p.since = r.date("Since").unwrap_or(p.since);
            let ideal = r.whole("Contact ideal days", 1, 3650);
            let max = r.whole("Contact max days", 1, 3650);
            if max < ideal {
                r.form
                    .set_error("Contact max days", "must be at least the ideal");
            }
            p.cadence = Cadence {
                ideal_days: ideal,
                max_days: max,
            };
            p.review_interval_days = r.whole("Review every days", 1, 3650);
            p.aim = r.text("Long-term aim");
            p.values = r.list("Values");
            p.offers = r.list("Offers");
            p.needs = r.list("Needs");
            p.tags = r.list("Tags");
            let contact = Contact {
                name: r.text("Contact name"),
                role: r.text("Contact role"),
                email: r.text("Contact email"),
                phone: r.text("Contact phone"),
            };
            let has_contact = !(contact.name.is_empty()
                && contact.role.is_empty()
                && contact.email.is_empty()
                && contact.phone.is_empty());
            if has_contact && contact.name.is_empty() {
                r.form.set_error("Contact name", "a contact needs a name");
            }
            if has_contact && !contact.email.is_empty() && !contact.email.contains('@') {
                r.form
                    .set_error("Contact email", "an email address has an @");
            }
            match (has_contact, p.contacts.is_empty()) {
                (true, true) => p.contacts.push(contact),
                (true, false) => p.contacts[0] = contact,
                (false, false) => {
                    p.contacts.remove(0);
                }
                (false, true) => {}
            }
            p.notes = r.form.get("Notes").value().to_string();
            Built::Partner(p)
        }
        FormTarget::GoalProgress(id) => {
            let mut g = ws.goal(id)?.clone();
            if let Some(n) = r.number("Current") {
                g.current = n;
            }
            if r.form.fields.iter().any(|f| f.label == "Status") {
                g.status = GoalStatus::ALL[r.choice("Status")];
            }
            Built::Goal(g)
        }
        FormTarget::Goal(default, id) => {
            let partner = r.partner(ws, default);
            let title = r.text("Title");
            let metric = r.text("Metric");
            let unit = r.text("Unit");
            let baseline = r.number("Baseline").unwrap_or(0.0);
            let target = r.number("Target");
            let current = r.number("Current").unwrap_or(0.0);
            let start = r.date("Start").unwrap_or(today);
            let due = r.date("Due");
            if let Some(due) = due
                && due < start
            {
                r.form.set_error("Due", "is before the start");
            }
            Built::Goal(Goal {
                id: id.unwrap_or(GoalId(0)),
                partner,
                title,
                metric,
                unit,
                baseline,
                target,
                current,
                owner: Owner::ALL[r.choice("Owner")],
                start,
                due,
                status: GoalStatus::ALL[r.choice("Status")],
            })
        }
        FormTarget::Milestone(partner, id) => {
            let goals: Vec<GoalId> = ws
                .goals
                .iter()
                .filter(|g| g.partner == partner)
                .map(|g| g.id)
                .collect();
            let goal = r
                .choice("Goal")
                .checked_sub(1)
                .and_then(|i| goals.get(i).copied());
            Built::Milestone(Milestone {
                id: id.unwrap_or(MilestoneId(0)),
                partner,
                goal,
                title: r.text("Title"),
                due: r.date("Due").unwrap_or(today),
                done: r.date("Done"),
            })
        }
        FormTarget::Interaction(default, id) => {
            let partner = r.partner(ws, default);
            let summary = r.text("Summary");
            let at = match parse_date_time(r.form.get("When").value(), now) {
                Ok(at) => at,
                Err(e) => {
                    r.form.set_error("When", e);
                    now
                }
            };
            let sentiment = r.number("Sentiment 1-5");
            let sentiment = match sentiment {
                Some(s) if (1.0..=5.0).contains(&s) && s.fract() == 0.0 => Some(s as u8),
                Some(_) => {
                    r.form
                        .set_error("Sentiment 1-5", "a whole number from 1 to 5, or empty");
                    None
                }
                None => None,
            };
            let what = r.text("Follow-up");
            let due = r.date("Follow-up due");
            let done = r.date("Follow-up done");
            let follow_up = match (what.is_empty(), due) {
                (true, None) => None,
                (false, Some(due)) => Some(FollowUp { what, due, done }),
                // As on the command line: a week after the contact.
                (false, None) => Some(FollowUp {
                    what,
                    due: at.date() + chrono::Days::new(7),
                    done,
                }),
                (true, Some(_)) => {
                    r.form.set_error("Follow-up", "say what the follow-up is");
                    None
                }
            };
            Built::Interaction(Interaction {
                id: id.unwrap_or(InteractionId(0)),
                partner,
                at,
                channel: Channel::ALL[r.choice("Channel")],
                initiated_by: Side::ALL[r.choice("Initiated by")],
                summary,
                sentiment,
                follow_up,
            })
        }
        FormTarget::Profile => Built::Profile(Profile {
            name: r.text("Name"),
            values: r.list("Values"),
            offers: r.list("Offers"),
            needs: r.list("Needs"),
        }),
        FormTarget::Commitment(default, id) => {
            let partner = r.partner(ws, default);
            let what = r.text("What was promised");
            let due = r.date("Due").unwrap_or(today);
            let on = r.date("Outcome date");
            let outcome = match r.choice("Outcome") {
                1 => Some(Outcome::Kept(on.unwrap_or(today))),
                2 => Some(Outcome::Missed(on.unwrap_or(today))),
                _ => {
                    if on.is_some() {
                        r.form
                            .set_error("Outcome date", "an open commitment has no outcome date");
                    }
                    None
                }
            };
            Built::Commitment(Commitment {
                id: id.unwrap_or(CommitmentId(0)),
                partner,
                side: Side::ALL[r.choice("Promised by")],
                what,
                due,
                outcome,
            })
        }
        FormTarget::Win(partner, id) => {
            let milestones: Vec<MilestoneId> = ws
                .milestones
                .iter()
                .filter(|m| m.partner == partner && m.done.is_some())
                .map(|m| m.id)
                .collect();
            let milestone = r
                .choice("Milestone")
                .checked_sub(1)
                .and_then(|i| milestones.get(i).copied());
            Built::Celebration(Celebration {
                id: id.unwrap_or(CelebrationId(0)),
                partner,
                milestone,
                how: r.text("How"),
                with: r.text("With whom"),
                date: r.date("Date").unwrap_or(today),
            })
        }
        FormTarget::Celebration(milestone) => {
            let partner = ws.milestone(milestone).map_or(PartnerId(0), |m| m.partner);
            Built::Celebration(Celebration {
                id: CelebrationId(0),
                partner,
                milestone: Some(milestone),
                how: r.text("How"),
                with: r.text("With whom"),
                date: r.date("Date").unwrap_or(today),
            })
        }
    };
    (!form.has_errors()).then_some(built)
}

/// Values already used in the workspace for a list field, for completion.
pub fn known_values<'a>(label: &str, ws: &'a Workspace) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    // Seen, ignoring ASCII case (a set: thousands of partners each name a few).
    let mut seen: rustc_hash::FxHashSet<String> = Default::default();
    let mut add = |items: &'a [String]| {
        for i in items {
            if seen.insert(i.to_ascii_lowercase()) {
                out.push(i);
            }
        }
    };
    match label {
        "Values" => {
            add(&ws.profile.values);
            ws.partners.iter().for_each(|p| add(&p.values));
        }
        "Offers" | "Needs" => {
            add(&ws.profile.offers);
            add(&ws.profile.needs);
            ws.partners.iter().for_each(|p| {
                add(&p.offers);
                add(&p.needs);
            });
        }
        "Tags" => ws.partners.iter().for_each(|p| add(&p.tags)),
        _ => {}
    }
    out
}

/// Completions for the last item of a list field: known values starting with it (or matching
/// it fuzzily), not already in the list.
pub fn completions<'a>(field: &Field, ws: &'a Workspace) -> Vec<&'a str> {
    let items = field.value().split(',').map(str::trim).collect::<Vec<_>>();
    let last = items.last().copied().unwrap_or("");
    if last.is_empty() {
        return Vec::new();
    }
    let known = known_values(field.label, ws);
    let fresh = |k: &&str| !items.iter().any(|i| i.eq_ignore_ascii_case(k));
    let lower = last.to_lowercase();
    let mut out: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| k.to_lowercase().starts_with(&lower) && fresh(k))
        .collect();
    if out.is_empty() {
        out = crate::fuzzy::rank(last, known.iter().map(|k| (*k, *k)))
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| fresh(k))
            .collect();
    }
    out.retain(|k| !k.eq_ignore_ascii_case(last));
    out.truncate(5);
    out
}

/// Replaces the last item of the focused list field with its first completion.
pub fn complete(form: &mut Form, ws: &Workspace) -> bool {
    let Some(field) = form.fields.get(form.focus) else {
        return false;
    };
    if field.kind != FieldKind::List {
        return false;
    }
    let Some(first) = completions(field, ws).first().map(|s| s.to_string()) else {
        return false;
    };
    let value = field.value();
    let head = value.rsplit_once(',').map_or("", |(h, _)| h);
    let text = if head.is_empty() {
        format!("{first}, ")
    } else {
        format!("{head}, {first}, ")
    };
    form.set_focused_text(text);
    true
}

/// Shows the resolved date beside date fields, the picked partner, and list completions.
pub fn refresh_hints(form: &mut Form, now: NaiveDateTime, ws: &Workspace, complete_key: &str) {
    for f in &mut form.fields {
        refresh_hint(f, now, ws, complete_key);
    }
}

/// One field's hint (after its value changed: the others' stay as they are).
pub fn refresh_hint(f: &mut Field, now: NaiveDateTime, ws: &Workspace, complete_key: &str) {
    {
        f.hint = match f.kind {
            FieldKind::Partner => {
                let names: Vec<(PartnerId, &str)> = ws
                    .partners
                    .iter()
                    .map(|p| (p.id, p.name.as_str()))
                    .collect();
                match crate::fuzzy::pick(f.value(), &names) {
                    Ok((_, name)) if name != f.value() => format!("→ {name}"),
                    Ok(_) => String::new(),
                    Err(e) => e,
                }
            }
            FieldKind::List => {
                let c = completions(f, ws);
                if c.is_empty() {
                    String::new()
                } else {
                    format!("{complete_key}: {}", c.join(", "))
                }
            }
            FieldKind::Date { .. } if !f.value().trim().is_empty() => {
                match parse_date(f.value(), now.date()) {
                    Ok(d) => format!("→ {}", d.format("%a %Y-%m-%d")),
                    Err(_) => String::new(),
                }
            }
            FieldKind::DateTime => match parse_date_time(f.value(), now) {
                Ok(t) => format!("→ {}", t.format("%a %Y-%m-%d %H:%M")),
                Err(_) => String::new(),
            },
            FieldKind::Date { .. } if f.label == "Follow-up due" => {
                "empty: a week after the contact".into()
            }
            _ => String::new(),
        };
    }
}
