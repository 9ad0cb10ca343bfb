//! Weekday and month names: capitalised like names, yet never a person, a speaker or the
//! end of a name ("Monday", "October"). One list for every module that must tell them apart.

/// The weekdays, in lower case.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The months in full, in lower case, without "may": a modal verb and a surname ("Theresa
/// May") as often as a month, so each caller decides about it.
pub const MONTHS: [&str; 11] = [
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether `word` (any case) is a weekday.
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// Whether `word` (any case) is a month other than "May".
pub fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// Whether `word` (any case) is a weekday or a month other than "May".
pub fn is_weekday_or_month(word: &str) -> bool {
    is_weekday(word) || is_month(word)
}

/// Whether `word` is a year of news: four digits from 1900 to 2099.
pub fn is_year(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 4
        && b.iter().all(u8::is_ascii_digit)
        && (b.starts_with(b"19") || b.starts_with(b"20"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_case_and_may_left_out() {
        assert!(is_weekday("Monday") && is_weekday("SUNDAY"));
        assert!(!is_weekday("October"));
        assert!(is_weekday_or_month("October") && is_weekday_or_month("friday"));
        assert!(!is_weekday_or_month("May") && !is_weekday_or_month("Mayday"));
        assert!(is_month("MARCH") && !is_month("Monday"));
    }

    #[test]
    fn years_are_four_digits_of_the_last_two_centuries() {
        assert!(is_year("2010") && is_year("1999"));
        assert!(!is_year("201") && !is_year("2010s") && !is_year("1776") && !is_year("20a0"));
    }
}
