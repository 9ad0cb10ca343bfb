//! The subject of a clause when no cue points at one: the sentence's first noun phrase
//! after datelines and openers ("On Monday,", "Hours later,"), the agent of a passive, and
//! where a coordinated clause with its own subject starts.

use super::speaker::{DETERMINERS, in_list};
use super::titles::{name_words, past_title_to_name};
use super::word_set::WordSet;
use super::*;
use crate::entities::gazetteer::{Gazetteer, List};

/// `was asked by X`: the index of "by" when the cue at `k` is a passive with an agent.
pub(super) fn passive_agent(tokens: &[Token<'_>], k: usize) -> Option<usize> {
    let aux = tokens.get(k.checked_sub(1)?)?;
    let by = tokens.get(k + 1)?;
    let passive = ["was", "were", "is", "are", "been", "being"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(aux.text));
    (passive && by.text.eq_ignore_ascii_case("by")).then_some(k + 1)
}

/// Prepositions before a participle ("despite admitting", "by saying"): the participle's
/// subject is then the sentence's.
pub(super) const PREPOSITIONS: &[&str] = &[
    "despite", "by", "after", "before", "while", "when", "without", "for", "of", "in", "on",
    "from", "about", "with", "upon", "since",
];

/// Words of time phrases that open a sentence ("Hours later,", "Last week,").
pub(super) const TIME_WORDS: &[&str] = &[
    "later",
    "ago",
    "earlier",
    "week",
    "weeks",
    "year",
    "years",
    "month",
    "months",
    "day",
    "days",
    "night",
    "morning",
    "afternoon",
    "evening",
    "today",
    "yesterday",
    "hours",
    "minutes",
];

/// Words that open a sentence before its subject ("On Monday, …", "But …").
pub(super) const OPENERS: &[&str] = &[
    "on",
    "in",
    "at",
    "last",
    "earlier",
    "later",
    "after",
    "before",
    "during",
    "but",
    "and",
    "so",
    "yet",
    "still",
    "meanwhile",
    "now",
    "then",
    "oh",
    "well",
    "also",
    "instead",
    "first",
    "second",
    "third",
    "finally",
    "once",
    "however",
    "moreover",
    "indeed",
    "ultimately",
    "separately",
    "similarly",
    "likewise",
    "otherwise",
    "nevertheless",
    "nonetheless",
    "often",
    "sometimes",
    "usually",
    "overall",
];

/// Words that open a subordinate clause or a prepositional phrase before the sentence's
/// subject ("Since then, the actress …", "While her husband …, she …", "Back in 1999, …").
/// Their phrase runs to a comma, however long: skipping only the word would make the
/// clause's own subject ("her husband") the sentence's, and with no comma there is no
/// subject to find.
pub(super) const CLAUSE_OPENERS: &[&str] = &[
    "since",
    "while",
    "though",
    "although",
    "because",
    "unless",
    "whereas",
    "whether",
    "whenever",
    "wherever",
    "whatever",
    "until",
    "despite",
    "for",
    "by",
    "with",
    "without",
    "across",
    "outside",
    "inside",
    "back",
    "thanks",
    "unlike",
    "amid",
    "among",
    "under",
    "over",
    "through",
    "throughout",
    "upon",
    "against",
    "beyond",
    "following",
    "given",
    "toward",
    "towards",
    "within",
    "ever",
    "therefore",
    "thus",
    "contrary",
    "along",
    "behind",
    "near",
    "close",
    "between",
    "somewhere",
    "around",
    "besides",
];

/// Capitalised sentence starts that are never a subject.
pub(super) const NOT_SUBJECTS: &[&str] = &[
    "yes", "no", "here", "there", "will", "would", "only", "just", "what", "that", "this", "these",
    "those", "if", "as", "part", "even", "not", "why", "how", "where", "when", "who", "which",
    "it", "its", "such", "all", "both", "each", "every", "few", "more", "most", "much", "so",
    "too", "very", "again", "perhaps", "maybe", "please", "let", "do", "does", "did", "is", "are",
    "was", "were", "can", "could", "should", "may", "might", "must", "shall", "to", "from", "of",
    "into", "about",
];

/// Month names and their abbreviations, which start datelines, not subjects.
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

/// Auxiliaries that end a subject read forwards ("The deal is …").
pub(super) const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "must", "should", "does", "did", "do",
];

