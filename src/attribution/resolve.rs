//! Canonical speakers: from the words naming the speaker where a quotation is attributed to
//! the fullest form of that speaker in the article.
//!
//! Names go through [`crate::names::NameIndex`] ("Xi" → "Xi Jinping"); a pronoun ("he") goes
//! to the last person named as a speaker or mentioned before it; descriptions ("a longtime
//! adviser", "the ministry") stay as written. The index is built once per text, and only when
//! some quotation has a speaker.

use super::cues::{CueKind, is_speech_verb, verb_kind};
use super::gender::{Gender, gender_of};
use super::speaker::subject_before;
use super::words::{Token, tokenize_into};
use crate::names::{FewMap, NameIndex, has_name_words};
use std::cell::OnceCell;

/// How far back (bytes) a pronoun looks for the person it refers to.
const PRONOUN_REACH: usize = 2_000;

/// How far back (bytes) a pronoun looks for people named as subjects of speech verbs
/// ("Bello said production would …"): tokenized per pronoun, so kept short.
const SUBJECT_REACH: usize = 1_000;

/// A full name merely mentioned beats a more recent speaker only when it comes this many
/// bytes after the speaker's mention: past the speaker's own sentence.
const MENTION_LEAD: usize = 300;

/// Third-person pronouns that refer back to a person.
const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "him", "her"];

/// The name a description ends in: "the engineering firm Halden & Grey" → "Halden & Grey",
/// "the news agency Xinhua" → "Xinhua". Only after a lower-case descriptive word, so "the
/// Bank of England" stays whole.
fn named_after_description(mention: &str) -> Option<&str> {
    let words: Vec<(usize, &str)> = mention
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - mention.as_ptr() as usize, w))
        .collect();
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let joiner = |w: &str| w == "&" || w == "of" || w == "and";
    // The capitalised run at the end, joiners inside it.
    let mut first = words.len();
    while first > 0 {
        let w = words.get(first - 1)?.1;
        let inside = capital(w) || (joiner(w) && first < words.len() && first >= 2);
        if !inside {
            break;
        }
        first -= 1;
    }
    while words.get(first).is_some_and(|(_, w)| joiner(w)) {
        first += 1;
    }
    let before = words.get(first.checked_sub(1)?)?.1;
    if first < 2 || first >= words.len() || !before.chars().all(char::is_lowercase) {
        return None;
    }
    mention.get(words.get(first)?.0..)
}

/// Whether `cues::cue_at` reads the token as a finite speech verb ([`CueKind::Verb`]). Asked
/// of every token of the text before a pronoun, so without `cue_at`'s look at the words after.
fn is_verb_cue(t: &Token<'_>) -> bool {
    verb_kind(t) == Some(CueKind::Verb)
}

/// How far back (bytes) a relative "who" looks for the name it follows.
const RELATIVE_REACH: usize = 80;

/// The byte span of the name right before a relative "who" at `who` (`Ann Lee, who`): a
/// run of up to five capitalised words, a comma between them and "who" allowed.
fn relative_antecedent(text: &str, who: usize) -> Option<(usize, usize)> {
    let lo = (who.saturating_sub(RELATIVE_REACH)..=who).find(|&i| text.is_char_boundary(i))?;
    let head = text.get(lo..who)?.trim_end();
    let head = head.strip_suffix(',').unwrap_or(head).trim_end();
    let end = lo + head.len();
    let mut start = end;
    for (n, w) in head.rsplit(' ').enumerate() {
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        if n >= 5 || !capital || w.ends_with(',') {
            break;
        }
        start -= w.len() + usize::from(start < end);
    }
    let name = text.get(start..end)?;
    (start < end && has_name_words(name)).then_some((start, end))
}

/// Words that start a noun phrase before a relative "who" ("the residents who", "an aide
/// who"): the phrase ends there.
const NP_DETERMINERS: &[&str] = &[
    "the", "a", "an", "some", "many", "most", "all", "several", "few", "his", "her", "their",
    "its", "our", "these", "those", "other", "one", "two", "three",
];

