//! Finding the speaker's words next to a cue: the subject before a verb ("Secretary of State
//! Antony Blinken said", "Craig Singleton, a senior fellow at Y, said") or the noun phrase
//! after one ("said Craig Singleton, senior fellow...", "according to Xinhua").
//!
//! Both searches walk a bounded number of tokens, so they cost the same on any text.

use super::asides::{
    CLAUSE_PREPOSITION_SET, aside_around_place, modifier_clause_start, quoted_nickname_ends_at,
};
use super::time_phrase::{date_phrase_before, time_phrase_before, weekday_phrase_start};
use super::word_set::WordSet;
use super::words::Token;

/// Longest appositive stepped over between a subject and its verb, in tokens.
pub(super) const MAX_APPOSITIVE: usize = 20;

/// Longest speaker phrase, in words.
const MAX_SPEAKER_WORDS: usize = 9;

/// Words that may sit between a subject and its verb: "Putin reportedly said", "Xi also
/// said", "Trump on Monday said".
const BETWEEN_SUBJECT_AND_VERB: &[&str] = &[
    "again",
    "already",
    "also",
    "at",
    "did",
    "does",
    "even",
    "eventually",
    "finally",
    "first",
    "further",
    "had",
    "has",
    "have",
    "just",
    "last",
    "later",
    "later,",
    "latest",
    "may",
    "might",
    "never",
    "night",
    "not",
    "now",
    "often",
    "on",
    "once",
    "only",
    "previously",
    "recently",
    "repeatedly",
    "simply",
    "since",
    "soon",
    "still",
    "subsequently",
    "then",
    "this",
    "today",
    "tonight",
    "week",
    "will",
    "would",
    "yesterday",
    "could",
    "can",
    "morning",
    "afternoon",
    "evening",
    "earlier",
    "is",
    "was",
    "were",
    "are",
    "reportedly",
    "once",
];

/// Adverbs that comment on a whole sentence, set off by commas or standing before its verb:
/// "Lee, meanwhile, said", "Lee, who sits on the board, however said".
const SENTENCE_ADVERBS: &[&str] = &[
    "meanwhile",
    "however",
    "instead",
    "too",
    "though",
    "nonetheless",
    "nevertheless",
    "likewise",
    "similarly",
];
static SENTENCE_ADVERB_SET: WordSet<64> = WordSet::new(SENTENCE_ADVERBS);

/// Words that end a subject walking back from its verb: the subject starts after them.
const SUBJECT_STOPS: &[&str] = &[
    "after", "although", "as", "because", "before", "but", "if", "since", "so", "than", "that",
    "though", "until", "when", "where", "whereas", "which", "while", "who", "whom", "why", "is",
    "was", "were", "are", "be", "been", "being", "has", "have", "had", "will", "would", "can",
    "could", "did", "does", "do", "said", "says", "told", "and", "or", "to", "with", "for", "by",
    "about", "on", "in", "at", "from", "into", "over", "under", "during", "against", "what", "how",
    "it's", "there", "here",
];

/// Words that end a speaker phrase read forwards from a verb: "said Ann Lee on Monday".
const OBJECT_STOPS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "that",
    "who",
    "which",
    "when",
    "while",
    "after",
    "before",
    "as",
    "and",
    "but",
    "because",
    "since",
    "last",
    "this",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "recently",
    "earlier",
    "later",
    "told",
    "said",
    "says",
    "adding",
    "referring",
    "speaking",
    "to",
    "with",
    "from",
    "about",
    "of",
];

/// Pronouns that can be speakers.
pub const PRONOUNS: &[&str] = &["he", "she", "they", "i", "we", "you", "it"];

/// Determiners that may start a speaker phrase ("the ministry", "a longtime adviser").
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "some", "many", "two", "three", "his", "her", "their",
    "its", "several", "most",
];

/// The longer lists as hash sets: they are read at every token a subject or phrase walk
/// passes.
static BETWEEN_SET: WordSet<256> = WordSet::new(BETWEEN_SUBJECT_AND_VERB);

/// Whether a word may stand between a subject and its verb: the list, or a weekday ("Trump
/// on Monday said"), kept in [`crate::calendar`] with the other modules' dates.
fn between_subject_and_verb(word: &str) -> bool {
    BETWEEN_SET.contains(word)
        || crate::calendar::is_weekday(word)
        || SENTENCE_ADVERB_SET.contains(word)
}
static SUBJECT_STOP_SET: WordSet<256> = WordSet::new(SUBJECT_STOPS);
static OBJECT_STOP_SET: WordSet<128> = WordSet::new(OBJECT_STOPS);

