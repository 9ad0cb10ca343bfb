//! Word lists compiled into the binary: places, nationalities and people's names from
//! GeoNames, the US Census and Wikipedia (trimmed by `scripts/gen_gazetteers.py`), plus short
//! hand-written lists of words that head organisation names or precede people's names.
//!
//! Entries may span several tokens ("new york"); they are tokenized like text and stored as a
//! hash of their lowercase tokens, so matching costs one lookup per (start, length) and never
//! allocates.

use super::slots::Slots;
use super::tokenize::{Token, tokenize};
use super::word::{self, WordHashes};
use crate::learn::hash::{self, HashedMap};
use std::sync::LazyLock;

/// One list. The discriminant is its bit in a [`Gazetteer::lookup`] mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Cities (GeoNames, 15,000+ people) and capitals.
    City = 0,
    /// Countries.
    Country = 1,
    /// US states, continents and well-known regions.
    Region = 2,
    /// Nationalities and peoples.
    Nationality = 3,
    /// First names (US Census).
    FirstName = 4,
    /// Surnames (US Census, most frequent).
    Surname = 5,
    /// Words that end or head an organisation's name: "Inc.", "Ministry", "University".
    OrgWord = 6,
    /// Titles and honorifics that precede a person's name: "Mr", "President".
    Title = 7,
}

/// Marks a phrase that begins a longer entry, so matching goes on to the next token.
const PREFIX: u16 = 1 << 8;

/// Number of lists.
pub const LISTS: usize = 8;
/// Longest entry, in tokens, that is looked up.
pub const MAX_LEN: usize = 4;

const ORG_WORDS: &str = "inc inc. corp corp. co co. ltd ltd. plc llc ag sa s.a. nv gmbh group \
holdings bank ministry court party university college institute council committee commission \
union association federation agency authority board bureau department army navy police \
church club fc united airlines airways motors industries international news press times \
post journal exchange fund foundation organisation organization league government parliament \
senate congress assembly office service services company corporation trust school hospital \
station network television radio tv reuters";

const TITLES: &str = "mr mr. mrs mrs. ms ms. dr dr. sir lord lady president minister \
chair chairwoman premier chancellor secretary senator sen. governor gov. mayor judge king queen prince \
princess pope general gen. colonel col. captain capt. coach manager chairman chief director \
spokesman spokeswoman leader ambassador prof. professor rev. bishop sheikh ayatollah \
striker midfielder defender goalkeeper";

/// Compiled-in word lists: an open-addressing table of phrase hashes read in place from
/// `data/gazetteers.bin` (so the first call builds nothing), built from the lists themselves
/// if that file is malformed.
pub struct Gazetteer {
    table: Table,
}

/// The lists' table: a phrase hash's 16 bits of list marks (see [`Slots`]).
type Table = Slots<16>;

/// The committed table (regenerate with the ignored test `gazetteer::tests::write_table`).
const TABLE: &[u8] = include_bytes!("../../data/gazetteers.bin");

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer {
    table: if Table::valid(TABLE) {
        Table::Static(TABLE)
    } else {
        Table::Owned(pack(&build_phrases()))
    },
});

/// The lists' table, with twice as many slots as phrases.
fn pack(phrases: &HashedMap<u16>) -> Vec<u8> {
    let wide: HashedMap<u64> = phrases.iter().map(|(&h, &m)| (h, u64::from(m))).collect();
    Table::pack(&wide, phrases.len() * 2)
}

/// The lists as a map from phrase hash to list marks.
fn build_phrases() -> HashedMap<u16> {
    let mut g = Builder {
        phrases: HashedMap::default(),
    };
    g.add_lines(include_str!("../../data/gazetteers/cities.txt"), List::City);
    g.add_lines(
        include_str!("../../data/gazetteers/countries.txt"),
        List::Country,
    );
    g.add_lines(
        include_str!("../../data/gazetteers/regions.txt"),
        List::Region,
    );
    g.add_lines(
        include_str!("../../data/gazetteers/nationalities.txt"),
        List::Nationality,
    );
    g.add_lines(
        include_str!("../../data/gazetteers/first_names.txt"),
        List::FirstName,
    );
    g.add_lines(
        include_str!("../../data/gazetteers/surnames.txt"),
        List::Surname,
    );
    g.add_words(ORG_WORDS, List::OrgWord);
    g.add_words(TITLES, List::Title);
    g.phrases
}

struct Builder {
    phrases: HashedMap<u16>,
}

impl Gazetteer {
    /// The list marks of phrase hash `h` (0 if it is in no list).
    #[inline]
    fn marks(&self, h: u64) -> u16 {
        self.table.get(h) as u16
    }

    /// The compiled-in lists.
    pub fn get() -> &'static Gazetteer {
        &GAZETTEER
    }
}

