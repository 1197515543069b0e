-- Faultline's schema, shared by SQLite and PostgreSQL. The few type differences are Flyway
-- placeholders filled in by SqliteDialect and PostgresDialect: ${id_column}, ${json}, ${clustered},
-- ${key_include}.
-- Every instant is epoch microseconds and every duration microseconds (BIGINT), so that both
-- databases store, compare and bucket times the same way.

-- One row per check. cause gives the verdict (outcome and fault follow from it).
CREATE TABLE results (
    id                       ${id_column},
    monitor_id               TEXT     NOT NULL,
    region                   TEXT     NOT NULL,
    started_at_us            BIGINT   NOT NULL,
    url                      TEXT     NOT NULL,
    cause                    TEXT     NOT NULL,
    status                   SMALLINT,          -- NULL when there was no HTTP answer
    dns_us                   BIGINT,            -- NULL when the phase did not happen
    connect_us               BIGINT,
    tls_us                   BIGINT,
    first_byte_us            BIGINT,
    total_us                 BIGINT   NOT NULL,
    body_bytes               BIGINT   NOT NULL,
    body_sha256              TEXT     NOT NULL,  -- empty when there was no answer
    headers                  ${json},          -- selected response headers; NULL when none
    failed_assertions        ${json},          -- NULL when none failed
    retry_after_s            BIGINT,
    certificate_not_after_us BIGINT,
    detail                   TEXT     NOT NULL
);
CREATE INDEX results_by_monitor ON results (monitor_id, started_at_us, id);
CREATE INDEX results_by_time ON results (started_at_us);

-- The newest result per monitor and region, kept by the writer so that an overview of every
-- monitor is one small join instead of a search through the results.
CREATE TABLE latest_results (
    monitor_id    TEXT   NOT NULL,
    region        TEXT   NOT NULL,
    started_at_us BIGINT NOT NULL,
    PRIMARY KEY (monitor_id, region)
);

-- Minute buckets per monitor, region, cause and status code: counts are additive, so a batch of results
-- updates its buckets with a single upsert per row and never reads them first. latency_* are over
-- the checks counted in the row (total time); hNN counts those checks by latency bucket NN, NULL for none
-- (LatencyHistogram: bucket 0 is under 250 us, each next one is sqrt(2) times wider, 39 is the rest).
CREATE TABLE rollup_minute (
    monitor_id      TEXT     NOT NULL,
    bucket_start_us BIGINT   NOT NULL,
    region          TEXT     NOT NULL,
    cause           TEXT     NOT NULL,
    status          SMALLINT NOT NULL,  -- 0 when there was no HTTP answer
    checks          INTEGER  NOT NULL,
    latency_min_us  BIGINT   NOT NULL,
    latency_sum_us  BIGINT   NOT NULL,
    latency_max_us  BIGINT   NOT NULL,
    h00 INTEGER,
    h01 INTEGER,
    h02 INTEGER,
    h03 INTEGER,
    h04 INTEGER,
    h05 INTEGER,
    h06 INTEGER,
    h07 INTEGER,
    h08 INTEGER,
    h09 INTEGER,
    h10 INTEGER,
    h11 INTEGER,
    h12 INTEGER,
    h13 INTEGER,
    h14 INTEGER,
    h15 INTEGER,
    h16 INTEGER,
    h17 INTEGER,
    h18 INTEGER,
    h19 INTEGER,
    h20 INTEGER,
    h21 INTEGER,
    h22 INTEGER,
    h23 INTEGER,
    h24 INTEGER,
    h25 INTEGER,
    h26 INTEGER,
    h27 INTEGER,
    h28 INTEGER,
    h29 INTEGER,
    h30 INTEGER,
    h31 INTEGER,
    h32 INTEGER,
    h33 INTEGER,
    h34 INTEGER,
    h35 INTEGER,
    h36 INTEGER,
    h37 INTEGER,
    h38 INTEGER,
    h39 INTEGER,
    PRIMARY KEY (monitor_id, bucket_start_us, region, cause, status) ${key_include}
) ${clustered};
CREATE INDEX rollup_minute_by_time ON rollup_minute (bucket_start_us);

-- Hour buckets, the same columns per monitor, region, cause and status code: counts are additive, so a batch of results
-- updates its buckets with a single upsert per row and never reads them first. latency_* are over
-- the checks counted in the row (total time); hNN counts those checks by latency bucket NN, NULL for none
-- (LatencyHistogram: bucket 0 is under 250 us, each next one is sqrt(2) times wider, 39 is the rest).
CREATE TABLE rollup_hour (
    monitor_id      TEXT     NOT NULL,
    bucket_start_us BIGINT   NOT NULL,
    region          TEXT     NOT NULL,
    cause           TEXT     NOT NULL,
    status          SMALLINT NOT NULL,  -- 0 when there was no HTTP answer
    checks          INTEGER  NOT NULL,
    latency_min_us  BIGINT   NOT NULL,
    latency_sum_us  BIGINT   NOT NULL,
    latency_max_us  BIGINT   NOT NULL,
    h00 INTEGER,
    h01 INTEGER,
    h02 INTEGER,
    h03 INTEGER,
    h04 INTEGER,
    h05 INTEGER,
    h06 INTEGER,
    h07 INTEGER,
    h08 INTEGER,
    h09 INTEGER,
    h10 INTEGER,
    h11 INTEGER,
    h12 INTEGER,
    h13 INTEGER,
    h14 INTEGER,
    h15 INTEGER,
    h16 INTEGER,
    h17 INTEGER,
    h18 INTEGER,
    h19 INTEGER,
    h20 INTEGER,
    h21 INTEGER,
    h22 INTEGER,
    h23 INTEGER,
    h24 INTEGER,
    h25 INTEGER,
    h26 INTEGER,
    h27 INTEGER,
    h28 INTEGER,
    h29 INTEGER,
    h30 INTEGER,
    h31 INTEGER,
    h32 INTEGER,
    h33 INTEGER,
    h34 INTEGER,
    h35 INTEGER,
    h36 INTEGER,
    h37 INTEGER,
    h38 INTEGER,
    h39 INTEGER,
    PRIMARY KEY (monitor_id, bucket_start_us, region, cause, status) ${key_include}
) ${clustered};
CREATE INDEX rollup_hour_by_time ON rollup_hour (bucket_start_us);

-- Monitors created through the API (config-file monitors live in the file), as MonitorJson.
CREATE TABLE monitors (
    id         TEXT    NOT NULL PRIMARY KEY,
    definition ${json} NOT NULL
);
