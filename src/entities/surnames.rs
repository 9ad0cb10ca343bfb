//! A person named in full and then by surname alone: the tagger, seeing the lone surname
//! without a first name beside it, sometimes takes it for an organisation ("Mayor Helen
//! Okafor said ... Okafor added"). A lone word the tagger calls an organisation that is the
//! last word of a person named earlier in the same article is that person.
//!
//! Only organisations change: a place that shares a person's surname ("Whitney Houston" and
//! "Houston") is left alone, and so is a word named before the person is.

use super::doc::Doc;
use crate::Label;
use crate::learn::hash::HashedMap;

type Span = (usize, usize, Label);

/// Relabels as persons the one-word organisations whose word ended a longer person's name
/// earlier in the text.
pub fn apply(doc: &Doc, spans: &mut [Span]) {
    let mut surnames: HashedMap<()> = HashedMap::default();
    for sp in spans.iter_mut() {
        let (s, e, label) = *sp;
        if label == Label::Person && e > s + 1 {
            surnames.insert(doc.words.folded(e - 1), ());
        } else if label == Label::Org && e == s + 1 && surnames.contains_key(&doc.words.folded(s)) {
            sp.2 = Label::Person;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str, spans: &mut [Span]) -> Vec<Label> {
        let d = Doc::new(text);
        apply(&d, spans);
        spans.iter().map(|s| s.2).collect()
    }

    #[test]
    fn a_surname_after_the_full_name_is_the_person() {
        // Mayor Helen Okafor said . Okafor added .
        let mut spans = vec![(1, 3, Label::Person), (5, 6, Label::Org)];
        let got = labels("Mayor Helen Okafor said. Okafor added.", &mut spans);
        assert_eq!(got, [Label::Person, Label::Person]);
    }

    #[test]
    fn places_and_earlier_words_keep_their_label() {
        // Houston . Whitney Houston sang in Houston .
        let mut spans = vec![
            (0, 1, Label::Org),
            (2, 4, Label::Person),
            (6, 7, Label::Loc),
        ];
        let got = labels("Houston. Whitney Houston sang in Houston.", &mut spans);
        assert_eq!(got, [Label::Org, Label::Person, Label::Loc]);
    }
}
