//! Time phrases that stand between a subject and its verb: "Lee on Sunday said", "Lee
//! during a Sunday rally thanked", "Lee has in the past described", "McConnell, who in 2010
//! said". A walk back from the verb steps over them to reach the subject; a month, a year or
//! a weekday alone is never that subject.

use super::speaker::in_list;
use super::words::Token;

/// Where the phrase of a weekday that starts at `end` starts: before its determiner ("a",
/// "last") and its preposition ("on", "during"), when it has them.
pub(super) fn weekday_phrase_start(tokens: &[Token<'_>], mut end: usize, floor: usize) -> usize {
    let is = |i: usize, list: &[&str]| {
        tokens
            .get(i)
            .is_some_and(|t| t.is_word && in_list(list, t.text))
    };
    if end > floor && is(end - 1, &["a", "the", "this", "last", "next", "that"]) {
        end -= 1;
    }
    if end > floor && is(end - 1, &["on", "during", "over", "since", "until", "by"]) {
        end -= 1;
    }
    end
}

/// Nouns that end a time phrase ("in the past", "over recent weeks").
const TIME_NOUNS: &[&str] = &[
    "past", "week", "weeks", "month", "months", "year", "years", "days", "weekend", "time", "times",
];

/// The start of a time phrase ending at `tokens[end - 1]`: a preposition, at most one
/// determiner or adjective, a time noun ("in the past", "over recent weeks").
pub(super) fn time_phrase_before(tokens: &[Token<'_>], end: usize, floor: usize) -> Option<usize> {
    let noun = tokens.get(end.checked_sub(1)?)?;
    if !noun.is_word || !in_list(TIME_NOUNS, noun.text) {
        return None;
    }
    (2..=3).map(|n| end.checked_sub(n)).find_map(|from| {
        let from = from.filter(|&f| f >= floor)?;
        let prep = tokens.get(from)?;
        let inner_ok = tokens
            .get(from + 1..end - 1)?
            .iter()
            .all(|t| t.is_word && !t.is_capitalized());
        (inner_ok && in_list(&["in", "over", "during", "at", "for"], prep.text)).then_some(from)
    })
}

/// The start of a date phrase ending at `tokens[end - 1]`: a preposition, then a month, a
/// year or both, perhaps after "early", "mid" or "late" ("in 2010", "since late March",
/// "in March 2010"). A month or year alone is never the subject of the verb after it.
pub(super) fn date_phrase_before(tokens: &[Token<'_>], end: usize, floor: usize) -> Option<usize> {
    let word_at = |i: usize| tokens.get(i).filter(|t| t.is_word).map(|t| t.text);
    let mut i = end.checked_sub(1)?;
    if word_at(i).is_some_and(crate::calendar::is_year) {
        i = i.checked_sub(1)?;
        if word_at(i).is_some_and(crate::calendar::is_month) {
            i = i.checked_sub(1)?;
        }
    } else if word_at(i).is_some_and(crate::calendar::is_month) {
        i = i.checked_sub(1)?;
    } else {
        return None;
    }
    if word_at(i).is_some_and(|w| in_list(&["early", "mid", "late"], w)) {
        i = i.checked_sub(1)?;
    }
    let prep = word_at(i)?;
    (i >= floor && in_list(&["in", "since", "during", "until", "by"], prep)).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::words::tokenize;

    /// The start of the phrase found by `find` ending before the last word of `text`.
    fn start(text: &str, find: fn(&[Token<'_>], usize, usize) -> Option<usize>) -> Option<usize> {
        let toks = tokenize(text, 0, text.len());
        find(&toks, toks.len() - 1, 0)
    }

    #[test]
    fn time_phrases_run_from_their_preposition() {
        assert_eq!(start("Lee in the past said", time_phrase_before), Some(1));
        assert_eq!(
            start("Lee over recent weeks said", time_phrase_before),
            Some(1)
        );
        assert_eq!(start("Lee in New York said", time_phrase_before), None);
    }

    #[test]
    fn date_phrases_hold_a_month_a_year_or_both() {
        assert_eq!(start("Lee in 2010 said", date_phrase_before), Some(1));
        assert_eq!(start("Lee in March 2010 said", date_phrase_before), Some(1));
        assert_eq!(
            start("Lee since late March said", date_phrase_before),
            Some(1)
        );
        // Without a preposition a year is no phrase ("Lee 2010"), and "May" is left out.
        assert_eq!(start("Lee 2010 said", date_phrase_before), None);
        assert_eq!(start("Lee in May said", date_phrase_before), None);
    }

    #[test]
    fn a_weekday_takes_its_determiner_and_preposition() {
        let toks = tokenize("Lee during a Sunday rally", 0, 25);
        assert_eq!(weekday_phrase_start(&toks, 3, 0), 1);
        assert_eq!(weekday_phrase_start(&toks, 3, 2), 2);
    }
}
