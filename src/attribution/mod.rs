//! Attribution: the cue ("said", "according to") and the speaker of each quotation.
//!
//! Each quotation is read with the rest of its sentence: the words before its opening mark
//! (back to the sentence start or the previous quotation) and after its closing mark (to the
//! sentence end or the next quotation). The searches, in order of trust:
//!
//! 1. an introducing cue just before (`Xi said: “…”`, `X told reporters, “…”`), or a paragraph
//!    ending in a colon before a quotation that opens the next one (`Cruz continued:¶“…”`);
//!    a transcript speaker inside the quotation (`"WALLACE: Do you …"`);
//! 2. an attribution just after: `“…,” Xi said`, `“…,” said Ann Lee`, `“…” ― Ann Lee`;
//! 3. a `NAME: “…”` transcript line;
//! 4. the outermost cue earlier in the sentence, for partial quotes (`Putin said Russia valued
//!    China’s “balanced” position`; `Rubio said he called Trump a “con artist”` is Rubio's);
//! 5. the speaker of an earlier quotation of the same sentence: `“consistent” and “balanced”`;
//! 6. a cue later in the sentence (`the “no limits” partnership, Xi said`), or the agent of a
//!    passive (`was called “…” by Ann Lee`);
//! 7. the subject of a sentence with no cue, whose words it reports;
//! 8. a follow-on quotation: a quoted sentence right after an attributed one (or a new
//!    paragraph continuing a quotation) keeps its speaker;
//! 9. a stand-alone quotation after a sentence reporting someone: that sentence's source.
//!
//! Then an "according to X" in the same sentence makes X the speaker, PolNeAR's convention
//! for outer sources.
//!
//! Windows are bounded by [`crate::sentences::MAX_SENTENCE`], so cost per quotation is fixed.

mod after;
mod asides;
mod context;
mod cue_speaker;
pub mod cues;
mod gender;
pub mod rank;
pub mod resolve;
pub mod speaker;
mod subject;
mod time_phrase;
mod titles;
pub mod word_set;
pub mod words;

use crate::quotes::pairing::Candidate;
use crate::sentences::{paragraph_start, sentence_end, sentence_start};
use cues::{CueKind, cue_at};
use speaker::{Span, is_pronoun, phrase_after, subject_before};
use words::{Token, tokenize, tokenize_into};

use after::after_attribution;
use context::{
    outer_according_to, paragraph_lead_in, previous_sentence_source, signature_line,
    transcript_speaker,
};
use cue_speaker::{
    colon_speaker, cue_span, first_cue, names_a_source, nearest_cue, outermost_cue, span_of,
    speaker_of_cue,
};
use subject::{clause_start, leading_subject};

/// The tokens the rules read around one quotation, which the ranker reads again.
#[derive(Debug, Default)]
pub(crate) struct RuleTokens<'t> {
    /// Tokens of `text[before_start..open]`.
    pub before: Vec<Token<'t>>,
    pub before_start: usize,
    /// Tokens of `text[close..after_end]`.
    pub after: Vec<Token<'t>>,
    pub after_end: usize,
}

/// How a quotation got its attribution; the quote filter trusts some ways more than others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// A cue right before the opening mark (at most a short object between).
    BeforeAdjacent,
    /// A cue and speaker right after the closing mark.
    AfterAdjacent,
    /// `NAME: “…”`.
    Colon,
    /// A cue earlier in the same sentence.
    BeforeInSentence,
    /// The speaker of an earlier quotation of the same sentence.
    SameSentence,
    /// A cue later in the same sentence, not right after the quotation.
    AfterInSentence,
    /// The subject of the quotation's sentence, which has no cue.
    SentenceSubject,
    /// Carried over from the previous quotation.
    FollowOn,
    /// The source of the sentence just before a stand-alone quotation.
    PreviousSentence,
    /// No attribution found.
    Unattributed,
}

/// The attribution of one quotation, in byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker's words as written.
    pub speaker: Option<(usize, usize)>,
    /// The cue.
    pub cue: Option<(usize, usize)>,
    /// Which rule found it.
    pub how: How,
    /// Whether anything but opening punctuation precedes the quotation in its sentence.
    pub mid_sentence: bool,
    /// End of the sentence (or attribution) that holds the quotation.
    pub sentence_end: usize,
}

impl Attribution {
    fn with_speaker(self, speaker: Option<(usize, usize)>) -> Self {
        Attribution { speaker, ..self }
    }

