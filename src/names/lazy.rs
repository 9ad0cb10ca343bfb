//! How [`NameIndex`] reads only the text its lookups need: the names holding one word, from
//! the stretches around that word's occurrences; the names of a span, from a stretch scanned
//! forward as the spans asked about move on. Past a budget of work proportional to the text
//! (or for a word the lazy search cannot match exactly) the whole text is indexed once, as
//! before, so the cost stays linear whatever the text.

use super::*;

/// The index of a whole text.
#[derive(Debug, Default)]
pub(super) struct FullIndex {
    /// Distinct full names (two or more name words), with how often each occurs and the byte
    /// offsets where each occurrence starts.
    pub(super) names: Vec<NameEntry>,
    /// Lower-cased name word → indexes into `names` of the full names containing it.
    pub(super) by_word: HashMap<String, Vec<usize>>,
    /// Every occurrence of a full name, in text order: (byte offset, index into `names`).
    pub(super) occurrences: Vec<(usize, usize)>,
}

/// Collects full names the way the index of a whole text does: distinct names in order of
/// first occurrence, each with its count and first position.
#[derive(Default)]
struct Collector {
    names: Vec<NameEntry>,
    seen: HashMap<String, usize>,
    key: String,
}

impl Collector {
    /// Records one occurrence of the name `words` at `pos`; returns its index and whether it
    /// is new.
    fn add(&mut self, pos: usize, words: &[(usize, &str)]) -> (usize, bool) {
        self.key.clear();
        for (n, (_, w)) in words.iter().enumerate() {
            if n > 0 {
                self.key.push(' ');
            }
            self.key.push_str(w);
        }
        let (id, new) = match self.seen.get(self.key.as_str()) {
            Some(&id) => (id, false),
            None => {
                let id = self.names.len();
                self.names.push(NameEntry {
                    words: words.iter().map(|(_, w)| (*w).to_string()).collect(),
                    count: 0,
                    first: None,
                });
                self.seen.insert(self.key.clone(), id);
                (id, true)
            }
        };
        if let Some(e) = self.names.get_mut(id) {
            e.count += 1;
            // Only the first position is ever read: keeping one keeps a name that occurs
            // thousands of times in a long text from costing memory (and copies) per occurrence.
            if e.first.is_none() {
                e.first = Some(pos);
            }
        }
        (id, new)
    }
}

impl FullIndex {
    /// Indexes the capitalised-word runs of `text` (one pass over its words).
    fn build(text: &str) -> Self {
        let mut names = Collector::default();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut occurrences = Vec::new();
        let mut lower = String::new();
        runs::scan(text, 0, usize::MAX, &mut |pos, words| {
            let (id, new) = names.add(pos, words);
            if new {
                for (_, w) in words {
                    // Most words of a new name are already keys (a surname seen before):
                    // look up before allocating a key.
                    lower.clear();
                    push_lower_key(&mut lower, w);
                    match by_word.get_mut(lower.as_str()) {
                        Some(ids) => ids.push(id),
                        None => {
                            by_word.insert(lower.clone(), vec![id]);
                        }
                    }
                }
            }
            occurrences.push((pos, id));
        });
        FullIndex {
            names: names.names,
            by_word,
            occurrences,
        }
    }
}

/// How much lazy work (in bytes scanned) a text may cost before it is indexed whole instead:
/// twice its length and a little, so the lazy path never costs more than a few full passes.
fn lazy_budget(text: &str) -> usize {
    2 * text.len() + (16 << 10)
}

/// How many bytes a `memchr` search counts for against [`lazy_budget`] per byte searched.
const SEARCH_DISCOUNT: usize = 8;

/// Whether `bytes` hold a Kelvin sign (U+212A, `E2 84 AA`): `memmem` looks for its rarest
/// bytes many at a time (the lead byte `E2` starts every curly quote of English text).
fn has_kelvin_sign(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, "\u{212A}".as_bytes()).is_some()
}

/// The full names of one stretch of text, scanned lazily for [`NameIndex::names_between`]:
/// queries move forward through the text (a pronoun after another), so the stretch grows
/// forward and each byte is scanned once.
#[derive(Debug, Default)]
pub(super) struct Stretch {
    /// From where every name is kept, and where the scan stopped (a point where no run is
    /// open).
    start: usize,
    end: usize,
    /// (start, end, name) of every full name found from `start`, in text order.
    names: Vec<(usize, usize, String)>,
}

impl<'t> NameIndex<'t> {
    pub(super) fn full(&self) -> &FullIndex {
        self.full.get_or_init(|| FullIndex::build(self.text))
    }

    /// Counts `bytes` of lazy work; false once the budget is spent.
    fn spend(&self, bytes: usize) -> bool {
        let spent = self.spent.get().saturating_add(bytes);
        self.spent.set(spent);
        spent <= lazy_budget(self.text)
    }