/// Words a noun phrase read backwards from "who" does not cross: prepositions, conjunctions,
/// auxiliaries ("gave it to residents who" is "residents").
const PHRASE_STOPS: &[&str] = &[
    "to", "of", "for", "from", "with", "by", "about", "at", "in", "on", "into", "among", "and",
    "or", "but", "than", "as", "that", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "will", "would", "can", "could", "not",
];

/// The noun phrase right before a relative "who" at `who` when it names no one
/// ("residents who", "a farmer who", "the mayor's aides, who"): back to its determiner, or
/// its last word alone when it has none ("rebuked critics who" gives "critics"), since a
/// word before a bare noun may be a verb. `None` after punctuation other than a comma.
fn relative_description(text: &str, who: usize) -> Option<(usize, usize)> {
    let lo = (who.saturating_sub(RELATIVE_REACH)..=who).find(|&i| text.is_char_boundary(i))?;
    let head = text.get(lo..who)?.trim_end();
    let head = head.strip_suffix(',').unwrap_or(head).trim_end();
    let end = lo + head.len();
    let mut start = end;
    let mut first_word = end;
    let mut determiner = false;
    for (n, w) in head.rsplit(' ').enumerate() {
        let wordlike = !w.is_empty()
            && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
            && w.chars().next().is_some_and(char::is_alphabetic);
        if n >= 5 || !wordlike {
            break;
        }
        let lower = w.to_lowercase();
        let det = NP_DETERMINERS.contains(&lower.as_str());
        // "the two nurses": determiners in a row belong together; a word before them not.
        if determiner && !det {
            break;
        }
        if n > 0 && !det && (PHRASE_STOPS.contains(&lower.as_str()) || is_speech_verb(w)) {
            break;
        }
        start -= w.len() + usize::from(start < end);
        if n == 0 {
            first_word = start;
        }
        determiner |= det;
    }
    if !determiner {
        start = first_word;
    }
    (start < end).then_some((start, end))
}

/// A person a later pronoun may refer to.
#[derive(Debug, Clone)]
struct Person {
    /// Byte span of the mention.
    pos: usize,
    end: usize,
    name: String,
    /// Read from the mention and name when a pronoun first asks ([`Person::gender`]): most
    /// speakers are never asked.
    gender: OnceCell<Gender>,
}

impl Person {
    /// The person's gender ([`gender_of`] of the mention in `text` and the name).
    fn gender(&self, text: &str) -> Gender {
        *self
            .gender
            .get_or_init(|| gender_of(context(text, self.pos, self.end), &self.name))
    }
}

/// The words just before byte `pos` of `text` and the mention at `pos..end`, for honorifics.
fn context(text: &str, pos: usize, end: usize) -> &str {
    let from = (pos.saturating_sub(12)..=pos)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(pos);
    text.get(from..end).unwrap_or_default()
}

/// A person named as the subject of a speech verb, resolved to a name only when a pronoun
/// asks whether it fits: most are passed over for a later one, and a name's lookup is the
/// dearest step of resolving.
#[derive(Debug)]
struct Subject<'t> {
    /// Byte span of the mention.
    pos: usize,
    end: usize,
    mention: &'t str,
    /// The person, once resolved.
    person: Option<Person>,
}

/// Resolves speaker mentions of one text to canonical names.
pub struct Resolver<'t> {
    text: &'t str,
    index: Option<NameIndex<'t>>,
    /// Speakers resolved so far, in the order resolved.
    speakers: Vec<Person>,
    /// The span of the last mention resolved as a name, and its person's index in
    /// `speakers`: quotations in a row often share their speaker's mention (a follow-on
    /// quotation), which then resolves to the same person again without a second look.
    last_name: Option<(usize, usize, usize)>,
    /// People named as subjects of speech verbs, in text order, and how far the text has been
    /// scanned for them.
    subjects: Vec<Subject<'t>>,
    scanned: usize,
    /// [`NameIndex::fullest`] of each mention looked up so far: a speaker is mostly named
    /// the same way again and again.
    fullest: FewMap<&'t str, String>,
    /// The tokens of the last stretch scanned for subjects of speech verbs, kept only for
    /// the buffer, which every scan reuses.
    tokens: Vec<Token<'t>>,
}

