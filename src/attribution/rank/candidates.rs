//! Speaker candidates around a quotation: the subject and object of every cue, names and
//! pronouns nearest it, possessives. Each remembers how it was found, for the features.

use super::MAX_CHOICES;
use super::features::hc;
use crate::attribution::cues::{CueKind, cue_at};
use crate::attribution::span_of;
use crate::attribution::speaker::{Span, is_pronoun, phrase_after, subject_before};
use crate::attribution::subject::{leading_subject, passive_agent};
use crate::attribution::words::Token;

/// Most names and pronouns taken on each side of the quotation.
const MAX_MENTIONS: usize = 2;

/// Where a candidate came from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Subject,
    Object,
    Agent,
    According,
    Participle,
    Leading,
    Possessive,
    Previous,
    Next,
    Mention,
}

impl Role {
    /// Every role, in declaration order (the order of their hashes).
    const ALL: [Role; 10] = [
        Role::Subject,
        Role::Object,
        Role::Agent,
        Role::According,
        Role::Participle,
        Role::Leading,
        Role::Possessive,
        Role::Previous,
        Role::Next,
        Role::Mention,
    ];

    /// The hash of [`Self::tag`] ([`super::features::h`]).
    pub(super) fn hash(self) -> u64 {
        const HASHES: [u64; 10] = {
            let mut out = [0; 10];
            let mut i = 0;
            while i < Role::ALL.len() {
                out[i] = hc(Role::ALL[i].tag());
                i += 1;
            }
            out
        };
        HASHES.get(self as usize).copied().unwrap_or_default()
    }

    pub(super) const fn tag(self) -> &'static [u8] {
        match self {
            Role::Subject => b"subj",
            Role::Object => b"obj",
            Role::Agent => b"agent",
            Role::According => b"acc",
            Role::Participle => b"part",
            Role::Leading => b"lead",
            Role::Possessive => b"poss",
            Role::Previous => b"prev",
            Role::Next => b"next",
            Role::Mention => b"mention",
        }
    }
}

/// A raw candidate before features: span and the facts features are made of.
#[derive(Clone, Copy)]
pub(super) struct Raw<'t> {
    pub(super) span: (usize, usize),
    pub(super) role: Role,
    pub(super) after: bool,
    pub(super) cue: &'t str,
    pub(super) ordinal: usize,
    pub(super) distance: usize,
    pub(super) lead_in: bool,
}

/// Adds candidates for every cue of `toks`, numbering cues outwards from the quotation.
pub(super) fn cue_candidates<'t>(toks: &[Token<'t>], after: bool, raws: &mut Vec<Raw<'t>>) {
    let n = toks.len();
    let mut ordinal = 0;
    let mut words = 0;
    for i in 0..n {
        let k = if after { i } else { n - 1 - i };
        let Some(t) = toks.get(k) else { continue };
        if t.is_word {
            words += 1;
        }
        let Some(m) = cue_at(toks, k) else { continue };
        let mut push = |sp: Option<Span>, role: Role| {
            if let Some(span) = sp.and_then(|s| span_of(toks, s)) {
                raws.push(Raw {
                    span,
                    role,
                    after,
                    cue: t.text,
                    ordinal,
                    distance: words,
                    lead_in: false,
                });
            }
        };
        match m.kind {
            CueKind::According => push(phrase_after(toks, k + m.len, n), Role::According),
            CueKind::Participle => {
                push(subject_before(toks, k, 0), Role::Participle);
                push(leading_subject(toks, 0, k), Role::Participle);
            }
            CueKind::Verb => {
                if let Some(by) = passive_agent(toks, k) {
                    push(phrase_after(toks, by + 1, n), Role::Agent);
                }
                push(subject_before(toks, k, 0), Role::Subject);
                push(phrase_after(toks, k + m.len, n), Role::Object);
            }
        }
        ordinal += 1;
        if raws.len() >= MAX_CHOICES {
            break;
        }
    }
}

/// Bytes of the longest subject pronoun ([`crate::attribution::speaker::PRONOUNS`]).
const PRONOUN_MAX: usize = 4;

/// Names (runs of capitalised words) and pronouns nearest the quotation, outwards.
pub(super) fn mention_candidates<'t>(toks: &[Token<'t>], after: bool, raws: &mut Vec<Raw<'t>>) {
    let n = toks.len();
    let mut seen = 0;
    let mut i = 0;
    let mut words = 0;
    while i < n && seen < MAX_MENTIONS {
        let k = if after { i } else { n - 1 - i };
        let Some(t) = toks.get(k) else { break };
        if t.is_word {
            words += 1;
        }
        let at = |j: usize| toks.get(j).filter(|t| t.is_capitalized());
        // Longer words are no pronoun: they skip the list.
        let span = if t.is_word && t.text.len() <= PRONOUN_MAX && is_pronoun(t.text) {
            Some((k, k + 1))
        } else if t.is_capitalized() && at(k + 1).is_none() && !after {
            // The last word of a name read backwards: extend to its first word.
            let mut s = k;
            while s > 0 && k - s < 4 && at(s - 1).is_some() {
                s -= 1;
            }
            (s > 0).then_some((s, k + 1)) // a sentence's first word is often no name
        } else if t.is_capitalized() && after && (k == 0 || at(k - 1).is_none()) {
            let mut e = k + 1;
            while e < n && e - k < 4 && at(e).is_some() {
                e += 1;
            }
            Some((k, e))
        } else {
            None
        };
        if let Some(sp) = span.and_then(|s| span_of(toks, s)) {
            raws.push(Raw {
                span: sp,
                role: Role::Mention,
                after,
                cue: "",
                ordinal: seen,
                distance: words,
                lead_in: false,
            });
            seen += 1;
        }
        i += 1;
    }
}

/// Possessives naming whose words these are ("her remark that “…”", "in Lee’s view").
pub(super) fn possessive_candidates<'t>(toks: &[Token<'t>], after: bool, raws: &mut Vec<Raw<'t>>) {
    let near = 12.min(toks.len());
    let mut seen = 0;
    for d in 0..near {
        let k = if after { d } else { toks.len() - 1 - d };
        let Some(t) = toks.get(k) else { continue };
        if !t.is_word {
            continue;
        }
        let pron = ["his", "her", "their"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(t.text));
        if pron || (t.is_possessive() && t.is_capitalized()) {
            raws.push(Raw {
                span: (t.start, t.end),
                role: Role::Possessive,
                after,
                cue: if pron { t.text } else { "'s" },
                ordinal: seen,
                distance: d,
                lead_in: false,
            });
            seen += 1;
            if seen >= 2 {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_pronoun_is_longer_than_the_bound() {
        use crate::attribution::speaker::PRONOUNS;
        assert!(PRONOUNS.iter().all(|p| p.len() <= PRONOUN_MAX));
    }

    #[test]
    fn role_hashes_are_those_of_their_tags() {
        for r in Role::ALL {
            assert_eq!(r.hash(), super::super::features::h(r.tag()));
        }
    }
}
