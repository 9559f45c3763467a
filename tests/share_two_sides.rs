//! Two organisations share a partnership through files alone: org A (whose partner is B) shares,
//! B receives (trusting A's key), reconciles in the dashboard and shares back, A receives.
//! Every disagreement planted here is shown, and accepting one changes exactly that record.
//! Also: a pack is refused after any one byte of it changes, a second key for a trusted partner
//! is refused, and the reconciliation view's screens (80×24, 120×40, without colour).

mod common;

use common::cli::{TODAY, cmd_on, load, run, stdout};
use common::{day, press};
use partnerdeck::app::{App, Source};
use partnerdeck::model::*;
use partnerdeck::share::{build, key, reconcile, seal};
use std::path::{Path, PathBuf};

/// Org A ("Northwind Commons") and its record of B ("Harbour Trust").
fn org_a() -> Workspace {
    let mut ws = Workspace::named("Northwind Commons");
    let b = PartnerId(ws.allocate_id());
    let mut p = Partner::new(b, "Harbour Trust", day("2025-03-01"));
    p.notes = "A-PRIVATE-NOTE".into();
    ws.partners.push(p);
    let g = GoalId(ws.allocate_id());
    ws.goals
        .push(goal(g, b, "Volunteers placed", Some(100.0), 40.0));
    let m = MilestoneId(ws.allocate_id());
    ws.milestones.push(Milestone {
        authors: Default::default(),
        id: m,
        partner: b,
        goal: Some(g),
        title: "Launch event".into(),
        due: day("2026-10-01"),
        done: Some(day("2026-10-02")),
    });
    let c1 = CommitmentId(ws.allocate_id());
    ws.commitments.push(commitment(
        c1,
        b,
        Side::Us,
        "Send the annual report",
        Some(Outcome::Kept(day("2026-11-03"))),
    ));
    let c2 = CommitmentId(ws.allocate_id());
    ws.commitments.push(commitment(
        c2,
        b,
        Side::Them,
        "Host the workshop",
        Some(Outcome::Kept(day("2026-11-10"))),
    ));
    let w = CelebrationId(ws.allocate_id());
    ws.celebrations.push(Celebration {
        authors: Default::default(),
        id: w,
        partner: b,
        milestone: Some(m),
        date: day("2026-10-03"),
        how: "Breakfast together".into(),
        with: "A-PRIVATE-WITH".into(),
    });
    let r = ReviewId(ws.allocate_id());
    ws.reviews.push(Review {
        authors: Default::default(),
        id: r,
        partner: b,
        date: day("2026-09-01"),
        ratings: Ratings::uniform(4),
        feedback: "A-FEEDBACK".into(),
        next_review: None,
    });
    let i = InteractionId(ws.allocate_id());
    ws.interactions.push(Interaction {
        authors: Default::default(),
        id: i,
        partner: b,
        at: day("2026-11-01").and_hms_opt(10, 0, 0).unwrap(),
        channel: Channel::Call,
        initiated_by: Side::Us,
        summary: "A-PRIVATE-LOG".into(),
        sentiment: None,
        follow_up: None,
    });
    // A shares its review ratings with B.
    let mut s = ShareSettings::new(b);
    s.include = vec!["ratings".into()];
    ws.share_settings.push(s);
    ws
}

