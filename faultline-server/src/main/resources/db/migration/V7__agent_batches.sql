-- Result batches taken from remote probe agents, by the id the agent gave each: written in the
-- transaction that stores the batch's results, so that a batch sent again (its receipt was lost)
-- is recognised and never stored twice.
CREATE TABLE agent_batches (
    batch_id       TEXT    NOT NULL PRIMARY KEY,
    region         TEXT    NOT NULL,
    results        INTEGER NOT NULL,
    received_at_us BIGINT  NOT NULL
);
CREATE INDEX agent_batches_by_time ON agent_batches (received_at_us);
