//! Named entities. Placeholder baseline: capitalised runs, labelled MISC.

use crate::text::CharOffsets;
use crate::{Entity, Label};

/// Finds the named entities of `text`; see [`crate::extract_entities`].
pub fn extract(text: &str) -> Vec<Entity> {
    let mut spans = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for (i, w) in text.split_word_bound_indices_simple() {
        if w.chars().next().is_some_and(char::is_uppercase) {
            run = Some(run.map_or((i, i + w.len()), |(s, _)| (s, i + w.len())));
        } else if let Some(r) = run.take() {
            spans.push(r);
        }
    }
    spans.extend(run);
    let map = CharOffsets::new(text, spans.iter().flat_map(|&(s, e)| [s, e]));
    spans
        .into_iter()
        .map(|(s, e)| {
            let t = text.get(s..e).unwrap_or_default().to_string();
            Entity {
                canonical: t.clone(),
                text: t,
                start: map.get(s),
                end: map.get(e),
                label: Label::Misc,
            }
        })
        .collect()
}

trait SimpleWords {
    fn split_word_bound_indices_simple(&self) -> Vec<(usize, &str)>;
}

impl SimpleWords for str {
    fn split_word_bound_indices_simple(&self) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in self.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, &self[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            out.push((s, &self[s..]));
        }
        out
    }
}