impl<'t> Resolver<'t> {
    /// A resolver for `text`; nothing is indexed until the first lookup.
    pub fn new(text: &'t str) -> Self {
        Resolver {
            text,
            index: None,
            speakers: Vec::new(),
            last_name: None,
            subjects: Vec::new(),
            scanned: 0,
            fullest: FewMap::default(),
            tokens: Vec::new(),
        }
    }

    fn index(&mut self) -> &NameIndex<'t> {
        let text = self.text;
        self.index.get_or_insert_with(|| NameIndex::new(text))
    }

    /// The fullest form of the name `mention` ([`NameIndex::fullest`]), looked up once per
    /// distinct mention.
    fn fullest(&mut self, mention: &'t str) -> String {
        if let Some(name) = self.fullest.get(mention) {
            return name.clone();
        }
        let name = self.index().fullest(mention);
        self.fullest.insert_new(mention, name.clone());
        name
    }

    fn person(&self, pos: usize, end: usize, name: String) -> Person {
        Person {
            pos,
            end,
            name,
            gender: OnceCell::new(),
        }
    }

    /// Records the people named as subjects of speech verbs before byte `pos` ("Bello said
    /// production would be …" names Bello, whom "she" may then be), scanning each byte of
    /// the text at most once: from where the last scan stopped, or `SUBJECT_REACH` back.
    fn scan_speech_subjects(&mut self, pos: usize) {
        let text = self.text;
        let from = self.scanned.max(pos.saturating_sub(SUBJECT_REACH));
        if from >= pos {
            return;
        }
        let from = (from..=pos)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(pos);
        self.scanned = pos;
        let mut tokens = std::mem::take(&mut self.tokens);
        tokenize_into(&mut tokens, text, from, pos);
        for k in 0..tokens.len() {
            if !tokens.get(k).is_some_and(is_verb_cue) {
                continue;
            }
            let Some((s, e)) = subject_before(&tokens, k, 0) else {
                continue;
            };
            let (Some(a), Some(b)) = (tokens.get(s), e.checked_sub(1).and_then(|i| tokens.get(i)))
            else {
                continue;
            };
            let Some(mention) = text.get(a.start..b.end) else {
                continue;
            };
            if !a.is_capitalized() || !has_name_words(mention) {
                continue;
            }
            self.subjects.push(Subject {
                pos: a.start,
                end: b.end,
                mention,
                person: None,
            });
        }
        self.tokens = tokens;
    }

    /// The person named by subject `i`, resolved on first asking.
    fn subject_person(&mut self, i: usize) -> Option<&Person> {
        let s = self.subjects.get(i)?;
        if s.person.is_none() {
            let (mention, pos, end) = (s.mention, s.pos, s.end);
            let name = self.fullest(mention);
            let person = self.person(pos, end, name);
            if let Some(s) = self.subjects.get_mut(i) {
                s.person = Some(person);
            }
        }
        self.subjects.get(i)?.person.as_ref()
    }

    /// The person a pronoun at byte `start` refers to: the most recent speaker (or subject of
    /// speech) of fitting gender, unless a full name of fitting gender is mentioned well after
    /// it.
    fn antecedent(&mut self, start: usize, male: bool) -> Option<String> {
        let floor = start.saturating_sub(PRONOUN_REACH);
        let text = self.text;
        let fits = |p: &Person| p.pos >= floor && p.pos < start && p.gender(text) != Some(!male);
        let mut strong: Option<Person> = self.speakers.iter().rev().find(|p| fits(p)).cloned();
        self.scan_speech_subjects(start);
        // The last subject that fits, resolving only those in reach, from the last back.
        let mut subject = None;
        for i in (0..self.subjects.len()).rev() {
            let in_reach = self
                .subjects
                .get(i)
                .is_some_and(|s| s.pos >= floor && s.pos < start);
            if in_reach && self.subject_person(i).is_some_and(&fits) {
                subject = self.subject_person(i).cloned();
                break;
            }
        }
        if let Some(p) = subject
            && strong.as_ref().is_none_or(|q| p.pos > q.pos)
        {
            strong = Some(p);
        }
        // A name mentioned no more than MENTION_LEAD after the speaker loses to it, so only
        // later ones are read.
        let lowest = strong.as_ref().map_or(floor, |s| s.pos + MENTION_LEAD + 1);
        self.index();
        let index = self.index.as_ref()?;
        let weak = index.rfind_between(floor, start, lowest, |p, e, name| {
            let person = Person {
                pos: p,
                end: e,
                name: String::new(),
                gender: OnceCell::from(gender_of(context(text, p, e), name)),
            };
            fits(&person).then(|| Person {
                name: name.to_string(),
                ..person
            })
        });
        match (strong, weak) {
            (Some(s), Some(w)) => Some(if w.pos > s.pos + MENTION_LEAD {
                w.name
            } else {
                s.name
            }),
            (Some(s), None) => Some(s.name),
            (None, Some(w)) => Some(w.name),
            (None, None) => None,
        }
    }

    /// The canonical name of the speaker mentioned at bytes `start..end`.
    pub fn canonical(&mut self, start: usize, end: usize) -> Option<String> {
        // The same span as the last name: the same words, so the same way below, to the same
        // name and person (a name's resolution depends on its words and place only).
        if let Some((s, e, i)) = self.last_name
            && (s, e) == (start, end)
            && let Some(person) = self.speakers.get(i).cloned()
        {
            let name = person.name.clone();
            self.speakers.push(person);
            return Some(name);
        }
        let mention = self.text.get(start..end)?.trim();
        if mention.is_empty() {
            return None;
        }
        // Compared ignoring ASCII case, without a lower-cased copy: none of these words holds
        // a `k`, so Unicode lower-casing (whose one non-ASCII-to-ASCII case is the Kelvin sign)
        // would find the same ones.
        let is = |w: &str| mention.eq_ignore_ascii_case(w);
        if PERSONAL_PRONOUNS.iter().any(|p| is(p)) {
            let male = is("he") || is("him");
            // No one fitting named before: the mention stays, but a pronoun is no name, so
            // the canonical speaker is unknown.
            let name = self.antecedent(start, male)?;
            self.speakers.push(Person {
                pos: start,
                end,
                name: name.clone(),
                gender: OnceCell::from(Some(male)),
            });
            return Some(name);
        }
        if is("who") {
            // "Ann Lee, who said …": the relative pronoun names the person just before it.
            let Some((s, e)) = relative_antecedent(self.text, start) else {
                // "residents who said …": the description, as written.
                return Some(
                    relative_description(self.text, start)
                        .and_then(|(s, e)| self.text.get(s..e))
                        .unwrap_or(mention)
                        .to_string(),
                );
            };
            let text = self.text;
            let name = self.fullest(text.get(s..e)?);
            let person = self.person(s, e, name.clone());
            self.speakers.push(person);
            return Some(name);
        }
        let first = mention.split_whitespace().next().unwrap_or_default();
        let description = first.chars().next().is_some_and(char::is_lowercase)
            && !mention
                .split_whitespace()
                .last()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        let determiner = ["the", "a", "an", "one", "another"]
            .iter()
            .any(|d| first.eq_ignore_ascii_case(d));
        if determiner && let Some(name) = named_after_description(mention) {
            return Some(name.to_string());
        }
        if description || determiner || !has_name_words(mention) {
            return Some(mention.to_string());
        }
        let name = self.fullest(mention);
        let person = self.person(start, end, name.clone());
        self.last_name = Some((start, end, self.speakers.len()));
        self.speakers.push(person);
        Some(name)
    }
}

