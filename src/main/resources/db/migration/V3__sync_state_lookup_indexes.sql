-- Sync state is looked up a page at a time by "prm_key IN (...)" or "sf_id IN (...)". H2 uses an index for an IN
-- list only on an index's first column, so with (entity, …) indexes alone every lookup scanned the entity's rows
-- (quadratic over a large initial load). These single-column indexes make both lookups index seeks.
CREATE INDEX sync_record_state_by_prm_key ON sync_record_state (prm_key);
CREATE INDEX sync_record_state_by_sf_id ON sync_record_state (sf_id);