    fn none(mid_sentence: bool, sentence_end: usize) -> Self {
        Attribution {
            speaker: None,
            cue: None,
            how: How::Unattributed,
            mid_sentence,
            sentence_end,
        }
    }
}

/// How many tokens may sit between an introducing cue and the opening mark ("told reporters
/// on Monday:").
const MAX_INTRO_GAP: usize = 5;
/// How many words after the closing mark a subject-first attribution may start.
const MAX_AFTER_SUBJECT_WORDS: usize = 12;

/// How far (bytes) before an earlier quotation of the same sentence its subject is looked for,
/// and how far past a quotation a later cue is: bounds the work per quotation even when a
/// sentence holds thousands of them.
const MAX_SUBJECT_REACH: usize = 250;

/// How many earlier quotations of one sentence the windows of a quotation may reach across.
const MAX_QUOTES_REACHED: usize = 8;

/// The largest character boundary at or below `i`.
fn char_floor(text: &str, i: usize) -> usize {
    (0..=i.min(text.len()))
        .rev()
        .take(4)
        .find(|&j| text.is_char_boundary(j))
        .unwrap_or(0)
}

/// Attributes each candidate quotation of `text`, in order: the rules, then the speaker
/// ranker ([`rank`]) choosing among the speakers the sentence offers.
pub fn attribute(text: &str, cands: &[Candidate]) -> Vec<Attribution> {
    attribute_inner(text, cands, None)
}

/// Receives each candidate quotation with its speaker choices, when training the ranker.
type Visitor<'v> = &'v mut dyn FnMut(&Candidate, &Attribution, &[rank::Choice]);

/// The rules alone, showing each candidate's speaker choices to `visit` (to train the ranker).
fn attribute_with(text: &str, cands: &[Candidate], visit: Visitor<'_>) -> Vec<Attribution> {
    attribute_inner(text, cands, Some(visit))
}

fn attribute_inner(
    text: &str,
    cands: &[Candidate],
    mut visit: Option<Visitor<'_>>,
) -> Vec<Attribution> {
    let ranking = visit.is_some() || rank::enabled();
    let mut choices: Vec<rank::Choice> = Vec::new();
    let mut out: Vec<Attribution> = Vec::with_capacity(cands.len());
    // The start of the previous quotation's sentence, reused while quotations share one
    // sentence so that a sentence holding thousands of them is scanned back only once.
    let mut prev_sentence_start = 0;
    let mut run = 0usize;
    // The tokens the rules read around the current quotation, and where they start and end;
    // its buffers serve every quotation in turn.
    let mut window = RuleTokens::default();
    for (i, c) in cands.iter().enumerate() {
        let prev = i
            .checked_sub(1)
            .and_then(|p| Some((cands.get(p)?, out.get(p)?)));
        let next = cands.get(i + 1);
        // How many quotations in a row share this sentence: past a handful, windows stop
        // reaching across them (a list of quoted words needs no subject from ten items back).
        let dense = run >= MAX_QUOTES_REACHED;
        let (a, sentence, shared) =
            attribute_one(text, c, prev, next, prev_sentence_start, dense, &mut window);
        run = if shared { run + 1 } else { 0 };
        prev_sentence_start = sentence;
        let mut a = outer_according_to(text, c, a, sentence);
        // In a dense run of quotations the rules' shortened windows stand: ranking reads
        // whole windows, which a sentence of thousands of quotations makes costly.
        // Ranking is skipped where the quote filter drops the candidate whatever its speaker
        // (scare quotes, single-quoted words), which keeps it off most candidates.
        // Training sees every kept quotation: the ranker learns from all of them.
        let worth_ranking = (visit.is_some() || rank::ranks(a.how) || a.speaker.is_none())
            && (a.how == How::BeforeInSentence || crate::quotes::filter::keep(text, c, &a));
        if ranking && !dense && worth_ranking {
            rank::choices(text, c, &a, sentence, prev, Some(&window), &mut choices);
            match visit.as_mut() {
                Some(v) => v(c, &a, &choices),
                None => {
                    if let Some(sp) = rank::best(&choices) {
                        a = a.with_speaker(sp);
                    }
                }
            }
        }
        if let Some(poll) = context::opening_poll(text, c, &a, sentence) {
            a.speaker = Some(poll);
        }
        out.push(a);
    }
    out
}

