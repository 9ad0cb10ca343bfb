//! Heads and titles. A name that ends in "Organization", "Ministry", "University", "Inc." or
//! the like is an organisation, whatever the tagger made of its first words: "The World
//! Health Organization" must not come out as MISC "World" plus PERSON "Health Organization".
//! And a title is not part of a person's name: "Chair Jerome Powell" is "Jerome Powell".

use super::doc::{D_SEEN_LOWER, Doc};
use super::gazetteer::List;
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
    "commerce",
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
    // Newspapers: "The Washington Post", "South China Morning Post".
    "post",
    "times",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "telegraph",
];

/// The hashes of a word list, as the document's words are hashed ([`hash_word`]): lists are
/// matched by hash, never by string.
fn word_hashes(words: &[&str]) -> Vec<u64> {
    words.iter().map(|w| hash_word(w).0).collect()
}

/// The newspaper heads among [`HEADS`].
const NEWS: &[&str] = &[
    "post",
    "times",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "telegraph",
];

static NEWS_HASHES: LazyLock<Vec<u64>> = LazyLock::new(|| word_hashes(NEWS));

/// Sentence-opening determiners and quantifiers that are capitalised only by position and
/// are never a name on their own ("Other countries also took part").
const NOT_NAMES: &[&str] = &[
    "other", "another", "some", "many", "most", "such", "both", "each", "every", "all", "several",
    "these", "those", "this", "that", "its", "their", "his", "her", "our", "few",
];

static NOT_NAME_HASHES: LazyLock<Vec<u64>> = LazyLock::new(|| word_hashes(NOT_NAMES));

/// Drops one-word spans that are a sentence-opening determiner ([`NOT_NAMES`]).
pub fn drop_determiners(doc: &Doc, spans: &mut Vec<Span>) {
    use super::tokenize::{F_LINE_START, F_SENT_START};
    spans.retain(|sp| {
        !(sp.1 - sp.0 == 1
            && doc.flags(sp.0) & (F_SENT_START | F_LINE_START) != 0
            && NOT_NAME_HASHES.contains(&doc.words.folded(sp.0)))
    });
}

/// Joins names around an ampersand into one organisation: "Halden & Grey", "Procter &
/// Gamble" (the tagger may cut them at the "&", or put the "&" at the start of the second).
pub fn join_ampersands(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let is_amp = |i: usize| {
        doc.toks
            .get(i)
            .and_then(|t| doc.text.get(t.start..t.end))
            .is_some_and(|w| w == "&")
    };
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for sp in spans {
        if let Some(prev) = out.last_mut() {
            let joined = (prev.1 == sp.0 && is_amp(sp.0) && sp.1 - sp.0 >= 2)
                || (prev.1 + 1 == sp.0 && is_amp(prev.1));
            if joined {
                *prev = (prev.0, sp.1, Label::Org);
                continue;
            }
        }
        out.push(sp);
    }
    out
}

/// Joins an organisation ending in a head word to the name after its "for" or "of" when the
/// tagger cut it there: "Brussels Institute for Policy", "Commission for Racial Equality",
/// "Party of God" are one organisation each. A person after the connector stays apart, and
/// so does the place after a legal form ("Daniels Pharmaceuticals Inc of St. Petersburg").
pub fn join_after_heads(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let connector = |i: usize| matches!(doc.word(i), "for" | "of");
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for sp in spans {
        if let Some(prev) = out.last_mut()
            && prev.1 + 1 == sp.0
            && connector(prev.1)
            && sp.2 != Label::Person
            && HEAD_HASHES.contains(&doc.words.folded(prev.1 - 1))
            && !is_company_suffix(doc, prev.1 - 1)
        {
            *prev = (prev.0, sp.1, Label::Org);
            continue;
        }
        out.push(sp);
    }
    out
}

static HEAD_HASHES: LazyLock<Vec<u64>> = LazyLock::new(|| word_hashes(HEADS));

type Span = (usize, usize, Label);

