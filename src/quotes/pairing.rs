//! Pairing quote marks into candidate quotations.
//!
//! Double marks pair within a paragraph; single marks pair only outside a double quotation
//! (inside one they are nested quotes and stay part of its words). A mark that faces the wrong
//! way or never closes degrades gracefully: a stray closing mark is ignored, a second curly
//! opening mark restarts the quotation, and an opening mark left open at a paragraph end
//! yields a quotation up to that end only when the next paragraph opens with a quote mark (the
//! newspaper convention for a quotation running over several paragraphs).

use crate::text::{Facing, Mark, Weight, scan_marks};

/// A quotation found by pairing marks, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Offset of the opening mark.
    pub open: usize,
    /// Offset of the first quoted byte (after the opening mark).
    pub start: usize,
    /// Offset just past the last quoted byte (before the closing mark).
    pub end: usize,
    /// Offset just past the closing mark (equals `end` when unclosed).
    pub close: usize,
    /// Runs to a paragraph end without a closing mark.
    pub unclosed: bool,
    /// Marked with single quote marks.
    pub single: bool,
    /// The opening mark is the first thing on its line.
    pub starts_paragraph: bool,
}

/// Whether the mark at `m` is the low opening mark `„`, which German closes with `“`.
fn is_low_open(text: &str, m: &Mark) -> bool {
    text.get(m.pos..m.end()) == Some("„")
}

fn is_curly_open(text: &str, m: &Mark) -> bool {
    matches!(text.get(m.pos..m.end()), Some("“" | "«" | "„"))
}

/// End of the line containing `pos`, without trailing whitespace.
fn line_end(text: &str, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let mut e = bytes
        .get(pos..)
        .and_then(|b| b.iter().position(|&c| c == b'\n'))
        .map_or(bytes.len(), |p| pos + p);
    while e > pos && bytes.get(e - 1).is_some_and(|b| b.is_ascii_whitespace()) {
        e -= 1;
    }
    e
}

/// Whether the next non-blank line after `pos` starts with an opening double mark.
fn next_line_opens_quote(text: &str, pos: usize, marks: &[Mark], next_mark: usize) -> bool {
    let Some(m) = marks.get(next_mark) else {
        return false;
    };
    if m.weight != Weight::Double || m.facing == Facing::Close {
        return false;
    }
    let Some(gap) = text.get(pos..m.pos) else {
        return false;
    };
    gap.contains('\n') && gap.rsplit('\n').next().is_some_and(|l| l.trim().is_empty())
}

/// Words an unclosed quotation needs to stand on its own when no quotation continues it in
/// the next paragraph: a stray opening mark is seldom followed by that much speech.
const MIN_UNCLOSED_WORDS: usize = 8;

fn long_enough(text: &str, start: usize, end: usize) -> bool {
    text.get(start..end).is_some_and(|q| {
        q.split_whitespace().take(MIN_UNCLOSED_WORDS).count() >= MIN_UNCLOSED_WORDS
    })
}

fn starts_line(text: &str, pos: usize) -> bool {
    crate::sentences::starts_line(text, pos)
}

