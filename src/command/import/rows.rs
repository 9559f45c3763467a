//! Reading one row of an import: a partner's or a log entry's fields, each checked and
//! reported beside its row, and a relative date's reading noted.

use super::{Added, Plan, Row, RowNote, Seen, interaction_key, q};
use crate::export::csv::{self, parse_contacts, split};
use crate::export::text::one_line;
use crate::model::dates::{DateError, Toward, parse_date_time, parse_day};
use crate::model::*;
use chrono::{NaiveDate, NaiveDateTime};

fn choice<T>(
    text: &str,
    field: &str,
    parse: impl Fn(&str) -> Option<T>,
    all: &[T],
    label: impl Fn(&T) -> &'static str,
    errors: &mut Vec<String>,
) -> Option<T> {
    if text.is_empty() {
        return None;
    }
    let found = parse(text);
    if found.is_none() {
        let names: Vec<&str> = all.iter().map(label).collect();
        let (last, first) = names.split_last().map_or(("", &[][..]), |(l, f)| (*l, f));
        errors.push(format!(
            "bad {field} `{}` (use {} or {last})",
            q(text),
            first.join(", ")
        ));
    }
    found
}

/// Whether a date or time is written out (`2026-11-20`, `2026-11-20 14:30`), not relative to
/// today (`yesterday`, `-2d`, `fri`).
fn is_absolute(text: &str) -> bool {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()
        || [
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
        ]
        .iter()
        .any(|f| NaiveDateTime::parse_from_str(t, f).is_ok())
}

/// Notes a relative date's reading ("at `yesterday` read as 2026-11-26 09:00").
fn note_relative(text: &str, field: &str, read_as: Option<String>, notes: &mut Vec<String>) {
    if let Some(read_as) = read_as
        && !text.trim().is_empty()
        && !is_absolute(text)
    {
        notes.push(format!("{field} `{}` read as {read_as}", q(text.trim())));
    }
}

fn date_field(
    text: &str,
    field: &str,
    today: NaiveDate,
    errors: &mut Vec<String>,
) -> Option<NaiveDate> {
    day_field(text, field, today, Toward::Next, errors)
}

/// A date something happened (a weekday is the latest one not after today).
fn past_date_field(
    text: &str,
    field: &str,
    today: NaiveDate,
    errors: &mut Vec<String>,
) -> Option<NaiveDate> {
    day_field(text, field, today, Toward::Past, errors)
}

fn day_field(
    text: &str,
    field: &str,
    today: NaiveDate,
    toward: Toward,
    errors: &mut Vec<String>,
) -> Option<NaiveDate> {
    if text.is_empty() {
        return None;
    }
    match parse_day(text, today, toward) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(format!(
                "bad date in {field}: `{}` (use YYYY-MM-DD, like 2026-12-01)",
                q(text)
            ));
            None
        }
    }
}

fn days_field(text: &str, field: &str, errors: &mut Vec<String>) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    match text.parse::<u32>() {
        Ok(n) => Some(n),
        Err(_) => {
            errors.push(format!(
                "bad {field} `{}` (a whole number of days)",
                q(text)
            ));
            None
        }
    }
}

/// The problems `validate` finds in a workspace holding `ws`'s profile, one partner and
/// optionally one log entry: the model's own rules for a single new record.
fn problems_of(
    ws: &Workspace,
    partner: &Partner,
    interaction: Option<&Interaction>,
) -> Vec<String> {
    let mut scratch = Workspace::named(ws.profile.name.clone());
    scratch.partners.push(partner.clone());
    scratch.interactions.extend(interaction.cloned());
    validate(&scratch)
        .into_iter()
        .map(|problem| problem.message)
        .collect()
}