#[cfg(test)]
mod tests {
    use super::super::cues::cue_at;
    use super::super::words::tokenize;
    use super::*;

    fn resolve(text: &str, mention: &str, nth: usize) -> Option<String> {
        let start = text.match_indices(mention).nth(nth)?.0;
        Resolver::new(text).canonical(start, start + mention.len())
    }

    #[test]
    fn names_descriptions_and_pronouns() {
        let t = "Ann Lee spoke. Lee said so. The ministry said. She said.";
        assert_eq!(resolve(t, "Lee", 1).as_deref(), Some("Ann Lee"));
        assert_eq!(
            resolve(t, "The ministry", 0).as_deref(),
            Some("The ministry")
        );
        assert_eq!(resolve(t, "She", 0).as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn verb_cues_are_those_cue_at_finds() {
        let text = concat!(
            include_str!("../../benches/articles/port-strike.txt"),
            " According to Lee, he said, re-told, SAID, saying, Re-Stated, according to"
        );
        let tokens = tokenize(text, 0, text.len());
        let mut verbs = 0;
        for (k, t) in tokens.iter().enumerate() {
            let verb = cue_at(&tokens, k).is_some_and(|c| c.kind == CueKind::Verb);
            assert_eq!(is_verb_cue(t), verb, "{}", t.text);
            verbs += usize::from(verb);
        }
        assert!(verbs > 5);
    }

    #[test]
    fn pronouns_and_determiners_are_read_in_any_case() {
        let t = "Bob Ray spoke. HE said. THE Ministry said.";
        assert_eq!(resolve(t, "HE", 0).as_deref(), Some("Bob Ray"));
        // A determiner keeps a description as written, rather than a name "Ministry".
        assert_eq!(
            resolve(t, "THE Ministry", 0).as_deref(),
            Some("THE Ministry")
        );
    }

    #[test]
    fn a_mention_resolved_again_gives_the_same_name_and_person() {
        let t = "Sen. Ann Lee spoke. Lee said so, and then Lee said more. She left.";
        let lee = t.find("Lee said").unwrap_or(0);
        let mut twice = Resolver::new(t);
        let mut once = Resolver::new(t);
        for r in [&mut twice, &mut once] {
            assert_eq!(r.canonical(lee, lee + 3).as_deref(), Some("Ann Lee"));
        }
        assert_eq!(twice.canonical(lee, lee + 3).as_deref(), Some("Ann Lee"));
        let last = |r: &Resolver<'_>| {
            r.speakers
                .last()
                .map(|p| (p.pos, p.name.clone(), p.gender(t)))
        };
        assert_eq!(last(&twice), last(&once));
        assert_eq!(twice.speakers.len(), 2);
        let she = t.find("She").unwrap_or(0);
        assert_eq!(twice.canonical(she, she + 3).as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn relative_who_names_the_person_before_it() {
        let t = "Ann Lee spoke. Then Lee, who runs the mill, said so.";
        assert_eq!(resolve(t, "who", 0).as_deref(), Some("Ann Lee"));
    }

    #[test]
    fn relative_who_after_a_description_names_the_description() {
        let t = "A farmer who lost his crop said so.";
        assert_eq!(resolve(t, "who", 0).as_deref(), Some("A farmer"));
        let t = "The mayor thanked residents who called the road “a daily gamble”.";
        assert_eq!(resolve(t, "who", 0).as_deref(), Some("residents"));
        let t = "She met the two elderly nurses, who said it was “a disgrace”.";
        assert_eq!(
            resolve(t, "who", 0).as_deref(),
            Some("the two elderly nurses")
        );
        let t = "It was 1990 who said so.";
        assert_eq!(resolve(t, "who", 0).as_deref(), Some("who"));
    }

    #[test]
    fn a_name_well_after_the_speaker_beats_it() {
        let filler = "The council met on Tuesday to discuss the budget. ".repeat(8);
        for (gap, expected) in [("", "Tom Lee"), (filler.as_str(), "Bob Ray")] {
            let t = format!("Tom Lee said so. Then {gap}Bob Ray arrived. He said that.");
            let mut r = Resolver::new(&t);
            let tom = t.find("Tom Lee").unwrap_or(0);
            assert_eq!(r.canonical(tom, tom + 7).as_deref(), Some("Tom Lee"));
            let he = t.find("He").unwrap_or(0);
            assert_eq!(r.canonical(he, he + 2).as_deref(), Some(expected), "{gap}");
        }
    }

    #[test]
    fn pronoun_prefers_the_last_speaker() {
        let t = "Xi Jinping met Bob Ray. Xi said this. He said that.";
        let mut r = Resolver::new(t);
        let xi = t.find("Xi said").unwrap_or(0);
        assert_eq!(r.canonical(xi, xi + 2).as_deref(), Some("Xi Jinping"));
        let he = t.find("He").unwrap_or(0);
        assert_eq!(r.canonical(he, he + 2).as_deref(), Some("Xi Jinping"));
    }
}
