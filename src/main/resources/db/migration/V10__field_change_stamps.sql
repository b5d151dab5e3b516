-- When each latest-wins column of a PRM row last changed. The row's updated_at moves with every write (the
-- sync's own, tier evaluation, an edit of another column), so a conflict decided by it could let an older PRM
-- edit beat a later Salesforce one. Triggers prm-sync installs at start-up on the mapped tables keep these
-- stamps: the writer's updated_at when it moved the stamp, else the time of the write.
CREATE TABLE prm_field_change (
    table_name          VARCHAR(128) NOT NULL,
    row_key             VARCHAR(255) NOT NULL,
    column_name         VARCHAR(128) NOT NULL,
    changed_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (table_name, row_key, column_name)
);

-- The columns those triggers watch, per table, as the mappings name them (rewritten at every start-up).
CREATE TABLE prm_field_tracking (
    table_name          VARCHAR(128) NOT NULL,
    key_column          VARCHAR(128) NOT NULL,
    column_name         VARCHAR(128) NOT NULL,
    PRIMARY KEY (table_name, column_name)
);
