//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod backups;
pub mod cli;
pub mod generate;
pub mod ingest_fixture;
pub mod labelled;
pub mod mail_corpus;
pub mod repo;
pub mod screen;
pub mod team;

use chrono::NaiveDate;
use partnerdeck::model::*;

pub fn day(s: &str) -> NaiveDate {
    s.parse().expect("test dates are valid")
}

/// The permission bits of a file.
#[cfg(unix)]
pub fn mode(p: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The rows of a CSV text, its header row left out.
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

/// The settings a configuration file with this text gives (colour allowed).
pub fn settings(text: &str) -> partnerdeck::config::Settings {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.ron");
    std::fs::write(&path, text).unwrap();
    partnerdeck::config::load(&path, false)
}

/// A small workspace with one record of every kind.
pub fn small_workspace() -> Workspace {
    let mut ws = Workspace::named("Test Org");
    ws.profile.values = vec!["openness".into(), "craft".into()];
    let p = PartnerId(ws.allocate_id());
    let mut partner = Partner::new(p, "Acme \"Quotes\" \\ Ltd", day("2025-01-10"));
    partner.contacts.push(Contact {
        name: "Ada".into(),
        role: "lead".into(),
        email: "ada@example.org".into(),
        phone: "+1 555 0100".into(),
    });
    partner.tags = vec!["b2b".into()];
    ws.partners.push(partner);
    let g = GoalId(ws.allocate_id());
    ws.goals.push(Goal {
        authors: Default::default(),
        id: g,
        partner: p,
        title: "Joint events".into(),
        metric: "events".into(),
        unit: "events".into(),
        baseline: 0.0,
        target: Some(4.0),
        current: 1.5,
        owner: Owner::Joint,
        start: day("2025-02-01"),
        due: Some(day("2025-12-31")),
        status: GoalStatus::Active,
    });
    let m = MilestoneId(ws.allocate_id());
    ws.milestones.push(Milestone {
        authors: Default::default(),
        id: m,
        partner: p,
        goal: Some(g),
        title: "First event".into(),
        due: day("2025-04-01"),
        done: Some(day("2025-03-30")),
    });
    let i = InteractionId(ws.allocate_id());
    ws.interactions.push(Interaction {
        authors: Default::default(),
        id: i,
        partner: p,
        at: day("2025-03-01").and_hms_opt(10, 30, 0).unwrap(),
        channel: Channel::Call,
        initiated_by: Side::Them,
        summary: "Line one\nline two 🎉".into(),
        sentiment: Some(4),
        follow_up: Some(FollowUp {
            owner: None,
            what: "Send deck".into(),
            due: day("2025-03-08"),
            done: None,
        }),
    });
    let c = CommitmentId(ws.allocate_id());
    ws.commitments.push(Commitment {
        authors: Default::default(),
        owner: None,
        id: c,
        partner: p,
        side: Side::Us,
        what: "Share venue".into(),
        due: day("2025-03-15"),
        outcome: Some(Outcome::Kept(day("2025-03-14"))),
    });
    let r = ReviewId(ws.allocate_id());
    ws.reviews.push(Review {
        authors: Default::default(),
        id: r,
        partner: p,
        date: day("2025-04-01"),
        ratings: Ratings::uniform(4),
        feedback: "Good start".into(),
        next_review: Some(day("2025-07-01")),
    });
    let e = CelebrationId(ws.allocate_id());
    ws.celebrations.push(Celebration {
        authors: Default::default(),
        id: e,
        partner: p,
        milestone: Some(m),
        date: day("2025-04-02"),
        how: "Team lunch".into(),
        with: "Ada".into(),
    });
    ws
}

/// Presses keys given as keymap text (`"j"`, `"ctrl-r"`, `"enter"`), as the event loop does
/// when keys come slower than matching: each key, then any matching it left (`App::work`).
pub fn press(app: &mut partnerdeck::app::App, keys: &[&str]) {
    for k in keys {
        app.handle_key(partnerdeck::keymap::Key::parse(k).expect("test keys are valid"));
        app.finish_work();
    }
}

/// A moment passes without keys (the app's clock, a manual one, moves two seconds on): a
/// question that appeared on its own, which ignores the keys of typing that goes on, takes an
/// answer now.
pub fn pause(app: &mut partnerdeck::app::App) {
    let later = app.now + chrono::TimeDelta::seconds(2);
    app.set_clock(std::sync::Arc::new(partnerdeck::app::ManualClock::new(
        later,
    )));
}

/// Types text, one character at a time, each followed by any matching it left.
pub fn type_text(app: &mut partnerdeck::app::App, text: &str) {
    for c in text.chars() {
        app.handle_key(partnerdeck::keymap::Key::char(c));
        app.finish_work();
    }
}

/// Types text faster than matching: no matching is done between the keys beyond what each
/// keystroke does itself.
pub fn type_fast(app: &mut partnerdeck::app::App, text: &str) {
    for c in text.chars() {
        app.handle_key(partnerdeck::keymap::Key::char(c));
    }
}

/// Presses keys as [`press`] does, counting them (to check how many keys a task takes).
#[derive(Default)]
pub struct KeyCount(usize);

impl KeyCount {
    pub fn press(&mut self, app: &mut partnerdeck::app::App, keys: &[&str]) {
        self.0 += keys.len();
        press(app, keys);
    }

    /// Counts `n` more keys' worth of work done some other way.
    pub fn add(&mut self, n: usize) {
        self.0 += n;
    }

    /// The keys counted so far.
    pub fn get(&self) -> usize {
        self.0
    }
}
