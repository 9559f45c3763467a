//! Generates a large, valid, realistic workspace for benchmarks.
//!
//! ```text
//! cargo run --release --example generate -- --partners 200 --interactions 20000 --seed 1 --out /tmp/heavy.ron
//! cargo run --release --example generate -- --preset extreme --seed 1 --out /tmp/extreme.ron
//! ```
//!
//! Per partner: about 10 goals, 30 milestones, 10 commitments and 4 reviews (plus celebrations
//! of some finished milestones); the log entries are spread over the five years before the fixed
//! end date 2026-11-27. Names and texts mix scripts (Latin with accents, CJK, Cyrillic, the odd
//! emoji). The output depends only on the arguments: the same seed gives the same file.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use clap::{Parser, ValueEnum};
use partnerdeck::model::{
    Cadence, Celebration, CelebrationId, Channel, Commitment, CommitmentId, Contact, FollowUp,
    Goal, GoalId, GoalStatus, Interaction, InteractionId, Milestone, MilestoneId, Outcome, Owner,
    Partner, PartnerId, PartnerKind, Phase, Practice, Profile, Ratings, Review, ReviewId, Side,
    Workspace, validate,
};
use partnerdeck::store::to_text;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// The last day of the generated history ("today" for the data).
const END: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 27) {
    Some(d) => d,
    None => panic!("the end date is a real date"),
};
/// How far back the log reaches.
const HISTORY_DAYS: i64 = 5 * 365;

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Preset {
    /// 200 partners, 20,000 log entries.
    Heavy,
    /// 2,000 partners, 250,000 log entries.
    Extreme,
}

impl Preset {
    fn sizes(self) -> (usize, usize) {
        match self {
            Preset::Heavy => (200, 20_000),
            Preset::Extreme => (2_000, 250_000),
        }
    }
}

/// Writes a seeded, valid benchmark workspace.
#[derive(Debug, Parser)]
#[command(about)]
struct Args {
    /// A named size; --partners and --interactions override its numbers.
    #[arg(long, value_enum)]
    preset: Option<Preset>,
    /// Number of partners (default 20 without a preset).
    #[arg(long)]
    partners: Option<usize>,
    /// Number of log entries (default 1,000 without a preset).
    #[arg(long)]
    interactions: Option<usize>,
    /// Seed of the generator; the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the workspace.
    #[arg(long)]
    out: PathBuf,
}

// ----- A small, fast, seeded generator (xoshiro256**, seeded with splitmix64) ----------------

struct Rng {
    s: [u64; 4],
}

