-- Who may find a document: the refs (lower-cased, kind:namespace/name) of the users and groups it is
-- visible to; NULL for everyone who may read the portal. Added to every partition at once (no rewrite).
ALTER TABLE search_documents ADD COLUMN visible_to text[];

-- The newest generation that wrote each word. A word no live generation can hold (older than every
-- source's live generation) is pruned after a rebuild, so typos are no longer corrected to words of
-- documents long gone. Words written before this column are treated as written by the newest live
-- generation: kept until every source has been rebuilt once.
ALTER TABLE search_words ADD COLUMN seen_generation bigint NOT NULL DEFAULT 0;
UPDATE search_words SET seen_generation = coalesce((SELECT max(live_generation) FROM search_sources), 0);
ALTER TABLE search_words ALTER COLUMN seen_generation DROP DEFAULT;