/// Org B ("Harbour Trust") and its record of A, with planted disagreements: the goal's target,
/// the milestone (not done here), the report (missed here, kept there), no celebration, and
/// a review of its own.
fn org_b() -> Workspace {
    let mut ws = Workspace::named("Harbour Trust");
    let a = PartnerId(ws.allocate_id());
    ws.partners
        .push(Partner::new(a, "Northwind Commons", day("2025-03-01")));
    let g = GoalId(ws.allocate_id());
    ws.goals
        .push(goal(g, a, "Volunteers placed", Some(120.0), 40.0));
    let m = MilestoneId(ws.allocate_id());
    ws.milestones.push(Milestone {
        authors: Default::default(),
        id: m,
        partner: a,
        goal: Some(g),
        title: "Launch event".into(),
        due: day("2026-10-01"),
        done: None,
    });
    let c1 = CommitmentId(ws.allocate_id());
    ws.commitments.push(commitment(
        c1,
        a,
        Side::Them,
        "Send the annual report",
        Some(Outcome::Missed(day("2026-11-01"))),
    ));
    let c2 = CommitmentId(ws.allocate_id());
    ws.commitments.push(commitment(
        c2,
        a,
        Side::Us,
        "Host the workshop",
        Some(Outcome::Kept(day("2026-11-10"))),
    ));
    let r = ReviewId(ws.allocate_id());
    ws.reviews.push(Review {
        authors: Default::default(),
        id: r,
        partner: a,
        date: day("2026-09-05"),
        ratings: Ratings::uniform(2),
        feedback: String::new(),
        next_review: None,
    });
    let mut s = ShareSettings::new(a);
    s.include = vec!["ratings".into(), "feedback".into()];
    ws.share_settings.push(s);
    ws
}

fn goal(id: GoalId, partner: PartnerId, title: &str, target: Option<f64>, current: f64) -> Goal {
    Goal {
        authors: Default::default(),
        id,
        partner,
        title: title.into(),
        metric: "volunteers".into(),
        unit: "people".into(),
        baseline: 0.0,
        target,
        current,
        owner: Owner::Joint,
        start: day("2026-01-01"),
        due: Some(day("2026-12-31")),
        status: GoalStatus::Active,
    }
}

fn commitment(
    id: CommitmentId,
    partner: PartnerId,
    side: Side,
    what: &str,
    outcome: Option<Outcome>,
) -> Commitment {
    Commitment {
        authors: Default::default(),
        owner: None,
        id,
        partner,
        side,
        what: what.into(),
        due: day("2026-11-05"),
        outcome,
    }
}

struct Org {
    file: PathBuf,
}

impl Org {
    fn new(dir: &Path, name: &str, ws: &Workspace) -> Org {
        let file = dir.join(format!("{name}.ron"));
        partnerdeck::store::save(&file, ws).unwrap();
        Org { file }
    }

    fn cmd(&self) -> assert_cmd::Command {
        let mut c = cmd_on(&self.file);
        let dir = self.file.parent().unwrap();
        c.env("PARTNERDECK_CONFIG", dir.join("none.ron"))
            .env("PARTNERDECK_NO_CACHE", "1");
        c
    }

    fn share(&self, partner: &str, out: &Path) -> String {
        stdout(self.cmd().args(["share", partner, "--out"]).arg(out))
    }

    fn receive(&self, pack: &Path) -> String {
        stdout(self.cmd().arg("receive").arg(pack).arg("--trust"))
    }
}

fn app_on(ws: Workspace) -> App {
    let mut app = App::new(ws, TODAY.parse().unwrap(), Source::Memory);
    app.resize(120, 40);
    app
}

fn screen(app: &App, w: u16, h: u16) -> String {
    let mut app_sized = app.clone_for_screen();
    app_sized.resize(w, h);
    common::screen::screen(&app_sized, w, h)
}

trait CloneForScreen {
    fn clone_for_screen(&self) -> App;
}

impl CloneForScreen for App {
    /// The same workspace and open view at another size (the app itself is not `Clone`).
    fn clone_for_screen(&self) -> App {
        let mut app = App::new(Workspace::clone(self.ws()), self.today(), Source::Memory);
        app.overlay = self.overlay.clone();
        app
    }
}

