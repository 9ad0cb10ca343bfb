//! Runs of name candidates: maximal stretches of consecutive candidate tokens on one line
//! ("Bank of England", "Greater Milwaukee Open").
//!
//! A left-to-right tagger sees only two words ahead, but the label of a long name is often
//! told by its last word ("Open", "Ministry", "Inc.") and its boundaries by the words just
//! outside it; the run gives every token of the stretch those words.

use super::tokenize::{F_LINE_START, Token};

/// Sets `runs` (cleared first, its room perhaps made by a former text) to the
/// `(first, last + 1)` token of the run holding each token; `(i, i)` (empty) for a token
/// that is no candidate.
pub fn compute(toks: &[Token], cand: &[bool], runs: &mut Vec<(u32, u32)>) {
    let n = toks.len();
    runs.clear();
    runs.resize(n, (0, 0));
    let is_cand = |i: usize| cand.get(i).copied().unwrap_or(false);
    let mut i = 0;
    while i < n {
        if !is_cand(i) {
            runs[i] = (i as u32, i as u32);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < n && is_cand(end) && toks.get(end).is_some_and(|t| t.flags & F_LINE_START == 0)
        {
            end += 1;
        }
        runs[i..end].fill((i as u32, end as u32));
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::super::doc::Doc;

    #[test]
    fn runs_span_candidates_and_stop_at_line_ends() {
        let d = Doc::new("we met Bank of England staff\nLONDON TODAY\nParis");
        assert_eq!(d.runs[0], (0, 0), "a lowercase word is in no run");
        assert_eq!(d.runs[2], (2, 5));
        assert_eq!(d.runs[4], (2, 5), "a connector joins the run");
        assert_eq!(d.runs[6], (6, 8));
        assert_eq!(d.runs[8], (8, 9), "a line end splits a run");
    }
}