pub(super) fn partner_row(
    p: &mut Plan,
    seen: &mut Seen,
    row: &Row<'_>,
    row_no: u64,
    today: NaiveDate,
) {
    let mut errors = Vec::new();
    let name = one_line(row.get("name"));
    if name.is_empty() {
        errors.push("missing name".to_string());
    }
    let kind = choice(
        row.get("kind"),
        "kind",
        PartnerKind::parse,
        PartnerKind::ALL,
        |k| k.label(),
        &mut errors,
    );
    let phase = choice(
        row.get("phase"),
        "phase",
        Phase::parse,
        Phase::ALL,
        |k| k.label(),
        &mut errors,
    );
    let since_date = past_date_field(row.get("since"), "since", today, &mut errors);
    let mut relative = Vec::new();
    note_relative(
        row.get("since"),
        "since",
        since_date.map(|d| d.to_string()),
        &mut relative,
    );
    let since = since_date.unwrap_or(today);
    let ideal = days_field(row.get("ideal_days"), "ideal_days", &mut errors);
    let max = days_field(row.get("max_days"), "max_days", &mut errors);
    let interval = days_field(
        row.get("review_interval_days"),
        "review_interval_days",
        &mut errors,
    );
    let mut partner = Partner::new(PartnerId(p.workspace.max_id() + 1), name.clone(), since);
    if let Some(k) = kind {
        partner.kind = k;
    }
    if let Some(ph) = phase {
        partner.phase = ph;
    }
    partner.values = split(row.get("values"));
    partner.offers = split(row.get("offers"));
    partner.needs = split(row.get("needs"));
    partner.contacts = parse_contacts(row.get("contacts"));
    if let Some(n) = ideal {
        partner.cadence.ideal_days = n;
    }
    if let Some(n) = max {
        partner.cadence.max_days = n;
    } else if ideal.is_some() {
        partner.cadence.max_days = partner.cadence.max_days.max(partner.cadence.ideal_days);
    }
    if let Some(n) = interval {
        partner.review_interval_days = n;
    }
    partner.aim = row.get("aim").to_string();
    partner.tags = split(row.get("tags"));
    partner.notes = row.get("notes").to_string();
    if errors.is_empty() {
        errors.extend(problems_of(&p.workspace, &partner, None));
    }
    if !errors.is_empty() {
        p.rejected.push(RowNote {
            row: row_no,
            label: name,
            reason: errors.join("; "),
        });
        return;
    }
    let key = find::squash(&name);
    if let Some(why) = seen.names.get(&key) {
        p.skipped.push(RowNote {
            row: row_no,
            label: name,
            reason: format!("duplicate: {why}"),
        });
        return;
    }
    seen.names.insert(key, format!("same name as row {row_no}"));
    partner.id = match p.workspace.try_allocate_id() {
        Ok(id) => PartnerId(id),
        Err(e) => {
            p.rejected.push(RowNote {
                row: row_no,
                label: name,
                reason: e.to_string(),
            });
            return;
        }
    };
    p.added.push(Added {
        row: row_no,
        id: partner.id.0,
        text: format!("{} ({}, {})", q(&partner.name), partner.kind, partner.phase),
    });
    if !relative.is_empty() {
        p.relative.push(RowNote {
            row: row_no,
            label: partner.name.clone(),
            reason: relative.join("; "),
        });
    }
    p.workspace.partners.push(partner);
}

/// Reads a time: `2026-11-20 14:30`, `2026-11-20T14:30:00`, a bare date (09:00), or any form
/// the forms accept (`yesterday 9:30`, `-2d`).
pub fn parse_time(text: &str, today: NaiveDate) -> Result<NaiveDateTime, DateError> {
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text.trim(), f) {
            return Ok(t);
        }
    }
    let nine = today
        .and_hms_opt(9, 0, 0)
        .expect("09:00 exists on every day");
    parse_date_time(text, nine)
}

/// Why a sentiment cell is refused.
fn bad_sentiment(text: &str) -> String {
    format!("bad sentiment `{}` (a whole number from 1 to 5)", q(text))
}

pub(super) fn interaction_row(
    p: &mut Plan,
    seen: &mut Seen,
    row: &Row<'_>,
    row_no: u64,
    today: NaiveDate,
) {
    let mut errors = Vec::new();
    let summary = row.get("summary").to_string();
    let label = one_line(&summary);
    let partner = row_partner(&p.workspace, row, &mut errors);
    let at_text = row.get("at");
    let at = row_time(at_text, today, &mut errors);
    let channel = choice(
        row.get("channel"),
        "channel",
        Channel::parse,
        Channel::ALL,
        |c| c.label(),
        &mut errors,
    );
    let initiated_by = choice(
        row.get("initiated_by"),
        "initiated_by",
        Side::parse,
        Side::ALL,
        |s| s.label(),
        &mut errors,
    );
    let sentiment_text = row.get("sentiment");
    let sentiment = row_sentiment(sentiment_text, &mut errors);
    let due = date_field(
        row.get("follow_up_due"),
        "follow_up_due",
        today,
        &mut errors,
    );
    let done = past_date_field(
        row.get("follow_up_done"),
        "follow_up_done",
        today,
        &mut errors,
    );
    let mut relative = Vec::new();
    note_relative(at_text, "at", at.map(csv::time), &mut relative);
    note_relative(
        row.get("follow_up_due"),
        "follow_up_due",
        due.map(|d| d.to_string()),
        &mut relative,
    );
    note_relative(
        row.get("follow_up_done"),
        "follow_up_done",
        done.map(|d| d.to_string()),
        &mut relative,
    );
    // The record is built as the form and `log` build it: the same defaults, the same
    // refusals (said in the table's words).
    let built = at.map(|at| {
        LogEntry {
            partner: partner.as_ref().map_or_else(PartnerId::default, |p| p.id),
            at,
            channel,
            initiated_by,
            summary: summary.clone(),
            sentiment,
            follow_up: row.get("follow_up").to_string(),
            follow_up_due: due,
            follow_up_done: done,
        }
        .build(InteractionId(p.workspace.max_id() + 1))
    });
    let x = accepted(built, &summary, sentiment_text, &mut errors);
    let (Some(partner), Some(x), true) = (partner, x, errors.is_empty()) else {
        p.rejected.push(RowNote {
            row: row_no,
            label,
            reason: errors.join("; "),
        });
        return;
    };
    add_interaction(p, seen, row_no, label, partner, x, relative);
}

