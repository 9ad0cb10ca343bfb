-- SQL-level tests of whosaid's contract. Every row must read `case_id|1`.
-- Run by tests/sql.sh (and by `cargo test` at the root) with the extension already loaded:
--   sqlite3 -bail :memory: -cmd '.load target/release/libwhosaid' < sql/test_contract.sql
.mode list

CREATE TABLE articles(id INTEGER PRIMARY KEY, file TEXT, body TEXT);
INSERT INTO articles(file, body)
  SELECT name, CAST(readfile('sql/samples/' || name) AS TEXT)
  FROM (SELECT 'harbour-bridge.txt' AS name
        UNION ALL SELECT 'vaccine-trial.txt'
        UNION ALL SELECT 'trade-talks.txt');
SELECT 'samples_loaded', count(*) = 3 AND min(length(body)) > 500 FROM articles;

-- Registration: exactly these functions and table functions, deterministic and innocuous.
SELECT 'functions_registered',
  group_concat(name || '/' || narg, ' ') = 'extract_entities/1 extract_quotes/1 speaker_of/2 whosaid_version/0'
  FROM (SELECT name, narg FROM pragma_function_list
        WHERE name IN ('extract_quotes', 'extract_entities', 'speaker_of', 'whosaid_version')
        ORDER BY name);
SELECT 'functions_deterministic_innocuous',
  count(*) = 4 AND min((flags & 0x800) != 0 AND (flags & 0x200000) != 0)
  FROM pragma_function_list
  WHERE name IN ('extract_quotes', 'extract_entities', 'speaker_of', 'whosaid_version');
SELECT 'table_functions_registered',
  (SELECT count(*) FROM pragma_module_list WHERE name IN ('extract_quotes', 'extract_entities')) = 2;
SELECT 'version', whosaid_version() GLOB '[0-9]*.[0-9]*.[0-9]*';

-- NULL in, NULL out; no rows from the table forms.
SELECT 'null_quotes', extract_quotes(NULL) IS NULL;
SELECT 'null_entities', extract_entities(NULL) IS NULL;
SELECT 'null_speaker_of_text', speaker_of(NULL, 'x') IS NULL;
SELECT 'null_speaker_of_quote', speaker_of('“x,” he said.', NULL) IS NULL;
SELECT 'null_table_quotes', (SELECT count(*) FROM extract_quotes(NULL)) = 0;
SELECT 'null_table_entities', (SELECT count(*) FROM extract_entities(NULL)) = 0;

-- JSON: arrays, with the JSON subtype so they nest unquoted.
SELECT 'empty_text_empty_array', extract_quotes('') = '[]' AND extract_entities('') = '[]';
SELECT 'json_valid', min(json_valid(extract_quotes(body)) AND json_valid(extract_entities(body))) FROM articles;
SELECT 'json_nests_in_object',
  json_type(json_object('q', extract_quotes('“We will win,” she said.')), '$.q') = 'array';
SELECT 'json_nests_in_group_array',
  json_type(json_group_array(extract_entities(body)), '$[0]') = 'array' FROM articles;
SELECT 'json_keys_quotes',
  (SELECT group_concat(key, ',') FROM json_each(extract_quotes('“We will win,” she said.'), '$[0]'))
  = 'quote,start,end,kind,speaker,speaker_mention,speaker_start,speaker_end,cue';
SELECT 'json_keys_entities',
  (SELECT group_concat(key, ',') FROM json_each(extract_entities('Angela Merkel visited Paris.'), '$[0]'))
  = 'text,start,end,label,canonical';

-- Offsets are code points: substr(body, start + 1, end - start) gives back the text.
SELECT 'quote_offsets', count(*) > 10 AND sum(substr(a.body, q.start + 1, q.end - q.start) = q.quote) = count(*)
  FROM articles a, extract_quotes(a.body) q;
SELECT 'speaker_offsets', count(*) > 5
  AND sum(substr(a.body, q.speaker_start + 1, q.speaker_end - q.speaker_start) = q.speaker_mention) = count(*)
  FROM articles a, extract_quotes(a.body) q WHERE q.speaker_mention IS NOT NULL;
SELECT 'entity_offsets', count(*) > 10 AND sum(substr(a.body, e.start + 1, e."end" - e.start) = e.text) = count(*)
  FROM articles a, extract_entities(a.body) e;
