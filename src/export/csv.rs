//! CSV export: one table per record kind (`partners.csv`, `contacts.csv`, `goals.csv`,
//! `milestones.csv`, `interactions.csv`, `commitments.csv`, `reviews.csv`,
//! `celebrations.csv`), UTF-8, a header row, quoting where needed (the `csv` crate).
//!
//! Conventions: dates `YYYY-MM-DD`, times `YYYY-MM-DD HH:MM` (with `:SS` when the seconds are
//! not zero), choices by their label (`winding down`), lists joined with `"; "`, empty cells for
//! absent values. Every record carries its id, and records of a partner carry both
//! `partner_id` and the partner's name. A partner's contacts are in `partners.csv` too, as
//! `name | role | email | phone` joined with `"; "`, so that the partners table alone
//! round-trips; `contacts.csv` lists them one per row for mail merges.
//!
//! `partners.csv` and `interactions.csv` are what `partnerdeck import csv` reads back.
//!
//! Cells of the user's text are made safe for the places a CSV file goes ([`text_cell`]):
//! control characters inert for terminals, and a leading `'` before what a spreadsheet would
//! run as a formula, which the importer takes off again ([`unguard`]).

use super::text::number;
use crate::model::*;
use chrono::{NaiveDateTime, Timelike};

/// A table of the CSV export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Partners,
    Contacts,
    Goals,
    Milestones,
    Interactions,
    Commitments,
    Reviews,
    Celebrations,
    /// Every partner's monthly health history (not a record table, so not in `ALL`; it needs
    /// today: `export::health::csv`).
    Health,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Partners,
        Kind::Contacts,
        Kind::Goals,
        Kind::Milestones,
        Kind::Interactions,
        Kind::Commitments,
        Kind::Reviews,
        Kind::Celebrations,
    ];

    /// The table's name, as in `--kind` and the file name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Partners => "partners",
            Kind::Contacts => "contacts",
            Kind::Goals => "goals",
            Kind::Milestones => "milestones",
            Kind::Interactions => "interactions",
            Kind::Commitments => "commitments",
            Kind::Reviews => "reviews",
            Kind::Celebrations => "celebrations",
            Kind::Health => "health",
        }
    }

    /// `partners.csv`.
    pub fn file_name(self) -> String {
        format!("{}.csv", self.name())
    }

    /// The header row.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Kind::Partners => PARTNER_COLUMNS,
            Kind::Contacts => &["partner_id", "partner", "name", "role", "email", "phone"],
            Kind::Goals => &[
                "id",
                "partner_id",
                "partner",
                "title",
                "metric",
                "unit",
                "baseline",
                "target",
                "current",
                "progress_percent",
                "owner",
                "start",
                "due",
                "status",
            ],
            Kind::Milestones => &[
                "id",
                "partner_id",
                "partner",
                "goal_id",
                "goal",
                "title",
                "due",
                "done",
            ],
            Kind::Interactions => INTERACTION_COLUMNS,
            Kind::Commitments => &[
                "id",
                "partner_id",
                "partner",
                "side",
                "what",
                "due",
                "outcome",
                "outcome_date",
            ],
            Kind::Reviews => REVIEW_COLUMNS,
            Kind::Health => super::health::COLUMNS,
            Kind::Celebrations => &[
                "id",
                "partner_id",
                "partner",
                "milestone_id",
                "milestone",
                "date",
                "how",
                "with",
            ],
        }
    }
}

/// The columns of `partners.csv`.
pub const PARTNER_COLUMNS: &[&str] = &[
    "id",
    "name",
    "kind",
    "phase",
    "since",
    "values",
    "offers",
    "needs",
    "contacts",
    "ideal_days",
    "max_days",
    "review_interval_days",
    "aim",
    "tags",
    "notes",
];

/// The columns of `interactions.csv`.
pub const INTERACTION_COLUMNS: &[&str] = &[
    "id",
    "partner_id",
    "partner",
    "at",
    "channel",
    "initiated_by",
    "summary",
    "sentiment",
    "follow_up",
    "follow_up_due",
    "follow_up_done",
];

const REVIEW_COLUMNS: &[&str] = &[
    "id",
    "partner_id",
    "partner",
    "date",
    "mean",
    "values",
    "communication",
    "clarity",
    "strengths",
    "trust",
    "long_term",
    "improvement",
    "celebration",
    "values_note",
    "communication_note",
    "clarity_note",
    "strengths_note",
    "trust_note",
    "long_term_note",
    "improvement_note",
    "celebration_note",
    "feedback",
    "next_review",
];

/// What joins the items of a list in one cell.
pub const LIST_SEPARATOR: &str = "; ";

/// What separates the fields of one contact in the `contacts` cell.
pub const CONTACT_FIELD_SEPARATOR: &str = Contact::FIELD_SEPARATOR;

