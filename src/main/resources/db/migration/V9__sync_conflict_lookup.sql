-- An external id edited in Salesforce is recorded as a conflict once: each re-read asks whether that very
-- conflict is on record, and the admin API lists a record's conflicts; both look up by record and field.
CREATE INDEX sync_conflict_record ON sync_conflict (prm_key, entity, field);
