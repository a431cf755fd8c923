-- Texts are now indexed with their neighbouring words joined (as names were), so phrases are answered
-- without reading word positions: every source is rebuilt at the next check.
UPDATE search_sources SET next_rebuild_at = now();
