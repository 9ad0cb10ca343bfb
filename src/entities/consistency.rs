//! One label per name through an article. A reader who has seen "Leicestershire beat
//! Somerset" knows LEICESTERSHIRE in the headline is the same team, and one who has read
//! "Xi said" nine times knows the "Xi Jinping" opening the article is a person.
//!
//! Two votes: every mention of the same words takes the label they are given most often
//! (ties keep each mention's own label); then a name written in full becomes PERSON when
//! most mentions of it and of its short forms (its first or last words: "Xi", "Putin") are.
//! A company named once with its legal form ("Varno SpA") is a company wherever its name
//! appears without it ("Varno said").

use super::doc::Doc;
use super::heads::is_company_suffix;
use super::tokenize::F_UPPER;
use crate::Label;
use crate::learn::hash::{self, HashedMap};

type Span = (usize, usize, Label);

/// Longest full name, in tokens, whose short forms are looked for.
const MAX_NAME: usize = 4;

/// Relabels `spans` by the two votes described in the module docs.
pub fn apply(doc: &Doc, mut spans: Vec<Span>) -> Vec<Span> {
    let words =
        |s: usize, e: usize| (s..e).fold(hash::SEED, |h, i| hash::mix(h, doc.words.folded(i)));
    // Maps are sized for their most entries up front: growing them cost more than filling.
    let mut votes: HashedMap<[u32; 4]> =
        HashedMap::with_capacity_and_hasher(spans.len(), Default::default());
    for sp in &spans {
        votes.entry(words(sp.0, sp.1)).or_default()[index(sp.2)] += 1;
    }
    for sp in &mut spans {
        let Some(v) = votes.get(&words(sp.0, sp.1)) else {
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
    person_clusters(doc, &mut spans, words);
    company_short_forms(doc, &mut spans, words);
    spans
}

/// Names ending in a legal form ("Varno SpA"), and spans whose words are such a name
/// without it ("Varno"), become ORG.
fn company_short_forms(doc: &Doc, spans: &mut [Span], words: impl Fn(usize, usize) -> u64) {
    let mut names: HashedMap<()> = HashedMap::default();
    for sp in spans.iter_mut() {
        if sp.1 - sp.0 >= 2 && is_company_suffix(doc, sp.1 - 1) {
            sp.2 = Label::Org;
            names.insert(words(sp.0, sp.1 - 1), ());
        }
    }
    if names.is_empty() {
        return;
    }
    for sp in spans.iter_mut() {
        if names.contains_key(&words(sp.0, sp.1)) {
            sp.2 = Label::Org;
        }
    }
}

/// The second vote: full names and their first or last words.
fn person_clusters(doc: &Doc, spans: &mut [Span], words: impl Fn(usize, usize) -> u64) {
    let capitalised = |sp: &Span| (sp.0..sp.1).all(|i| doc.flags(i) & F_UPPER != 0);
    // Short form (words hash) -> the longest full name it begins or ends.
    let keys: usize = spans
        .iter()
        .map(|sp| sp.1 - sp.0)
        .filter(|len| (2..=MAX_NAME).contains(len))
        .map(|len| 2 * (len - 1))
        .sum();
    let mut full: HashedMap<usize> = HashedMap::with_capacity_and_hasher(keys, Default::default());
    for (j, sp) in spans.iter().enumerate() {
        let len = sp.1 - sp.0;
        if !(2..=MAX_NAME).contains(&len) || !capitalised(sp) {
            continue;
        }
        for k in 1..len {
            for key in [words(sp.0, sp.0 + k), words(sp.1 - k, sp.1)] {
                let e = full.entry(key).or_insert(j);
                if spans.get(*e).is_some_and(|o| o.1 - o.0 < len) {
                    *e = j;
                }
            }
        }
    }
    if full.is_empty() {
        return;
    }
    // Each span's cluster is its full name (or itself); count PERSON and other labels.
    let cluster: Vec<usize> = spans
        .iter()
        .enumerate()
        .map(|(j, sp)| full.get(&words(sp.0, sp.1)).copied().unwrap_or(j))
        .collect();
    let mut count: HashedMap<(u32, u32)> =
        HashedMap::with_capacity_and_hasher(spans.len(), Default::default());
    for (sp, &c) in spans.iter().zip(&cluster) {
        let e = count.entry(c as u64).or_default();
        if sp.2 == Label::Person {
            e.0 += 1
        } else {
            e.1 += 1
        }
    }
    for (j, &c) in cluster.iter().enumerate() {
        let Some(&(person, other)) = count.get(&(c as u64)) else {
            continue;
        };
        // Only the full name moves: each short form already carries the majority label of
        // its own words ("Chechnya" stays a place even beside "Lebed").
        if c != j
            && person > other
            && let Some(sp) = spans.get_mut(c)
        {
            sp.2 = Label::Person;
        }
    }
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

    #[test]
    fn full_names_follow_their_short_forms() {
        let doc = Doc::new("Ann Lee spoke. Lee said yes. Lee left.");
        let spans = vec![
            (0, 2, Label::Org),
            (4, 5, Label::Person),
            (8, 9, Label::Person),
        ];
        let out = apply(&doc, spans);
        assert!(out.iter().all(|s| s.2 == Label::Person), "{out:?}");
    }

    #[test]
    fn short_forms_keep_their_own_label() {
        let doc = Doc::new("Lebed Chechnya plan. Lebed won. Lebed left. Chechnya");
        let spans = vec![
            (0, 2, Label::Person),
            (4, 5, Label::Person),
            (7, 8, Label::Person),
            (10, 11, Label::Loc),
        ];
        assert_eq!(apply(&doc, spans)[3].2, Label::Loc);
    }

    #[test]
    fn a_company_is_a_company_without_its_legal_form() {
        let doc = Doc::new("Varno said. Varno SpA rose. Varno fell. Ann Varno left.");
        let spans = vec![
            (0, 1, Label::Person),
            (3, 5, Label::Org),
            (7, 8, Label::Person),
            (10, 12, Label::Person),
        ];
        let out = apply(&doc, spans);
        let labels: Vec<Label> = out.iter().map(|s| s.2).collect();
        assert_eq!(
            labels,
            [Label::Org, Label::Org, Label::Org, Label::Person],
            "only the bare name moves"
        );
    }

    #[test]
    fn places_inside_longer_names_keep_their_label() {
        let doc = Doc::new("the New York Stock Exchange in New York");
        let spans = vec![(1, 5, Label::Org), (6, 8, Label::Loc)];
        assert_eq!(apply(&doc, spans.clone()), spans);
    }
}
