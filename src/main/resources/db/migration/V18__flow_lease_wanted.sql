-- A node waiting for a flow another node holds says so: the holder, done with its run, leaves the flow to it
-- instead of taking it again at once for its own next run (a node polling every lease-poll lost every such race).
ALTER TABLE flow_lease ADD COLUMN wanted_by VARCHAR(200);
ALTER TABLE flow_lease ADD COLUMN wanted_until TIMESTAMP WITH TIME ZONE;
