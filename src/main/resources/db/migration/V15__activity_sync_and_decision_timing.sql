-- Partner activities become a synced flow (partner-activities, both directions): a channel manager logs co-selling
-- or an event in Salesforce (Partner_Activity__c), the portal logs training and feedback here. A flow pages through
-- changed rows by (updated_at, key) and soft-deletes what the other side deleted, so the table gets both stamps;
-- rows the portal inserts without naming updated_at are stamped by the default.
ALTER TABLE activity ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL;
ALTER TABLE activity ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;
UPDATE activity SET updated_at = created_at;
CREATE INDEX activity_changes ON activity (updated_at, activity_id);

-- deal_decision keeps every registration's status as last seen, not only decided ones: a decision seen happening
-- (the registration seen waiting first) has its day; one that arrived decided has none, since when it was decided
-- is unknown, and it says nothing about the vendor's speed.
ALTER TABLE deal_decision ALTER COLUMN decided_on DROP NOT NULL;
-- Until now a decision was also recorded when it arrived already made, dated the day the store first saw it: an
-- org's history then counted as decided late. Such rows are those dated no later than the day their registration
-- reached the store; they go (a registration decided on the day it arrived loses its day, which is the lesser harm).
DELETE FROM deal_decision
WHERE decided_on <= (SELECT CAST(d.created_at AS DATE) FROM deal_registration d WHERE d.deal_id = deal_decision.deal_id);
