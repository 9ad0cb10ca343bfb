//! Qualifiers that follow a name and belong to it, which the tagger sees as words of their
//! own.
//!
//! League tables tell apart clubs of the same name by their town's initial in parentheses
//! ("Mladost (L)", "Rad (B)"): after an organisation, a short capital code that is not the
//! name's own initials ("Popular Party (PP)" is an acronym, a name of its own) joins it.
//! A monarch's or pope's ordinal is part of the name ("Elizabeth I", "Leopold III"). A
//! two-digit number after an event or product is its year or model ("Euro 96", "Windows
//! 95"), outside tables, where numbers after names are scores and times.

use super::doc::Doc;
use super::tokenize::{F_CAPS_LINE, F_LINE_START, F_TABLE_LINE};
use crate::Label;

type Span = (usize, usize, Label);

/// Extends every organisation followed by a parenthesised qualifier over it, dropping any
/// name found inside the parentheses; extends every event or product over its two-digit
/// year or model and every person over a regnal ordinal.
pub fn apply(doc: &Doc, spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    let mut skip_until = 0;
    for (s, e, l) in spans {
        if s < skip_until {
            continue;
        }
        let extra = match l {
            Label::Org if is_qualifier(doc, s, e) => 3,
            Label::Misc if is_model_number(doc, e) => 1,
            Label::Person if is_ordinal(doc, e) => 1,
            _ => 0,
        };
        out.push((s, e + extra, l));
        skip_until = e + extra;
    }
    out
}

/// Whether tokens `e..e + 3` are "(", one or two capitals that are not the initials of the
/// name `s..e`, and ")".
fn is_qualifier(doc: &Doc, s: usize, e: usize) -> bool {
    if doc.word(e) != "(" || doc.word(e + 2) != ")" {
        return false;
    }
    let code = doc.word(e + 1);
    let short = (1..=2).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase());
    let initials: String = (s..e)
        .filter_map(|i| doc.word(i).chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    short && initials != code
}

/// Whether token `e` is a two-digit number on the same line, outside a table.
fn is_model_number(doc: &Doc, e: usize) -> bool {
    let w = doc.word(e).as_bytes();
    doc.flags(e) & (F_TABLE_LINE | F_LINE_START) == 0
        && w.len() == 2
        && w.iter().all(u8::is_ascii_digit)
}

/// Roman numerals of regnal ordinals.
const ORDINALS: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII",
];

/// Whether token `e` is a Roman numeral continuing the name before it on the same line
/// (not in an all-caps headline, where "V" is "versus").
fn is_ordinal(doc: &Doc, e: usize) -> bool {
    doc.flags(e) & (F_CAPS_LINE | F_LINE_START) == 0
        && e < doc.toks.len()
        && ORDINALS.contains(&doc.word(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(doc: &Doc, w: &str) -> usize {
        (0..doc.toks.len())
            .position(|i| doc.word(i) == w)
            .unwrap_or(usize::MAX)
    }

    #[test]
    fn a_club_takes_its_town_initial() {
        let d = Doc::new("Zemun 1 Rad (B) 0");
        let rad = tokens(&d, "Rad");
        let b = tokens(&d, "B");
        let out = apply(
            &d,
            vec![(rad, rad + 1, Label::Org), (b, b + 1, Label::Misc)],
        );
        assert_eq!(out, vec![(rad, rad + 4, Label::Org)]);
    }

    #[test]
    fn a_monarch_keeps_the_ordinal() {
        let d = Doc::new("1930 - King Baudouin I born, son of Leopold III.");
        let b = tokens(&d, "Baudouin");
        let l = tokens(&d, "Leopold");
        let spans = vec![(b, b + 1, Label::Person), (l, l + 1, Label::Person)];
        assert_eq!(
            apply(&d, spans),
            vec![(b, b + 2, Label::Person), (l, l + 2, Label::Person)]
        );
        let d = Doc::new("AKRAM V ATHERTON");
        let spans = vec![(0, 1, Label::Person), (2, 3, Label::Person)];
        assert_eq!(apply(&d, spans.clone()), spans, "a headline's V is versus");
    }

    #[test]
    fn an_event_keeps_its_year_outside_tables() {
        let d = Doc::new("He starred at Euro 96 in June.");
        let e = tokens(&d, "Euro");
        let spans = vec![(e, e + 1, Label::Misc)];
        assert_eq!(apply(&d, spans), vec![(e, e + 2, Label::Misc)]);
        let d = Doc::new("Euro 96 12 3");
        let spans = vec![(0, 1, Label::Misc)];
        assert_eq!(apply(&d, spans.clone()), spans, "a table row's numbers");
        let d = Doc::new("He beat Essex 96 to 40.");
        let x = tokens(&d, "Essex");
        let spans = vec![(x, x + 1, Label::Org)];
        assert_eq!(apply(&d, spans.clone()), spans, "only events and products");
    }

    #[test]
    fn acronyms_people_and_long_codes_stay_apart() {
        let d = Doc::new("the Popular Party (PP) won");
        let p = tokens(&d, "Popular");
        let spans = vec![(p, p + 2, Label::Org), (p + 3, p + 4, Label::Org)];
        assert_eq!(apply(&d, spans.clone()), spans, "the name's own initials");
        let d = Doc::new("Bob Dole (R) said");
        let spans = vec![(0, 2, Label::Person)];
        assert_eq!(apply(&d, spans.clone()), spans, "only organisations");
        let d = Doc::new("Acme (USA) said");
        let spans = vec![(0, 1, Label::Org), (2, 3, Label::Loc)];
        assert_eq!(apply(&d, spans.clone()), spans, "three letters is a name");
    }
}
