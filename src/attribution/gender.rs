//! The gender a speaker's words tell, so that "he" and "she" find the right person: an
//! honorific ("Mrs.") or a first name listed with its gender.

use super::word_set::WordSet;
use std::sync::OnceLock;

/// `Some(true)` for a man, `Some(false)` for a woman, `None` when the words do not tell.
pub(super) type Gender = Option<bool>;

/// First names that tell a gender, from `data/gazetteers/first_name_genders.txt` (made by
/// `scripts/gen_gazetteers.py`): sorted lines `name TAB m|f`.
static GENDERS: &str = include_str!("../../data/gazetteers/first_name_genders.txt");

/// The first names of [`GENDERS`] by gender, as hash sets: every speaker and every name a
/// pronoun may refer to asks for the gender of its first name, and a probe costs less than a
/// binary search of five thousand names (both are exact: the names are distinct).
struct FirstNames {
    male: WordSet<4096>,
    female: WordSet<8192>,
}

fn first_names() -> &'static FirstNames {
    static SETS: OnceLock<Box<FirstNames>> = OnceLock::new();
    SETS.get_or_init(|| {
        let (mut male, mut female): (Vec<&'static str>, Vec<&'static str>) = (vec![], vec![]);
        for (n, g) in GENDERS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
        {
            if g == "m" {
                male.push(n)
            } else {
                female.push(n)
            }
        }
        // Built once per process and kept for good, as a `static` would be.
        let leak =
            |v: Vec<&'static str>| -> &'static [&'static str] { Box::leak(v.into_boxed_slice()) };
        Box::new(FirstNames {
            male: WordSet::new(leak(male)),
            female: WordSet::new(leak(female)),
        })
    })
}

/// The gender a first name (any ASCII case) tells.
fn first_name_gender(word: &str) -> Gender {
    if word.len() > 20 || !word.is_ascii() {
        return None;
    }
    let sets = first_names();
    if sets.male.contains(word) {
        Some(true)
    } else if sets.female.contains(word) {
        Some(false)
    } else {
        None
    }
}

/// The gender an honorific tells: "Mr." a man, "Mrs.", "Ms." and "Miss" a woman.
fn honorific_gender(word: &str) -> Gender {
    // Lower-cased on the stack (five bytes at most) and matched once, not compared with each.
    let w = word.trim_end_matches('.');
    if w.len() > 5 {
        return None;
    }
    let mut lower = [0u8; 5];
    let lower = lower.get_mut(..w.len())?;
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    match &*lower {
        b"mr" | b"sir" | b"lord" => Some(true),
        b"mrs" | b"ms" | b"miss" | b"madam" | b"lady" | b"dame" => Some(false),
        _ => None,
    }
}

/// The gender of a person written `context` (the mention with any words just before it) and
/// known by the canonical `name`: an honorific in the context, else the first name.
pub(super) fn gender_of(context: &str, name: &str) -> Gender {
    context
        .split_whitespace()
        .rev()
        .take(4)
        .find_map(honorific_gender)
        .or_else(|| name.split_whitespace().next().and_then(first_name_gender))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_name_sets_answer_as_the_sorted_list() {
        let list: Vec<(&str, bool)> = GENDERS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t').map(|(n, g)| (n, g == "m")))
            .collect();
        assert!(list.windows(2).all(|w| w[0].0 < w[1].0), "sorted, distinct");
        let reference = |w: &str| {
            let lower = w.to_ascii_lowercase();
            (w.len() <= 20 && w.is_ascii())
                .then(|| list.binary_search_by(|(n, _)| n.cmp(&lower.as_str())).ok())
                .flatten()
                .map(|i| list[i].1)
        };
        let mut rng = crate::testing::Rng::new(7);
        const PIECES: &[&str] = &["a", "n", "e", "Jo", "K", "\u{212A}", "é", "-", "ann", "ie"];
        let mut words: Vec<String> = list.iter().map(|(n, _)| n.to_string()).collect();
        words.extend(list.iter().map(|(n, _)| n.to_ascii_uppercase()));
        words.extend(list.iter().map(|(n, _)| format!("{n}x")));
        words.extend((0..5000).map(|_| rng.text(PIECES, 4)));
        for w in &words {
            assert_eq!(first_name_gender(w), reference(w), "{w}");
        }
    }

    #[test]
    fn genders_are_read_in_any_case() {
        assert_eq!(honorific_gender("MRS."), Some(false));
        assert_eq!(honorific_gender("Mr"), Some(true));
        assert_eq!(honorific_gender("Mister"), None);
        assert_eq!(first_name_gender("JOHN"), Some(true));
        assert_eq!(first_name_gender("Mary"), Some(false));
        assert_eq!(first_name_gender("Zqxj"), None);
        assert_eq!(gender_of("said Ms. Lee", "Ann Lee"), Some(false));
    }
}
