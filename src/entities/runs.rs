//! Runs of name candidates: maximal stretches of consecutive candidate tokens on one line
//! ("Bank of England", "Greater Milwaukee Open").
//!
//! A left-to-right tagger sees only two words ahead, but the label of a long name is often
//! told by its last word ("Open", "Ministry", "Inc.") and its boundaries by the words just
//! outside it; the run gives every token of the stretch those words.

use super::tokenize::{F_LINE_START, Token};

/// Sets `runs` (cleared first, its room perhaps made by a former text) to the
/// `(first, last + 1)` token of the run holding each token; `(i, i)` (empty) for a token
/// that is no candidate. `cands` lists the candidates in text order: the runs are found
/// from it, with no branch per token on whether it is one.
pub fn compute(toks: &[Token], cands: &[usize], runs: &mut Vec<(u32, u32)>) {
    runs.clear();
    runs.extend((0..toks.len() as u32).map(|i| (i, i)));
    let mut k = 0;
    while let Some(&start) = cands.get(k) {
        let mut end = start + 1;
        k += 1;
        while cands.get(k) == Some(&end)
            && toks.get(end).is_some_and(|t| t.flags & F_LINE_START == 0)
        {
            end += 1;
            k += 1;
        }
        if let Some(run) = runs.get_mut(start..end) {
            run.fill((start as u32, end as u32));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::doc::Doc;
    use crate::testing::{NEWS_PIECES, Rng};

    #[test]
    fn runs_from_the_list_equal_a_walk_of_every_token() {
        let mut rng = Rng::new(13);
        for _ in 0..300 {
            let text = rng.text(NEWS_PIECES, 40);
            let d = Doc::new(&text);
            let n = d.toks.len();
            let mut i = 0;
            while i < n {
                if !d.cand[i] {
                    assert_eq!(d.runs[i], (i as u32, i as u32), "{text:?} {i}");
                    i += 1;
                    continue;
                }
                let mut end = i + 1;
                while end < n && d.cand[end] && !d.toks[end].is(super::F_LINE_START) {
                    end += 1;
                }
                for r in &d.runs[i..end] {
                    assert_eq!(*r, (i as u32, end as u32), "{text:?} {i}");
                }
                i = end;
            }
        }
    }

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
