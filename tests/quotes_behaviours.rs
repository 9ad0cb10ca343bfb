//! One small invented sentence per attribution rule; each fails without its rule.

use whosaid::{QuoteKind, extract_quotes, speaker_of};

fn one(text: &str) -> whosaid::Quote {
    let q = extract_quotes(text);
    assert_eq!(q.len(), 1, "{text}: {q:?}");
    q.into_iter().next().unwrap_or_else(|| unreachable!())
}

#[test]
fn speaker_after_the_quote() {
    let q = one("“Rates will rise,” Ann Lee said on Monday.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
    assert_eq!(q.cue.as_deref(), Some("said"));
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn verb_first_after_the_quote() {
    let q = one("“Rates will rise,” said Ann Lee, an economist at the bank.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn appositive_between_speaker_and_verb() {
    let q = one("“Rates will rise,” Ann Lee, a senior fellow at the Institute, said.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn introducing_cue_with_colon_and_object() {
    let q = one("Ann Lee told reporters on Monday: “Rates will rise.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
    assert_eq!(q.cue.as_deref(), Some("told"));
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn transcript_colon() {
    let t = "The exchange went on.\n\nLEE: “We are ready.”";
    assert_eq!(one(t).speaker_mention.as_deref(), Some("LEE"));
}

#[test]
fn paragraph_lead_in_with_colon() {
    let t = "Ann Lee continued:\n\n“We are ready for anything that comes.”";
    assert_eq!(one(t).speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn pronoun_resolves_to_the_last_speaker() {
    let t =
        "“We won,” said Ann Lee. Later that day, the rally ended.\n\n“It was close,” she added.";
    let q = extract_quotes(t);
    assert_eq!(q[1].speaker_mention.as_deref(), Some("she"));
    assert_eq!(q[1].speaker.as_deref(), Some("Ann Lee"));
}

#[test]
fn follow_on_quote_keeps_its_speaker() {
    let t = "“We won,” Ann Lee said. “It was close.”\n\n“Next year will be harder.”";
    let q = extract_quotes(t);
    assert_eq!(q.len(), 3);
    assert!(
        q.iter().all(|x| x.speaker.as_deref() == Some("Ann Lee")),
        "{q:?}"
    );
}

#[test]
fn follow_on_stops_when_someone_else_speaks() {
    let t = "“We won,” Ann Lee said. Bob Ray disagreed with the count. “It was close.”";
    let q = extract_quotes(t);
    assert_ne!(q.last().and_then(|x| x.speaker.as_deref()), Some("Ann Lee"));
}

#[test]
fn multi_paragraph_quote_gives_one_item_per_paragraph() {
    let t =
        "Ann Lee said:\n\n“The first part is long enough to read.\n\n“The second part ends here.”";
    let q = extract_quotes(t);
    assert_eq!(q.len(), 2);
    assert_eq!(q[0].quote, "The first part is long enough to read.");
    assert!(q.iter().all(|x| x.speaker.as_deref() == Some("Ann Lee")));
}

#[test]
fn according_to_an_outlet() {
    let q = one("“Talks will resume,” the minister said, according to Reuters.");
    assert_eq!(q.speaker.as_deref(), Some("Reuters"));
    assert_eq!(q.cue.as_deref(), Some("according to"));
}

#[test]
fn partial_quote_in_reported_speech() {
    let q = one("Ann Lee said the plan was “dead on arrival” in the Senate.");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn outer_source_of_nested_reported_speech() {
    let q = one("Ann Lee said that he would call the deal “a disaster” soon.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn sentence_subject_when_no_cue() {
    let q = one("Ann Lee took the stage and branded the system “rotten to the core.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn sentence_subject_after_an_opening_clause() {
    let q = one("Since then, the actress has branded the idea “absurd and tired.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("the actress"));
}

#[test]
fn an_opening_clause_is_never_the_speaker() {
    // The quotation stays (it belongs to the sentence); its speaker is not "Contrary".
    let t = "Lee should publish the returns. Contrary to his claim that people would “learn \
             nothing,” there would be a lot to learn.";
    let q = one(t);
    assert_ne!(q.speaker_mention.as_deref(), Some("Contrary"));
}

#[test]
fn a_participle_after_a_verbs_object_has_the_sentence_subject() {
    let q = one("Ann Lee released a statement saying “We will appeal the ruling.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn phrasal_speech_verbs() {
    let q = one("“It happens, right?” Ann Lee went on, smiling.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
    assert_eq!(q.cue.as_deref(), Some("went on"));
    let q = one("Asked about the polls, Ann Lee shot back, “We will win this state.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
    assert_eq!(q.cue.as_deref(), Some("shot back"));
}

#[test]
fn a_quoted_sentence_ends_the_sentence_of_the_quotation() {
    let t =
        "Ann Lee credited the win to “a closed primary.” She wants the party to “open its doors.”";
    let q = extract_quotes(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].speaker_mention.as_deref(), Some("She"));
    assert_eq!(q[1].speaker.as_deref(), Some("Ann Lee"));
}

#[test]
fn a_participle_after_an_opening_quotation_has_the_sentence_subject() {
    let t = "“Promise you will keep your hands in sight,” Ann Lee sings before asking him, \
             “Where do we go from here?”";
    let q = extract_quotes(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn dash_signature() {
    let q = one("“He never listens to anyone.” ― Maria Gomez");
    assert_eq!(q.speaker_mention.as_deref(), Some("Maria Gomez"));
}

#[test]
fn passive_agent() {
    let q = one("The tactic has been called “strategic ambiguity” by Ann Lee, a professor.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn unknown_verb_in_attribution_shape() {
    let q = one("“Are you serious?” Ann Lee exploded.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
    assert_eq!(q.cue.as_deref(), Some("exploded"));
}

#[test]
fn show_titles_and_work_names_are_not_quotes() {
    assert!(
        extract_quotes("Ann Lee said on NBC’s “Meet the Press” that rates would rise.").is_empty()
    );
    assert!(extract_quotes("She appeared on the TV show “Good Morning” today.").is_empty());
    assert!(extract_quotes("Troops joined the “Iron Shield” drills last week.").is_empty());
}

#[test]
fn a_capitalised_sentence_after_a_quotation_is_more_speech() {
    let t = "“We have a common enemy,” Ann Lee told delegates. “Big Tobacco.”";
    let q = extract_quotes(t);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[1].quote, "Big Tobacco.");
    assert_eq!(q[1].speaker.as_deref(), Some("Ann Lee"));
    // A title after a quotation ends in a comma, not a full stop: no speech.
    let t = "“It sells,” Ann Lee said. “Billions,” on Showtime, is a drama.";
    assert_eq!(extract_quotes(t).len(), 1);
}

#[test]
fn scare_quote_in_attributed_sentence_is_kept() {
    let q = one("Ann Lee called the proposal “reckless.”");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(q.cue.as_deref(), Some("called"));
}

#[test]
fn quote_marks_of_every_kind() {
    for t in [
        "\"Rates will rise,\" Ann Lee said.",
        "''Rates will rise,'' Ann Lee said.",
        "«Rates will rise,» Ann Lee said.",
        "„Rates will rise,“ Ann Lee said.",
        "‘Rates will rise,’ Ann Lee said.",
    ] {
        let q = one(t);
        assert_eq!(q.quote, "Rates will rise,", "{t}");
        assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"), "{t}");
    }
}

#[test]
fn apostrophes_and_nested_quotes() {
    let q = one("“Lee’s team said ‘no’ to the ’90s plan,” Ann Lee said.");
    assert_eq!(q.quote, "Lee’s team said ‘no’ to the ’90s plan,");
}

#[test]
fn unbalanced_marks_degrade_gracefully() {
    let q = extract_quotes("He said “this never closes. Then “Rates will rise,” Ann Lee said.");
    assert_eq!(q.last().map(|x| x.quote.as_str()), Some("Rates will rise,"));
}

#[test]
fn abbreviations_do_not_cut_the_sentence() {
    let q = one("Sen. Ann Lee of the U.S. Senate said the bill was “a mess” again.");
    assert!(
        q.speaker_mention
            .as_deref()
            .is_some_and(|m| m.starts_with("Sen. Ann Lee"))
    );
    assert_eq!(q.speaker.as_deref(), Some("Ann Lee"));
}

#[test]
fn speaker_of_uses_the_same_pipeline() {
    let t = "Ann Lee spoke first. “Prices will fall,” Lee said.";
    assert_eq!(
        speaker_of(t, "PRICES will fall").as_deref(),
        Some("Ann Lee")
    );
    assert_eq!(speaker_of(t, "spoke first"), None);
}

#[test]
fn stand_alone_quote_after_reported_speech() {
    let t = "Ann Lee praised the plan at the rally.\n\n“It works for everyone in this state.”";
    assert_eq!(one(t).speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn fragment_after_inner_verb_goes_to_outer_source() {
    let q = one("Ann Lee said on Friday that Bob Ray once called it “a disaster.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn coordinated_clause_has_its_own_source() {
    let q = one("Ann Lee recommended no charges, but he called the actions “careless.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("he"));
}

#[test]
fn an_aside_after_a_dash_has_its_own_source() {
    let t = "Ann Lee urged the board to act -- a delay the treasurer said would be \
             “a disaster” for the city.";
    assert_eq!(one(t).speaker_mention.as_deref(), Some("the treasurer"));
    // A closed pair of dashes leaves the sentence's source in place.
    let t = "Ann Lee said -- at a rally in the city -- that a delay the treasurer said would be \
             “a disaster.”";
    assert_eq!(one(t).speaker_mention.as_deref(), Some("Ann Lee"));
    let t = "Ann Lee urged the board to act — a delay the treasurer said would be “a disaster.”";
    assert_eq!(one(t).speaker_mention.as_deref(), Some("the treasurer"));
}

#[test]
fn participle_after_a_time_phrase() {
    let q = one("Hours later, Ann Lee returned the favor, telling reporters, “We stand firm.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn transcript_line_inside_the_quote() {
    let t = "The debate went on.\n\n\"LEE: We will not back down on this, not now.\"";
    assert_eq!(one(t).speaker_mention.as_deref(), Some("LEE"));
}

#[test]
fn a_transcript_line_names_its_speaker_under_a_colon_paragraph() {
    let t = "Partial transcript as follows:\n\n\"LEE: We will not back down on this, not now.\"";
    assert_eq!(one(t).speaker_mention.as_deref(), Some("LEE"));
}

#[test]
fn a_title_listed_with_a_kept_quotation_is_kept_with_it() {
    let q = extract_quotes(
        "Lee cited his remarks calling her “Miss Piggy” and “Miss Housekeeping” at the debate.",
    );
    let quoted: Vec<&str> = q.iter().map(|q| q.quote.as_str()).collect();
    assert_eq!(quoted, ["Miss Piggy", "Miss Housekeeping"]);
}

#[test]
fn a_named_source_reporting_a_pronouns_words_is_the_speaker() {
    let q = one("Ann Lee said she recalled thinking, “This is what people talk about.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
    // Pronouns on both sides: the nearest stays.
    let q = one("He said she replied: “We will not sell the farm this year.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("she"));
}

#[test]
fn a_quotation_in_an_opening_participle_clause_is_the_subjects() {
    let q = one(
        "After saying her right foot was “so swollen I could barely walk,” she was \
                 rushed to hospital.",
    );
    assert_eq!(q.speaker_mention.as_deref(), Some("she"));
    assert_eq!(q.cue.as_deref(), Some("saying"));
    let q = one("Saying the plan was “a disaster for everyone”, Ann Lee left the room.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn scolded_and_retaliated_are_speech_verbs() {
    let q = one("Sen. Ann Lee scolded him: “The science is against you on every count.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Sen. Ann Lee"));
    let q = one("“France will always be France,” an angry Hollande retaliated.");
    assert_eq!(q.speaker_mention.as_deref(), Some("an angry Hollande"));
    let q = one("Critics argue the plan is “a giveaway to the rich.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Critics"));
}

#[test]
fn a_follow_on_quotation_continues_the_attribution_just_before_it() {
    let q = extract_quotes(
        "Sen. Ann Lee scolded him: “The science is against you,” she said. \
         “You sell false hope to people who trust you.”",
    );
    let mentions: Vec<_> = q.iter().map(|q| q.speaker_mention.as_deref()).collect();
    assert_eq!(mentions, [Some("Sen. Ann Lee"), Some("she")]);
}

#[test]
fn as_someone_put_it() {
    let q = one("Or, as Tom Ridge, a former secretary, put it: “The barbarians are inside.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Tom Ridge"));
}

#[test]
fn free_relative_names_the_outer_subject() {
    let q = one("Ann Lee urged voters on Monday to look at what he called “the record.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn a_free_relative_after_a_quotation_does_not_attribute_it() {
    let t = "Ann Lee accused the board of being “duped” and told voters to read what he called \
             Kim’s “secret memo.”";
    let q = extract_quotes(t);
    let mentions: Vec<_> = q.iter().map(|q| q.speaker_mention.as_deref()).collect();
    assert_eq!(
        mentions.first().copied().flatten(),
        Some("Ann Lee"),
        "{q:?}"
    );
    // The relative's own quotation is the outer subject's words too.
    assert_eq!(mentions.get(1).copied().flatten(), Some("Ann Lee"), "{q:?}");
}

#[test]
fn an_attribution_after_the_quote_beats_a_colon_paragraph_before_it() {
    let t = "The woman’s delight is recorded in detail:\n\n“Here comes the mayor,” she said, \
             clapping. “Our mayor.”";
    let q = extract_quotes(t);
    assert_eq!(q.len(), 2, "{q:?}");
    for quote in &q {
        assert_eq!(quote.speaker_mention.as_deref(), Some("she"), "{q:?}");
    }
    // Without one, the paragraph's colon still introduces it.
    let q = one("Lee then told the crowd:\n\n“We will build the bridge next spring.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Lee"));
}

#[test]
fn a_participle_after_a_relative_clause_is_the_sentence_subjects() {
    let q = one(
        "Ann Lee refused to pay a builder who said he was cheated, saying, \
                 “He did not finish the job.”",
    );
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn sentence_final_verb_first_attribution() {
    let q =
        one("The vote signals “the beginning of the end” for the union, said Ann Lee, a lawmaker.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn a_new_report_after_a_partial_quote_is_not_its_attribution() {
    let q = one(
        "Although Ann Lee admitted they had “been friends for years,” he claimed they had never met in person.",
    );
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn datelines_and_openers_are_not_speakers() {
    let q =
        extract_quotes("Dec. 7 brought the first “snow day” warnings in a decade for the town.");
    assert!(
        q.iter()
            .all(|x| x.speaker_mention.as_deref() != Some("Dec.")),
        "{q:?}"
    );
}

fn last_speaker(text: &str) -> Option<String> {
    extract_quotes(text).pop().and_then(|q| q.speaker)
}

#[test]
fn pronoun_goes_to_the_subject_of_reported_speech() {
    let t = "“Costs will fall,” said Peter Olsen.\n\nMaria Santos said supply was the issue. \
             “We need more ships,” she said.";
    assert_eq!(last_speaker(t).as_deref(), Some("Maria Santos"));
}

#[test]
fn pronoun_agrees_in_gender_with_the_first_name() {
    let t = "“Costs will fall,” Carol Wu said. “Prices will not,” Peter Olsen added. \
             “They might,” she said.";
    assert_eq!(last_speaker(t).as_deref(), Some("Carol Wu"));
}

#[test]
fn pronoun_agrees_in_gender_with_the_honorific() {
    let t = "“Costs will fall,” Mrs. Tandy said. “Prices will not,” Mr. Okafor added. \
             “They might,” she said.";
    assert_eq!(last_speaker(t).as_deref(), Some("Tandy"));
}

#[test]
fn organisation_with_ampersand_after_a_description() {
    let q = one(
        "The law firm Marsh & Tolley, which led the case, said in a statement that \
                 the ruling was “a relief”.",
    );
    assert_eq!(q.speaker.as_deref(), Some("Marsh & Tolley"));
    assert_eq!(q.cue.as_deref(), Some("said in a statement"));
}

#[test]
fn organisation_with_of_stays_whole() {
    let q = one("The Union of Bakers said the tax was “unfair”.");
    assert_eq!(q.speaker.as_deref(), Some("The Union of Bakers"));
}

#[test]
fn a_pronoun_with_nobody_before_it_has_no_canonical_speaker() {
    let q = one("He described the old bridge as “a daily gamble” on Monday.");
    assert_eq!(q.speaker_mention.as_deref(), Some("He"));
    assert_eq!(q.speaker, None);
    let q = one("Ann Lee spoke first. He described the bridge as “a daily gamble” later.");
    assert_eq!(q.speaker, None, "a man's pronoun does not resolve to Ann");
}

#[test]
fn ranker_finds_a_speaker_where_no_cue_names_one() {
    // No speech verb: the rules leave it unattributed, the learned ranker picks whose view the
    // sentence gives ("to her"), and the pronoun resolves to the person named before.
    let q = one(
        "Ann Lee has seen many winters here. To her, the new dam is “a monument to waste and \
         arrogance in the capital.”",
    );
    assert_eq!(q.speaker_mention.as_deref(), Some("her"));
    assert_eq!(q.speaker.as_deref(), Some("Ann Lee"));
}

#[test]
fn ranker_leaves_a_quotation_naming_nobody_unattributed() {
    let q = one("Why vote at all? “Nothing ever changes around here for people like us.”");
    assert_eq!(q.speaker_mention, None);
}

#[test]
fn a_relative_who_after_a_description_is_named_by_the_description() {
    // The mention stays "who" (as PolNeAR marks it); the canonical speaker is the noun phrase.
    let q = one("Many farmers who described the old dam as “a ticking bomb” stayed away.");
    assert_eq!(q.speaker_mention.as_deref(), Some("who"));
    assert_eq!(q.speaker.as_deref(), Some("Many farmers"));
}

#[test]
fn a_sentence_led_by_a_thing_is_not_attributed_to_its_subject() {
    use whosaid::attribution::How;
    use whosaid::attribution::rank::training_choices;
    // No cue: "His plan", "It", "Lee’s plan" are no source, so the rules leave the speaker to
    // the ranker rather than take the sentence's subject.
    // The rules' choice is the first of the choices.
    let rule = |text: &str| {
        let all = training_choices(text);
        let (_, how, choices) = all.first()?;
        let first = choices.first()?.span;
        Some((
            *how,
            first.and_then(|(s, e)| text.get(s..e)).map(str::to_string),
        ))
    };
    for text in [
        "His plan for the harbour is “a monument to waste” in every way.",
        "It has been “a monument to waste” in every way since May.",
        "Lee’s plan for the harbour is “a monument to waste” in every way.",
    ] {
        assert_eq!(rule(text), Some((How::SentenceSubject, None)), "{text}");
    }
    // People are: a name, and a pronoun even when contracted ("He’s got …").
    for (text, who) in [
        (
            "Ann Lee has the harbour plan down as “a monument to waste” again.",
            "Ann Lee",
        ),
        (
            "He’s got the harbour plan down as “a monument to waste” all week.",
            "He’s",
        ),
    ] {
        assert_eq!(
            rule(text),
            Some((How::SentenceSubject, Some(who.to_string()))),
            "{text}"
        );
    }
    // The quotation is kept all the same.
    assert_eq!(
        one("It has been “a monument to waste” since May.").quote,
        "a monument to waste"
    );
}

#[test]
fn a_participle_after_an_object_belongs_to_the_sentence_subject() {
    // "supporters" is whom the email went to, not who wrote it.
    let q = one("The Westport Harbour Trust emailed supporters saying: “The vote is ours.”");
    assert_eq!(
        q.speaker_mention.as_deref(),
        Some("The Westport Harbour Trust")
    );
    let q = one("Ann Lee sent a note to donors stating, “We will build it.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
    // Nor is the object of "on" ("on Facebook writing"), while "with" opens a clause of its
    // own ("with Lee tweeting").
    let q = one("Ann Lee answered the question on Facebook writing, “Yes, I will.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
    let q = one("Supporters punched a protester, with Bo Kim reportedly yelling: “Get out!”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Bo Kim"));
    // The object of a verb in "-ing" is no subject either.
    let q = one("Marchers had amassed at the hall, carrying signs saying, “Stop the plan.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("Marchers"));
    // The noun phrase right before the participle speaks when it is the subject.
    let q = one("Outside the hall, marchers chanting “Build the bridge” blocked the road.");
    assert_eq!(q.speaker_mention.as_deref(), Some("marchers"));
}

#[test]
fn a_reply_of_yes_or_no_after_a_quotation_does_not_attribute_it() {
    // Ann Lee answers yes to what Kim says at length; the words are Kim's.
    let q = one("As Kim went on about “how the system is rigged,” Ann Lee said yes.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Kim"));
    let q = one("“We will win,” Ann Lee said on Monday.");
    assert_eq!(q.speaker_mention.as_deref(), Some("Ann Lee"));
}

#[test]
fn typed_and_scrawled_words_are_reported_speech() {
    let q = one("On the form, in a box for notes, a doctor had typed “homicidal ideation.”");
    assert_eq!(q.speaker_mention.as_deref(), Some("a doctor"));
    assert_eq!(q.cue.as_deref(), Some("typed"));
}

#[test]
fn a_quotation_inside_a_quoted_paragraph_is_the_paragraphs_speaker() {
    let text = "The group grew, as the Lee Foundation website notes:\n\n\"In the fall of 1960, they \
                met in Sharon. Written “at this time of crisis,” the statement is short.\n\n\
                \"Among its principles is free will.\"";
    let q = extract_quotes(text);
    let spoken: Vec<_> = q.iter().map(|q| q.speaker_mention.as_deref()).collect();
    assert_eq!(
        spoken.first().copied().flatten(),
        Some("the Lee Foundation website")
    );
    assert_eq!(
        spoken.last().copied().flatten(),
        Some("the Lee Foundation website")
    );
    // A cue of its own naming someone else keeps its quotation.
    let text = "Ann Lee wrote:\n\n\"She was upset. In a box, a doctor had typed “homicidal \
                ideation.” Nobody called.\"";
    let typed = extract_quotes(text)
        .into_iter()
        .find(|q| q.quote.starts_with("homicidal"));
    assert_eq!(
        typed.and_then(|q| q.speaker_mention).as_deref(),
        Some("a doctor")
    );
}
