-- Entities carry their processing errors (Backstage's status.items) in every API answer: the files
-- with problems of a page's locations are found through this index, which holds only those files,
-- instead of scanning every file of a location that has thousands.
CREATE INDEX catalog_sources_errors_idx ON catalog_sources (location_id) WHERE errors <> '[]'::jsonb;
