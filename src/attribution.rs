//! Attribution: the cue ("said", "according to") and the speaker of each quotation.
//! Placeholder: grows with the quote pipeline.
