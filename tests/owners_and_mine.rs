//! Owners and "mine": `owner:NAME` and `mine` narrow the partners pane (and the records of those
//! partners, and in the log the follow-ups assigned); `O` narrows today (`t`) and the overview
//! (`o`) to what is mine, and their titles say whose view it is. Details name the owner and who
//! added and changed a record.

mod common;

use common::screen::{demo_app, screen};
use common::{press, type_text};
use partnerdeck::app::{App, Pane, Source};
use partnerdeck::model::*;
use partnerdeck::store::{demo::DEMO_ANCHOR, demo_workspace};

const ANA: &str = "ana";
const BO: &str = "bo";

/// The demo with a team of two: Ana (who uses the dashboard) owns the first three partners,
/// Bo the next two; one of Bo's partners' follow-ups is assigned to Ana.
fn team_app() -> App {
    let mut ws = demo_workspace(DEMO_ANCHOR);
    ws.members = vec![
        Member {
            key: ANA.into(),
            name: "Ana Ruiz".into(),
            email: "ana@acme.org".into(),
        },
        Member {
            key: BO.into(),
            name: "Bo Chen".into(),
            email: "bo@acme.org".into(),
        },
    ]
    .into();
    // By name, as the partners pane lists them.
    let mut by_name: Vec<(String, PartnerId)> =
        ws.partners.iter().map(|p| (p.name.clone(), p.id)).collect();
    by_name.sort();
    for (i, (_, id)) in by_name.iter().enumerate() {
        ws.partner_mut(*id).unwrap().owner = match i {
            0..=2 => Some(ANA.into()),
            3 | 4 => Some(BO.into()),
            _ => None,
        };
    }
    let bos = [by_name[3].1, by_name[4].1];
    let x = ws
        .interactions
        .iter_mut()
        .find(|x| bos.contains(&x.partner) && x.follow_up.is_some())
        .expect("one of Bo's partners has a follow-up");
    x.follow_up.as_mut().unwrap().owner = Some(ANA.into());
    let mut app = App::new(ws, DEMO_ANCHOR, Source::Memory);
    app.doc
        .set_author(Some(Identity::new("Ana Ruiz", "ana@acme.org")));
    app.resize(120, 40);
    app
}

fn shown_partners(app: &App) -> Vec<String> {
    app.pane_rows(Pane::Partners)
        .iter()
        .map(|i| app.ws().partners[*i as usize].name.clone())
        .collect()
}

