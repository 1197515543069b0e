-- A monitor created through the API can be paused: it stays defined, shown as paused, and is not checked.
-- SMALLINT 0/1 as the other flags (V2), so both databases read it the same way.
ALTER TABLE monitors ADD COLUMN paused SMALLINT NOT NULL DEFAULT 0;