impl Builder {
    fn add_lines(&mut self, data: &str, list: List) {
        for line in data.lines().filter(|l| !l.starts_with('#')) {
            self.add(line, list);
        }
    }

    fn add_words(&mut self, data: &str, list: List) {
        for w in data.split_whitespace() {
            self.add(w, list);
        }
    }

    fn add(&mut self, entry: &str, list: List) {
        // Fast path for plain words, which is almost every entry: same hashes as tokenizing.
        // (A hyphen between letters stays inside one token: "porto-novo".)
        let plain = entry
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b' ' || b == b'-');
        let hyphens_inside = entry
            .split(' ')
            .all(|w| !w.starts_with('-') && !w.ends_with('-') && !w.contains("--"));
        if plain && hyphens_inside {
            let mut h = hash::SEED;
            let mut n = 0;
            for w in entry.split(' ').filter(|w| !w.is_empty()) {
                if n > 0 {
                    *self.phrases.entry(h).or_insert(0) |= PREFIX;
                }
                h = hash::mix(h, word::hash_word(w).0);
                n += 1;
            }
            if (1..=MAX_LEN).contains(&n) {
                *self.phrases.entry(h).or_insert(0) |= 1 << list as u16;
            }
            return;
        }
        // Entries are lowercase; names are tokenized as capitalised ("Inc.", "St. John's"
        // keep their periods only then), and folding makes the hashes case-blind.
        let titled = title_case(entry);
        let toks = tokenize(&titled);
        if toks.is_empty() || toks.len() > MAX_LEN {
            return;
        }
        let words = WordHashes::new(&titled, &toks);
        for k in 1..toks.len() {
            *self.phrases.entry(phrase_hash(&words, 0, k)).or_insert(0) |= PREFIX;
        }
        let h = phrase_hash(&words, 0, toks.len());
        *self.phrases.entry(h).or_insert(0) |= 1 << list as u16;
    }
}

impl Gazetteer {
    /// The lists holding the phrase of tokens `start..start + len`, as a bit mask.
    #[inline]
    #[cfg(test)]
    pub fn lookup(&self, words: &WordHashes, start: usize, len: usize) -> u16 {
        self.marks(phrase_hash(words, start, len)) & !PREFIX
    }

    /// Whether the single word `word` is an entry of `list` (any case), for rules outside
    /// the tagger: attribution tells "Carly Fiorina" from an opening "Hastily".
    pub fn holds_word(&self, list: List, word: &str) -> bool {
        let h = hash::mix(hash::SEED, word::hash_folded(word.as_bytes()));
        self.marks(h) & (1 << list as u16) != 0
    }

    /// For each token, a bit mask of (list, position) memberships: bit `2 * list` when the
    /// token begins a phrase of that list, bit `2 * list + 1` when it continues one. Only
    /// phrases starting at a token for which `starts` is true are looked up.
    #[cfg(test)]
    pub fn mark(
        &self,
        toks: &[Token],
        words: &WordHashes,
        starts: impl Fn(usize) -> bool,
    ) -> Vec<u16> {
        let mut marks = Vec::new();
        let starts: Vec<usize> = (0..toks.len()).filter(|&i| starts(i)).collect();
        self.mark_into(toks, words, &starts, &mut marks);
        marks
    }

    /// [`Gazetteer::mark`] into `marks` (cleared first, its room perhaps made by a former
    /// text), looking up phrases that start at the tokens `starts` (in text order): a walk
    /// of their list has no branch per token on whether it is one.
    pub fn mark_into(
        &self,
        toks: &[Token],
        words: &WordHashes,
        starts: &[usize],
        marks: &mut Vec<u16>,
    ) {
        marks.clear();
        marks.resize(toks.len(), 0);
        for (k, &i) in starts.iter().enumerate() {
            // The table is larger than the caches: ask for a later start's slot now, and
            // for its two-word phrase's (a first name or a city is often followed by a
            // lookup of the next word with it).
            if let Some(&ahead) = starts.get(k + PREFETCH_AHEAD) {
                let one = hash::mix(hash::SEED, words.folded(ahead));
                self.table.prefetch(one);
                if ahead + 1 < toks.len() {
                    self.table.prefetch(hash::mix(one, words.folded(ahead + 1)));
                }
            }
            if i >= toks.len() {
                continue;
            }
            let mut h = hash::SEED;
            for len in 1..=MAX_LEN.min(toks.len() - i) {
                h = hash::mix(h, words.folded(i + len - 1));
                let found = self.marks(h);
                if found & PREFIX == 0 && found == 0 {
                    break;
                }
                // Every list's begin bit at once (and its continue bit, one up), with no
                // branch per list: a phrase's lists are as good as random.
                let begin = begin_bits(found & !PREFIX);
                if let Some(mk) = marks.get_mut(i) {
                    *mk |= begin;
                }
                for mk in marks.iter_mut().skip(i + 1).take(len - 1) {
                    *mk |= begin << 1;
                }
            }
        }
    }
}

