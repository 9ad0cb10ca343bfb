//! Titles and names inside a leading subject: "Former US secretary of state Madeleine
//! Albright", "Ohio Democratic Party Chairman David Pepper". A subject read forwards stops
//! at its first lower-case word; these helpers carry it on through a title to the name the
//! title introduces, and through a name to its last word.

use super::subject::{AUXILIARIES, MONTH_SET, is_time_word};
use super::word_set::WordSet;
use super::words::Token;

/// How many capitalised words, at most `max`, start at `from`: words of a name, not the
/// time words and months that follow a subject ("Ann Lee Monday said").
pub(super) fn name_words(tokens: &[Token<'_>], from: usize, ceiling: usize, max: usize) -> usize {
    let name_word = |t: &Token<'_>| {
        t.is_word
            && t.is_capitalized()
            && !is_time_word(t.text)
            && !MONTH_SET.contains(t.text.trim_end_matches('.'))
    };
    tokens
        .get(from..ceiling.min(from + max))
        .unwrap_or_default()
        .iter()
        .take_while(|t| name_word(t))
        .count()
}

/// Lower-case words of a title between a capitalised modifier and the name it introduces:
/// "Former US secretary of state Madeleine Albright", "Clinton campaign chairman John
/// Podesta". A verb there ("Trump won New Hampshire") is not one of them, so the list is
/// closed rather than any lower-case word.
const TITLE_WORDS: &[&str] = &[
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "anchor",
    "attorney",
    "author",
    "candidate",
    "chair",
    "chairman",
    "chairwoman",
    "chief",
    "co-founder",
    "columnist",
    "commentator",
    "commissioner",
    "congressman",
    "congresswoman",
    "contender",
    "correspondent",
    "counsel",
    "deputy",
    "director",
    "economist",
    "editor",
    "executive",
    "founder",
    "general",
    "governor",
    "head",
    "host",
    "hopeful",
    "lawmaker",
    "leader",
    "manager",
    "mayor",
    "minister",
    "nominee",
    "official",
    "pollster",
    "president",
    "presidential",
    "professor",
    "representative",
    "secretary",
    "senator",
    "sheriff",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "strategist",
    "vice-presidential",
    "campaign",
    "press",
    "party",
    "national",
    "senior",
    "former",
    "state",
];
static TITLE_WORD_SET: WordSet<128> = WordSet::new(TITLE_WORDS);

/// Where a leading subject that stopped at `e`, on a lower-case word, ends when title words
/// and then a name follow: past the name. `None` when they do not.
pub(super) fn past_title_to_name(tokens: &[Token<'_>], e: usize, ceiling: usize) -> Option<usize> {
    let is_title =
        |t: &Token<'_>| t.is_word && !t.is_capitalized() && TITLE_WORD_SET.contains(t.text);
    let mut j = e;
    while j < ceiling && j - e < 6 {
        let t = tokens.get(j)?;
        if is_title(t) || (j > e && t.text == "of") {
            j += 1;
        } else {
            break;
        }
    }
    // The title ends on a title word, not on "of".
    if j == e || !tokens.get(j - 1).is_some_and(is_title) {
        return None;
    }
    let k = j + name_words(tokens, j, ceiling, 4);
    // "… candidate Gary Johnson’s doctor": the name owns the subject, which ends at the
    // noun after it.
    if tokens.get(k - 1).is_some_and(Token::is_possessive) {
        let noun = tokens
            .get(k)
            .is_some_and(|t| t.is_word && !t.is_capitalized() && !AUXILIARIES.contains(&t.text));
        return (k > j && noun).then_some(k + 1);
    }
    (k > j).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::words::tokenize;

    #[test]
    fn a_title_runs_to_the_name_it_introduces() {
        let end = |text: &str, e: usize| {
            let toks = tokenize(text, 0, text.len());
            past_title_to_name(&toks, e, toks.len())
        };
        // "Former US" stopped at "secretary": the title and the name follow.
        assert_eq!(end("Former US secretary of state Ann Lee said", 2), Some(7));
        // A name owning the subject runs on to its noun.
        assert_eq!(end("Party nominee Ann Lee's doctor said", 1), Some(5));
        // A verb is no title word.
        assert_eq!(end("Lee won New Hampshire", 1), None);
        // A title word with no name after it.
        assert_eq!(end("The US secretary said", 2), None);
    }

    #[test]
    fn name_words_stop_at_dates_and_the_cap() {
        let count = |text: &str, max: usize| {
            let toks = tokenize(text, 0, text.len());
            name_words(&toks, 0, toks.len(), max)
        };
        assert_eq!(count("Ann Lee Monday said", 5), 2);
        assert_eq!(count("Ann Lee Sept. 5 said", 5), 2);
        assert_eq!(count("Ohio Democratic Party Chairman David Pepper", 4), 4);
    }

    #[test]
    fn word_sets_hold_every_listed_word() {
        TITLE_WORD_SET.assert_holds(TITLE_WORDS);
    }
}
