//! Writes the bundled demo sample, `assets/demo.ron`.
//!
//! Run with `cargo run --example make_demo [-- PATH]`. Every date is written relative to the
//! anchor day 2026-11-27 (the app moves them so that the anchor falls on today when it loads
//! the sample). The output is deterministic: no randomness, only a fixed hash for spreading log
//! entries between the dates that are pinned by hand.
//!
//! The sample is "Northwind Commons", a neighbourhood hub with a repair café, a tool library
//! and a community kitchen, and twelve partnerships of every kind and phase. At the anchor day
//! four partners are fine on their contact cadence, four are due and four have lapsed.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use partnerdeck::model::{
    Cadence, Celebration, CelebrationId, Channel, Commitment, CommitmentId, Contact, FollowUp,
    Goal, GoalId, GoalStatus, Interaction, InteractionId, Milestone, MilestoneId, Outcome, Owner,
    Partner, PartnerId, PartnerKind, Phase, Practice, Profile, Ratings, Review, ReviewId, Side,
    Workspace, validate,
};
use partnerdeck::store::{parse, to_text};
use std::path::PathBuf;

/// The day that counts as "today" in the sample.
const ANCHOR: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 27) {
    Some(d) => d,
    None => panic!("the anchor is a real date"),
};

const US: Side = Side::Us;
const THEM: Side = Side::Them;
use Channel::{Call, Email, Event, Meeting, Message};

