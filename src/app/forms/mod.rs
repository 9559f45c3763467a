//! The forms of each record: how a record becomes fields (here), how fields become a record
//! again (`read.rs`, with every problem reported beside its field: nothing invalid leaves a
//! form), and what a form offers while it is filled (`hints.rs`).

use super::form::{Field, FieldKey, FieldKind, Form};

mod hints;
mod read;
use crate::model::*;
use crate::words::number;
use chrono::NaiveDate;
pub use hints::{complete, completions, known_values, refresh_hint, refresh_hints, resolved};
pub use read::{Built, Reader, build};

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
    /// A log entry proposed by `ingest`, edited before it is accepted (the review queue under
    /// the form knows which proposal).
    Proposal(PartnerId),
}

/// The one-line prompt for a goal's current value; with `status`, after its last milestone,
/// also its status, preset to achieved.
pub fn progress_form(g: &Goal, status: bool) -> Form {
    let target = g.target.map_or(String::new(), |t| {
        format!(" (target {}{})", number(t), unit_suffix(&g.unit))
    });
    let mut fields = vec![Field::text(
        FieldKey::Current,
        FieldKind::Number { optional: false },
        number(if status {
            g.target.unwrap_or(g.current)
        } else {
            g.current
        }),
    )];
    let title = if status {
        let mut choice = Field::text(
            FieldKey::Status,
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
        FieldKey::Outcome,
        FieldKind::Choice(OUTCOMES.iter().map(|s| s.to_string()).collect()),
        "",
    );
    outcome_field.choice = outcome;
    Form::new(
        title,
        vec![
            Field::text(
                FieldKey::WhatWasPromised,
                FieldKind::Required,
                c.map_or(String::new(), |c| c.what.clone()),
            ),
            Field::text(FieldKey::Partner, FieldKind::Partner, partner),
            Field::choice(
                FieldKey::PromisedBy,
                Side::ALL,
                Side::label,
                c.map_or(Side::Us, |c| c.side),
            ),
            Field::text(
                FieldKey::Due,
                FieldKind::Date {
                    optional: false,
                    past: false,
                },
                c.map_or("+2w".into(), |c| c.due.to_string()),
            ),
            outcome_field,
            Field::text(
                FieldKey::OutcomeDate,
                FieldKind::Date {
                    optional: true,
                    past: true,
                },
                on,
            ),
        ],
    )
}

pub fn win_form(c: Option<&Celebration>, partner: &str, milestones: &[&Milestone]) -> Form {
    let title = c.map_or(format!("Celebrate a win with {partner}"), |c| {
        format!("Edit celebration: {}", c.how)
    });
    let mut options = vec!["(none)".to_string()];
    options.extend(milestones.iter().map(|m| m.title.clone()));
    let mut milestone = Field::text(FieldKey::Milestone, FieldKind::Choice(options), "");
    milestone.choice = c
        .and_then(|c| c.milestone)
        .and_then(|id| milestones.iter().position(|m| m.id == id))
        .map_or(0, |i| i + 1);
    Form::new(
        title,
        vec![
            Field::text(
                FieldKey::How,
                FieldKind::Required,
                c.map_or(String::new(), |c| c.how.clone()),
            ),
            Field::text(
                FieldKey::WithWhom,
                FieldKind::Text,
                c.map_or(String::new(), |c| c.with.clone()),
            ),
            Field::text(
                FieldKey::Date,
                FieldKind::Date {
                    optional: false,
                    past: true,
                },
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

/// `form` with a field naming a team member (`key`: who owns the partner, keeps our commitment,
/// does the follow-up) after the field `after`, holding `owner`'s name; the form as it is when
/// the file has no team yet (nobody to name).
pub fn with_owner(
    mut form: Form,
    key: FieldKey,
    ws: &Workspace,
    owner: Option<&str>,
    after: FieldKey,
) -> Form {
    if ws.members.is_empty() {
        return form;
    }
    let at = form
        .fields
        .iter()
        .position(|f| f.key == after)
        .map_or(form.fields.len(), |i| i + 1);
    let name = owner.map_or(String::new(), |o| ws.member_name(o).to_string());
    let mut field = Field::text(key, FieldKind::Text, name);
    let names: Vec<&str> = ws.members.iter().map(|m| m.name.as_str()).collect();
    field.hint = format!("a team member: {} (empty: nobody)", names.join(", "));
    form.fields.insert(at, field);
    form
}

pub fn partner_form(p: Option<&Partner>, today: NaiveDate) -> Form {
    let fresh = Partner::new(PartnerId(0), "", today);
    let p = p.unwrap_or(&fresh);
    let title = if p.id.0 == 0 {
        "New partner".to_string()
    } else {
        format!("Edit partner: {}", p.name)
    };
    Form::new(
        title,
        vec![
            Field::text(FieldKey::Name, FieldKind::Required, p.name.clone()),
            Field::choice(FieldKey::Kind, PartnerKind::ALL, PartnerKind::label, p.kind),
            Field::choice(FieldKey::Phase, Phase::ALL, Phase::label, p.phase),
            Field::text(
                FieldKey::Since,
                FieldKind::Date {
                    optional: false,
                    past: true,
                },
                p.since.to_string(),
            ),
            Field::text(
                FieldKey::ContactIdealDays,
                FieldKind::Number { optional: false },
                p.cadence.ideal_days.to_string(),
            ),
            Field::text(
                FieldKey::ContactMaxDays,
                FieldKind::Number { optional: false },
                p.cadence.max_days.to_string(),
            ),
            Field::text(
                FieldKey::ReviewEveryDays,
                FieldKind::Number { optional: false },
                p.review_interval_days.to_string(),
            ),
            Field::text(FieldKey::LongTermAim, FieldKind::Text, p.aim.clone()),
            Field::text(FieldKey::Values, FieldKind::List, list_text(&p.values)),
            Field::text(FieldKey::Offers, FieldKind::List, list_text(&p.offers)),
            Field::text(FieldKey::Needs, FieldKind::List, list_text(&p.needs)),
            Field::text(FieldKey::Tags, FieldKind::List, list_text(&p.tags)),
            Field::text(
                FieldKey::Contacts,
                FieldKind::Text,
                Contact::list_text(&p.contacts),
            ),
            Field::text(
                FieldKey::MailDomains,
                FieldKind::List,
                list_text(&p.domains),
            ),
            Field::text(FieldKey::Notes, FieldKind::Text, p.notes.clone()),
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
                FieldKey::Title,
                FieldKind::Required,
                g.map_or(String::new(), |g| g.title.clone()),
            ),
            Field::text(FieldKey::Partner, FieldKind::Partner, partner),
            Field::text(
                FieldKey::Metric,
                FieldKind::Text,
                g.map_or(String::new(), |g| g.metric.clone()),
            ),
            Field::text(
                FieldKey::Unit,
                FieldKind::Text,
                g.map_or(String::new(), |g| g.unit.clone()),
            ),
            Field::text(
                FieldKey::Baseline,
                FieldKind::Number { optional: false },
                g.map_or("0".into(), |g| num_text(g.baseline)),
            ),
            Field::text(
                FieldKey::Target,
                FieldKind::Number { optional: true },
                g.and_then(|g| g.target).map_or(String::new(), num_text),
            ),
            Field::text(
                FieldKey::Current,
                FieldKind::Number { optional: false },
                g.map_or("0".into(), |g| num_text(g.current)),
            ),
            Field::choice(
                FieldKey::Owner,
                Owner::ALL,
                Owner::label,
                g.map_or(Owner::Joint, |g| g.owner),
            ),
            Field::text(
                FieldKey::Start,
                FieldKind::Date {
                    optional: false,
                    past: false,
                },
                g.map_or(today, |g| g.start).to_string(),
            ),
            Field::text(
                FieldKey::Due,
                FieldKind::Date {
                    optional: true,
                    past: false,
                },
                date_text(g.and_then(|g| g.due)),
            ),
            Field::choice(
                FieldKey::Status,
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
    let mut goal = Field::text(FieldKey::Goal, FieldKind::Choice(options), "");
    goal.choice = choice;
    Form::new(
        title,
        vec![
            Field::text(
                FieldKey::Title,
                FieldKind::Required,
                m.map_or(String::new(), |m| m.title.clone()),
            ),
            Field::text(FieldKey::Partner, FieldKind::Partner, partner),
            goal,
            Field::text(
                FieldKey::Due,
                FieldKind::Date {
                    optional: false,
                    past: false,
                },
                m.map_or("+2w".into(), |m| m.due.to_string()),
            ),
            Field::text(
                FieldKey::Done,
                FieldKind::Date {
                    optional: true,
                    past: true,
                },
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
                FieldKey::Summary,
                FieldKind::Required,
                i.map_or(String::new(), |i| i.summary.clone()),
            ),
            Field::text(FieldKey::Partner, FieldKind::Partner, partner_name),
            Field::choice(
                FieldKey::Channel,
                Channel::ALL,
                Channel::label,
                i.map_or(Channel::Call, |i| i.channel),
            ),
            Field::choice(
                FieldKey::InitiatedBy,
                Side::ALL,
                Side::label,
                i.map_or(Side::Us, |i| i.initiated_by),
            ),
            Field::text(
                FieldKey::When,
                FieldKind::DateTime,
                i.map_or("now".into(), |i| i.at.format("%Y-%m-%d %H:%M").to_string()),
            ),
            Field::text(
                FieldKey::Sentiment,
                FieldKind::Number { optional: true },
                i.and_then(|i| i.sentiment)
                    .map_or(String::new(), |s| s.to_string()),
            ),
            Field::text(
                FieldKey::FollowUp,
                FieldKind::Text,
                follow.as_ref().map_or(String::new(), |f| f.what.clone()),
            ),
            Field::text(
                FieldKey::FollowUpDue,
                FieldKind::Date {
                    optional: true,
                    past: false,
                },
                follow.as_ref().map_or(String::new(), |f| f.due.to_string()),
            ),
            Field::text(
                FieldKey::FollowUpDone,
                FieldKind::Date {
                    optional: true,
                    past: true,
                },
                date_text(follow.and_then(|f| f.done)),
            ),
        ],
    )
}

pub fn profile_form(p: &Profile) -> Form {
    Form::new(
        "Our profile",
        vec![
            Field::text(FieldKey::Name, FieldKind::Required, p.name.clone()),
            Field::text(FieldKey::Values, FieldKind::List, list_text(&p.values)),
            Field::text(FieldKey::Offers, FieldKind::List, list_text(&p.offers)),
            Field::text(FieldKey::Needs, FieldKind::List, list_text(&p.needs)),
            Field::text(FieldKey::TeamMail, FieldKind::List, list_text(&p.team)),
        ],
    )
}

/// The profile form, and the team's members' names to edit once the file has a team
/// (`key: Name; key: Name`: the keys stay, the names are theirs to correct).
pub fn profile_form_in(ws: &Workspace) -> Form {
    let mut form = profile_form(&ws.profile);
    if !ws.members.is_empty() {
        let text: Vec<String> = ws
            .members
            .iter()
            .map(|m| format!("{}: {}", m.key, m.name))
            .collect();
        let mut field = Field::text(FieldKey::TeamMembers, FieldKind::Text, text.join("; "));
        field.hint = "key: Name; … (each member as records name them, then their name)".into();
        form.fields.push(field);
    }
    form
}

/// `skip_key` closes the form without a celebration (the form's cancel).
pub fn celebration_form(m: &Milestone, skip_key: &str) -> Form {
    Form::new(
        format!("Celebrate: {} ({skip_key} skips)", m.title),
        vec![
            Field::text(FieldKey::How, FieldKind::Required, ""),
            Field::text(FieldKey::WithWhom, FieldKind::Text, ""),
            Field::text(
                FieldKey::Date,
                FieldKind::Date {
                    optional: false,
                    past: true,
                },
                "today",
            ),
        ],
    )
}
