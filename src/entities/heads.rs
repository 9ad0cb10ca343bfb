//! Organisation heads: a name that ends in "Organization", "Ministry", "University", "Inc."
//! or the like is an organisation, whatever the tagger made of its first words. "The World
//! Health Organization" must not come out as MISC "World" plus PERSON "Health Organization".

use super::doc::Doc;
use super::word::hash_word;
use crate::Label;
use std::sync::LazyLock;

/// Last words that make a name an organisation. Heads that also end places or events
/// ("West Bank", "Premier League", "St Mary's Hospital", "Soviet Union") are left out.
const HEADS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "ag",
    "gmbh",
    "group",
    "holdings",
    "ministry",
    "party",
    "university",
    "college",
    "institute",
    "council",
    "committee",
    "commission",
    "association",
    "agency",
    "authority",
    "bureau",
    "department",
    "army",
    "navy",
    "police",
    "club",
    "fc",
    "airlines",
    "airways",
    "motors",
    "industries",
    "fund",
    "foundation",
    "organisation",
    "organization",
    "government",
    "parliament",
    "senate",
    "congress",
    "assembly",
    "company",
    "corporation",
];

static HEAD_HASHES: LazyLock<Vec<u64>> =
    LazyLock::new(|| HEADS.iter().map(|h| hash_word(h).0).collect());

type Span = (usize, usize, Label);

/// Relabels spans ending in an organisation head as ORG, joining them with the name spans
/// right before them (no gap, same line).
pub fn apply(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let is_head = |sp: &Span| sp.1 - sp.0 >= 2 && HEAD_HASHES.contains(&doc.words.folded(sp.1 - 1));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for sp in spans {
        if !is_head(&sp) {
            out.push(sp);
            continue;
        }
        let mut start = sp.0;
        while let Some(prev) = out.last() {
            let same_line = doc.flags(start) & super::tokenize::F_LINE_START == 0;
            if prev.1 != start || !same_line {
                break;
            }
            start = prev.0;
            out.pop();
        }
        out.push((start, sp.1, Label::Org));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ending_in_an_organisation_head_are_one_organisation() {
        let doc = Doc::new("The World Health Organization said");
        let out = apply(&doc, vec![(1, 2, Label::Misc), (2, 4, Label::Person)]);
        assert_eq!(out, [(1, 4, Label::Org)]);
    }

    #[test]
    fn other_names_and_lone_heads_are_left_alone() {
        let doc = Doc::new("Ann Lee of Acme Group met Group");
        let spans = vec![
            (0, 2, Label::Person),
            (3, 5, Label::Misc),
            (6, 7, Label::Misc),
        ];
        let out = apply(&doc, spans);
        assert_eq!(
            out,
            [
                (0, 2, Label::Person),
                (3, 5, Label::Org),
                (6, 7, Label::Misc)
            ]
        );
    }
}