SELECT 'offsets_after_multibyte',
  (SELECT start FROM extract_quotes('Zoë Ñuñez said: “Déjà vu,” and left.')) = 17;

-- The table forms agree with the scalars, row for row.
SELECT 'table_matches_scalar_quotes', min(
  (SELECT count(*) FROM extract_quotes(a.body)) = json_array_length(extract_quotes(a.body))
  AND (SELECT group_concat(quote, '|') FROM extract_quotes(a.body))
    = (SELECT group_concat(value ->> 'quote', '|') FROM json_each(extract_quotes(a.body))))
  FROM articles a;
SELECT 'table_matches_scalar_entities', min(
  (SELECT group_concat(text || label, '|') FROM extract_entities(a.body))
    = (SELECT group_concat((value ->> 'text') || (value ->> 'label'), '|') FROM json_each(extract_entities(a.body))))
  FROM articles a;
SELECT 'table_end_column_unquoted', (SELECT q.end - q.start FROM extract_quotes('“Abc,” she said.') q) = 4;

-- BLOBs holding UTF-8 are read as text.
SELECT 'blob_utf8', extract_quotes(CAST('“We will win,” she said.' AS BLOB)) = extract_quotes('“We will win,” she said.');

-- Deterministic: usable in generated columns and expression indexes.
CREATE TABLE stored(body TEXT, quotes TEXT GENERATED ALWAYS AS (extract_quotes(body)) STORED);
CREATE INDEX stored_speaker ON stored(speaker_of(body, 'we will win'));
INSERT INTO stored(body) VALUES ('“We will win,” Ann Lee said.');
SELECT 'generated_column', json_array_length(quotes) = 1 FROM stored;

-- What the functions understand, on the bundled samples.
SELECT 'speaker_of_plain', speaker_of(body, 'the numbers simply do not add up') = 'Mark Tillman'
  FROM articles WHERE file = 'harbour-bridge.txt';
SELECT 'speaker_of_marks_and_case', speaker_of(body, '“THE NUMBERS simply do not add up,”') = 'Mark Tillman'
  FROM articles WHERE file = 'harbour-bridge.txt';
SELECT 'speaker_of_no_such_quote', speaker_of(body, 'words nobody said') IS NULL
  FROM articles WHERE file = 'harbour-bridge.txt';
SELECT 'canonical_speaker_from_title', speaker = 'Helen Okafor' AND cue = 'said'
  FROM articles a, extract_quotes(a.body) q
  WHERE a.file = 'harbour-bridge.txt' AND q.quote LIKE 'This is the day%';
SELECT 'follow_on_quote_keeps_speaker', speaker = 'Helen Okafor'
  FROM articles a, extract_quotes(a.body) q
  WHERE a.file = 'harbour-bridge.txt' AND q.quote LIKE 'We will build it%';
SELECT 'pronoun_resolved', speaker = 'Amina Bello'
  FROM articles a, extract_quotes(a.body) q
  WHERE a.file = 'vaccine-trial.txt' AND q.quote LIKE 'We need partners%';
SELECT 'organisation_speaker', speaker = 'Halden & Grey' AND cue LIKE '%statement%'
  FROM articles a, extract_quotes(a.body) q
  WHERE a.file = 'harbour-bridge.txt' AND q.quote LIKE 'four lanes%';
SELECT 'nickname_is_not_a_quote', count(*) = 0
  FROM articles a, extract_quotes(a.body) q WHERE q.quote = 'Project Dawn';
SELECT 'partial_quote_kind', kind = 'partial'
  FROM articles a, extract_quotes(a.body) q WHERE q.quote = 'more theatre than crisis';
SELECT 'entities_labelled',
  (SELECT label FROM extract_entities(a.body) WHERE text = 'Brussels' LIMIT 1) = 'LOC'
  AND (SELECT label FROM extract_entities(a.body) WHERE text = 'Henriksen' LIMIT 1) = 'PERSON'
  AND (SELECT canonical FROM extract_entities(a.body) WHERE text = 'Henriksen' LIMIT 1) = 'Lars Henriksen'
  FROM articles a WHERE file = 'trade-talks.txt';
