//! How a filled form becomes a record again, with every problem reported beside its field:
//! nothing invalid leaves a form.

use super::FormTarget;
use crate::app::form::{FieldKind, Form};
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
        FormTarget::Profile => profile(&mut r),
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
    // Several people, as a list: `name | role | email | phone`, `;` between them.
    p.contacts = Contact::parse_list(r.form.get("Contacts").value());
    let problems: Vec<String> = p
        .contacts
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.problem().map(|e| format!("contact {} {e}", i + 1)))
        .collect();
    if !problems.is_empty() {
        r.form.set_error("Contacts", problems.join("; "));
    }
    p.domains = r.list("Mail domains");
    p.notes = r.form.get("Notes").value().to_string();
    Built::Partner(p)
}

/// A goal's current value, and its status when the form asks for it.
fn goal_progress(r: &mut Reader<'_>, goal: &Goal) -> Built {
    let mut g = goal.clone();
    if let Some(n) = r.number("Current") {
        g.current = n;
    }
    if r.form.fields.iter().any(|f| f.label == "Status") {
        g.status = GoalStatus::ALL[r.choice("Status")];
    }
    Built::Goal(g)
}

/// A goal, new or edited.
fn goal(r: &mut Reader<'_>, ws: &Workspace, default: PartnerId, id: Option<GoalId>) -> Built {
    let today = r.now.date();
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
        authors: Default::default(),
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
        .choice("Goal")
        .checked_sub(1)
        .and_then(|i| goals.get(i).copied());
    Built::Milestone(Milestone {
        authors: Default::default(),
        id: id.unwrap_or(MilestoneId(0)),
        partner,
        goal,
        title: r.text("Title"),
        due: r.date("Due").unwrap_or(today),
        done: r.date("Done"),
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
    let summary = r.text("Summary");
    let when = r.form.get("When").value().to_string();
    let at = match parse_date_time(&when, now) {
        Ok(at) => at,
        Err(e) => {
            r.form.set_error("When", e);
            now
        }
    };
    // A contact in the future is most likely a slip (a weekday meant as the last
    // one): said once, then saved as it is.
    if at.date() > today && r.form.future_warned.as_deref() != Some(when.trim()) {
        r.form.set_error(
            "When",
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
        channel: Some(Channel::ALL[r.choice("Channel")]),
        initiated_by: Some(Side::ALL[r.choice("Initiated by")]),
        summary,
        sentiment: r.number("Sentiment 1-5"),
        follow_up: r.text("Follow-up"),
        follow_up_due: r.date("Follow-up due"),
        follow_up_done: r.date("Follow-up done"),
    };
    match entry.build(id.unwrap_or(InteractionId(0))) {
        Ok(x) => Some(Built::Interaction(x)),
        Err(refusals) => {
            for refusal in refusals {
                let (label, text) = match refusal.part() {
                    LogPart::Summary => ("Summary", "must not be empty"),
                    LogPart::Sentiment => ("Sentiment 1-5", "a whole number from 1 to 5, or empty"),
                    LogPart::FollowUp => ("Follow-up", "say what the follow-up is"),
                };
                r.form.set_error(label, text);
            }
            None
        }
    }
}

/// The workspace's own profile.
fn profile(r: &mut Reader<'_>) -> Built {
    Built::Profile(Profile {
        name: r.text("Name"),
        values: r.list("Values"),
        offers: r.list("Offers"),
        needs: r.list("Needs"),
        team: r.list("Team mail"),
    })
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
        authors: Default::default(),
        owner: None,
        id: id.unwrap_or(CommitmentId(0)),
        partner,
        side: Side::ALL[r.choice("Promised by")],
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
        .choice("Milestone")
        .checked_sub(1)
        .and_then(|i| milestones.get(i).copied());
    Built::Celebration(Celebration {
        authors: Default::default(),
        id: id.unwrap_or(CelebrationId(0)),
        partner,
        milestone,
        how: r.text("How"),
        with: r.text("With whom"),
        date: r.date("Date").unwrap_or(today),
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
        how: r.text("How"),
        with: r.text("With whom"),
        date: r.date("Date").unwrap_or(today),
    })
}
