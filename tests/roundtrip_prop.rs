//! Property test: any workspace survives save → load unchanged, and saving again gives the same
//! bytes. Strings include the characters that have broken RON writers before.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use partnerdeck::model::*;
use partnerdeck::store;
use proptest::prelude::*;

fn tricky_text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        Just("quote \" backslash \\ nul \0 esc \x1b[31m red".to_string()),
        Just("crlf\r\nbom\u{feff} sep\u{2028} emoji 👩‍👩‍👧 rtl שלום".to_string()),
        Just(String::new()),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..20_000)
        .prop_map(|d| NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Days::new(d as u64))
}

fn time() -> impl Strategy<Value = NaiveDateTime> {
    (date(), 0u32..86_400).prop_map(|(d, s)| {
        d.and_time(chrono::NaiveTime::from_num_seconds_from_midnight_opt(s, 0).unwrap())
    })
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e12f64..1e12,
        Just(0.1),
        Just(-0.0),
        Just(1e-300),
        Just(f64::MAX)
    ]
}

fn choice<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn workspace() -> impl Strategy<Value = Workspace> {
    let partner = (
        tricky_text(),
        choice(PartnerKind::ALL),
        choice(Phase::ALL),
        date(),
        proptest::collection::vec(tricky_text(), 0..3),
        tricky_text(),
        (1u32..100, 0u32..100),
    );
    let goal = (
        tricky_text(),
        number(),
        proptest::option::of(number()),
        number(),
        choice(Owner::ALL),
        date(),
        proptest::option::of(date()),
        choice(GoalStatus::ALL),
    );
    let interaction = (
        time(),
        choice(Channel::ALL),
        choice(Side::ALL),
        tricky_text(),
        proptest::option::of(1u8..=5),
        proptest::option::of((tricky_text(), date())),
    );
    (
        tricky_text(),
        proptest::collection::vec(partner, 1..4),
        proptest::collection::vec(goal, 0..4),
        proptest::collection::vec(interaction, 0..6),
        proptest::collection::vec(
            (
                tricky_text(),
                date(),
                proptest::option::of(date()),
                any::<bool>(),
            ),
            0..4,
        ),
    )
        .prop_map(|(name, partners, goals, interactions, misc)| {
            let mut ws = Workspace::named(name);
            for (name, kind, phase, since, values, notes, (ideal, extra)) in partners {
                let mut p = Partner::new(PartnerId(ws.allocate_id()), name, since);
                p.kind = kind;
                p.phase = phase;
                p.values = values;
                p.notes = notes;
                p.cadence = Cadence {
                    ideal_days: ideal,
                    max_days: ideal + extra,
                };
                ws.partners.push(p);
            }
            let first = ws.partners[0].id;
            for (title, baseline, target, current, owner, start, due, status) in goals {
                let id = GoalId(ws.allocate_id());
                ws.goals.push(Goal {
                    authors: Default::default(),
                    id,
                    partner: first,
                    title,
                    metric: "m".into(),
                    unit: "u".into(),
                    baseline,
                    target,
                    current,
                    owner,
                    start,
                    due,
                    status,
                });
            }
            for (at, channel, initiated_by, summary, sentiment, follow) in interactions {
                let id = InteractionId(ws.allocate_id());
                let follow_up = follow.map(|(what, due)| FollowUp {
                    owner: None,
                    what,
                    due,
                    done: None,
                });
                ws.interactions.push(Interaction {
                    authors: Default::default(),
                    id,
                    partner: first,
                    at,
                    channel,
                    initiated_by,
                    summary,
                    sentiment,
                    follow_up,
                });
            }
            for (text, due, done, kept) in misc {
                let id = MilestoneId(ws.allocate_id());
                ws.milestones.push(Milestone {
                    authors: Default::default(),
                    id,
                    partner: first,
                    goal: None,
                    title: text.clone(),
                    due,
                    done,
                });
                let id = CommitmentId(ws.allocate_id());
                let outcome = done.map(|d| {
                    if kept {
                        Outcome::Kept(d)
                    } else {
                        Outcome::Missed(d)
                    }
                });
                ws.commitments.push(Commitment {
                    authors: Default::default(),
                    owner: None,
                    id,
                    partner: first,
                    side: Side::Them,
                    what: text,
                    due,
                    outcome,
                });
            }
            ws
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn any_workspace_round_trips_byte_for_byte(ws in workspace()) {
        let text = store::to_text(&ws).unwrap();
        let back: Workspace = store::parse(&text).unwrap();
        prop_assert_eq!(&back, &ws);
        // Parsed in pieces on several threads (one element per piece): the same workspace.
        prop_assert_eq!(store::parallel::parse_in_pieces(&text, 2, 1), Some(ws));
        prop_assert_eq!(store::to_text(&back).unwrap(), text);
    }

    /// Whatever a damaged file holds, parsing it in pieces never gives a workspace the one-piece
    /// parse would not: it gives the same one, or gives up (and the one-piece parse reports).
    #[test]
    fn pieces_never_accept_what_one_parse_refuses(
        ws in workspace(),
        at in any::<prop::sample::Index>(),
        cut in 0usize..3,
        insert in prop_oneof![
            Just(""), Just(","), Just("\""), Just("]"), Just("("), Just("//"), Just("r"),
            Just("\\"), Just("\n  ),\n  ("), Just("partners: []"), Just("/*"), Just("'"),
        ],
    ) {
        let text = store::to_text(&ws).unwrap();
        let mut at = at.index(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let damaged = format!("{}{insert}{}", &text[..at], &text[end..]);
        if let Some(in_pieces) = store::parallel::parse_in_pieces(&damaged, 2, 1) {
            let whole: Result<Workspace, _> = store::parse(&damaged);
            prop_assert_eq!(whole.ok(), Some(in_pieces));
        }
    }
}

#[test]
fn the_small_workspace_round_trips() {
    let ws = common::small_workspace();
    let back: Workspace = store::parse(&store::to_text(&ws).unwrap()).unwrap();
    assert_eq!(back, ws);
}
