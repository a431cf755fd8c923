-- Search: one index in PostgreSQL for every SearchSource. Documents live in generations: a full
-- rebuild writes a new generation beside the live one and switches to it in one update, so search
-- never goes dark while it rebuilds.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SEQUENCE search_generation_seq;

-- One row per source type: which generation queries read, which one a rebuild is writing (and who
-- holds the lease on that work), and when the next scheduled rebuild is due.
CREATE TABLE search_sources (
  type              text PRIMARY KEY,
  live_generation   bigint NOT NULL,
  build_generation  bigint,
  build_owner       text,
  build_lease_until timestamptz,
  built_at          timestamptz,
  documents         integer NOT NULL DEFAULT 0,
  next_rebuild_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE search_documents (
  type        text NOT NULL,
  generation  bigint NOT NULL,
  id          text NOT NULL COLLATE "C",
  title       text NOT NULL,
  name        text NOT NULL,
  name_key    text NOT NULL COLLATE "C",   -- lower(name): exact and prefix matches
  title_key   text NOT NULL COLLATE "C",   -- lower(title)
  text        text NOT NULL,
  location    text,
  facets      jsonb NOT NULL,              -- {"kind": ["Component"], "tag": ["java", "pci"]} as the source wrote them
  facet_terms text[] NOT NULL,             -- lower-cased "key=value": filters and facet counts
  facet_labels text[] NOT NULL,            -- the same as written ("kind=Component"), for showing the counts
  names       tsvector NOT NULL,           -- title and name, split into words: suggestions
  body        tsvector NOT NULL,           -- names A, text B, keywords and facet values C
  removed     boolean NOT NULL DEFAULT false, -- a removal seen while this generation was being built
  PRIMARY KEY (generation, id)
);
CREATE INDEX search_documents_body_idx ON search_documents USING gin (body);
CREATE INDEX search_documents_names_idx ON search_documents USING gin (names);
CREATE INDEX search_documents_facets_idx ON search_documents USING gin (facet_terms);
CREATE INDEX search_documents_name_idx ON search_documents (name_key);

-- The words of names and titles, for typo tolerance: a query word no word starts with is replaced by
-- its nearest neighbours by trigram distance.
CREATE TABLE search_words (
  word text PRIMARY KEY COLLATE "C"
);
CREATE INDEX search_words_trgm_idx ON search_words USING gist (word gist_trgm_ops);

-- Documents a source said changed, waiting to be indexed: claimed with FOR UPDATE SKIP LOCKED, so two
-- instances share the work; a row is deleted in the transaction that indexed it.
CREATE TABLE search_changes (
  type       text NOT NULL,
  id         text NOT NULL COLLATE "C",
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (type, id)
);
CREATE INDEX search_changes_order_idx ON search_changes (changed_at);
