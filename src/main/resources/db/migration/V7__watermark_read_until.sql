-- How far the last incremental run of a flow read (the settle lag's horizon, or the run's start). The overlap
-- re-read starts at read_until minus the overlap, not at the watermark minus it: a flow that went quiet keeps an
-- old watermark, and re-reading behind it on every run would never end.
ALTER TABLE sync_watermark ADD COLUMN read_until TIMESTAMP WITH TIME ZONE;
