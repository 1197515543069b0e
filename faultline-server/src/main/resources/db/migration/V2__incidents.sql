-- Incidents, their timelines, blips and the incident engine's state per monitor. Portable between
-- SQLite and PostgreSQL through the placeholders of V1 (${id_column}, ${json}); instants are epoch
-- microseconds and durations microseconds, as in V1. Booleans are SMALLINT 0/1 so that both
-- databases read and compare them the same way.

-- One confirmed failure of a monitor. Rows are never deleted: the history of outages is small
-- and is what people come back to. cause, fault and severity change when an incident escalates.
CREATE TABLE incidents (
    id                          ${id_column},
    monitor_id                  TEXT     NOT NULL,
    monitor_name                TEXT     NOT NULL,  -- as at opening, so the history outlives a renamed or deleted monitor
    state                       TEXT     NOT NULL,  -- open | resolved
    cause                       TEXT     NOT NULL,
    fault                       TEXT     NOT NULL,
    severity                    TEXT     NOT NULL,
    regions                     ${json}  NOT NULL,  -- the regions that confirmed it, a JSON array of names
    started_at_us               BIGINT   NOT NULL,  -- the first failing check
    opened_at_us                BIGINT   NOT NULL,  -- when the regions confirmed it
    recovered_at_us             BIGINT,             -- the first success of the recovery that resolved it
    resolved_at_us              BIGINT,
    resolution                  TEXT,               -- recovered | monitor_removed | abandoned; NULL while open
    started_before_maintenance  SMALLINT NOT NULL,
    opened_in_maintenance       SMALLINT NOT NULL
);
CREATE INDEX incidents_by_state ON incidents (state, id);
CREATE INDEX incidents_by_monitor ON incidents (monitor_id, state);

-- What happened during an incident, in order: the checks that mattered, the verdict and diagnosis
-- at opening, escalations, notifications, the resolution. details is a JSON object per kind.
CREATE TABLE incident_events (
    id           ${id_column},
    incident_id  BIGINT  NOT NULL REFERENCES incidents (id),
    at_us        BIGINT  NOT NULL,
    kind         TEXT    NOT NULL,
    details      ${json} NOT NULL
);
CREATE INDEX incident_events_by_incident ON incident_events (incident_id, id);

-- Failures that other regions or re-checks did not confirm: frequent ones are a warning sign.
CREATE TABLE blips (
    id                  ${id_column},
    monitor_id          TEXT     NOT NULL,
    started_at_us       BIGINT   NOT NULL,
    ended_at_us         BIGINT   NOT NULL,
    failing_for_us      BIGINT   NOT NULL,
    failures            ${json}  NOT NULL,  -- region -> the causes of its failing checks, in order
    during_maintenance  SMALLINT NOT NULL
);
CREATE INDEX blips_by_monitor ON blips (monitor_id, id);

-- The incident engine's whole state per monitor (MonitorStateJson), written when it changes in a
-- way that matters, so that an incident open at shutdown is open after a restart in the same state.
CREATE TABLE monitor_states (
    monitor_id   TEXT    NOT NULL PRIMARY KEY,
    state        ${json} NOT NULL,
    saved_at_us  BIGINT  NOT NULL
);

-- Maintenance windows created through the API (the config file's live in the file), as MaintenanceWindowJson.
CREATE TABLE maintenance_windows (
    name        TEXT    NOT NULL PRIMARY KEY,
    definition  ${json} NOT NULL
);