    /// The names containing a word whose [`lower_key`] is `key`, in order of first occurrence
    /// (a name holding the word twice is listed twice), as the full index lists them.
    pub(super) fn names_with(&self, key: &str) -> Rc<Vec<NameEntry>> {
        if let Some(found) = self.by_key.borrow().get(key) {
            return Rc::clone(found);
        }
        let found = Rc::new(self.lazy_names_with(key).unwrap_or_else(|| {
            let full = self.full();
            full.by_word
                .get(key)
                .into_iter()
                .flatten()
                .filter_map(|&i| full.names.get(i).cloned())
                .collect()
        }));
        self.by_key
            .borrow_mut()
            .insert(key.to_string(), Rc::clone(&found));
        found
    }

    /// [`NameIndex::names_with`] from the stretches of text around `key` only; `None` when
    /// the whole text must be indexed instead (built already, budget spent, a non-ASCII key,
    /// or a Kelvin sign in the text).
    fn lazy_names_with(&self, key: &str) -> Option<Vec<NameEntry>> {
        let text = self.text;
        if self.full.get().is_some() || key.is_empty() || !key.is_ascii() {
            return None;
        }
        // A Kelvin sign lower-cases to `k`, so it can only make a word equal to a key holding
        // a `k`: the text is searched for one (a pass over all of it) only for such keys.
        let kelvin = key.as_bytes().contains(&b'k')
            && *self.kelvin.get_or_init(|| has_kelvin_sign(text.as_bytes()));
        if kelvin
            || !key.as_bytes().first().is_some_and(u8::is_ascii_lowercase)
            || !self.spend(text.len() / SEARCH_DISCOUNT)
        {
            return None;
        }
        // Every occurrence of a name holding the word holds it as a capitalised ASCII word
        // equal to `key` but for ASCII case (a name word starts with a capital; no Kelvin
        // sign, so only an ASCII word lower-cases to ASCII), and scanning from where no run
        // is open to past the occurrence finds its run exactly.
        let mut names = Collector::default();
        let mut done = 0;
        let mut run = Vec::new();
        for at in runs::find_capitalised(text.as_bytes(), key.as_bytes()) {
            if at < done {
                continue;
            }
            let from = runs::open_point_before(text, at, done);
            let end = runs::scan_with(text, from, at + key.len(), &mut run, &mut |pos, words| {
                names.add(pos, words);
            });
            if !self.spend(end.saturating_sub(from) + at.saturating_sub(from)) {
                return None;
            }
            done = end;
        }
        let is_key = |w: &String| w.trim_end_matches('.').eq_ignore_ascii_case(key);
        Some(
            names
                .names
                .into_iter()
                .flat_map(|e| {
                    let times = e.words.iter().filter(|w| is_key(w)).count();
                    std::iter::repeat_n(e, times)
                })
                .collect(),
        )
    }

