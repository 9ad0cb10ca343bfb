//! Span clean-up after tagging: edges no name has, and lists the tagger ran together.
//!
//! A name never ends in a lowercase word ("Niall Quinn and"), a person's name never ends in
//! a weekday or month ("Jose Insulza Monday": a football club may, "Sheffield Wednesday"),
//! "I" and "I've" are never names, "Essex and Kent" is two names when the article also
//! names Essex and Kent apart, an age group ("European Under-21") is no part of a name, and
//! "Ohio-based" or "British-ruled" is a name of its own (MISC, by CoNLL's conventions) apart
//! from the company or place after it, as is a nationality before a first name
//! and surname ("Mexican Ariel Cruz") or a ministry ("German Foreign Ministry"; of "German
//! Defence Minister" only "German" is a name).

use super::doc::Doc;
use super::gazetteer::List;
use super::tokenize::F_UPPER;
use crate::Label;
use crate::learn::hash::{self, HashedMap};

type Span = (usize, usize, Label);

/// Applies every clean-up of the module docs.
pub fn apply(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let lower = |i: usize| doc.flags(i) & F_UPPER == 0 && is_letters(doc.word(i));
    let calendar = |i: usize| crate::calendar::is_weekday_or_month(doc.word(i));
    let mut out = Vec::with_capacity(spans.len());
    for (s, mut e, l) in spans {
        while e > s + 1
            && (lower(e - 1)
                || is_age_group(doc.word(e - 1))
                || (l == Label::Person && calendar(e - 1)))
        {
            e -= 1;
        }
        if e == s + 1 && is_age_group(doc.word(s)) {
            continue;
        }
        let first_person = e == s + 1 && {
            let w = doc.word(s);
            w == "I" || w.starts_with("I'") || w.starts_with("I\u{2019}")
        };
        if first_person {
            continue;
        }
        if e >= s + 3
            && is_listed(doc, s, List::Nationality)
            && is_listed(doc, s + 1, List::FirstName)
        {
            // "Mexican Ariel Cruz": a nationality, then the person.
            out.push((s, s + 1, Label::Misc));
            out.push((s + 1, e, Label::Person));
            continue;
        }
        let ministry = e >= s + 2
            && is_listed(doc, s, List::Nationality)
            && is_portfolio(doc.word(s + 1))
            && (e == s + 2 || is_ministry(doc.word(e - 1)));
        if ministry {
            // "German Foreign Ministry", "French Defence Minister ...": the country's adjective,
            // then the ministry (the minister's portfolio alone is no name).
            out.push((s, s + 1, Label::Misc));
            if e > s + 2 {
                out.push((s + 1, e, Label::Org));
            }
            continue;
        }
        if super::participles::is_named_participle(doc.word(s)) {
            out.push((s, s + 1, Label::Misc));
            if e > s + 1 {
                let rest = if l != Label::Misc {
                    l
                } else if doc.word(s).ends_with("-based") {
                    Label::Org
                } else {
                    Label::Loc
                };
                out.push((s + 1, e, rest));
            }
            continue;
        }
        out.push((s, e, l));
    }
    split_lists(doc, out)
}

/// Ministers' portfolios, as they open a ministry's name.
const PORTFOLIOS: &[&str] = &[
    "foreign",
    "interior",
    "defence",
    "defense",
    "finance",
    "justice",
    "health",
    "trade",
    "economy",
    "agriculture",
    "education",
    "energy",
    "labour",
    "labor",
    "transport",
];

fn is_portfolio(w: &str) -> bool {
    PORTFOLIOS.iter().any(|p| p.eq_ignore_ascii_case(w))
}

fn is_ministry(w: &str) -> bool {
    ["ministry", "ministries", "department", "office"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(w))
}

/// Whether `w` is a sporting age group ("Under-21"), a word no name ends in.
fn is_age_group(w: &str) -> bool {
    w.get(..6).is_some_and(|u| u.eq_ignore_ascii_case("under-"))
        && w.len() > 6
        && w.bytes().skip(6).all(|b| b.is_ascii_digit())
}

/// Whether tokens `s..e` are a whole entry of the countries' list: the first begins one,
/// the others continue it, and the token after them does not.
fn is_country(doc: &Doc, s: usize, e: usize) -> bool {
    let continues = |i: usize| {
        doc.gaz
            .get(i)
            .is_some_and(|g| g & (1 << (2 * List::Country as u16 + 1)) != 0)
    };
    e > s && is_listed(doc, s, List::Country) && (s + 1..e).all(continues) && !continues(e)
}

/// Whether token `i` begins an entry of `list`.
fn is_listed(doc: &Doc, i: usize, list: List) -> bool {
    doc.gaz
        .get(i)
        .is_some_and(|g| g & (1 << (2 * list as u16)) != 0)
}

fn is_letters(w: &str) -> bool {
    !w.is_empty() && w.chars().all(char::is_alphabetic)
}

