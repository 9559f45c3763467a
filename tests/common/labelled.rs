//! A labelled mail corpus for measuring `ingest`'s partner matching: messages generated with
//! their true partner (or none) known by construction, including the hard cases: personal
//! addresses of partner contacts (their name, in either order), staff at subdomains, lookalike
//! domains, strangers and namesakes at shared providers, a partner contact only in Cc, and
//! replies in a partner's conversation from an address nobody knows; and two cases no address
//! rule can find (partner staff on a second domain nobody listed, unknown partner staff at a
//! personal address), which recall counts as missed.
//!
//! Deterministic: a fixed seed, so every run measures the same corpus.

use partnerdeck::model::*;

/// A small deterministic generator (64-bit LCG, high bits).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

const FIRST: [&str; 16] = [
    "anna", "ben", "chloé", "david", "emma", "farid", "grace", "hugo", "ines", "jonas", "kim",
    "lena", "marek", "noor", "oskar", "priya",
];
const LAST: [&str; 16] = [
    "adler", "brandt", "costa", "dubois", "eriksen", "fischer", "garcia", "haas", "ito", "jansen",
    "keller", "lopez", "meyer", "novak", "okafor", "petrov",
];
const WORDS: [&str; 10] = [
    "river", "maple", "harbor", "summit", "cedar", "lumen", "orbit", "prairie", "quartz", "tundra",
];
const SHARED: [&str; 4] = ["gmail.com", "outlook.com", "yahoo.com", "gmx.de"];

fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The partners: `n`, each with a domain, two contacts; every third lists its domain (the rest
/// are known by their contacts' addresses); every eighth has a contact whose work address is at
/// a shared provider.
pub fn workspace(n: usize) -> Workspace {
    let day = "2025-01-01".parse().unwrap();
    let mut ws = Workspace::named("Our Org");
    ws.profile.team = vec!["@our.org".into()];
    for k in 0..n {
        let domain = format!("{}{k}.org", WORDS[k % WORDS.len()]);
        let mut p = Partner::new(PartnerId(k as u64 + 1), format!("Partner {k}"), day);
        if k % 3 == 0 {
            p.domains = vec![domain.clone()];
        }
        for j in 0..2 {
            let (f, l) = (FIRST[(k + j * 7) % 16], LAST[(k * 3 + j) % 16]);
            let email = if k % 8 == 0 && j == 1 {
                format!("{f}.{l}.{k}@gmail.com")
            } else {
                format!("{f}.{l}@{domain}")
            };
            p.contacts.push(Contact {
                name: format!("{} {} {}", cap(f), cap(l), k),
                email,
                ..Contact::default()
            });
        }
        ws.partners.push(p);
    }
    ws
}

/// One generated message: its raw text and its true partner (index into the partners).
pub struct Labelled {
    pub id: String,
    pub bytes: Vec<u8>,
    pub truth: Option<usize>,
    pub case: &'static str,
}

fn raw(id: &str, from: &str, to: &str, cc: &str, refs: &str, n: usize) -> Vec<u8> {
    let day = 1 + n % 28;
    let mut h = format!(
        "From: {from}\r\nTo: {to}\r\nSubject: Message {n}\r\nDate: {day:02} Oct 2026 10:{:02}:00 +0000\r\nMessage-ID: <{id}>\r\n",
        n % 60
    );
    if !cc.is_empty() {
        h.push_str(&format!("Cc: {cc}\r\n"));
    }
    if !refs.is_empty() {
        h.push_str(&format!(
            "In-Reply-To: <{refs}>\r\nReferences: <{refs}>\r\n"
        ));
    }
    h.push_str("Content-Type: text/plain; charset=utf-8\r\n\r\nText.\r\n");
    h.into_bytes()
}

/// `count` messages over the partners of [`workspace`]`(partners)`.
pub fn corpus(partners: usize, count: usize, seed: u64) -> (Workspace, Vec<Labelled>) {
    let ws = workspace(partners);
    let mut rng = Rng::new(seed);
    let mut out: Vec<Labelled> = Vec::with_capacity(count);
    let us = "Ana Ruiz <ana@our.org>";
    while out.len() < count {
        let n = out.len();
        let k = rng.below(partners);
        let p = &ws.partners[k];
        let contact = &p.contacts[rng.below(2)];
        let domain = format!("{}{k}.org", WORDS[k % WORDS.len()]);
        let (f, l) = (FIRST[rng.below(16)], LAST[rng.below(16)]);
        let id = format!("g{n}@gen.test");
        let inbound = rng.below(2) == 0;
        let pick = rng.below(100);
        let (them, cc, truth, case): (String, String, Option<usize>, &'static str) = match pick {
            0..=33 => (
                format!("{} <{}>", contact.name, contact.email),
                String::new(),
                Some(k),
                "contact address",
            ),
            34..=47 => (
                format!("{f}.{l}@{domain}"),
                String::new(),
                Some(k),
                "staff at the domain",
            ),
            48..=55 => (
                format!("{f}@{}.{domain}", ["eu", "mail", "lists-not"][rng.below(3)]),
                String::new(),
                Some(k),
                "subdomain",
            ),
            56..=61 => {
                let words: Vec<&str> = contact.name.split(' ').collect();
                let shown = if rng.below(2) == 0 {
                    contact.name.clone()
                } else {
                    format!("\"{}, {} {}\"", words[1], words[0], words[2])
                };
                let at = SHARED[rng.below(4)];
                (
                    format!("{shown} <{}.{}@{at}>", f, rng.below(1000),),
                    String::new(),
                    Some(k),
                    "personal address of a contact",
                )
            }
            62..=64 => (
                format!("{} <{f}.{l}@unknown{n}.net>", cap(f)),
                format!("{} <{}>", contact.name, contact.email),
                Some(k),
                "contact only in Cc",
            ),
            65..=72 => (
                format!("{f}.{l}@company{n}.com"),
                String::new(),
                None,
                "unknown sender",
            ),
            73..=74 => (
                // The partner's second domain, which nobody listed: missed.
                format!("{f}.{l}@{}-foundation{k}.net", WORDS[k % WORDS.len()]),
                String::new(),
                Some(k),
                "partner staff on a domain nobody listed",
            ),
            75..=80 => {
                let look = match rng.below(4) {
                    0 => format!("{}-{k}.org", WORDS[k % WORDS.len()]),
                    1 => format!("{domain}.evil.io"),
                    2 => format!("secure-{domain}"),
                    _ => format!("{}{k}.co", WORDS[k % WORDS.len()]),
                };
                (
                    format!("{f}@{look}"),
                    String::new(),
                    None,
                    "lookalike domain",
                )
            }
            81..=88 => (
                format!(
                    "{} {} <{f}{}@{}>",
                    cap(f),
                    cap(l),
                    rng.below(100),
                    SHARED[rng.below(4)]
                ),
                String::new(),
                None,
                "stranger at a shared provider",
            ),
            89..=90 => (
                // Someone at the partner nobody knows, from a personal address: missed.
                format!(
                    "{} {} <{f}.{l}{n}@{}>",
                    cap(f),
                    cap(l),
                    SHARED[rng.below(4)]
                ),
                String::new(),
                Some(k),
                "unknown partner staff at a personal address",
            ),
            91..=92 => (
                // Someone else of exactly a contact's name: matched by the name, wrongly.
                format!(
                    "{} <{f}{}@{}>",
                    contact.name,
                    rng.below(100),
                    SHARED[rng.below(4)]
                ),
                String::new(),
                None,
                "namesake of a contact at a shared provider",
            ),
            _ => {
                // A conversation with the contact, then a reply from an address nobody knows.
                let root = format!("r{n}@gen.test");
                out.push(Labelled {
                    bytes: raw(
                        &root,
                        &format!("{} <{}>", contact.name, contact.email),
                        us,
                        "",
                        "",
                        n,
                    ),
                    id: root.clone(),
                    truth: Some(k),
                    case: "contact address",
                });
                let reply = format!("{} <{f}.{l}{n}@yahoo.com>", cap(f));
                out.push(Labelled {
                    bytes: raw(&id, &reply, us, "", &root, n),
                    id,
                    truth: Some(k),
                    case: "reply in a partner's conversation from an unknown address",
                });
                continue;
            }
        };
        let (from, to) = if inbound {
            (them.as_str(), us)
        } else {
            (us, them.as_str())
        };
        out.push(Labelled {
            bytes: raw(&id, from, to, &cc, "", n),
            id,
            truth,
            case,
        });
    }
    out.truncate(count);
    (ws, out)
}
