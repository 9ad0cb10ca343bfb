//! Which candidate quotations are quotations, and of which kind.
//!
//! Quoted titles, nicknames and scare quotes nobody is said to have said are left out. Counted
//! on PolNeAR train, almost every quoted stretch that is not title-like is someone's words
//! (often attributed outside its sentence), so such candidates stay, except one or two words
//! that no rule attributes to anyone (scare quotes). A title-like candidate
//! (“Security Bond-2023”, “Meet the Press”) stays only when a cue sits right next to it, or when
//! it has a speaker and its neighbours do not mark it as a name of a work: an outlet's
//! possessive (`CNN’s “New Day”`), a preposition (`on “Hannity”`) or a word such as "show".

use super::pairing::Candidate;
use crate::QuoteKind;
use crate::attribution::word_set::WordSet;
use crate::attribution::{Attribution, How};

/// Words a title may keep in lower case ("Jane the Virgin", "Fox and Friends").
const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "at", "by", "de", "for", "from", "in", "of", "on", "or", "the", "to", "with",
    "&", "-", "vs",
];

/// Longest unattributed quotation (in words) taken for a scare quote and left out.
const MAX_SCARE_QUOTE_WORDS: usize = 2;

/// Words just before a title-like quotation that mark it as the name of a work or place.
const BEFORE_TITLES: &[&str] = &["on", "for", "of", "in", "from", "at", "with"];

/// Words (one of the two before a quotation) that introduce the name of a work.
const WORK_WORDS: &[&str] = &[
    "show",
    "program",
    "programme",
    "podcast",
    "film",
    "movie",
    "book",
    "series",
    "song",
    "album",
    "magazine",
    "column",
    "documentary",
    "broadcast",
    "channel",
    "sitcom",
    "episode",
    "novel",
    "play",
    "musical",
    "memoir",
    "newsletter",
    "video",
    "ad",
    "headline",
    "blog",
    "site",
    "website",
    "hashtag",
    "segment",
    "radio",
    "tv",
    "television",
    "station",
    "network",
    "edition",
    "star",
    "host",
    "anthem",
    "slogan",
    "banner",
    "titled",
    "entitled",
];

/// Words just before an unattributed title-like quotation that say someone called it so.
const NAMING_WORDS: &[&str] = &[
    "as", "called", "calling", "calls", "titled", "entitled", "named", "dubbed", "chanting",
    "chanted", "chants", "read", "reads", "reading", "said", "says", "saying", "of",
];

/// The (up to) two words before byte `pos`, nearest last, looking back a bounded distance.
fn words_before(text: &str, pos: usize) -> Vec<String> {
    let from = pos.saturating_sub(80);
    let from = (from..pos)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(pos);
    let window = text.get(from..pos).unwrap_or_default();
    let mut out: Vec<String> = window
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’')))
        .filter(|w| !w.is_empty())
        .rev()
        .take(2)
        .map(str::to_lowercase)
        .collect();
    out.reverse();
    out
}

/// Counts words up to `cap` (enough to decide, never the whole of a huge span), as
/// `split_whitespace` splits them. Asked of every candidate: the words are counted byte by
/// byte while the text is ASCII (where the spaces are those bytes), and by
/// `split_whitespace` from the start only once a non-ASCII character comes first.
fn count_words(s: &str, cap: usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        if n == cap {
            break;
        }
        if !b.is_ascii() {
            return s.split_whitespace().take(cap).count();
        }
        let space = matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
        n += usize::from(!space && !in_word);
        in_word = !space;
    }
    n
}

/// Whether the quoted words read like a title or name: every word capitalised except small
/// words, a handful of words, no sentence punctuation inside.
pub fn is_title_like(quoted: &str) -> bool {
    // The cheap, bounded tests first, in one pass over at most nine words (most quotations
    // fail on their first lower-case word); the scan for `?` and `!` over the whole quotation
    // last.
    let core = quoted.trim().trim_end_matches([',', '.', ';', ':']);
    if core.is_empty() {
        return false;
    }
    let mut capitals = 0;
    for (n, w) in core.split_whitespace().enumerate() {
        if n >= 8 {
            return false;
        }
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = w.chars().next() else {
            continue;
        };
        if first.is_uppercase() || first.is_ascii_digit() {
            capitals += 1;
        } else if !is_small_title_word(w) {
            return false;
        }
    }
    capitals > 0 && !core.contains(['?', '!'])
}