    /// `visit` applied to the names [`NameIndex::names_between`] lists for
    /// `from.max(lowest)..to`, read from the stretch of text scanned so far, grown forward as
    /// needed; `None` when the whole text is (or must now be) indexed instead. The names from
    /// `from` on are kept for later spans; the text before `lowest` is scanned only when
    /// the stretch already reaches it.
    pub(super) fn lazy_names_between<R>(
        &self,
        from: usize,
        lowest: usize,
        to: usize,
        visit: impl FnOnce(&[(usize, usize, String)]) -> R,
    ) -> Option<R> {
        if self.full.get().is_some() {
            return None;
        }
        let mut stretch = self.stretch.borrow_mut();
        let text = self.text;
        let mut cost = 0;
        let need = from.max(lowest);
        if !(stretch.start..=stretch.end).contains(&need) || stretch.end == 0 {
            // Start afresh where no run is open before `need`.
            let start = runs::open_point_before(text, need.min(text.len()), 0);
            cost += need.saturating_sub(start);
            *stretch = Stretch {
                start,
                end: start,
                names: Vec::new(),
            };
        }
        if to > stretch.end {
            let from_here = stretch.end;
            let mut found = Vec::new();
            let end = runs::scan(text, from_here, to, &mut |pos, words| {
                // The name joined straight into one string (what `NameEntry::span` gives,
                // without a string per word first).
                let mut name = String::with_capacity(words.iter().map(|(_, w)| w.len() + 1).sum());
                for (n, (_, w)) in words.iter().enumerate() {
                    if n > 0 {
                        name.push(' ');
                    }
                    name.push_str(w);
                }
                found.push((pos, pos + name.len(), name));
            });
            cost += end.saturating_sub(from_here);
            stretch.names.extend(found);
            stretch.end = end;
        }
        if !self.spend(cost) {
            return None;
        }
        let lo = stretch.names.partition_point(|&(p, _, _)| p < need);
        let hi = stretch.names.partition_point(|&(p, _, _)| p < to);
        let found = visit(stretch.names.get(lo..hi).unwrap_or_default());
        // Later spans start no earlier (else the stretch starts afresh): what lies before this
        // one is not needed again, and dropping it keeps the stretch short in a long text.
        let kept = stretch.names.partition_point(|&(p, _, _)| p < from);
        stretch.names.drain(..kept);
        stretch.start = stretch.start.max(from);
        Some(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: &[&str] = &[
        include_str!("../../benches/articles/city-council-budget.txt"),
        include_str!("../../benches/articles/port-strike.txt"),
        "Sen. Ann Lee met (Bob Ray) and Gen. Cy Dee, then\nThe Ed Fox Jr. spoke. Xi’s Li Wei said \
         LEE, lee and Ann LEE; “Bob Ray” and Mr. Bob Ray Jr. met Ann Lee again. LI WEI Li Wei.",
    ];

    /// Every lookup answered lazily is the answer of the index of the whole text.
    #[test]
    fn lazy_answers_are_the_full_index_answers() {
        for text in TEXTS {
            let full = NameIndex::new(text);
            let _ = full.full();
            // A fresh index per lookup answers lazily; one index for all of them runs out of
            // budget on the way and goes on with the full index: both must agree with it.
            let shared = NameIndex::new(text);
            for word in text.split_whitespace() {
                let fresh = NameIndex::new(text);
                assert_eq!(fresh.fullest(word), full.fullest(word), "{word}");
                assert!(fresh.full.get().is_none() || !word.is_ascii(), "{word}");
                assert_eq!(shared.fullest(word), full.fullest(word), "{word}");
            }
            let sequential = NameIndex::new(text);
            for from in (0..text.len()).step_by(97) {
                for len in [0, 40, 400, 2000] {
                    let to = from + len;
                    let expected = full.names_between(from, to);
                    assert_eq!(NameIndex::new(text).names_between(from, to), expected);
                    assert_eq!(sequential.names_between(from, to), expected, "{from}..{to}");
                }
            }
        }
    }

    /// The latest name at or after `lowest` that `rfind_between` picks is the one a reverse
    /// search of `names_between` finds, whatever spans were asked about before.
    #[test]
    fn rfind_between_is_a_reverse_search_of_names_between() {
        for text in TEXTS {
            let full = NameIndex::new(text);
            let _ = full.full();
            let sequential = NameIndex::new(text);
            for from in (0..text.len()).step_by(89) {
                for (len, lead) in [(0, 0), (400, 0), (2000, 300), (2000, 1500), (2000, 9999)] {
                    let (to, lowest) = (from + len, from + lead);
                    // Every other name is passed over, as a pronoun of the wrong gender would.
                    let pick = |p: usize, _: usize, name: &str| {
                        (name.len() % 2 == 0).then(|| (p, name.to_string()))
                    };
                    let expected = full
                        .names_between(from, to)
                        .into_iter()
                        .rev()
                        .take_while(|(p, _, _)| *p >= lowest)
                        .find_map(|(p, e, name)| pick(p, e, &name));
                    assert_eq!(full.rfind_between(from, to, lowest, pick), expected);
                    let lazy = NameIndex::new(text).rfind_between(from, to, lowest, pick);
                    assert_eq!(lazy, expected, "{from}..{to} from {lowest}");
                    let seq = sequential.rfind_between(from, to, lowest, pick);
                    assert_eq!(seq, expected, "{from}..{to} from {lowest}");
                    assert_eq!(
                        sequential.names_between(from, to),
                        full.names_between(from, to)
                    );
                }
            }
        }
    }

    #[test]
    fn kelvin_signs_are_found_anywhere() {
        for text in ["\u{212A}", "a\u{212A}", "\u{212A}b", "“Ą” \u{212A}ee", "ĄĄ"] {
            assert_eq!(
                has_kelvin_sign(text.as_bytes()),
                text.contains('\u{212A}'),
                "{text}"
            );
        }
    }

    #[test]
    fn a_spent_budget_falls_back_to_the_full_index() {
        let text = "Ann Lee spoke. ".repeat(50);
        let index = NameIndex::new(&text);
        index.spent.set(lazy_budget(&text));
        assert_eq!(index.fullest("Lee"), "Ann Lee");
        assert!(index.full.get().is_some());
    }

    #[test]
    fn a_kelvin_sign_or_a_non_ascii_word_uses_the_full_index() {
        let text = "Ann \u{212A}ee spoke. Ann Kee left.";
        let index = NameIndex::new(text);
        assert_eq!(index.fullest("Kee"), "Ann Kee");
        assert!(index.full.get().is_some());
        // A key without a `k` is looked up lazily whatever Kelvin signs the text holds.
        let (index, full) = (NameIndex::new(text), NameIndex::new(text));
        let _ = full.full();
        assert_eq!(index.fullest("Ann"), full.fullest("Ann"));
        assert!(index.full.get().is_none());
        let index = NameIndex::new("Zoë Lee spoke. Zoë left.");
        assert_eq!(index.fullest("Zoë"), "Zoë Lee");
    }
}
