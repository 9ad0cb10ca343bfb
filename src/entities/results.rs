//! Results rows: a line that is only "Home 21 Away 13" names two sides, so a side the
//! tagger left untagged is still a name, labelled like the sides it did tag.
//!
//! Results tables list club after club the tagger has never seen ("Orrell 13 Bath 56"); each
//! row's shape says where the names are even when the words say nothing. A side is filled
//! in only when the article's other rows have tagged sides (two or more), and takes their
//! most common label, so a row of a table of something else is left alone.

use super::doc::Doc;
use super::tokenize::{F_DIGIT, F_INIT_UPPER, F_LINE_START, F_LOWER, F_TABLE_LINE, F_UPPER};
use crate::Label;

type Span = (usize, usize, Label);

/// Most words in a side's name.
const MAX_SIDE: usize = 4;

/// The two sides of a results row: `(start, end)` token ranges.
type Sides = [(usize, usize); 2];

/// Adds a span for every untagged side of every results row, labelled with the most common
/// label of the tagged sides of the article's rows; keeps `spans` sorted.
pub fn apply(doc: &Doc, spans: &mut Vec<Span>) {
    if !doc.toks.iter().any(|t| t.flags & F_TABLE_LINE != 0) {
        return;
    }
    let rows = rows(doc);
    if rows.is_empty() {
        return;
    }
    // Spans are sorted and apart: the one at or after a place is found by halving.
    let at = |s: usize| spans.get(spans.partition_point(|sp| sp.0 < s)).copied();
    let free = |s: usize, e: usize| {
        let k = spans.partition_point(|sp| sp.1 <= s);
        spans.get(k).is_none_or(|sp| sp.0 >= e)
    };
    let mut votes = [
        (Label::Person, 0),
        (Label::Org, 0),
        (Label::Loc, 0),
        (Label::Misc, 0),
    ];
    for &(s, e) in rows.iter().flatten() {
        if let Some(sp) = at(s).filter(|sp| sp.0 == s && sp.1 == e) {
            votes
                .iter_mut()
                .filter(|v| v.0 == sp.2)
                .for_each(|v| v.1 += 1);
        }
    }
    let Some(&(label, n)) = votes.iter().max_by_key(|v| v.1) else {
        return;
    };
    if n < 2 {
        return;
    }
    let added: Vec<Span> = rows
        .iter()
        .flatten()
        .filter(|&&(s, e)| free(s, e))
        .map(|&(s, e)| (s, e, label))
        .collect();
    if !added.is_empty() {
        spans.extend(added);
        spans.sort_unstable_by_key(|sp| sp.0);
    }
}

/// Every line of the form "Capitalised words, number, capitalised words, number".
fn rows(doc: &Doc) -> Vec<Sides> {
    let toks = &doc.toks;
    let n = toks.len();
    let mut out = Vec::new();
    let mut start = 0;
    while start < n {
        let next = toks
            .iter()
            .skip(start + 1)
            .position(|t| t.flags & F_LINE_START != 0)
            .map_or(n, |k| start + 1 + k);
        // The tokenizer marked every line that may be a table row (two numbers, few
        // lowercase words); only those are looked at, by their flags, and a row's words read.
        let table = toks.get(start).is_some_and(|t| t.flags & F_TABLE_LINE != 0);
        let end = if table { next } else { start };
        let (mut numbers, mut other) = (0, false);
        for t in toks.iter().take(end).skip(start) {
            if t.flags & (F_UPPER | F_LOWER) == 0 && t.flags & F_DIGIT != 0 {
                numbers += 1;
            } else if t.flags & F_INIT_UPPER == 0 {
                other = true;
            }
        }
        let short = end - start <= 2 * MAX_SIDE + 2;
        if table
            && short
            && numbers == 2
            && !other
            && let Some(sides) = row(doc, start, end)
        {
            out.push(sides);
        }
        start = next;
    }
    out
}

/// The sides of the line `start..end` if it is a results row.
fn row(doc: &Doc, start: usize, end: usize) -> Option<Sides> {
    let number = |i: usize| {
        let w = doc.word(i);
        !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
    };
    let name = |i: usize| doc.flags(i) & F_INIT_UPPER != 0 && !number(i);
    let mut cuts = (start..end).filter(|&i| number(i));
    let (first, second) = (cuts.next()?, cuts.next()?);
    let sides = [(start, first), (first + 1, second)];
    let shaped = cuts.next().is_none()
        && second + 1 == end
        && sides
            .iter()
            .all(|&(s, e)| s < e && e - s <= MAX_SIDE && (s..e).all(name));
    shaped.then_some(sides)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untagged_sides_of_rows_take_the_rows_label() {
        let d = Doc::new("Results:\nRedfield 21 Stoneham 13\nAshby Vale 7 Northgate 30");
        // Tokens: Results : / Redfield 21 Stoneham 13 / Ashby Vale 7 Northgate 30 (from 0)
        let mut spans = vec![(2, 3, Label::Org), (4, 5, Label::Org), (9, 10, Label::Loc)];
        apply(&d, &mut spans);
        assert_eq!(
            spans,
            vec![
                (2, 3, Label::Org),
                (4, 5, Label::Org),
                (6, 8, Label::Org),
                (9, 10, Label::Loc)
            ],
            "the untagged side is added; tagged sides keep their label"
        );
    }

    #[test]
    fn rows_need_tagged_sides_and_the_exact_shape() {
        let d = Doc::new("Redfield 21 Stoneham 13\nThe Redfield 21 Stoneham 13 in May");
        let mut spans = vec![(0, 1, Label::Org)];
        apply(&d, &mut spans);
        assert_eq!(
            spans,
            vec![(0, 1, Label::Org)],
            "one tagged side is too few"
        );
        let d = Doc::new("Redfield 21 Stoneham 13\nAshby 7 Northgate 30 in May");
        let mut spans = vec![(0, 1, Label::Org), (2, 3, Label::Org)];
        apply(&d, &mut spans);
        assert_eq!(spans.len(), 2, "a line with more than the row is no row");
    }
}