static TITLE_SMALL_WORD_SET: WordSet<64> = WordSet::new(TITLE_SMALL_WORDS);

/// Whether `w` lower-cased is one of [`TITLE_SMALL_WORDS`]. The list is ASCII without a `k`,
/// so Unicode lower-casing (whose only non-ASCII-to-ASCII case is the Kelvin sign) and ASCII
/// case folding agree on it, and the lookup needs no allocation.
fn is_small_title_word(w: &str) -> bool {
    TITLE_SMALL_WORD_SET.contains(w)
}

/// Whether the candidate is a quotation, given how it was attributed.
pub fn keep(text: &str, c: &Candidate, a: &Attribution) -> bool {
    let quoted = text.get(c.start..c.end).unwrap_or_default();
    let words = count_words(quoted, 4);
    if words == 0 {
        return false;
    }
    if c.single {
        return matches!(a.how, How::BeforeAdjacent | How::AfterAdjacent) && words >= 3;
    }
    // One or two quoted words that no rule attributes to anyone are scare quotes.
    if a.how == How::Unattributed && words <= MAX_SCARE_QUOTE_WORDS {
        return false;
    }
    if !is_title_like(quoted) {
        return true;
    }
    // A title-like quotation is trusted as speech when a cue introduces it, or when it opens
    // its sentence before an attribution (`“Yes,” she said`); inside a sentence, `on “This
    // Week,” Carson said` names a show.
    if matches!(a.how, How::BeforeAdjacent | How::Colon)
        || (a.how == How::AfterAdjacent && !a.mid_sentence)
        || (a.how == How::FollowOn && !a.mid_sentence && ends_a_sentence(quoted))
    {
        return true;
    }
    let before = words_before(text, c.open);
    let last = before.last().map(String::as_str).unwrap_or_default();
    let possessive = last.ends_with("’s") || last.ends_with("'s");
    if possessive
        || BEFORE_TITLES.contains(&last)
        || before.iter().any(|w| WORK_WORDS.contains(&w.as_str()))
    {
        return false;
    }
    (a.speaker.is_some() && a.how == How::BeforeInSentence)
        || NAMING_WORDS.contains(&last)
        || last.ends_with(':')
}

/// Whether only "and", "or" or a comma stands between a closing mark at `close` and an
/// opening mark at `open`: the two quotations are items of one list.
pub fn joined(text: &str, close: usize, open: usize) -> bool {
    let Some(gap) = text.get(close..open).filter(|g| g.len() <= 6) else {
        return false;
    };
    matches!(gap.trim_start_matches(',').trim(), "and" | "or" | "")
        && gap.chars().any(|c| c == ',' || c.is_alphabetic())
}

/// Whether quoted words end with a full stop, question or exclamation mark of their own:
/// "The Donald. Big Daddy." said after a quotation is more speech, while a title standing
/// after one ends in a comma or nothing ("''Billions,'' on Showtime").
fn ends_a_sentence(quoted: &str) -> bool {
    quoted.trim_end().ends_with(['.', '!', '?'])
}

