//! Partners by name, the one place that turns a name into a partner or a partner into its name.
//!
//! Finding a name as people type it (on the command line, in a form's Partner field, for
//! `render --partner`): case, spacing, punctuation and common accents are ignored, and a part
//! of the name is enough when only one has it. Tiers, first hit wins: the whole name, then a
//! part of it, then its letters in order (`gcb` finds "Greenleaf Cooperative Bank"). Several
//! names in the winning tier make an error that lists them, so a brief, a log entry or a form
//! never lands on the wrong partner. [`among`] applies the rules to any list of names,
//! [`partner`] to a workspace's partners, [`exact`] (for imports) accepts the whole name only.
//!
//! The other way round, [`Workspace::partner_name`] is the name of a partner id, for every
//! list, title and message that shows whose record it is.

use super::{Partner, PartnerId, Workspace};
use crate::text::{MESSAGE_VALUE, excerpt};
use std::fmt;

/// Why no single partner was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindError {
    /// Nothing was typed (or only punctuation).
    Empty,
    /// No partner matches; `names` lists every partner when there are few, else is empty.
    NoMatch { query: String, names: Vec<String> },
    /// More than one partner matches equally well.
    Ambiguous {
        query: String,
        candidates: Vec<String>,
    },
}

/// With more partners than this, a failed search does not list them all.
const LIST_ALL_UP_TO: usize = 20;

impl fmt::Display for FindError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Names and queries are the user's text: quoted inert and cut when long.
        let q = |text: &str| excerpt(text, MESSAGE_VALUE);
        match self {
            FindError::Empty => write!(f, "give a partner's name, or enough of it"),
            FindError::NoMatch { query, names } if names.is_empty() => {
                write!(f, "no partner matches `{}`", q(query))
            }
            FindError::NoMatch { query, names } => {
                write!(f, "no partner matches `{}`; the partners are:", q(query))?;
                for n in names {
                    write!(f, "\n  {}", q(n))?;
                }
                Ok(())
            }
            FindError::Ambiguous { query, candidates } => {
                write!(
                    f,
                    "`{}` matches {} partners; type more of the name:",
                    q(query),
                    candidates.len()
                )?;
                for n in candidates.iter().take(LIST_ALL_UP_TO) {
                    write!(f, "\n  {}", q(n))?;
                }
                if candidates.len() > LIST_ALL_UP_TO {
                    write!(f, "\n  … and {} more", candidates.len() - LIST_ALL_UP_TO)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for FindError {}

/// Items of a one-line message that lists names (the full message lists them all).
const ONE_LINE_NAMES: usize = 5;

impl FindError {
    /// The error in one line, where there is no room for a list (a form field's hint, `render
    /// --partner`): "type part of a name", "no name matches `x`", "`x` matches several: A, B".
    pub fn one_line(&self) -> String {
        match self {
            FindError::Empty => "type part of a name".into(),
            FindError::NoMatch { query, .. } => format!("no name matches `{query}`"),
            FindError::Ambiguous { query, candidates } => {
                let names: Vec<&str> = candidates
                    .iter()
                    .take(ONE_LINE_NAMES)
                    .map(String::as_str)
                    .collect();
                format!("`{query}` matches several: {}", names.join(", "))
            }
        }
    }
}

impl Workspace {
    /// The name of partner `id`; `None` for an unknown partner (callers choose the stand-in:
    /// "?" in lists, nothing in form titles).
    pub fn partner_name(&self, id: PartnerId) -> Option<&str> {
        self.partner(id).map(|p| p.name.as_str())
    }
}

/// Letters and digits only, lower case, common Latin accents folded ("Café Lumière" →
/// "cafelumiere").
pub fn squash(text: &str) -> String {
    squashed(text).collect()
}

/// The characters of [`squash`], one at a time (no copy made).
fn squashed(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(char::to_lowercase).flat_map(|c| {
        let folded = crate::text::fold(c);
        let kept = (folded.is_none() && c.is_alphanumeric()).then_some(c);
        folded.into_iter().flat_map(str::chars).chain(kept)
    })
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// The one item whose name `query` means (by the rules above), with its name, or why there is
/// not exactly one. Ties in a tier are listed in the items' order.
pub fn among<'a, T: Copy>(query: &str, items: &[(T, &'a str)]) -> Result<(T, &'a str), FindError> {
    let q = squash(query);
    if q.is_empty() {
        return Err(FindError::Empty);
    }
    // The whole name first, compared as it is read: a form holds a partner's whole name, and
    // most names differ from it in their first letters.
    let mut whole = items
        .iter()
        .filter(|(_, name)| squashed(name).eq(q.chars()));
    if let (Some(one), None) = (whole.next(), whole.next()) {
        return Ok(*one);
    }
    let keys: Vec<String> = items.iter().map(|(_, name)| squash(name)).collect();
    let tiers: [&dyn Fn(&str) -> bool; 3] =
        [&|k| k == q, &|k| k.contains(&q), &|k| is_subsequence(&q, k)];
    for tier in tiers {
        let hits: Vec<(T, &'a str)> = items
            .iter()
            .zip(&keys)
            .filter(|(_, k)| tier(k))
            .map(|(item, _)| *item)
            .collect();
        match hits.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => {
                return Err(FindError::Ambiguous {
                    query: query.trim().to_string(),
                    candidates: many.iter().map(|(_, name)| name.to_string()).collect(),
                });
            }
        }
    }
    let names = if items.len() <= LIST_ALL_UP_TO {
        items.iter().map(|(_, name)| name.to_string()).collect()
    } else {
        Vec::new()
    };
    Err(FindError::NoMatch {
        query: query.trim().to_string(),
        names,
    })
}

/// The one partner `query` names, or why there is not exactly one.
pub fn partner<'a>(ws: &'a Workspace, query: &str) -> Result<&'a Partner, FindError> {
    let items: Vec<(&Partner, &str)> = ws.partners.iter().map(|p| (p, p.name.as_str())).collect();
    among(query, &items).map(|(p, _)| p)
}

