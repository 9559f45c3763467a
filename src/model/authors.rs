//! Who did what: the team's members, and on every record who added it and who last changed it.
//!
//! A member is known by a short key (`ana.ruiz`): the local part of their email (a team's
//! addresses are unique within its domain), else their name in lower case with dots for spaces.
//! Records name members by key, so authors cost a record one line in the file
//! (`authors: "ana.ruiz"`), and a change adds by whom and when (`"ana.ruiz; bo 2026-12-06"`)
//! only to the records that were changed.
//!
//! The day a record was added is the day its id was made ([`super::ids::made_on`]); records
//! from before authors were kept have none, and get them from their next change on.
//!
//! A follow-up or one of our commitments is whoever added it's to do unless it is assigned to
//! someone else ([`super::Interaction::follow_up_owner`], [`super::Commitment::keeper`]): the
//! owner is written only when it differs, so the usual case costs nothing.
//!
//! Authors merge like any field, with one rule of their own ([`merge_authors`]): the later
//! change wins, so two people changing different fields of one record never conflict over who
//! changed it last.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Who added a record and who changed it last. Empty for records from before authors were kept.
///
/// In the file it is one short string, so that it costs a record one line:
/// `authors: "ana.ruiz"` (added by), `authors: "ana.ruiz; bo.chen 2026-12-06"` (and changed by,
/// on). Encodings that are not for people (the cache) keep the two fields as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Authors {
    /// The member who added it (a key of [`Member`]).
    pub by: Option<String>,
    /// The last change after it was added.
    pub changed: Option<Touch>,
}

/// [`Authors`] field by field (the cache's encoding, and a map in the file is read too).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AuthorFields {
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    changed: Option<Touch>,
}

impl Authors {
    /// As the file writes it: `by`, then `; key YYYY-MM-DD` when it was changed.
    pub fn text(&self) -> String {
        let mut t = self.by.clone().unwrap_or_default();
        if let Some(c) = &self.changed {
            t.push_str(&format!("; {} {}", c.by, c.on));
        }
        t
    }

    /// Reads [`Authors::text`]; `None` when it does not read so.
    pub fn parse(text: &str) -> Option<Authors> {
        let (by, changed) = match text.split_once(';') {
            Some((by, changed)) => (by, Some(changed)),
            None => (text, None),
        };
        let by = Some(by.trim())
            .filter(|b| !b.is_empty())
            .map(str::to_string);
        let changed = match changed {
            None => None,
            Some(c) => {
                let (key, on) = c.trim().rsplit_once(' ')?;
                let on = NaiveDate::parse_from_str(on.trim(), "%Y-%m-%d").ok()?;
                Some(Touch {
                    by: key.trim().to_string(),
                    on,
                })
            }
        };
        Some(Authors { by, changed })
    }
}

impl Serialize for Authors {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.serialize_str(&self.text())
        } else {
            AuthorFields {
                by: self.by.clone(),
                changed: self.changed.clone(),
            }
            .serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Authors {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Authors, D::Error> {
        if !d.is_human_readable() {
            let f = AuthorFields::deserialize(d)?;
            return Ok(Authors {
                by: f.by,
                changed: f.changed,
            });
        }
        struct Text;
        impl<'de> serde::de::Visitor<'de> for Text {
            type Value = Authors;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "who added it and who changed it last, as \"ana.ruiz; bo.chen 2026-12-06\"",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Authors, E> {
                Authors::parse(v).ok_or_else(|| {
                    E::custom(format!(
                        "“{v}” is not who added it and who changed it last (\"ana.ruiz; bo.chen 2026-12-06\")"
                    ))
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Authors, A::Error> {
                let f =
                    AuthorFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Authors {
                    by: f.by,
                    changed: f.changed,
                })
            }
        }
        d.deserialize_any(Text)
    }
}

impl Authors {
    pub fn is_empty(&self) -> bool {
        self.by.is_none() && self.changed.is_none()
    }

    /// Added by `key`.
    pub fn added_by(key: impl Into<String>) -> Authors {
        Authors {
            by: Some(key.into()),
            changed: None,
        }
    }

    /// The member who touched it last: the last change's, else who added it.
    pub fn last(&self) -> Option<&str> {
        self.changed
            .as_ref()
            .map(|t| t.by.as_str())
            .or(self.by.as_deref())
    }
}

/// One change: by whom, on which day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touch {
    pub by: String,
    #[serde(deserialize_with = "super::serde_dates::date")]
    pub on: NaiveDate,
}

/// A member of the team: added to the file the first time someone changes it from a new
/// identity ([`Identity`]), and editable (their name) from then on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// How records name them (see the module's notes); never changes.
    pub key: String,
    /// Their name as shown.
    pub name: String,
    #[serde(default, skip_serializing_if = "super::skip::empty_str")]
    pub email: String,
}

/// Who is making changes: from `git config user.name`/`user.email` of the clone the file is
/// in, else partnerdeck's configuration, else the login name (`store::identity`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub name: String,
    pub email: String,
}

impl Identity {
    pub fn new(name: impl Into<String>, email: impl Into<String>) -> Identity {
        Identity {
            name: name.into().trim().to_string(),
            email: email.into().trim().to_string(),
        }
    }

    /// The key records name this member by.
    pub fn key(&self) -> String {
        let from = match self.email.split_once('@') {
            Some((local, _)) if !local.trim().is_empty() => local,
            _ if !self.name.is_empty() => &self.name,
            _ => &self.email,
        };
        key_of(from)
    }

