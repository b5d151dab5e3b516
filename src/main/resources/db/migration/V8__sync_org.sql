-- The Salesforce org the store's watermarks and pairings come from, recorded on the first run. Runs against
-- another org (a refreshed sandbox, other credentials) are refused until an admin re-baselines.
CREATE TABLE sync_org (
    org_id              VARCHAR(18)  NOT NULL PRIMARY KEY,
    recorded_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
