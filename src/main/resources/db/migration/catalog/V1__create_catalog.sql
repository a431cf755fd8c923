-- The catalog: registered locations, the files and URLs they read, entities and their relations.
-- Entities are documents (jsonb) beside the columns that pages and the API filter and sort on.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE catalog_locations (
  id              uuid PRIMARY KEY,
  type            text NOT NULL,
  target          text NOT NULL,
  origin          text NOT NULL DEFAULT 'user',      -- user, demo, provider, config
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      text,
  status          text NOT NULL DEFAULT 'pending',   -- pending, ok, warning, error
  message         text,
  entity_count    integer NOT NULL DEFAULT 0,
  error_count     integer NOT NULL DEFAULT 0,
  last_refresh_at timestamptz,
  last_success_at timestamptz,
  next_refresh_at timestamptz NOT NULL DEFAULT now(),
  lease_owner     text,
  lease_until     timestamptz,
  UNIQUE (type, target)
);
CREATE INDEX catalog_locations_due_idx ON catalog_locations (next_refresh_at);

-- Every file or URL a location read, what it yielded, and what it led to: the basis for
-- conditional refreshes (nothing changed, nothing reprocessed) and for errors per file.
CREATE TABLE catalog_sources (
  location_id   uuid NOT NULL REFERENCES catalog_locations (id) ON DELETE CASCADE,
  target        text NOT NULL,                 -- type:target, e.g. url:https://... or file:/...
  parent_ref    text NOT NULL,                 -- the Location entity that listed it
  content_hash  text,
  etag          text,
  last_modified text,
  file_stamp    text,                          -- size and mtime of a file, checked before reading
  refs          text[] NOT NULL DEFAULT '{}',  -- entities it emitted
  children      text[] NOT NULL DEFAULT '{}',  -- targets its Location entities listed
  errors        jsonb NOT NULL DEFAULT '[]',   -- [{ref?, message}]
  read_at       timestamptz,
  PRIMARY KEY (location_id, target)
);

CREATE TABLE catalog_entities (
  id          uuid PRIMARY KEY,                -- metadata.uid
  ref         text NOT NULL UNIQUE COLLATE "C",  -- kind:namespace/name, lower case
  kind        text NOT NULL,                   -- lower case
  namespace   text NOT NULL,                   -- lower case
  name        text NOT NULL,                   -- as written
  sort_name   text NOT NULL COLLATE "C",       -- lower(name), for ordering
  spec_type   text,                            -- lower case
  lifecycle   text,                            -- lower case
  owner       text,                            -- owner ref, lower case
  location_id uuid NOT NULL REFERENCES catalog_locations (id) ON DELETE CASCADE,
  source      text NOT NULL,                   -- the catalog_sources.target that emitted it
  body        json NOT NULL,                   -- the entity as written (key order kept), with uid, etag and annotations; relations are added on read
  facts       text[] NOT NULL,                 -- lower-cased "path=value" and "path" entries for API filters
  search_text text NOT NULL,                   -- lower(name and title): the catalog page text filter
  hash        text NOT NULL,                   -- of the descriptor as read, to skip unchanged writes
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalog_entities_kind_sort_idx ON catalog_entities (kind, sort_name, ref);
CREATE INDEX catalog_entities_sort_idx ON catalog_entities (sort_name, ref);
CREATE INDEX catalog_entities_owner_idx ON catalog_entities (owner);
CREATE INDEX catalog_entities_location_idx ON catalog_entities (location_id, source);
CREATE INDEX catalog_entities_facts_idx ON catalog_entities USING gin (facts);
CREATE INDEX catalog_entities_search_idx ON catalog_entities USING gin (search_text gin_trgm_ops);

-- Relations, stored once with the name of their reverse (a component "ownedBy" a group is the
-- group's "ownerOf"), and read in both directions. Each row belongs to the entity whose descriptor
-- produced it.
CREATE TABLE catalog_relations (
  source_ref   text NOT NULL COLLATE "C",
  type         text NOT NULL,
  target_ref   text NOT NULL COLLATE "C",
  reverse_type text,
  origin_ref   text NOT NULL COLLATE "C"
);
CREATE INDEX catalog_relations_source_idx ON catalog_relations (source_ref);
CREATE INDEX catalog_relations_target_idx ON catalog_relations (target_ref);
CREATE INDEX catalog_relations_origin_idx ON catalog_relations (origin_ref);