/// The partner a row names, by name (`partner`) or else by id (`partner_id`).
fn row_partner(ws: &Workspace, row: &Row<'_>, errors: &mut Vec<String>) -> Option<Partner> {
    let partner_text = row.get("partner");
    if !partner_text.is_empty() {
        match find::exact(ws, partner_text) {
            Some(found) => Some(found.clone()),
            None => {
                let hint = match find::partner(ws, partner_text) {
                    Ok(close) => format!(" (did you mean {}?)", q(&close.name)),
                    Err(_) => String::new(),
                };
                errors.push(format!("unknown partner `{}`{hint}", q(partner_text)));
                None
            }
        }
    } else {
        let id_text = row.get("partner_id");
        if id_text.is_empty() {
            errors.push("missing partner".into());
            None
        } else {
            // The whole id (as exports write it) or the form people see (`#k3f9x2qa`).
            match crate::model::IdText::parse(id_text) {
                Some(wanted) => {
                    let mut found = ws.partners.iter().filter(|x| wanted.matches(x.id.0));
                    match (found.next(), found.next()) {
                        (Some(one), None) => Some(one.clone()),
                        (Some(_), Some(_)) => {
                            errors.push(format!(
                                "partner id {} names more than one partner: use the whole id",
                                q(id_text)
                            ));
                            None
                        }
                        _ => {
                            errors.push(format!("unknown partner id {}", q(id_text)));
                            None
                        }
                    }
                }
                None => {
                    errors.push(format!("bad partner_id `{}`", q(id_text)));
                    None
                }
            }
        }
    }
}

/// A row's time (`at`), which it must have.
fn row_time(at_text: &str, today: NaiveDate, errors: &mut Vec<String>) -> Option<NaiveDateTime> {
    if at_text.is_empty() {
        errors.push("missing time (at)".into());
        None
    } else {
        match parse_time(at_text, today) {
            Ok(t) => Some(t),
            Err(_) => {
                errors.push(format!(
                    "bad date in at: `{}` (use YYYY-MM-DD HH:MM, like 2026-11-20 14:30)",
                    q(at_text)
                ));
                None
            }
        }
    }
}

/// A row's sentiment, if it gives one.
fn row_sentiment(sentiment_text: &str, errors: &mut Vec<String>) -> Option<f64> {
    if sentiment_text.is_empty() {
        None
    } else {
        match sentiment_text.parse::<f64>() {
            Ok(n) if n.is_finite() => Some(n),
            _ => {
                errors.push(bad_sentiment(sentiment_text));
                None
            }
        }
    }
}

/// The log entry built from a row, or `None` with the refusals said in the table's words.
fn accepted(
    built: Option<Result<Interaction, Vec<LogEntryError>>>,
    summary: &str,
    sentiment_text: &str,
    errors: &mut Vec<String>,
) -> Option<Interaction> {
    match built {
        Some(Ok(x)) => Some(x),
        Some(Err(refusals)) => {
            for r in refusals {
                errors.push(match r {
                    LogEntryError::EmptySummary => "missing summary".to_string(),
                    LogEntryError::Sentiment(_) => bad_sentiment(sentiment_text),
                    LogEntryError::DateWithoutFollowUp => {
                        "a follow-up date without a follow_up saying what".to_string()
                    }
                });
            }
            None
        }
        None => {
            if summary.trim().is_empty() {
                errors.push("missing summary".into());
            }
            None
        }
    }
}

/// Adds a row's log entry to the plan, unless the model refuses it or it repeats one already
/// there (or an earlier row); notes a relative date's reading.
fn add_interaction(
    p: &mut Plan,
    seen: &mut Seen,
    row_no: u64,
    label: String,
    partner: Partner,
    mut x: Interaction,
    relative: Vec<String>,
) {
    let problems = problems_of(&p.workspace, &partner, Some(&x));
    if !problems.is_empty() {
        p.rejected.push(RowNote {
            row: row_no,
            label,
            reason: problems.join("; "),
        });
        return;
    }
    let key = interaction_key(partner.id, x.at, &x.summary);
    if let Some(why) = seen.interactions.get(&key) {
        p.skipped.push(RowNote {
            row: row_no,
            label,
            reason: format!("duplicate: {why}"),
        });
        return;
    }
    seen.interactions.insert(
        key,
        format!("same partner, time and summary as row {row_no}"),
    );
    x.id = match p.workspace.try_allocate_id() {
        Ok(id) => InteractionId(id),
        Err(e) => {
            p.rejected.push(RowNote {
                row: row_no,
                label,
                reason: e.to_string(),
            });
            return;
        }
    };
    p.added.push(Added {
        row: row_no,
        id: x.id.0,
        text: format!(
            "{} · {} · {}: {}",
            q(&partner.name),
            csv::time(x.at),
            x.channel,
            q(&label)
        ),
    });
    if !relative.is_empty() {
        p.relative.push(RowNote {
            row: row_no,
            label,
            reason: relative.join("; "),
        });
    }
    p.workspace.interactions.push(x);
}