/// Attributes one candidate by the rules; `window` receives the tokens read around the
/// quotation, which the ranker reads again.
fn attribute_one<'t>(
    text: &'t str,
    c: &Candidate,
    prev: Option<(&Candidate, &Attribution)>,
    next: Option<&Candidate>,
    prev_sentence_start: usize,
    dense: bool,
    window: &mut RuleTokens<'t>,
) -> (Attribution, usize, bool) {
    let para = paragraph_start(text, c.open);
    let prev_same_para = prev.filter(|(p, _)| p.close > para && !p.unclosed);
    let floor = prev_same_para.map_or(para, |(p, _)| p.close);
    let s_start = sentence_start(text, c.open, floor);
    // “… vote.” He commanded …: a quoted sentence's own stop, then a capital, ends the sentence
    // of the quotation before, so this one does not inherit its speaker.
    let after_quoted_stop = prev_same_para.is_some_and(|(p, _)| closes_a_sentence(text, p));
    let same_sentence_as_prev = prev_same_para.is_some() && s_start == floor && !after_quoted_stop;
    // The whole sentence before the quotation, across earlier quotations of the sentence, so a
    // subject before them is in reach; cues are looked for only after the previous quotation.
    let sentence = if same_sentence_as_prev {
        prev_sentence_start.max(para)
    } else {
        s_start
    };
    let full_start = match prev_same_para.filter(|_| same_sentence_as_prev && !dense) {
        Some((p, _)) => sentence.max(char_floor(text, p.open.saturating_sub(MAX_SUBJECT_REACH))),
        None => s_start,
    };
    tokenize_into(&mut window.before, text, full_start, c.open);
    window.before_start = full_start;
    let cue_floor = window.before.partition_point(|t| t.start < s_start);
    let own_words = window.before.get(cue_floor..).unwrap_or_default();
    let mid_sentence = own_words.iter().any(|t| t.is_word);

    let ceiling = next.map_or(text.len(), |n| n.open);
    let s_end = if c.unclosed {
        c.close
    } else {
        sentence_end(text, c.close, ceiling)
    };
    if c.unclosed {
        window.after.clear();
    } else {
        tokenize_into(&mut window.after, text, c.close, s_end);
    }
    window.after_end = s_end;
    let (before, after) = (&window.before, &window.after);
    // The rest of the sentence past later quotations, read only when step 6 needs it.
    let after_full = || {
        if dense {
            return after.clone();
        }
        let cap = char_floor(text, (c.close + MAX_SUBJECT_REACH).min(text.len()));
        let full_end = if c.unclosed {
            c.close
        } else {
            sentence_end(text, c.close, cap)
        };
        if full_end > s_end {
            tokenize(text, c.close, full_end)
        } else {
            after.clone()
        }
    };

    let found =
        |speaker: Option<Span>, toks: &[Token<'_>], k: usize, len: usize, how: How| Attribution {
            speaker: speaker.and_then(|s| span_of(toks, s)),
            cue: cue_span(toks, k, len),
            how,
            mid_sentence,
            sentence_end: s_end,
        };
    // An attribution found elsewhere, placed in this quotation's sentence.
    let restamp = |a: Attribution| Attribution {
        mid_sentence,
        sentence_end: s_end,
        ..a
    };
    let inherit = |how: How, pa: &Attribution| Attribution {
        how,
        mid_sentence,
        sentence_end: s_end,
        ..*pa
    };

    // 1. An introducing cue just before the quotation, or ending the previous paragraph
    //    ("Cruz continued:").
    // A quotation inside a paragraph that is itself a quotation (`"In 1960 they met. Written
    // “at this time of crisis,” the statement …`, the paragraph's own mark never closed
    // before it), with no cue naming someone else before it, is words of that paragraph's
    // speaker: its lead-in is the paragraph's.
    let quoted_paragraph = mid_sentence && in_quoted_paragraph(text, para, c.open) && {
        let toks = &window.before;
        let own = nearest_cue(toks, cue_floor)
            .and_then(|(k, m)| speaker_of_cue(toks, k, m.len, m.kind, 0, toks.len()));
        // Its own cue's speaker, unless that is the quotation's "I" or "we".
        own.is_none_or(|(s, e)| {
            e == s + 1
                && toks
                    .get(s)
                    .is_some_and(|t| ["I", "we", "We"].contains(&t.text))
        })
    };
    let lead_in = if quoted_paragraph {
        context::lead_in_before(text, para)
    } else if mid_sentence {
        None
    } else {
        paragraph_lead_in(text, c)
    };
    let (intro_toks, intro_floor) = match &lead_in {
        Some(t) => (t.as_slice(), 0),
        None => (before.as_slice(), cue_floor),
    };
    let intro = nearest_cue(intro_toks, intro_floor);
    // A paragraph ending in a colon introduces the quotation, unless the quotation names its
    // own speaker right after it ("…in detail:¶“Here he comes,” she said") or inside it, as a
    // transcript line ("Partial transcript:¶"WALLACE: Let’s start …").
    if lead_in.is_some()
        && let Some(a) = transcript_speaker(text, c).or_else(|| {
            after_attribution(text, c, after, mid_sentence).filter(|a| a.speaker.is_some())
        })
    {
        return (restamp(a), sentence, same_sentence_as_prev);
    }
    if let Some((k, m)) = intro {
        let gap = intro_toks.len() - (k + m.len);
        let ends_open = intro_toks
            .last()
            .is_some_and(|t| t.is_punct(',') || t.is_punct(':'));
        // A fragment right after a verb inside a longer report ("… he called it “a disaster”")
        // belongs to the outer source (step 4); a quoted sentence belongs to this cue.
        let fragment = mid_sentence
            && !quoted_paragraph
            && !ends_open
            && starts_lowercase(text, c)
            && k > intro_floor;
        if !fragment && (gap == 0 || (gap <= MAX_INTRO_GAP && ends_open) || lead_in.is_some()) {
            let sp = speaker_of_cue(intro_toks, k, m.len, m.kind, 0, intro_toks.len())
                .map(|sp| cue_speaker::named_reporter(intro_toks, sp).unwrap_or(sp));
            if let Some(sp) = sp {
                return (
                    found(Some(sp), intro_toks, k, m.len, How::BeforeAdjacent),
                    sentence,
                    same_sentence_as_prev,
                );
            }
            if let Some((_, pa)) = prev.filter(|_| same_sentence_as_prev) {
                return (
                    Attribution {
                        how: How::BeforeAdjacent,
                        cue: cue_span(intro_toks, k, m.len),
                        ..inherit(How::BeforeAdjacent, pa)
                    },
                    sentence,
                    same_sentence_as_prev,
                );
            }
        }
    }
    if let Some(t) = &lead_in {
        if let Some(sp) =
            colon_speaker(t).or_else(|| leading_subject(t, 0, t.len().saturating_sub(1)))
        {
            return (
                found(Some(sp), t, t.len() - 1, 1, How::Colon),
                sentence,
                same_sentence_as_prev,
            );
        }
    }

    // 1b. A transcript line quoted whole: `"PENCE: And that’s why …"`, or a signature line
    //     after a quotation ending its paragraph; else 2. an attribution right after it.
    if let Some(a) = transcript_speaker(text, c)
        .or_else(|| signature_line(text, c))
        .or_else(|| after_attribution(text, c, after, mid_sentence))
    {
        return (restamp(a), sentence, same_sentence_as_prev);
    }

    // 3. "NAME: “…”"
    if let Some(sp) = colon_speaker(own_words) {
        let colon = before.len() - 1;
        return (
            found(
                Some((sp.0 + cue_floor, sp.1 + cue_floor)),
                before,
                colon,
                1,
                How::Colon,
            ),
            sentence,
            same_sentence_as_prev,
        );
    }

    // 4. The outermost cue earlier in the sentence ("Rubio said he called Trump a “con
    //    artist”" is Rubio's).
    let clause = clause_start(before, cue_floor);
    // An opening subordinate clause ("While he acknowledged …, Ham noted several “…”") holds
    // no outer source when the main clause after its comma has a cue of its own.
    let main_clause = subject::subordinate_clause_end(before, clause);
    if let Some((k, m, sp)) = main_clause
        .and_then(|main| outermost_cue(before, main))
        .or_else(|| open_dash_aside(before, clause).and_then(|d| outermost_cue(before, d)))
        .or_else(|| outermost_cue(before, clause))
    {
        // "Trump urged voters to see what he called “…”": a free relative names the outer
        // subject's words.
        // The outer subject is the clause's, or, in a later clause of the sentence
        // ("… and urged voters to see what he called “…”"), the sentence's.
        let outer = in_free_relative(before, sp)
            .then(|| {
                leading_subject(before, clause, sp.0).or_else(|| leading_subject(before, 0, sp.0))
            })
            .flatten()
            .or_else(|| cue_speaker::closed_relative(before, sp, k));
        return (
            found(
                Some(outer.unwrap_or(sp)),
                before,
                k,
                m.len,
                How::BeforeInSentence,
            ),
            sentence,
            same_sentence_as_prev,
        );
    }
    if let Some((k, m)) = intro {
        if lead_in.is_none() {
            if let Some((_, pa)) =
                prev.filter(|(_, pa)| same_sentence_as_prev && pa.speaker.is_some())
            {
                return (
                    Attribution {
                        cue: cue_span(before, k, m.len),
                        ..inherit(How::BeforeInSentence, pa)
                    },
                    sentence,
                    same_sentence_as_prev,
                );
            }
        }
    }

    // 5. The speaker of an earlier quotation of the same sentence.
    if let Some((_, pa)) = prev.filter(|_| same_sentence_as_prev) {
        if pa.speaker.is_some() || pa.cue.is_some() {
            return (
                Attribution {
                    sentence_end: s_end.max(pa.sentence_end),
                    ..inherit(How::SameSentence, pa)
                },
                sentence,
                same_sentence_as_prev,
            );
        }
    }

    // 6. A cue later in the sentence, past any later quotations of it; or the agent of a
    //    passive cue before the quotation ("was called “…” by Ann Lee").
    if !ends_with_full_stop(text, c) {
        let agent = after
            .first()
            .filter(|t| t.text.eq_ignore_ascii_case("by"))
            .filter(|_| before.last().is_some_and(|t| cues::is_speech_verb(t.text)));
        if agent.is_some() {
            if let Some(sp) = phrase_after(after, 1, after.len()) {
                return (
                    found(None, before, before.len() - 1, 1, How::AfterInSentence)
                        .with_speaker(span_of(after, sp)),
                    sentence,
                    same_sentence_as_prev,
                );
            }
        }
        let after_full = after_full();
        if let Some((k, m)) = first_cue(&after_full, 0, after_full.len()) {
            let sp =
                speaker_of_cue(&after_full, k, m.len, m.kind, 0, after_full.len()).or_else(|| {
                    // "…“the end” for the EU, said Geert Wilders": a verb after a comma, speaker after.
                    let comma = k > 0 && after_full.get(k - 1).is_some_and(|t| t.is_punct(','));
                    (comma && m.kind == CueKind::Verb)
                        .then(|| phrase_after(&after_full, k + m.len, after_full.len()))
                        .flatten()
                });
            // "“duped” … and check out what he called Machado’s “sex tape”": a free
            // relative's cue names what follows it, not a quotation before it.
            let names_later = sp.is_some_and(|s| in_free_relative(&after_full, s));
            if sp.is_some() && m.kind != CueKind::Participle && !names_later {
                return (
                    found(sp, &after_full, k, m.len, How::AfterInSentence),
                    sentence,
                    same_sentence_as_prev,
                );
            }
        }
    }

    // 6b. A quotation inside an opening participial clause ("After saying her foot was “so
    //     swollen,” she was …"): the subject just past the clause's comma.
    if let Some((sp, k)) = subject::after_opening_participle(text, c, before, after) {
        return (
            found(None, before, k, 1, How::SentenceSubject).with_speaker(span_of(after, sp)),
            sentence,
            same_sentence_as_prev,
        );
    }

    // 7. A quotation inside a sentence with no cue: the sentence's subject, whose words or
    //    thoughts the sentence reports ("Carson took the stage and called the system “rotten”").
    //    A subject that is a thing ("His plan is “…”") names no speaker: the quotation stays
    //    the sentence's (the quote filter keeps it so), its speaker left to the ranker.
    //    A sentence opening with a clause ("Contrary to his claim that “…”") is the
    //    quotation's too, whether or not a subject follows the clause.
    if mid_sentence {
        let subject = leading_subject(before, 0, before.len());
        if subject.is_some() || subject::opens_with_clause(before) {
            let speaker = subject.filter(|&sp| names_a_source(before, sp));
            let at = subject.map_or(0, |sp| sp.0);
            return (
                found(speaker, before, at, 0, How::SentenceSubject),
                sentence,
                same_sentence_as_prev,
            );
        }
    }

    // 8. A follow-on quotation.
    if let Some((p, pa)) = prev {
        let gap_is_blank = text
            .get(pa.sentence_end.max(p.close)..c.open)
            .is_some_and(|g| g.trim().is_empty());
        if !mid_sentence
            && (gap_is_blank || (p.unclosed && c.starts_paragraph))
            && pa.how != How::Unattributed
        {
            // “…,” she said. “…”: after a quotation introduced by a cue before it, an
            // attribution right after it speaks for the quotation that follows.
            if let Some(a) = trailing_attribution(text, p, pa) {
                let a = Attribution {
                    how: How::FollowOn,
                    ..restamp(a)
                };
                return (a, sentence, same_sentence_as_prev);
            }
            return (inherit(How::FollowOn, pa), sentence, same_sentence_as_prev);
        }
    }
    // 9. A quotation standing alone after a sentence that reports the same source
    //    ("Ann Lee praised the plan.¶“It works.”"): that sentence's speaker.
    if !mid_sentence {
        if let Some(a) = previous_sentence_source(text, c, prev.map(|(p, _)| p.close)) {
            return (restamp(a), sentence, same_sentence_as_prev);
        }
    }
    (
        Attribution::none(mid_sentence, s_end),
        sentence,
        same_sentence_as_prev,
    )
}

