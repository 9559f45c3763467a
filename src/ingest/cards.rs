//! vCards (3.0 and 4.0) read by the `ical` crate's vCard parser into [`Card`]s.

use super::item::{Card, Read};
use super::matcher::normalize;
use ical::parser::vcard::component::VcardContact;

fn values<'a>(card: &'a VcardContact, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    card.properties
        .iter()
        .filter(move |p| p.name.eq_ignore_ascii_case(name))
        .filter_map(|p| p.value.as_deref())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// A vCard's text value: escapes undone (`\,` `\;` `\n`), structured parts joined.
fn unescape(v: &str, joiner: &str) -> String {
    let mut out = String::new();
    let mut parts: Vec<String> = Vec::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') | Some('N') => out.push(' '),
                Some(other) => out.push(other),
                None => {}
            },
            ';' => parts.push(std::mem::take(&mut out)),
            c => out.push(c),
        }
    }
    parts.push(out);
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(joiner)
}

fn card(c: &VcardContact) -> Option<Card> {
    let emails: Vec<String> = values(c, "EMAIL")
        .map(normalize)
        .filter(|e| e.contains('@'))
        .collect();
    let name = values(c, "FN")
        .next()
        .map(|n| unescape(n, " "))
        .or_else(|| {
            // N is family;given;…: shown given first.
            values(c, "N").next().map(|n| {
                let mut parts: Vec<&str> = n.split(';').take(2).collect();
                parts.reverse();
                unescape(&parts.join(" "), " ")
            })
        })
        .unwrap_or_default();
    let uid = values(c, "UID")
        .next()
        .map(str::to_string)
        .or_else(|| emails.first().cloned())?;
    Some(Card {
        uid,
        name,
        // ORG is the organisation, then its units: the organisation is what names a partner.
        organisation: values(c, "ORG")
            .next()
            .map(|o| unescape(o.split(';').next().unwrap_or_default(), " "))
            .unwrap_or_default(),
        role: values(c, "TITLE")
            .chain(values(c, "ROLE"))
            .next()
            .map(|r| unescape(r, " "))
            .unwrap_or_default(),
        emails,
        phone: values(c, "TEL")
            .next()
            .map(|t| t.trim_start_matches("tel:").to_string())
            .unwrap_or_default(),
    })
}

/// Every card of vCard text.
pub fn parse(text: &str, place: &str, out: &mut Read) {
    let parser = ical::VcardParser::new(std::io::BufReader::new(text.as_bytes()));
    for (i, parsed) in parser.enumerate() {
        match parsed.as_ref().ok().and_then(card) {
            Some(c) => out.cards.push(c),
            None => out.problems.push(match parsed {
                Err(e) => format!("{place}: card {}: {e}", i + 1),
                Ok(_) => format!("{place}: card {} has neither a UID nor an address", i + 1),
            }),
        }
    }
}
