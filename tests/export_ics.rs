//! The iCalendar export, parsed back with the `icalendar` crate's parser: valid structure,
//! RFC 5545 folding and escaping, stable UIDs, every kind of dated record.

mod common;

use chrono::{DateTime, Utc};
use common::cli::{cmd, stdout};
use common::day;
use icalendar::parser::{Component, read_calendar, unfold};
use partnerdeck::export::ics;
use partnerdeck::model::*;
use partnerdeck::store::demo::DEMO_ANCHOR;
use partnerdeck::store::demo_workspace;
use std::collections::{BTreeMap, BTreeSet};

fn stamp(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn prop<'a>(c: &'a Component<'a>, name: &str) -> Option<&'a str> {
    c.find_prop(name).map(|p| p.val.as_str())
}

fn text_prop(c: &Component<'_>, name: &str) -> String {
    c.find_prop(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .val
        .clone()
        .unescape_text()
        .as_str()
        .to_string()
}

/// UID → (component name, component) of a parsed calendar.
fn by_uid<'a>(cal: &'a [Component<'a>]) -> BTreeMap<String, &'a Component<'a>> {
    cal.iter()
        .map(|c| {
            (
                prop(c, "UID")
                    .expect("every component has a UID")
                    .to_string(),
                c,
            )
        })
        .collect()
}

fn assert_wire_format(text: &str) {
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn the_demo_calendar_parses_and_holds_every_dated_record() {
    let ws = demo_workspace(DEMO_ANCHOR);
    let today = DEMO_ANCHOR;
    let text = ics::calendar(&ws, today, stamp("2026-11-27T20:30:15Z"));
    assert_wire_format(&text);
    let unfolded = unfold(&text);
    let cal = read_calendar(&unfolded).expect("the calendar parses");
    assert_eq!(prop_of(&cal.properties, "VERSION"), Some("2.0"));
    assert!(prop_of(&cal.properties, "PRODID").is_some());

    let comps = by_uid(&cal.components);
    assert_eq!(comps.len(), cal.components.len(), "UIDs are unique");
    for c in &cal.components {
        assert_eq!(prop(c, "DTSTAMP"), Some("20261127T203015Z"));
        assert!(prop(c, "SUMMARY").is_some());
    }

    for m in &ws.milestones {
        let c = comps[&format!("milestone-{}@partnerdeck", m.id.0)];
        assert_eq!(c.name.as_str(), "VEVENT");
        let start = c.find_prop("DTSTART").unwrap();
        assert_eq!(start.val.as_str(), m.due.format("%Y%m%d").to_string());
        assert!(
            start
                .params
                .iter()
                .any(|p| p.key.as_str() == "VALUE" && p.val.as_ref().unwrap().as_str() == "DATE"),
            "milestones are all-day events"
        );
        assert!(text_prop(c, "SUMMARY").contains(&m.title));
    }
    for g in ws.goals.iter().filter(|g| g.due.is_some()) {
        let c = comps[&format!("goal-{}@partnerdeck", g.id.0)];
        assert_eq!(c.name.as_str(), "VEVENT");
        let want = if g.status == GoalStatus::Dropped {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        assert_eq!(prop(c, "STATUS"), Some(want));
    }
    let open_commitments: Vec<&Commitment> = ws
        .commitments
        .iter()
        .filter(|k| k.outcome.is_none())
        .collect();
    assert!(!open_commitments.is_empty());
    for k in open_commitments {
        let c = comps[&format!("commitment-{}@partnerdeck", k.id.0)];
        assert_eq!(c.name.as_str(), "VTODO");
        assert_eq!(prop(c, "STATUS"), Some("NEEDS-ACTION"));
        assert_eq!(
            prop(c, "DUE"),
            Some(k.due.format("%Y%m%d").to_string().as_str())
        );
    }
    let open_follow_ups: Vec<&Interaction> = ws
        .interactions
        .iter()
        .filter(|x| x.follow_up.as_ref().is_some_and(|f| f.done.is_none()))
        .collect();
    assert!(!open_follow_ups.is_empty());
    for x in open_follow_ups {
        let c = comps[&format!("followup-{}@partnerdeck", x.id.0)];
        assert_eq!(c.name.as_str(), "VTODO");
        assert!(text_prop(c, "SUMMARY").contains(&x.follow_up.as_ref().unwrap().what));
    }
    // A follow-up done long ago has left the calendar; one done recently is there, completed.
    for x in &ws.interactions {
        if let Some(done) = x.follow_up.as_ref().and_then(|f| f.done) {
            let uid = format!("followup-{}@partnerdeck", x.id.0);
            if (today - done).num_days() > ics::KEEP_RESOLVED_DAYS {
                assert!(!comps.contains_key(&uid));
            } else {
                assert_eq!(prop(comps[&uid], "STATUS"), Some("COMPLETED"));
                assert!(prop(comps[&uid], "COMPLETED").is_some());
            }
        }
    }
    // Next review dates: one per partner, at the insight layer's `next_due`.
    let idx = partnerdeck::insight::Index::build(&ws);
    for p in &ws.partners {
        let c = comps[&format!("review-{}@partnerdeck", p.id.0)];
        let next = partnerdeck::insight::partner_insight(&ws, &idx, p.id, today)
            .unwrap()
            .practices
            .improvement
            .next_due;
        assert_eq!(
            prop(c, "DTSTART"),
            Some(next.format("%Y%m%d").to_string().as_str())
        );
        assert!(text_prop(c, "SUMMARY").contains(&p.name));
    }
}

fn prop_of<'a>(props: &'a [icalendar::parser::Property<'a>], name: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|p| p.name.as_str() == name)
        .map(|p| p.val.as_str())
}

fn tricky_workspace() -> Workspace {
    let mut ws = Workspace::named("Us; the \"team\", of course");
    let p = PartnerId(ws.allocate_id());
    ws.partners.push(Partner::new(
        p,
        "Back\\slash; semi, comma Ltd",
        day("2025-01-01"),
    ));
    let m = MilestoneId(ws.allocate_id());
    ws.milestones.push(Milestone {
        authors: Default::default(),
        id: m,
        partner: p,
        goal: None,
        title: format!("森の図書館 — {} 🎉 end", "長い名前".repeat(12)),
        due: day("2026-12-01"),
        done: None,
    });
    let x = InteractionId(ws.allocate_id());
    ws.interactions.push(Interaction {
        authors: Default::default(),
        id: x,
        partner: p,
        at: day("2026-11-20").and_hms_opt(10, 0, 0).unwrap(),
        channel: Channel::Call,
        initiated_by: Side::Us,
        summary: "Line one\nline two; with, punctuation \\ and more".into(),
        sentiment: None,
        follow_up: Some(FollowUp {
            owner: None,
            what: "Send the deck, the budget; and \\ notes\nsecond line".into(),
            due: day("2026-12-02"),
            done: None,
        }),
    });
    ws
}

#[test]
fn text_is_escaped_and_folded_and_reads_back_unchanged() {
    let ws = tricky_workspace();
    let text = ics::calendar(&ws, day("2026-11-27"), stamp("2026-11-27T00:00:00Z"));
    assert_wire_format(&text);
    assert!(text.contains("\r\n "), "long lines are folded");
    let unfolded = unfold(&text);
    let cal = read_calendar(&unfolded).unwrap();
    let comps = by_uid(&cal.components);
    let m = &ws.milestones[0];
    let p = &ws.partners[0];
    assert_eq!(
        text_prop(
            comps[&format!("milestone-{}@partnerdeck", m.id.0)],
            "SUMMARY"
        ),
        format!("Milestone: {} ({})", m.title, p.name)
    );
    let x = &ws.interactions[0];
    let f = comps[&format!("followup-{}@partnerdeck", x.id.0)];
    assert_eq!(
        text_prop(f, "SUMMARY"),
        format!(
            "Follow up with {}: {}",
            p.name,
            x.follow_up.as_ref().unwrap().what
        )
    );
    assert!(text_prop(f, "DESCRIPTION").contains(&x.summary));
    assert_eq!(
        text_prop_of(&cal.properties, "X-WR-CALNAME"),
        "Partnerships — Us; the \"team\", of course"
    );
}

fn text_prop_of(props: &[icalendar::parser::Property<'_>], name: &str) -> String {
    props
        .iter()
        .find(|p| p.name.as_str() == name)
        .unwrap()
        .val
        .clone()
        .unescape_text()
        .as_str()
        .to_string()
}

#[test]
fn uids_are_stable_so_a_new_export_updates_the_old_one() {
    let mut ws = demo_workspace(DEMO_ANCHOR);
    let first = ics::calendar(&ws, DEMO_ANCHOR, stamp("2026-11-27T09:00:00Z"));
    let moved = ws.milestones.iter().position(|m| m.done.is_none()).unwrap();
    ws.milestones[moved].due = day("2027-03-03");
    let second = ics::calendar(&ws, DEMO_ANCHOR, stamp("2026-11-28T09:00:00Z"));
    let (a, b) = (unfold(&first), unfold(&second));
    let (a, b) = (read_calendar(&a).unwrap(), read_calendar(&b).unwrap());
    let uids = |c: &icalendar::parser::Calendar<'_>| -> BTreeSet<String> {
        c.components
            .iter()
            .map(|c| prop(c, "UID").unwrap().to_string())
            .collect()
    };
    assert_eq!(uids(&a), uids(&b));
    let uid = format!("milestone-{}@partnerdeck", ws.milestones[moved].id.0);
    let b_comps = by_uid(&b.components);
    assert_eq!(prop(b_comps[&uid], "DTSTART"), Some("20270303"));
    assert_eq!(prop(b_comps[&uid], "DTSTAMP"), Some("20261128T090000Z"));
}

#[test]
fn the_command_writes_a_private_file_or_prints_one_partners_dates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deck.ics");
    cmd()
        .args(["--demo", "export", "ics", "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert_wire_format(&text);
    assert!(read_calendar(&unfold(&text)).is_ok());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let one = stdout(cmd().args(["--demo", "export", "ics", "--partner", "greenleaf"]));
    let unfolded = unfold(&one);
    let cal = read_calendar(&unfolded).unwrap();
    assert!(!cal.components.is_empty());
    for c in &cal.components {
        assert!(
            text_prop(c, "SUMMARY").contains("Greenleaf")
                || text_prop(c, "DESCRIPTION").contains("Greenleaf"),
            "{}",
            text_prop(c, "SUMMARY")
        );
    }
}
