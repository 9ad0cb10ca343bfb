//! The cue lexicon: speech verbs ("said", "told", "tweeted", "argued"...) and phrases
//! ("according to", "in a statement") that attribute words to a source.
//!
//! Kept as one sorted table, looked up through a hash table built from it at compile time,
//! so a lookup costs a few instructions whatever the window size.

use super::word_set::WordSet;
use super::words::Token;

/// Speech-verb forms, lower-case, sorted (a test checks the order).
const VERBS: &[&str] = &[
    "accused",
    "accuses",
    "accusing",
    "acknowledged",
    "acknowledges",
    "acknowledging",
    "added",
    "adding",
    "adds",
    "admits",
    "admitted",
    "admitting",
    "advise",
    "advised",
    "advises",
    "advising",
    "agreed",
    "agreeing",
    "agrees",
    "allege",
    "alleged",
    "alleges",
    "alleging",
    "announced",
    "announces",
    "announcing",
    "answered",
    "answering",
    "apologize",
    "apologized",
    "apologizes",
    "argue",
    "argued",
    "argues",
    "arguing",
    "asked",
    "asking",
    "asks",
    "asserted",
    "asserting",
    "asserts",
    "assured",
    "assures",
    "assuring",
    "barked",
    "beg",
    "begged",
    "begging",
    "begs",
    "bemoaned",
    "bemoans",
    "blamed",
    "blames",
    "blaming",
    "blasted",
    "blasting",
    "blasts",
    "boasted",
    "boasting",
    "boasts",
    "branded",
    "branding",
    "call",
    "called",
    "calling",
    "calls",
    "cautioned",
    "cautioning",
    "cautions",
    "challenge",
    "challenged",
    "challenges",
    "challenging",
    "chanted",
    "chanting",
    "chants",
    "characterize",
    "characterized",
    "characterizes",
    "characterizing",
    "charged",
    "charging",
    "chided",
    "chiding",
    "chimed",
    "cited",
    "cites",
    "citing",
    "claimed",
    "claiming",
    "claims",
    "commented",
    "commenting",
    "complained",
    "complaining",
    "complains",
    "conceded",
    "concedes",
    "conceding",
    "concluded",
    "concludes",
    "concluding",
    "condemned",
    "condemning",
    "condemns",
    "confessed",
    "confesses",
    "confide",
    "confided",
    "confides",
    "confirmed",
    "confirming",
    "confirms",
    "contend",
    "contended",
    "contending",
    "contends",
    "continued",
    "continues",
    "continuing",
    "countered",
    "countering",
    "credited",
    "cried",
    "criticized",
    "criticizes",
    "criticizing",
    "crying",
    "declared",
    "declares",
    "declaring",
    "decried",
    "decries",
    "decry",
    "decrying",
    "demanded",
    "demanding",
    "denounce",
    "denounced",
    "denounces",
    "denouncing",
    "denying",
    "deride",
    "derided",
    "derides",
    "deriding",
    "described",
    "describes",
    "describing",
    "dismissed",
    "dismisses",
    "dismissing",
    "dub",
    "dubbed",
    "dubbing",
    "dubs",
    "echoed",
    "echoes",
    "echoing",
    "elaborate",
    "elaborated",
    "elaborates",
    "emailed",
    "emphasise",
    "emphasised",
    "emphasises",
    "emphasising",
    "emphasize",
    "emphasized",
    "emphasizes",
    "emphasizing",
    "exclaim",
    "exclaimed",
    "exclaiming",
    "exclaims",
    "explained",
    "explaining",
    "explains",
    "fired",
    "fumed",
    "fumes",
    "gush",
    "gushed",
    "gushes",
    "hail",
    "hailed",
    "hailing",
    "hails",
    "highlighted",
    "implied",
    "implies",
    "implore",
    "implored",
    "implores",
    "inform",
    "informed",
    "informing",
    "informs",
    "insisted",
    "insisting",
    "insists",
    "interject",
    "interjected",
    "interjects",
    "joked",
    "jokes",
    "joking",
    "labeled",
    "labeling",
    "labelled",
    "labelling",
    "lamented",
    "lamenting",
    "laments",
    "lash",
    "lashed",
    "maintained",
    "maintaining",
    "maintains",
    "mocked",
    "mocking",
    "mocks",
    "muse",
    "mused",
    "muses",
    "musing",
    "noted",
    "notes",
    "noting",
    "observed",
    "observes",
    "observing",
    "plead",
    "pleaded",
    "pleading",
    "pleads",
    "pledged",
    "pledges",
    "pledging",
    "pointed",
    "pointing",
    "portrayed",
    "portraying",
    "portrays",
    "posted",
    "praised",
    "praises",
    "praising",
    "predicted",
    "predicting",
    "predicts",
    "proclaim",
    "proclaimed",
    "proclaiming",
    "proclaims",
    "promised",
    "promises",
    "promising",
    "pronounced",
    "proposed",
    "protested",
    "protests",
    "questioned",
    "quip",
    "quipped",
    "quipping",
    "quips",
    "quoted",
    "quoting",
    "rail",
    "railed",
    "rails",
    "rave",
    "raved",
    "raves",
    "read",
    "reads",
    "reasoned",
    "recalled",
    "recalling",
    "recalls",
    "recommended",
    "recounted",
    "recounting",
    "recounts",
    "referred",
    "referring",
    "refers",
    "reiterated",
    "reiterates",
    "reiterating",
    "remarked",
    "remarking",
    "remembered",
    "remind",
    "reminded",
    "reminding",
    "reminds",
    "repeated",
    "repeating",
    "repeats",
    "replied",
    "replies",
    "replying",
    "reported",
    "reports",
    "responded",
    "responding",
    "responds",
    "retaliated",
    "retort",
    "retorted",
    "retorting",
    "retorts",
    "retweeted",
    "riffed",
    "said",
    "say",
    "saying",
    "says",
    "scoff",
    "scoffed",
    "scoffs",
    "scolded",
    "scolding",
    "scolds",
    "scrawled",
    "scream",
    "screamed",
    "screaming",
    "screams",
    "shouted",
    "shouting",
    "shouts",
    "singing",
    "slammed",
    "slamming",
    "slams",
    "snap",
    "snapped",
    "snapping",
    "snaps",
    "sniff",
    "sniffed",
    "sniffs",
    "speculate",
    "speculated",
    "speculates",
    "speculating",
    "started",
    "starts",
    "stated",
    "stating",
    "stressed",
    "stresses",
    "stressing",
    "suggested",
    "suggesting",
    "suggests",
    "summarize",
    "summarized",
    "summarizes",
    "surmised",
    "telling",
    "tells",
    "testified",
    "testifies",
    "testifying",
    "texted",
    "thanked",
    "thanking",
    "thunder",
    "thundered",
    "thunders",
    "told",
    "touted",
    "touting",
    "touts",
    "tweeted",
    "tweeting",
    "tweets",
    "typed",
    "urged",
    "urges",
    "urging",
    "vented",
    "vents",
    "vowed",
    "vowing",
    "vows",
    "warned",
    "warning",
    "warns",
    "whisper",
    "whispered",
    "whispering",
    "whispers",
    "wondered",
    "wondering",
    "wonders",
    "write",
    "writes",
    "writing",
    "written",
    "wrote",
    "yell",
    "yelled",
    "yelling",
    "yells",
];