/// A list as one cell.
pub fn join(list: &[String]) -> String {
    list.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

/// A cell split back into a list.
pub fn split(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// One contact as `name | role | email | phone` (empty fields at the end left off).
pub fn contact_cell(c: &Contact) -> String {
    c.text()
}

/// The contacts cell read back.
pub fn parse_contacts(cell: &str) -> Vec<Contact> {
    Contact::parse_list(cell)
}

/// A time as written in the tables.
pub fn time(at: NaiveDateTime) -> String {
    if at.second() == 0 {
        at.format("%Y-%m-%d %H:%M").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// What makes a spreadsheet read a cell as a formula (OWASP's list for CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` starts with `'`s and then a formula start (including none of them).
fn starts_like_a_formula(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// A cell of the user's text, as written: control characters made inert (`text::clean_lines`,
/// line breaks kept, since the file is read in terminals too), and a `'` put before text a
/// spreadsheet would run as a formula (`=1+2`, `+cmd|…`, `@SUM(…)`, `-x`), as OWASP
/// recommends. Text that already starts with `'`s and then such a character gets one more `'`,
/// so that [`unguard`] can always take exactly one off. Only text cells are guarded: numbers
/// (`-5`), dates and ids are written as they are.
pub fn text_cell(text: &str) -> String {
    let text = crate::text::clean_lines(text);
    if starts_like_a_formula(&text) {
        format!("'{text}")
    } else {
        text.into_owned()
    }
}

/// A cell read back by `import`: the `'` that [`text_cell`] put before a formula-like text
/// taken off again, so that an export reads back as it was.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_like_a_formula(rest) => rest,
        _ => cell,
    }
}

/// One table as CSV text.
pub fn table(ws: &Workspace, kind: Kind) -> Result<String, ::csv::Error> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(kind.columns())?;
    match kind {
        Kind::Partners => partner_rows(&mut w, ws)?,
        Kind::Contacts => contact_rows(&mut w, ws)?,
        Kind::Goals => goal_rows(&mut w, ws)?,
        Kind::Milestones => milestone_rows(&mut w, ws)?,
        Kind::Interactions => interaction_rows(&mut w, ws)?,
        Kind::Commitments => commitment_rows(&mut w, ws)?,
        Kind::Reviews => review_rows(&mut w, ws)?,
        Kind::Celebrations => celebration_rows(&mut w, ws)?,
        Kind::Health => {
            return Err(std::io::Error::other(
                "the health table is computed for a day: use export::health::csv",
            )
            .into());
        }
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).expect("every cell is a Rust string, so UTF-8"))
}

/// A table being written.
type Writer = ::csv::Writer<Vec<u8>>;

/// One row a partner.
fn partner_rows(w: &mut Writer, ws: &Workspace) -> Result<(), ::csv::Error> {
    let list = |items: &[String]| text_cell(&join(items));
    for p in &ws.partners {
        let contacts: Vec<String> = p.contacts.iter().map(contact_cell).collect();
        let contacts = text_cell(&contacts.join(LIST_SEPARATOR));
        w.write_record([
            p.id.0.to_string(),
            text_cell(&p.name),
            p.kind.label().into(),
            p.phase.label().into(),
            p.since.to_string(),
            list(&p.values),
            list(&p.offers),
            list(&p.needs),
            contacts,
            p.cadence.ideal_days.to_string(),
            p.cadence.max_days.to_string(),
            p.review_interval_days.to_string(),
            text_cell(&p.aim),
            list(&p.tags),
            text_cell(&p.notes),
        ])?;
    }
    Ok(())
}

/// One row a contact person, with their partner.
fn contact_rows(w: &mut Writer, ws: &Workspace) -> Result<(), ::csv::Error> {
    for p in &ws.partners {
        for c in &p.contacts {
            w.write_record([
                p.id.0.to_string(),
                text_cell(&p.name),
                text_cell(&c.name),
                text_cell(&c.role),
                text_cell(&c.email),
                text_cell(&c.phone),
            ])?;
        }
    }
    Ok(())
}

/// One row a goal, with its progress.
fn goal_rows(w: &mut Writer, ws: &Workspace) -> Result<(), ::csv::Error> {
    let name = |id: PartnerId| ws.partner_name(id).map(text_cell).unwrap_or_default();
    for g in &ws.goals {
        w.write_record([
            g.id.0.to_string(),
            g.partner.0.to_string(),
            name(g.partner),
            text_cell(&g.title),
            text_cell(&g.metric),
            text_cell(&g.unit),
            number(g.baseline),
            g.target.map(number).unwrap_or_default(),
            number(g.current),
            opt(g.progress().map(|p| format!("{:.0}", p * 100.0))),
            g.owner.label().into(),
            g.start.to_string(),
            opt(g.due),
            g.status.label().into(),
        ])?;
    }
    Ok(())
}

/// One row a milestone, with its goal's title.
fn milestone_rows(w: &mut Writer, ws: &Workspace) -> Result<(), ::csv::Error> {
    let name = |id: PartnerId| ws.partner_name(id).map(text_cell).unwrap_or_default();
    for m in &ws.milestones {
        let goal = m.goal.and_then(|g| ws.goal(g));
        w.write_record([
            m.id.0.to_string(),
            m.partner.0.to_string(),
            name(m.partner),
            opt(m.goal.map(|g| g.0)),
            goal.map(|g| text_cell(&g.title)).unwrap_or_default(),
            text_cell(&m.title),
            m.due.to_string(),
            opt(m.done),
        ])?;
    }
    Ok(())
}

/// One row a log entry, with its follow-up.
fn interaction_rows(w: &mut Writer, ws: &Workspace) -> Result<(), ::csv::Error> {
    let name = |id: PartnerId| ws.partner_name(id).map(text_cell).unwrap_or_default();
    for x in &ws.interactions {
        let f = x.follow_up.as_ref();
        w.write_record([
            x.id.0.to_string(),
            x.partner.0.to_string(),
            name(x.partner),
            time(x.at),
            x.channel.label().into(),
            x.initiated_by.label().into(),
            text_cell(&x.summary),
            opt(x.sentiment),
            f.map(|f| text_cell(&f.what)).unwrap_or_default(),
            opt(f.map(|f| f.due)),
            opt(f.and_then(|f| f.done)),
        ])?;
    }
    Ok(())
}

/// One row a commitment, with its outcome.
fn commitment_rows(w: &mut Writer, ws: &Workspace) -> Result<(), ::csv::Error> {
    let name = |id: PartnerId| ws.partner_name(id).map(text_cell).unwrap_or_default();
    for k in &ws.commitments {
        let (outcome, date) = match k.outcome {
            Some(Outcome::Kept(d)) => ("kept", d.to_string()),
            Some(Outcome::Missed(d)) => ("missed", d.to_string()),
            None => ("", String::new()),
        };
        w.write_record([
            k.id.0.to_string(),
            k.partner.0.to_string(),
            name(k.partner),
            k.side.label().into(),
            text_cell(&k.what),
            k.due.to_string(),
            outcome.into(),
            date,
        ])?;
    }
    Ok(())
}

/// One row a review: the mean, each practice's score, then each note.
fn review_rows(w: &mut Writer, ws: &Workspace) -> Result<(), ::csv::Error> {
    let name = |id: PartnerId| ws.partner_name(id).map(text_cell).unwrap_or_default();
    for r in &ws.reviews {
        let mut row = vec![
            r.id.0.to_string(),
            r.partner.0.to_string(),
            name(r.partner),
            r.date.to_string(),
            format!("{:.2}", r.ratings.mean()),
        ];
        row.extend(
            Practice::ALL
                .iter()
                .map(|p| r.ratings.get(*p).score.to_string()),
        );
        row.extend(
            Practice::ALL
                .iter()
                .map(|p| text_cell(&r.ratings.get(*p).note)),
        );
        row.push(text_cell(&r.feedback));
        row.push(opt(r.next_review));
        w.write_record(&row)?;
    }
    Ok(())
}

/// One row a celebration, with its milestone's title.
fn celebration_rows(w: &mut Writer, ws: &Workspace) -> Result<(), ::csv::Error> {
    let name = |id: PartnerId| ws.partner_name(id).map(text_cell).unwrap_or_default();
    for c in &ws.celebrations {
        let m = c.milestone.and_then(|m| ws.milestone(m));
        w.write_record([
            c.id.0.to_string(),
            c.partner.0.to_string(),
            name(c.partner),
            opt(c.milestone.map(|m| m.0)),
            m.map(|m| text_cell(&m.title)).unwrap_or_default(),
            c.date.to_string(),
            text_cell(&c.how),
            text_cell(&c.with),
        ])?;
    }
    Ok(())
}

/// Every table: `(file name, CSV text)`.
pub fn tables(ws: &Workspace) -> Result<Vec<(String, String)>, ::csv::Error> {
    Kind::ALL
        .iter()
        .map(|k| Ok((k.file_name(), table(ws, *k)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_contacts_survive_a_cell() {
        let list = vec!["a".to_string(), " b ".into(), "".into()];
        assert_eq!(join(&list), "a; b");
        assert_eq!(split("a; b;;"), vec!["a", "b"]);
        let c = Contact {
            name: "Ada".into(),
            role: String::new(),
            email: "ada@example.org".into(),
            phone: String::new(),
        };
        assert_eq!(contact_cell(&c), "Ada |  | ada@example.org");
        assert_eq!(parse_contacts(&contact_cell(&c)), vec![c]);
    }

    #[test]
    fn every_kind_has_a_header_of_its_own() {
        for k in Kind::ALL {
            let text = table(&Workspace::named("Us"), k).unwrap();
            assert_eq!(text.trim_end(), k.columns().join(","));
        }
    }
}
