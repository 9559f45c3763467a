//! Property test: nothing private leaves in a pack or its HTML page. Random workspaces carry a
//! sentinel string in every field outside the declared set (notes, aim, tags, values, contacts
//! with their phones, log entries and follow-ups, review notes and feedback, who a win was
//! celebrated with, our profile's lists) and in every field of every other partner's records;
//! the shared partner's settings name nothing, so no sentinel may appear in the signed pack or
//! the page. A named field does appear (the control).

use chrono::NaiveDate;
use partnerdeck::model::*;
use partnerdeck::share::{build, html, seal};
use proptest::prelude::*;

const SENTINEL: &str = "ZQXSENTINEL";

fn secret(what: &str, n: u64) -> String {
    format!("{SENTINEL}-{what}-{n}")
}

/// A small deterministic generator from the test's seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn date(&mut self) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(self.below(1100))
    }
    fn public(&mut self, what: &str) -> String {
        const WORDS: &[&str] = &[
            "Launch",
            "report",
            "Café",
            "<b>",
            "\"x\"",
            "&",
            "volunteers",
        ];
        format!("{what} {}", WORDS[self.below(WORDS.len() as u64) as usize])
    }
}

/// A workspace: partner 0 is the one shared with; every other partner is private throughout.
fn workspace(seed: u64, partners: usize, each: usize) -> Workspace {
    let mut rng = Rng(seed | 1);
    let mut ws = Workspace::named("Our org");
    ws.profile.values = vec![secret("our-value", 0)];
    ws.profile.offers = vec![secret("our-offer", 0)];
    ws.profile.needs = vec![secret("our-need", 0)];
    for k in 0..partners {
        let other = k > 0;
        // In another partner's records even the declared fields are private.
        let text = |rng: &mut Rng, what: &str| {
            if other {
                secret(what, k as u64)
            } else {
                rng.public(what)
            }
        };
        let p = PartnerId(ws.allocate_id());
        let name = if other {
            secret("other-partner", k as u64)
        } else {
            "Harbour Trust".into()
        };
        let mut partner = Partner::new(p, name, rng.date());
        partner.notes = secret("notes", k as u64);
        partner.aim = secret("aim", k as u64);
        partner.tags = vec![secret("tag", k as u64)];
        partner.values = vec![secret("value", k as u64)];
        partner.offers = vec![secret("offer", k as u64)];
        partner.needs = vec![secret("need", k as u64)];
        partner.contacts = vec![Contact {
            name: secret("contact", k as u64),
            role: secret("role", k as u64),
            email: format!("{}@example.org", secret("email", k as u64)),
            phone: secret("phone", k as u64),
        }];
        ws.partners.push(partner);
        for j in 0..each {
            let n = (k * 100 + j) as u64;
            let g = GoalId(ws.allocate_id());
            ws.goals.push(Goal {
                authors: Default::default(),
                id: g,
                partner: p,
                title: text(&mut rng, "goal"),
                metric: text(&mut rng, "metric"),
                unit: text(&mut rng, "unit"),
                baseline: 0.0,
                target: Some(rng.below(500) as f64),
                current: rng.below(500) as f64,
                owner: Owner::ALL[rng.below(3) as usize],
                start: rng.date(),
                due: Some(rng.date()),
                status: GoalStatus::ALL[rng.below(3) as usize],
            });
            let m = MilestoneId(ws.allocate_id());
            let done = (rng.below(2) == 0).then(|| rng.date());
            ws.milestones.push(Milestone {
                authors: Default::default(),
                id: m,
                partner: p,
                goal: Some(g),
                title: text(&mut rng, "milestone"),
                due: rng.date(),
                done,
            });
            let c = CommitmentId(ws.allocate_id());
            let d = rng.date();
            ws.commitments.push(Commitment {
                authors: Default::default(),
                owner: None,
                id: c,
                partner: p,
                side: Side::ALL[rng.below(2) as usize],
                what: text(&mut rng, "promise"),
                due: d,
                outcome: [None, Some(Outcome::Kept(d)), Some(Outcome::Missed(d))]
                    [rng.below(3) as usize],
            });
            let w = CelebrationId(ws.allocate_id());
            ws.celebrations.push(Celebration {
                authors: Default::default(),
                id: w,
                partner: p,
                milestone: Some(m),
                date: rng.date(),
                how: text(&mut rng, "celebrated"),
                with: secret("with", n),
            });
            let i = InteractionId(ws.allocate_id());
            let at = rng.date().and_hms_opt(9, 30, 0).unwrap();
            ws.interactions.push(Interaction {
                authors: Default::default(),
                id: i,
                partner: p,
                at,
                channel: Channel::Call,
                initiated_by: Side::Us,
                summary: secret("log", n),
                sentiment: Some(3),
                follow_up: Some(FollowUp::after(
                    secret("follow-up", n),
                    at.date(),
                    None,
                    None,
                )),
            });
            let r = ReviewId(ws.allocate_id());
            let mut ratings = Ratings::uniform(1 + rng.below(5) as u8);
            ratings.trust.note = secret("rating-note", n);
            ws.reviews.push(Review {
                authors: Default::default(),
                id: r,
                partner: p,
                date: rng.date(),
                ratings,
                feedback: secret("feedback", n),
                next_review: None,
            });
        }
    }
    ws
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn no_private_field_leaves_in_a_pack_or_its_page(
        seed in any::<u64>(),
        partners in 1usize..4,
        each in 0usize..4,
    ) {
        let ws = workspace(seed, partners, each);
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let pack = build::build(&ws, ws.partners[0].id, today).unwrap();
        let signer = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
        let sealed = seal::seal(&pack, &signer).unwrap();
        prop_assert!(!sealed.contains(SENTINEL), "a sentinel in the pack:\n{sealed}");
        let page = html::page(&pack, "0000");
        prop_assert!(!page.contains(SENTINEL), "a sentinel in the page");
        // Their words are text on the page, never markup (`<b>` is among the titles drawn).
        prop_assert!(!page.contains("<b>"), "markup from a title reached the page");
        // What is declared does leave: the partnership's own goals, for one.
        if each > 0 {
            prop_assert_eq!(pack.goals.len(), each);
            prop_assert!(seal::open(sealed.as_bytes()).is_ok());
        }
    }
}

#[test]
fn a_field_named_in_the_share_settings_leaves_and_only_that_one() {
    let mut ws = workspace(42, 2, 2);
    let mut s = ShareSettings::new(ws.partners[0].id);
    s.include = vec!["notes".into(), "contacts".into(), "feedback".into()];
    ws.share_settings.push(s);
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let pack = build::build(&ws, ws.partners[0].id, today).unwrap();
    let page = html::page(&pack, "0000");
    for text in [seal::body(&pack).unwrap(), page] {
        assert!(text.contains(&secret("notes", 0)));
        assert!(text.contains(&secret("contact", 0)));
        assert!(text.contains(&secret("feedback", 0)));
        // Named neither: phones, the log, the aim, rating notes, other partners.
        for private in [
            "phone",
            "log",
            "aim",
            "rating-note",
            "other-partner",
            "with",
        ] {
            assert!(
                !text.contains(&format!("{SENTINEL}-{private}")),
                "{private}"
            );
        }
    }
}