/// Titles besides the word list's that sit between an organisation or place and a name.
const MORE_TITLES: &[&str] = &[
    "ceo",
    "cfo",
    "emperor",
    "empress",
    "cardinal",
    "archbishop",
    "commissioner",
    "lieutenant",
    "lieutenant-colonel",
    "lieutenant-general",
    "major-general",
    "sergeant",
];

static MORE_TITLE_HASHES: LazyLock<Vec<u64>> = LazyLock::new(|| word_hashes(MORE_TITLES));

/// Splits names run together across a title: "Acme CEO John Smith" is the organisation
/// "Acme" and the person "John Smith"; in a PERSON span the words before the title are
/// dropped ("Foreign Minister Jan Kos" is "Jan Kos").
pub fn split_at_titles(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let title = 1u16 << (2 * List::Title as u16);
    let is_title = |i: usize| {
        doc.gaz.get(i).is_some_and(|g| g & title != 0)
            || MORE_TITLE_HASHES.contains(&doc.words.folded(i))
    };
    let mut out = Vec::with_capacity(spans.len());
    for (s, e, l) in spans {
        let split = (s + 1..e.saturating_sub(1))
            .rev()
            .find(|&k| is_title(k) && !is_title(k + 1));
        match split {
            Some(k) => {
                if l != Label::Person {
                    out.push((s, k, l));
                }
                out.push((k + 1, e, Label::Person));
            }
            None => out.push((s, e, l)),
        }
    }
    out
}

/// Drops leading titles ("President", "Dr.", "Chair", "Lieutenant-Colonel") from PERSON
/// spans.
pub fn trim_titles(doc: &Doc, spans: &mut Vec<Span>) {
    let title = 1u16 << (2 * List::Title as u16);
    let is_title = |i: usize| {
        doc.gaz.get(i).is_some_and(|g| g & title != 0)
            || MORE_TITLE_HASHES.contains(&doc.words.folded(i))
    };
    for sp in spans.iter_mut().filter(|sp| sp.2 == Label::Person) {
        while sp.1 - sp.0 >= 2 && is_title(sp.0) {
            sp.0 += 1;
        }
    }
    // A title tagged apart from the name right after it ("Mayor" | "Helen Okafor") names
    // nobody; a title word alone may be a surname ("Major said"), so it stays.
    let starts: Vec<usize> = spans
        .iter()
        .filter(|sp| sp.2 == Label::Person)
        .map(|sp| sp.0)
        .collect();
    spans.retain(|sp| {
        !(sp.2 == Label::Person && sp.1 - sp.0 == 1 && is_title(sp.0) && starts.contains(&sp.1))
    });
}

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
        // A newspaper's capitalised words the tagger left out, right before, on the same
        // line ("South" of "South China Morning Post"); a company's are left to the tagger
        // ("Chicago NBD Corp.").
        let news = NEWS_HASHES.contains(&doc.words.folded(sp.1 - 1));
        let upper = |i: usize| news && doc.flags(i) & super::tokenize::F_UPPER != 0;
        let free = |i: usize| out.last().is_none_or(|p| p.1 <= i);
        while start > 0
            && upper(start - 1)
            && free(start - 1)
            && doc.flags(start) & super::tokenize::F_LINE_START == 0
            && (doc.flags(start - 1) & super::tokenize::F_SENT_START == 0
                || (doc
                    .stats
                    .get(start - 1)
                    .is_some_and(|s| s & D_SEEN_LOWER == 0)
                    && !NOT_NAME_HASHES.contains(&doc.words.folded(start - 1))))
        {
            start -= 1;
        }
        out.push((start, sp.1, Label::Org));
    }
    add_companies(doc, out)
}

/// Company suffixes: capitalised words before one of them are a company even when the
/// tagger saw nothing ("Shares of Acme Inc. rose").
const COMPANY: &[&str] = &[
    "inc.", "inc", "corp.", "corp", "ltd", "ltd.", "plc", "llc", "gmbh", "ag", "spa", "s.p.a.",
    "sa", "s.a.", "nv", "n.v.", "ab", "bhd", "pty",
];

