//! Matching of free-text tags (values, offers, needs) between our profile and a partner: the
//! normalised match key and the three-way overlap (shared / ours only / theirs only).
//!
//! Two tags match when their keys are equal. The key lower-cases the text, drops apostrophes,
//! splits it into words at any other non-alphanumeric character, turns each word into a simple
//! singular (`-ies` → `-y`; a final `-s` is dropped unless the word ends in `ss`, `us` or `is`
//! or is three letters or shorter) and joins the words without spaces. So "Open Source",
//! "open-source" and "opensource" match, as do "partnership" and "Partnerships".

use std::collections::HashSet;

/// The match key of a tag; empty when the tag holds no letters or digits.
pub fn key(text: &str) -> String {
    let lowered: String = text
        .chars()
        .filter(|c| *c != '\'' && *c != '’')
        .flat_map(char::to_lowercase)
        .collect();
    let mut out = String::with_capacity(lowered.len());
    for word in lowered.split(|c: char| !c.is_alphanumeric()) {
        push_singular(&mut out, word);
    }
    out
}

fn push_singular(out: &mut String, word: &str) {
    let long = word.chars().count() > 3;
    if long && word.len() > 4 && word.ends_with("ies") {
        out.push_str(&word[..word.len() - 3]);
        out.push('y');
    } else if long
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        out.push_str(&word[..word.len() - 1]);
    } else {
        out.push_str(word);
    }
}

/// Whether two tags match.
pub fn same(a: &str, b: &str) -> bool {
    let k = key(a);
    !k.is_empty() && k == key(b)
}

/// How two lists of tags overlap. Each list keeps its first wording of a key, in list order,
/// trimmed; duplicates (by key) and tags without letters or digits are dropped.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overlap {
    /// In both lists, in our wording.
    pub shared: Vec<String>,
    /// Only in our list.
    pub ours_only: Vec<String>,
    /// Only in their list.
    pub theirs_only: Vec<String>,
}

impl Overlap {
    /// Distinct tags over both lists.
    pub fn union_len(&self) -> usize {
        self.shared.len() + self.ours_only.len() + self.theirs_only.len()
    }

    /// Shared share of the union, 0–100 rounded (Jaccard index); `None` when either list is
    /// empty, since overlap cannot be judged then.
    pub fn jaccard_percent(&self) -> Option<u8> {
        let ours = self.shared.len() + self.ours_only.len();
        let theirs = self.shared.len() + self.theirs_only.len();
        if ours == 0 || theirs == 0 {
            return None;
        }
        let pct = (self.shared.len() * 100) as f64 / self.union_len() as f64;
        Some(pct.round() as u8)
    }
}

fn distinct(list: &[String]) -> Vec<(String, &str)> {
    let mut seen = HashSet::new();
    list.iter()
        .filter_map(|t| {
            let k = key(t);
            (!k.is_empty() && seen.insert(k.clone())).then(|| (k, t.trim()))
        })
        .collect()
}

/// Compares our tags with theirs.
pub fn overlap(ours: &[String], theirs: &[String]) -> Overlap {
    let ours = distinct(ours);
    let theirs = distinct(theirs);
    let their_keys: HashSet<&str> = theirs.iter().map(|(k, _)| k.as_str()).collect();
    let our_keys: HashSet<&str> = ours.iter().map(|(k, _)| k.as_str()).collect();
    let mut out = Overlap::default();
    for (k, text) in &ours {
        if their_keys.contains(k.as_str()) {
            out.shared.push((*text).to_string());
        } else {
            out.ours_only.push((*text).to_string());
        }
    }
    for (k, text) in &theirs {
        if !our_keys.contains(k.as_str()) {
            out.theirs_only.push((*text).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn spacing_case_punctuation_and_plurals_are_ignored() {
        assert_eq!(key("Open Source"), "opensource");
        assert!(same("Open Source", "open-source"));
        assert!(same("open-source", "opensource"));
        assert!(same("partnership", "Partnerships"));
        assert!(same("Communities", "community"));
        assert!(same("People's voice", "peoples voice"));
        assert!(same(" Fair   trade. ", "fair-trade"));
        assert!(!same("open", "opensource"));
        // Words ending in ss/us/is keep their s.
        assert_eq!(key("Access"), "access");
        assert_eq!(key("Campus"), "campus");
        assert_eq!(key("Analysis"), "analysis");
        assert_eq!(key("bus"), "bus");
        assert!(!same("---", "---"));
    }

    #[test]
    fn overlap_splits_three_ways_and_dedupes() {
        let o = overlap(
            &list(&["Open Source", "Equity", "equity", "Learning"]),
            &list(&["opensource", "Learnings", "Climate", "  "]),
        );
        assert_eq!(o.shared, list(&["Open Source", "Learning"]));
        assert_eq!(o.ours_only, list(&["Equity"]));
        assert_eq!(o.theirs_only, list(&["Climate"]));
        // 2 shared of 4 distinct.
        assert_eq!(o.jaccard_percent(), Some(50));
    }

    #[test]
    fn an_empty_side_cannot_be_judged() {
        let o = overlap(&[], &list(&["Equity"]));
        assert_eq!(o.theirs_only, list(&["Equity"]));
        assert_eq!(o.jaccard_percent(), None);
        assert_eq!(overlap(&[], &[]).jaccard_percent(), None);
    }
}
