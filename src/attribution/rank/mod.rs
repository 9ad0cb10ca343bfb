//! A learned second opinion on the speaker: the rules of [`super::attribute_one`] pick one
//! speaker, but the sentence often offers several (the subject of each speech verb before and
//! after the quotation, the object of "according to", the sentence's first noun phrase, a
//! possessive, the previous quotation's speaker). Which one PolNeAR's annotators chose depends
//! on cues the rules weigh by hand in a fixed order (nesting, "what X called", outer sources);
//! a ranker weighs them from data instead.
//!
//! Each candidate gets hashed features (how it was found, which cue and on which side, how
//! far, its shape, the rule's choice and how the rule found it); an averaged perceptron
//! trained on PolNeAR train (`examples/train_speakers.rs`) scores them and the best wins. The
//! rule's choice is always a candidate and wins ties, so an empty model changes nothing.
//!
//! Cost per quotation is bounded: two windows of at most [`REACH`] bytes are tokenized and at
//! most [`MAX_CHOICES`] candidates are scored.

mod candidates;
mod features;
mod table;
mod train;
pub use train::{train_step, training_choices};

use super::speaker::is_pronoun;
use super::subject::leading_subject;
use super::words::{Token, tokenize};
use super::{Attribution, How, RuleTokens, char_floor, span_of};
use crate::learn::Weights;
use crate::quotes::pairing::Candidate;
use crate::sentences::sentence_end;
use candidates::{Raw, Role, cue_candidates, mention_candidates, possessive_candidates};
use features::{Ctx, Feats, MAX_MARKS, h, h_lower, how_tag, raw_features, span_features};
use std::sync::LazyLock;

/// How far (bytes) before and after the quotation candidates are looked for.
pub const REACH: usize = 120;
/// Most candidates per quotation (the rule's choice and "none" included).
pub const MAX_CHOICES: usize = 10;
/// Bits of the feature table.
pub const BITS: u32 = 18;
/// Classes: 0 "not the speaker", 1 "the speaker"; a candidate's score is the difference.
pub const CLASSES: usize = 2;

/// The compiled-in weights.
const MODEL_BYTES: &[u8] = include_bytes!("../../../data/speakers.model");

static MODEL: LazyLock<Option<Weights>> =
    LazyLock::new(|| Weights::from_static(MODEL_BYTES).filter(|w| w.classes() == CLASSES));

/// The same model as score differences, for ranking at run time.
static TABLE: LazyLock<Option<table::Table>> =
    LazyLock::new(|| MODEL.as_ref().and_then(table::Table::new));

/// Whether the ranker gets a say for quotations the rules attributed this way (it also
/// decides every quotation the rules leave without a speaker): where they
/// found no cue at all, fell back on the sentence before, or took a cue earlier in the
/// sentence (where nested reported speech puts the outer and the inner source side by side).
/// On held-out folds of PolNeAR train the ranker puts a third of the first two right and
/// gains 33 of 1,806 of the third; on dev the third adds 0.5 point of end-to-end F1 for 18%
/// more instructions in `extract_quotes`. A sentence's subject (no gain) and adjacent cues
/// (the ranker loses there) stay with the rules.
pub fn ranks(how: How) -> bool {
    matches!(
        how,
        How::PreviousSentence | How::Unattributed | How::BeforeInSentence
    )
}

/// Whether a speaker model is compiled in.
pub fn enabled() -> bool {
    MODEL.is_some()
}

/// One speaker candidate: its byte span (`None`: no speaker) and its features.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The speaker's words, in bytes.
    pub span: Option<(usize, usize)>,
    /// Hashed feature buckets.
    pub feats: Vec<u32>,
}

