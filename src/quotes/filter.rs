//! Which candidate quotations are quotations, and of which kind.
//!
//! Quoted titles, nicknames and scare quotes nobody is said to have said are left out: a
//! candidate stays when a cue attributes it, or when it reads like speech on its own (several
//! words, or a sentence). A title-like candidate (“Security Bond-2023”, “Meet the Press”)
//! stays only when a cue sits right next to it.

use super::pairing::Candidate;
use crate::QuoteKind;
use crate::attribution::{Attribution, How};

/// Words a title may keep in lower case ("Jane the Virgin", "Fox and Friends").
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "de", "for", "from", "in", "of", "on", "or", "the", "to", "with",
    "&", "-", "vs",
];

/// Words an unattributed quotation needs to count as speech on its own.
const MIN_UNATTRIBUTED_WORDS: usize = 6;

/// Counts words up to `cap` (enough to decide, never the whole of a huge span).
fn count_words(s: &str, cap: usize) -> usize {
    s.split_whitespace().take(cap).count()
}

/// Whether the quoted words read like a title or name: every word capitalised except small
/// words, a handful of words, no sentence punctuation inside.
pub fn is_title_like(quoted: &str) -> bool {
    let core = quoted.trim().trim_end_matches([',', '.', ';', ':']);
    if core.is_empty() || core.contains(['?', '!']) || count_words(core, 10) > 8 {
        return false;
    }
    let mut capitals = 0;
    for w in core.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        if first.is_uppercase() || first.is_ascii_digit() {
            capitals += 1;
        } else if !TITLE_SMALL_WORDS.contains(&w.to_lowercase().as_str()) {
            return false;
        }
    }
    capitals > 0
}

/// Whether the candidate is a quotation, given how it was attributed.
pub fn keep(quoted: &str, c: &Candidate, a: &Attribution) -> bool {
    let words = count_words(quoted, MIN_UNATTRIBUTED_WORDS + 1);
    if words == 0 {
        return false;
    }
    if c.single {
        return matches!(a.how, How::BeforeAdjacent | How::AfterAdjacent) && words >= 3;
    }
    match a.how {
        How::BeforeAdjacent | How::AfterAdjacent | How::Colon => true,
        _ if is_title_like(quoted) => false,
        How::BeforeInSentence | How::SameSentence | How::AfterInSentence => true,
        How::FollowOn => words >= 3 || ends_sentence(quoted),
        How::Unattributed => words >= MIN_UNATTRIBUTED_WORDS,
    }
}

fn ends_sentence(quoted: &str) -> bool {
    quoted.trim_end().ends_with(['.', '?', '!'])
}

/// Direct speech when the quotation starts its sentence, or follows an introducing cue and
/// starts like a sentence; otherwise a fragment inside the writer's sentence.
pub fn kind(quoted: &str, a: &Attribution) -> QuoteKind {
    let first_upper = quoted
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let introduced = matches!(a.how, How::BeforeAdjacent | How::Colon);
    if !a.mid_sentence || (introduced && first_upper) {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_names() {
        assert!(is_title_like("Security Bond-2023"));
        assert!(is_title_like("Meet the Press,"));
        assert!(!is_title_like("balanced"));
        assert!(!is_title_like("We Will Win!"));
        assert!(!is_title_like("We will win"));
    }
}