/// The lists read at each token [`leading_subject`] passes, as hash sets.
static TIME_WORD_SET: WordSet<64> = WordSet::new(TIME_WORDS);

/// Whether a word dates a phrase: the list, or a weekday from [`crate::calendar`].
pub(super) fn is_time_word(word: &str) -> bool {
    TIME_WORD_SET.contains(word) || crate::calendar::is_weekday(word)
}
static OPENER_SET: WordSet<64> = WordSet::new(OPENERS);
static CLAUSE_OPENER_SET: WordSet<128> = WordSet::new(CLAUSE_OPENERS);
static NOT_SUBJECT_SET: WordSet<256> = WordSet::new(NOT_SUBJECTS);
pub(super) static MONTH_SET: WordSet<64> = WordSet::new(MONTHS);

/// Conjunctions that open a subordinate clause before the main one.
const SUBORDINATORS: &[&str] = &[
    "while", "although", "though", "because", "since", "whereas", "unless", "if", "when", "after",
    "before", "once",
];

/// Where the main clause starts when the clause from `floor` opens with a subordinate one
/// ("While he agreed, Ham noted …"): just past the subordinate clause's comma.
pub(super) fn subordinate_clause_end(tokens: &[Token<'_>], floor: usize) -> Option<usize> {
    let i = past_dateline(tokens, floor, tokens.len());
    if !tokens
        .get(i)
        .is_some_and(|t| t.is_word && in_list(SUBORDINATORS, t.text))
    {
        return None;
    }
    let comma = (i + 1..tokens.len()).find(|&j| tokens.get(j).is_some_and(|t| t.is_punct(',')))?;
    Some(comma + 1)
}

/// The subject after an opening participial clause that holds the quotation: `before` opens
/// its sentence with a speech participle, alone or after a preposition ("Saying", "After
/// saying"), and the quotation ends the clause with a comma (inside or after its marks);
/// the pronoun or capitalised words right after are the sentence's subject, whose words
/// the participle reports. Returns that subject (in `after`) and the participle (in `before`).
pub(super) fn after_opening_participle(
    text: &str,
    c: &Candidate,
    before: &[Token<'_>],
    after: &[Token<'_>],
) -> Option<(Span, usize)> {
    let i = past_dateline(before, 0, before.len());
    let first = before.get(i)?;
    let k = if first.text.eq_ignore_ascii_case("after") || first.text.eq_ignore_ascii_case("before")
    {
        i + 1
    } else {
        i
    };
    cues::cue_at(before, k).filter(|m| m.kind == CueKind::Participle)?;
    let quoted = text.get(c.start..c.end)?.trim_end();
    let mut j = 0;
    if !quoted.ends_with(',') {
        if !after.first().is_some_and(|t| t.is_punct(',')) {
            return None;
        }
        j = 1;
    }
    let t = after.get(j)?;
    if t.is_word && is_pronoun(t.text) {
        return Some(((j, j + 1), k));
    }
    let n = after
        .get(j..)?
        .iter()
        .take(4)
        .take_while(|t| t.is_capitalized())
        .count();
    (n > 0).then_some(((j, j + n), k))
}

/// Whether the word before `tokens[s]` is a lower-case word that is no preposition,
/// conjunction, determiner or pronoun: a verb, when a determiner starts the phrase.
pub(super) fn follows_a_verb(tokens: &[Token<'_>], s: usize) -> bool {
    let Some(prev) = s.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    prev.is_word && !prev.is_capitalized() && !is_function_word(prev.text)
}

/// Prepositions, conjunctions, relatives and determiners: words that join or open a
/// phrase, not verbs.
fn is_function_word(word: &str) -> bool {
    PREPOSITIONS
        .iter()
        .chain(&[
            "and", "or", "but", "as", "that", "who", "which", "the", "a", "an",
        ])
        .any(|w| w.eq_ignore_ascii_case(word))
        || in_list(DETERMINERS, word)
        || is_pronoun(word)
}

/// The first token after a quotation that opens the sentence at `floor` (“Promise me,” Lee
/// sings …: the quoted words are not the sentence's subject), or `floor` when none does or
/// it does not close before `ceiling`.
fn past_quotation(tokens: &[Token<'_>], floor: usize, ceiling: usize) -> usize {
    let is_mark = |i: usize, marks: &[&str]| {
        tokens
            .get(i)
            .is_some_and(|t| !t.is_word && marks.contains(&t.text))
    };
    if !is_mark(floor, &["“", "\"", "''", "``"]) {
        return floor;
    }
    (floor + 1..ceiling)
        .find(|&j| is_mark(j, &["”", "\"", "''"]))
        .map_or(floor, |j| j + 1)
}

/// The first token from `floor` past dateline words in capitals ("WASHINGTON —") and
/// punctuation.
fn past_dateline(tokens: &[Token<'_>], floor: usize, ceiling: usize) -> usize {
    (floor..ceiling)
        .find(|&i| {
            tokens.get(i).is_some_and(|t| {
                t.is_word && !(t.text.len() > 1 && t.text.chars().all(|c| !c.is_lowercase()))
            })
        })
        .unwrap_or(ceiling)
}

/// Whether the sentence opens with a subordinate clause or phrase ([`CLAUSE_OPENERS`]):
/// its quotation belongs to the sentence even when no subject is found after it.
pub(super) fn opens_with_clause(tokens: &[Token<'_>]) -> bool {
    let i = past_dateline(tokens, 0, tokens.len());
    tokens
        .get(i)
        .is_some_and(|t| CLAUSE_OPENER_SET.contains(t.text))
}

/// The subject a sentence starts with: a pronoun, a determiner phrase ("The judge") or a run
/// of capitalised words, after a dateline ("WASHINGTON —") or an opening adverbial ("On
/// Monday, …"). Used when a participle or a colon leaves no other clue.
pub(super) fn leading_subject(tokens: &[Token<'_>], floor: usize, ceiling: usize) -> Option<Span> {
    let ceiling = ceiling.min(tokens.len());
    let mut i = past_dateline(tokens, past_quotation(tokens, floor, ceiling), ceiling);
    // Openers: adverbials ("On Monday,"), participles ("Reached by phone,", "Speaking
    // Tuesday,") and -ly adverbs ("Hastily,"); but not a first name that goes on with
    // another capitalised word ("Ted Cruz", "Carly Fiorina", "Kelly Ayotte").
    let first_name = |j: usize, t: &Token<'_>| {
        tokens.get(j + 1).is_some_and(Token::is_capitalized)
            && Gazetteer::get().holds_word(List::FirstName, t.text)
    };
    let is_opener = |j: usize, t: &Token<'_>| {
        OPENER_SET.contains(t.text)
            || (t.is_capitalized()
                && (t.text.ends_with("ed") || t.text.ends_with("ly") || t.text.ends_with("ing"))
                && !first_name(j, t))
    };
    if tokens
        .get(i)
        .is_some_and(|t| CLAUSE_OPENER_SET.contains(t.text))
    {
        // A clause or phrase up to its comma, or no subject at all.
        i = (i..ceiling).find(|&j| tokens.get(j).is_some_and(|t| t.is_punct(',')))? + 1;
    } else if tokens.get(i).is_some_and(|t| is_opener(i, t)) {
        // Skip an opening adverbial up to its comma, or the single opener word.
        match (i..ceiling.min(i + 14)).find(|&j| tokens.get(j).is_some_and(|t| t.is_punct(','))) {
            Some(c) => i = past_appositive(tokens, c + 1, ceiling),
            None => i += 1,
        }
    }
    // A short time phrase before a comma: "Hours later, Trump …", "Two days ago, she …";
    // one that opens on a weekday may run longer ("Thursday night as the candidates took
    // the stage in Miami, Trump …").
    let reach = if tokens
        .get(i)
        .is_some_and(|t| crate::calendar::is_weekday(t.text))
    {
        20
    } else {
        6
    };
    if let Some(c) =
        (i..ceiling.min(i + reach)).find(|&j| tokens.get(j).is_some_and(|t| t.is_punct(',')))
    {
        let timely = tokens
            .get(i..c)
            .unwrap_or_default()
            .iter()
            .any(|t| is_time_word(t.text));
        if timely {
            i = c + 1;
        }
    }
    let first = tokens.get(i)?;
    if !first.is_word || i >= ceiling {
        return None;
    }
    if is_pronoun(first.text) {
        return Some((i, i + 1));
    }
    let bare = first.text.trim_end_matches('.');
    // Leftover openers ("Ever since …" without a comma), datelines ("Dec. 7") and months.
    if NOT_SUBJECT_SET.contains(bare)
        || OPENER_SET.contains(bare)
        || CLAUSE_OPENER_SET.contains(bare)
        || MONTH_SET.contains(bare)
    {
        return None;
    }
    let determiner = [
        "the", "a", "an", "one", "another", "his", "her", "their", "its", "our",
    ]
    .iter()
    .any(|w| w.eq_ignore_ascii_case(first.text));
    let mut e = i + usize::from(determiner);
    while e < ceiling && e - i < 5 {
        let Some(t) = tokens.get(e) else { break };
        // "The candidate herself took to …": a reflexive closes the subject.
        if !t.is_capitalized() && in_list(REFLEXIVES, t.text) {
            e += 1;
            break;
        }
        let verbish = !t.is_capitalized()
            && (t.text.ends_with("ed")
                || cues::is_speech_verb(t.text)
                || AUXILIARIES.contains(&t.text)
                || PHRASE_END_SET.contains(t.text));
        if !t.is_word || verbish || (!determiner && !t.is_capitalized()) || t.text.ends_with("ing")
        {
            break;
        }
        // "Her aide sent an email": a determiner after a verb starts its object.
        if e > i + 1 && in_list(DETERMINERS, t.text) && follows_a_verb(tokens, e) {
            e -= 1;
            break;
        }
        e += 1;
    }
    if !determiner && e > i {
        e = past_title_to_name(tokens, e, ceiling).unwrap_or(e);
    }
    // A name cut by the length cap ("The Republican presidential nominee Donald | Trump")
    // runs on to its last capitalised word.
    if e - i == 5 && tokens.get(e - 1).is_some_and(Token::is_capitalized) {
        e += name_words(tokens, e, ceiling, 3);
    }
    (e > i + usize::from(determiner)).then_some((i, e))
}

/// Reflexive pronouns that close a subject ("the candidate herself").
const REFLEXIVES: &[&str] = &["himself", "herself", "themselves", "itself"];

/// Words that end a subject read forwards and are not caught by their ending: irregular
/// past tenses ("The company took …") and adverbs between subject and verb ("The company
/// now has …").
const PHRASE_ENDS: &[&str] = &[
    "took", "made", "went", "came", "gave", "got", "left", "won", "lost", "ran", "began", "saw",
    "held", "kept", "put", "set", "sent", "spent", "stood", "brought", "thought", "felt", "knew",
    "became", "spoke", "wrote", "drew", "fell", "found", "heard", "led", "met", "paid", "rose",
    "sat", "sought", "struck", "taught", "threw", "tore", "woke", "now", "also", "still", "then",
    "already", "often", "never", "even", "later", "recently", "once", "again", "too",
];
static PHRASE_END_SET: WordSet<128> = WordSet::new(PHRASE_ENDS);

/// Past an appositive to the opener's last noun, when one starts at `from`: "Preceded by
/// Joe Arpaio, the Arizona sheriff, Trump launched …" gives the index of "Trump". The
/// appositive follows a name, opens with a determiner and closes with a comma before a
/// capitalised word or a pronoun; otherwise `from` itself.
fn past_appositive(tokens: &[Token<'_>], from: usize, ceiling: usize) -> usize {
    let opens = tokens.get(from).is_some_and(Token::is_article);
    // It describes a name ("Joe Arpaio, the sheriff,"), not a time ("In the meantime, the
    // President, Democrats and the media …" is a list).
    let after_name = from >= 2 && tokens.get(from - 2).is_some_and(Token::is_capitalized);
    if !opens || !after_name {
        return from;
    }
    let close =
        (from + 1..ceiling.min(from + 10)).find(|&j| tokens.get(j).is_some_and(|t| !t.is_word));
    match close {
        Some(c)
            if tokens.get(c).is_some_and(|t| t.is_punct(','))
                && tokens
                    .get(c + 1)
                    .is_some_and(|t| t.is_capitalized() || is_pronoun(t.text)) =>
        {
            c + 1
        }
        _ => from,
    }
}

/// Start of the last coordinated clause with its own subject before the quotation: after
/// ", but he", ", and she", "; they" — a new clause whose subject is a pronoun or a name.
pub(super) fn clause_start(tokens: &[Token<'_>], floor: usize) -> usize {
    let conj = [
        "but", "and", "while", "yet", "whereas", "although", "though",
    ];
    (floor..tokens.len())
        .rev()
        .find(|&i| {
            let Some(t) = tokens.get(i) else { return false };
            let next = tokens.get(i + 1);
            let subject_next =
                next.is_some_and(|n| n.is_word && (is_pronoun(n.text) || n.is_capitalized()));
            let after_comma = i > 0 && tokens.get(i - 1).is_some_and(|p| p.is_punct(','));
            (t.is_punct(';') && subject_next)
                || (after_comma
                    && conj.iter().any(|w| w.eq_ignore_ascii_case(t.text))
                    && subject_next)
        })
        .map_or(floor, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_subordinate_clause_ends_at_its_comma() {
        let main = |text: &str| {
            let toks = tokenize(text, 0, text.len());
            subordinate_clause_end(&toks, 0)
                .and_then(|i| toks.get(i))
                .map(|t| t.text.to_string())
        };
        assert_eq!(
            main("While he agreed it mattered, Ham noted").as_deref(),
            Some("Ham")
        );
        assert_eq!(
            main("WASHINGTON — After Lee spoke, Kim said").as_deref(),
            Some("Kim")
        );
        assert_eq!(main("Ham noted, while he agreed").as_deref(), None);
        assert_eq!(main("While he agreed it mattered").as_deref(), None);
    }

    fn lead(text: &str) -> Option<&str> {
        let toks = tokenize(text, 0, text.len());
        let (s, e) = leading_subject(&toks, 0, toks.len())?;
        Some(&text[toks.get(s)?.start..toks.get(e - 1)?.end])
    }

    #[test]
    fn a_title_in_lower_case_leads_on_to_its_name() {
        assert_eq!(
            lead("Former US secretary of state Ann Lee fanned controversy"),
            Some("Former US secretary of state Ann Lee")
        );
        assert_eq!(
            lead("Republican presidential candidate Ann Lee quickly took to Twitter"),
            Some("Republican presidential candidate Ann Lee")
        );
        // A verb is not a title word; a name that owns the subject leaves it to the cue.
        assert_eq!(lead("Lee won New Hampshire"), Some("Lee"));
        assert_eq!(
            lead("Libertarian presidential candidate Ann Lee’s doctor is calling"),
            Some("Libertarian presidential candidate Ann Lee’s doctor")
        );
        assert_eq!(
            lead("Lee aide Ann Kim Monday said"),
            Some("Lee aide Ann Kim")
        );
    }

    #[test]
    fn irregular_verbs_adverbs_and_reflexives_end_a_subject() {
        assert_eq!(
            lead("The candidate herself took to the airwaves"),
            Some("The candidate herself")
        );
        assert_eq!(
            lead("The company now has 170 researchers"),
            Some("The company")
        );
        assert_eq!(
            lead("The Republican nominee also outlined"),
            Some("The Republican nominee")
        );
        assert_eq!(lead("The couple took a trip"), Some("The couple"));
    }

    #[test]
    fn an_appositive_after_an_openers_name_is_not_the_subject() {
        assert_eq!(
            lead("Preceded at the lectern by Joe Arpaio, the Arizona sheriff, Trump launched"),
            Some("Trump")
        );
        assert_eq!(
            lead("In the meantime, the President, Democrat politicians and the media pushed"),
            Some("the President")
        );
    }

    #[test]
    fn a_weekday_opens_a_longer_time_phrase() {
        assert_eq!(
            lead("Thursday night as the four candidates took the stage in Miami, Lee opened"),
            Some("Lee")
        );
        assert_eq!(
            lead("Hours before the candidates took the stage in Miami, word emerged"),
            Some("Hours")
        );
    }

    #[test]
    fn a_name_cut_by_the_length_cap_runs_to_its_end() {
        assert_eq!(
            lead("Ohio Democratic Party Chairman Ann Lee said"),
            Some("Ohio Democratic Party Chairman Ann Lee")
        );
    }

    #[test]
    fn sequence_adverbs_open_a_sentence_before_its_subject() {
        assert_eq!(lead("First, Ann Lee thanked the crew"), Some("Ann Lee"));
        assert_eq!(lead("Finally Ann Lee cut the ribbon"), Some("Ann Lee"));
        assert_eq!(lead("However, she stayed"), Some("she"));
        assert_eq!(lead("Once, when it rained, the roof fell"), None);
        // Adverbs of frequency, and phrases of place or range up to their comma.
        assert_eq!(
            lead("Often, the families did not know"),
            Some("the families")
        );
        assert_eq!(lead("Somewhere in there, he tossed in"), Some("he"));
        assert_eq!(
            lead("Between 2001 and 2007, the plant was sold"),
            Some("the plant")
        );
    }

    #[test]
    fn a_quotation_opening_the_sentence_is_not_its_subject() {
        assert_eq!(
            lead("“Promise me,” Ann Lee sings before asking"),
            Some("Ann Lee")
        );
        assert_eq!(lead("\"Never,\" she said, asking"), Some("she"));
        // Unclosed: read as before.
        assert_eq!(lead("“Promise me Ann Lee"), Some("Promise"));
    }

    #[test]
    fn a_determiner_after_a_verb_ends_the_subject() {
        assert_eq!(lead("Her aide sent an email saying"), Some("Her aide"));
        assert_eq!(
            lead("The head of the panel said"),
            Some("The head of the panel")
        );
    }

    #[test]
    fn a_first_name_ending_like_an_adverb_or_participle_is_no_opener() {
        assert_eq!(
            lead("Carly Fiorina threw her support behind Cruz, saying"),
            Some("Carly Fiorina")
        );
        assert_eq!(lead("Ted Cruz took the stage, telling"), Some("Ted Cruz"));
        assert_eq!(
            lead("Kelly Ayotte, the senator, agreed"),
            Some("Kelly Ayotte")
        );
        // Adverbs and participles still open the sentence.
        assert_eq!(lead("Hastily, she left"), Some("she"));
        assert_eq!(lead("Speaking Tuesday, Ann Lee left"), Some("Ann Lee"));
    }

    #[test]
    fn a_clause_opening_the_sentence_runs_to_its_comma() {
        assert_eq!(
            lead("Since then, the actress has spoken"),
            Some("the actress")
        );
        assert_eq!(
            lead("While her husband could draw on the centre in 1992, Ann Lee cannot"),
            Some("Ann Lee")
        );
        assert_eq!(lead("Back in 1999, Ann Lee praised him"), Some("Ann Lee"));
        // No comma: the clause's own subject is not the sentence's.
        assert_eq!(lead("Though her rivals called it a con"), None);
        assert_eq!(lead("Contrary to his claim"), None);
    }

    #[test]
    fn a_clause_opener_is_found_past_a_dateline() {
        let toks = |t: &'static str| tokenize(t, 0, t.len());
        assert!(opens_with_clause(&toks("Since then, she left")));
        assert!(opens_with_clause(&toks(
            "PARIS — Despite the rain, she left"
        )));
        assert!(!opens_with_clause(&toks("Ann Lee left")));
        assert!(!opens_with_clause(&toks("")));
    }

    #[test]
    fn time_phrases_with_a_weekday_open_a_sentence() {
        assert_eq!(lead("Late Monday, Ann Lee left"), Some("Ann Lee"));
        assert_eq!(lead("Two hours later, she left"), Some("she"));
    }

    #[test]
    fn word_sets_hold_every_listed_word() {
        TIME_WORD_SET.assert_holds(TIME_WORDS);
        OPENER_SET.assert_holds(OPENERS);
        CLAUSE_OPENER_SET.assert_holds(CLAUSE_OPENERS);
        MONTH_SET.assert_holds(MONTHS);
        NOT_SUBJECT_SET.assert_holds(NOT_SUBJECTS);
        PHRASE_END_SET.assert_holds(PHRASE_ENDS);
    }
}