/// The candidates of one quotation with their features; `out` is cleared and refilled.
pub(super) fn choices(
    text: &str,
    c: &Candidate,
    a: &Attribution,
    sentence: usize,
    prev: Option<(&Candidate, &Attribution)>,
    known: Option<&RuleTokens<'_>>,
    out: &mut Vec<Choice>,
) {
    // The quotation's sentence (as the rules found it), within reach.
    // Windows cut by the reach start and end at a space, so no candidate is a word's tail
    // ("r. Ross") or head ("Mr. Trum").
    let reach_start = char_floor(text, c.open.saturating_sub(REACH));
    let s_start = if sentence >= reach_start {
        sentence
    } else {
        word_start_from(text, reach_start, c.open)
    };
    let owned;
    let before: &[Token<'_>] = match known {
        // The rules' tokens up to the opening mark, from `s_start` on: the same tokens when
        // they start there, or at an earlier point when a space precedes `s_start` (no token
        // spans a space, so tokenizing from either point gives the same tokens after it).
        Some(k)
            if k.before_start == s_start
                || (k.before_start < s_start
                    && text
                        .as_bytes()
                        .get(s_start - 1)
                        .is_some_and(u8::is_ascii_whitespace)) =>
        {
            let i = k.before.partition_point(|t| t.start < s_start);
            k.before.get(i..).unwrap_or_default()
        }
        _ => {
            owned = tokenize(text, s_start, c.open);
            &owned
        }
    };
    let owned_after;
    let after: &[Token<'_>] = if c.unclosed {
        &[]
    } else {
        let cap = char_floor(text, (c.close + REACH).min(text.len()));
        let cap = if cap < text.len() {
            word_end_before(text, c.close, cap)
        } else {
            cap
        };
        let end = sentence_end(text, c.close, cap);
        match known {
            // The rules' tokens after the closing mark, up to `end`: the same tokens when
            // they end there, or later when a space follows `end` (no token spans it).
            Some(k)
                if k.after_end == end
                    || (end < k.after_end
                        && text
                            .as_bytes()
                            .get(end)
                            .is_some_and(u8::is_ascii_whitespace)) =>
            {
                let i = k.after.partition_point(|t| t.end <= end);
                k.after.get(..i).unwrap_or_default()
            }
            _ => {
                owned_after = tokenize(text, c.close, end);
                &owned_after
            }
        }
    };
    let mut raws: Vec<Raw<'_>> = Vec::with_capacity(32);
    cue_candidates(before, false, &mut raws);
    cue_candidates(after, true, &mut raws);
    // The sentence's first noun phrase, only when the window holds the sentence's start: a
    // window cut inside a long sentence starts anywhere ("the National Museum of …" in
    // "President Obama, dedicating the National Museum of …, said"), not at a subject.
    let whole_sentence = sentence >= reach_start;
    if let Some(sp) = leading_subject(before, 0, before.len())
        .filter(|_| whole_sentence)
        .and_then(|s| span_of(before, s))
    {
        raws.push(Raw {
            span: sp,
            role: Role::Leading,
            after: false,
            cue: "",
            ordinal: 0,
            distance: 0,
            lead_in: false,
        });
    }
    // The noun phrase right after the closing mark: `,” Lee went on`.
    let i0 = after
        .iter()
        .take_while(|t| !t.is_word && matches!(t.text, "," | "—" | "–" | "-"))
        .count();
    if let Some(t) = after.get(i0) {
        let len = if is_pronoun(t.text) {
            1
        } else {
            after
                .iter()
                .skip(i0)
                .take(5)
                .take_while(|t| t.is_capitalized())
                .count()
        };
        if len > 0 {
            if let Some(sp) = span_of(after, (i0, i0 + len)) {
                raws.push(Raw {
                    span: sp,
                    role: Role::Next,
                    after: true,
                    cue: "",
                    ordinal: 0,
                    distance: 0,
                    lead_in: false,
                });
            }
        }
    }
    // A paragraph ending in a colon before this one: its cues' speakers.
    let lead = if a.mid_sentence {
        None
    } else {
        super::context::paragraph_lead_in(text, c)
    };
    if let Some(lead) = &lead {
        let from = raws.len();
        cue_candidates(lead, false, &mut raws);
        if let Some(sp) = leading_subject(lead, 0, lead.len()).and_then(|s| span_of(lead, s)) {
            raws.push(Raw {
                span: sp,
                role: Role::Leading,
                after: false,
                cue: "",
                ordinal: 0,
                distance: 0,
                lead_in: true,
            });
        }
        for r in raws.iter_mut().skip(from) {
            r.lead_in = true;
        }
    }
    mention_candidates(before, false, &mut raws);
    mention_candidates(after, true, &mut raws);
    possessive_candidates(before, false, &mut raws);
    possessive_candidates(after, true, &mut raws);
    let prev_same_para = prev.is_some_and(|(p, _)| {
        p.close <= c.open
            && c.open - p.close < REACH
            && text
                .as_bytes()
                .get(p.close..c.open)
                .is_some_and(|g| !g.contains(&b'\n'))
    });
    if let Some(sp) = prev.and_then(|(_, pa)| pa.speaker) {
        raws.push(Raw {
            span: sp,
            role: Role::Previous,
            after: false,
            cue: "",
            ordinal: 0,
            distance: 0,
            lead_in: false,
        });
    }
    let fragment = super::starts_lowercase(text, c);
    let mut marks = [usize::MAX; MAX_MARKS];
    let quote_marks = before
        .iter()
        .rev()
        .chain(after.iter())
        .filter(|t| !t.is_word && matches!(t.text, "“" | "”" | "\"" | "„" | "«" | "»"));
    for (m, t) in marks.iter_mut().zip(quote_marks) {
        *m = t.start;
    }
    let ctx = Ctx {
        text,
        how_h: h(how_tag(a.how)),
        frag_h: h(&[u8::from(fragment), u8::from(a.mid_sentence)]),
        para_h: h(&[u8::from(c.starts_paragraph)]),
        rule: a.speaker,
        rule_cue_h: h_lower(
            a.cue
                .and_then(|(s, e)| text.get(s..e))
                .and_then(|w| w.split_whitespace().next())
                .unwrap_or(""),
        ),
        prev_same_para,
        open: c.open,
        close: c.close,
        marks,
    };
    // The rule's choice first, then "none", then the others by first appearance.
    let mut spans = [None; MAX_CHOICES];
    let mut n = 0;
    let mut push = |sp: Option<(usize, usize)>, n: &mut usize| {
        if *n < MAX_CHOICES && !spans.get(..*n).unwrap_or_default().contains(&sp) {
            if let Some(slot) = spans.get_mut(*n) {
                *slot = sp;
                *n += 1;
            }
        }
    };
    push(a.speaker, &mut n);
    if a.speaker.is_some() {
        push(None, &mut n);
    }
    for r in raws.iter().filter(|r| !is_verb_phrase(text, r.span)) {
        push(Some(r.span), &mut n);
    }
    // Reuse the buffers of earlier quotations: no allocation once they are warm.
    out.truncate(n);
    while out.len() < n {
        out.push(Choice {
            span: None,
            feats: Vec::with_capacity(64),
        });
    }
    for (ch, &span) in out.iter_mut().zip(spans.iter()) {
        ch.span = span;
        ch.feats.clear();
        let mut f = Feats { out: &mut ch.feats };
        let sh = span_features(&ctx, span, &mut f);
        for r in raws.iter().filter(|r| Some(r.span) == span) {
            raw_features(&ctx, r, sh, &mut f);
        }
    }
}

