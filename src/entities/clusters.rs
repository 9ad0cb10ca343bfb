//! Word clusters: which of 64, 512 and 2,048 groups of "words used alike" a word falls in,
//! for 90,000 words of general English, from k-means over GloVe vectors trained on
//! Wikipedia and newswire (`scripts/gen_clusters.py`, `data/clusters.tsv`).
//!
//! A name the tagger never saw in training still has a cluster when it is common enough in
//! that text: "Feyenoord" falls with the football clubs, "Magna" with industrial companies,
//! "Yunnan" with Chinese provinces. The tagger learns what the clusters of the names it did
//! see mean, and carries it to those it did not (Ratinov & Roth 2009's word class model;
//! on CoNLL-2003 held-out halves of train, typed F1 rose by 1.3 to 1.5 points).
//!
//! The clusters are looked up by a word's folded form (GloVe's vectors are lowercased), in
//! a table of hashes read in place from `data/clusters.bin`.

use super::slots::Slots;
use super::word::{WordHashes, hash_word};
use crate::learn::hash::HashedMap;
use std::sync::LazyLock;

/// Bit width of each cluster number in a packed value: coarse (64), middle (512), fine
/// (2,048).
const WIDTHS: [u32; 3] = [6, 9, 11];
/// Set in every packed value, so that a word in the first cluster of each size is not 0.
const PRESENT: u32 = 1 << 26;

/// The table: a folded word hash's packed clusters (see [`Slots`]).
type Table = Slots<32>;

/// Slots of the committed table: 2^17, for the 89,595 folded forms of the words.
const SLOTS: usize = 1 << 17;

/// The committed table (regenerate with the ignored test `clusters::tests::write_table`).
const TABLE: &[u8] = include_bytes!("../../data/clusters.bin");

static CLUSTERS: LazyLock<Table> = LazyLock::new(|| {
    if Table::valid(TABLE) {
        Table::Static(TABLE)
    } else {
        // Tests build the same table the committed one must equal.
        let slots = if SOURCE.is_empty() { 0 } else { SLOTS };
        Table::Owned(Table::pack(&build(SOURCE), slots))
    }
});

/// The word list the table is built from: one word a line, then its three cluster numbers.
#[cfg(test)]
const SOURCE: &str = include_str!("../../data/clusters.tsv");
/// Outside tests a malformed table is left empty rather than rebuilt: the list would cost
/// the binary 1.7 MB for a table that a test checks.
#[cfg(not(test))]
const SOURCE: &str = "";

/// The packed clusters of each folded word of `source` (the first, most frequent, word of
/// each folded form: "1990" and "1991" are both "0000").
fn build(source: &str) -> HashedMap<u64> {
    let mut m = HashedMap::default();
    for line in source.lines().filter(|l| !l.starts_with('#')) {
        let mut cols = line.split('\t');
        let Some(word) = cols.next() else { continue };
        let mut v = PRESENT;
        let mut shift = WIDTHS.iter().sum::<u32>();
        for (c, w) in cols.zip(WIDTHS) {
            shift -= w;
            v |= (c.parse::<u32>().unwrap_or(0) & ((1 << w) - 1)) << shift;
        }
        m.entry(hash_word(word).0).or_insert(u64::from(v));
    }
    m
}

/// The clusters of one word: numbers below 64, 512 and 2,048, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Clusters(u32);

impl Clusters {
    /// The clusters of the word with folded hash `folded`.
    #[inline]
    pub fn of(folded: u64) -> Self {
        Clusters(CLUSTERS.get(folded) as u32)
    }

    /// Whether the word has clusters (is among the listed words).
    pub fn known(self) -> bool {
        self.0 & PRESENT != 0
    }

    /// Its cluster among 64, 512 and 2,048 (coarse to fine), `u64::MAX` each for an
    /// unknown word: feature values.
    #[inline]
    pub fn values(self) -> [u64; 3] {
        if !self.known() {
            return [u64::MAX; 3];
        }
        let v = u64::from(self.0);
        [v >> 20 & 0x3f, v >> 11 & 0x1ff, v & 0x7ff]
    }
}

/// Sets `out` to the clusters of each token of `words` that has a shape hash (the tokens
/// at or beside a name candidate, the only ones the tagger reads), none for the others.
pub fn mark_into(words: &WordHashes, tokens: usize, out: &mut Vec<Clusters>) {
    out.clear();
    out.extend((0..tokens).map(|i| {
        if words.shape(i) == 0 {
            Clusters::default()
        } else {
            Clusters::of(words.folded(i))
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(word: &str) -> Clusters {
        Clusters::of(hash_word(word).0)
    }

    #[test]
    fn committed_table_is_built_from_the_list() {
        let built = Table::pack(&build(SOURCE), SLOTS);
        assert!(Table::valid(&built));
        assert!(
            TABLE == built.as_slice(),
            "data/clusters.bin is stale: cargo test -p whosaid --release --lib write_cluster_table -- --ignored"
        );
        assert!(matches!(*CLUSTERS, Table::Static(_)));
    }

    #[test]
    #[ignore = "writes data/clusters.bin"]
    fn write_cluster_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/clusters.bin");
        assert!(std::fs::write(path, Table::pack(&build(SOURCE), SLOTS)).is_ok());
    }

    #[test]
    fn every_listed_word_has_the_clusters_of_its_line() {
        // A later word with the same folded form ("1991" after "1990") keeps the first
        // one's clusters, so only the first of each is checked.
        let mut seen = std::collections::HashSet::new();
        for line in SOURCE.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or_default();
            let want: Vec<u64> = cols.map(|c| c.parse().unwrap_or(u64::MAX)).collect();
            if seen.insert(hash_word(word).0) {
                assert_eq!(of(word).values().to_vec(), want, "{line}");
            }
        }
        assert!(seen.len() > 89_000, "{}", seen.len());
    }

    #[test]
    fn case_does_not_matter_and_unknown_words_have_none() {
        assert!(of("london").known());
        assert_eq!(of("London"), of("LONDON"));
        assert!(!of("Zqxvbnw").known());
        assert_eq!(of("Zqxvbnw").values(), [u64::MAX; 3]);
    }

    #[test]
    fn words_used_alike_share_a_cluster() {
        // Two provinces share their middle cluster, which a province and a company do not.
        let [_, guangdong, _] = of("Guangdong").values();
        let [_, yunnan, _] = of("Yunnan").values();
        let [_, toshiba, _] = of("Toshiba").values();
        assert_eq!(guangdong, yunnan);
        assert_ne!(guangdong, toshiba);
        assert!(guangdong < 512 && toshiba < 512);
    }
}