/// What a cue says about where its speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A finite speech verb: the speaker is its subject ("Xi said") or, verb first, follows it
    /// ("said Xi").
    Verb,
    /// A participle ("adding", "saying"): the speaker is the subject of the whole sentence.
    Participle,
    /// "according to X": the speaker follows.
    According,
}

/// A cue found at some token: how many tokens it spans and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueMatch {
    /// Number of tokens in the cue.
    pub len: usize,
    /// Where its speaker is.
    pub kind: CueKind,
}

/// [`VERBS`] as a hash set: most tokens are not speech verbs, and a miss costs one hash.
static VERB_SET: WordSet<1024> = WordSet::new(VERBS);

/// Whether `word` (any case) is a speech-verb form.
#[inline]
pub fn is_speech_verb(word: &str) -> bool {
    // Fast rejection: the table holds lower-case ASCII words of 3 to 14 letters (plus "re-").
    // A word found in it is letters only, so no separate check of its bytes is needed.
    let bytes = word.as_bytes();
    if bytes.len() < 3 || bytes.len() > 17 {
        return false;
    }
    // The hyphen first: one byte tells most words apart from "re-…".
    let w = match bytes.split_at_checked(3) {
        Some((re, rest)) if re[2] == b'-' && re[..2].eq_ignore_ascii_case(b"re") => rest,
        _ => bytes,
    };
    VERB_SET.contains_bytes(w)
}

