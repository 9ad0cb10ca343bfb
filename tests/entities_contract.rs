//! The public contract of `extract_entities`: order, offsets, text, labels and canonical
//! forms, on sentences written for these tests.

use whosaid::{Entity, Label, extract_entities};

fn find<'a>(es: &'a [Entity], text: &str) -> Vec<&'a Entity> {
    es.iter().filter(|e| e.text == text).collect()
}

fn label_of(es: &[Entity], text: &str) -> Option<Label> {
    find(es, text).first().map(|e| e.label)
}

#[test]
fn offsets_are_code_points_and_text_matches() {
    let text = "« Bonjour », dit Émilie Dubois à Zürich. Über alles: Angela Merkel flew to Paris.";
    let es = extract_entities(text);
    assert!(!es.is_empty());
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for e in &es {
        assert!(e.start < e.end && e.end <= chars.len(), "{e:?}");
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
        assert!(e.start >= last, "entities come in text order");
        last = e.start;
    }
    assert_eq!(label_of(&es, "Angela Merkel"), Some(Label::Person));
    assert_eq!(label_of(&es, "Paris"), Some(Label::Loc));
}

#[test]
fn labels_people_places_organisations_and_nationalities() {
    let text = "President Joe Biden met German Chancellor Olaf Scholz in Washington on Friday. \
                The Chinese foreign ministry said Beijing would respond, Xinhua news agency reported. \
                Shares of Microsoft Corp. rose after the United Nations Security Council meeting.";
    let es = extract_entities(text);
    assert_eq!(label_of(&es, "Joe Biden"), Some(Label::Person));
    assert_eq!(label_of(&es, "Olaf Scholz"), Some(Label::Person));
    assert_eq!(label_of(&es, "Washington"), Some(Label::Loc));
    assert_eq!(label_of(&es, "Beijing"), Some(Label::Loc));
    assert_eq!(label_of(&es, "German"), Some(Label::Misc));
    assert_eq!(label_of(&es, "Chinese"), Some(Label::Misc));
    assert_eq!(label_of(&es, "Xinhua"), Some(Label::Org));
    assert_eq!(label_of(&es, "Microsoft Corp."), Some(Label::Org));
}

#[test]
fn short_forms_take_the_full_name() {
    let text = "Chinese President Xi Jinping arrived in Moscow on Monday for talks with Vladimir Putin. \
                Putin welcomed Xi at the Kremlin. Xi said the visit would deepen ties.";
    let es = extract_entities(text);
    for e in find(&es, "Xi") {
        assert_eq!(e.canonical, "Xi Jinping");
        assert_eq!(e.label, Label::Person);
    }
    for e in find(&es, "Putin") {
        assert_eq!(e.canonical, "Vladimir Putin");
    }
    assert!(!find(&es, "Xi").is_empty() && !find(&es, "Putin").is_empty());
    assert_eq!(label_of(&es, "Moscow"), Some(Label::Loc));
}

#[test]
fn a_surname_alone_after_the_full_name_is_the_person() {
    let text =
        "“We will build the bridge,” Mayor Helen Okafor said. “And on budget,” Okafor added.";
    let es = extract_entities(text);
    let alone = find(&es, "Okafor");
    assert_eq!(alone.len(), 1, "{es:?}");
    assert_eq!(alone[0].label, Label::Person);
    assert_eq!(alone[0].canonical, "Helen Okafor");
}

#[test]
fn acronyms_take_their_long_form() {
    let text = "Officials from the United States said the U.S. would act. \
                The World Health Organization (WHO) warned on Tuesday, and WHO experts will travel.";
    let es = extract_entities(text);
    let us = find(&es, "U.S.");
    assert!(!us.is_empty());
    assert!(us.iter().all(|e| e.canonical == "United States"), "{us:?}");
    let who = find(&es, "WHO");
    assert!(!who.is_empty());
    // The long form, with or without the sentence-opening article the tagger may keep in
    // the name (CoNLL marks both: "The Walt Disney Co", "European Commission").
    assert!(
        who.iter()
            .all(|e| e.canonical.trim_start_matches("The ") == "World Health Organization"),
        "{who:?}"
    );
}

#[test]
fn headlines_and_datelines() {
    let text = "SOCCER - ARSENAL BEAT CHELSEA IN LONDON DERBY.\nLONDON 2024-03-02\n\
                Arsenal beat Chelsea 2-1 on Saturday, with Tomas Brkovic scoring the winner in London.";
    let es = extract_entities(text);
    let london: Vec<_> = find(&es, "LONDON");
    assert!(london.iter().any(|e| e.label == Label::Loc), "{es:?}");
    assert_eq!(label_of(&es, "Tomas Brkovic"), Some(Label::Person));
    let chelsea = find(&es, "CHELSEA");
    assert!(
        !chelsea.is_empty() && chelsea.iter().all(|e| e.canonical == "Chelsea"),
        "{es:?}"
    );
    assert!(
        find(&es, "London").iter().all(|e| e.canonical == "London"),
        "{es:?}"
    );
}

#[test]
fn names_never_run_across_lines() {
    let text = "Reporting by Anna Smith in Berlin\n\nNorth Sea Energy Post\n\nRelated stories";
    for e in extract_entities(text) {
        assert!(!e.text.contains('\n'), "{e:?}");
    }
}

#[test]
fn lowercase_text_and_empty_input_give_nothing() {
    assert!(extract_entities("").is_empty());
    assert!(extract_entities("the cat sat on the mat, and then it rained.").is_empty());
    assert!(extract_entities(" \n\t ... !!! ").is_empty());
}