/// Whether a candidate's words are a verb and its object ("releasing the police videos"):
/// a lower-case word in "-ing" followed by a determiner, or a lone date word. Such a
/// phrase names no one.
fn is_verb_phrase(text: &str, (s, e): (usize, usize)) -> bool {
    let Some(span) = text.get(s..e) else {
        return false;
    };
    // Most candidates are names and pronouns: their first byte settles it.
    let bytes = span.as_bytes();
    let Some(&b0) = bytes.first() else {
        return false;
    };
    match bytes.iter().position(|&b| b == b' ') {
        // A lone weekday or month ("July") is a date, not a source.
        None => {
            b0.is_ascii_uppercase()
                && crate::calendar::is_weekday_or_month(span.trim_end_matches(['.', ',']))
        }
        Some(sp) => {
            let first = bytes.get(..sp).unwrap_or_default();
            let second = span.get(sp + 1..).unwrap_or_default();
            let second = second.split(' ').next().unwrap_or_default();
            b0.is_ascii_lowercase()
                && first.len() > 4
                && first.ends_with(b"ing")
                && first.iter().all(u8::is_ascii_lowercase)
                && [
                    "the", "a", "an", "his", "her", "their", "its", "our", "this", "that",
                ]
                .contains(&second)
        }
    }
}