/// The cue starting at `tokens[k]`, if any.
pub fn cue_at(tokens: &[Token<'_>], k: usize) -> Option<CueMatch> {
    let t = tokens.get(k)?;
    if !t.is_word {
        return None;
    }
    if t.text.eq_ignore_ascii_case("according") {
        let to = tokens.get(k + 1)?;
        return to.text.eq_ignore_ascii_case("to").then_some(CueMatch {
            len: 2,
            kind: CueKind::According,
        });
    }
    // The kind first: most words are no speech verb, and need no look at the words after;
    // nor are they the verb of a phrasal cue ("went on"), asked only then.
    let Some(kind) = verb_kind(t) else {
        // "Lee used the words “…”": using a word is saying it ("u" turns most words away).
        if matches!(t.text.as_bytes().first(), Some(b'u' | b'U'))
            && let Some(kind) = using_the_words(tokens, k)
        {
            return Some(CueMatch { len: 3, kind });
        }
        // Particles are "on", "back", "in", "up", "out": one byte turns most words away.
        let particle = tokens.get(k + 1).is_some_and(|p| {
            p.text.len() <= 4
                && matches!(
                    p.text.as_bytes().first(),
                    Some(b'o' | b'b' | b'i' | b'u' | b'O' | b'B' | b'I' | b'U')
                )
        });
        if !particle {
            return None;
        }
        return phrasal_cue(tokens, k).map(|len| CueMatch {
            len,
            kind: CueKind::Verb,
        });
    };
    // After an article the word is a noun ("The challenge of …", "a call for …"), not the
    // verb of a report: its subject would be the article.
    let after_article = k > 0 && tokens.get(k - 1).is_some_and(Token::is_article);
    if after_article && kind == CueKind::Verb {
        return None;
    }
    Some(CueMatch {
        len: 1 + statement_after(tokens, k + 1),
        kind,
    })
}

/// The kind of "used the words" (or "uses the phrase", "using the term") at `tokens[k]`.
#[inline]
fn using_the_words(tokens: &[Token<'_>], k: usize) -> Option<CueKind> {
    let t = tokens.get(k)?;
    let is = |w: &str| t.text.eq_ignore_ascii_case(w);
    let kind = if is("used") || is("uses") || is("use") {
        CueKind::Verb
    } else if is("using") {
        CueKind::Participle
    } else {
        return None;
    };
    let the = tokens.get(k + 1)?;
    let noun = tokens.get(k + 2)?;
    let nouns = ["word", "words", "phrase", "term", "expression", "slogan"];
    (the.text.eq_ignore_ascii_case("the")
        && nouns.iter().any(|n| noun.text.eq_ignore_ascii_case(n)))
    .then_some(kind)
}

/// What a single token is as a speech verb: [`CueKind::Verb`] ("said"),
/// [`CueKind::Participle`] ("saying"), or nothing. [`cue_at`]'s reading of the token alone,
/// for callers that ask it of every token of a long stretch and need no more.
///
/// Inlined: asked of every token before a pronoun, and most tokens are rejected on their
/// length or first and last letters in a few instructions, less than the call.
#[inline]
pub fn verb_kind(t: &Token<'_>) -> Option<CueKind> {
    if !t.is_word || t.text.eq_ignore_ascii_case("according") || !is_speech_verb(t.text) {
        return None;
    }
    let bytes = t.text.as_bytes();
    let participle = bytes
        .get(bytes.len().saturating_sub(3)..)
        .is_some_and(|end| end.len() == 3 && end.eq_ignore_ascii_case(b"ing"));
    Some(if participle {
        CueKind::Participle
    } else {
        CueKind::Verb
    })
}

/// Verbs that report speech only with their particle ("Lee went on", "shot back",
/// "chimed in"), each with it.
const PHRASAL: &[(&str, &str)] = &[
    ("broke", "in"),
    ("chimed", "in"),
    ("cut", "in"),
    ("hit", "back"),
    ("jumped", "in"),
    ("lashed", "out"),
    ("piped", "up"),
    ("pressed", "on"),
    ("pushed", "back"),
    ("put", "it"),
    ("puts", "it"),
    ("shot", "back"),
    ("snapped", "back"),
    ("spoke", "up"),
    ("weighed", "in"),
    ("goes", "on"),
    ("went", "on"),
];

/// The verbs of [`PHRASAL`].
const PHRASAL_VERBS: &[&str] = &[
    "broke", "chimed", "cut", "hit", "jumped", "lashed", "piped", "pressed", "pushed", "put",
    "puts", "shot", "snapped", "spoke", "weighed", "goes", "went",
];
static PHRASAL_VERB_SET: WordSet<64> = WordSet::new(PHRASAL_VERBS);

/// The length (2) of a phrasal speech verb at `tokens[k]` ([`PHRASAL`]) that ends its clause:
/// punctuation or nothing after the particle, so that "went on Fox News" and "went on to
/// win" are no cues, while "“…,” Lee went on, “…”" is.
#[inline]
pub fn phrasal_cue(tokens: &[Token<'_>], k: usize) -> Option<usize> {
    // Most tokens are no listed verb: the hash set turns them away on length and letters.
    let verb = tokens.get(k)?;
    if !PHRASAL_VERB_SET.contains(verb.text) {
        return None;
    }
    let particle = tokens.get(k + 1)?;
    if !particle.is_word || particle.text.len() > 4 {
        return None;
    }
    let listed = PHRASAL
        .iter()
        .any(|(v, p)| verb.text.eq_ignore_ascii_case(v) && particle.text.eq_ignore_ascii_case(p));
    let ends = tokens.get(k + 2).is_none_or(|t| !t.is_word);
    // "Trump went on about “…”": talking at length about what the quotation gives.
    let about = particle.text.eq_ignore_ascii_case("on")
        && tokens
            .get(k + 2)
            .is_some_and(|t| t.text.eq_ignore_ascii_case("about"));
    if listed
        && about
        && ["went", "goes"]
            .iter()
            .any(|v| verb.text.eq_ignore_ascii_case(v))
    {
        return Some(3);
    }
    (listed && ends).then_some(2)
}

/// How many tokens from `tokens[k]` say where a speech verb was uttered in writing: "in a
/// statement", "in a written statement", "in its statement"; 0 when none.
fn statement_after(tokens: &[Token<'_>], k: usize) -> usize {
    let is = |i: usize, words: &[&str]| {
        tokens
            .get(i)
            .is_some_and(|t| t.is_word && words.iter().any(|w| t.text.eq_ignore_ascii_case(w)))
    };
    const DETERMINERS: &[&str] = &["a", "an", "the", "its", "his", "her", "their", "our"];
    const STATEMENTS: &[&str] = &["statement", "release"];
    if !is(k, &["in"]) || !is(k + 1, DETERMINERS) {
        return 0;
    }
    if is(k + 2, STATEMENTS) {
        return 3;
    }
    let adjective = tokens
        .get(k + 2)
        .is_some_and(|t| t.is_word && t.text.chars().all(|c| c.is_ascii_lowercase()));
    if adjective && is(k + 3, STATEMENTS) {
        return 4;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::super::words::tokenize;
    use super::*;

    #[test]
    fn every_phrasal_verb_is_in_the_set() {
        PHRASAL_VERB_SET.assert_holds(PHRASAL_VERBS);
        for (v, _) in PHRASAL {
            assert!(PHRASAL_VERBS.contains(v), "{v}");
        }
    }

    #[test]
    fn using_the_words_is_saying_them() {
        let cue = |text: &str, k: usize| cue_at(&tokenize(text, 0, text.len()), k);
        let used = cue("When Lee used the words, “…”", 2);
        assert_eq!(used.map(|m| (m.len, m.kind)), Some((3, CueKind::Verb)));
        let using = cue("for using the term “…”", 1);
        assert_eq!(using.map(|m| m.kind), Some(CueKind::Participle));
        assert!(cue("Lee used the money", 1).is_none());
    }

    #[test]
    fn going_on_about_something_is_a_cue() {
        let len = |text: &str, k: usize| cue_at(&tokenize(text, 0, text.len()), k).map(|m| m.len);
        assert_eq!(len("as Lee went on about “…”", 2), Some(3));
        assert_eq!(len("Lee goes on about “…”", 1), Some(3));
        assert_eq!(len("Lee went on to win", 1), None);
    }

    #[test]
    fn a_speech_verb_after_an_article_is_a_noun() {
        let cue = |text: &str, k: usize| cue_at(&tokenize(text, 0, text.len()), k).is_some();
        assert!(!cue("The challenge of it is", 1));
        assert!(!cue("Lee opened with a call for calm", 4));
        assert!(cue("Lee will call for calm", 2));
        assert!(cue("They challenge the rule", 1));
        assert!(cue("Lee told the Post", 1));
    }

    #[test]
    fn a_phrasal_verb_is_a_cue_only_where_its_clause_ends() {
        let cue = |text: &str, k: usize| phrasal_cue(&tokenize(text, 0, text.len()), k);
        assert_eq!(cue("Lee went on, smiling", 1), Some(2));
        assert_eq!(cue("Lee shot back", 1), Some(2));
        assert_eq!(cue("Lee went on Fox News", 1), None);
        assert_eq!(cue("Lee went on to win", 1), None);
        assert_eq!(cue("Lee went home.", 1), None);
        assert_eq!(cue("Lee shot down, and", 1), None);
        // "As Lee put it: …" reports her words; "put it on the table" does not.
        assert_eq!(cue("As Lee put it: the end", 2), Some(2));
        assert_eq!(cue("Lee put it on the table", 1), None);
    }

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(VERBS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn verbs_are_letters_only() {
        // is_speech_verb relies on it to skip checking the bytes of a word it finds.
        assert!(
            VERBS
                .iter()
                .all(|v| v.bytes().all(|b| b.is_ascii_lowercase()))
        );
    }

    #[test]
    fn every_verb_is_found_in_any_case_and_with_re() {
        for v in VERBS {
            assert!(is_speech_verb(v), "{v}");
            assert!(is_speech_verb(&v.to_ascii_uppercase()), "{v}");
            assert!(is_speech_verb(&format!("Re-{v}")), "{v}");
        }
        for w in [
            "sai",
            "re-",
            "re-re-said",
            "saidx",
            "said.",
            "Saïd",
            "re-tell",
        ] {
            assert!(!is_speech_verb(w), "{w}");
        }
    }

    #[test]
    fn verbs_participles_and_according_to() {
        let t = "He said, adding, according to Xinhua, re-emphasised";
        let toks = tokenize(t, 0, t.len());
        assert_eq!(cue_at(&toks, 1).map(|c| c.kind), Some(CueKind::Verb));
        assert_eq!(cue_at(&toks, 3).map(|c| c.kind), Some(CueKind::Participle));
        assert_eq!(
            cue_at(&toks, 5),
            Some(CueMatch {
                len: 2,
                kind: CueKind::According
            })
        );
        assert!(cue_at(&toks, 9).is_some());
        assert_eq!(cue_at(&toks, 0), None);
    }
}
