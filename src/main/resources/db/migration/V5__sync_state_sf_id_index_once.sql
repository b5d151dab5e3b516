-- Every applied record writes a sync_record_state row, and each index is written with it. The pairing by
-- Salesforce id had two indexes, unique (entity, sf_id) and a lookup (sf_id); one unique index led by sf_id
-- does both jobs (lookups by "sf_id IN (...)" seek it; an id stays paired once per entity).
DROP INDEX sync_record_state_by_sf_id;
DROP INDEX sync_record_state_sf_id;
CREATE UNIQUE INDEX sync_record_state_sf_id ON sync_record_state (sf_id, entity);