/// Pairs the quote marks of `text` into candidate quotations, in text order.
pub fn pair(text: &str) -> Vec<Candidate> {
    let marks = scan_marks(text);
    // Sized for the usual pairing, one candidate per two marks, so it seldom grows.
    let mut out = Vec::with_capacity(marks.len() / 2 + 1);
    let mut open: Option<Mark> = None;
    let mut single_open: Option<Mark> = None;
    let mut last_pos = 0;
    let make = |o: &Mark, start: usize, end: usize, close: usize, unclosed: bool| Candidate {
        open: o.pos,
        start,
        end,
        close,
        unclosed,
        single: o.weight == Weight::Single,
        starts_paragraph: starts_line(text, o.pos),
    };
    for (idx, m) in marks.iter().enumerate() {
        let new_line = text.get(last_pos..m.pos).is_some_and(|g| g.contains('\n'));
        last_pos = m.end();
        if new_line {
            if let Some(o) = open.take() {
                let e = line_end(text, o.end());
                if e > o.end()
                    && (next_line_opens_quote(text, o.end(), &marks, idx)
                        || long_enough(text, o.end(), e))
                {
                    out.push(make(&o, o.end(), e, e, true));
                }
            }
            single_open = None;
        }
        match m.weight {
            Weight::Double => match open {
                None => {
                    if m.facing != Facing::Close {
                        open = Some(*m);
                        single_open = None;
                    }
                }
                Some(o) => {
                    // A left mark typed as a closing one (`“It's unusual,“ said`) closes.
                    let restart = m.facing == Facing::Open
                        && is_curly_open(text, m)
                        && !is_low_open(text, &o);
                    if restart {
                        open = Some(*m);
                    } else {
                        if m.pos > o.end() {
                            out.push(make(&o, o.end(), m.pos, m.end(), false));
                        }
                        open = None;
                    }
                }
            },
            Weight::Single => {
                if open.is_some() {
                    continue;
                }
                match (single_open, m.facing) {
                    (None, Facing::Open) => single_open = Some(*m),
                    (Some(o), Facing::Close | Facing::Either) => {
                        if m.pos > o.end() {
                            out.push(make(&o, o.end(), m.pos, m.end(), false));
                        }
                        single_open = None;
                    }
                    (Some(_), Facing::Open) => single_open = Some(*m),
                    _ => {}
                }
            }
        }
    }
    // A quotation still open after the last mark runs to its paragraph end.
    if let Some(o) = open {
        let e = line_end(text, o.end());
        if e > o.end() && long_enough(text, o.end(), e) {
            out.push(make(&o, o.end(), e, e, true));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        pair(text).iter().map(|c| &text[c.start..c.end]).collect()
    }

    #[test]
    fn pairs_curly_straight_and_double_apostrophes() {
        assert_eq!(
            quoted("“a b” and \"c d\" and ''e f''"),
            vec!["a b", "c d", "e f"]
        );
    }

    #[test]
    fn a_left_mark_typed_for_a_closing_one_closes() {
        assert_eq!(
            quoted("“It's unusual,“ said Lee. “It's hard.”"),
            vec!["It's unusual,", "It's hard."]
        );
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(quoted("“He said ‘no’ twice”"), vec!["He said ‘no’ twice"]);
    }

    #[test]
    fn top_level_single_quotes_are_candidates() {
        let c = pair("‘We won,’ she said.");
        assert_eq!(c.len(), 1);
        assert!(c[0].single);
    }

    #[test]
    fn apostrophes_do_not_pair() {
        assert!(quoted("Xi’s and the Joneses’ cars, don't").is_empty());
    }

    #[test]
    fn multi_paragraph_quotation_is_cut_per_paragraph() {
        let t = "“First part.\n\n“Second part,” he said.";
        let c = pair(t);
        assert_eq!(quoted(t), vec!["First part.", "Second part,"]);
        assert!(c[0].unclosed && !c[1].unclosed);
        assert!(c[1].starts_paragraph);
    }

    #[test]
    fn unclosed_mark_without_continuation_is_dropped() {
        assert!(quoted("“Open forever\n\nNext paragraph.").is_empty());
    }

    #[test]
    fn long_unclosed_quotation_stands_alone() {
        let t = "He said, “we will keep going until every vote is counted\n\nNext paragraph.";
        assert_eq!(
            quoted(t),
            vec!["we will keep going until every vote is counted"]
        );
    }

    #[test]
    fn stray_closer_is_ignored_and_curly_opener_restarts() {
        assert_eq!(quoted("a” b “c “d e”"), vec!["d e"]);
    }

    #[test]
    fn low_marks_close_with_high_marks() {
        assert_eq!(quoted("„Wir schaffen das“"), vec!["Wir schaffen das"]);
    }
}
