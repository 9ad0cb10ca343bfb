//! Datelines. A news story opens with the place it was filed from and the date ("NICE,
//! France 1996-08-30"); the names on that line are places, even when the article is about
//! the football club of the same name and every other mention of it is an organisation.

use super::doc::Doc;
use super::tokenize::{F_LINE_START, F_UPPER};
use crate::Label;

type Span = (usize, usize, Label);

/// Whether token `i` is a numeric date such as "1996-08-30" or "30/08/1996".
fn is_date(doc: &Doc, i: usize) -> bool {
    let w = doc.word(i);
    w.len() >= 8
        && w.bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'/')
        && w.bytes().any(|b| b == b'-' || b == b'/')
}

/// The token after the last of line `line_start`'s tokens, if the line is a dateline:
/// capitalised words and commas, then a numeric date ending the line.
fn dateline_end(doc: &Doc, line_start: usize) -> Option<usize> {
    let n = doc.toks.len();
    let mut j = line_start;
    while j < n {
        if j > line_start && doc.flags(j) & F_LINE_START != 0 {
            return None;
        }
        if is_date(doc, j) {
            let ends = j + 1 >= n || doc.flags(j + 1) & F_LINE_START != 0;
            return (j > line_start && ends).then_some(j);
        }
        if doc.flags(j) & F_UPPER == 0 && doc.word(j) != "," {
            return None;
        }
        j += 1;
    }
    None
}

/// Relabels the names of dateline lines as places.
pub fn apply(doc: &Doc, spans: &mut [Span]) {
    let mut k = 0;
    while k < spans.len() {
        let s = spans[k].0;
        if doc.flags(s) & F_LINE_START == 0 {
            k += 1;
            continue;
        }
        let Some(date) = dateline_end(doc, s) else {
            k += 1;
            continue;
        };
        while let Some(sp) = spans.get_mut(k).filter(|sp| sp.1 <= date) {
            sp.2 = Label::Loc;
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dateline_names_are_places() {
        let doc = Doc::new("NICE WIN AGAIN\nNICE, France 1996-08-30\nNice beat Lyon 2-0.");
        let mut spans = vec![
            (0, 1, Label::Org),
            (3, 4, Label::Org),
            (5, 6, Label::Loc),
            (7, 8, Label::Org),
        ];
        apply(&doc, &mut spans);
        let labels: Vec<Label> = spans.iter().map(|s| s.2).collect();
        assert_eq!(
            labels,
            [Label::Org, Label::Loc, Label::Loc, Label::Org],
            "only the dateline's names move"
        );
    }

    #[test]
    fn a_line_with_lowercase_words_is_no_dateline() {
        let doc = Doc::new("Smith joined Nice 1996-08-30");
        let mut spans = vec![(0, 1, Label::Person), (2, 3, Label::Org)];
        apply(&doc, &mut spans);
        assert_eq!(spans[0].2, Label::Person);
        assert_eq!(spans[1].2, Label::Org);
        let doc = Doc::new("Nice 1996-08-30 Lyon");
        let mut spans = vec![(0, 1, Label::Org)];
        apply(&doc, &mut spans);
        assert_eq!(spans[0].2, Label::Org, "the date must end the line");
    }
}
