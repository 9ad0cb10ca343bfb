//! One label per name through an article: a reader who has seen "Leicestershire beat
//! Somerset" knows LEICESTERSHIRE in the headline is the same team. Each name keeps the label
//! it is given most often in the text (ties keep each mention's own label).

use super::doc::Doc;
use crate::Label;
use crate::learn::hash::{self, HashedMap};

/// Relabels `spans` so every mention of the same words carries the majority label.
pub fn apply(doc: &Doc, mut spans: Vec<(usize, usize, Label)>) -> Vec<(usize, usize, Label)> {
    let key = |&(s, e, _): &(usize, usize, Label)| {
        (s..e).fold(hash::SEED, |h, i| hash::mix(h, doc.words.folded(i)))
    };
    let mut votes: HashedMap<[u32; 4]> = HashedMap::default();
    for sp in &spans {
        votes.entry(key(sp)).or_default()[index(sp.2)] += 1;
    }
    for sp in &mut spans {
        let Some(v) = votes.get(&key(sp)) else {
            continue;
        };
        let own = v[index(sp.2)];
        if let Some((best, &n)) = v
            .iter()
            .enumerate()
            .max_by_key(|&(i, &n)| (n, std::cmp::Reverse(i)))
            && n > own
        {
            sp.2 = LABELS[best];
        }
    }
    spans
}

const LABELS: [Label; 4] = [Label::Person, Label::Org, Label::Loc, Label::Misc];

fn index(l: Label) -> usize {
    match l {
        Label::Person => 0,
        Label::Org => 1,
        Label::Loc => 2,
        Label::Misc => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minority_labels_follow_the_majority() {
        let doc = Doc::new("Kent won. Kent lost. KENT drew.");
        let spans = vec![(0, 1, Label::Org), (3, 4, Label::Org), (6, 7, Label::Loc)];
        let out = apply(&doc, spans);
        assert!(out.iter().all(|s| s.2 == Label::Org));
    }

    #[test]
    fn ties_keep_their_own_label() {
        let doc = Doc::new("Kent won. Kent lost.");
        let out = apply(&doc, vec![(0, 1, Label::Org), (3, 4, Label::Loc)]);
        assert_eq!(out[1].2, Label::Loc);
    }
}