#[test]
fn a_shares_b_receives_reconciles_and_shares_back_a_receives() {
    let dir = tempfile::tempdir().unwrap();
    let a = Org::new(dir.path(), "a", &org_a());
    let b = Org::new(dir.path(), "b", &org_b());

    // A shares: a key is made beside A's file (0600), its fingerprint printed.
    let pack_ab = dir.path().join("a-to-b.pdpack");
    let said = a.share("harbour", &pack_ab);
    let key_a = key::key_path(&a.file);
    assert_eq!(common::mode(&key_a), 0o600);
    assert_eq!(common::mode(&pack_ab), 0o600);
    let (signer, _) = key::load_or_create(&key_a).unwrap();
    let fp_a = key::fingerprint(&signer.verifying_key().to_bytes());
    assert!(said.contains(&fp_a.0), "{said}");
    let text = std::fs::read_to_string(&pack_ab).unwrap();
    for private in [
        "A-PRIVATE-NOTE",
        "A-PRIVATE-LOG",
        "A-PRIVATE-WITH",
        "A-FEEDBACK",
    ] {
        assert!(!text.contains(private), "{private} left in the pack");
    }

    // B receives: the sender is named by fingerprint, the key trusted and kept with A.
    let said = b.receive(&pack_ab);
    assert!(said.contains(&fp_a.0), "{said}");
    let ws_b = load(&b.file);
    assert_eq!(ws_b.received.len(), 1);
    let a_in_b = ws_b.partners[0].id;
    assert_eq!(
        ws_b.share_settings[0].trusted_key.as_deref(),
        Some(partnerdeck::share::hex::hex(&signer.verifying_key().to_bytes()).as_str())
    );

    // B reconciles in the dashboard: every planted disagreement is shown.
    let mut app = app_on(ws_b.clone());
    press(&mut app, &["T"]);
    let shown = screen(&app, 120, 40);
    for planted in [
        "goal Volunteers placed",
        "target",
        "100",
        "120",
        "milestone Launch event",
        "done 2026-10-02",
        "commitment Send the annual report",
        "missed 2026-11-01",
        "kept 2026-11-03",
        "celebration 2026-10-03 Breakfast",
        "their view",
        "4 4 4 4 4 4 4 4",
    ] {
        assert!(shown.contains(planted), "`{planted}` not shown:\n{shown}");
    }
    // "Host the workshop" agrees on both sides: not listed.
    assert!(!shown.contains("Host the workshop"), "{shown}");

    // Accepting the first (the goal's target) changes exactly that record.
    let before = Workspace::clone(app.ws());
    press(&mut app, &["a"]);
    let after = Workspace::clone(app.ws());
    assert_eq!(after.goals[0].target, Some(100.0));
    let mut expected = before.clone();
    expected.goals[0].target = Some(100.0);
    assert_eq!(
        after, expected,
        "accepting changed more than the goal's target"
    );
    // Noting the next (the milestone) adds one log entry; leaving changes nothing.
    press(&mut app, &["N"]);
    assert_eq!(app.ws().interactions.len(), 1);
    assert!(app.ws().interactions[0].summary.contains("Launch event"));
    assert!(screen(&app, 120, 40).contains('✎'));
    let noted = Workspace::clone(app.ws());
    press(&mut app, &["l"]);
    assert_eq!(**app.ws(), noted);
    // Undo takes the note back, then the accepted target.
    press(&mut app, &["esc", "u", "u"]);
    assert_eq!(**app.ws(), before);
    press(&mut app, &["ctrl-r"]);
    assert_eq!(app.ws().goals[0].target, Some(100.0));
    partnerdeck::store::save(&b.file, app.ws()).unwrap();

    // B shares back; A receives and sees B's side.
    let pack_ba = dir.path().join("b-to-a.pdpack");
    b.share("northwind", &pack_ba);
    let said = a.receive(&pack_ba);
    let ws_a = load(&a.file);
    let b_in_a = ws_a.partners[0].id;
    let theirs = &reconcile::latest(&ws_a, b_in_a).unwrap().pack;
    assert_eq!(theirs.from, "Harbour Trust");
    let diffs = reconcile::differences_in(&ws_a, b_in_a, theirs);
    let fields: Vec<(&str, &str)> = diffs.iter().map(|d| (d.kind, d.field)).collect();
    // The target agrees now; the milestone, the report and B's view of the review remain.
    assert_eq!(
        fields,
        vec![
            ("milestone", "done"),
            ("commitment", "outcome"),
            ("review", "their view"),
        ],
        "{said}"
    );
    assert!(said.contains("3 differences"), "{said}");
    assert_eq!(diffs[2].theirs, "2 2 2 2 2 2 2 2");
    let _ = a_in_b;
}

