//! "Name of Country" is often a name and where it is from ("a match against Norrby of
//! Sweden"), two names the tagger ran together.
//!
//! It is split when the article names the part before "of" on its own elsewhere and that
//! part does not end in a word that heads organisations' names: "Bank of England" and
//! "Republic of Ireland" stay whole ("Bank" and "Republic" are never named alone), as do
//! "Cooperative Bank of Japan" and "Liberal Party of Canada" (the bank is the one of Japan)
//! and a name going on after the country ("... of Japan Ltd"). A company suffix before
//! "of" is no sign either way: "Power Corp of Canada" is one name.

use super::doc::Doc;
use super::gazetteer::List;
use crate::Label;
use crate::learn::hash::{self, HashedMap};

type Span = (usize, usize, Label);

/// Longest country name after "of", in tokens.
const MAX_PLACE: usize = 3;

/// Splits every organisation or person "X of Country" into X and the country (LOC) when X
/// stands alone as a name elsewhere in the text and does not end in an organisation word.
pub fn apply(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    if !spans
        .iter()
        .any(|&(s, e, _)| (s + 1..e).any(|k| doc.word(k) == "of"))
    {
        return spans;
    }
    let key =
        |s: usize, e: usize| (s..e).fold(hash::SEED, |h, i| hash::mix(h, doc.words.folded(i)));
    let mut named: HashedMap<()> = HashedMap::default();
    for &(s, e, _) in &spans {
        named.insert(key(s, e), ());
    }
    let country = |i: usize| {
        doc.gaz
            .get(i)
            .is_some_and(|g| g & (1 << (2 * List::Country as u16)) != 0)
    };
    let org_word = |i: usize| {
        doc.gaz
            .get(i)
            .is_some_and(|g| g & (1 << (2 * List::OrgWord as u16)) != 0)
    };
    let place_word =
        |i: usize| doc.word(i).chars().next().is_some_and(char::is_uppercase) && !org_word(i);
    let mut out = Vec::with_capacity(spans.len());
    for (s, e, l) in spans {
        let split = (s + 1..e.saturating_sub(1)).find(|&k| {
            doc.word(k) == "of"
                && e - k - 1 <= MAX_PLACE
                && country(k + 1)
                && (k + 1..e).all(place_word)
                && !org_word(k - 1)
                && named.contains_key(&key(s, k))
        });
        match split {
            Some(k) if matches!(l, Label::Org | Label::Person) => {
                out.push((s, k, l));
                out.push((k + 1, e, Label::Loc));
            }
            _ => out.push((s, e, l)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_firm_or_club_of_a_country_is_two_names() {
        let d = Doc::new("Velcom met Norrby of Sweden ; Norrby won");
        let spans = vec![(0, 1, Label::Org), (2, 5, Label::Org), (6, 7, Label::Org)];
        assert_eq!(
            apply(&d, spans),
            vec![
                (0, 1, Label::Org),
                (2, 3, Label::Org),
                (4, 5, Label::Loc),
                (6, 7, Label::Org)
            ]
        );
    }

    #[test]
    fn heads_of_longer_names_keep_them_whole() {
        let d = Doc::new(
            "the Bank of Japan and the Republic of Ireland ; Velcom of Tokyo Bay ; Velcom of Japan Ltd ; Velcom ; Velcom Bank of Japan ; Velcom Bank",
        );
        let spans = vec![
            (1, 4, Label::Org),
            (6, 9, Label::Loc),
            (10, 14, Label::Org),
            (15, 19, Label::Org),
            (20, 21, Label::Org),
            (22, 26, Label::Org),
            (27, 29, Label::Org),
        ];
        assert_eq!(apply(&d, spans.clone()), spans);
    }
}
