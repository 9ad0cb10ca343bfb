//! Names of sporting events are MISC whatever the tagger made of their first words: a name
//! of several words ending in "Open", "Cup" or "Grand Prix" is a tournament or a race
//! ("Greater Milwaukee Open", not a person; "BellSouth Classic", not a place).
//!
//! "Games" is left out: titles and horses are named "Mind Games".
//!
//! In an all-caps headline, where case tells nothing, a round or report word after the
//! event's name is not part of it ("HONG KONG OPEN SEMIFINAL RESULTS" names the Hong Kong
//! Open); in running text a capitalised "Grand Prix Final" is a name of its own.

use super::doc::Doc;
use super::tokenize::F_CAPS_LINE;
use crate::Label;

type Span = (usize, usize, Label);

/// Last words that make a name of several words an event.
const EVENT_HEADS: &[&str] = &[
    "open",
    "cup",
    "classic",
    "championship",
    "championships",
    "masters",
    "prix",
    "stakes",
    "trophy",
];

/// Words of a headline that follow an event's name: its rounds and reports.
const ROUNDS: &[&str] = &[
    "final",
    "finals",
    "semifinal",
    "semifinals",
    "semi-final",
    "semi-finals",
    "quarter-final",
    "quarter-finals",
    "quarterfinal",
    "quarterfinals",
    "qualifier",
    "build-up",
    "results",
    "scores",
    "standings",
];

fn is_event_head(w: &str) -> bool {
    EVENT_HEADS.iter().any(|h| h.eq_ignore_ascii_case(w))
}

/// Relabels every name of several words ending in an [`EVENT_HEADS`] word as MISC, first
/// dropping a headline's [`ROUNDS`] word after such a word.
pub fn apply(doc: &Doc, spans: &mut [Span]) {
    for (s, e, l) in spans.iter_mut() {
        if *e > *s + 2
            && doc.flags(*s) & F_CAPS_LINE != 0
            && ROUNDS
                .iter()
                .any(|r| r.eq_ignore_ascii_case(doc.word(*e - 1)))
            && is_event_head(doc.word(*e - 2))
        {
            *e -= 1;
        }
        let last = doc.word(e.wrapping_sub(1));
        if *e > *s + 1 && is_event_head(last) {
            *l = Label::Misc;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_rounds_after_an_event_are_dropped() {
        let d = Doc::new("TENNIS - PALM BAY OPEN FINAL.\nThe Palm Bay Open Final is on.");
        let mut spans = vec![(2, 6, Label::Org), (8, 12, Label::Misc)];
        apply(&d, &mut spans);
        assert_eq!(
            spans,
            vec![(2, 5, Label::Misc), (8, 12, Label::Misc)],
            "only in an all-caps headline"
        );
    }

    #[test]
    fn tournaments_are_misc() {
        let d = Doc::new("Woods led the Greater Milwaukee Open and the Open");
        let mut spans = vec![
            (3, 6, Label::Person),
            (8, 9, Label::Org),
            (0, 1, Label::Person),
        ];
        apply(&d, &mut spans);
        assert_eq!(
            spans,
            vec![
                (3, 6, Label::Misc),
                (8, 9, Label::Org),
                (0, 1, Label::Person)
            ],
            "a single word is left as tagged"
        );
    }
}
