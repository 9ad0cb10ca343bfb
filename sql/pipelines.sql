-- whosaid in SQL pipelines: three ways to keep quotes and entities next to the articles.
-- Load the extension first, then `.read sql/pipelines.sql` (it creates the tables below).

-- 1. A generated column: the JSON of every quotation, computed when the row is written.
--    Works because extract_quotes is deterministic.
CREATE TABLE articles(
  id INTEGER PRIMARY KEY,
  url TEXT UNIQUE,
  body TEXT NOT NULL,
  quotes_json TEXT GENERATED ALWAYS AS (extract_quotes(body)) STORED
);

-- 2. Tables kept in step by triggers, inside the writer's transaction: when a statement
--    fails, its trigger work rolls back with it, so nothing is lost or left stale.
CREATE TABLE quotes(
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  quote TEXT, start INTEGER, "end" INTEGER, kind TEXT,
  speaker TEXT, speaker_mention TEXT, cue TEXT
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker);

CREATE TABLE entities(
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  text TEXT, start INTEGER, "end" INTEGER, label TEXT, canonical TEXT
);
CREATE INDEX entities_article ON entities(article_id);
CREATE INDEX entities_canonical ON entities(canonical, label);

CREATE TRIGGER articles_analyse_insert AFTER INSERT ON articles BEGIN
  INSERT INTO quotes SELECT new.id, quote, start, "end", kind, speaker, speaker_mention, cue
    FROM extract_quotes(new.body);
  INSERT INTO entities SELECT new.id, text, start, "end", label, canonical
    FROM extract_entities(new.body);
END;

CREATE TRIGGER articles_analyse_update AFTER UPDATE OF body ON articles BEGIN
  DELETE FROM quotes WHERE article_id = old.id;
  DELETE FROM entities WHERE article_id = old.id;
  INSERT INTO quotes SELECT new.id, quote, start, "end", kind, speaker, speaker_mention, cue
    FROM extract_quotes(new.body);
  INSERT INTO entities SELECT new.id, text, start, "end", label, canonical
    FROM extract_entities(new.body);
END;

CREATE TRIGGER articles_analyse_delete AFTER DELETE ON articles BEGIN
  DELETE FROM quotes WHERE article_id = old.id;
  DELETE FROM entities WHERE article_id = old.id;
END;

-- 3. Full-text search over quotes with FTS5, by words and by speaker. An external-content
--    index over `quotes`, kept in step by its own triggers.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
  quote, speaker, content = 'quotes', content_rowid = 'rowid'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, quote, speaker) VALUES (new.rowid, new.quote, new.speaker);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, quote, speaker)
    VALUES ('delete', old.rowid, old.quote, old.speaker);
END;

-- Example searches:
--   SELECT speaker, quote FROM quotes_fts WHERE quotes_fts MATCH 'bridge OR budget';
--   SELECT speaker, quote FROM quotes_fts WHERE quotes_fts MATCH 'speaker:Okafor';