/// The partner named exactly `name` (ignoring case, spacing, punctuation and accents), for
/// imports, which must not guess.
pub fn exact<'a>(ws: &'a Workspace, name: &str) -> Option<&'a Partner> {
    let q = squash(name);
    if q.is_empty() {
        return None;
    }
    ws.partners.iter().find(|p| squash(&p.name) == q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(names: &[&str]) -> Workspace {
        let mut ws = Workspace::named("Us");
        for n in names {
            let id = PartnerId(ws.allocate_id());
            ws.partners
                .push(Partner::new(id, *n, "2025-01-01".parse().unwrap()));
        }
        ws
    }

    #[test]
    fn whole_names_then_parts_then_letters_in_order() {
        let w = ws(&[
            "Greenleaf Cooperative Bank",
            "Café Lumière",
            "Northwind Polytechnic",
            "City of Northwind",
            "Acme",
            "Acme Holdings",
        ]);
        let name = |q: &str| partner(&w, q).map(|p| p.name.clone());
        assert_eq!(name("green").unwrap(), "Greenleaf Cooperative Bank");
        assert_eq!(name("GCB").unwrap(), "Greenleaf Cooperative Bank");
        assert_eq!(name("cafe lumiere").unwrap(), "Café Lumière");
        assert_eq!(name("  ACME ").unwrap(), "Acme");
        assert_eq!(name("polytech").unwrap(), "Northwind Polytechnic");
        match partner(&w, "northwind") {
            Err(FindError::Ambiguous { candidates, .. }) => assert_eq!(
                candidates,
                vec!["Northwind Polytechnic", "City of Northwind"]
            ),
            other => panic!("{other:?}"),
        }
        let err = partner(&w, "zebra").unwrap_err();
        assert!(err.to_string().contains("no partner matches `zebra`"));
        assert!(err.to_string().contains("\n  Acme Holdings"));
        assert_eq!(partner(&w, " - "), Err(FindError::Empty));
    }

    #[test]
    fn exact_ignores_only_case_spacing_and_punctuation() {
        let w = ws(&["Riverside Tenants' Association"]);
        assert!(exact(&w, "riverside tenants association").is_some());
        assert!(exact(&w, "riverside").is_none());
    }

    #[test]
    fn among_applies_the_same_rules_to_any_list_of_names() {
        let rows = [
            (10, "Harbour Trust"),
            (11, "Harbour Youth League"),
            (12, "Café Lumière"),
        ];
        assert_eq!(among("hyl", &rows), Ok((11, "Harbour Youth League")));
        assert_eq!(among("CAFE-lumiere", &rows), Ok((12, "Café Lumière")));
        assert_eq!(among("harbour trust", &rows), Ok((10, "Harbour Trust")));
        let several = among("harbour", &rows).unwrap_err();
        assert_eq!(
            several,
            FindError::Ambiguous {
                query: "harbour".into(),
                candidates: vec!["Harbour Trust".into(), "Harbour Youth League".into()],
            }
        );
        assert_eq!(
            several.one_line(),
            "`harbour` matches several: Harbour Trust, Harbour Youth League"
        );
        assert!(several.to_string().contains("matches 2 partners"));
        let none = among(" zzz ", &rows).unwrap_err();
        assert_eq!(none.one_line(), "no name matches `zzz`");
        assert!(
            none.to_string()
                .starts_with("no partner matches `zzz`; the partners are:")
        );
        assert_eq!(among("  ", &rows), Err(FindError::Empty));
        assert_eq!(FindError::Empty.one_line(), "type part of a name");
        let err: Box<dyn std::error::Error> = Box::new(FindError::Empty);
        assert_eq!(err.to_string(), "give a partner's name, or enough of it");
    }

    #[test]
    fn a_tie_in_a_better_tier_is_never_settled_by_a_worse_one() {
        // "acme" names one whole name exactly: the longer name that contains it is no rival.
        let rows = [(1, "Acme Holdings"), (2, "Acme")];
        assert_eq!(among("acme", &rows).map(|x| x.0), Ok(2));
        // Two names contain "north": an error, even though one also starts with it.
        let rows = [(1, "Northwind"), (2, "City of Northwind")];
        assert!(matches!(
            among("north", &rows),
            Err(FindError::Ambiguous { .. })
        ));
        // Two whole names that read the same once squashed: neither is picked.
        let rows = [(1, "Café Lumière"), (2, "Cafe Lumiere"), (3, "Café")];
        match among("café lumière", &rows) {
            Err(FindError::Ambiguous { candidates, .. }) => {
                assert_eq!(candidates, ["Café Lumière", "Cafe Lumiere"])
            }
            other => panic!("{other:?}"),
        }
        // More names than a failed search lists: none are listed.
        let many: Vec<(usize, String)> =
            (0..=LIST_ALL_UP_TO).map(|i| (i, format!("P{i}"))).collect();
        let rows: Vec<(usize, &str)> = many.iter().map(|(i, n)| (*i, n.as_str())).collect();
        match among("zebra", &rows) {
            Err(FindError::NoMatch { names, .. }) => assert!(names.is_empty()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_name_of_a_partner_id() {
        let w = ws(&["Acme"]);
        let id = w.partners[0].id;
        assert_eq!(w.partner_name(id), Some("Acme"));
        assert_eq!(w.partner_name(PartnerId(999)), None);
    }
}
