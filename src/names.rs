//! Canonical names: the fullest form of a person's name within one text, so that "Xi"
//! resolves to "Xi Jinping". Placeholder: grows with the quote pipeline.
