-- Documents partitioned by generation: a rebuild loads its generation into a table of its own without
-- the text indexes (fast: no GIN insert per row), builds the indexes once, and attaches the table as a
-- partition in the switch; the old generation's partition is dropped in the same transaction. Queries
-- and increments still name search_documents.
ALTER INDEX search_documents_body_idx RENAME TO search_documents_v1_body_idx;
ALTER INDEX search_documents_names_idx RENAME TO search_documents_v1_names_idx;
ALTER INDEX search_documents_facets_idx RENAME TO search_documents_v1_facets_idx;
ALTER INDEX search_documents_name_idx RENAME TO search_documents_v1_name_idx;
ALTER INDEX search_documents_pkey RENAME TO search_documents_v1_pkey;
ALTER TABLE search_documents RENAME TO search_documents_v1;

CREATE TABLE search_documents (
  type        text NOT NULL,
  generation  bigint NOT NULL,
  id          text NOT NULL COLLATE "C",
  title       text NOT NULL,
  name        text NOT NULL,
  name_key    text NOT NULL COLLATE "C",
  title_key   text NOT NULL COLLATE "C",
  text        text NOT NULL,
  location    text,
  facets      jsonb NOT NULL,
  facet_terms text[] NOT NULL,
  facet_labels text[] NOT NULL,
  names       tsvector NOT NULL,
  body        tsvector NOT NULL,
  removed     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (generation, id)
) PARTITION BY LIST (generation);
CREATE INDEX search_documents_body_idx ON search_documents USING gin (body);
CREATE INDEX search_documents_names_idx ON search_documents USING gin (names);
CREATE INDEX search_documents_facets_idx ON search_documents USING gin (facet_terms);
CREATE INDEX search_documents_name_idx ON search_documents (name_key);

-- Every live generation keeps its documents; a build in progress is dropped (it starts again).
DO $$
DECLARE
  g bigint;
BEGIN
  FOR g IN SELECT live_generation FROM search_sources LOOP
    -- Loaded without its indexes, which attaching then builds in one pass each.
    EXECUTE format('CREATE TABLE search_documents_g%s (LIKE search_documents INCLUDING DEFAULTS, '
      'PRIMARY KEY (generation, id), CHECK (generation = %s))', g, g);
    EXECUTE format('INSERT INTO search_documents_g%s SELECT * FROM search_documents_v1 WHERE generation = %s AND NOT removed', g, g);
    EXECUTE format('ALTER TABLE search_documents ATTACH PARTITION search_documents_g%s FOR VALUES IN (%s)', g, g);
  END LOOP;
END $$;
UPDATE search_sources SET build_generation = NULL, build_owner = NULL, build_lease_until = NULL
  WHERE build_generation IS NOT NULL;
DROP TABLE search_documents_v1;
