-- How far each Change Data Capture channel has been read. A replay id is stored in the transaction that puts the
-- records its event names into the webhook inbox, so a restart resumes after the last event whose records are safe
-- and never skips one. Salesforce keeps events 72 hours: an older position is not replayed but healed by polling.
-- heal_after: a gap (a gap or overflow event, an expired replay id, a stream down too long) was seen; the channel's
-- flows poll from their watermarks once their read horizon can pass it, and the mark is cleared.
CREATE TABLE change_event_position (
    channel             VARCHAR(255) NOT NULL PRIMARY KEY,
    replay_id           VARCHAR(255),
    last_event_at       TIMESTAMP WITH TIME ZONE,
    stored_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    heal_after          TIMESTAMP WITH TIME ZONE
);