/// The hashes of [`COMPANY`], and a 64-bit filter of them (bit `h >> 58` of each) that
/// turns most words away before the list is searched: the test runs on every capitalised
/// token.
static COMPANY_HASHES: LazyLock<(Vec<u64>, u64)> = LazyLock::new(|| {
    let hashes = word_hashes(COMPANY);
    let filter = hashes.iter().fold(0, |m, &h| m | 1u64 << (h >> 58));
    (hashes, filter)
});

/// Whether token `i` is a capitalised company suffix ("Inc.", "SpA", "AG").
pub fn is_company_suffix(doc: &Doc, i: usize) -> bool {
    if doc.flags(i) & super::tokenize::F_UPPER == 0 {
        return false;
    }
    let h = doc.words.folded(i);
    let (hashes, filter) = &*COMPANY_HASHES;
    filter & 1 << (h >> 58) != 0 && hashes.contains(&h)
}

fn add_companies(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let mut covered = vec![false; doc.toks.len()];
    for sp in &spans {
        covered
            .iter_mut()
            .take(sp.1)
            .skip(sp.0)
            .for_each(|c| *c = true);
    }
    let upper = |i: usize| doc.flags(i) & super::tokenize::F_UPPER != 0;
    let mut added = Vec::new();
    // A suffix is capitalised, so a candidate: only they are looked at.
    for &i in &doc.cands {
        if i == 0 || covered.get(i).copied().unwrap_or(true) || !is_company_suffix(doc, i) {
            continue;
        }
        let mut start = i;
        while start > 0
            && upper(start - 1)
            && !covered[start - 1]
            && doc.flags(start) & super::tokenize::F_LINE_START == 0
        {
            start -= 1;
        }
        if start < i {
            added.push((start, i + 1, Label::Org));
        }
    }
    if added.is_empty() {
        return spans;
    }
    let mut all = spans;
    all.extend(added);
    all.sort_unstable_by_key(|sp| sp.0);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_company_suffix_passes_the_filter_and_others_do_not() {
        let doc = Doc::new("Acme Inc. Acme Corp Acme S.p.A. Acme GmbH Acme Group Acme inc");
        let found: Vec<usize> = (0..doc.toks.len())
            .filter(|&i| is_company_suffix(&doc, i))
            .collect();
        assert_eq!(found, [1, 3, 5, 7], "capitalised suffixes only");
    }

    #[test]
    fn names_ending_in_an_organisation_head_are_one_organisation() {
        let doc = Doc::new("The World Health Organization said");
        let out = apply(&doc, vec![(1, 2, Label::Misc), (2, 4, Label::Person)]);
        assert_eq!(out, [(1, 4, Label::Org)]);
        let doc = Doc::new("the Marlow Chamber of Commerce said");
        let out = apply(&doc, vec![(1, 5, Label::Loc)]);
        assert_eq!(out, [(1, 5, Label::Org)], "a chamber of commerce");
    }

    #[test]
    fn names_run_together_across_a_title_split() {
        let doc = Doc::new("Halvex CEO Ann Mott and Foreign Minister Jan Kos met");
        let spans = vec![(0, 4, Label::Org), (5, 9, Label::Person)];
        assert_eq!(
            split_at_titles(&doc, spans),
            [
                (0, 1, Label::Org),
                (2, 4, Label::Person),
                (7, 9, Label::Person)
            ]
        );
    }

    #[test]
    fn capitalised_words_before_a_company_suffix_are_a_company() {
        let doc = Doc::new("Shares of Acme Widgets Inc. rose, Inc. said");
        assert_eq!(apply(&doc, vec![]), [(2, 5, Label::Org)]);
        let doc = Doc::new("Shares of Varno SpA and Kessel AB rose");
        assert_eq!(
            apply(&doc, vec![]),
            [(2, 4, Label::Org), (5, 7, Label::Org)],
            "European company forms"
        );
    }

    #[test]
    fn newspapers_are_one_organisation() {
        let doc = Doc::new("By Orange Wang\n\nSouth China Morning Post\n");
        let out = apply(&doc, vec![(1, 3, Label::Person), (4, 7, Label::Person)]);
        assert_eq!(out, [(1, 3, Label::Person), (3, 7, Label::Org)]);
        let doc = Doc::new("Shares of Chicago NBD Corp. fell");
        assert_eq!(apply(&doc, vec![(3, 5, Label::Org)]), [(3, 5, Label::Org)]);
    }

    #[test]
    fn sentence_opening_determiners_are_no_names() {
        let doc = Doc::new("It rained. Other countries came. Bush came.");
        let mut spans = vec![(3, 4, Label::Person), (7, 8, Label::Person)];
        drop_determiners(&doc, &mut spans);
        assert_eq!(spans, [(7, 8, Label::Person)]);
    }

    #[test]
    fn titles_are_not_part_of_names() {
        let doc = Doc::new("Chair Jerome Powell and President Smith");
        let mut spans = vec![
            (0, 3, Label::Person),
            (4, 6, Label::Org),
            (5, 6, Label::Person),
        ];
        trim_titles(&doc, &mut spans);
        assert_eq!(
            spans,
            [
                (1, 3, Label::Person),
                (4, 6, Label::Org),
                (5, 6, Label::Person)
            ]
        );
    }

    #[test]
    fn ranks_and_church_titles_are_not_part_of_names() {
        let doc = Doc::new("spokesman Lieutenant-Colonel Max Marriner and Cardinal Wolsey");
        let n = doc.toks.len();
        let mut spans = vec![(1, 4, Label::Person), (n - 2, n, Label::Person)];
        trim_titles(&doc, &mut spans);
        assert_eq!(spans, [(2, 4, Label::Person), (n - 1, n, Label::Person)]);
    }

    #[test]
    fn a_title_standing_alone_is_no_person() {
        let doc = Doc::new("Mayor Helen Okafor said so");
        let mut spans = vec![(0, 1, Label::Person), (1, 3, Label::Person)];
        trim_titles(&doc, &mut spans);
        assert_eq!(spans, [(1, 3, Label::Person)]);
        let doc = Doc::new("Major said so");
        let mut spans = vec![(0, 1, Label::Person)];
        trim_titles(&doc, &mut spans);
        assert_eq!(
            spans,
            [(0, 1, Label::Person)],
            "a title word alone may be a surname"
        );
    }

    #[test]
    fn an_organisation_cut_after_its_head_is_joined_again() {
        // tokens: the(0) Brussels(1) Institute(2) for(3) Policy(4) said(5)
        let doc = Doc::new("the Brussels Institute for Policy said");
        let cut = vec![(1, 3, Label::Org), (4, 5, Label::Loc)];
        assert_eq!(join_after_heads(&doc, cut), [(1, 5, Label::Org)]);
        // A legal form ends the company; a person is not part of it.
        let doc = Doc::new("Daniels Pharmaceuticals Inc of St. Petersburg said");
        let apart = vec![(0, 3, Label::Org), (4, 6, Label::Loc)];
        assert_eq!(join_after_heads(&doc, apart.clone()), apart);
        let doc = Doc::new("the Council of Ann Lee said");
        let apart = vec![(1, 2, Label::Org), (3, 5, Label::Person)];
        assert_eq!(join_after_heads(&doc, apart.clone()), apart);
    }

    #[test]
    fn names_joined_by_an_ampersand_are_one_organisation() {
        // tokens: Halden(0) &(1) Grey(2) said(3) ,(4) Ann(5) &(6) Bob(7)
        let doc = Doc::new("Halden & Grey said , Ann & Bob");
        let cut_before = vec![(0, 1, Label::Loc), (1, 3, Label::Loc)];
        assert_eq!(join_ampersands(&doc, cut_before), [(0, 3, Label::Org)]);
        let cut_around = vec![
            (0, 1, Label::Person),
            (2, 3, Label::Person),
            (5, 6, Label::Person),
        ];
        assert_eq!(
            join_ampersands(&doc, cut_around),
            [(0, 3, Label::Org), (5, 6, Label::Person)]
        );
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
