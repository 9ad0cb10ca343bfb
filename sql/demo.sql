-- whosaid demo: who said what, and about whom, in three bundled sample articles.
-- Run from the repository root after `cargo build --release`:
--   sqlite3 < sql/demo.sql
.load target/release/libwhosaid
.mode box
.headers on

CREATE TABLE articles(id INTEGER PRIMARY KEY, file TEXT, body TEXT);
INSERT INTO articles(file, body)
  SELECT name, CAST(readfile('sql/samples/' || name) AS TEXT)
  FROM (SELECT 'harbour-bridge.txt' AS name
        UNION ALL SELECT 'vaccine-trial.txt'
        UNION ALL SELECT 'trade-talks.txt');

SELECT 'whosaid ' || whosaid_version() AS version;

-- Who said what: one row per quotation.
SELECT a.id, q.speaker, q.cue, q.kind,
       substr(q.quote, 1, 60) || IIF(length(q.quote) > 60, '…', '') AS quote
FROM articles a, extract_quotes(a.body) q;

-- Who is quoted most, across all articles.
SELECT q.speaker, count(*) AS quotes
FROM articles a, extract_quotes(a.body) q
WHERE q.speaker IS NOT NULL
GROUP BY q.speaker ORDER BY quotes DESC, q.speaker LIMIT 5;

-- About whom: the people, organisations and places named in each article.
SELECT a.id, e.label, group_concat(DISTINCT e.canonical) AS entities
FROM articles a, extract_entities(a.body) e
GROUP BY a.id, e.label ORDER BY a.id, e.label;

-- One question, one answer.
SELECT speaker_of(body, 'the numbers simply do not add up') AS who_doubts_the_numbers
FROM articles WHERE file = 'harbour-bridge.txt';
