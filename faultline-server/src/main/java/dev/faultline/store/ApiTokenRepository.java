package dev.faultline.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** API tokens made in the settings page, by the digest of the token (the token itself is shown once and never stored). */
public final class ApiTokenRepository {

    /** A stored token's description; {@code role} is the role's id. */
    public record StoredToken(long id, String name, String role, String createdBy, Instant createdAt, Optional<Instant> lastUsedAt) {
    }

    private static final String COLUMNS = "id, name, role, created_by, created_at_us, last_used_at_us";

    private final Jdbi writes;
    private final Jdbi reads;

    ApiTokenRepository(Jdbi writes, Jdbi reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** False, storing nothing, when a token of that name exists already. */
    public boolean insert(String name, String role, String tokenHash, String createdBy, Instant now) {
        return writes.withHandle(h -> h.createUpdate("INSERT INTO api_tokens (name, role, token_hash, created_by, created_at_us) "
                        + "VALUES (:name, :role, :hash, :by, :now) ON CONFLICT (name) DO NOTHING")
                .bind("name", name).bind("role", role).bind("hash", tokenHash).bind("by", createdBy).bind("now", Micros.of(now))
                .execute()) > 0;
    }

    public List<StoredToken> all() {
        return reads.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens ORDER BY name")
                .map((rs, ctx) -> token(rs)).list());
    }

    public Optional<StoredToken> findByHash(String tokenHash) {
        return reads.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = :hash")
                .bind("hash", tokenHash).map((rs, ctx) -> token(rs)).findOne());
    }

    public void used(long id, Instant now) {
        writes.useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at_us = :now WHERE id = :id")
                .bind("id", id).bind("now", Micros.of(now)).execute());
    }

    /** False when there was no such token. */
    public boolean delete(long id) {
        return writes.withHandle(h -> h.createUpdate("DELETE FROM api_tokens WHERE id = :id").bind("id", id).execute()) > 0;
    }

    private static StoredToken token(java.sql.ResultSet rs) throws java.sql.SQLException {
        long used = rs.getLong("last_used_at_us");
        Optional<Instant> lastUsed = rs.wasNull() ? Optional.empty() : Optional.of(Micros.instant(used));
        return new StoredToken(rs.getLong("id"), rs.getString("name"), rs.getString("role"), rs.getString("created_by"),
                Micros.instant(rs.getLong("created_at_us")), lastUsed);
    }
}
