-- Each stored monitor's revision, changed by every save: an update or delete may be made on the
-- condition that the monitor is still at the revision it was read at (the API's ETag and If-Match,
-- the edit form's hidden field), checked in the same UPDATE or DELETE that writes.
-- A counter rather than a hash of the definition: PostgreSQL's json type has no equality, so a hash
-- would need a column of its own anyway, computed in Java from the sealed text; a counter is
-- compared and counted up by the statement itself, the same way on both databases.
-- A new monitor starts at a random revision (MonitorRepository), so that one deleted and created
-- again under the same name does not take up a revision an old reader still holds. Rows stored
-- before start at 1.
ALTER TABLE monitors ADD COLUMN revision BIGINT NOT NULL DEFAULT 1;
