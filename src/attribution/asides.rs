//! What else a walk back from a verb to its subject steps over: a clause modifying the
//! subject ("a White House official who spoke anonymously to discuss strategy said"), an
//! aside holding a place ("Clinton, at a rally in Columbus, Ohio, said") and a nickname in
//! quote marks inside a name (`Rep. Robert C. “Bobby” Scott said`). The walk itself, and
//! the time phrases it steps over, are in `speaker.rs` and `time_phrase.rs`.

use super::speaker::{MAX_APPOSITIVE, in_list, is_pronoun};
use super::word_set::WordSet;
use super::words::Token;

/// Prepositions that may stop the walk back from a verb inside a clause modifying the
/// subject.
const CLAUSE_PREPOSITIONS: &[&str] = &[
    "to", "with", "for", "by", "about", "on", "in", "at", "from", "into", "over", "under",
];
pub(super) static CLAUSE_PREPOSITION_SET: WordSet<64> = WordSet::new(CLAUSE_PREPOSITIONS);

/// Participles that describe a source where it speaks without being speech verbs of the
/// lexicon: "a source speaking to Fox News said".
const SOURCE_PARTICIPLES: &[&str] = &[
    "speaking",
    "talking",
    "writing",
    "commenting",
    "responding",
    "reacting",
    "testifying",
];
static SOURCE_PARTICIPLE_SET: WordSet<64> = WordSet::new(SOURCE_PARTICIPLES);

/// Where a clause modifying the subject starts ("who", or a speech participle such as
/// "speaking"), when the words from it to `end` hold no punctuation and the walk back from
/// the verb stopped at `start`, after it. `None` when there is no such clause or nothing
/// before it.
pub(super) fn modifier_clause_start(
    tokens: &[Token<'_>],
    start: usize,
    end: usize,
    floor: usize,
) -> Option<usize> {
    // The walk stopped at the clause's opener or at a preposition inside it ("to discuss"),
    // not at a conjunction or "that", which start a clause with its own subject. Asked
    // first: most walks stop at punctuation or such words, and need no look further back.
    let stop = tokens.get(start.checked_sub(1)?)?;
    if !stop.is_word {
        return None;
    }
    let opens = |t: &Token<'_>| {
        t.is_word
            && (t.text.eq_ignore_ascii_case("who")
                || SOURCE_PARTICIPLE_SET.contains(t.text)
                || crate::attribution::cues::verb_kind(t)
                    == Some(crate::attribution::cues::CueKind::Participle))
    };
    let at = if opens(stop) {
        start - 1
    } else if CLAUSE_PREPOSITION_SET.contains(stop.text) {
        let lo = start.saturating_sub(MAX_APPOSITIVE).max(floor + 1);
        (lo..start)
            .rev()
            .find(|&i| tokens.get(i).is_some_and(opens))?
    } else {
        return None;
    };
    let clause_plain = tokens.get(at..end)?.iter().all(|t| t.is_word);
    let before_is_word = tokens
        .get(at.checked_sub(1)?)
        .is_some_and(|t| t.is_word && !is_pronoun(t.text));
    (at > floor && clause_plain && before_is_word).then_some(at)
}

/// Whether `tokens[end - 3..end]` is a nickname in quote marks between two words of a name
/// (`Marcia "Cia" Price`, `Robert C. “Bobby” Scott`), `tokens[end]` being the name's next word.
pub(super) fn quoted_nickname_ends_at(tokens: &[Token<'_>], end: usize) -> bool {
    let mark = |i: usize| {
        tokens
            .get(i)
            .is_some_and(|t| !t.is_word && matches!(t.text, "\"" | "“" | "”"))
    };
    let cap = |i: usize| tokens.get(i).is_some_and(Token::is_capitalized);
    end >= 4 && cap(end) && mark(end - 1) && cap(end - 2) && mark(end - 3) && cap(end - 4)
}

/// Prepositions before a place named inside an aside: "speaking in Columbus, Ohio,".
const PLACE_PREPOSITIONS: &[&str] = &["in", "at", "from", "near", "outside"];

/// The comma opening the aside that holds the place whose name ends at `end`, when a
/// preposition comes before that name ("Clinton, at a rally in Columbus, Ohio, said"):
/// the name is then no subject. At most four capitalised words make the place's name.
pub(super) fn aside_around_place(tokens: &[Token<'_>], end: usize, floor: usize) -> Option<usize> {
    let lo = end.saturating_sub(4).max(floor);
    let name_start = (lo..end)
        .rev()
        .take_while(|&i| tokens.get(i).is_some_and(Token::is_capitalized))
        .last()?;
    let prep = tokens.get(name_start.checked_sub(1)?)?;
    if name_start <= floor || !prep.is_word || !in_list(PLACE_PREPOSITIONS, prep.text) {
        return None;
    }
    let lo = (name_start - 1).saturating_sub(MAX_APPOSITIVE).max(floor);
    (lo..name_start - 1)
        .rev()
        .find(|&i| tokens.get(i).is_some_and(|t| !t.is_word))
        .filter(|&i| tokens.get(i).is_some_and(|t| t.is_punct(',')))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::words::tokenize;

    #[test]
    fn word_sets_hold_every_listed_word() {
        CLAUSE_PREPOSITION_SET.assert_holds(CLAUSE_PREPOSITIONS);
        SOURCE_PARTICIPLE_SET.assert_holds(SOURCE_PARTICIPLES);
    }

    #[test]
    fn a_modifying_clause_starts_at_its_opener() {
        // The walk back from "said" stopped after "to" (index 5), inside the clause.
        let text = "an official who spoke anonymously to discuss strategy said";
        let toks = tokenize(text, 0, text.len());
        assert_eq!(modifier_clause_start(&toks, 6, 8, 0), Some(2));
        // A walk stopped on "that" opens no modifying clause.
        let text = "the aide said that officials said";
        let toks = tokenize(text, 0, text.len());
        assert_eq!(modifier_clause_start(&toks, 4, 5, 0), None);
    }

    #[test]
    fn nicknames_and_places() {
        let text = "Rep. Robert C. “Bobby” Scott said";
        let toks = tokenize(text, 0, text.len());
        let scott = toks
            .iter()
            .position(|t| t.text == "Scott")
            .unwrap_or_default();
        assert!(quoted_nickname_ends_at(&toks, scott));
        let text = "Clinton, at a rally in Columbus, Ohio";
        let toks = tokenize(text, 0, text.len());
        assert_eq!(aside_around_place(&toks, toks.len() - 2, 0), Some(1));
    }
}
