-- When each flow last re-read every record for the fields a mapping marks `recheck` (formula and roll-up fields
-- change without SystemModstamp moving, so incremental runs never see those changes).
CREATE TABLE sync_recheck (
    flow                VARCHAR(128) NOT NULL PRIMARY KEY,
    rechecked_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
