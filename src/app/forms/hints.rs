//! What a form offers while it is filled: values already used in the workspace (completion)
//! and the hint under the field being typed.

use crate::app::form::{Field, FieldKey, FieldKind, Form};
use crate::model::dates::{Toward, parse_date_time, parse_day};
use crate::model::*;
use chrono::NaiveDateTime;

/// Values already used in the workspace for a list field, for completion.
pub fn known_values<'a>(key: FieldKey, ws: &'a Workspace) -> Vec<&'a str> {
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
    match key {
        FieldKey::Values => {
            add(&ws.profile.values);
            ws.partners.iter().for_each(|p| add(&p.values));
        }
        FieldKey::Offers | FieldKey::Needs => {
            add(&ws.profile.offers);
            add(&ws.profile.needs);
            ws.partners.iter().for_each(|p| {
                add(&p.offers);
                add(&p.needs);
            });
        }
        FieldKey::Tags => ws.partners.iter().for_each(|p| add(&p.tags)),
        _ => {}
    }
    out
}

/// Completions for the last item of a list field: known values starting with it (or matching
/// it fuzzily), not already in the list.
pub fn completions<'a>(field: &Field, ws: &'a Workspace) -> Vec<&'a str> {
    if last_item(field).is_empty() {
        return Vec::new();
    }
    completions_among(field, &known_values(field.key, ws))
}

/// The item being typed in a list field: its last (empty when there is none).
fn last_item(field: &Field) -> &str {
    field.value().rsplit(',').next().unwrap_or("").trim()
}

/// [`completions`] among the `known` values.
fn completions_among<'a>(field: &Field, known: &[&'a str]) -> Vec<&'a str> {
    let items = field.value().split(',').map(str::trim).collect::<Vec<_>>();
    let last = last_item(field);
    if last.is_empty() {
        return Vec::new();
    }
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

/// Shows the resolved date beside date fields, the picked partner, and the focused list
/// field's completions ([`refresh_hint`] for each field). Completions complete the focused field:
/// the other list fields show none (working them out reads every partner), and show theirs once
/// focus comes to them.
pub fn refresh_hints(form: &mut Form, now: NaiveDateTime, ws: &Workspace, complete_key: &str) {
    let focus = form.focus;
    for (i, f) in form.fields.iter_mut().enumerate() {
        if f.kind == FieldKind::List && i != focus {
            f.hint.clear();
        } else {
            refresh_hint(f, now, ws, complete_key);
        }
    }
}

/// What a list field shows under it: its completions and the key that takes the first.
fn list_hint(completions: &[&str], complete_key: &str) -> String {
    if completions.is_empty() {
        String::new()
    } else {
        format!("{complete_key}: {}", completions.join(", "))
    }
}

/// The value a date field's text stands for (`now`, `fri`, `+3d` resolved), when it reads and
/// says something other than its text; `None` for other fields.
pub fn resolved(f: &Field, now: NaiveDateTime) -> Option<String> {
    let text = f.value().trim();
    let value = match f.kind {
        FieldKind::Date { past, .. } if !text.is_empty() => {
            let toward = if past { Toward::Past } else { Toward::Next };
            parse_day(text, now.date(), toward).ok()?.to_string()
        }
        FieldKind::DateTime => parse_date_time(text, now)
            .ok()?
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        _ => return None,
    };
    (value != text).then_some(value)
}

/// What the contacts field shows: how to write it while empty, else the people it reads as
/// (so a `;` or `|` in the wrong place shows at once).
fn contacts_hint(value: &str) -> String {
    let contacts = Contact::parse_list(value);
    if contacts.is_empty() {
        return "name | role | email | phone; the next person after ;".into();
    }
    let people: Vec<String> = contacts
        .iter()
        .map(|c| match c.role.trim() {
            "" => c.name.trim().to_string(),
            role => format!("{} ({role})", c.name.trim()),
        })
        .collect();
    format!(
        "→ {}: {}",
        crate::words::plural(contacts.len(), "person", "people"),
        people.join(", ")
    )
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
            FieldKind::List => list_hint(&completions(f, ws), complete_key),
            FieldKind::Text if f.key == FieldKey::Contacts => contacts_hint(f.value()),
            FieldKind::Date { past, .. } if !f.value().trim().is_empty() => {
                let toward = if past { Toward::Past } else { Toward::Next };
                match parse_day(f.value(), now.date(), toward) {
                    Ok(d) => format!("→ {}", d.format("%a %Y-%m-%d")),
                    Err(_) => String::new(),
                }
            }
            FieldKind::DateTime => match parse_date_time(f.value(), now) {
                Ok(t) => format!("→ {}", t.format("%a %Y-%m-%d %H:%M")),
                Err(_) => String::new(),
            },
            FieldKind::Date { .. } if f.key == FieldKey::FollowUpDue => {
                "empty: a week after the contact".into()
            }
            _ => String::new(),
        };
    }
}