/// Splits "A and B" into "A" and "B" when both are also tagged on their own elsewhere in
/// the text, or when one of them is a country and the whole is not one ("the European
/// Union and Canada", but "Trinidad and Tobago").
fn split_lists(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let words =
        |s: usize, e: usize| (s..e).fold(hash::SEED, |h, i| hash::mix(h, doc.words.folded(i)));
    let is_and = |i: usize| matches!(doc.word(i), "and" | "&");
    if !spans
        .iter()
        .any(|&(s, e, _)| (s + 1..e.saturating_sub(1)).any(is_and))
    {
        return spans;
    }
    let mut seen: HashedMap<()> = HashedMap::default();
    for &(s, e, _) in &spans {
        seen.insert(words(s, e), ());
    }
    let mut out = Vec::with_capacity(spans.len());
    for (s, e, l) in spans {
        let split = (s + 1..e.saturating_sub(1)).find(|&k| {
            is_and(k)
                && ((seen.contains_key(&words(s, k)) && seen.contains_key(&words(k + 1, e)))
                    || ((is_country(doc, s, k) || is_country(doc, k + 1, e))
                        && !is_country(doc, s, e)))
        });
        match split {
            Some(k) => {
                // A country is a place, whatever the list was taken for.
                let part = |a: usize, b: usize| {
                    let country = is_country(doc, a, b) && !seen.contains_key(&words(a, b));
                    (a, b, if country { Label::Loc } else { l })
                };
                out.push(part(s, k));
                out.push(part(k + 1, e));
            }
            None => out.push((s, e, l)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_do_not_end_in_lowercase_words() {
        let doc = Doc::new("He met Ann Lee and left");
        assert_eq!(
            apply(&doc, vec![(2, 5, Label::Person)]),
            [(2, 4, Label::Person)]
        );
    }

    #[test]
    fn people_do_not_end_in_weekdays_but_clubs_may() {
        let doc = Doc::new("He met Ann Lee Monday at Sheffield Wednesday");
        assert_eq!(
            apply(&doc, vec![(2, 5, Label::Person), (6, 8, Label::Org)]),
            [(2, 4, Label::Person), (6, 8, Label::Org)]
        );
    }

    #[test]
    fn a_based_place_is_apart_from_the_company_after_it() {
        let doc = Doc::new("the Ohio-based Kelvar Corp said in Lisbon-ruled East Vale");
        assert_eq!(
            apply(&doc, vec![(1, 4, Label::Misc), (6, 9, Label::Misc)]),
            [
                (1, 2, Label::Misc),
                (2, 4, Label::Org),
                (6, 7, Label::Misc),
                (7, 9, Label::Loc)
            ]
        );
    }

    #[test]
    fn age_groups_are_no_names() {
        let doc = Doc::new("a European Under-21 match ; UNDER-21 QUALIFIER");
        assert_eq!(
            apply(&doc, vec![(1, 3, Label::Misc), (5, 6, Label::Misc)]),
            [(1, 2, Label::Misc)]
        );
    }

    #[test]
    fn a_nationality_before_a_person_is_apart() {
        let doc = Doc::new("he faces Mexican Ariel Cruz and the Italian Grand Prix");
        assert_eq!(
            apply(&doc, vec![(2, 5, Label::Org), (7, 10, Label::Misc)]),
            [
                (2, 3, Label::Misc),
                (3, 5, Label::Person),
                (7, 10, Label::Misc)
            ],
            "only before a first name"
        );
    }

    #[test]
    fn a_nationality_before_a_ministry_is_apart() {
        let doc = Doc::new(
            "the Austrian Finance Ministry , Austrian Trade Minister and Austrian Trade Union Cup",
        );
        assert_eq!(
            apply(
                &doc,
                vec![
                    (1, 4, Label::Org),
                    (5, 7, Label::Misc),
                    (9, 13, Label::Misc)
                ]
            ),
            [
                (1, 2, Label::Misc),
                (2, 4, Label::Org),
                (5, 6, Label::Misc),
                (9, 13, Label::Misc)
            ],
            "the portfolio before a title is no name"
        );
    }

    #[test]
    fn i_is_no_name() {
        let doc = Doc::new("Then I've seen Ivan");
        assert_eq!(
            apply(&doc, vec![(1, 2, Label::Person), (3, 4, Label::Person)]),
            [(3, 4, Label::Person)]
        );
    }

    #[test]
    fn lists_split_when_their_parts_are_named_apart() {
        let doc = Doc::new("Essex and Kent won. Essex lost. Kent drew. Trinidad and Tobago");
        let spans = vec![
            (0, 3, Label::Org),
            (5, 6, Label::Org),
            (8, 9, Label::Org),
            (11, 14, Label::Loc),
        ];
        assert_eq!(
            apply(&doc, spans),
            [
                (0, 1, Label::Org),
                (2, 3, Label::Org),
                (5, 6, Label::Org),
                (8, 9, Label::Org),
                (11, 14, Label::Loc)
            ]
        );
    }

    #[test]
    fn a_country_run_into_a_list_is_a_place_of_its_own() {
        // tokens: Talks(0) between(1) the(2) European(3) Union(4) and(5) Canada(6) stalled(7)
        let doc = Doc::new("Talks between the European Union and Canada stalled");
        assert_eq!(
            apply(&doc, vec![(3, 7, Label::Org)]),
            [(3, 5, Label::Org), (6, 7, Label::Loc)]
        );
        // A country whose name holds "and" stays whole, and so does a list of no country.
        let doc = Doc::new("Bosnia and Herzegovina , Marks and Spencer");
        let spans = vec![(0, 3, Label::Loc), (4, 7, Label::Org)];
        assert_eq!(apply(&doc, spans.clone()), spans);
    }
}
