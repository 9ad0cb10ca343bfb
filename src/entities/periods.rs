//! The period after a company suffix that ends a sentence ("... said Acme Corp.") is the
//! sentence's full stop, written once for both: newswire tokenisation gives it to the
//! sentence, so the name ends before it ("Acme Corp").
//!
//! Only company and family suffixes are taken: after "U.S." or "Calif." the name keeps its
//! period as often as not.

use super::doc::Doc;
use super::tokenize::F_LINE_START;

/// Suffixes whose period at a sentence's end is the full stop.
const SUFFIXES: &[&str] = &[
    "inc.", "corp.", "co.", "ltd.", "plc.", "bros.", "jr.", "cos.",
];

/// Bytes to take off the end of a name whose last token is `last`: 1 when it is a
/// [`SUFFIXES`] word closing its line (only closing quotes or brackets after it), else 0.
pub fn trailing_stop(doc: &Doc, last: usize) -> usize {
    let w = doc.word(last);
    if !w.ends_with('.') || !SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(w)) {
        return 0;
    }
    let mut i = last + 1;
    while i < doc.toks.len()
        && doc.flags(i) & F_LINE_START == 0
        && matches!(doc.word(i), "\"" | ")" | "\u{201d}")
    {
        i += 1;
    }
    usize::from(i >= doc.toks.len() || doc.flags(i) & F_LINE_START != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suffix_closing_the_line_gives_up_its_period() {
        let d = Doc::new(
            "He joined Acme Corp.\n\"We sold it to Zeta Inc.\"\nAcme Corp. said so. Ask U.S.",
        );
        let stops: Vec<(&str, usize)> = (0..d.toks.len())
            .filter(|&i| d.word(i).ends_with('.') && d.word(i).len() > 1)
            .map(|i| (d.word(i), trailing_stop(&d, i)))
            .collect();
        assert_eq!(
            stops,
            vec![("Corp.", 1), ("Inc.", 1), ("Corp.", 0), ("U.S.", 0)],
            "mid-line suffixes and other abbreviations keep theirs"
        );
    }
}