/// Direct speech when the quotation starts its sentence, or follows an introducing cue and
/// starts like a sentence; otherwise a fragment inside the writer's sentence.
pub fn kind(quoted: &str, a: &Attribution) -> QuoteKind {
    let first_upper = quoted
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let introduced = matches!(a.how, How::BeforeAdjacent | How::Colon);
    if !a.mid_sentence || (introduced && first_upper) {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::attribution::Attribution;

    fn cand(text: &str) -> Candidate {
        crate::quotes::pairing::pair(text)[0]
    }

    fn attr(how: How, speaker: bool) -> Attribution {
        Attribution {
            speaker: speaker.then_some((0, 1)),
            cue: None,
            how,
            mid_sentence: true,
            sentence_end: 0,
        }
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        const PIECES: &[&str] = &["a", "Bc", " ", "  ", "\t", "\x0b", "\n", "\u{a0}", "é", "“"];
        let mut rng = crate::testing::Rng::new(17);
        for _ in 0..20_000 {
            let s = rng.text(PIECES, 12);
            for cap in 0..6 {
                assert_eq!(
                    count_words(&s, cap),
                    s.split_whitespace().take(cap).count(),
                    "{s:?} {cap}"
                );
            }
        }
    }

    #[test]
    fn work_titles_are_dropped_even_with_a_speaker() {
        for t in [
            "He spoke on CNN’s “New Day” today.",
            "He spoke on “New Day” today.",
            "the TV show “New Day” aired",
        ] {
            assert!(
                !keep(t, &cand(t), &attr(How::BeforeInSentence, true)),
                "{t}"
            );
        }
    }

    #[test]
    fn title_inside_a_sentence_is_not_trusted_to_a_later_cue() {
        let t = "Speaking on “This Week,” Lee said the plan works.";
        let mut a = attr(How::AfterAdjacent, true);
        assert!(!keep(t, &cand(t), &a));
        let t = "“Yes,” Lee said.";
        a.mid_sentence = false;
        assert!(keep(t, &cand(t), &a));
    }

    #[test]
    fn unattributed_titles_stay_only_when_named() {
        let t = "the city known as “Crossroads of America” grew";
        assert!(keep(t, &cand(t), &attr(How::Unattributed, false)));
        let t = "they took part in the “Security Bond” drills";
        assert!(!keep(t, &cand(t), &attr(How::Unattributed, false)));
    }

    #[test]
    fn list_items_are_joined_by_and_or_or_a_comma() {
        let t = "“A” and “B”, “C” or “D” then “E”";
        let marks: Vec<usize> = t.match_indices(['“', '”']).map(|(i, _)| i).collect();
        // (close of one, open of the next)
        let gap = |k: usize| (marks[2 * k + 1] + '”'.len_utf8(), marks[2 * k + 2]);
        let joined_at = |k: usize| {
            let (close, open) = gap(k);
            joined(t, close, open)
        };
        assert!(joined_at(0) && joined_at(1) && joined_at(2));
        assert!(!joined_at(3), "“D” then “E”");
        assert!(!joined(t, 0, 0), "nothing between is no list");
    }

    #[test]
    fn adjacent_cue_keeps_anything_and_plain_words_stay() {
        let t = "He said “Yes.”";
        assert!(keep(t, &cand(t), &attr(How::BeforeAdjacent, true)));
        let t = "the so-called “deal of the century” collapsed";
        assert!(keep(t, &cand(t), &attr(How::Unattributed, false)));
    }

    #[test]
    fn unattributed_scare_quotes_are_dropped() {
        let t = "the so-called “rebels” advanced";
        assert!(!keep(t, &cand(t), &attr(How::Unattributed, false)));
        assert!(keep(t, &cand(t), &attr(How::SentenceSubject, true)));
    }

    #[test]
    fn small_title_words_match_as_lower_case_did() {
        for w in TITLE_SMALL_WORDS {
            assert!(!w.contains('k') && w.is_ascii(), "{w}");
            assert!(is_small_title_word(w) && is_small_title_word(&w.to_ascii_uppercase()));
        }
        assert!(!is_small_title_word("ofs") && !is_small_title_word("\u{212A}"));
        assert!(is_title_like("Fox AND Friends") && !is_title_like("Fox And Friends?"));
    }

    #[test]
    fn titles_and_names() {
        assert!(is_title_like("Security Bond-2023"));
        assert!(is_title_like("Meet the Press,"));
        assert!(!is_title_like("balanced"));
        assert!(!is_title_like("We Will Win!"));
        assert!(!is_title_like("We will win"));
    }
}