/// The day `offset` days from the anchor (negative: in the past).
fn day(offset: i64) -> NaiveDate {
    if offset >= 0 {
        ANCHOR + Days::new(offset as u64)
    } else {
        ANCHOR - Days::new(offset.unsigned_abs())
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn strs(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn contact(name: &str, role: &str, email: &str, phone: &str) -> Contact {
    Contact {
        name: name.into(),
        role: role.into(),
        email: email.into(),
        phone: phone.into(),
    }
}

fn kept(offset: i64) -> Option<Outcome> {
    Some(Outcome::Kept(day(offset)))
}

fn missed(offset: i64) -> Option<Outcome> {
    Some(Outcome::Missed(day(offset)))
}

/// A fixed, well-mixed hash (splitmix64 finaliser) for spreading entries deterministically.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// One log entry of a partner's thread, before it gets its date.
struct Entry {
    channel: Channel,
    by: Side,
    /// 0 for "not rated".
    sentiment: u8,
    summary: &'static str,
    /// A fixed day offset; entries without one are spread between their pinned neighbours.
    pin: Option<i64>,
    /// What, due (days after the entry), done (days after the entry).
    follow_up: Option<(&'static str, i64, Option<i64>)>,
}

fn e(channel: Channel, by: Side, sentiment: u8, summary: &'static str) -> Entry {
    Entry {
        channel,
        by,
        sentiment,
        summary,
        pin: None,
        follow_up: None,
    }
}

impl Entry {
    fn on(mut self, offset: i64) -> Self {
        self.pin = Some(offset);
        self
    }

    fn fu(mut self, what: &'static str, due_after: i64, done_after: Option<i64>) -> Self {
        self.follow_up = Some((what, due_after, done_after));
        self
    }
}

struct Demo {
    ws: Workspace,
    /// Log entries with their time, gathered per thread and given ids in time order at the end.
    pending: Vec<(NaiveDateTime, PartnerId, Entry)>,
}

impl Demo {
    fn partner(&mut self, mut p: Partner) -> PartnerId {
        p.id = PartnerId(self.ws.allocate_id());
        let id = p.id;
        self.ws.partners.push(p);
        id
    }

    fn goal(
        &mut self,
        partner: PartnerId,
        title: &str,
        measure: (&str, &str, f64, Option<f64>, f64),
        owner: Owner,
        span: (i64, Option<i64>),
        status: GoalStatus,
    ) -> GoalId {
        let (metric, unit, baseline, target, current) = measure;
        let id = GoalId(self.ws.allocate_id());
        self.ws.goals.push(Goal {
            authors: Default::default(),
            id,
            partner,
            title: title.into(),
            metric: metric.into(),
            unit: unit.into(),
            baseline,
            target,
            current,
            owner,
            start: day(span.0),
            due: span.1.map(day),
            status,
        });
        id
    }

    fn milestone(
        &mut self,
        partner: PartnerId,
        goal: Option<GoalId>,
        title: &str,
        due: i64,
        done: Option<i64>,
    ) -> MilestoneId {
        let id = MilestoneId(self.ws.allocate_id());
        self.ws.milestones.push(Milestone {
            authors: Default::default(),
            id,
            partner,
            goal,
            title: title.into(),
            due: day(due),
            done: done.map(day),
        });
        id
    }

    fn commit(
        &mut self,
        partner: PartnerId,
        side: Side,
        what: &str,
        due: i64,
        outcome: Option<Outcome>,
    ) {
        let id = CommitmentId(self.ws.allocate_id());
        self.ws.commitments.push(Commitment {
            authors: Default::default(),
            owner: None,
            id,
            partner,
            side,
            what: what.into(),
            due: day(due),
            outcome,
        });
    }

    fn review(
        &mut self,
        partner: PartnerId,
        date: i64,
        scores: [u8; 8],
        notes: &[(Practice, &str)],
        feedback: &str,
        next: Option<i64>,
    ) {
        let mut ratings = Ratings::uniform(3);
        for (p, s) in Practice::ALL.iter().zip(scores) {
            ratings.get_mut(*p).score = s;
        }
        for (p, note) in notes {
            ratings.get_mut(*p).note = note.to_string();
        }
        let id = ReviewId(self.ws.allocate_id());
        self.ws.reviews.push(Review {
            authors: Default::default(),
            id,
            partner,
            date: day(date),
            ratings,
            feedback: feedback.into(),
            next_review: next.map(day),
        });
    }

    fn celebrate(
        &mut self,
        partner: PartnerId,
        milestone: Option<MilestoneId>,
        date: i64,
        how: &str,
        with: &str,
    ) {
        let id = CelebrationId(self.ws.allocate_id());
        self.ws.celebrations.push(Celebration {
            authors: Default::default(),
            id,
            partner,
            milestone,
            date: day(date),
            how: how.into(),
            with: with.into(),
        });
    }

    /// Dates a partner's thread: the first entry falls on `first`, the last on `last` (day
    /// offsets), pinned entries on their pin, and the rest spread evenly between pins with a
    /// little deterministic jitter. Meetings, calls and emails avoid weekends.
    fn thread(&mut self, partner: PartnerId, first: i64, last: i64, mut entries: Vec<Entry>) {
        let n = entries.len();
        assert!(n >= 2, "a thread has at least two entries");
        entries[0].pin.get_or_insert(first);
        entries[n - 1].pin.get_or_insert(last);
        let pins: Vec<usize> = (0..n).filter(|i| entries[*i].pin.is_some()).collect();
        let mut offsets = vec![0i64; n];
        for w in pins.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (da, db) = (entries[a].pin.unwrap(), entries[b].pin.unwrap());
            assert!(da <= db, "pins of a thread must be in order");
            let step = (db - da) as f64 / (b - a) as f64;
            offsets[a] = da;
            offsets[b] = db;
            for (k, slot) in offsets.iter_mut().enumerate().take(b).skip(a + 1) {
                let h = mix(partner.0 * 1000 + k as u64);
                let jitter = ((h % 1001) as f64 / 500.0 - 1.0) * step / 3.0;
                *slot = (da as f64 + step * (k - a) as f64 + jitter).round() as i64;
            }
        }
        let mut previous: Option<NaiveDateTime> = None;
        for (k, entry) in entries.into_iter().enumerate() {
            let mut date = day(offsets[k]);
            let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            // Hand-pinned meetings and calls are checked rather than moved; an email may
            // well arrive on a Saturday.
            assert!(
                !(weekend && matches!(entry.channel, Meeting | Call) && entry.pin.is_some()),
                "pinned meeting or call on a weekend ({date}): {}",
                entry.summary
            );
            if weekend && matches!(entry.channel, Meeting | Call | Email) && entry.pin.is_none() {
                date = match date.weekday() {
                    Weekday::Sat => date - Days::new(1),
                    _ => (date + Days::new(1)).min(ANCHOR),
                };
            }
            let h = mix(partner.0 * 7919 + k as u64);
            let minute = [0, 15, 30, 45][(h >> 8) as usize % 4];
            let time = match entry.channel {
                Event if weekend => NaiveTime::from_hms_opt(10, 30, 0),
                Event => NaiveTime::from_hms_opt(18, 30, 0),
                Message => NaiveTime::from_hms_opt(8 + (h % 13) as u32, minute, 0),
                _ => NaiveTime::from_hms_opt(9 + (h % 8) as u32, minute, 0),
            }
            .expect("a real time");
            let mut at = date.and_time(time);
            if let Some(p) = previous
                && at <= p
            {
                at = p + chrono::Duration::minutes(30);
            }
            previous = Some(at);
            self.pending.push((at, partner, entry));
        }
    }

    /// Gives every pending log entry its id, in time order, and adds it to the workspace.
    fn flush_log(&mut self) {
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort_by_key(|(at, partner, _)| (*at, *partner));
        for (at, partner, entry) in pending {
            let id = InteractionId(self.ws.allocate_id());
            let date = at.date();
            self.ws.interactions.push(Interaction {
                authors: Default::default(),
                id,
                partner,
                at,
                channel: entry.channel,
                initiated_by: entry.by,
                summary: entry.summary.into(),
                sentiment: (entry.sentiment > 0).then_some(entry.sentiment),
                follow_up: entry.follow_up.map(|(what, due, done)| FollowUp {
                    owner: None,
                    what: what.into(),
                    due: date + Days::new(due as u64),
                    done: done.map(|d| date + Days::new(d as u64)),
                }),
            });
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn partner(
    name: &str,
    kind: PartnerKind,
    phase: Phase,
    since: NaiveDate,
    cadence: (u32, u32),
    review_interval_days: u32,
    lists: [&[&str]; 4],
    contacts: Vec<Contact>,
    aim: &str,
    notes: &str,
) -> Partner {
    let [values, offers, needs, tags] = lists;
    Partner {
        authors: Default::default(),
        owner: None,
        id: PartnerId(0),
        name: name.into(),
        kind,
        phase,
        since,
        values: strs(values),
        offers: strs(offers),
        needs: strs(needs),
        contacts,
        cadence: Cadence {
            ideal_days: cadence.0,
            max_days: cadence.1,
        },
        review_interval_days,
        aim: aim.into(),
        tags: strs(tags),
        notes: notes.into(),
        domains: Vec::new(),
    }
}

fn build() -> Workspace {
    let mut d = Demo {
        ws: Workspace::named("Northwind Commons"),
        pending: Vec::new(),
    };
    d.ws.profile = Profile {
        name: "Northwind Commons".into(),
        values: strs(&[
            "sustainability",
            "inclusion",
            "transparency",
            "local first",
            "learning by doing",
            "generosity",
        ]),
        offers: strs(&[
            "event space",
            "volunteer network",
            "repair know-how",
            "workshop facilitation",
            "community outreach",
            "community kitchen",
        ]),
        needs: strs(&[
            "funding",
            "data skills",
            "design & illustration",
            "food surplus",
            "publicity",
            "mentoring",
        ]),
        team: Vec::new(),
    };

    // ----- Partners -------------------------------------------------------------------------
    let green = d.partner(partner(
        "Greenleaf Cooperative Bank",
        PartnerKind::Business,
        Phase::Active,
        ymd(2023, 3, 15),
        (21, 45),
        90,
        [
            &[
                "sustainability",
                "transparency",
                "financial inclusion",
                "local first",
            ],
            &["funding", "financial training", "meeting rooms"],
            &["community outreach", "event space", "local visibility"],
            &["funder", "finance", "anchor partner"],
        ],
        vec![
            contact(
                "Priya Raman",
                "Community Investment Lead",
                "priya.raman@greenleaf.example.org",
                "+1 555-0142",
            ),
            contact(
                "Tomás Ibarra",
                "Branch Manager",
                "tomas.ibarra@greenleaf.example.org",
                "+1 555-0178",
            ),
        ],
        "Make the Commons financially resilient while bringing fair banking to the neighbourhood.",
        "Prefers a short written update before every meeting. Grants go to their board twice a \
         year. Priya is our champion; Tomás handles logistics for anything at the branch.",
    ));
    let river = d.partner(partner(
        "Riverside Tenants' Association",
        PartnerKind::Community,
        Phase::Active,
        ymd(2022, 9, 1),
        (14, 30),
        90,
        [
            &["inclusion", "solidarity", "local first"],
            &["volunteer network", "community outreach", "local knowledge"],
            &["repair know-how", "event space", "tools"],
            &["volunteers", "housing", "repair"],
        ],
        vec![
            contact(
                "Hannah Boateng",
                "Chair",
                "hannah.b@riverside-tenants.example.org",
                "+1 555-0110",
            ),
            contact(
                "Dariusz \"Darek\" Nowak",
                "Volunteer Coordinator",
                "darek@riverside-tenants.example.org",
                "+1 555-0119",
            ),
        ],
        "Every household on the estate can get a broken appliance or bike fixed within a week, \
         by neighbours.",
        "The association meets on the first Tuesday of each month. Hannah answers messages much \
         faster than email. New volunteers need our tool safety briefing before workshop use.",
    ));
    let food = d.partner(partner(
        "Open Hands Food Bank",
        PartnerKind::Nonprofit,
        Phase::Active,
        ymd(2024, 1, 10),
        (21, 40),
        90,
        [
            &["generosity", "dignity", "inclusion"],
            &["food surplus", "volunteer network", "cold storage"],
            &["community kitchen", "event space", "drivers"],
            &["food", "kitchen", "needs attention"],
        ],
        vec![
            contact(
                "Samuel Adeyemi",
                "Operations Manager",
                "samuel@openhands.example.org",
                "+1 555-0163",
            ),
            contact(
                "Lucia Ferreira",
                "Volunteer Lead",
                "lucia@openhands.example.org",
                "+1 555-0167",
            ),
            contact(
                "Aisha Rahman",
                "Director",
                "aisha.rahman@openhands.example.org",
                "",
            ),
        ],
        "No good food wasted in Northwind: surplus becomes community meals.",
        "New director this year; priorities are shifting towards their own warehouse. Pickups \
         slipped after their van broke down. Time for a candid conversation about capacity.",
    ));
    let city = d.partner(partner(
        "City of Northwind — Parks & Culture",
        PartnerKind::Public,
        Phase::Renewing,
        ymd(2021, 5, 1),
        (30, 60),
        120,
        [
            &["inclusion", "transparency", "public good"],
            &["funding", "public space", "permits"],
            &[
                "community outreach",
                "volunteer network",
                "event programming",
            ],
            &["public", "lease", "events"],
        ],
        vec![
            contact(
                "Margaret Liu",
                "Community Partnerships Officer",
                "m.liu@northwind-city.example.org",
                "+1 555-0101",
            ),
            contact(
                "Ahmed Karimi",
                "Events & Permits",
                "a.karimi@northwind-city.example.org",
                "+1 555-0105",
            ),
        ],
        "A three-year agreement that keeps the Commons' hall affordable and fills the parks \
         with community events.",
        "The service agreement is up for renewal: our proposal must reach the council committee \
         in time (see milestones). Everything formal goes to Margaret in writing.",
    ));
    let poly = d.partner(partner(
        "Northwind Polytechnic — Civic Tech Lab",
        PartnerKind::Academic,
        Phase::Active,
        ymd(2024, 9, 1),
        (21, 45),
        90,
        [
            &["learning by doing", "transparency", "open data"],
            &["data skills", "research", "student volunteers"],
            &["real-world projects", "community outreach", "field sites"],
            &["research", "data", "students"],
        ],
        vec![
            contact(
                "Dr. Kwame Mensah",
                "Lab Director",
                "k.mensah@poly.example.org",
                "+1 555-0181",
            ),
            contact(
                "Inés Castillo",
                "Research Assistant",
                "ines.castillo@poly.example.org",
                "+1 555-0188",
            ),
        ],
        "Turn the Commons' repair and lending data into open datasets and student projects that \
         help other hubs.",
        "Term dates drive everything: students vanish during exam weeks. The ethics approval \
         covers anonymised repair logs only — never share names or addresses.",
    ));
    let cafe = d.partner(partner(
        "Café Lumière",
        PartnerKind::Business,
        Phase::Exploring,
        day(-68),
        (10, 21),
        60,
        [
            &["local first", "sustainability", "hospitality"],
            &["venue", "catering", "publicity"],
            &["repair know-how", "community outreach", "foot traffic"],
            &["hospitality", "pilot", "new"],
        ],
        vec![
            contact(
                "Léa Moreau",
                "Owner",
                "lea@cafe-lumiere.example.org",
                "+1 555-0134",
            ),
            contact(
                "Jérôme Dubois",
                "Chef",
                "jerome@cafe-lumiere.example.org",
                "+1 555-0137",
            ),
        ],
        "A monthly repair-and-coffee evening that brings new faces to both places.",
        "Léa approached us after the street fair. The café is closed on Mondays. She is \
         cautious about insurance for our tools on her premises.",
    ));
    let maya = d.partner(partner(
        "Maya Okonkwo",
        PartnerKind::Personal,
        Phase::Active,
        ymd(2025, 2, 1),
        (30, 60),
        120,
        [
            &["generosity", "learning by doing", "inclusion"],
            &["design & illustration", "communications support"],
            &["portfolio projects", "references"],
            &["design", "volunteer", "creative"],
        ],
        vec![contact(
            "Maya Okonkwo",
            "Freelance illustrator",
            "maya@okonkwo-studio.example.org",
            "+1 555-0150",
        )],
        "Give the Commons a warm, recognisable visual voice — and give Maya a portfolio of \
         civic work.",
        "Works in sprints: give her a clear brief and at least two weeks' notice. Credit her by \
         name on everything she draws.",
    ));
    let mori = d.partner(partner(
        "森の図書館 (Forest Library)",
        PartnerKind::Nonprofit,
        Phase::Paused,
        ymd(2024, 4, 1),
        (30, 90),
        180,
        [
            &["learning by doing", "generosity", "quiet spaces"],
            &["books", "reading circles", "multilingual volunteers"],
            &["event space", "shelving", "publicity"],
            &["books", "multilingual", "paused"],
        ],
        vec![
            contact(
                "佐藤 由美 (Yumi Satō)",
                "Coordinator",
                "yumi.sato@mori-library.example.org",
                "+1 555-0171",
            ),
            contact(
                "渡辺 健二 (Kenji Watanabe)",
                "Volunteer carpenter",
                "kenji@mori-library.example.org",
                "",
            ),
        ],
        "Book-swap shelves and bilingual reading circles in every Commons hub.",
        "Paused at their request while the collective moves premises. Yumi will get back in \
         touch after the move — check in gently, no pressure.",
    ));
    let harbour = d.partner(partner(
        "Harbour Youth Sports League",
        PartnerKind::Community,
        Phase::WindingDown,
        ymd(2023, 6, 1),
        (30, 60),
        120,
        [
            &["inclusion", "health", "teamwork"],
            &["coaches", "sports equipment", "youth outreach"],
            &["bike repairs", "event space", "funding"],
            &["youth", "sport", "handover"],
        ],
        vec![contact(
            "Danny Reyes",
            "League Coordinator",
            "danny@harbour-youth.example.org",
            "+1 555-0126",
        )],
        "Keep the kids' bikes and kit in working order so no one misses a season for lack of \
         gear.",
        "The league is merging into the regional federation. We hand the bike check days over \
         to the federation's volunteers: wrap up gracefully and write down what worked.",
    ));
    let arts = d.partner(partner(
        "Regional Arts Council",
        PartnerKind::Public,
        Phase::Exploring,
        day(-165),
        (21, 45),
        90,
        [
            &["creativity", "inclusion", "transparency"],
            &["funding", "artist network", "publicity"],
            &["community venues", "audience development"],
            &["funder", "arts", "lead"],
        ],
        vec![contact(
            "Oluwaseun Bello",
            "Programme Officer",
            "o.bello@arts-council.example.org",
            "+1 555-0193",
        )],
        "Fund an artist residency at the repair café.",
        "Micro-grant round closes soon. We owe them a concept note — the lead is going cold.",
    ));
    let solar = d.partner(partner(
        "Brightwater Solar Ltd",
        PartnerKind::Business,
        Phase::Ended,
        ymd(2024, 2, 1),
        (30, 60),
        90,
        [
            &["sustainability", "innovation"],
            &["green energy", "technical expertise"],
            &["case studies", "local visibility"],
            &["energy", "completed"],
        ],
        vec![contact(
            "Freya Lindqvist",
            "Account Manager",
            "freya.lindqvist@brightwater.example.org",
            "+1 555-0156",
        )],
        "Put solar panels on the hub roof at community rates and share the story.",
        "Installation finished and handed over; the partnership ended as planned. Warranty \
         questions go to support@brightwater.example.org. A good candidate for a future battery \
         project.",
    ));
    let elena = d.partner(partner(
        "Dr. Elena Sørensen",
        PartnerKind::Personal,
        Phase::Active,
        ymd(2025, 6, 1),
        (45, 90),
        180,
        [
            &["learning by doing", "transparency", "generosity"],
            &["mentoring", "fundraising expertise", "introductions"],
            &["meaningful volunteering"],
            &["mentor", "fundraising"],
        ],
        vec![contact(
            "Elena Sørensen",
            "Mentor (retired fundraising director)",
            "elena.sorensen@example.org",
            "+1 555-0199",
        )],
        "Grow our fundraising skills so the Commons never depends on a single funder.",
        "Prefers long walks to meetings. Never send a document without a one-paragraph summary \
         on top.",
    ));

    // ----- Goals ----------------------------------------------------------------------------
    use GoalStatus::{Achieved, Active, Dropped};
    let g_fund = d.goal(
        green,
        "Fund the repair café expansion",
        ("grant funding secured", "EUR", 0.0, Some(25000.0), 23500.0),
        Owner::Joint,
        (-450, Some(34)),
        Active,
    );
    let g_workshops = d.goal(
        green,
        "Run a financial literacy workshop series",
        ("workshops delivered", "events", 0.0, Some(12.0), 9.0),
        Owner::Joint,
        (-300, Some(120)),
        Active,
    );
    let g_crew = d.goal(
        river,
        "Grow the volunteer repair crew",
        ("active volunteers", "volunteers", 8.0, Some(30.0), 26.0),
        Owner::Joint,
        (-400, Some(125)),
        Active,
    );
    let g_response = d.goal(
        river,
        "Cut repair-request response time",
        (
            "median days to first response",
            "days",
            14.0,
            Some(5.0),
            8.0,
        ),
        Owner::Us,
        (-240, Some(90)),
        Active,
    );
    let g_fixrate = d.goal(
        river,
        "Raise the repair success rate",
        ("items fixed at repair days", "%", 55.0, Some(75.0), 69.0),
        Owner::Joint,
        (-360, Some(180)),
        Active,
    );
    let g_meals = d.goal(
        food,
        "Turn surplus food into community meals",
        (
            "meals served per month",
            "meals",
            400.0,
            Some(1500.0),
            610.0,
        ),
        Owner::Joint,
        (-330, Some(34)),
        Active,
    );
    let g_events = d.goal(
        city,
        "Community events in the parks",
        ("events held", "events", 0.0, Some(20.0), 17.0),
        Owner::Joint,
        (-420, Some(33)),
        Active,
    );
    let g_hall = d.goal(
        city,
        "Keep the hall affordable for community use",
        ("community hours per week", "hours", 20.0, None, 20.0),
        Owner::Us,
        (-60, Some(65)),
        Active,
    );
    let g_data = d.goal(
        poly,
        "Publish open repair datasets",
        ("datasets published", "datasets", 0.0, Some(10.0), 4.0),
        Owner::Joint,
        (-400, Some(18)),
        Active,
    );
    let g_students = d.goal(
        poly,
        "Host student placements",
        ("students placed", "students", 0.0, Some(6.0), 5.0),
        Owner::Them,
        (-300, Some(65)),
        Active,
    );
    let g_pilot = d.goal(
        cafe,
        "Pilot repair-and-coffee evenings",
        ("evenings held", "events", 0.0, Some(3.0), 1.0),
        Owner::Joint,
        (-40, Some(70)),
        Active,
    );
    let g_report = d.goal(
        maya,
        "Illustrate the annual report",
        ("pages illustrated", "pages", 0.0, Some(24.0), 20.0),
        Owner::Them,
        (-120, Some(23)),
        Active,
    );
    let g_shelves = d.goal(
        mori,
        "A book-swap shelf in every hub",
        ("shelves installed", "shelves", 0.0, Some(8.0), 3.0),
        Owner::Joint,
        (-500, Some(200)),
        Active,
    );
    let g_tournament = d.goal(
        harbour,
        "Joint bike-safety tournament",
        ("teams registered", "teams", 0.0, Some(16.0), 6.0),
        Owner::Joint,
        (-330, Some(-120)),
        Dropped,
    );
    let g_bikes = d.goal(
        harbour,
        "Keep the league's bikes road-worthy",
        ("bikes serviced", "bikes", 0.0, Some(120.0), 104.0),
        Owner::Us,
        (-500, Some(20)),
        Active,
    );
    let g_residency = d.goal(
        arts,
        "Secure an artist-residency micro-grant",
        ("grant awarded", "EUR", 0.0, Some(8000.0), 0.0),
        Owner::Us,
        (-150, Some(80)),
        Active,
    );
    let g_solar = d.goal(
        solar,
        "Solar panels on the hub roof",
        ("installed capacity", "kWp", 0.0, Some(15.0), 15.0),
        Owner::Joint,
        (-640, Some(-260)),
        Achieved,
    );
    let g_apps = d.goal(
        elena,
        "Submit grant applications with mentoring",
        (
            "applications submitted",
            "applications",
            0.0,
            Some(4.0),
            2.0,
        ),
        Owner::Us,
        (-170, Some(120)),
        Active,
    );
    let g_income = d.goal(
        elena,
        "Depend less on our largest funder",
        (
            "share of income from the largest funder",
            "%",
            62.0,
            Some(40.0),
            51.0,
        ),
        Owner::Us,
        (-170, Some(400)),
        Active,
    );

    // ----- Milestones -----------------------------------------------------------------------
    d.milestone(
        green,
        Some(g_fund),
        "Expansion grant application submitted",
        -400,
        Some(-406),
    );
    let m_tranche1 = d.milestone(
        green,
        Some(g_fund),
        "First tranche received (EUR 12,500)",
        -260,
        Some(-255),
    );
    d.milestone(green, Some(g_fund), "Second tranche received", 20, None);
    let m_series = d.milestone(
        green,
        Some(g_workshops),
        "Workshop series launched",
        -270,
        Some(-272),
    );
    d.milestone(
        green,
        Some(g_workshops),
        "Workshop #10: budgeting for renters",
        12,
        None,
    );
    d.milestone(
        green,
        None,
        "Co-branded impact report published",
        -9,
        Some(-6),
    );
    d.milestone(
        river,
        Some(g_crew),
        "Tool safety briefing for new volunteers",
        -330,
        Some(-345),
    );
    let m_twenty = d.milestone(
        river,
        Some(g_crew),
        "20 active volunteers",
        -150,
        Some(-140),
    );
    d.milestone(river, Some(g_crew), "Estate repair day #4", 15, None);
    d.milestone(
        river,
        Some(g_response),
        "Triage rota live",
        -200,
        Some(-190),
    );
    d.milestone(
        river,
        Some(g_response),
        "Online repair request form live",
        -25,
        None,
    );
    d.milestone(
        river,
        Some(g_fixrate),
        "Repair success review with volunteers",
        45,
        None,
    );
    let m_kitchen = d.milestone(
        food,
        Some(g_meals),
        "Community kitchen food-safety certificate",
        -280,
        Some(-285),
    );
    d.milestone(
        food,
        Some(g_meals),
        "Twice-weekly pickups running",
        -120,
        None,
    );
    d.milestone(food, None, "Shared volunteer rota agreed", -60, None);
    let m_programme = d.milestone(
        city,
        Some(g_events),
        "Parks events programme approved",
        -380,
        Some(-382),
    );
    let m_festival = d.milestone(city, Some(g_events), "Riverside festival", -160, Some(-160));
    d.milestone(
        city,
        Some(g_hall),
        "Renewal proposal submitted to committee",
        18,
        None,
    );
    d.milestone(city, Some(g_hall), "New service agreement signed", 65, None);
    d.milestone(city, None, "Hall accessibility audit", -40, Some(-3));
    d.milestone(
        poly,
        Some(g_data),
        "Ethics approval for repair logs",
        -330,
        Some(-319),
    );
    let m_dataset = d.milestone(
        poly,
        Some(g_data),
        "First dataset published",
        -230,
        Some(-225),
    );
    d.milestone(poly, Some(g_data), "Data dashboard prototype", -12, None);
    d.milestone(
        poly,
        Some(g_students),
        "Student showcase at the Commons",
        40,
        None,
    );
    let m_evening = d.milestone(
        cafe,
        Some(g_pilot),
        "First repair-and-coffee evening",
        -14,
        Some(-14),
    );
    d.milestone(cafe, Some(g_pilot), "Second evening", 21, None);
    d.milestone(cafe, None, "Tool insurance question answered", 7, None);
    let m_logo = d.milestone(maya, None, "New logo and visual identity", -420, Some(-410));
    d.milestone(
        maya,
        Some(g_report),
        "Annual report illustrations final",
        23,
        None,
    );
    let m_shelf = d.milestone(
        mori,
        Some(g_shelves),
        "First book-swap shelf installed",
        -420,
        Some(-418),
    );
    d.milestone(mori, Some(g_shelves), "Shelves 4–6 installed", -150, None);
    d.milestone(
        harbour,
        Some(g_tournament),
        "Tournament registration opens",
        -200,
        Some(-205),
    );
    let m_hundred = d.milestone(harbour, Some(g_bikes), "100 bikes serviced", -60, Some(-75));
    d.milestone(harbour, None, "Handover pack for the federation", 30, None);
    d.milestone(
        arts,
        Some(g_residency),
        "Residency concept note sent",
        -30,
        None,
    );
    d.milestone(
        arts,
        Some(g_residency),
        "Micro-grant application deadline",
        48,
        None,
    );
    d.milestone(solar, Some(g_solar), "Roof survey", -560, Some(-565));
    let m_panels = d.milestone(
        solar,
        Some(g_solar),
        "Panels installed and commissioned",
        -270,
        Some(-262),
    );
    d.milestone(solar, None, "Close-out and case study", -250, Some(-248));
    d.milestone(
        elena,
        Some(g_income),
        "Fundraising strategy draft",
        -90,
        Some(-96),
    );
    d.milestone(
        elena,
        Some(g_apps),
        "Second application submitted",
        -50,
        Some(-55),
    );
    d.milestone(elena, Some(g_apps), "Third application submitted", 60, None);

    // ----- The communication log ------------------------------------------------------------
    d.thread(green, -540, -4, vec![
        e(Meeting, US, 4, "Quarterly catch-up with Priya: walked through the repair café numbers and floated an expansion grant.")
            .fu("Send Priya the repair café visitor figures", 5, Some(3)),
        e(Email, THEM, 4, "Priya shared the guidelines of the community investment fund; our expansion fits the 'local resilience' strand."),
        e(Call, US, 4, "Talked budget lines with Tomás — they want match funding shown as volunteer hours.")
            .fu("Draft a valuation of volunteer hours", 10, Some(9)),
        e(Meeting, THEM, 5, "Application workshop at the branch. Priya went through our draft line by line; very generous with her time."),
        e(Email, US, 3, "Submitted the expansion grant application. Confirmation received; decision after their next board.").on(-406),
        e(Message, THEM, 4, "Tomás asked whether the hub could host their staff volunteering day."),
        e(Event, US, 5, "Greenleaf staff volunteering day at the Commons: 14 staff sorted the tool library and fixed 9 bikes."),
        e(Call, THEM, 5, "Priya called: grant approved in two tranches, EUR 12,500 now and the rest on milestones.")
            .fu("Sign and return the grant agreement", 7, Some(4)),
        e(Email, US, 4, "Returned the signed grant agreement and the bank details for the first tranche."),
        e(Meeting, US, 4, "Planning session for the financial literacy workshops: twelve sessions, renters first.").on(-298),
        e(Email, THEM, 3, "Tomás flagged that the branch meeting room is booked on Thursdays; workshops move to the hub."),
        e(Event, US, 5, "First financial literacy workshop, 'Understanding your payslip'. 22 attendees and lots of questions.").on(-272),
        e(Message, THEM, 4, "Priya loved the workshop photos and asked to use two in their member newsletter."),
        e(Call, US, 3, "Quarterly check-in. Spending of the first tranche is behind plan because the workbench supplier was late.")
            .fu("Send a revised spend profile", 14, Some(16)),
        e(Email, US, 4, "Sent the revised spend profile and the supplier's new delivery date."),
        e(Meeting, THEM, 4, "Review meeting at the branch: clarity is better, and both sides want more joint visibility.").on(-170),
        e(Event, US, 4, "Workshop #6, 'Debt without shame', with a guest speaker from the advice centre. Full room."),
        e(Email, THEM, 4, "Tomás proposed a co-branded impact report for the year.")
            .fu("Outline the impact report", 14, Some(12)),
        e(Call, US, 4, "Went through the impact report outline with Priya; she will supply the member-survey numbers."),
        e(Email, US, 3, "Sent the draft impact report a week later than promised. Apologised and explained the data delay.").on(-32),
        e(Meeting, THEM, 5, "Priya confirmed the second tranche will be released once the report is out. Warm meeting."),
        e(Event, US, 5, "Workshop #9 on saving for emergencies — the best attended yet, with 31 people.").on(-30),
        e(Email, THEM, 4, "Tomás confirmed the date of the second tranche, a little later than agreed because of their audit.").on(-11),
        e(Message, US, 5, "Co-branded impact report published; sent Priya and Tomás the link and a box of printed copies.").on(-6),
        e(Call, THEM, 4, "Priya asked about a multi-year arrangement from next year and wants a one-page proposal.")
            .fu("Write a one-page multi-year proposal for Greenleaf", 14, None),
    ]);
    d.thread(river, -540, -18, vec![
        e(Meeting, US, 4, "Association meeting: presented the repair crew idea; eight residents signed up on the spot."),
        e(Message, THEM, 4, "Hannah sent the list of stairwells with the most broken appliances."),
        e(Event, US, 4, "Estate repair day #1 in the community room: 34 items in, 21 fixed."),
        e(Email, US, 3, "Shared the repair day results: 62% fixed, mostly let down by missing spare parts.")
            .fu("Price a kit of common spare parts", 10, Some(14)),
        e(Call, THEM, 4, "Darek asked for a tool safety briefing before volunteers use the workshop."),
        e(Event, US, 5, "Tool safety briefing: 11 volunteers signed off, including two teenagers with a parent.").on(-345),
        e(Message, THEM, 5, "Hannah: residents keep stopping her to say thanks for the fixed washing machines."),
        e(Meeting, US, 3, "Discussed response times — some requests wait over two weeks. Agreed to try a triage rota.")
            .fu("Draft a triage rota", 7, Some(6)),
        e(Email, US, 4, "Sent the draft triage rota; Darek will fill the weekday evening slots."),
        e(Event, THEM, 4, "Estate repair day #2, hosted by the association in their courtyard: 41 items, 27 fixed."),
        e(Call, US, 4, "Triage rota is live. First week: every request answered within five days.").on(-190),
        e(Message, THEM, 3, "Darek: two volunteers dropped out; could we recruit through the food bank?"),
        e(Meeting, US, 4, "Quarterly review with Hannah and Darek. Clarity is still the weak spot: we need one shared list of repair requests.")
            .fu("Set up a shared list of repair requests", 14, Some(20)),
        e(Email, THEM, 4, "Hannah forwarded a resident's letter of thanks to the whole committee."),
        e(Event, US, 5, "The volunteer crew passed 20 active members — celebrated with a courtyard barbecue.").on(-140),
        e(Call, THEM, 4, "Darek proposed a 'fix-it hour' after each monthly association meeting."),
        e(Meeting, US, 4, "First fix-it hour after the association meeting: 9 small repairs done while people chatted."),
        e(Email, US, 4, "Sent the updated repair success figures: 66%, up from 55% at the start."),
        e(Message, THEM, 4, "Hannah asked if Maya's illustrated thank-you postcards could go to every volunteer."),
        e(Event, THEM, 5, "Estate repair day #3, the biggest yet: 58 items, 40 fixed, and local radio came by."),
        e(Call, US, 3, "Talked about the backlog: median response is 8 days and the paper form is the bottleneck.")
            .fu("Scope an online repair request form", 14, Some(12)),
        e(Meeting, THEM, 4, "Review with Hannah: clear improvement on communication and celebration.").on(-60),
        e(Email, US, 4, "Shared a mock-up of the online request form; Darek will test it with three households."),
        e(Message, THEM, 4, "Darek: testers liked the form but want it in Polish and Arabic as well."),
        e(Call, US, 4, "Agreed to translate the form before launch; the association will find translators."),
        e(Email, THEM, 4, "Hannah sent the translations. The ball is in our court to publish the form."),
        e(Meeting, US, 4, "Planned repair day #4 with the committee; date set, flyers out two weeks before."),
        e(Message, THEM, 3, "Darek asked, politely, when the online form will go live — residents keep asking."),
        e(Email, US, 3, "Apologised for the delay on the form; promised a firm launch date after a last technical check.")
            .fu("Publish the online repair request form", 7, None),
        e(Call, THEM, 4, "Hannah wants two volunteer team leads nominated with us before the next repair day.")
            .fu("Agree on two volunteer team leads with Hannah", 21, None),
    ]);
    d.thread(food, -540, -46, vec![
        e(Meeting, US, 5, "Kick-off with Samuel and Lucia: surplus from their warehouse could feed a weekly community meal."),
        e(Email, THEM, 4, "Samuel sent the food-safety requirements for redistributing chilled surplus."),
        e(Call, US, 4, "Lucia confirmed four volunteers for the kitchen on Thursdays."),
        e(Event, US, 5, "First community meal from rescued food: 48 people and nothing left over."),
        e(Email, US, 4, "Booked the food-safety course for the kitchen team.")
            .fu("Send the course certificates to Samuel", 30, Some(28)),
        e(Message, THEM, 5, "Samuel: certificates received, the kitchen is cleared for chilled surplus.").on(-285),
        e(Meeting, THEM, 4, "Agreed a weekly pickup on Tuesdays, aiming for twice weekly within six months."),
        e(Event, US, 5, "Shared lunch in the newly certified kitchen with both teams.").on(-280),
        e(Email, US, 4, "Review summary sent: strong on values and trust; pickups still only weekly.").on(-218),
        e(Call, THEM, 4, "Lucia asked to use our kitchen for training their new volunteers."),
        e(Meeting, THEM, 3, "Met the new director, Aisha Rahman. Friendly, but she is reviewing every partnership."),
        e(Call, THEM, 3, "Samuel warned their van is unreliable; two pickups cancelled this month."),
        e(Meeting, US, 3, "Review meeting — ratings down. Lucia was candid about overload; they will put their priorities in writing.")
            .on(-130)
            .fu("Share the meeting notes with Aisha and Samuel", 3, Some(2)),
        e(Email, US, 3, "Sent the notes and a proposal for a shared volunteer rota."),
        e(Event, US, 4, "Hosted the food bank's volunteer training day in our kitchen, as promised.").on(-72),
        e(Email, US, 3, "Asked for a date for twice-weekly pickups. No reply yet.")
            .fu("Chase Samuel about the pickup schedule", 10, Some(15)),
        e(Call, US, 3, "Samuel: the van is off the road, so twice-weekly pickups are not possible for now."),
        e(Message, THEM, 2, "Pickup cancelled at short notice again: 30 meals planned, 12 cooked from our own stock."),
        e(Call, US, 2, "Tried Samuel twice; voicemail. Lucia says the director is reconsidering the partnership."),
        e(Email, THEM, 3, "Lucia replied briefly: the priorities paper is delayed, they will be in touch.")
            .fu("Call Aisha directly about the future of the partnership", 10, None),
    ]);
    d.thread(city, -540, -38, vec![
        e(Meeting, US, 4, "Annual meeting with Margaret: the service agreement runs well and the council wants more events in the parks."),
        e(Email, THEM, 4, "Margaret sent the parks events framework and the committee's deadlines."),
        e(Call, US, 4, "Ahmed walked us through the permit process — six weeks' notice for anything amplified."),
        e(Email, US, 4, "Submitted the parks events programme for committee approval.").on(-389),
        e(Email, THEM, 5, "Programme approved in full; the committee singled out the repair café pop-ups.").on(-382),
        e(Event, US, 4, "Pop-up repair café in Elm Park: 70 visitors, 25 items fixed."),
        e(Meeting, THEM, 3, "Margaret passed on a complaint from neighbours about noise after an evening event.")
            .fu("Write a noise plan for evening events", 14, Some(10)),
        e(Email, US, 4, "Sent our noise plan: events finish earlier, amplification only for speeches."),
        e(Email, US, 4, "Submitted the annual activity report ahead of the deadline.").on(-205),
        e(Event, US, 5, "Riverside festival, co-run with Parks & Culture: 3,400 visitors, our biggest event yet.").on(-160),
        e(Call, THEM, 4, "Ahmed: the festival debrief went well and the council wants to make it a yearly fixture."),
        e(Meeting, US, 4, "Review with Margaret. Solid, but long-term planning is hostage to the agreement renewal.").on(-120),
        e(Email, THEM, 3, "Margaret: the renewal goes to committee; they need our proposal and an accessibility audit of the hall.")
            .fu("Book an accessibility auditor for the hall", 21, Some(18)),
        e(Call, US, 4, "Talked through renewal options with Margaret: a three-year term with community hours protected."),
        e(Event, THEM, 4, "Council community fair: shared a stall with Parks & Culture and signed up 12 new volunteers."),
        e(Email, THEM, 4, "Margaret sent the draft terms of the new agreement: three years, 20 community hours a week protected.")
            .fu("Circulate the draft terms to our trustees", 7, Some(5)),
    ]);
    d.thread(poly, -535, -8, vec![
        e(Meeting, US, 4, "Planning the next phase with Kwame: turning our repair logs into open data."),
        e(Email, THEM, 4, "Inés sent the ethics application draft; it needs our data-handling description."),
        e(Email, US, 4, "Returned the data-handling section: names and addresses are stripped at source.")
            .fu("Confirm the data retention period with our trustees", 14, Some(10)),
        e(Call, THEM, 3, "The ethics committee asked for changes; approval delayed by a few weeks."),
        e(Email, THEM, 5, "Ethics approval granted for anonymised repair logs.").on(-319),
        e(Meeting, US, 4, "Data workshop at the lab: first dataset is what breaks, how often, and whether it was fixed."),
        e(Email, US, 4, "Exported eighteen months of anonymised repair logs to the lab, as promised.").on(-252),
        e(Message, THEM, 4, "Inés found duplicate entries from the old paper forms; cleaning them before publication."),
        e(Event, THEM, 5, "First open dataset launched at the lab, with drinks and a short talk by Inés.").on(-225),
        e(Email, THEM, 4, "Kwame: a hub in another city wants to reuse our data format. Big validation for the project."),
        e(Meeting, US, 3, "Review with Kwame. Strong on strengths; clarity weak — datasets two to four have no owner.")
            .fu("Agree owners for datasets 2–4", 14, Some(14)),
        e(Call, THEM, 4, "Kwame proposed six student placements at the Commons over the year."),
        e(Meeting, US, 4, "Placement planning: students on the tool library, the repair log and the events survey."),
        e(Event, US, 4, "Welcomed the first three placement students with a tour and a safety briefing."),
        e(Message, THEM, 4, "Inés: datasets 2 and 3 are published; number 4 waits on the events survey."),
        e(Email, US, 4, "Sent the events survey results for dataset 4."),
        e(Meeting, THEM, 4, "Review: placements are going well; the dashboard prototype is promised for the end of term.").on(-120),
        e(Call, US, 4, "Two more students placed; the tool-library student wants to stay on as a volunteer."),
        e(Email, THEM, 3, "Kwame warned that the dashboard prototype will slip — the student lead is ill."),
        e(Call, US, 3, "Agreed a new prototype date with Inés; the student showcase at the Commons is planned in about six weeks."),
        e(Message, THEM, 4, "Inés shared a sneak peek of the dashboard: rough, but promising."),
        e(Meeting, US, 4, "Planned the student showcase with Kwame and Inés; a fifth student is placed.")
            .fu("Book the hall for the student showcase", 10, None),
    ]);
    d.thread(cafe, -66, -2, vec![
        e(Meeting, THEM, 4, "Léa introduced herself after the street fair: she would like to host repair evenings at the café."),
        e(Meeting, US, 5, "Visited the café with two fixers. The back room fits four tables and a bike stand.").on(-50),
        e(Email, THEM, 4, "Léa proposed a monthly repair-and-coffee evening; Jérôme offers soup at cost."),
        e(Call, US, 4, "Agreed a three-evening pilot. Open question: does their insurance cover our tools?")
            .fu("Send Léa our tool list and our insurance certificate", 5, Some(3)),
        e(Event, US, 5, "First repair-and-coffee evening: 19 guests, 11 items fixed, and the soup sold out.").on(-14),
        e(Message, THEM, 5, "Léa: the best evening the café has had in months. Several guests asked about the next one."),
        e(Meeting, THEM, 4, "Planned the second evening. Léa is still waiting for her broker's answer on tool insurance.")
            .fu("Get a poster for the second evening (ask Maya?)", 7, None),
    ]);
    d.thread(maya, -540, -18, vec![
        e(Meeting, US, 5, "Coffee with Maya to brief the new logo: warm, hand-drawn, readable on a tool tag."),
        e(Email, THEM, 5, "Maya sent three logo sketches; everyone loves the wrench-and-leaf."),
        e(Call, US, 4, "Feedback call on the logo: one round of tweaks for colour contrast."),
        e(Event, US, 5, "Unveiled the new sign above the door with Maya; neighbours came out to watch.").on(-410),
        e(Message, THEM, 4, "Maya offered to draw thank-you postcards for our volunteers."),
        e(Email, US, 4, "Sent the volunteer names for the postcards."),
        e(Meeting, US, 4, "Review chat: Maya wants more portfolio pieces; we want a simple brand guide.").on(-235),
        e(Email, THEM, 4, "Maya delivered a one-page brand guide, ahead of schedule."),
        e(Message, US, 3, "Asked Maya for a festival poster with far too little notice — she managed, but said so."),
        e(Call, US, 4, "Apologised for the rushed poster; agreed on two weeks' notice for any future request.")
            .fu("Add 'two weeks' notice for design requests' to the volunteer handbook", 14, Some(9)),
        e(Meeting, US, 4, "Briefed the annual report illustrations: 24 pages, one per story.").on(-120),
        e(Message, THEM, 4, "Maya shared the first eight spreads. Gorgeous."),
        e(Email, US, 3, "Realised we never wrote the portfolio reference we promised her. Drafting it now.")
            .fu("Send Maya her portfolio reference", 7, Some(12)),
        e(Call, THEM, 5, "Maya: the reference helped her land a children's book commission. Delighted for her."),
        e(Message, THEM, 4, "Twenty of twenty-four pages done; the cover is still open."),
        e(Meeting, US, 4, "Cover options with Maya over lunch; she will finish before the print deadline."),
    ]);
    d.thread(mori, -540, -120, vec![
        e(Meeting, US, 5, "Yumi showed us the collective's bilingual reading circle — a lovely atmosphere."),
        e(Email, THEM, 4, "Yumi wrote 'ありがとう' for the tour; they would like a book-swap shelf in our main hall."),
        e(Event, US, 5, "Opened the first book-swap shelf with a reading and green tea.").on(-418),
        e(Message, THEM, 4, "Kenji reports the shelf turns over about 40 books a week."),
        e(Meeting, US, 4, "Agreed more shelves for the satellite hubs; Kenji will build them."),
        e(Event, THEM, 4, "Japanese–English reading circle at the Commons: 15 people, three generations."),
        e(Email, THEM, 3, "Shelves 2 and 3 are installed; shelf 4 is delayed because their workshop lost its lease."),
        e(Call, THEM, 3, "Yumi: the collective must move premises and will pause its projects for a few months."),
        e(Email, US, 4, "Thanked Yumi; agreed to pause, and we will keep the shelves stocked from our side."),
        e(Message, US, 4, "Sent Yumi a photo of the full shelf and our best wishes for the move. No reply expected for now."),
    ]);
    d.thread(harbour, -540, -50, vec![
        e(Event, US, 4, "Bike check day at the league: 38 bikes serviced before training restarted."),
        e(Call, THEM, 4, "Danny asked for a tournament with a bike-safety theme."),
        e(Meeting, US, 4, "Tournament planning: target of 16 teams, helmets checked at the gate."),
        e(Email, US, 4, "Finished servicing all the league's bikes ahead of the season.").on(-210),
        e(Email, THEM, 4, "Registration for the bike-safety tournament is open.").on(-205),
        e(Message, THEM, 3, "Danny: only six teams so far; parents worry about a clash with school trips."),
        e(Meeting, US, 3, "Review with Danny: the long-term view is shaky — the league may merge into the regional federation.").on(-161),
        e(Call, THEM, 3, "Tournament dropped for lack of teams. We keep the bike check days instead."),
        e(Email, THEM, 3, "Danny confirmed the merger into the regional federation; the league winds down over the coming months."),
        e(Message, THEM, 5, "Danny sent photos from the league's last fun day, with thanks for years of bike help."),
        e(Event, US, 5, "Bike #100 serviced, with a cheer from the under-12s.").on(-75),
        e(Message, THEM, 4, "Danny shared the contact of the federation's volunteer lead, a bit later than planned.").on(-58),
        e(Call, US, 4, "Intro call with the federation's volunteer lead; they would like our bike-check checklist."),
        e(Email, US, 4, "Sent the checklist and an outline of the handover pack.")
            .fu("Finish the handover pack for the federation", 80, None),
    ]);
    d.thread(arts, -158, -52, vec![
        e(Email, THEM, 4, "Oluwaseun got in touch after the festival: interested in an artist residency at the repair café."),
        e(Meeting, US, 5, "Met Oluwaseun at the Commons. Idea: an artist making work from unrepairable items."),
        e(Call, THEM, 4, "Oluwaseun explained the micro-grant round: up to EUR 8,000, concept note first."),
        e(Email, US, 3, "Promised a concept note within a month; asked Maya whether she knows suitable artists."),
        e(Message, THEM, 0, "Oluwaseun asked, gently, how the concept note is coming along.")
            .fu("Send the residency concept note", 22, None),
    ]);
    d.thread(solar, -540, -231, vec![
        e(Meeting, US, 4, "Freya presented the installation plan: 15 kWp on the south roof at community rates."),
        e(Email, THEM, 4, "Roof survey follow-up: the structure is fine, one skylight has to move."),
        e(Call, US, 3, "Scaffolding delayed by two weeks; Freya apologetic and kept us informed throughout."),
        e(Event, THEM, 5, "Panels installed and commissioned — switch-on party on the roof.").on(-262),
        e(Email, THEM, 3, "The commissioning certificate arrived, a week late.").on(-258),
        e(Email, US, 4, "Sent the draft case study for Brightwater's website.").on(-246),
        e(Meeting, THEM, 4, "Close-out meeting: warranty explained, the partnership ends as planned. Both open to a battery project later."),
        e(Message, THEM, 5, "Freya: the case study is their most-read post this quarter."),
        e(Email, US, 4, "Shared the first month's generation figures: 1.4 MWh, and the bill down by a third."),
    ]);
    d.thread(elena, -535, -52, vec![
        e(Meeting, US, 5, "First mentoring walk with Elena: mapped every income source and how fragile each one is."),
        e(Email, THEM, 4, "Elena sent her reading list on community fundraising, with notes in the margins."),
        e(Meeting, US, 4, "Walk and talk: practised the 'ask' for a multi-year arrangement with Greenleaf."),
        e(Call, US, 3, "Admitted the first application was rushed; Elena suggested a simple pipeline tracker."),
        e(Event, THEM, 5, "Brunch to mark a year of mentoring; Elena told stories from her first campaigns.").on(-180),
        e(Meeting, US, 4, "Reviewed the strategy outline. The aim: no funder above 40% of our income."),
        e(Email, THEM, 4, "Elena introduced us to two foundation contacts, as promised.").on(-136),
        e(Email, US, 4, "Sent the fundraising strategy draft a week before our walk, as agreed.").on(-98),
        e(Meeting, US, 4, "Strategy walk: draft accepted with edits; the second application goes out soon."),
        e(Message, US, 4, "Told Elena the second application is in; she replied with a row of exclamation marks."),
    ]);
    d.flush_log();

    // ----- Commitments ----------------------------------------------------------------------
    d.commit(
        green,
        US,
        "Share quarterly impact figures",
        -240,
        kept(-242),
    );
    d.commit(
        green,
        US,
        "Send the draft co-branded impact report",
        -40,
        kept(-32),
    );
    d.commit(green, US, "Host workshop #9 at the hub", -30, kept(-30));
    d.commit(
        green,
        THEM,
        "Confirm the date of the second tranche",
        -20,
        kept(-11),
    );
    d.commit(
        river,
        US,
        "Train five new volunteers on tool safety",
        -335,
        kept(-345),
    );
    d.commit(
        river,
        THEM,
        "Flyer every stairwell before repair day #3",
        -95,
        kept(-96),
    );
    d.commit(
        river,
        US,
        "Publish the online repair request form",
        -25,
        None,
    );
    d.commit(river, THEM, "Nominate two volunteer team leads", 14, None);
    d.commit(
        food,
        THEM,
        "Run twice-weekly surplus pickups",
        -120,
        missed(-100),
    );
    d.commit(
        food,
        US,
        "Lend the kitchen for their volunteer training",
        -70,
        kept(-72),
    );
    d.commit(
        food,
        THEM,
        "Share the new director's priorities in writing",
        -30,
        None,
    );
    d.commit(food, US, "Propose a lighter pickup schedule", 10, None);
    d.commit(
        city,
        US,
        "Submit the annual activity report",
        -200,
        kept(-205),
    );
    d.commit(
        city,
        THEM,
        "Send draft terms of the new agreement",
        -45,
        kept(-38),
    );
    d.commit(city, US, "Return comments on the draft agreement", 10, None);
    d.commit(
        poly,
        THEM,
        "Assign a research assistant to the project",
        -500,
        kept(-505),
    );
    d.commit(poly, US, "Export anonymised repair logs", -250, kept(-252));
    d.commit(poly, THEM, "Deliver the dashboard prototype", -12, None);
    d.commit(
        cafe,
        US,
        "Bring the repair kit and two fixers to the first evening",
        -14,
        kept(-14),
    );
    d.commit(
        cafe,
        THEM,
        "Check tool insurance with their broker",
        7,
        None,
    );
    d.commit(
        maya,
        US,
        "Write a portfolio reference for Maya",
        -100,
        missed(-93),
    );
    d.commit(
        maya,
        THEM,
        "Deliver the annual report illustrations",
        23,
        None,
    );
    d.commit(
        mori,
        THEM,
        "Return the borrowed shelving brackets",
        -125,
        kept(-122),
    );
    d.commit(
        harbour,
        US,
        "Service all league bikes before the season",
        -200,
        kept(-210),
    );
    d.commit(
        harbour,
        THEM,
        "Introduce us to the federation's volunteer lead",
        -70,
        kept(-58),
    );
    d.commit(
        harbour,
        US,
        "Hand over the bike-check checklist and pack",
        30,
        None,
    );
    d.commit(arts, US, "Send a residency concept note", -30, None);
    d.commit(
        solar,
        THEM,
        "Provide the commissioning certificate",
        -265,
        kept(-258),
    );
    d.commit(
        solar,
        US,
        "Write a case study of the installation",
        -240,
        kept(-246),
    );
    d.commit(
        elena,
        THEM,
        "Introduce us to two foundation contacts",
        -140,
        kept(-136),
    );
    d.commit(
        elena,
        US,
        "Send the strategy draft a week before we meet",
        -98,
        kept(-98),
    );

    // ----- Reviews --------------------------------------------------------------------------
    use Practice::{
        Celebration as Cel, Clarity, Communication, Improvement, LongTerm, Strengths, Trust, Values,
    };
    d.review(
        green,
        -350,
        [4, 3, 3, 4, 4, 3, 3, 2],
        &[
            (Cel, "We never marked the grant approval."),
            (Clarity, "Spend milestones are vague."),
        ],
        "Good foundation. Agreed to write down spend milestones and to mark wins together.",
        Some(-260),
    );
    d.review(
        green,
        -260,
        [4, 4, 3, 4, 4, 4, 3, 3],
        &[(Communication, "Monthly updates are landing well.")],
        "Communication up. The first tranche arrived; the workshop series is about to launch.",
        Some(-170),
    );
    d.review(
        green,
        -170,
        [5, 4, 4, 4, 4, 4, 4, 3],
        &[
            (Clarity, "Workshop targets are clear and tracked."),
            (Improvement, "Spend delay handled openly."),
        ],
        "Steady improvement. Next: more joint visibility, maybe a co-branded report.",
        Some(-80),
    );
    d.review(
        green,
        -80,
        [5, 4, 5, 5, 5, 4, 4, 4],
        &[
            (
                Strengths,
                "Their finance skills plus our reach make the workshops work.",
            ),
            (Trust, "Open about their audit delays; so are we."),
        ],
        "Our strongest partnership. Explore a multi-year arrangement.",
        Some(10),
    );
    d.review(
        river,
        -330,
        [4, 3, 2, 3, 4, 3, 2, 3],
        &[(Clarity, "Nobody knows which repair requests are open.")],
        "Lots of goodwill, little structure. Start with a triage rota.",
        Some(-240),
    );
    d.review(
        river,
        -240,
        [4, 3, 3, 3, 4, 3, 3, 4],
        &[(Improvement, "Triage rota is a real step forward.")],
        "Slowly improving. The shared request list is the next step.",
        Some(-150),
    );
    d.review(
        river,
        -150,
        [5, 4, 3, 4, 4, 4, 3, 4],
        &[(Communication, "Fix-it hours keep us in touch every month.")],
        "Crew close to 20 volunteers. Response times still too long.",
        Some(-60),
    );
    d.review(
        river,
        -60,
        [5, 4, 4, 4, 5, 4, 4, 5],
        &[
            (Cel, "Barbecue and postcards were a hit."),
            (Clarity, "The online form will settle the backlog question."),
        ],
        "Best review yet. The online form is our open promise — deliver it.",
        Some(30),
    );
    d.review(
        food,
        -310,
        [5, 4, 4, 4, 5, 4, 4, 4],
        &[(Values, "Nothing wasted, nobody shamed: fully shared.")],
        "Great start; the kitchen is certified and meals are popular.",
        Some(-220),
    );
    d.review(
        food,
        -220,
        [4, 4, 3, 3, 4, 4, 3, 4],
        &[(Clarity, "Twice-weekly pickups have no date.")],
        "Still good, but the pickup schedule is drifting. New director starting.",
        Some(-130),
    );
    d.review(food, -130, [4, 2, 2, 3, 3, 3, 2, 3],
        &[(Communication, "Calls go unanswered for weeks."), (Trust, "Pickups cancelled at short notice."), (Clarity, "Their priorities are unknown to us.")],
        "Ratings dropping. Need a candid conversation with the director about capacity and the future.",
        Some(-40));
    d.review(
        city,
        -360,
        [4, 3, 4, 4, 4, 3, 3, 3],
        &[(LongTerm, "Everything hinges on the agreement renewal.")],
        "Reliable and formal. Programme approved; events are the shared win.",
        Some(-240),
    );
    d.review(
        city,
        -240,
        [4, 3, 4, 4, 4, 3, 3, 4],
        &[(Communication, "Noise complaint handled well by both sides.")],
        "Stable. Put the renewal on the agenda early.",
        Some(-120),
    );
    d.review(
        city,
        -120,
        [4, 4, 4, 4, 4, 3, 3, 4],
        &[
            (LongTerm, "Renewal still uncertain."),
            (Cel, "The festival thank-you letter landed well."),
        ],
        "Stable. The renewal proposal and the accessibility audit are the priorities.",
        Some(0),
    );
    d.review(
        poly,
        -300,
        [4, 3, 3, 4, 3, 3, 3, 2],
        &[(Trust, "Ethics process felt slow and opaque to us.")],
        "Promising but slow. Agree data owners and timelines.",
        Some(-210),
    );
    d.review(
        poly,
        -210,
        [4, 3, 4, 4, 4, 3, 3, 3],
        &[(Cel, "Dataset launch drinks were a good start.")],
        "First dataset out; clarity improving.",
        Some(-120),
    );
    d.review(
        poly,
        -120,
        [4, 4, 4, 5, 4, 4, 3, 4],
        &[(Strengths, "Students bring real skills to the tool library.")],
        "Placements are a success. Dashboard prototype promised for the end of term.",
        Some(-30),
    );
    d.review(
        poly,
        -30,
        [5, 3, 4, 5, 4, 4, 4, 4],
        &[(Communication, "We heard about the prototype delay late.")],
        "Mostly strong; a dip in communication around the prototype delay.",
        Some(60),
    );
    d.review(
        maya,
        -235,
        [5, 4, 3, 4, 5, 4, 3, 4],
        &[(Clarity, "Briefs were too loose.")],
        "Lovely work; we need clearer briefs and more notice.",
        Some(-115),
    );
    d.review(
        maya,
        -115,
        [5, 5, 4, 5, 4, 4, 4, 5],
        &[(Trust, "We missed the reference we promised her.")],
        "Better briefs, better results. Make good on the reference.",
        Some(5),
    );
    d.review(
        mori,
        -330,
        [5, 4, 3, 4, 5, 4, 3, 4],
        &[],
        "A gentle, generous partner. Shelves are working.",
        Some(60),
    );
    d.review(
        harbour,
        -280,
        [4, 4, 4, 4, 4, 3, 3, 4],
        &[],
        "Bike days are loved. The tournament needs more teams.",
        Some(-161),
    );
    d.review(
        harbour,
        -161,
        [4, 3, 4, 4, 4, 2, 3, 4],
        &[(
            LongTerm,
            "The league may merge into the regional federation.",
        )],
        "Prepare for a graceful handover.",
        None,
    );
    d.review(
        solar,
        -400,
        [4, 4, 4, 5, 4, 3, 3, 4],
        &[],
        "Professional and transparent; scaffolding delay communicated early.",
        Some(-260),
    );
    d.review(
        solar,
        -260,
        [4, 4, 5, 5, 5, 3, 4, 5],
        &[(Cel, "Switch-on party on the roof!")],
        "Delivered. Close out with a case study.",
        None,
    );
    d.review(
        elena,
        -170,
        [5, 4, 3, 4, 5, 5, 4, 3],
        &[(Clarity, "We should set measurable aims for the mentoring.")],
        "A year in: we think differently about money. Set goals for the next year.",
        Some(10),
    );

    // ----- Celebrations ---------------------------------------------------------------------
    d.celebrate(
        green,
        Some(m_series),
        -270,
        "Launch photo on the noticeboard and on social media",
        "Priya and the workshop volunteers",
    );
    d.celebrate(
        green,
        Some(m_tranche1),
        -250,
        "Cake and a hand-written thank-you card at the branch",
        "Priya, Tomás and the repair café crew",
    );
    d.celebrate(
        river,
        Some(m_twenty),
        -140,
        "Volunteer barbecue in the courtyard",
        "Hannah, Darek and twenty volunteers",
    );
    d.celebrate(
        river,
        None,
        -55,
        "Hand-drawn thank-you postcards for every volunteer",
        "Maya and the repair crew",
    );
    d.celebrate(
        food,
        Some(m_kitchen),
        -280,
        "Shared lunch cooked in the newly certified kitchen",
        "Samuel, Lucia and both kitchen teams",
    );
    d.celebrate(
        city,
        Some(m_programme),
        -375,
        "Thank-you letter to the committee, copied to the mayor's office",
        "Margaret Liu",
    );
    d.celebrate(
        city,
        Some(m_festival),
        -158,
        "Volunteer party after the festival",
        "Ahmed and the events team",
    );
    d.celebrate(
        poly,
        Some(m_dataset),
        -225,
        "Dataset launch drinks at the lab",
        "Kwame, Inés and the students",
    );
    d.celebrate(
        cafe,
        Some(m_evening),
        -13,
        "Croissants on the house and a group photo",
        "Léa, Jérôme and the fixers",
    );
    d.celebrate(
        maya,
        Some(m_logo),
        -410,
        "Unveiled the new sign together",
        "Maya and the neighbours",
    );
    d.celebrate(
        mori,
        Some(m_shelf),
        -418,
        "Opening reading with green tea",
        "Yumi, Kenji and the reading circle",
    );
    d.celebrate(
        harbour,
        Some(m_hundred),
        -74,
        "Shout-out at the league's awards night",
        "Danny and the under-12s",
    );
    d.celebrate(
        solar,
        Some(m_panels),
        -262,
        "Switch-on party on the roof",
        "Freya and the installers",
    );
    d.celebrate(
        elena,
        None,
        -180,
        "Brunch to mark a year of mentoring",
        "Elena",
    );

    d.ws
}

fn cadence_state(ws: &Workspace, p: &Partner) -> (Option<i64>, &'static str) {
    let last = ws
        .interactions
        .iter()
        .filter(|i| i.partner == p.id)
        .map(|i| i.at.date())
        .max();
    match last {
        None => (None, "lapsed"),
        Some(d) => {
            let days = (ANCHOR - d).num_days();
            let state = if days <= i64::from(p.cadence.ideal_days) {
                "fine"
            } else if days <= i64::from(p.cadence.max_days) {
                "due"
            } else {
                "lapsed"
            };
            (Some(days), state)
        }
    }
}

/// Things that happened (log entries, completions, outcomes, reviews, celebrations) must not lie
/// after the anchor day, which is "today" in the sample.
fn assert_nothing_recorded_after_anchor(ws: &Workspace) {
    let mut facts: Vec<(NaiveDate, String)> = Vec::new();
    for i in &ws.interactions {
        facts.push((i.at.date(), format!("log entry {}", i.id)));
        if let Some(done) = i.follow_up.as_ref().and_then(|f| f.done) {
            facts.push((done, format!("follow-up of log entry {}", i.id)));
        }
    }
    for m in &ws.milestones {
        if let Some(done) = m.done {
            facts.push((done, format!("milestone {}", m.id)));
        }
    }
    for c in &ws.commitments {
        if let Some(Outcome::Kept(d) | Outcome::Missed(d)) = c.outcome {
            facts.push((d, format!("commitment {}", c.id)));
        }
    }
    for r in &ws.reviews {
        facts.push((r.date, format!("review {}", r.id)));
    }
    for c in &ws.celebrations {
        facts.push((c.date, format!("celebration {}", c.id)));
    }
    for p in &ws.partners {
        facts.push((p.since, format!("partner {}", p.id)));
    }
    let late: Vec<String> = facts
        .into_iter()
        .filter(|(d, _)| *d > ANCHOR)
        .map(|(d, what)| format!("{what} on {d}"))
        .collect();
    assert!(late.is_empty(), "recorded after the anchor day: {late:?}");
}

fn main() {
    let out = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo.ron"));
    let ws = build();

    let problems = validate(&ws);
    assert!(
        problems.is_empty(),
        "the demo sample is invalid:\n{}",
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_nothing_recorded_after_anchor(&ws);
    let text = to_text(&ws).expect("the demo sample serializes");
    let back: Workspace = parse(&text).unwrap_or_else(|e| panic!("the demo sample parses: {e}"));
    assert_eq!(back, ws, "the demo sample round-trips");

    std::fs::write(&out, &text).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));

    println!("wrote {} ({} bytes)", out.display(), text.len());
    println!(
        "partners {}, goals {}, milestones {}, log entries {}, commitments {}, reviews {}, celebrations {}",
        ws.partners.len(),
        ws.goals.len(),
        ws.milestones.len(),
        ws.interactions.len(),
        ws.commitments.len(),
        ws.reviews.len(),
        ws.celebrations.len()
    );
    println!("contact cadence at the anchor day {ANCHOR}:");
    for p in &ws.partners {
        let (days, state) = cadence_state(&ws, p);
        println!(
            "  {:<40} {:>6} days since contact (ideal {:>2}, max {:>2}) -> {state}",
            p.name,
            days.map_or("never".to_string(), |d| d.to_string()),
            p.cadence.ideal_days,
            p.cadence.max_days
        );
    }
    let follow_ups: Vec<&FollowUp> = ws
        .interactions
        .iter()
        .filter_map(|i| i.follow_up.as_ref())
        .collect();
    let open = follow_ups.iter().filter(|f| f.done.is_none()).count();
    let overdue = follow_ups
        .iter()
        .filter(|f| f.done.is_none() && f.due < ANCHOR)
        .count();
    println!(
        "follow-ups: {} ({} done, {} open of which {} overdue)",
        follow_ups.len(),
        follow_ups.len() - open,
        open,
        overdue
    );
}