#[test]
fn a_pack_with_any_one_byte_changed_is_refused() {
    let signer = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let mut ws = org_a();
    // A small pack: one goal, one commitment.
    ws.milestones.clear();
    ws.celebrations.clear();
    ws.reviews.clear();
    ws.commitments.truncate(1);
    let pack = build::build(&ws, ws.partners[0].id, day(TODAY)).unwrap();
    let sealed = seal::seal(&pack, &signer).unwrap().into_bytes();
    assert!(seal::open(&sealed).is_ok());
    let started = std::time::Instant::now();
    for i in 0..sealed.len() {
        for flip in [0x01u8, 0x20, 0x80, 0xff] {
            let mut changed = sealed.clone();
            changed[i] ^= flip;
            assert!(
                seal::open(&changed).is_err(),
                "byte {i} ^ {flip:#x} was not refused"
            );
        }
    }
    // Cut short or lengthened, too.
    assert!(seal::open(&sealed[..sealed.len() - 1]).is_err());
    let mut longer = sealed.clone();
    longer.push(b'\n');
    assert!(seal::open(&longer).is_err());
    eprintln!(
        "{} bytes × 4 changes refused in {:?}",
        sealed.len(),
        started.elapsed()
    );
}

#[test]
fn another_key_for_a_trusted_partner_is_refused_without_trust() {
    let dir = tempfile::tempdir().unwrap();
    let a = Org::new(dir.path(), "a", &org_a());
    let b = Org::new(dir.path(), "b", &org_b());
    let pack = dir.path().join("p.pdpack");
    a.share("harbour", &pack);
    b.receive(&pack);
    // A's key is replaced (a new laptop): the next pack is signed by another key.
    std::fs::remove_file(key::key_path(&a.file)).unwrap();
    a.share("harbour", &pack);
    let out = run(b.cmd().arg("receive").arg(&pack));
    assert!(!out.ok);
    assert!(out.stderr.contains("trusted key is"), "{}", out.stderr);
    assert_eq!(load(&b.file).received.len(), 1);
    // A tampered pack is refused whatever the flags.
    let mut bytes = std::fs::read(&pack).unwrap();
    let last = bytes.len() - 3;
    bytes[last] ^= 1;
    std::fs::write(&pack, bytes).unwrap();
    let out = run(b.cmd().arg("receive").arg(&pack).arg("--trust"));
    assert!(!out.ok);
    assert!(out.stderr.contains("refused"), "{}", out.stderr);
}

fn b_reconciling() -> App {
    let mut b = org_b();
    let signer = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let ws_a = org_a();
    let pack = build::build(&ws_a, ws_a.partners[0].id, day(TODAY)).unwrap();
    let opened = seal::open(seal::seal(&pack, &signer).unwrap().as_bytes()).unwrap();
    let a = b.partners[0].id;
    b = partnerdeck::share::receive::keep(&b, a, &opened, true, day(TODAY));
    let mut app = app_on(b);
    press(&mut app, &["T", "j"]);
    app
}