fn owned_by(app: &App, key: &str) -> Vec<String> {
    let mut names: Vec<String> = app
        .ws()
        .partners
        .iter()
        .filter(|p| p.owner.as_deref() == Some(key))
        .map(|p| p.name.clone())
        .collect();
    names.sort();
    names
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn mine_and_owner_narrow_the_partners_and_their_records() {
    let mut app = team_app();
    press(&mut app, &["1", "/"]);
    type_text(&mut app, "mine");
    press(&mut app, &["enter"]);
    assert_eq!(sorted(shown_partners(&app)), owned_by(&app, ANA));

    press(&mut app, &["/", "ctrl-u"]);
    type_text(&mut app, "owner:bo");
    press(&mut app, &["enter"]);
    assert_eq!(sorted(shown_partners(&app)), owned_by(&app, BO));
    // A word of the name, any case, reads the same.
    press(&mut app, &["/", "ctrl-u"]);
    type_text(&mut app, "owner:Chen");
    press(&mut app, &["enter"]);
    assert_eq!(sorted(shown_partners(&app)), owned_by(&app, BO));

    // In the log over all partners, `mine` keeps my partners' entries and the entry whose
    // follow-up is assigned to me.
    press(&mut app, &["/", "ctrl-u", "esc", "A", "4", "/"]);
    type_text(&mut app, "mine");
    press(&mut app, &["enter"]);
    let ws = app.ws().clone();
    let rows = app.pane_rows(Pane::Log).to_vec();
    assert!(!rows.is_empty());
    for i in rows {
        let x = &ws.interactions[i as usize];
        let owner = ws.partner(x.partner).and_then(|p| p.owner.as_deref());
        let assigned = x.follow_up.as_ref().and_then(|f| f.owner.as_deref());
        assert!(
            owner == Some(ANA) || assigned == Some(ANA),
            "{} is not mine",
            x.summary
        );
    }
    assert!(
        app.pane_rows(Pane::Log).iter().any(|i| {
            let x = &ws.interactions[*i as usize];
            ws.partner(x.partner).and_then(|p| p.owner.as_deref()) == Some(BO)
        }),
        "the follow-up assigned to me on Bo's partner is in: {:?}",
        screen(&app, 120, 40)
    );
}

#[test]
fn today_and_the_overview_narrow_to_mine_with_one_key_and_say_whose() {
    let mut app = team_app();
    press(&mut app, &["o"]);
    let everyone = screen(&app, 120, 40);
    assert!(everyone.contains("Overview · 12 partners"), "{everyone}");
    press(&mut app, &["O"]);
    let mine = screen(&app, 120, 40);
    assert!(
        mine.contains("Overview · Ana Ruiz's · 3 partners"),
        "{mine}"
    );
    for name in owned_by(&app, BO) {
        assert!(!mine.contains(&name), "{name} is Bo's");
    }
    // Again: the teammate's (owner Bo), then everyone's.
    press(&mut app, &["O"]);
    let bos = screen(&app, 120, 40);
    assert!(bos.contains("Overview · Bo Chen's · 2 partners"), "{bos}");
    for name in owned_by(&app, BO) {
        let start: String = name.chars().take(12).collect();
        assert!(bos.contains(&start), "{name} is Bo's");
    }
    press(&mut app, &["O"]);
    assert!(screen(&app, 120, 40).contains("Overview · 12 partners"));

    press(&mut app, &["t"]);
    let all = app.doc.overview().attention.len();
    press(&mut app, &["O"]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Today · Ana Ruiz's · "), "{s}");
    let ws = app.ws().clone();
    let mine: Vec<&partnerdeck::insight::AttentionItem> = app
        .doc
        .overview()
        .attention
        .iter()
        .map(|a| &**a)
        .filter(|a| {
            ws.partner(a.partner).and_then(|p| p.owner.as_deref()) == Some(ANA)
                || matches!(a.record, partnerdeck::insight::RecordRef::Interaction(id)
                    if ws.interaction(id).and_then(|x| x.follow_up.as_ref()).and_then(|f| f.owner.as_deref()) == Some(ANA))
        })
        .collect();
    assert!(mine.len() < all, "fewer than everyone's");
    assert!(
        s.contains(&format!("{} ", mine.len())),
        "the title counts my items: {s}"
    );
    // The first rows (as many as fit) are mine, in the queue's order.
    for item in mine.iter().take(10) {
        let start: String = item.partner_name.chars().take(12).collect();
        assert!(s.contains(&start), "{} shown: {s}", item.partner_name);
    }
}

#[test]
fn details_name_the_owner_and_who_added_and_changed_a_record() {
    let mut app = team_app();
    press(&mut app, &["1", "enter"]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Owner") && s.contains("Ana Ruiz"), "{s}");
    press(&mut app, &["esc", "l"]);
    type_text(&mut app, "Call about the pilot");
    press(&mut app, &["enter", "4", "g", "enter"]);
    let s = screen(&app, 120, 40);
    // The day it was added is its id's (the system clock's day; the demo's "today" is fixed).
    assert!(s.contains("Who") && s.contains("added by Ana Ruiz"), "{s}");
    // Changed by someone else later: both show.
    let mut ws = partnerdeck::model::Workspace::clone(app.ws());
    let x = ws
        .interactions
        .iter_mut()
        .find(|x| x.summary == "Call about the pilot")
        .unwrap();
    x.summary = "Call about the pilot (notes)".into();
    let bo = Identity::new("Bo Chen", "bo@acme.org");
    app.doc.set_author(Some(bo));
    app.doc.commit(ws, "edit").unwrap();
    app.refresh();
    let s = screen(&app, 120, 40);
    let _ = s;
    let x = app
        .ws()
        .interactions
        .iter()
        .find(|x| x.summary.starts_with("Call about the pilot"))
        .unwrap();
    let words = app
        .ws()
        .authors_words(&x.authors, x.id.0, |d| d.to_string())
        .unwrap();
    assert!(
        words.starts_with("added by Ana Ruiz") && words.ends_with("changed by Bo Chen 2026-11-27"),
        "{words}"
    );
    assert_eq!(app.ws().member_name("bo"), "Bo Chen", "Bo is a member now");
    let _ = demo_app(80, 24);
}

#[test]
fn forms_name_the_owner_and_an_edit_keeps_who_added_a_record() {
    let mut app = team_app();
    // The selected partner (Café Lumière, Ana's) handed to Bo in its form.
    press(&mut app, &["1", "e"]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Owner") && s.contains("Ana Ruiz"), "{s}");
    // Move to the owner field (after Name, Kind, Phase), replace it with an unknown name.
    press(&mut app, &["tab", "tab", "tab", "ctrl-u"]);
    type_text(&mut app, "Zed");
    press(&mut app, &["enter"]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("no team member is called “Zed”"), "{s}");
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "bo");
    press(&mut app, &["enter"]);
    assert!(app.overlay.is_none(), "saved: {:?}", app.status);
    let p = app.selected_partner().unwrap();
    assert_eq!(p.owner.as_deref(), Some(BO));
    assert_eq!(p.authors.changed.as_ref().map(|t| t.by.as_str()), Some(ANA));

    // A log entry Ana adds, then edits: who added it stays.
    press(&mut app, &["l"]);
    type_text(&mut app, "Pilot call");
    press(&mut app, &["enter"]);
    let id = app
        .ws()
        .interactions
        .iter()
        .find(|x| x.summary == "Pilot call")
        .unwrap()
        .id;
    app.doc
        .set_author(Some(Identity::new("Bo Chen", "bo@acme.org")));
    press(&mut app, &["4", "g", "e", "ctrl-u"]);
    type_text(&mut app, "Pilot call, notes sent");
    press(&mut app, &["enter"]);
    let x = app.ws().interaction(id).unwrap();
    assert_eq!(x.summary, "Pilot call, notes sent");
    assert_eq!(x.authors.by.as_deref(), Some(ANA), "who added it stays");
    assert_eq!(x.authors.changed.as_ref().map(|t| t.by.as_str()), Some(BO));
}

#[test]
fn the_team_members_names_are_edited_in_the_profile_form() {
    let mut app = team_app();
    press(&mut app, &["p"]);
    let s = screen(&app, 120, 40);
    assert!(
        s.contains("Team members") && s.contains("bo: Bo Chen"),
        "{s}"
    );
    // The last field: the members.
    press(&mut app, &["shift-tab", "ctrl-u"]);
    type_text(&mut app, "ana: Ana Ruiz-Diaz; zed: Zed");
    press(&mut app, &["enter"]);
    assert!(screen(&app, 120, 40).contains("no member has the key “zed”"));
    press(&mut app, &["ctrl-u"]);
    type_text(&mut app, "ana: Ana Ruiz-Diaz");
    press(&mut app, &["enter"]);
    assert!(app.overlay.is_none(), "saved: {:?}", app.status);
    assert_eq!(app.ws().member_name(ANA), "Ana Ruiz-Diaz");
    assert_eq!(
        app.ws().member_name(BO),
        "Bo Chen",
        "a member left out keeps their name"
    );
}

#[test]
fn due_keeps_one_members_items_with_mine_and_owner() {
    let app = team_app();
    let ws = partnerdeck::model::Workspace::clone(app.ws());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    partnerdeck::store::save(&path, &ws).unwrap();
    let due = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = common::cli::cmd_on(&path)
            .env("PARTNERDECK_AUTHOR", "Ana Ruiz <ana@acme.org>")
            .env("PARTNERDECK_NO_CACHE", "1")
            .args(["due", "--within", "30d", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["items"].as_array().cloned().unwrap_or_default()
    };
    let all = due(&[]);
    let whose = |item: &serde_json::Value| -> Option<String> {
        let partner = PartnerId(item["partner_id"].as_u64().unwrap());
        ws.partner(partner).and_then(|p| p.owner.clone())
    };
    let mine = due(&["--mine"]);
    let bos = due(&["--owner", "Bo"]);
    assert!(!mine.is_empty() && !bos.is_empty() && mine.len() + bos.len() < all.len());
    // Each item is of a partner the member owns, or assigned to them (a follow-up of Bo's
    // partner assigned to Ana is Ana's).
    for item in &bos {
        assert_eq!(whose(item).as_deref(), Some(BO), "{item}");
    }
    let assigned_to_ana = mine
        .iter()
        .filter(|i| whose(i).as_deref() != Some(ANA))
        .count();
    assert!(
        assigned_to_ana <= 1,
        "only the assigned follow-up is not of Ana's partners"
    );
    // `--owner ana` is `--mine` for Ana.
    assert_eq!(due(&["--owner", "ana"]).len(), mine.len());
}

#[test]
fn a_member_without_partners_sees_an_empty_overview_that_says_how_to_own_one() {
    let mut app = team_app();
    app.doc
        .set_author(Some(Identity::new("Cy Diaz", "cy@acme.org")));
    press(&mut app, &["o", "O"]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Overview · Cy Diaz's · 0 partners"), "{s}");
    assert!(s.contains("None of the partners is Cy Diaz's"), "{s}");
    // The phase counts are of the partners shown.
    press(&mut app, &["O"]);
    let s = screen(&app, 120, 40);
    assert!(s.contains("Overview · Ana Ruiz's · 3 partners"), "{s}");
}
