-- Work every node may do but only one should do at a time, or once per period across the nodes: the tier
-- evaluation. Each evaluation locks the task's row first (serialising evaluations on every node, as two placing one
-- new partner at once would both insert its standing), and the scheduled one claims its period here, so a cluster
-- evaluates every partner once an hour, not once an hour per node.
CREATE TABLE cluster_task (
    name                VARCHAR(128) NOT NULL PRIMARY KEY,
    last_started_at     TIMESTAMP WITH TIME ZONE,
    last_started_by     VARCHAR(200),
    last_finished_at    TIMESTAMP WITH TIME ZONE
);

INSERT INTO cluster_task (name) VALUES ('tier-evaluation');
