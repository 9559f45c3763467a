//! Finding a partner by a name as people type it on the command line: case, spacing,
//! punctuation and common accents are ignored, and a part of the name is enough when only one
//! partner has it. Tiers, first hit wins: the whole name, then a part of it, then its letters
//! in order (`gcb` finds "Greenleaf Cooperative Bank"). Several partners in the winning tier
//! make an error that lists them, so a brief or a log entry never lands on the wrong partner.

use crate::model::{Partner, Workspace};
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

/// Letters and digits only, lower case, common Latin accents folded ("Café Lumière" →
/// "cafelumiere").
pub fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match crate::text::fold(c) {
            Some(s) => out.push_str(s),
            None if c.is_alphanumeric() => out.push(c),
            None => {}
        }
    }
    out
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

/// The one partner `query` names, or why there is not exactly one.
pub fn partner<'a>(ws: &'a Workspace, query: &str) -> Result<&'a Partner, FindError> {
    let q = squash(query);
    if q.is_empty() {
        return Err(FindError::Empty);
    }
    let keys: Vec<(String, &Partner)> = ws.partners.iter().map(|p| (squash(&p.name), p)).collect();
    let tiers: [&dyn Fn(&str) -> bool; 3] =
        [&|k| k == q, &|k| k.contains(&q), &|k| is_subsequence(&q, k)];
    for tier in tiers {
        let hits: Vec<&Partner> = keys
            .iter()
            .filter(|(k, _)| tier(k))
            .map(|(_, p)| *p)
            .collect();
        match hits.as_slice() {
            [] => continue,
            [one] => return Ok(one),
            many => {
                return Err(FindError::Ambiguous {
                    query: query.trim().to_string(),
                    candidates: many.iter().map(|p| p.name.clone()).collect(),
                });
            }
        }
    }
    let names = if ws.partners.len() <= LIST_ALL_UP_TO {
        ws.partners.iter().map(|p| p.name.clone()).collect()
    } else {
        Vec::new()
    };
    Err(FindError::NoMatch {
        query: query.trim().to_string(),
        names,
    })
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
    use crate::model::PartnerId;

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
}