/// The attribution right after quotation `p` when a cue before it won ("X scolded him:
/// “…,” she said."): the one a following quotation continues. Its sentence's rest is
/// tokenized only then, and it is at most one sentence.
fn trailing_attribution(text: &str, p: &Candidate, pa: &Attribution) -> Option<Attribution> {
    if pa.how != How::BeforeAdjacent || p.unclosed || pa.sentence_end <= p.close {
        return None;
    }
    let toks = tokenize(text, p.close, pa.sentence_end);
    after_attribution(text, p, &toks, false).filter(|a| a.speaker.is_some())
}

/// Whether the subject `sp` of a cue opens a free relative: "what he called", "whom she
/// quoted" name the words the outer clause's subject reports.
fn in_free_relative(toks: &[Token<'_>], sp: Span) -> bool {
    sp.0.checked_sub(1)
        .and_then(|i| toks.get(i))
        .is_some_and(|t| speaker::in_list(&["what", "whom"], t.text))
}

/// Whether the quoted words start with a lower-case letter (a fragment, not a sentence).
fn starts_lowercase(text: &str, c: &Candidate) -> bool {
    text.get(c.start..c.end)
        .and_then(|q| q.chars().find(|ch| ch.is_alphanumeric()))
        .is_some_and(char::is_lowercase)
}

/// Whether a quotation ends a sentence: its words end with a full stop, question or
/// exclamation mark and the next word, within a few characters of it, starts with a
/// capital. The look ahead is bounded, so a text of marks and stops alone stays linear.
fn closes_a_sentence(text: &str, c: &Candidate) -> bool {
    let stop = text
        .get(c.start..c.end)
        .map(|q| q.trim_end_matches(['"', '\'', '”', '’', ' ']))
        .is_some_and(|q| q.ends_with(['.', '?', '!']));
    stop && text
        .get(c.close..)
        .and_then(|rest| {
            rest.chars()
                .take(8)
                .find(|&ch| ch.is_alphanumeric() || ch == '\n')
        })
        .is_some_and(char::is_uppercase)
}

/// Where an aside opened by a dash that is still open at the quotation starts: "… called on
/// Obama to retaliate -- meddling the congressman said is designed to “sow discord”". Its
/// own cue, not the sentence's, reports the quotation. A closed pair of dashes ("Lee said --
/// at a rally -- that …") opens nothing.
fn open_dash_aside(tokens: &[Token<'_>], floor: usize) -> Option<usize> {
    let mut last = None;
    let mut open = false;
    let mut k = floor;
    while let Some(t) = tokens.get(k) {
        let double_hyphen = t.is_punct('-') && tokens.get(k + 1).is_some_and(|n| n.is_punct('-'));
        if double_hyphen || t.is_punct('—') || t.is_punct('–') {
            k += usize::from(double_hyphen);
            open = !open;
            last = Some(k + 1);
        }
        k += 1;
    }
    last.filter(|_| open)
}

/// Whether the quoted words end with a full stop (so the sentence ends with them).
pub(super) fn ends_with_full_stop(text: &str, c: &Candidate) -> bool {
    text.get(c.start..c.end)
        .map(|q| q.trim_end_matches(['"', '\'', '”', '’', ' ']))
        .is_some_and(|q| q.ends_with('.'))
}

/// Whether the paragraph starting at `para` opens with a quote mark that is still open at
/// `at`: a straight mark with no other straight mark after it, or a curly one not closed.
fn in_quoted_paragraph(text: &str, para: usize, at: usize) -> bool {
    let Some(head) = text.get(para..at) else {
        return false;
    };
    let head = head.trim_start();
    if let Some(rest) = head.strip_prefix('"') {
        return !rest.contains('"');
    }
    if let Some(rest) = head.strip_prefix('“') {
        return !rest.contains('”');
    }
    false
}