/// Relative pronouns that open a clause naming its speaker: "Beck, who said …".
pub(super) const RELATIVE_PRONOUNS: &[&str] = &["who", "which"];

pub(super) fn in_list(list: &[&str], word: &str) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether a word is a subject pronoun.
pub fn is_pronoun(word: &str) -> bool {
    in_list(PRONOUNS, word)
}

fn is_adverb(word: &str) -> bool {
    word.len() > 4
        && word.ends_with("ly")
        && word.chars().next().is_some_and(char::is_lowercase)
        && !in_list(
            &[
                "only", "family", "ally", "rally", "reply", "supply", "italy",
            ],
            word,
        )
}

/// A speaker phrase: token index range `[from, to)` within the window.
pub type Span = (usize, usize);

/// The subject of the verb at `tokens[verb]`, walking back no further than `floor`.
///
/// Skips adverbs and auxiliaries next to the verb, steps over an appositive between commas
/// ("Singleton, a senior fellow at Y, said" gives "Singleton"), and stops at clause words
/// ("that", "which", "and"). A pronoun subject is the pronoun alone.
pub fn subject_before(tokens: &[Token<'_>], verb: usize, floor: usize) -> Option<Span> {
    let mut end = verb; // exclusive
    // Skip adverbs, auxiliaries and time words between subject and verb.
    while end > floor {
        let t = tokens.get(end - 1)?;
        if t.is_word && (between_subject_and_verb(t.text) || is_adverb(t.text)) {
            end -= 1;
            // A weekday's determiner and preposition: "Lee during a Sunday rally thanked".
            if crate::calendar::is_weekday(t.text) {
                end = weekday_phrase_start(tokens, end, floor);
            }
        } else {
            break;
        }
    }
    // A time phrase between subject and verb: "Lee has in the past described", "Lee in
    // recent weeks called", "Lee in March 2010 said"; then any auxiliary before it.
    // A participle after a date ("… remark in 2008 describing") modifies what comes before
    // the date, not a subject.
    let finite = !tokens.get(verb).is_some_and(|t| t.text.ends_with("ing"));
    if let Some(from) = time_phrase_before(tokens, end, floor)
        .or_else(|| date_phrase_before(tokens, end, floor).filter(|_| finite))
    {
        end = from;
        while end > floor {
            let t = tokens.get(end - 1)?;
            if t.is_word && (between_subject_and_verb(t.text) || is_adverb(t.text)) {
                end -= 1;
            } else {
                break;
            }
        }
    }
    // A parenthesis between subject and verb: "Rep. Ann Lee (D-Md.) said".
    if end > floor && tokens.get(end - 1).is_some_and(|t| t.is_punct(')')) {
        let lo = end.saturating_sub(8).max(floor);
        if let Some(open) = (lo..end - 1)
            .rev()
            .find(|&i| tokens.get(i).is_some_and(|t| t.is_punct('(')))
        {
            end = open;
        }
    }
    // A closing quote mark after a comma still closes an appositive: `X, star of “Y,” said`.
    let mut comma_end = end;
    while comma_end > floor
        && tokens
            .get(comma_end - 1)
            .is_some_and(|t| !t.is_word && "”\"’'".contains(t.text))
    {
        comma_end -= 1;
    }
    if comma_end < end
        && comma_end
            .checked_sub(1)
            .and_then(|i| tokens.get(i))
            .is_some_and(|t| t.is_punct(','))
    {
        end = comma_end;
    }
    // An appositive: "X, a senior fellow at Y, said" or "X, 45, said".
    if end > floor && tokens.get(end - 1).is_some_and(|t| t.is_punct(',')) {
        let inner_end = end - 1;
        let lo = inner_end.saturating_sub(MAX_APPOSITIVE).max(floor);
        // The comma opening the appositive; dots, hyphens, brackets and quote marks may sit
        // inside it ("R-Ky.", "(D-NY)", "author of ''Unwritten Rules,''").
        let comma = (lo..inner_end).rev().find(|&i| {
            tokens.get(i).is_some_and(|t| {
                !t.is_word
                    && !t
                        .text
                        .starts_with(['.', '-', '(', ')', '“', '”', '"', '‘', '’', '\''])
            })
        })?;
        if !tokens.get(comma).is_some_and(|t| t.is_punct(',')) {
            return None;
        }
        end = comma;
        // "Lee, speaking in Columbus, Ohio, said": the comma closed a place's state inside a
        // longer aside, which opened at an earlier comma.
        if let Some(outer) = aside_around_place(tokens, end, floor) {
            end = outer;
        }
        // "Lee, meanwhile, who sits on the board, said": a sentence adverb in commas before
        // the appositive.
        if end >= floor + 3
            && tokens
                .get(end - 1)
                .is_some_and(|t| t.is_word && SENTENCE_ADVERB_SET.contains(t.text))
            && tokens.get(end - 2).is_some_and(|t| t.is_punct(','))
        {
            end -= 2;
        }
        // "Rep. Ann Lee (R-Ohio), a member, said": a parenthesis before the appositive.
        if end > floor && tokens.get(end - 1).is_some_and(|t| t.is_punct(')')) {
            let lo = end.saturating_sub(8).max(floor);
            if let Some(open) = (lo..end - 1)
                .rev()
                .find(|&i| tokens.get(i).is_some_and(|t| t.is_punct('(')))
            {
                end = open;
            }
        }
    }
    let mut start = end;
    while start > floor && end - start < MAX_SPEAKER_WORDS + 2 {
        let t = tokens.get(start - 1)?;
        if start == end && t.is_word && in_list(RELATIVE_PRONOUNS, t.text) {
            // A relative clause names its speaker by its pronoun: "Beck, who said …".
            return Some((start - 1, end));
        }
        // "Xinhua and the Tass news agency": "and" joins two named sources.
        let joins_names = t.text == "and"
            && tokens
                .get(start)
                .is_some_and(|n| n.is_capitalized() || in_list(DETERMINERS, n.text))
            && start >= 2
            && tokens.get(start - 2).is_some_and(Token::is_capitalized);
        // "Halden & Grey": an ampersand joins the words of one name.
        let ampersand = t.text == "&"
            && tokens.get(start).is_some_and(Token::is_capitalized)
            && start >= 2
            && tokens.get(start - 2).is_some_and(Token::is_capitalized);
        // A nickname in quote marks inside a name: `Marcia "Cia" Price`.
        if quoted_nickname_ends_at(tokens, start) {
            start -= 3;
            continue;
        }
        if !joins_names && !ampersand && (!t.is_word || SUBJECT_STOP_SET.contains(t.text)) {
            // "of" and "'s" phrases stay inside: "the head of the committee".
            break;
        }
        if is_pronoun(t.text) && start == end {
            return Some((start - 1, end));
        }
        if is_pronoun(t.text) || crate::attribution::cues::is_speech_verb(t.text) {
            break;
        }
        start -= 1;
    }
    // "a White House official who spoke anonymously to discuss strategy said", "another
    // source speaking to Fox News said": the walk stopped inside a clause that modifies the
    // subject; the subject is the phrase before the clause.
    if let Some(at) = modifier_clause_start(tokens, start, end, floor) {
        return subject_before(tokens, at, floor);
    }
    trim_subject(tokens, start, end)
}

/// Drops leading words that cannot start a speaker phrase and rejects phrases that name no
/// one (empty, too long, or only lower-case words without a determiner).
fn trim_subject(tokens: &[Token<'_>], mut start: usize, end: usize) -> Option<Span> {
    // Keep at most MAX_SPEAKER_WORDS, starting at a determiner or capital when trimming.
    while end - start > MAX_SPEAKER_WORDS {
        start += 1;
    }
    while start < end {
        let t = tokens.get(start)?;
        if in_list(&["of", "'s", "’s"], t.text) || (t.is_word && is_adverb(t.text)) {
            start += 1;
        } else {
            break;
        }
    }
    if start >= end {
        return None;
    }
    let words = tokens.get(start..end)?;
    let first = words.first()?;
    let last = words.last()?;
    let names_someone = words.iter().any(Token::is_capitalized)
        || in_list(DETERMINERS, first.text)
        || last.text.ends_with('s') // "analysts", "officials", "critics"
        || words.len() <= 3 && first.is_word;
    if !names_someone || last.text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // An article after a lower-case noun or verb starts the subject: what comes before it
    // is the phrase the subject's clause completes ("meddling the congressman said is
    // designed", "a delay the treasurer said would be"). After a preposition the article is
    // inside the phrase ("Secretary of the Navy Ray Mabus"). Only lower-case words come
    // before it: "Trump unleashed a series of" is a verb phrase the walk took in, and its
    // subject is its name.
    let preposition = |w: &str| w == "of" || CLAUSE_PREPOSITION_SET.contains(w);
    let inner_start = (1..words.len().saturating_sub(1))
        .take_while(|&i| {
            words
                .get(i - 1)
                .is_some_and(|w| w.is_word && !w.is_capitalized())
        })
        .find(|&i| {
            words.get(i).is_some_and(Token::is_article)
                && words
                    .get(i - 1)
                    .is_some_and(|w| !in_list(DETERMINERS, w.text) && !preposition(w.text))
        });
    Some((start + inner_start.unwrap_or(0), end))
}

/// The speaker phrase read forwards from `tokens[from]`, up to `ceiling`: "said Ann Lee,
/// an economist" gives "Ann Lee"; "according to the ministry" gives "the ministry".
pub fn phrase_after(tokens: &[Token<'_>], from: usize, ceiling: usize) -> Option<Span> {
    let mut end = from;
    while end < ceiling && end - from < MAX_SPEAKER_WORDS {
        let Some(t) = tokens.get(end) else { break };
        if !t.is_word {
            break;
        }
        // "of" may continue a title ("Secretary of State"), not start a new phrase.
        if end > from
            && OBJECT_STOP_SET.contains(t.text)
            && !(t.text == "of" && next_is_capital(tokens, end))
        {
            break;
        }
        if end == from && OBJECT_STOP_SET.contains(t.text) {
            return None;
        }
        end += 1;
        if t.is_word && is_pronoun(t.text) && end == from + 1 {
            break;
        }
    }
    if end == from {
        return None;
    }
    let first = tokens.get(from)?;
    let ok = first.is_capitalized()
        || in_list(DETERMINERS, first.text)
        || is_pronoun(first.text)
        || tokens.get(from..end)?.iter().any(Token::is_capitalized);
    ok.then_some((from, end))
}

fn next_is_capital(tokens: &[Token<'_>], i: usize) -> bool {
    tokens.get(i + 1).is_some_and(Token::is_capitalized)
}

#[cfg(test)]
mod tests {
    use super::super::words::tokenize;
    use super::*;

    #[test]
    fn word_sets_hold_every_listed_word() {
        SENTENCE_ADVERB_SET.assert_holds(SENTENCE_ADVERBS);
        BETWEEN_SET.assert_holds(BETWEEN_SUBJECT_AND_VERB);
        SUBJECT_STOP_SET.assert_holds(SUBJECT_STOPS);
        OBJECT_STOP_SET.assert_holds(OBJECT_STOPS);
    }

    fn subject(text: &str, verb: &str) -> Option<String> {
        let toks = tokenize(text, 0, text.len());
        let v = toks.iter().position(|t| t.text == verb)?;
        let (s, e) = subject_before(&toks, v, 0)?;
        Some(text[toks[s].start..toks[e - 1].end].to_string())
    }

    fn after(text: &str, verb: &str) -> Option<String> {
        let toks = tokenize(text, 0, text.len());
        let v = toks.iter().position(|t| t.text == verb)?;
        let (s, e) = phrase_after(&toks, v + 1, toks.len())?;
        Some(text[toks[s].start..toks[e - 1].end].to_string())
    }

    #[test]
    fn subject_with_title_and_adverbs() {
        assert_eq!(
            subject("Secretary of State Antony Blinken said", "said").as_deref(),
            Some("Secretary of State Antony Blinken")
        );
        assert_eq!(
            subject("Putin reportedly said that", "said").as_deref(),
            Some("Putin")
        );
        assert_eq!(
            subject("Trump on Monday said", "said").as_deref(),
            Some("Trump")
        );
        assert_eq!(
            subject("Sanders during a Sunday thanked", "thanked").as_deref(),
            Some("Sanders")
        );
        assert_eq!(
            subject("as Xi referred to", "referred").as_deref(),
            Some("Xi")
        );
    }

    #[test]
    fn a_clause_modifying_the_subject_is_stepped_over() {
        assert_eq!(
            subject(
                "an official who spoke anonymously to discuss strategy said",
                "said"
            )
            .as_deref(),
            Some("an official")
        );
        assert_eq!(
            subject("Another source speaking to Fox News said", "said").as_deref(),
            Some("Another source")
        );
        assert_eq!(
            subject("One official who relayed the exchange said", "said").as_deref(),
            Some("One official")
        );
        // A passive without its agent names no one.
        assert_eq!(subject("in what is being criticized", "criticized"), None);
        // A conjunction or "that" starts a clause with a subject of its own.
        assert_eq!(subject("He praised those who left but said", "said"), None);
        assert_eq!(
            subject(
                "a dispute over who backed which bill that Ann Lee said",
                "said"
            )
            .as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn a_quoted_nickname_stays_inside_the_name() {
        assert_eq!(
            subject("Rep. Robert C. “Bobby” Scott said", "said").as_deref(),
            Some("Rep. Robert C. “Bobby” Scott")
        );
        assert_eq!(
            subject("the word “Go” Lee said", "said").as_deref(),
            Some("Lee")
        );
    }

    #[test]
    fn appositive_subject() {
        assert_eq!(
            subject("Ann Lee, a senior fellow at the Institute, said", "said").as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn appositive_with_abbreviation_inside() {
        assert_eq!(
            subject("Sen. Rand Paul, R-Ky., told reporters", "told").as_deref(),
            Some("Sen. Rand Paul")
        );
    }

    #[test]
    fn appositive_closed_inside_a_quotation() {
        assert_eq!(
            subject("Ann Lee, star of “Scandal,” thanked", "thanked").as_deref(),
            Some("Ann Lee")
        );
        // Doubled apostrophes, as some archives write quote marks, with words of their own.
        assert_eq!(
            subject("Ann Lee, author of ''Lee's Unwritten Rules,'' put", "put").as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn relative_pronoun_subject() {
        assert_eq!(subject("Ann Lee, who said", "said").as_deref(), Some("who"));
    }

    #[test]
    fn time_phrase_between_subject_and_verb() {
        assert_eq!(
            subject("Ann Lee has in the past described", "described").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            subject("the mayor over recent weeks called", "called").as_deref(),
            Some("the mayor")
        );
        assert_eq!(
            subject("Lee, who has in the past called", "called").as_deref(),
            Some("who")
        );
        assert_eq!(
            subject("Ann Lee in 2010 said", "said").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            subject("the mayor in late March said", "said").as_deref(),
            Some("the mayor")
        );
        assert_eq!(
            subject("Lee, who since March 2015 has said", "said").as_deref(),
            Some("who")
        );
        // A participle after a date belongs to the phrase before the date.
        assert_eq!(
            subject(
                "the aide quoted the remark in 2008 describing",
                "describing"
            ),
            None
        );
    }

    #[test]
    fn parenthesis_before_the_verb() {
        assert_eq!(
            subject("Rep. Ann Lee (D-Md.) said", "said").as_deref(),
            Some("Rep. Ann Lee")
        );
    }

    #[test]
    fn two_sources_joined_by_and() {
        assert_eq!(
            subject("Xinhua and the Tass news agency reported", "reported").as_deref(),
            Some("Xinhua and the Tass news agency")
        );
    }

    #[test]
    fn an_aside_holding_a_city_and_its_state() {
        for text in [
            "Ann Lee, speaking in Columbus, Ohio, said",
            "Clinton, during a town hall meeting at Dayton, Ohio, said",
        ] {
            let want = text.split(',').next();
            assert_eq!(subject(text, "said").as_deref(), want, "{text}");
        }
        // No earlier comma: the place stays the subject's end, as before.
        assert_eq!(
            subject("Voters in Flint, Mich., said", "said").as_deref(),
            Some("Flint")
        );
    }

    #[test]
    fn long_appositive() {
        let t = "Russia, which along with China and the United States is not a member of the court, called";
        assert_eq!(subject(t, "called").as_deref(), Some("Russia"));
    }

    #[test]
    fn parenthesis_then_appositive() {
        assert_eq!(
            subject("Rep. Ann Lee (R-Ohio), a panel member, said", "said").as_deref(),
            Some("Rep. Ann Lee")
        );
    }

    #[test]
    fn an_adverb_of_sequence_stands_between_subject_and_verb() {
        assert_eq!(
            subject("The director further wrote", "wrote").as_deref(),
            Some("The director")
        );
    }

    #[test]
    fn a_sentence_adverb_is_stepped_over() {
        assert_eq!(
            subject("Ann Lee, meanwhile, who sits on the board, said", "said").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            subject("Ann Lee, who sits on the board, however said", "said").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            subject("Ann Lee however said", "said").as_deref(),
            Some("Ann Lee")
        );
    }

    #[test]
    fn pronoun_subject() {
        assert_eq!(subject("and then he added", "added").as_deref(), Some("he"));
    }

    #[test]
    fn lower_case_noun_phrase_subject() {
        assert_eq!(
            subject("a longtime adviser to the governor said", "said").as_deref(),
            Some("the governor")
        );
        assert_eq!(
            subject("Analysts said", "said").as_deref(),
            Some("Analysts")
        );
    }

    #[test]
    fn phrase_after_possessive_determiner() {
        assert_eq!(
            after("according to his physician, he", "to").as_deref(),
            Some("his physician")
        );
    }

    #[test]
    fn phrase_after_verb() {
        assert_eq!(
            after("said Ann Lee, an economist", "said").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            after("said Ann Lee on Monday", "said").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(
            after("said the Secretary of State", "said").as_deref(),
            Some("the Secretary of State")
        );
        assert_eq!(after("said on Monday", "said"), None);
    }
}
