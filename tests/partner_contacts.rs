//! The partner form holds several contacts, as a list (as values are): `name | role | email |
//! phone`, `;` between people; the hint shows who it reads.

mod common;

use common::screen::{demo_app, screen};
use common::{press, type_text};
use partnerdeck::app::Overlay;

const TWO: &str = "Ada Lovelace | lead | ada@example.org; 李 明 | finance | | +86 10 5555";

fn focus_contacts(app: &mut partnerdeck::app::App) {
    while !matches!(&app.overlay, Some(Overlay::Form(v)) if v.form.fields[v.form.focus].label() == "Contacts")
    {
        press(app, &["tab"]);
    }
}

#[test]
fn a_new_partner_with_two_contacts() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app(w, h);
        press(&mut app, &["1", "a"]);
        type_text(&mut app, "森の工房");
        focus_contacts(&mut app);
        let s = screen(&app, w, h);
        assert!(s.contains("name | role | email | phone; the next"), "{s}");
        type_text(&mut app, TWO);
        let s = screen(&app, w, h);
        let flat = s
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat.contains("→ 2 people: Ada Lovelace (lead), 李 明 (finance)"),
            "{s}"
        );
        insta::assert_snapshot!(format!("partner_two_contacts_{w}x{h}"), s);
        press(&mut app, &["enter"]);
        let p = app
            .ws()
            .partners
            .iter()
            .find(|p| p.name == "森の工房")
            .expect("saved");
        assert_eq!(p.contacts.len(), 2);
        assert_eq!(p.contacts[0].email, "ada@example.org");
        assert_eq!(p.contacts[1].name, "李 明");
        assert_eq!(p.contacts[1].phone, "+86 10 5555");
        // Editing shows both, and saving unchanged keeps both.
        press(&mut app, &["e"]);
        focus_contacts(&mut app);
        let Some(Overlay::Form(v)) = &app.overlay else {
            panic!()
        };
        assert_eq!(
            v.form
                .get(partnerdeck::app::form::FieldKey::Contacts)
                .value(),
            "Ada Lovelace | lead | ada@example.org; 李 明 | finance |  | +86 10 5555"
        );
        press(&mut app, &["enter"]);
        let p = app
            .ws()
            .partners
            .iter()
            .find(|p| p.name == "森の工房")
            .unwrap();
        assert_eq!(p.contacts.len(), 2);
    }
}

#[test]
fn a_contact_without_a_name_or_with_a_bad_email_is_shown_at_the_field() {
    let mut app = demo_app(120, 40);
    press(&mut app, &["1", "a"]);
    type_text(&mut app, "Bolt");
    focus_contacts(&mut app);
    type_text(&mut app, "Ada | lead | ada.example.org; | finance");
    let n = app.ws().partners.len();
    press(&mut app, &["enter"]);
    assert_eq!(app.ws().partners.len(), n, "nothing saved");
    let Some(Overlay::Form(v)) = &app.overlay else {
        panic!("the form stays")
    };
    let e = v
        .form
        .get(partnerdeck::app::form::FieldKey::Contacts)
        .error
        .clone()
        .unwrap();
    assert_eq!(
        e,
        "contact 1 has an email address without an @; contact 2 needs a name (name | role | \
         email | phone)"
    );
}

#[test]
fn a_long_value_with_wide_characters_shows_its_end_while_typed() {
    let mut app = demo_app(80, 24);
    press(&mut app, &["1", "a"]);
    type_text(&mut app, "Lab");
    focus_contacts(&mut app);
    type_text(&mut app, TWO);
    let s = screen(&app, 80, 24);
    let row = s.lines().find(|l| l.contains("▶Contacts")).unwrap();
    assert!(
        row.contains("+86 10 5555 "),
        "the end typed is shown whole: {row}"
    );
}
