-- SQL-level tests of sql/pipelines.sql. Every row must read `case_id|1`.
.mode list
.read sql/pipelines.sql

INSERT INTO articles(url, body) VALUES
  ('a', '“We will build the bridge,” Mayor Helen Okafor said. “And on budget,” Okafor added.'),
  ('b', 'Critics were unmoved. “The numbers do not add up,” said councillor Mark Tillman.');

SELECT 'generated_column', json_array_length(quotes_json) = 2 FROM articles WHERE url = 'a';
SELECT 'trigger_insert', (SELECT count(*) FROM quotes) = 3
  AND (SELECT count(*) FROM quotes WHERE article_id = (SELECT id FROM articles WHERE url = 'a')) = 2;
SELECT 'trigger_insert_entities', (SELECT count(*) FROM entities WHERE canonical = 'Mark Tillman') >= 1;
SELECT 'trigger_rows_match_scalar',
  (SELECT group_concat(quote, '|') FROM (SELECT quote FROM quotes WHERE article_id = a.id ORDER BY start))
  = (SELECT group_concat(value ->> 'quote', '|') FROM json_each(a.quotes_json))
  FROM articles a WHERE url = 'a';

UPDATE articles SET body = 'No quotes here any more.' WHERE url = 'a';
SELECT 'trigger_update_replaces', (SELECT count(*) FROM quotes WHERE article_id = (SELECT id FROM articles WHERE url = 'a')) = 0
  AND (SELECT json_array_length(quotes_json) FROM articles WHERE url = 'a') = 0;

DELETE FROM articles WHERE url = 'b';
SELECT 'trigger_delete', (SELECT count(*) FROM quotes) = 0 AND (SELECT count(*) FROM entities WHERE canonical = 'Mark Tillman') = 0;

-- A statement that fails part-way leaves nothing behind: tests/sql_pipelines.rs (the shell
-- cannot expect an error).

-- Full-text search, by words and by speaker.
INSERT INTO articles(url, body) VALUES
  ('e', '“The bridge opens in May,” Mayor Helen Okafor said.'),
  ('f', '“Budgets always slip,” said Mark Tillman.');
SELECT 'fts_by_words', (SELECT quote FROM quotes_fts WHERE quotes_fts MATCH 'bridge opens') = 'The bridge opens in May,';
SELECT 'fts_by_speaker', (SELECT quote FROM quotes_fts WHERE quotes_fts MATCH 'speaker:Tillman') = 'Budgets always slip,';
DELETE FROM articles WHERE url = 'f';
SELECT 'fts_follows_deletes', (SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'speaker:Tillman') = 0;
