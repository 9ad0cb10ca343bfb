//! Where a cue's speaker is, and the searches for cues in a window.
//!
//! A verb's speaker is its subject (`Lee said`), or the phrase after it when it comes
//! first (`said Lee`, `Added Lee:`); "according to" and the agent of a passive (`was called
//! “…” by Lee`) name theirs after; a participle (`saying`) takes the subject of its
//! sentence. Split from the rules in `mod.rs`, which decide which cue a quotation has.

use super::cues::{self, CueKind, cue_at};
use super::speaker::{
    DETERMINERS, RELATIVE_PRONOUNS, Span, in_list, is_pronoun, phrase_after, subject_before,
};
use super::subject::{PREPOSITIONS, clause_start, follows_a_verb, leading_subject, passive_agent};
use super::words::Token;

/// The byte range of the tokens `s..e`.
pub(super) fn span_of(tokens: &[Token<'_>], (s, e): Span) -> Option<(usize, usize)> {
    Some((tokens.get(s)?.start, tokens.get(e.checked_sub(1)?)?.end))
}

/// The byte range of a cue of `len` tokens at `tokens[k]` (none for an empty cue).
pub(super) fn cue_span(tokens: &[Token<'_>], k: usize, len: usize) -> Option<(usize, usize)> {
    if len == 0 {
        return None;
    }
    span_of(tokens, (k, k + len))
}

/// The speaker of a cue found at `tokens[k]`, read within `tokens[floor..ceiling]`.
pub(super) fn speaker_of_cue(
    tokens: &[Token<'_>],
    k: usize,
    len: usize,
    kind: CueKind,
    floor: usize,
    ceiling: usize,
) -> Option<Span> {
    match kind {
        CueKind::According => phrase_after(tokens, k + len, ceiling),
        CueKind::Verb if passive_agent(tokens, k).is_some() => {
            passive_agent(tokens, k).and_then(|by| phrase_after(tokens, by + 1, ceiling))
        }
        CueKind::Verb => {
            // Verb first: "Added Trump:" at the start of its window.
            let inverted = k == floor;
            if inverted {
                phrase_after(tokens, k + len, ceiling).or_else(|| subject_before(tokens, k, floor))
            } else {
                // "Lee shook her head and said": the subject of the clause.
                subject_before(tokens, k, floor).or_else(|| {
                    let and_before = tokens
                        .get(k.checked_sub(1)?)
                        .is_some_and(|t| t.text == "and");
                    and_before
                        .then(|| leading_subject(tokens, clause_start(tokens, floor), k))
                        .flatten()
                })
            }
        }
        CueKind::Participle
            if k > floor
                && tokens.get(k - 1).is_some_and(|t| {
                    t.is_word && !PREPOSITIONS.iter().any(|p| p.eq_ignore_ascii_case(t.text))
                }) =>
        {
            // "marchers chanting “…”": the noun phrase right before the participle, unless it
            // is the object of a verb or of "to" ("emailed supporters saying", "sent a note to
            // donors stating"): then the sentence's subject, as below.
            let sp = subject_before(tokens, k, floor)
                .map(|sp| object_tail(tokens, sp))
                .filter(|&(s, _)| !is_object(tokens, s));
            match sp {
                Some(sp) => Some(sp),
                None => sentence_subject(tokens, k, floor),
            }
        }
        CueKind::Participle => sentence_subject(tokens, k, floor),
    }
}

/// The named source whose speech verb reports a pronoun's words: "Lynch said she recalled
/// thinking, “…”" and "Trump said he responded: “…”" are Lynch's and Trump's, PolNeAR's outer
/// source. Only a pronoun right after the verb (or its "that") and a capitalised subject.
pub(super) fn named_reporter(tokens: &[Token<'_>], (s, e): Span) -> Option<Span> {
    tokens.get(s).filter(|t| e == s + 1 && is_pronoun(t.text))?;
    let mut v = s.checked_sub(1)?;
    if tokens
        .get(v)
        .is_some_and(|t| t.text.eq_ignore_ascii_case("that"))
    {
        v = v.checked_sub(1)?;
    }
    cue_at(tokens, v).filter(|m| m.kind == CueKind::Verb && m.len == 1)?;
    let outer = subject_before(tokens, v, 0)?;
    let named = tokens
        .get(outer.0..outer.1)?
        .iter()
        .any(Token::is_capitalized);
    (named && !tokens.get(outer.0).is_some_and(|t| is_pronoun(t.text))).then_some(outer)
}

/// The name a relative "who" stands for when its clause has closed before the quotation:
/// "Graham, who says allies should fight, tweeted that the plan “will not work”" is Graham's
/// (the relative clause's cue at `k`, its subject `who` at `sp`). The clause closes at a
/// comma after the cue followed by a lower-case word, the main clause's verb; the name is the
/// capitalised words just before ", who".
pub(super) fn closed_relative(tokens: &[Token<'_>], (s, e): Span, k: usize) -> Option<Span> {
    let who = tokens.get(s)?;
    let comma = s.checked_sub(1)?;
    if e != s + 1
        || !who.text.eq_ignore_ascii_case("who")
        || !tokens.get(comma).is_some_and(|t| t.is_punct(','))
    {
        return None;
    }
    // Only then the walk to the clause's end.
    let closes = (k + 1..tokens.len()).any(|j| {
        tokens.get(j).is_some_and(|t| t.is_punct(','))
            && tokens
                .get(j + 1)
                .is_some_and(|t| t.is_word && !t.is_capitalized() && !is_pronoun(t.text))
    });
    if !closes {
        return None;
    }
    let start = (comma.saturating_sub(4)..comma)
        .rev()
        .take_while(|&i| tokens.get(i).is_some_and(Token::is_capitalized))
        .last()?;
    Some((start, comma))
}

/// The noun phrase that ends a walk back from a participle, when a verb precedes it inside
/// the walk: "Lee released a statement saying" walks back to "Lee released a statement",
/// whose last determiner after a lower-case word starts "a statement", the verb's object.
fn object_tail(tokens: &[Token<'_>], (s, e): Span) -> Span {
    let start = (s + 1..e).rev().find(|&d| {
        tokens.get(d).is_some_and(|t| in_list(DETERMINERS, t.text)) && follows_a_verb(tokens, d)
    });
    // "carrying signs saying", "placed newspaper ads calling": the words after a verb in
    // "-ing" or "-ed" are its object.
    let after_verb = (s..e.saturating_sub(1)).rev().find(|&v| {
        tokens.get(v).is_some_and(|t| {
            t.is_word && !t.is_capitalized() && (t.text.ends_with("ing") || t.text.ends_with("ed"))
        })
    });
    let start = start.unwrap_or(s).max(after_verb.map_or(s, |v| v + 1));
    (start, e)
}

/// Prepositions whose object is no participle's subject.
const OBJECT_PREPOSITIONS: &[&str] = &["on", "from", "via", "over"];

/// Whether the phrase starting at `tokens[s]` follows a verb or "to", as its object: a
/// lower-case word before it that is no preposition, conjunction or determiner.
pub(super) fn is_object(tokens: &[Token<'_>], s: usize) -> bool {
    let Some(prev) = s.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    // The object of "to" or of a preposition: "sent a note to donors stating", "responded
    // on Facebook writing".
    if prev.is_word && (prev.text == "to" || in_list(OBJECT_PREPOSITIONS, prev.text)) {
        return true;
    }
    // A verb: a past, present or "-ing" form ("emailed", "sends", "carrying"), or any such
    // word before a determiner ("sent a note").
    let determiner = tokens.get(s).is_some_and(|t| in_list(DETERMINERS, t.text));
    follows_a_verb(tokens, s)
        && (prev.text.ends_with(['d', 's']) || prev.text.ends_with("ing") || determiner)
}

/// The subject of the sentence a participle at `tokens[k]` continues: an earlier finite
/// cue's subject, or its first words.
pub(super) fn sentence_subject(tokens: &[Token<'_>], k: usize, floor: usize) -> Option<Span> {
    (floor..k)
        .rev()
        .find_map(|j| {
            let c = cue_at(tokens, j)?;
            (c.kind == CueKind::Verb)
                .then(|| subject_before(tokens, j, floor))
                .flatten()
                // A relative clause's verb is not the sentence's: "Trump fought an architect
                // who said he was stiffed, saying “…”" is Trump's.
                .filter(|&(s, e)| {
                    e != s + 1
                        || !tokens
                            .get(s)
                            .is_some_and(|t| in_list(RELATIVE_PRONOUNS, t.text))
                })
        })
        .or_else(|| leading_subject(tokens, floor, k))
}

/// The first finite cue of the sentence (from `floor`) that has a subject, with that subject:
/// the outer source of nested reported speech.
pub(super) fn outermost_cue(
    tokens: &[Token<'_>],
    floor: usize,
) -> Option<(usize, cues::CueMatch, Span)> {
    let mut first_other: Option<(usize, cues::CueMatch, Span)> = None;
    for k in floor..tokens.len() {
        let Some(m) = cue_at(tokens, k) else { continue };
        let Some(sp) = speaker_of_cue(tokens, k, m.len, m.kind, 0, tokens.len()) else {
            continue;
        };
        if m.kind == CueKind::Verb {
            return Some((k, m, sp));
        }
        first_other.get_or_insert((k, m, sp));
    }
    first_other
}

/// Whether a sentence's leading subject can be whose words a cue-less sentence reports: not
/// "it" ("It ran “…”", "It’s “…”", "That’s “…”") and not something of someone's ("His plan
/// is “…”", "Lee’s remarks were “…”"), which are things, not sources. On PolNeAR train the
/// rules' speaker was right for 2 of 25 such subjects; without one the ranker decides.
pub(super) fn names_a_source(tokens: &[Token<'_>], (s, _): Span) -> bool {
    let Some(first) = tokens.get(s) else {
        return false;
    };
    let stem = first.stem();
    let thing = ["it", "its", "his", "her", "their", "our", "that"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(stem));
    // "He’s" is "he is", a source; "Lee’s" and "Monday’s" own the subject.
    !thing && (!first.is_possessive() || is_pronoun(stem))
}

/// The cue nearest the end of `tokens`.
pub(super) fn nearest_cue(tokens: &[Token<'_>], floor: usize) -> Option<(usize, cues::CueMatch)> {
    (floor..tokens.len())
        .rev()
        .find_map(|k| cue_at(tokens, k).map(|m| (k, m)))
}

/// The first cue in `tokens[from..to]`.
pub(super) fn first_cue(
    tokens: &[Token<'_>],
    from: usize,
    to: usize,
) -> Option<(usize, cues::CueMatch)> {
    (from..to.min(tokens.len())).find_map(|k| cue_at(tokens, k).map(|m| (k, m)))
}

/// `NAME: “…”` — the words before a colon that ends the window, when they are a short name
/// or a pronoun.
pub(super) fn colon_speaker(before: &[Token<'_>]) -> Option<Span> {
    let last = before.last()?;
    if !last.is_punct(':') {
        return None;
    }
    let colon = before.len() - 1;
    let start = (0..colon)
        .rev()
        .take_while(|&i| before.get(i).is_some_and(|t| t.is_word))
        .last()?;
    let words = before.get(start..colon)?;
    let ok = words.len() <= 4
        && (words.iter().all(Token::is_capitalized)
            || (words.len() == 1 && is_pronoun(words[0].text)));
    ok.then_some((start, colon))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::words::tokenize;

    /// [`closed_relative`] of the first "who" of `text` and the cue `verb`, as words.
    fn antecedent(text: &str, verb: &str) -> Option<String> {
        let toks = tokenize(text, 0, text.len());
        let who = toks.iter().position(|t| t.text == "who")?;
        let k = toks.iter().position(|t| t.text == verb)?;
        let (s, e) = closed_relative(&toks, (who, who + 1), k)?;
        Some(
            text.get(toks.get(s)?.start..toks.get(e - 1)?.end)?
                .to_string(),
        )
    }

    #[test]
    fn a_relative_clause_closed_before_the_main_verb_gives_its_antecedent() {
        let text = "Sen. Lindsey Graham, who says allies should fight, tweeted that";
        assert_eq!(
            antecedent(text, "says").as_deref(),
            Some("Sen. Lindsey Graham")
        );
        // Still open at the quotation: the relative pronoun stays the speaker.
        assert_eq!(
            antecedent("Roffman, who estimates that his costs were", "estimates"),
            None
        );
        // No name before ", who".
        assert_eq!(antecedent("voters who said so, then left", "said"), None);
    }
}
