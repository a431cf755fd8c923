-- Exact titles are looked up like exact names (a query typed as a document's title ranks it first):
-- without an index of their own, the planner answered "name or title is exactly this" through the
-- full-text indexes, reading every document that holds one of the words.
CREATE INDEX search_documents_title_idx ON search_documents (title_key);
