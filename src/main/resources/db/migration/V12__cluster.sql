-- Several nodes on one store. A flow's lease: the node whose run holds it, and a fencing token that grows with
-- every new holder; each commit of a run checks the token it took, so a node that stalled past its lease cannot
-- commit once another node holds the flow.
CREATE TABLE flow_lease (
    flow                VARCHAR(128) NOT NULL PRIMARY KEY,
    holder              VARCHAR(200),
    token               BIGINT       DEFAULT 0 NOT NULL,
    acquired_at         TIMESTAMP WITH TIME ZONE,
    expires_at          TIMESTAMP WITH TIME ZONE
);

-- A flow Salesforce throttled (REQUEST_LIMIT_EXCEEDED) waits on every node, not only the one that was refused.
CREATE TABLE flow_pause (
    flow                VARCHAR(128) NOT NULL PRIMARY KEY,
    paused_until        TIMESTAMP WITH TIME ZONE NOT NULL,
    reason              VARCHAR(4000) NOT NULL,
    paused_by           VARCHAR(200) NOT NULL
);

-- The org's API budget as Salesforce last reported it to any node (the Sforce-Limit-Info header).
CREATE TABLE api_usage_reading (
    id                  INTEGER      NOT NULL PRIMARY KEY,
    used                BIGINT       NOT NULL,
    api_limit           BIGINT       NOT NULL,
    read_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    read_by             VARCHAR(200) NOT NULL
);

ALTER TABLE sync_run ADD COLUMN node_id VARCHAR(200);