impl Rng {
    fn new(seed: u64) -> Self {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// An index chosen by weight.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut r = self.below(u64::from(total)) as u32;
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

fn day(offset: i64) -> NaiveDate {
    if offset >= 0 {
        END + Days::new(offset as u64)
    } else {
        END - Days::new(offset.unsigned_abs())
    }
}

fn offset_of(date: NaiveDate) -> i64 {
    (date - END).num_days()
}

// ----- Word pools -----------------------------------------------------------------------------

const LATIN_FIRST: &[&str] = &[
    "Amélie",
    "Björn",
    "Chloé",
    "Dévora",
    "Émile",
    "François",
    "Gönül",
    "Hélène",
    "Iñaki",
    "Jürgen",
    "Kateřina",
    "Łukasz",
    "Małgorzata",
    "Noémie",
    "Óscar",
    "Paweł",
    "Rósa",
    "Søren",
    "Thérèse",
    "Ümit",
    "Zoë",
    "Anna",
    "Ben",
    "Carla",
    "David",
    "Ella",
    "Femi",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kofi",
    "Lena",
    "Marco",
    "Nadia",
    "Omar",
    "Priya",
    "Quentin",
    "Rosa",
    "Sam",
    "Tariq",
];
const LATIN_LAST: &[&str] = &[
    "Müller",
    "Dvořák",
    "García",
    "Lefèvre",
    "Nørgaard",
    "Öztürk",
    "Pérez",
    "Šimek",
    "Żak",
    "Ångström",
    "Brontë",
    "Côté",
    "Fernández",
    "Gonçalves",
    "Håkansson",
    "Jiménez",
    "Kovač",
    "Adeyemi",
    "Boateng",
    "Castillo",
    "Dubois",
    "Evans",
    "Fischer",
    "Hansen",
    "Ibarra",
    "Jensen",
    "Khan",
    "Lindqvist",
    "Mensah",
    "Nowak",
    "Okafor",
    "Rossi",
    "Santos",
    "Tanaka",
    "Walsh",
];
const CJK_PEOPLE: &[&str] = &[
    "佐藤 由美",
    "鈴木 健太",
    "高橋 さくら",
    "田中 翔",
    "渡辺 花子",
    "王 伟",
    "李 娜",
    "张 敏",
    "刘 洋",
    "陈 静",
    "김 민준",
    "이 서연",
    "박 지훈",
];
const CYRILLIC_PEOPLE: &[&str] = &[
    "Анна Смирнова",
    "Иван Петров",
    "Ольга Кузнецова",
    "Дмитрий Соколов",
    "Наталья Попова",
    "Сергей Волков",
    "Ірина Шевченко",
    "Олександр Бондаренко",
];
const HANDLES: &[&str] = &[
    "anna", "ben", "carla", "dev", "ella", "femi", "grace", "hugo", "ines", "jonas", "kofi",
    "lena", "marco", "nadia", "omar", "priya", "rosa", "sam", "tariq", "yumi", "kenji", "wei",
    "olga", "ivan", "minjun", "sofia", "lucas",
];
const ROLES: &[&str] = &[
    "Director",
    "Programme Officer",
    "Volunteer Coordinator",
    "Chair",
    "Partnerships Lead",
    "Operations Manager",
    "Research Assistant",
    "Owner",
    "Treasurer",
    "Community Organiser",
    "Head of Impact",
    "",
];

const LATIN_ORG_ADJ: &[&str] = &[
    "Grüne",
    "Nouvelle",
    "Verde",
    "Norra",
    "Blue",
    "Open",
    "Riverside",
    "Harbour",
    "Sunny",
    "Élan",
    "Fjäll",
    "Solidaire",
    "Común",
    "Bright",
    "Old Mill",
    "Northern",
    "Städtische",
    "Coöperatieve",
    "Łąkowa",
    "Zelená",
];
const LATIN_ORG_NOUN: &[&str] = &[
    "Werkstatt",
    "Atelier",
    "Huerta",
    "Library",
    "Kitchen",
    "Makerspace",
    "Garden",
    "Fabrik",
    "Café",
    "Bibliothèque",
    "Forge",
    "Commons",
    "Bike Works",
    "Tool Shed",
    "Food Hub",
    "Studio",
    "Brücke",
    "Ferme",
];
const LATIN_ORG_SUFFIX: &[&str] = &[
    "GmbH",
    "e.V.",
    "SARL",
    "Cooperative",
    "Association",
    "Foundation",
    "Collective",
    "Ltd",
    "S.L.",
    "AB",
    "Trust",
    "Network",
    "",
    "",
];
const CJK_ORG_PREFIX: &[&str] = &[
    "森の",
    "さくら",
    "東京",
    "大阪",
    "ひかり",
    "みどり",
    "北京",
    "长江",
    "上海",
    "光明",
    "한빛",
    "서울",
    "푸른",
];
const CJK_ORG_SUFFIX: &[&str] = &[
    "図書館",
    "商店",
    "協同組合",
    "デザイン事務所",
    "農園",
    "科技有限公司",
    "社区中心",
    "基金会",
    "협동조합",
    "도서관",
];
const CYRILLIC_ORG: &[&str] = &[
    "Кооператив «Рассвет»",
    "Студия «Берёзка»",
    "Фонд «Надежда»",
    "Мастерская «Ремонт»",
    "Библиотека на Садовой",
    "Клуб «Велосипед»",
    "Громада «Світанок»",
    "Центр «Добро»",
];
const PUBLIC_ORG: &[&str] = &[
    "City of {} — Parks & Culture",
    "{} District Council",
    "Ville de {} — Service Culture",
    "Stadt {} — Jugendamt",
    "Ayuntamiento de {}",
    "Regional Arts Council of {}",
];
const ACADEMIC_ORG: &[&str] = &[
    "{} Polytechnic — Civic Tech Lab",
    "Université de {} — Laboratoire Urbain",
    "Universität {} — Institut für Stadtforschung",
    "{} College of Design",
    "{}大学 地域連携センター",
];
const PLACES: &[&str] = &[
    "Northwind",
    "Lyon",
    "Malmö",
    "Göttingen",
    "Zaragoza",
    "Kraków",
    "Porto",
    "Tromsø",
    "Brno",
    "Leeds",
    "Accra",
    "Kyoto",
    "Québec",
    "Łódź",
    "Reykjavík",
];
const EMOJI: &[&str] = &["🌱", "🚲", "📚", "🔧", "🍲", "🎨", "☀️", "🤝"];

const VALUES: &[&str] = &[
    "sustainability",
    "inclusion",
    "transparency",
    "local first",
    "learning by doing",
    "generosity",
    "solidarity",
    "creativity",
    "dignity",
    "open data",
    "innovation",
    "public good",
    "health",
];
const OFFERS: &[&str] = &[
    "funding",
    "event space",
    "volunteer network",
    "repair know-how",
    "data skills",
    "design & illustration",
    "publicity",
    "food surplus",
    "mentoring",
    "meeting rooms",
    "research",
    "permits",
    "catering",
    "green energy",
];
const TAGS: &[&str] = &[
    "funder",
    "volunteers",
    "events",
    "research",
    "food",
    "repair",
    "youth",
    "arts",
    "energy",
    "pilot",
    "anchor partner",
    "needs attention",
    "mentor",
    "lease",
    "multilingual",
];

/// (goal title, metric, unit, baseline scale, decreasing)
const GOALS: &[(&str, &str, &str, f64, bool)] = &[
    (
        "Grow the volunteer crew",
        "active volunteers",
        "volunteers",
        20.0,
        false,
    ),
    (
        "Raise co-funding",
        "funding secured",
        "EUR",
        20_000.0,
        false,
    ),
    (
        "Run joint workshops",
        "workshops delivered",
        "events",
        12.0,
        false,
    ),
    (
        "Cut response time",
        "median days to first response",
        "days",
        14.0,
        true,
    ),
    (
        "Raise the repair success rate",
        "items fixed",
        "%",
        60.0,
        false,
    ),
    (
        "Serve community meals",
        "meals per month",
        "meals",
        800.0,
        false,
    ),
    (
        "Publish open datasets",
        "datasets published",
        "datasets",
        8.0,
        false,
    ),
    (
        "Host student placements",
        "students placed",
        "students",
        6.0,
        false,
    ),
    (
        "Reach new neighbours",
        "newsletter subscribers",
        "people",
        1500.0,
        false,
    ),
    (
        "Lower energy costs",
        "monthly electricity cost",
        "EUR",
        450.0,
        true,
    ),
    ("Reduce no-shows", "share of no-shows", "%", 25.0, true),
    ("Grow event attendance", "visitors", "people", 2500.0, false),
    (
        "Lend more tools",
        "tool loans per month",
        "loans",
        120.0,
        false,
    ),
    (
        "Train peer mentors",
        "mentors trained",
        "people",
        15.0,
        false,
    ),
];
const MILESTONES: &[&str] = &[
    "Kick-off meeting",
    "Agreement signed",
    "First joint event",
    "Volunteer briefing",
    "Funding application submitted",
    "First tranche received",
    "Mid-term review",
    "Pilot evaluated",
    "Report published",
    "Launch party",
    "Handover pack ready",
    "Website section live",
    "Survey closed",
    "Training day",
    "Premises inspected",
    "Board approval",
    "Press release out",
    "Dataset published",
    "Second cohort starts",
    "Accessibility audit",
];
const COMMITMENTS: &[&str] = &[
    "Share quarterly figures",
    "Send the draft report",
    "Confirm the venue",
    "Introduce us to their network",
    "Provide volunteers for the event",
    "Return comments on the draft agreement",
    "Deliver the prototype",
    "Send photos for the newsletter",
    "Host the next planning meeting",
    "Pay the second instalment",
    "Translate the flyer",
    "Write a reference",
];
const FOLLOW_UPS: &[&str] = &[
    "Send the minutes",
    "Chase the invoice",
    "Book the hall",
    "Share the figures",
    "Call back about the schedule",
    "Draft the proposal",
    "Confirm the date",
    "Introduce the new coordinator",
    "Send the photos",
    "Check the insurance question",
];
const HOW: &[&str] = &[
    "Cake and a thank-you card",
    "Team lunch",
    "Shout-out in the newsletter",
    "Volunteer party",
    "Photo on the noticeboard",
    "Drinks after work",
    "Hand-written thank-you notes",
    "お祝いの食事会",
    "Праздничное чаепитие",
];

/// Sentences for log summaries in English; a summary strings several together.
const PHRASES: &[&str] = &[
    "Quarterly catch-up on the shared goals.",
    "They asked whether we could host their volunteers next month.",
    "Walked through the budget and agreed to revisit the spend profile.",
    "Good energy in the room; everyone left with a clear next step.",
    "Follow-up on the open questions from last time.",
    "They flagged a delay on their side and apologised.",
    "We were late with the figures again, which they noticed.",
    "Agreed to meet at their place next time.",
    "Short call.",
    "Quick check-in.",
    "Sent the draft for comments.",
    "The event went well: more than fifty people came, and the local paper wrote about it.",
    "Tension about priorities; needs a candid conversation soon.",
    "Shared the newsletter and thanked them for the photos.",
    "Discussed the renewal of the agreement and what each side needs from it.",
    "Brainstormed ideas for a joint workshop series for renters and students.",
    "They introduced us to two people at the foundation.",
    "Celebrated the milestone together 🎉",
    "Volunteers fixed bikes all afternoon 🚲 and the kids loved it.",
    "Numbers are behind plan; we will look at the causes before the next review.",
    "They confirmed the date in writing.",
    "No answer yet; will try again next week.",
    "Their new coordinator starts next month and wants an introduction.",
    "Went through the list of open repair requests one by one.",
    "They offered their meeting room for free for the rest of the year.",
    "Asked for a letter of support for their funding bid.",
    "Mixed feelings: good progress on the pilot, but the reporting burden is growing.",
    "Two volunteers left; we need to recruit before the next event.",
    "They praised the kitchen team in front of their board.",
    "Agreed to share one list of actions instead of three spreadsheets.",
    "The insurance question is still open.",
    "Talked about what we would do differently next time.",
    "Invited them to the open day.",
    "They want to co-brand the annual report.",
    "Cleared up a misunderstanding about who pays for the materials.",
    "Lovely visit; they brought pastries.",
];

/// A few sentences in other languages; a summary in one of them stays in it.
const OTHER_LANGUAGES: &[&[&str]] = &[
    &[
        "Réunion très productive avec l'équipe ; prochaine étape : le budget.",
        "Ils ont confirmé la date par écrit.",
        "Appel rapide au sujet de la salle.",
        "Très bonne ambiance à l'atelier de réparation.",
    ],
    &[
        "Kurzes Telefonat wegen der Raumbuchung für nächste Woche.",
        "Die Förderzusage ist da – großartig!",
        "Wir liefern die Zahlen bis Freitag nach.",
    ],
    &[
        "Reunión con el equipo: acordamos el calendario de talleres.",
        "Pidieron más voluntarios para la próxima jornada.",
        "Llamada breve sobre el presupuesto.",
    ],
    &[
        "次回のワークショップの日程を確認しました。",
        "ボランティアの募集について相談。",
        "新しい本棚の設置が完了しました。",
    ],
    &[
        "讨论了下一季度的合作计划。",
        "对方确认了活动场地。",
        "志愿者培训进展顺利。",
    ],
    &[
        "Обсудили совместное мероприятие и бюджет.",
        "Договорились о встрече на следующей неделе.",
        "Отправили черновик отчёта на согласование.",
    ],
    &[
        "다음 행사 일정을 함께 정했습니다.",
        "자원봉사자 모집에 대해 논의했습니다.",
    ],
    &[
        "Tack för ett bra möte – vi hörs snart igen.",
        "De bekräftade datumet skriftligen.",
    ],
];

// ----- Generation ------------------------------------------------------------------------------

fn person(rng: &mut Rng) -> (String, String) {
    let handle = rng.pick(HANDLES);
    let name = match rng.weighted(&[70, 15, 15]) {
        0 => format!("{} {}", rng.pick(LATIN_FIRST), rng.pick(LATIN_LAST)),
        1 => rng.pick(CJK_PEOPLE).to_string(),
        _ => rng.pick(CYRILLIC_PEOPLE).to_string(),
    };
    (name, handle.to_string())
}

fn org_name(rng: &mut Rng, kind: PartnerKind, n: usize) -> String {
    let mut name = match kind {
        PartnerKind::Personal => person(rng).0,
        PartnerKind::Public => rng.pick(PUBLIC_ORG).replace("{}", rng.pick(PLACES)),
        PartnerKind::Academic => rng.pick(ACADEMIC_ORG).replace("{}", rng.pick(PLACES)),
        _ => match rng.weighted(&[70, 18, 12]) {
            0 => {
                let suffix = rng.pick(LATIN_ORG_SUFFIX);
                let base = format!("{} {}", rng.pick(LATIN_ORG_ADJ), rng.pick(LATIN_ORG_NOUN));
                if suffix.is_empty() {
                    base
                } else {
                    format!("{base} {suffix}")
                }
            }
            1 => format!("{}{}", rng.pick(CJK_ORG_PREFIX), rng.pick(CJK_ORG_SUFFIX)),
            _ => rng.pick(CYRILLIC_ORG).to_string(),
        },
    };
    let branch = !matches!(
        kind,
        PartnerKind::Personal | PartnerKind::Public | PartnerKind::Academic
    );
    if branch && rng.chance(0.5) {
        // Branches and chapters keep names apart in big workspaces.
        name.push_str(&format!(" · {}", rng.pick(PLACES)));
    }
    if rng.chance(0.04) {
        name.push(' ');
        name.push_str(rng.pick(EMOJI));
    }
    if n > 0 && rng.chance(0.1) {
        name.push_str(&format!(" ({n})"));
    }
    name
}

fn sample(rng: &mut Rng, pool: &[&str], lo: u64, hi: u64) -> Vec<String> {
    let count = lo + rng.below(hi - lo + 1);
    let mut out: Vec<String> = Vec::with_capacity(count as usize);
    while (out.len() as u64) < count {
        let item = rng.pick(pool);
        if !out.iter().any(|s| s == item) {
            out.push(item.to_string());
        }
    }
    out
}

/// A log summary of 10–400 characters, mostly short, in one language (usually English).
fn summary(rng: &mut Rng) -> String {
    let pool = if rng.chance(0.85) {
        PHRASES
    } else {
        rng.pick(OTHER_LANGUAGES)
    };
    let want = match rng.weighted(&[30, 50, 15, 5]) {
        0 => rng.range(10, 40),
        1 => rng.range(40, 160),
        2 => rng.range(160, 300),
        _ => rng.range(300, 400),
    } as usize;
    let mut used: u64 = 0; // bit i: pool[i] already in this summary
    let mut text = String::with_capacity(want + 64);
    let mut chars = 0;
    while used.count_ones() < pool.len() as u32 {
        let i = rng.below(pool.len() as u64) as usize;
        if used & (1 << i) != 0 {
            continue;
        }
        let len = pool[i].chars().count();
        if chars > 0 && (chars + 1 + len > want || chars + 1 + len > 400) {
            break;
        }
        used |= 1 << i;
        if chars > 0 {
            text.push(' ');
            chars += 1;
        }
        text.push_str(pool[i]);
        chars += len;
        if chars >= want {
            break;
        }
    }
    text
}

fn ratings(rng: &mut Rng, base: f64) -> Ratings {
    let mut r = Ratings::uniform(3);
    for p in Practice::ALL {
        let score = (base + rng.unit() * 2.0 - 1.0).round().clamp(1.0, 5.0) as u8;
        r.get_mut(*p).score = score;
        if rng.chance(0.15) {
            r.get_mut(*p).note = rng.pick(PHRASES).to_string();
        }
    }
    r
}

struct Counts {
    partners: usize,
    interactions: usize,
}

fn generate(counts: &Counts, seed: u64) -> Workspace {
    // Ids too depend only on the seed.
    partnerdeck::model::seed_ids(seed);
    let mut rng = Rng::new(seed);
    let mut ws = Workspace::named(format!("Benchmark Commons (seed {seed})"));
    ws.profile = Profile {
        name: ws.profile.name.clone(),
        values: sample(&mut rng, VALUES, 5, 6),
        offers: sample(&mut rng, OFFERS, 4, 6),
        needs: sample(&mut rng, OFFERS, 4, 6),
        team: Vec::new(),
    };
    let history_start = -HISTORY_DAYS;

    // Partners first, so they hold the lowest ids.
    let kinds = PartnerKind::ALL;
    let phases = Phase::ALL;
    for n in 0..counts.partners {
        let kind = kinds[rng.weighted(&[25, 20, 18, 10, 10, 15, 2])];
        let phase = phases[rng.weighted(&[12, 50, 10, 8, 8, 12])];
        let since = day(rng.range(history_start - 1500, -30));
        let ideal = rng.pick(&[7u32, 14, 14, 21, 30, 30, 45, 60, 90]);
        let max = ideal + ideal * rng.range(1, 3) as u32 / 2 + rng.range(0, 10) as u32;
        let contacts = (0..rng.range(0, 4))
            .map(|_| {
                let (name, handle) = person(&mut rng);
                Contact {
                    name,
                    role: rng.pick(ROLES).to_string(),
                    email: format!("{handle}.{n}@example.org"),
                    phone: if rng.chance(0.8) {
                        format!("+1 555-01{:02}", rng.below(100))
                    } else {
                        String::new()
                    },
                }
            })
            .collect();
        let notes = if rng.chance(0.7) {
            summary(&mut rng)
        } else {
            String::new()
        };
        let aim = if rng.chance(0.85) {
            rng.pick(PHRASES).to_string()
        } else {
            String::new()
        };
        let id = PartnerId(ws.allocate_id());
        ws.partners.push(Partner {
            authors: Default::default(),
            owner: None,
            id,
            name: org_name(&mut rng, kind, n),
            kind,
            phase,
            since,
            values: sample(&mut rng, VALUES, 1, 5),
            offers: sample(&mut rng, OFFERS, 1, 4),
            needs: sample(&mut rng, OFFERS, 1, 4),
            contacts,
            cadence: Cadence {
                ideal_days: ideal,
                max_days: max,
            },
            review_interval_days: rng.pick(&[60u32, 90, 90, 90, 120, 180]),
            aim,
            tags: sample(&mut rng, TAGS, 0, 3),
            notes,
            domains: Vec::new(),
        });
    }

    // Then each partner's plans and history.
    let partner_info: Vec<(PartnerId, i64, u32)> = ws
        .partners
        .iter()
        .map(|p| (p.id, offset_of(p.since), p.review_interval_days))
        .collect();
    for &(pid, since, review_days) in &partner_info {
        let start_lo = since.max(history_start);
        // Goals.
        let mut goals: Vec<GoalId> = Vec::with_capacity(12);
        for _ in 0..rng.range(8, 12) {
            let (title, metric, unit, scale, decreasing) = rng.pick(GOALS);
            let start = rng.range(start_lo, -20);
            let due = rng.chance(0.9).then(|| start + rng.range(60, 720));
            let status = GoalStatus::ALL[rng.weighted(&[70, 20, 10])];
            let baseline = (scale * (0.3 + rng.unit() * 0.7)).round();
            let target = if rng.chance(0.05) {
                None
            } else if decreasing {
                Some((baseline * (0.3 + rng.unit() * 0.5)).round())
            } else {
                Some((baseline * (1.3 + rng.unit() * 1.5) + 1.0).round())
            };
            let current = match (status, target) {
                (GoalStatus::Achieved, Some(t)) => t,
                (_, Some(t)) => (baseline + (t - baseline) * rng.unit() * 1.1).round(),
                (_, None) => baseline,
            };
            let id = GoalId(ws.allocate_id());
            goals.push(id);
            ws.goals.push(Goal {
                authors: Default::default(),
                id,
                partner: pid,
                title: title.to_string(),
                metric: metric.to_string(),
                unit: unit.to_string(),
                baseline,
                target,
                current,
                owner: Owner::ALL[rng.below(3) as usize],
                start: day(start),
                due: due.map(day),
                status,
            });
        }
        // Milestones, with some of the finished ones celebrated afterwards.
        let mut celebrate: Vec<(MilestoneId, i64)> = Vec::new();
        for _ in 0..rng.range(26, 34) {
            let due = rng.range(start_lo, 365);
            let done = if due < 0 {
                rng.chance(0.85)
                    .then(|| (due + rng.range(-20, 20)).clamp(start_lo, 0))
            } else {
                rng.chance(0.05).then(|| rng.range(-10, 0))
            };
            let id = MilestoneId(ws.allocate_id());
            if let Some(d) = done
                && rng.chance(0.25)
            {
                celebrate.push((id, (d + rng.range(0, 10)).min(0)));
            }
            ws.milestones.push(Milestone {
                authors: Default::default(),
                id,
                partner: pid,
                goal: rng.chance(0.6).then(|| rng.pick(&goals)),
                title: rng.pick(MILESTONES).to_string(),
                due: day(due),
                done: done.map(day),
            });
        }
        // Commitments.
        for _ in 0..rng.range(8, 12) {
            let due = rng.range(start_lo, 90);
            let outcome = if due < 0 {
                match rng.weighted(&[55, 20, 15, 10]) {
                    0 => Some(Outcome::Kept(day((due - rng.range(0, 5)).max(start_lo)))),
                    1 => Some(Outcome::Kept(day((due + rng.range(1, 30)).min(0)))),
                    2 => Some(Outcome::Missed(day((due + rng.range(0, 30)).min(0)))),
                    _ => None,
                }
            } else {
                None
            };
            let id = CommitmentId(ws.allocate_id());
            ws.commitments.push(Commitment {
                authors: Default::default(),
                owner: None,
                id,
                partner: pid,
                side: if rng.chance(0.5) {
                    Side::Us
                } else {
                    Side::Them
                },
                what: rng.pick(COMMITMENTS).to_string(),
                due: day(due),
                outcome,
            });
        }
        // Four reviews, one interval apart, the last within one interval of the end; ratings
        // drift up or down over time.
        let interval = i64::from(review_days);
        let last = -rng.range(0, interval - 1);
        let mut base = 2.5 + rng.unit() * 2.0;
        let drift = rng.unit() * 0.8 - 0.4;
        for k in (0..4).rev() {
            let date = (last - k * interval).max(start_lo);
            let id = ReviewId(ws.allocate_id());
            ws.reviews.push(Review {
                authors: Default::default(),
                id,
                partner: pid,
                date: day(date),
                ratings: ratings(&mut rng, base),
                feedback: if rng.chance(0.8) {
                    summary(&mut rng)
                } else {
                    String::new()
                },
                next_review: (k == 0).then(|| day(date + interval)),
            });
            base = (base + drift).clamp(1.0, 5.0);
        }
        for (milestone, date) in celebrate {
            let id = CelebrationId(ws.allocate_id());
            ws.celebrations.push(Celebration {
                authors: Default::default(),
                id,
                partner: pid,
                milestone: Some(milestone),
                date: day(date),
                how: rng.pick(HOW).to_string(),
                with: if rng.chance(0.7) {
                    person(&mut rng).0
                } else {
                    String::new()
                },
            });
        }
    }

    // The communication log: partners get skewed shares (a few very busy ones), times are
    // uniform over the history (after the partner's start), ids follow time.
    let weights: Vec<f64> = (0..partner_info.len())
        .map(|_| {
            let u = rng.unit();
            0.05 + u * u * u * 4.0
        })
        .collect();
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut acc = 0.0;
    for w in &weights {
        acc += w;
        cumulative.push(acc);
    }
    let mut times: Vec<(NaiveDateTime, usize)> = Vec::with_capacity(counts.interactions);
    for _ in 0..counts.interactions {
        let r = rng.unit() * acc;
        let idx = cumulative
            .partition_point(|c| *c <= r)
            .min(partner_info.len() - 1);
        let lo = partner_info[idx].1.max(history_start);
        let date = day(rng.range(lo, 0));
        let minutes = rng.range(7 * 60, 21 * 60) as u32;
        let time = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).expect("a real time");
        times.push((date.and_time(time), idx));
    }
    times.sort_unstable();
    let channels = Channel::ALL;
    for (at, idx) in times {
        let follow_up = rng.chance(0.2).then(|| {
            let due = at.date() + Days::new(rng.range(3, 30) as u64);
            let done = (due < END && rng.chance(0.85))
                .then(|| {
                    (due + Days::new(rng.range(0, 10) as u64)).min(END) - Days::new(rng.below(3))
                })
                .map(|d| d.max(at.date()));
            FollowUp {
                owner: None,
                what: rng.pick(FOLLOW_UPS).to_string(),
                due,
                done,
            }
        });
        let id = InteractionId(ws.allocate_id());
        ws.interactions.push(Interaction {
            authors: Default::default(),
            id,
            partner: partner_info[idx].0,
            at,
            channel: channels[rng.weighted(&[25, 25, 30, 12, 6, 2])],
            initiated_by: if rng.chance(0.55) {
                Side::Us
            } else {
                Side::Them
            },
            summary: summary(&mut rng),
            sentiment: rng
                .chance(0.8)
                .then(|| [1u8, 2, 3, 4, 5][rng.weighted(&[3, 10, 30, 40, 17])]),
            follow_up,
        });
    }
    ws
}

fn main() -> ExitCode {
    let args = Args::parse();
    let (preset_partners, preset_interactions) = args.preset.map_or((20, 1_000), Preset::sizes);
    let counts = Counts {
        partners: args.partners.unwrap_or(preset_partners),
        interactions: args.interactions.unwrap_or(preset_interactions),
    };
    if counts.partners == 0 && counts.interactions > 0 {
        eprintln!("log entries need at least one partner");
        return ExitCode::FAILURE;
    }

    let started = Instant::now();
    let ws = generate(&counts, args.seed);
    let generated = started.elapsed();

    let problems = validate(&ws);
    if !problems.is_empty() {
        eprintln!(
            "the generated workspace is invalid ({} problems):",
            problems.len()
        );
        for p in problems.iter().take(50) {
            eprintln!("  {p}");
        }
        return ExitCode::FAILURE;
    }
    let validated = started.elapsed();

    let text = match to_text(&ws) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot serialize the workspace: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&args.out, &text) {
        eprintln!("cannot write {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    let total = started.elapsed();

    println!("wrote {} ({} bytes)", args.out.display(), text.len());
    println!(
        "partners {}, goals {}, milestones {}, log entries {}, commitments {}, reviews {}, \
         celebrations {} ({} records)",
        ws.partners.len(),
        ws.goals.len(),
        ws.milestones.len(),
        ws.interactions.len(),
        ws.commitments.len(),
        ws.reviews.len(),
        ws.celebrations.len(),
        ws.record_count()
    );
    println!(
        "seed {}; generated in {:.2?}, validated in {:.2?}, serialized and written in {:.2?} \
         (total {:.2?})",
        args.seed,
        generated,
        validated - generated,
        total - validated,
        total
    );
    ExitCode::SUCCESS
}
