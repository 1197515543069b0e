-- The alert outbox (DESIGN.md §4, Alerts): one row per notification and channel, written in the
-- same transaction as the state change that caused it, then sent by the OutboxDispatcher, which
-- records every attempt here. A row is pending until the provider accepts it (sent) or until
-- retrying is no use (dead). Times are epoch microseconds, as everywhere in this schema.
CREATE TABLE alert_outbox (
    id                 ${id_column},
    channel            TEXT    NOT NULL,
    dedup_key          TEXT    NOT NULL,
    event              TEXT    NOT NULL,  -- the EventKind id, e.g. incident.opened
    occurrence         TEXT    NOT NULL,  -- tells repeats under one key apart: an opening's severity, a reminder's time; else ''
    monitor_id         TEXT    NOT NULL,
    severity           TEXT    NOT NULL,
    payload            ${json} NOT NULL,  -- the Notification as NotificationJson
    state              TEXT    NOT NULL,  -- pending, sent or dead
    attempts           INTEGER NOT NULL,
    next_attempt_at_us BIGINT  NOT NULL,
    last_attempt_at_us BIGINT,            -- NULL until the first attempt
    last_status        INTEGER,           -- the provider's status at the last attempt; 0 when none came
    last_answer        TEXT,
    created_at_us      BIGINT  NOT NULL,
    sent_at_us         BIGINT,
    -- An enqueue repeated after a crash adds nothing; it also keeps a (channel, dedup key) in order.
    UNIQUE (channel, dedup_key, event, occurrence)
);
CREATE INDEX alert_outbox_due ON alert_outbox (state, channel, next_attempt_at_us);
CREATE INDEX alert_outbox_by_state ON alert_outbox (state, id);
