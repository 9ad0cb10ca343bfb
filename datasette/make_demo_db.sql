-- Builds the Datasette demo database from the bundled sample articles. From the repository
-- root: sqlite3 datasette/demo.db < datasette/make_demo_db.sql
-- Only the articles are stored: the canned queries in metadata.json call whosaid live.
DROP TABLE IF EXISTS articles;
CREATE TABLE articles(id INTEGER PRIMARY KEY, title TEXT, body TEXT);
INSERT INTO articles(title, body)
  SELECT substr(body, 1, instr(body, char(10)) - 1), body
  FROM (SELECT CAST(readfile('sql/samples/' || name) AS TEXT) AS body
        FROM (SELECT 'harbour-bridge.txt' AS name
              UNION ALL SELECT 'vaccine-trial.txt'
              UNION ALL SELECT 'trade-talks.txt'));
