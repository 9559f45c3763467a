//! Which partner an address belongs to, and whether it is ours: pure, built once from the
//! workspace, no files.
//!
//! In order: a partner contact's exact address; else the partner's mail domains (listed, or
//! those of its contacts' addresses), a subdomain included (`eu.acme.org` is `acme.org`'s) but
//! never a lookalike (`acme-org.com`, `acme.org.evil.io`); else, for an address at a shared
//! provider (gmail, outlook…), a partner contact's full name (a personal address of a known
//! person). A domain or a name that two partners claim decides nothing. Shared providers are
//! never a partner's domain, even when listed.

use crate::model::{PartnerId, Workspace};
use rustc_hash::FxHashMap;

/// Mail providers many unrelated people share: their domain says nothing about a partner.
pub const SHARED_PROVIDERS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "msn.com",
    "yahoo.com",
    "ymail.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "gmx.de",
    "gmx.net",
    "gmx.com",
    "web.de",
    "t-online.de",
    "posteo.de",
    "mailbox.org",
    "proton.me",
    "protonmail.com",
    "fastmail.com",
    "mail.com",
    "zoho.com",
    "yandex.com",
    "yandex.ru",
    "orange.fr",
    "free.fr",
    "laposte.net",
    "libero.it",
    "btinternet.com",
    "comcast.net",
];

/// How an address was matched to a partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// A contact's address.
    Contact,
    /// The partner's domain (or a subdomain of it).
    Domain,
    /// A contact's full name, on a personal address at a shared provider.
    Name,
    /// Another message of the same conversation matched.
    Thread,
    /// The vCard's organisation is the partner's name.
    Organisation,
    /// The user gave it to this partner in the review queue.
    Chosen,
}

/// An address, lowercased and trimmed.
pub fn normalize(address: &str) -> String {
    address
        .trim()
        .trim_start_matches("mailto:")
        .trim_start_matches("MAILTO:")
        .trim_matches(|c| c == '<' || c == '>')
        .to_lowercase()
}

/// The domain of an address (after the last `@`), if it has one.
pub fn domain_of(address: &str) -> Option<&str> {
    address
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| !d.is_empty())
}

/// A name as compared: its lowercased words in order, so `Doe, Jane` is `Jane Doe`.
pub fn name_key(name: &str) -> String {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == ',' || c == '"' || c == '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.join(" ")
}

/// Whether a domain belongs to a shared provider.
pub fn shared_provider(domain: &str) -> bool {
    SHARED_PROVIDERS.contains(&domain)
}

/// A value two partners claim is dropped (`None`).
fn claim<K: std::hash::Hash + Eq>(map: &mut FxHashMap<K, Option<PartnerId>>, key: K, p: PartnerId) {
    let slot = map.entry(key).or_insert(Some(p));
    if *slot != Some(p) {
        *slot = None;
    }
}

/// Addresses to partners, and our own addresses.
#[derive(Debug, Default, Clone)]
pub struct Matcher {
    emails: FxHashMap<String, Option<PartnerId>>,
    domains: FxHashMap<String, Option<PartnerId>>,
    names: FxHashMap<String, Option<PartnerId>>,
    /// Partner names (lowercased), for a vCard's organisation.
    orgs: FxHashMap<String, Option<PartnerId>>,
    team: Vec<String>,
    team_domains: Vec<String>,
}

impl Matcher {
    pub fn new(ws: &Workspace) -> Matcher {
        let mut m = Matcher::default();
        for p in ws.partners.iter() {
            for c in &p.contacts {
                let email = normalize(&c.email);
                if email.contains('@') {
                    if let Some(d) = domain_of(&email).filter(|d| !shared_provider(d)) {
                        claim(&mut m.domains, d.to_string(), p.id);
                    }
                    claim(&mut m.emails, email, p.id);
                }
                let name = name_key(&c.name);
                if name.contains(' ') {
                    claim(&mut m.names, name, p.id);
                }
            }
            for d in &p.domains {
                let d = normalize(d.trim_start_matches('@'));
                if !d.is_empty() && !shared_provider(&d) {
                    claim(&mut m.domains, d, p.id);
                }
            }
            claim(&mut m.orgs, name_key(&p.name), p.id);
        }
        for t in &ws.profile.team {
            let t = normalize(t);
            match t.split_once('@') {
                Some(("", d)) => m.team_domains.push(d.to_string()),
                Some(_) => m.team.push(t),
                None if !t.is_empty() => m.team_domains.push(t),
                None => {}
            }
        }
        // Our own domains are never a partner's (a contact of ours listed at a partner).
        for d in &m.team_domains {
            m.domains.remove(d);
        }
        m
    }