/// The first byte at or after `at` (and before `limit`) that starts a word: `at` itself when
/// a space is before it, else just past the next space; `limit` when there is none.
fn word_start_from(text: &str, at: usize, limit: usize) -> usize {
    let bytes = text.as_bytes();
    if at == 0 || bytes.get(at - 1).is_some_and(u8::is_ascii_whitespace) {
        return at;
    }
    bytes
        .get(at..limit)
        .and_then(|b| b.iter().position(u8::is_ascii_whitespace))
        .map_or(limit, |i| at + i + 1)
}

/// The last byte at or before `at` (and after `floor`) that ends a word: `at` itself when a
/// space follows it, else the last space before it; `floor` when there is none.
fn word_end_before(text: &str, floor: usize, at: usize) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(at).is_none_or(u8::is_ascii_whitespace) {
        return at;
    }
    bytes
        .get(floor..at)
        .and_then(|b| b.iter().rposition(u8::is_ascii_whitespace))
        .map_or(floor, |i| floor + i)
}

/// The score of a choice: "speaker" minus "not the speaker".
fn score(w: &Weights, feats: &[u32]) -> i32 {
    let mut s = [0i32; CLASSES];
    w.add_scores(feats, &mut s);
    s[1] - s[0]
}

/// How much (in perceptron updates) another choice must outscore the rule's to replace it.
/// Held-out folds of PolNeAR train: none is best where the ranker runs ([`ranks`]).
pub const MARGIN: f32 = 0.0;

/// The speaker the compiled-in model prefers among `choices`; `None` when there is no model.
pub(super) fn best(choices: &[Choice]) -> Option<Option<(usize, usize)>> {
    let w = MODEL.as_ref()?;
    let Some(t) = TABLE.as_ref() else {
        return best_with(w, choices);
    };
    // Exactly [`best_with`], on the score differences.
    let first = choices.first()?;
    let margin = (MARGIN / w.scale()) as i32;
    let mut best = (t.score(&first.feats).saturating_add(margin), first.span);
    for ch in choices.iter().skip(1) {
        let s = t.score(&ch.feats);
        if s > best.0 {
            best = (s, ch.span);
        }
    }
    Some(best.1)
}

