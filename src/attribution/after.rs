//! Attributions that follow the closing mark: `,” Xi said`, `,” said Ann Lee`, `” ― Ann Lee`,
//! and the attribution shape with a verb missing from the lexicon (`,” Hannity started.`).

use super::*;

/// An attribution right after the closing mark: `,” Xi said`, `,” said Ann Lee`,
/// `,” Lee, an economist, said`, `,” according to Xinhua`.
pub(super) fn after_attribution(
    text: &str,
    c: &Candidate,
    after: &[Token<'_>],
    mid_sentence: bool,
) -> Option<Attribution> {
    let mut i0 = 0;
    while after
        .get(i0)
        .is_some_and(|t| !t.is_word && ",—–-(".contains(t.text))
    {
        i0 += 1;
    }
    if let Some(a) = dash_signature(after) {
        return Some(a);
    }
    let first = after.get(i0)?;
    if ends_with_full_stop(text, c) {
        return None; // “… over.” starts a new sentence after it
    }
    // A quotation that ends its own sentence is followed by a new sentence unless the next
    // words are a short attribution ("“Stop!” Trump said.").
    let ends_sentence = text
        .get(c.start..c.end)
        .map(|q| q.trim_end_matches(['"', '\'', '”', '’', ' ']))
        .is_some_and(|q| q.ends_with(['.', '?', '!']));
    let limit = (i0 + MAX_AFTER_SUBJECT_WORDS).min(after.len());
    let Some((k, m)) = first_cue(after, i0, limit) else {
        let q = text.get(c.start..c.end).unwrap_or_default().trim_end();
        return if q.ends_with([',', '?', '!']) {
            structural_after(after, i0)
        } else {
            None
        };
    };
    let sp = match m.kind {
        CueKind::According => phrase_after(after, k + m.len, after.len()),
        CueKind::Participle => return None,
        CueKind::Verb if k == i0 || (k == i0 + 1 && is_adverb_word(first.text)) => {
            phrase_after(after, k + 1, after.len()).or_else(|| subject_before(after, k, i0))
        }
        CueKind::Verb => {
            let s = subject_before(after, k, i0)?;
            // The subject must start the attribution (an appositive may follow it).
            if s.0 > i0 {
                return None;
            }
            Some(s)
        }
    };
    if m.kind == CueKind::According && k > i0 {
        return None;
    }
    // "…,” Melanie said yes, over and over": a reply of yes or no, not these words.
    if m.kind == CueKind::Verb
        && after.get(k + m.len).is_some_and(|t| {
            t.is_word && ["yes", "no"].iter().any(|w| w.eq_ignore_ascii_case(t.text))
        })
    {
        return None;
    }
    if ends_sentence && first.is_capitalized() {
        // Only a short tail may follow: "Trump said." / "Trump said on Monday."
        let tail = after.len().saturating_sub(k + m.len);
        if tail > 5 {
            return None;
        }
    }
    let sp = sp?;
    if mid_sentence && m.kind == CueKind::Verb && sp.0 < k {
        // Inside a longer sentence, `“…,” he claimed they never met` opens a new report; the
        // quotation belongs to the sentence's own cue (step 4). A short tail is an attribution.
        let tail = after
            .get(k + m.len..)
            .unwrap_or_default()
            .iter()
            .take_while(|t| t.is_word)
            .count();
        if tail > 3 {
            return None;
        }
    }
    Some(Attribution {
        speaker: span_of(after, sp),
        cue: cue_span(after, k, m.len),
        how: How::AfterAdjacent,
        mid_sentence: false,
        sentence_end: 0,
    })
}

/// `,” Hannity started.` — a short name or pronoun and one past-tense or present verb that
/// ends the sentence right after a quotation: the shape of an attribution even when the verb
/// is not in the lexicon.
pub(super) fn structural_after(after: &[Token<'_>], i0: usize) -> Option<Attribution> {
    let first = after.get(i0)?;
    // Verb first: "“Choke!” blared the front page of the Herald."
    let lower_verb = |t: &Token<'_>| {
        t.is_word
            && t.text.chars().all(|c| c.is_lowercase())
            && (t.text.ends_with("ed") || t.text.ends_with('s'))
    };
    if lower_verb(first) {
        let np = after.get(i0 + 1)?;
        if np.is_capitalized() || np.is_article() {
            let sp = phrase_after(after, i0 + 1, after.len())?;
            return Some(Attribution {
                speaker: span_of(after, sp),
                cue: cue_span(after, i0, 1),
                how: How::AfterAdjacent,
                mid_sentence: false,
                sentence_end: 0,
            });
        }
        return None;
    }
    let subject_len = if first.is_word && is_pronoun(first.text) {
        1
    } else {
        after
            .get(i0..)?
            .iter()
            .take(4)
            .take_while(|t| t.is_capitalized())
            .count()
    };
    if subject_len == 0 {
        return None;
    }
    let verb = after.get(i0 + subject_len)?;
    let verb_like = verb.is_word
        && verb.text.chars().all(|c| c.is_lowercase())
        && (verb.text.ends_with("ed") || verb.text.ends_with('s'))
        && ![
            "is", "was", "has", "does", "goes", "gets", "needed", "wanted",
        ]
        .contains(&verb.text);
    let phrasal = cues::phrasal_cue(after, i0 + subject_len).is_some();
    let verb_like = verb_like || phrasal;
    let mut next = i0 + subject_len + 1;
    if after
        .get(next)
        .is_some_and(|t| ["out", "up", "on", "back", "in"].contains(&t.text))
    {
        next += 1; // "points out", "shot back"
    }
    let end_ok = after
        .get(next)
        .is_none_or(|t| t.is_punct('.') || t.is_punct(','));
    (verb_like && end_ok).then(|| Attribution {
        speaker: span_of(after, (i0, i0 + subject_len)),
        cue: cue_span(after, i0 + subject_len, 1),
        how: How::AfterAdjacent,
        mid_sentence: false,
        sentence_end: 0,
    })
}

/// `“…” ― Ann Lee` or `“…” — Ann Lee, a voter`: a dash and a name closing the sentence, the
/// way collected testimonies and epigraphs are signed.
pub(super) fn dash_signature(after: &[Token<'_>]) -> Option<Attribution> {
    let dash = after.first()?;
    if !["―", "—", "–", "-"].contains(&dash.text) {
        return None;
    }
    let name_len = after
        .get(1..)?
        .iter()
        .take(6)
        .take_while(|t| t.is_capitalized())
        .count();
    let rest_ok = after
        .get(1 + name_len)
        .is_none_or(|t| t.is_punct('.') || t.is_punct(','));
    (name_len >= 1 && rest_ok).then(|| Attribution {
        speaker: span_of(after, (1, 1 + name_len)),
        cue: cue_span(after, 0, 1),
        how: How::AfterAdjacent,
        mid_sentence: false,
        sentence_end: 0,
    })
}

pub(super) fn is_adverb_word(w: &str) -> bool {
    ["also", "then", "later", "once"]
        .iter()
        .any(|x| x.eq_ignore_ascii_case(w))
        || (w.ends_with("ly") && w.len() > 4)
}
