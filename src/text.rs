//! Text primitives shared by every stage: offset conversion and, as the quote detector
//! grows, quote-mark classification and normalisation.
//!
//! The pipeline works in byte offsets (what Rust `str` slicing wants) and converts to
//! Unicode code point offsets once, at the public edge, with [`CharOffsets`].

/// Converts byte offsets of one text to code point offsets.
///
/// Built once per text from the byte offsets a result needs; each lookup is a binary search,
/// so converting every offset of a result costs one pass over the text plus `O(k log k)`.
#[derive(Debug, Default)]
pub struct CharOffsets {
    /// Sorted, deduplicated byte offsets paired with their code point offsets.
    pairs: Vec<(usize, usize)>,
}

impl CharOffsets {
    /// Prepares conversion of `byte_offsets` (any order, duplicates allowed) within `text`.
    ///
    /// An offset that is past the end or not on a character boundary is mapped to the code
    /// point that contains it, so a bad offset can never panic here.
    pub fn new(text: &str, byte_offsets: impl IntoIterator<Item = usize>) -> Self {
        let mut wanted: Vec<usize> = byte_offsets.into_iter().collect();
        wanted.sort_unstable();
        wanted.dedup();
        let mut pairs = Vec::with_capacity(wanted.len());
        let mut chars = text.char_indices().map(|(b, _)| b).enumerate().peekable();
        let total_chars = text.chars().count();
        for byte in wanted {
            // Advance past every character that starts before `byte`.
            let mut count = None;
            while let Some(&(ci, b)) = chars.peek() {
                if b < byte {
                    chars.next();
                } else {
                    count = Some(if b == byte { ci } else { ci.saturating_sub(1) });
                    break;
                }
            }
            let ci = match count {
                Some(ci) => ci,
                None if byte >= text.len() => total_chars,
                None => total_chars.saturating_sub(1),
            };
            pairs.push((byte, ci));
        }
        CharOffsets { pairs }
    }

    /// The code point offset of `byte`, which must have been given to [`CharOffsets::new`];
    /// an unknown offset yields the nearest known one at or below it.
    pub fn get(&self, byte: usize) -> usize {
        match self.pairs.binary_search_by_key(&byte, |&(b, _)| b) {
            Ok(i) => self.pairs[i].1,
            Err(0) => 0,
            Err(i) => self.pairs[i - 1].1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_bytes_to_code_points() {
        let text = "a“é”b";
        // bytes: a=0, “=1..4, é=4..6, ”=6..9, b=9
        let map = CharOffsets::new(text, [9, 0, 4, 6, 1, 10]);
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(1), 1);
        assert_eq!(map.get(4), 2);
        assert_eq!(map.get(6), 3);
        assert_eq!(map.get(9), 4);
        assert_eq!(map.get(10), 5);
    }

    #[test]
    fn inside_a_character_maps_to_that_character() {
        let map = CharOffsets::new("é", [1, 99]);
        assert_eq!(map.get(1), 0);
        assert_eq!(map.get(99), 1);
    }
}
