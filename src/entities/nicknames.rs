//! A nickname in quotes between a first name and a surname is part of the person's name:
//! "Roberto "Hands of Stone" Duran" is one person, not "Roberto" and "Duran" apart.

use super::doc::Doc;
use super::tokenize::{F_LINE_START, F_UPPER};
use crate::Label;

type Span = (usize, usize, Label);

/// The longest nickname, in words.
const MAX_WORDS: usize = 5;

/// Joins `A "B" C` into one person when the tagger named a person just before the opening
/// quote and one just after the closing quote, dropping whatever it found inside.
pub fn apply(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if let Some(prev) = out.iter().rposition(|&(_, _, l)| l == Label::Person)
            && let Some(&(s, e, _)) = out.get(prev)
            && span.2 == Label::Person
            && let Some(close) = nickname_end(doc, e)
            && close + 1 == span.0
        {
            out.truncate(prev);
            out.push((s, span.1, Label::Person));
            continue;
        }
        out.push(span);
    }
    out
}

/// If token `open` starts a quoted run of one to [`MAX_WORDS`] capitalised words (or
/// connectors) on one line, the closing quote's token.
fn nickname_end(doc: &Doc, open: usize) -> Option<usize> {
    let quote = |i: usize| matches!(doc.word(i), "\"" | "\u{201c}" | "\u{201d}");
    if !quote(open) {
        return None;
    }
    let first = open + 1;
    (first..first + MAX_WORDS + 1)
        .take_while(|&i| i < doc.toks.len() && doc.flags(i) & F_LINE_START == 0)
        .find(|&i| quote(i) || !(doc.flags(i) & F_UPPER != 0 || i > first))
        .filter(|&i| i > first && quote(i))
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
