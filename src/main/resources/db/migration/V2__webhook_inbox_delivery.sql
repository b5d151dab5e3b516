-- Webhook inbox delivery: the signature that authenticated an event (a replay repeats it), when a failed event
-- is tried again, and which node holds it (claims expire, so a crashed node's events are taken over).
ALTER TABLE webhook_inbox ADD COLUMN signature VARCHAR(128);
ALTER TABLE webhook_inbox ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE webhook_inbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE webhook_inbox ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
-- sObject API names are up to 40 characters plus a namespace prefix and suffix.
ALTER TABLE webhook_inbox ALTER COLUMN entity SET DATA TYPE VARCHAR(64);
