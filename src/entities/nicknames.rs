//! A nickname in quotes between a first name and a surname is part of the person's name:
//! "Roberto "Hands of Stone" Duran" is one person, not "Roberto" and "Duran" apart.

use super::doc::Doc;
use super::gazetteer::List;
use super::tokenize::{F_LINE_START, F_UPPER};
use crate::Label;

type Span = (usize, usize, Label);

/// The longest nickname, in words.
const MAX_WORDS: usize = 5;

/// Joins `A "B" C` into one person when the tagger named a person just after the closing
/// quote and, just before the opening quote, either named a person or left a first name
/// (from the word lists) untagged; whatever it found inside the quotes is dropped.
pub fn apply(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let first_name_bit = 1u16 << (2 * List::FirstName as u16);
    let first_name = |i: usize| doc.gaz.get(i).is_some_and(|g| g & first_name_bit != 0);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        let (s, e, l) = span;
        // Only a person right after a closing quote is looked at.
        let after_quote = l == Label::Person && s > 0 && is_quote(doc, s - 1);
        let open = (s.saturating_sub(MAX_WORDS + 2)..s.saturating_sub(1))
            .filter(|_| after_quote)
            .find(|&o| nickname_end(doc, o).is_some_and(|c| c + 1 == s));
        if let Some(open) = open {
            let before = out
                .iter()
                .rev()
                .find(|&&(_, pe, _)| pe <= open)
                .filter(|&&(_, pe, pl)| pe == open && pl == Label::Person)
                .map(|&(ps, _, _)| ps);
            let start = before.or_else(|| {
                let f = open.checked_sub(1)?;
                // Spans are in order: only the last few can cover `f` (linear time).
                let free = out
                    .iter()
                    .rev()
                    .find(|&&(ps, _, _)| ps <= f)
                    .is_none_or(|&(_, pe, _)| pe <= f);
                (free && first_name(f) && doc.flags(open) & F_LINE_START == 0).then_some(f)
            });
            if let Some(start) = start {
                while out.last().is_some_and(|&(_, pe, _)| pe > start) {
                    out.pop();
                }
                out.push((start, e, Label::Person));
                continue;
            }
        }
        out.push(span);
    }
    out
}

/// If token `open` starts a quoted run of one to [`MAX_WORDS`] capitalised words (or
/// connectors) on one line, the closing quote's token.
fn nickname_end(doc: &Doc, open: usize) -> Option<usize> {
    let quote = |i: usize| is_quote(doc, i);
    if !quote(open) {
        return None;
    }
    let first = open + 1;
    (first..first + MAX_WORDS + 1)
        .take_while(|&i| i < doc.toks.len() && doc.flags(i) & F_LINE_START == 0)
        .find(|&i| quote(i) || !(doc.flags(i) & F_UPPER != 0 || i > first))
        .filter(|&i| i > first && quote(i))
}

fn is_quote(doc: &Doc, i: usize) -> bool {
    matches!(doc.word(i), "\"" | "\u{201c}" | "\u{201d}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_nickname_joins_first_name_and_surname() {
        let d = Doc::new("boxer Roberto \"Hands of Stone\" Duran fights");
        let n = d.toks.len();
        let duran = (0..n).position(|i| d.word(i) == "Duran").unwrap_or(n);
        let spans = vec![
            (1, 2, Label::Person),
            (3, 6, Label::Misc),
            (duran, duran + 1, Label::Person),
        ];
        assert_eq!(apply(&d, spans), vec![(1, duran + 1, Label::Person)]);
        let d = Doc::new("boxer Hector \"Macho\" Camacho fights");
        let spans = vec![(3, 4, Label::Misc), (5, 6, Label::Person)];
        assert_eq!(
            apply(&d, spans),
            vec![(1, 6, Label::Person)],
            "a first name the tagger left out"
        );
    }

    #[test]
    fn quotes_between_other_names_stay_apart() {
        let d = Doc::new("Smith said \"Jones\" Brown");
        let spans = vec![
            (0, 1, Label::Person),
            (3, 4, Label::Person),
            (5, 6, Label::Person),
        ];
        assert_eq!(
            apply(&d, spans.clone()),
            spans,
            "not right after the person"
        );
        let d = Doc::new("Acme \"Big\" Jones");
        let spans = vec![(0, 1, Label::Org), (4, 5, Label::Person)];
        assert_eq!(apply(&d, spans.clone()), spans, "only people");
    }
}