    /// Whether the profile names any team address.
    pub fn knows_team(&self) -> bool {
        !self.team.is_empty() || !self.team_domains.is_empty()
    }

    /// Whether the address (normalized) is one of ours.
    pub fn ours(&self, address: &str) -> bool {
        if self.team.iter().any(|t| t == address) {
            return true;
        }
        domain_of(address).is_some_and(|d| {
            self.team_domains
                .iter()
                .any(|t| d == t || d.strip_suffix(t.as_str()).is_some_and(|s| s.ends_with('.')))
        })
    }

    /// The partner whose domain the domain is, or is a subdomain of.
    fn by_domain(&self, domain: &str) -> Option<PartnerId> {
        let mut d = domain;
        loop {
            if let Some(p) = self.domains.get(d) {
                return *p;
            }
            d = d.split_once('.')?.1;
        }
    }

    /// The partner an address (normalized) with its display name belongs to, and how.
    pub fn partner_of(&self, address: &str, name: &str) -> Option<(PartnerId, Why)> {
        if let Some(found) = self.emails.get(address) {
            return found.map(|p| (p, Why::Contact));
        }
        let domain = domain_of(address)?;
        if shared_provider(domain) {
            let key = name_key(name);
            return self
                .names
                .get(&key)
                .copied()
                .flatten()
                .map(|p| (p, Why::Name));
        }
        self.by_domain(domain).map(|p| (p, Why::Domain))
    }

    /// The partner whose name is this organisation.
    pub fn partner_named(&self, organisation: &str) -> Option<PartnerId> {
        self.orgs.get(&name_key(organisation)).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, Partner};

    fn ws() -> Workspace {
        let day = "2026-01-01".parse().unwrap();
        let mut ws = Workspace::named("Us");
        ws.profile.team = vec!["@our.org".into(), "me@gmail.com".into()];
        let mut acme = Partner::new(PartnerId(1), "Acme", day);
        acme.domains = vec!["acme.org".into(), "gmail.com".into()];
        acme.contacts = vec![Contact {
            name: "Jane Doe".into(),
            email: "Jane@Acme.org".into(),
            ..Contact::default()
        }];
        let mut beta = Partner::new(PartnerId(2), "Beta", day);
        beta.contacts = vec![Contact {
            name: "Bo Li".into(),
            email: "bo@beta.io".into(),
            ..Contact::default()
        }];
        ws.partners.push(acme);
        ws.partners.push(beta);
        ws
    }

    #[test]
    fn contacts_domains_subdomains_and_personal_addresses_match_lookalikes_do_not() {
        let m = Matcher::new(&ws());
        let p = |a: &str, n: &str| m.partner_of(a, n);
        assert_eq!(p("jane@acme.org", ""), Some((PartnerId(1), Why::Contact)));
        assert_eq!(p("sam@eu.acme.org", ""), Some((PartnerId(1), Why::Domain)));
        assert_eq!(p("x@beta.io", ""), Some((PartnerId(2), Why::Domain)));
        assert_eq!(p("x@acme-org.com", ""), None);
        assert_eq!(p("x@acme.org.evil.io", ""), None);
        assert_eq!(p("x@notacme.org", ""), None);
        // A shared provider is nobody's domain, even listed; a known full name is.
        assert_eq!(p("someone@gmail.com", "Some One"), None);
        assert_eq!(
            p("jane.d@gmail.com", "jane  DOE"),
            Some((PartnerId(1), Why::Name))
        );
        assert!(m.ours("ana@our.org") && m.ours("x@mail.our.org") && m.ours("me@gmail.com"));
        assert!(!m.ours("x@notour.org") && !m.ours("you@gmail.com"));
        assert_eq!(m.partner_named(" acme "), Some(PartnerId(1)));
    }
}
