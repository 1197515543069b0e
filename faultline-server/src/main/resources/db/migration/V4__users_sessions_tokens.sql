-- Who may sign in and what they may do (issue 5, sign-in and access). Secrets are never stored:
-- passwords as Argon2id hashes in PHC form, session ids and API tokens as SHA-256 digests (hex),
-- so that a copy of the database lets nobody in. Times are epoch microseconds, as everywhere.

-- A person who signs in. name is stored lowercased: it is what people type at the login form.
CREATE TABLE users (
    id             ${id_column},
    name           TEXT   NOT NULL UNIQUE,
    role           TEXT   NOT NULL,  -- admin | viewer
    password_hash  TEXT   NOT NULL,  -- $argon2id$v=19$m=...,t=...,p=...$salt$hash
    created_at_us  BIGINT NOT NULL
);

-- A signed-in browser. A session ends at expires_at_us, or after the idle timeout since
-- last_seen_at_us (refreshed at most every few minutes, not on every request), or at logout,
-- or when its user is removed.
CREATE TABLE sessions (
    id_hash          TEXT   PRIMARY KEY,  -- SHA-256 of the cookie's 256-bit random id
    user_id          BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token       TEXT   NOT NULL,     -- the session's anti-forgery token, put in every form
    created_at_us    BIGINT NOT NULL,
    last_seen_at_us  BIGINT NOT NULL,
    expires_at_us    BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

-- A token for /api/v1 (Authorization: Bearer), created by an admin and shown once. Revoking
-- deletes the row. Tokens given in the config file are not stored here.
CREATE TABLE api_tokens (
    id               ${id_column},
    name             TEXT   NOT NULL UNIQUE,
    role             TEXT   NOT NULL,
    token_hash       TEXT   NOT NULL UNIQUE,
    created_by       TEXT   NOT NULL,
    created_at_us    BIGINT NOT NULL,
    last_used_at_us  BIGINT           -- NULL until first used; refreshed at most every minute
);
