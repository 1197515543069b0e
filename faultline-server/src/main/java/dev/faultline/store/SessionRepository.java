package dev.faultline.store;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Signed-in browsers, by the digest of their session id; each read joins the user, so a changed role applies at once. */
public final class SessionRepository {

    /** A live session and its user as they are now. */
    public record StoredSession(String idHash, String userName, String role, String csrfToken, Instant createdAt,
                                Instant lastSeenAt, Instant expiresAt) {
    }

    private final Jdbi writes;
    private final Jdbi reads;

    SessionRepository(Jdbi writes, Jdbi reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** False when the user does not exist (removed meanwhile). */
    public boolean create(String idHash, String userName, String csrfToken, Instant now, Instant expiresAt) {
        return writes.withHandle(h -> h.createUpdate("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at_us, "
                        + "last_seen_at_us, expires_at_us) SELECT :id, id, :csrf, :now, :now, :expires FROM users WHERE name = :name")
                .bind("id", idHash).bind("name", userName).bind("csrf", csrfToken).bind("now", Micros.of(now))
                .bind("expires", Micros.of(expiresAt)).execute()) > 0;
    }

    public Optional<StoredSession> find(String idHash) {
        return reads.withHandle(h -> h.createQuery("SELECT s.id_hash, u.name, u.role, s.csrf_token, s.created_at_us, "
                        + "s.last_seen_at_us, s.expires_at_us FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = :id")
                .bind("id", idHash)
                .map((rs, ctx) -> new StoredSession(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Micros.instant(rs.getLong(5)), Micros.instant(rs.getLong(6)), Micros.instant(rs.getLong(7))))
                .findOne());
    }

    public void touch(String idHash, Instant now) {
        writes.useHandle(h -> h.createUpdate("UPDATE sessions SET last_seen_at_us = :now WHERE id_hash = :id")
                .bind("id", idHash).bind("now", Micros.of(now)).execute());
    }

    public void delete(String idHash) {
        writes.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :id").bind("id", idHash).execute());
    }

    /** Ends every session of a user (a changed password, a removed user). */
    public int deleteFor(String userName) {
        return writes.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = :name)")
                .bind("name", userName).execute());
    }

    /** Deletes sessions that expired, or were idle since before {@code idleSince}. */
    public int prune(Instant now, Instant idleSince) {
        return writes.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at_us <= :now OR last_seen_at_us < :idle")
                .bind("now", Micros.of(now)).bind("idle", Micros.of(idleSince)).execute());
    }
}
