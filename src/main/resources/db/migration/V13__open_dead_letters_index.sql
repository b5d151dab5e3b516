-- The open dead letters per flow and direction, read by the metrics every few seconds on every node: resolved
-- letters stay in the table, so without this index each reading would scan all of them (payloads included).
CREATE INDEX dead_letter_open ON dead_letter (status, flow, direction);
