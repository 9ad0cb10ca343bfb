//! Names of sporting events are MISC whatever the tagger made of their first words: a name
//! of several words ending in "Open", "Cup" or "Grand Prix" is a tournament or a race
//! ("Greater Milwaukee Open", not a person; "BellSouth Classic", not a place).
//!
//! "Games" is left out: titles and horses are named "Mind Games".

use super::doc::Doc;
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

/// Relabels every name of several words ending in an [`EVENT_HEADS`] word as MISC.
pub fn apply(doc: &Doc, spans: &mut [Span]) {
    for (s, e, l) in spans.iter_mut() {
        let last = doc.word(e.wrapping_sub(1));
        if *e > *s + 1 && EVENT_HEADS.iter().any(|h| h.eq_ignore_ascii_case(last)) {
            *l = Label::Misc;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