#[test]
fn the_reconciliation_view_at_80x24_and_120x40_without_colour() {
    let app = b_reconciling();
    insta::assert_snapshot!("reconcile_80x24", screen(&app, 80, 24));
    insta::assert_snapshot!("reconcile_120x40", screen(&app, 120, 40));
    // Without colour the selected row is still told: reverse video.
    let mut sized = app.clone_for_screen();
    sized.resize(80, 24);
    let theme = partnerdeck::ui::Theme::dark().without_color();
    let buffer = partnerdeck::ui::headless::render_buffer(&sized, &theme, 80, 24);
    let reversed = (0..24).any(|y| {
        (0..80).all(|x| {
            buffer[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
                || x == 0
                || x == 79
        })
    });
    assert!(reversed, "no row in reverse video");
}

#[test]
fn the_next_reviews_look_back_shows_what_they_said_last_time() {
    let mut app = b_reconciling();
    press(&mut app, &["esc", "r"]);
    let shown = screen(&app, 120, 40);
    for text in [
        "Their view: Northwind Commons's pack of 2026-11-27",
        "Their review",
        "2026-09-01",
        "4 with our records",
    ] {
        assert!(shown.contains(text), "`{text}` not shown:\n{shown}");
    }
}

#[test]
fn include_sets_and_keeps_the_partners_share_settings() {
    let dir = tempfile::tempdir().unwrap();
    let a = Org::new(dir.path(), "a", &org_a());
    let pack = dir.path().join("p.pdpack");
    let said = stdout(
        a.cmd()
            .args(["share", "harbour", "--include", "notes,log", "--out"])
            .arg(&pack),
    );
    assert!(
        said.contains("Shared beyond the declared fields: notes, log"),
        "{said}"
    );
    let text = std::fs::read_to_string(&pack).unwrap();
    assert!(text.contains("A-PRIVATE-NOTE") && text.contains("A-PRIVATE-LOG"));
    assert_eq!(load(&a.file).share_settings[0].include, ["notes", "log"]);
    let out = run(a.cmd().args(["share", "harbour", "--include", "health"]));
    assert!(
        !out.ok && out.stderr.contains("`health` is not a field"),
        "{}",
        out.stderr
    );
    a.cmd()
        .args(["share", "harbour", "--include", "none", "--out"])
        .arg(&pack)
        .assert()
        .success();
    let text = std::fs::read_to_string(&pack).unwrap();
    assert!(!text.contains("A-PRIVATE-NOTE") && !text.contains("A-PRIVATE-LOG"));
}

#[test]
fn two_sides_that_agree_show_no_differences() {
    // A pack of A's own records, read against A's records: nothing disagrees (ratings equal to
    // ours are not listed either; the review's look-back still shows them).
    let ws = org_a();
    let partner = ws.partners[0].id;
    let pack = build::build(&ws, partner, day(TODAY)).unwrap();
    assert!(!pack.reviews.is_empty());
    let diffs = reconcile::differences_in(&ws, partner, &pack);
    assert!(diffs.is_empty(), "{diffs:?}");
}

#[test]
fn the_partners_details_show_their_ratings_beside_ours() {
    let mut app = b_reconciling();
    press(&mut app, &["esc", "enter"]);
    let mut all = String::new();
    for _ in 0..8 {
        all.push_str(&screen(&app, 120, 40));
        press(&mut app, &["pgdn"]);
    }
    assert!(
        all.contains("Their view: their ratings, from Northwind Commons's pack of 2026-11-27"),
        "{all}"
    );
}

#[test]
fn control_characters_in_their_pack_never_reach_the_terminal() {
    // Their goal's title matches ours but carries escape sequences; their celebration too.
    let mut a = org_a();
    a.goals[0].target = Some(90.0);
    a.celebrations[0].how = "Cake \u{1b}[2J\u{7} and tea".into();
    let mut b = org_b();
    for ws in [&mut a, &mut b] {
        ws.goals[0].title = "Volunteers \u{1b}]0;owned\u{7}placed".into();
    }
    let signer = ed25519_dalek::SigningKey::from_bytes(&[5; 32]);
    let pack = build::build(&a, a.partners[0].id, day(TODAY)).unwrap();
    let opened = seal::open(seal::seal(&pack, &signer).unwrap().as_bytes()).unwrap();
    let partner = b.partners[0].id;
    let b = partnerdeck::share::receive::keep(&b, partner, &opened, true, day(TODAY));
    let mut app = app_on(b);
    press(&mut app, &["T"]);
    for _ in 0..4 {
        let shown = screen(&app, 120, 40);
        assert!(shown.contains("Volunteers"), "{shown}");
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown:?}"
        );
        press(&mut app, &["j"]);
    }
}
