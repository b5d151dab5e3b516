-- The deletion sweep compares the ids Salesforce holds with a flow's pairings, to find deletions queryAll no
-- longer shows (emptied recycle bin, hard deletes). sync_sweep says when each flow last swept, so a quiet flow
-- sweeps once per recycle-bin retention rather than on every run; sync_sweep_live_id holds the ids a sweep has
-- read so far, so the comparison is a query in the store instead of a set of every id in memory.
CREATE TABLE sync_sweep (
    flow                VARCHAR(64)  NOT NULL PRIMARY KEY,
    swept_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A flow that has read before counts as swept when its watermark was stamped (the rule before this table):
-- upgrading does not make every flow sweep at once.
INSERT INTO sync_sweep (flow, swept_at)
    SELECT flow, stamp FROM sync_watermark WHERE direction = 'INBOUND';

CREATE TABLE sync_sweep_live_id (
    flow                VARCHAR(64)  NOT NULL,
    sf_id               VARCHAR(18)  NOT NULL,
    PRIMARY KEY (flow, sf_id)
);