/// The begin bits of the lists of `m` (bit `l` set for list `l`): bit `2 * l` for each.
#[inline]
fn begin_bits(m: u16) -> u16 {
    BEGIN_BITS
        .get(usize::from(m & ((1 << LISTS) - 1)))
        .copied()
        .unwrap_or(0)
}

/// [`begin_bits`] of every set of lists.
const BEGIN_BITS: [u16; 1 << LISTS] = {
    let mut t = [0u16; 1 << LISTS];
    let mut m = 0;
    while m < 1 << LISTS {
        let mut l = 0;
        while l < LISTS {
            if m & (1 << l) != 0 {
                t[m] |= 1 << (2 * l);
            }
            l += 1;
        }
        m += 1;
    }
    t
};

/// How many phrase starts ahead [`Gazetteer::mark_into`] prefetches the table slot of one
/// (about as far as 32 tokens, with a candidate in four).
const PREFETCH_AHEAD: usize = 8;

/// `entry` with the first letter of each word in capitals.
fn title_case(entry: &str) -> String {
    let mut out = String::with_capacity(entry.len());
    let mut start = true;
    for c in entry.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == ' ' || c == '-';
    }
    out
}

/// Hash of the lowercase forms of tokens `start..start + len`.
#[inline]
fn phrase_hash(words: &WordHashes, start: usize, len: usize) -> u64 {
    (start..start + len).fold(hash::SEED, |h, i| hash::mix(h, words.folded(i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists_of(text: &str) -> u16 {
        let toks = tokenize(text);
        let w = WordHashes::new(text, &toks);
        Gazetteer::get().lookup(&w, 0, toks.len())
    }

    #[test]
    fn holds_single_words_as_the_tagger_finds_them() {
        let g = Gazetteer::get();
        assert!(g.holds_word(List::FirstName, "Carly"));
        assert!(g.holds_word(List::FirstName, "KELLY"));
        assert!(g.holds_word(List::City, "Paris"));
        assert!(!g.holds_word(List::FirstName, "Hastily"));
        assert!(!g.holds_word(List::City, "Carly"));
        for (text, list) in [("Carly", List::FirstName), ("Paris", List::City)] {
            assert_eq!(
                lists_of(text) & (1 << list as u16) != 0,
                g.holds_word(list, text)
            );
        }
    }

    #[test]
    fn finds_entries_whatever_their_case() {
        assert_ne!(lists_of("New York") & (1 << List::City as u16), 0);
        assert_ne!(lists_of("FRANCE") & (1 << List::Country as u16), 0);
        assert_ne!(lists_of("Chinese") & (1 << List::Nationality as u16), 0);
        assert_ne!(lists_of("Michael") & (1 << List::FirstName as u16), 0);
        assert_ne!(lists_of("Ministry") & (1 << List::OrgWord as u16), 0);
        assert_ne!(lists_of("Inc.") & (1 << List::OrgWord as u16), 0);
        assert_ne!(lists_of("St. John's") & (1 << List::City as u16), 0);
        assert_ne!(lists_of("Porto-Novo") & (1 << List::City as u16), 0);
        assert_eq!(lists_of("the"), 0);
    }

    #[test]
    fn begin_bits_set_two_bits_per_list() {
        for m in 0..=u16::MAX {
            let mut want = 0u16;
            for l in 0..LISTS {
                if m & (1 << l) != 0 {
                    want |= 1 << (2 * l);
                }
            }
            assert_eq!(begin_bits(m), want, "lists {m:#x}");
        }
    }

    #[test]
    fn committed_table_is_built_from_the_lists() {
        let built = pack(&build_phrases());
        assert!(Table::valid(&built));
        assert!(
            TABLE == built.as_slice(),
            "data/gazetteers.bin is stale: cargo test -p whosaid --release --lib write_table -- --ignored"
        );
        assert!(matches!(Gazetteer::get().table, Table::Static(_)));
    }

    #[test]
    #[ignore = "writes data/gazetteers.bin"]
    fn write_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteers.bin");
        assert!(std::fs::write(path, pack(&build_phrases())).is_ok());
    }

    #[test]
    fn marks_begin_and_inside_positions() {
        let text = "flew to New York today";
        let toks = tokenize(text);
        let w = WordHashes::new(text, &toks);
        let m = Gazetteer::get().mark(&toks, &w, |_| true);
        let city = List::City as usize;
        assert_ne!(m[2] & (1 << (2 * city)), 0);
        assert_ne!(m[3] & (1 << (2 * city + 1)), 0);
        assert_eq!(m[4] & (3 << (2 * city)), 0);
    }
}
