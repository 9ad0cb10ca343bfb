//! The seed article: quotes before and after their speech verbs, "said X" and "X said",
//! "according to", partial quotes inside reported speech, "Xi Jinping" then "Xi", and a quoted
//! exercise name that nobody said.

use whosaid::{Quote, QuoteKind, extract_quotes, speaker_of};

const SEED: &str = include_str!("fixtures/moscow-summit.txt");

fn find<'q>(quotes: &'q [Quote], start: &str) -> &'q Quote {
    quotes
        .iter()
        .find(|q| q.quote.starts_with(start))
        .unwrap_or_else(|| panic!("no quote starting {start:?}"))
}

#[test]
fn offsets_are_code_points_without_marks() {
    let chars: Vec<char> = SEED.chars().collect();
    for q in extract_quotes(SEED) {
        let s: String = chars[q.start..q.end].iter().collect();
        assert_eq!(s, q.quote);
        assert!(!q.quote.starts_with(['“', '"']) && !q.quote.ends_with(['”', '"']));
    }
}

#[test]
fn direct_quote_with_according_to_goes_to_the_outlet() {
    let q = extract_quotes(SEED);
    let we = find(&q, "We believe that the more difficult");
    assert_eq!(we.kind, QuoteKind::Direct);
    assert_eq!(we.speaker.as_deref(), Some("Xinhua"));
    assert_eq!(we.cue.as_deref(), Some("according to"));
}

#[test]
fn partial_quotes_inside_reported_speech() {
    let q = extract_quotes(SEED);
    for start in ["consistent", "balanced", "open to peace talks"] {
        let p = find(&q, start);
        assert_eq!(p.kind, QuoteKind::Partial, "{start}");
        assert_eq!(p.speaker.as_deref(), Some("Vladimir Putin"), "{start}");
        assert_eq!(p.speaker_mention.as_deref(), Some("Putin"), "{start}");
    }
    assert_eq!(find(&q, "consistent").cue.as_deref(), Some("said"));
}

#[test]
fn short_mention_resolves_to_full_name() {
    let q = extract_quotes(SEED);
    let friend = find(&q, "my dear friend");
    assert_eq!(friend.speaker_mention.as_deref(), Some("Xi"));
    assert_eq!(friend.speaker.as_deref(), Some("Xi Jinping"));
    assert_eq!(friend.kind, QuoteKind::Partial);
}

#[test]
fn title_and_name_before_the_verb() {
    let q = extract_quotes(SEED);
    let b = find(&q, "The world should not be fooled");
    assert_eq!(b.kind, QuoteKind::Direct);
    assert_eq!(b.speaker.as_deref(), Some("Antony Blinken"));
    assert!(
        b.speaker_mention
            .as_deref()
            .is_some_and(|m| m.ends_with("Antony Blinken"))
    );
    assert_eq!(b.cue.as_deref(), Some("said"));
}

#[test]
fn said_then_name_and_follow_on_quote() {
    let q = extract_quotes(SEED);
    let first = find(&q, "peace proposal seeks");
    assert_eq!(first.speaker.as_deref(), Some("Craig Singleton"));
    assert_eq!(first.cue.as_deref(), Some("said"));
    let next = find(&q, "However, Xi’s principal goal");
    assert_eq!(next.kind, QuoteKind::Direct);
    assert_eq!(next.speaker.as_deref(), Some("Craig Singleton"));
}

#[test]
fn exercise_name_is_not_a_quote() {
    assert!(
        extract_quotes(SEED)
            .iter()
            .all(|q| !q.quote.contains("Security Bond"))
    );
    assert_eq!(speaker_of(SEED, "Security Bond-2023"), None);
}

#[test]
fn speaker_of_matches_any_case_and_marks() {
    assert_eq!(
        speaker_of(SEED, "“MY DEAR FRIEND”").as_deref(),
        Some("Xi Jinping")
    );
    assert_eq!(
        speaker_of(SEED, "balanced").as_deref(),
        Some("Vladimir Putin")
    );
    assert_eq!(speaker_of(SEED, "not in the article"), None);
}

#[test]
fn quotes_are_in_text_order() {
    let q = extract_quotes(SEED);
    assert!(q.windows(2).all(|w| w[0].start < w[1].start));
}
