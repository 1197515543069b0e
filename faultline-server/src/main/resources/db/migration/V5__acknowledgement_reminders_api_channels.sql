-- Acknowledgement, reminders and escalation of open incidents, and the alert channels created
-- through the API. Portable between SQLite and PostgreSQL through V1's placeholders; instants are
-- epoch microseconds, as everywhere in this schema. SQLite adds one column per ALTER TABLE.

-- Someone took the incident on: reminders and escalation stop. The first acknowledgement is kept.
ALTER TABLE incidents ADD COLUMN acknowledged_at_us BIGINT;
ALTER TABLE incidents ADD COLUMN acknowledged_by TEXT;
ALTER TABLE incidents ADD COLUMN acknowledgement_note TEXT;
-- The reminder schedule of an open, critical, unacknowledged incident, so that a restart resumes it:
-- reminders_sent counts them (the n-th reminder's number), reminded_at_us is when the last went out,
-- escalated_to_at_us when the opening went to the escalation channels (once).
ALTER TABLE incidents ADD COLUMN reminders_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN reminded_at_us BIGINT;
ALTER TABLE incidents ADD COLUMN escalated_to_at_us BIGINT;

-- Channels created through the API (the config file's live in the file). settings holds the
-- channel's keys without its credentials; sealed_secrets holds those, as one AES-256-GCM sealed
-- JSON object (base64 of nonce and ciphertext), bound to the channel's name.
CREATE TABLE api_channels (
    name           TEXT    NOT NULL PRIMARY KEY,
    type           TEXT    NOT NULL,
    severities     ${json} NOT NULL,  -- a JSON array of severity ids
    settings       ${json} NOT NULL,  -- a JSON object of the settings that are not secret
    sealed_secrets TEXT    NOT NULL,
    created_at_us  BIGINT  NOT NULL,
    updated_at_us  BIGINT  NOT NULL
);