/// The choice `w` prefers: the first (the rule's) unless another beats it by [`MARGIN`].
pub fn best_with(w: &Weights, choices: &[Choice]) -> Option<Option<(usize, usize)>> {
    let first = choices.first()?;
    let margin = (MARGIN / w.scale()) as i32;
    let rule = score(w, &first.feats);
    let mut best = (rule.saturating_add(margin), first.span);
    for ch in choices.iter().skip(1) {
        let s = score(w, &ch.feats);
        if s > best.0 {
            best = (s, ch.span);
        }
    }
    Some(best.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verb_and_its_object_is_no_candidate() {
        let text =
            "called for releasing the videos; meddling the congressman said; leading economists";
        let span = |w: &str| {
            let s = text.find(w).unwrap_or_default();
            (s, s + w.len())
        };
        assert!(is_verb_phrase(text, span("releasing the videos")));
        assert!(is_verb_phrase(text, span("meddling the congressman")));
        assert!(!is_verb_phrase(text, span("leading economists")));
        let dated = "in July, RT said";
        assert!(is_verb_phrase(dated, (3, 7)));
        assert!(!is_verb_phrase(dated, (9, 11)));
    }
    use crate::learn::Perceptron;

    /// The choices of the only candidate quotation of `text`, as the rules see them.
    fn choices_of(text: &str) -> (How, Vec<Option<String>>) {
        let all = training_choices(text);
        let (_, how, ch) = all.into_iter().next().unwrap_or_else(|| unreachable!());
        let spans = ch
            .iter()
            .map(|c| c.span.and_then(|(s, e)| text.get(s..e)).map(str::to_string))
            .collect();
        (how, spans)
    }

    /// The ranker reading the rules' tokens (from wherever they start) sees exactly what it
    /// sees tokenizing its own window.
    #[test]
    fn tokens_read_by_the_rules_give_the_same_choices() {
        let texts = [
            include_str!("../../../benches/articles/port-strike.txt"),
            include_str!("../../../benches/articles/city-council-budget.txt"),
        ];
        // Spans and features, as `Choice` prints them.
        let flat = |ch: &[Choice]| format!("{ch:?}");
        for text in texts {
            let cands = crate::quotes::pairing::pair(text);
            let attrs = super::super::attribute(text, &cands);
            for (i, (c, a)) in cands.iter().zip(&attrs).enumerate() {
                let prev = i
                    .checked_sub(1)
                    .and_then(|p| Some((cands.get(p)?, attrs.get(p)?)));
                let back = |n: usize| char_floor(text, c.open.saturating_sub(n));
                for sentence in [0, back(60), back(200), back(2000)] {
                    let mut own = Vec::new();
                    choices(text, c, a, sentence, prev, None, &mut own);
                    for start in [0, back(3), back(61), back(150), back(3000), sentence] {
                        let forward = |n: usize| char_floor(text, (c.close + n).min(text.len()));
                        for end in [
                            c.close,
                            forward(3),
                            forward(80),
                            forward(500),
                            forward(5000),
                        ] {
                            let known = RuleTokens {
                                before: tokenize(text, start, c.open),
                                before_start: start,
                                after: tokenize(text, c.close, end),
                                after_end: end,
                            };
                            let mut shared = Vec::new();
                            choices(text, c, a, sentence, prev, Some(&known), &mut shared);
                            let at = format!("{} {sentence} {start} {end}", c.open);
                            assert_eq!(flat(&shared), flat(&own), "{at}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn only_guessed_attributions_are_ranked() {
        assert!(ranks(How::Unattributed));
        assert!(ranks(How::PreviousSentence));
        assert!(ranks(How::BeforeInSentence));
        assert!(!ranks(How::SentenceSubject));
        assert!(!ranks(How::AfterAdjacent));
        assert!(!ranks(How::BeforeAdjacent));
    }

    #[test]
    fn candidates_are_the_rule_then_none_then_names_around() {
        let text = "Yes, the new bridge is “the best thing to happen to this valley,” for Ann Lee.";
        let (how, spans) = choices_of(text);
        assert_eq!(how, How::Unattributed);
        assert_eq!(
            spans.first(),
            Some(&None),
            "the rule's (empty) choice comes first"
        );
        assert!(spans.contains(&Some("Ann Lee".to_string())), "{spans:?}");
    }

    #[test]
    fn cues_on_both_sides_give_candidates() {
        // An adjacent attribution is not ranked; a stand-alone quotation after a reporting
        // sentence is, with the subject of the verb after it as a candidate too.
        let text = "Ann Lee praised the plan.\n\n“It works well for everyone here,” Tom Baker \
                    added, according to the Daily Ledger.";
        let (how, _) = choices_of(text);
        assert!(!ranks(how), "an adjacent cue is left to the rules: {how:?}");
        let text = "Ann Lee praised the plan.\n\n“It works.” Tom Baker wrote to her later.";
        let (how, spans) = choices_of(text);
        assert_eq!(how, How::PreviousSentence);
        assert_eq!(spans.first(), Some(&Some("Ann Lee".to_string())));
        assert!(spans.contains(&None));
        assert!(spans.contains(&Some("Tom Baker".to_string())), "{spans:?}");
    }

    #[test]
    fn a_name_before_the_quotation_is_a_candidate_whole() {
        let text =
            "When asked whom she backed, Ms. Ann Lee smiled and said, “The one who listens.”";
        let (_, spans) = choices_of(text);
        assert!(
            spans.contains(&Some("Ms. Ann Lee".to_string())),
            "{spans:?}"
        );
        assert!(!spans.contains(&Some("Ms.".to_string())), "{spans:?}");
    }

    #[test]
    fn a_window_cut_inside_the_sentence_offers_no_sentence_subject() {
        let text = "President Ann Lee, dedicating the National Museum of African American History \
                    and Culture on Saturday, said it would tell an American story, one of \
                    “suffering and delight.”";
        let (how, spans) = choices_of(text);
        assert!(ranks(how), "{how:?}");
        assert!(
            !spans
                .iter()
                .flatten()
                .any(|s| s.starts_with("the National Museum")),
            "{spans:?}"
        );
        // With the sentence's start in reach, its subject is a candidate.
        let (_, spans) = choices_of("The mayor, at a rally, said it was one of “our best.”");
        assert!(spans.contains(&Some("The mayor".to_string())), "{spans:?}");
    }

    #[test]
    fn the_main_clause_cue_is_the_rules_choice_after_a_subordinate_clause() {
        let text = "While he acknowledged funding was a reason, Ham also noted several \
                    “intangibles” left him disillusioned.";
        let (how, spans) = choices_of(text);
        assert_eq!(how, How::BeforeInSentence);
        assert_eq!(spans.first(), Some(&Some("Ham".to_string())), "{spans:?}");
    }

    #[test]
    fn a_closed_relative_clause_gives_its_antecedent_as_the_rules_choice() {
        let text = "Graham, who says allies should send troops, tweeted that the plan \
                    “will not destroy ISIL.”";
        let (how, spans) = choices_of(text);
        assert_eq!(how, How::BeforeInSentence);
        assert_eq!(
            spans.first(),
            Some(&Some("Graham".to_string())),
            "{spans:?}"
        );
    }

    #[test]
    fn windows_cut_by_the_reach_end_at_spaces() {
        // "said Mr. Ross that": a reach ending in "Ross" or starting in "Mr." moves to a space,
        // so no candidate is "Mr. Ro" or "r. Ross".
        let text = "said Mr. Ross that";
        assert_eq!(word_start_from(text, 6, text.len()), 9, "from inside “Mr.”");
        assert_eq!(word_start_from(text, 5, text.len()), 5, "already at a word");
        assert_eq!(word_start_from(text, 0, text.len()), 0);
        assert_eq!(
            word_start_from(text, 10, 12),
            12,
            "no space before the limit"
        );
        assert_eq!(word_end_before(text, 0, 11), 8, "from inside “Ross”");
        assert_eq!(word_end_before(text, 0, 13), 13, "already at a word's end");
        assert_eq!(
            word_end_before(text, 10, 11),
            10,
            "no space after the floor"
        );
        assert_eq!(word_end_before(text, 0, text.len()), text.len());
    }

    #[test]
    fn an_empty_model_keeps_the_rule_choice() {
        let w = Weights::quantise(4, CLASSES, &[0.0; 32]);
        let choices = [
            Choice {
                span: Some((0, 3)),
                feats: vec![1, 2],
            },
            Choice {
                span: None,
                feats: vec![3],
            },
        ];
        assert_eq!(best_with(&w, &choices), Some(Some((0, 3))));
        assert_eq!(best_with(&w, &[]), None);
    }

    #[test]
    fn training_moves_the_right_choice_up() {
        let mut p = Perceptron::new(6, CLASSES);
        let choices = [
            Choice {
                span: Some((0, 3)),
                feats: vec![1],
            },
            Choice {
                span: Some((5, 9)),
                feats: vec![2],
            },
        ];
        for _ in 0..3 {
            train_step(&mut p, &choices, &[false, true]);
        }
        let w = p.averaged();
        assert_eq!(best_with(&w, &choices), Some(Some((5, 9))));
    }
}
