//! A name joined by a hyphen to a participle ("Ohio-based", "U.S.-led", "Serb-held") is a
//! name of its own (MISC, by CoNLL's conventions) even where the tagger, seeing a lowercase
//! ending, passed over it.
//!
//! Only the participles that say who is behind or where something is are taken: "-born"
//! is left out ("Dublin-born" is as often unmarked). A capitalised word opening a sentence
//! may be a common word ("Family-controlled"), so there the token is left alone. A place's
//! abbreviated first word ("St. Louis-based") joins it.

use super::doc::Doc;
use super::tokenize::{F_INIT_UPPER, F_LOWER, F_SENT_START};
use crate::Label;

type Span = (usize, usize, Label);

/// Participles that make "Name-participle" a name (each ends in "d", which `apply` checks
/// first).
const PARTICIPLES: &[&str] = &["based", "led", "ruled", "backed", "controlled", "held"];

/// Adds a MISC span for every untagged "Name-participle" token; keeps `spans` sorted.
pub fn apply(doc: &Doc, spans: &mut Vec<Span>) {
    let before = spans.len();
    let mut next = 0; // first span that may cover token `i` (spans are sorted)
    // A capitalised word is a candidate: only they are looked at.
    for &i in &doc.cands {
        let Some(t) = doc.toks.get(i) else { continue };
        // Most candidates are not capitalised words ending in "d" (every participle does):
        // skip them unread.
        let capitalised = t.flags & F_INIT_UPPER != 0 && t.flags & F_LOWER != 0;
        if !capitalised
            || doc.text.as_bytes().get(t.end.wrapping_sub(1)) != Some(&b'd')
            || !is_named_participle(doc.word(i))
        {
            continue;
        }
        while spans.get(next).is_some_and(|sp| sp.1 <= i) {
            next += 1;
        }
        if spans.get(next).is_some_and(|sp| sp.0 <= i) {
            continue;
        }
        let prev_free = spans[..next].last().is_none_or(|sp| sp.1 < i);
        let start = if i > 0 && prev_free && is_abbreviated_word(doc.word(i - 1)) {
            i - 1
        } else {
            i
        };
        if start == i && doc.flags(i) & F_SENT_START != 0 {
            continue;
        }
        if doc.flags(start) & F_INIT_UPPER != 0 {
            spans.push((start, i + 1, Label::Misc));
        }
    }
    if spans.len() > before {
        spans.sort_unstable_by_key(|sp| sp.0);
    }
}

/// Whether `w` is a capitalised name, a hyphen and one of the [`PARTICIPLES`].
pub fn is_named_participle(w: &str) -> bool {
    let b = w.as_bytes();
    PARTICIPLES.iter().any(|p| {
        b.len() > p.len() + 1
            && b.ends_with(p.as_bytes())
            && b.get(b.len() - p.len() - 1) == Some(&b'-')
    }) && w.chars().next().is_some_and(char::is_uppercase)
}

/// Whether `w` is a short capitalised abbreviation with its period ("St.", "Ft.").
fn is_abbreviated_word(w: &str) -> bool {
    w.len() <= 4
        && w.ends_with('.')
        && w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().filter(|&c| c == '.').count() == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_participles_are_misc() {
        let d = Doc::new("The Ohio-based firm and a St. Paul-based bank met");
        let mut spans = vec![];
        apply(&d, &mut spans);
        assert_eq!(
            spans,
            vec![(1, 2, Label::Misc), (5, 7, Label::Misc)],
            "the abbreviated first word joins"
        );
    }

    #[test]
    fn tagged_lowercase_and_sentence_initial_ones_are_left() {
        let d =
            Doc::new("Family-controlled firms. Ohio-based ones, well-based ones and Ohio-based.");
        let mut spans = vec![(9, 10, Label::Org)];
        apply(&d, &mut spans);
        assert_eq!(spans, vec![(9, 10, Label::Org)]);
    }
}
