//! Names that end in "'s" ("Moody's", "Sotheby's"): the tokenizer splits the possessive off
//! every name, but a name whose "'s" form stands where nothing is possessed ("Moody's said",
//! "a bid for Moody's.") carries the "'s" as part of the name, in that article everywhere.
//!
//! Such names are shops, firms and grounds named after their founder, never the person:
//! one the tagger took for a person becomes an organisation.

use super::doc::Doc;
use super::tokenize::F_LINE_START;
use crate::Label;
use crate::learn::hash::{self, HashedMap};

type Span = (usize, usize, Label);

/// Words after "X's" that show nothing of X's is meant: X's is the subject or the object.
const AFTER_NAME: &[&str] = &[
    ".", ",", ";", ":", "said", "says", "was", "is", "has", "had", "will", "would",
];

/// Extends every span followed by "'s" over it when the same name stands with its "'s" and
/// nothing possessed after it somewhere in the text; a person so extended becomes an
/// organisation.
pub fn apply(doc: &Doc, spans: &mut [Span]) {
    let is_possessive = |i: usize| matches!(doc.word(i), "'s" | "\u{2019}s" | "'S");
    if !spans.iter().any(|sp| is_possessive(sp.1)) {
        return;
    }
    let key =
        |s: usize, e: usize| (s..e).fold(hash::SEED, |h, i| hash::mix(h, doc.words.folded(i)));
    let stands_alone = |e: usize| {
        doc.flags(e + 1) & F_LINE_START != 0
            || e + 1 >= doc.toks.len()
            || AFTER_NAME.contains(&doc.word(e + 1))
    };
    let mut named: HashedMap<()> = HashedMap::default();
    for sp in spans.iter() {
        if is_possessive(sp.1) && stands_alone(sp.1) {
            named.insert(key(sp.0, sp.1), ());
        }
    }
    if named.is_empty() {
        return;
    }
    for (s, e, l) in spans.iter_mut() {
        if is_possessive(*e) && named.contains_key(&key(*s, *e)) {
            *e += 1;
            if *l == Label::Person {
                *l = Label::Org;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_standing_with_their_s_keep_it() {
        let d =
            Doc::new("Harlow's shares rose.\nHarlow's said profit fell, and Kemp's staff left.");
        // Harlow 's shares rose . / Harlow 's said profit fell , and Kemp 's staff left .
        let mut spans = vec![
            (0, 1, Label::Person),
            (5, 6, Label::Org),
            (13, 14, Label::Person),
        ];
        apply(&d, &mut spans);
        assert_eq!(
            spans,
            vec![
                (0, 2, Label::Org),
                (5, 7, Label::Org),
                (13, 14, Label::Person)
            ],
            "Harlow's everywhere; Kemp's staff is Kemp's"
        );
    }

    #[test]
    fn possessives_alone_are_left() {
        let d = Doc::new("Kemp's staff left.");
        let mut spans = vec![(0, 1, Label::Person)];
        apply(&d, &mut spans);
        assert_eq!(spans, vec![(0, 1, Label::Person)]);
    }
}