    /// As a member of the file.
    pub fn member(&self) -> Member {
        let name = if self.name.is_empty() {
            self.key()
        } else {
            self.name.clone()
        };
        Member {
            key: self.key(),
            name,
            email: self.email.clone(),
        }
    }
}

/// Lower case, words joined by dots, only letters, digits, dots, dashes and underscores.
fn key_of(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push('.');
        }
        out.extend(
            word.chars()
                .flat_map(char::to_lowercase)
                .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_')),
        );
    }
    if out.is_empty() {
        "someone".into()
    } else {
        out
    }
}

/// The authors of a record changed on both sides of a merge: who added it from either side,
/// and the later of the two last changes (the same day: the one whose key sorts last, so
/// every clone agrees).
pub fn merge_authors(ours: &Authors, theirs: &Authors) -> Authors {
    Authors {
        by: ours.by.clone().or_else(|| theirs.by.clone()),
        changed: match (&ours.changed, &theirs.changed) {
            (Some(o), Some(t)) => Some(if (t.on, &t.by) > (o.on, &o.by) { t } else { o }.clone()),
            (o, t) => o.clone().or_else(|| t.clone()),
        },
    }
}

/// The members of both sides of a merge: every key either side has, ours first when both
/// have it (a name edited on one side only is that side's), sorted by key.
pub fn merge_members(base: &[Member], ours: &[Member], theirs: &[Member]) -> Vec<Member> {
    let mut out: Vec<Member> = ours.to_vec();
    for t in theirs {
        match out.iter_mut().find(|m| m.key == t.key) {
            Some(m) => {
                let b = base.iter().find(|b| b.key == t.key);
                if b == Some(m) {
                    *m = t.clone();
                }
            }
            None => out.push(t.clone()),
        }
    }
    out.sort_by(|a, b| a.key.cmp(&b.key));
    out
}

impl super::Interaction {
    /// Who is to do its follow-up: the one it is assigned to, else whoever logged the entry.
    pub fn follow_up_owner(&self) -> Option<&str> {
        let f = self.follow_up.as_ref()?;
        f.owner.as_deref().or(self.authors.by.as_deref())
    }
}

impl super::Commitment {
    /// Who is to keep one of ours: the one it is assigned to, else whoever added it (`None` for
    /// theirs).
    pub fn keeper(&self) -> Option<&str> {
        (self.side == super::Side::Us)
            .then(|| self.owner.as_deref().or(self.authors.by.as_deref()))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn a_member_key_is_the_email_local_part_else_the_name() {
        assert_eq!(
            Identity::new("Ana Ruiz", "Ana.Ruiz@acme.org").key(),
            "ana.ruiz"
        );
        assert_eq!(Identity::new("Bo  Chen", "").key(), "bo.chen");
        assert_eq!(Identity::new("", "").key(), "someone");
        assert_eq!(Identity::new("李 小龙", "").key(), "李.小龙");
        assert_eq!(Identity::new("", "cy@x.org").member().name, "cy");
    }

    #[test]
    fn authors_read_back_from_their_one_line() {
        let a = Authors {
            by: Some("ana.ruiz".into()),
            changed: Some(Touch {
                by: "bo".into(),
                on: day(6),
            }),
        };
        assert_eq!(a.text(), "ana.ruiz; bo 2026-12-06");
        for x in [
            a.clone(),
            Authors::added_by("ana"),
            Authors {
                by: None,
                changed: a.changed.clone(),
            },
        ] {
            assert_eq!(Authors::parse(&x.text()), Some(x.clone()));
            let ron = ron::to_string(&x).unwrap();
            assert_eq!(ron::from_str::<Authors>(&ron).unwrap(), x, "{ron}");
            let json = serde_json::to_value(&x).unwrap();
            assert_eq!(serde_json::from_value::<Authors>(json).unwrap(), x);
            let bin = postcard::to_stdvec(&x).unwrap();
            assert_eq!(postcard::from_bytes::<Authors>(&bin).unwrap(), x);
        }
        assert_eq!(Authors::parse("ana; bo"), None, "a change needs its day");
    }

    #[test]
    fn the_later_change_wins_and_who_added_it_stays() {
        let ours = Authors {
            by: Some("ana".into()),
            changed: Some(Touch {
                by: "bo".into(),
                on: day(3),
            }),
        };
        let theirs = Authors {
            by: Some("ana".into()),
            changed: Some(Touch {
                by: "cy".into(),
                on: day(5),
            }),
        };
        let m = merge_authors(&ours, &theirs);
        assert_eq!(m.changed.as_ref().unwrap().by, "cy");
        assert_eq!(m, merge_authors(&theirs, &ours), "every clone agrees");
        assert_eq!(m.by.as_deref(), Some("ana"));
        assert_eq!(m.last(), Some("cy"));
    }

    #[test]
    fn members_of_both_sides_are_kept_and_a_name_edited_on_one_side_wins() {
        let m = |k: &str, n: &str| Member {
            key: k.into(),
            name: n.into(),
            email: String::new(),
        };
        let base = [m("ana", "Ana")];
        let ours = [m("ana", "Ana"), m("bo", "Bo")];
        let theirs = [m("ana", "Ana Ruiz"), m("cy", "Cy")];
        let out = merge_members(&base, &ours, &theirs);
        assert_eq!(
            out,
            vec![m("ana", "Ana Ruiz"), m("bo", "Bo"), m("cy", "Cy")]
        );
    }
}
