-- Anomalies (DESIGN.md §3, Trends): patterns in a monitor's rates that the trend detectors found in
-- its rollups, such as a rising 404 rate or a 401/403 spike. They are info or warning, shown on the
-- dashboard and in the digest, and never open incidents. Instants are epoch microseconds, as in V1.
CREATE TABLE anomalies (
    id                ${id_column},
    monitor_id        TEXT    NOT NULL,
    monitor_name      TEXT    NOT NULL,  -- as when found, so the history outlives a renamed or deleted monitor
    region            TEXT    NOT NULL,  -- a probe region, or 'all' for the monitor's regions together
    kind              TEXT    NOT NULL,  -- rising_404 | auth_spike | rate_limited | instability
    severity          TEXT    NOT NULL,  -- info | warning
    opened_at_us      BIGINT  NOT NULL,
    last_seen_at_us   BIGINT  NOT NULL,  -- the last evaluation that still found it
    resolved_at_us    BIGINT,            -- NULL while open
    summary           TEXT    NOT NULL,  -- the finding with its figures, as last seen
    likely_causes     ${json} NOT NULL,  -- a JSON array of phrases
    next_step         TEXT    NOT NULL,
    -- The evidence, as last seen: the checks with the kind's codes out of all checks in the
    -- window judged and in the baseline window before it.
    window_from_us    BIGINT  NOT NULL,
    window_to_us      BIGINT  NOT NULL,
    current_count     BIGINT  NOT NULL,
    current_of        BIGINT  NOT NULL,
    baseline_from_us  BIGINT  NOT NULL,
    baseline_to_us    BIGINT  NOT NULL,
    baseline_count    BIGINT  NOT NULL,
    baseline_of       BIGINT  NOT NULL
);
-- At most one open anomaly per monitor, region and kind, whatever the evaluator does (a restart, a race).
CREATE UNIQUE INDEX anomalies_one_open ON anomalies (monitor_id, region, kind) WHERE resolved_at_us IS NULL;
CREATE INDEX anomalies_by_monitor ON anomalies (monitor_id, id);
CREATE INDEX anomalies_by_opening ON anomalies (opened_at_us);
