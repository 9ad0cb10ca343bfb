//! Sentence and paragraph boundaries (abbreviation-aware). Placeholder: grows with the
//! quote pipeline.
