//! Canonical speakers: from the words naming the speaker where a quotation is attributed to
//! the fullest form of that speaker in the article.
//!
//! Names go through [`crate::names::NameIndex`] ("Xi" → "Xi Jinping"); a pronoun ("he") goes
//! to the last person named as a speaker or mentioned before it; descriptions ("a longtime
//! adviser", "the ministry") stay as written. The index is built once per text, and only when
//! some quotation has a speaker.

use crate::names::{NameIndex, name_words};

/// How far back (bytes) a pronoun looks for the person it refers to.
const PRONOUN_REACH: usize = 2_000;

/// Third-person pronouns that refer back to a person.
const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "him", "her"];

/// Resolves speaker mentions of one text to canonical names.
pub struct Resolver<'t> {
    text: &'t str,
    index: Option<NameIndex>,
    /// The last speaker resolved to a name: (byte offset of its mention, canonical name).
    last_person: Option<(usize, String)>,
}

impl<'t> Resolver<'t> {
    /// A resolver for `text`; nothing is indexed until the first lookup.
    pub fn new(text: &'t str) -> Self {
        Resolver {
            text,
            index: None,
            last_person: None,
        }
    }

    fn index(&mut self) -> &NameIndex {
        let text = self.text;
        self.index.get_or_insert_with(|| NameIndex::new(text))
    }

    /// The canonical name of the speaker mentioned at bytes `start..end`.
    pub fn canonical(&mut self, start: usize, end: usize) -> Option<String> {
        let mention = self.text.get(start..end)?.trim();
        if mention.is_empty() {
            return None;
        }
        let lower = mention.to_lowercase();
        if PERSONAL_PRONOUNS.contains(&lower.as_str()) {
            let recent = self
                .last_person
                .clone()
                .filter(|(p, _)| start.saturating_sub(*p) <= PRONOUN_REACH);
            let named = self.index().last_name_before(start, PRONOUN_REACH);
            // Prefer whichever was named last: a full name after the last speaker's mention.
            let named_pos = named.as_ref().and_then(|n| {
                let from = start.saturating_sub(PRONOUN_REACH);
                let from = (from..start).find(|&i| self.text.is_char_boundary(i))?;
                Some(from + self.text.get(from..start)?.rfind(n.as_str())?)
            });
            // The last named speaker is the likeliest referent; a full name mentioned since
            // wins only when it comes after that speaker's whole sentence.
            return match (recent, named, named_pos) {
                (Some((p, name)), Some(n), Some(np)) => Some(if np > p + 300 { n } else { name }),
                (Some((_, name)), _, _) => Some(name),
                (None, Some(n), _) => Some(n),
                _ => Some(mention.to_string()),
            };
        }
        let first = mention.split_whitespace().next().unwrap_or_default();
        let description = first.chars().next().is_some_and(char::is_lowercase)
            && !mention
                .split_whitespace()
                .last()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let determiner =
            ["the", "a", "an", "one", "another"].contains(&first.to_lowercase().as_str());
        if description || determiner || name_words(mention).is_empty() {
            return Some(mention.to_string());
        }
        let name = self.index().fullest(mention);
        self.last_person = Some((start, name.clone()));
        Some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str, mention: &str, nth: usize) -> Option<String> {
        let start = text.match_indices(mention).nth(nth)?.0;
        Resolver::new(text).canonical(start, start + mention.len())
    }

    #[test]
    fn names_descriptions_and_pronouns() {
        let t = "Ann Lee spoke. Lee said so. The ministry said. He said.";
        assert_eq!(resolve(t, "Lee", 1).as_deref(), Some("Ann Lee"));
        assert_eq!(
            resolve(t, "The ministry", 0).as_deref(),
            Some("The ministry")
        );
        assert_eq!(resolve(t, "He", 0).as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn pronoun_prefers_the_last_speaker() {
        let t = "Xi Jinping met Bob Ray. Xi said this. He said that.";
        let mut r = Resolver::new(t);
        let xi = t.find("Xi said").unwrap_or(0);
        assert_eq!(r.canonical(xi, xi + 2).as_deref(), Some("Xi Jinping"));
        let he = t.find("He").unwrap_or(0);
        assert_eq!(r.canonical(he, he + 2).as_deref(), Some("Xi Jinping"));
    }
}
