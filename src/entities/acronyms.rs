//! An acronym introduced in parentheses after its long form names the same thing: in "The
//! World Health Organization (WHO) warned ..., and WHO experts will travel" both "WHO" are
//! the organisation, though the tagger, reading a capitalised "who", may miss them. The
//! acronym takes the long form's label in the parentheses and wherever else the article
//! writes it the same way. A person's initials are left alone.

use super::aliases::{acronym, initials};
use super::doc::Doc;
use super::tokenize::{F_LOWER, F_UPPER};
use crate::Label;

type Span = (usize, usize, Label);

/// Adds the untagged mentions of every acronym introduced after its long form to `spans`
/// (kept in text order).
pub fn apply(doc: &Doc, spans: &mut Vec<Span>) {
    let mut introduced: Vec<(&str, Label)> = Vec::new();
    for &(s, e, label) in spans.iter() {
        let (first, last) = (doc.toks.get(s), doc.toks.get(e.wrapping_sub(1)));
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let long = doc.text.get(first.start..last.end).unwrap_or_default();
        let short = doc.word(e + 1);
        let caps = doc.flags(e + 1) & (F_UPPER | F_LOWER) == F_UPPER;
        // People's initials sit inside their names ("Alan John Percivale (A.J.P.) Taylor").
        if e - s >= 2
            && label != Label::Person
            && doc.word(e) == "("
            && doc.word(e + 2) == ")"
            && caps
            && acronym(short).is_some_and(|a| initials(long) == Some(a))
        {
            introduced.push((short, label));
        }
    }
    if introduced.is_empty() {
        return;
    }
    let mut tagged = vec![false; doc.toks.len()];
    for &(s, e, _) in spans.iter() {
        tagged.iter_mut().take(e).skip(s).for_each(|t| *t = true);
    }
    let before = spans.len();
    for (i, _) in tagged.iter().enumerate().filter(|&(_, &t)| !t) {
        let w = doc.word(i);
        if let Some(&(_, label)) = introduced.iter().find(|&&(a, _)| a == w) {
            spans.push((i, i + 1, label));
        }
    }
    if spans.len() > before {
        spans.sort_unstable_by_key(|sp| sp.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(text: &str, spans: &[Span]) -> Vec<(String, Label)> {
        let doc = Doc::new(text);
        let mut out = spans.to_vec();
        apply(&doc, &mut out);
        out.iter()
            .filter(|sp| !spans.contains(sp))
            .map(|&(s, e, l)| ((s..e).map(|i| doc.word(i)).collect::<Vec<_>>().join(" "), l))
            .collect()
    }

    #[test]
    fn an_acronym_after_its_long_form_is_tagged_everywhere() {
        let text = "The World Health Organization (WHO) warned, and WHO experts will go.";
        // "The World Health Organization" is tokens 0..4, "(" 4, "WHO" 5, ")" 6.
        let got = added(text, &[(1, 4, Label::Org)]);
        assert_eq!(
            got,
            [
                ("WHO".to_string(), Label::Org),
                ("WHO".to_string(), Label::Org)
            ]
        );
    }

    #[test]
    fn letters_must_be_the_initials_and_tagged_mentions_stay() {
        let text = "The World Health Organization (UN) warned, and UN experts will go.";
        assert!(added(text, &[(1, 4, Label::Org)]).is_empty());
        let text = "The World Health Organization (WHO) warned, and WHO experts will go.";
        let got = added(
            text,
            &[(1, 4, Label::Org), (5, 6, Label::Org), (10, 11, Label::Org)],
        );
        assert!(got.is_empty(), "{got:?}");
        // A person's initials are not an acronym of this kind.
        let text = "Alan John Percivale (AJP) Taylor died.";
        assert!(added(text, &[(0, 3, Label::Person)]).is_empty());
        // A lowercase "who" is the pronoun.
        let text = "The World Health Organization (WHO) said who would go.";
        assert_eq!(added(text, &[(1, 4, Label::Org)]).len(), 1);
    }
}
