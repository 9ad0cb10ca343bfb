//! Helpers shared by unit tests (compiled only for tests).

/// A small deterministic random source (xorshift64) for tests that compare a fast routine
/// with its plain reference on many generated inputs: the same inputs on every run, no
/// dependency.
pub struct Rng(u64);

impl Rng {
    /// A generator started from `seed` (any nonzero value).
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// A text of 1 to `max_pieces` pieces drawn from `pieces`.
    pub fn text(&mut self, pieces: &[&str], max_pieces: usize) -> String {
        let len = 1 + self.below(max_pieces);
        (0..len).map(|_| pieces[self.below(pieces.len())]).collect()
    }
}

/// Pieces of newswire text for [`Rng::text`]: names, lowercase words, a bank "of" a place,
/// an all-caps word and headline, a results row, a company suffix and a possessive,
/// abbreviations, accents, quote marks and line ends, the things the entity tagger's
/// features read.
pub const NEWS_PIECES: &[&str] = &[
    "Peter ",
    "Blackburn ",
    "met ",
    "the ",
    "Bank ",
    "of ",
    "England ",
    "in ",
    "PARIS",
    ".\n",
    "Kent ",
    "296 ",
    "Somerset ",
    "83\n",
    "Inc. ",
    "'s ",
    "U.S. ",
    "Zürich ",
    "said ",
    "“",
    "” ",
    "van ",
    "Ohio-based ",
    "SOCCER - ",
    "\n",
];
