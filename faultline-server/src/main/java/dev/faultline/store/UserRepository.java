package dev.faultline.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The people who may sign in, with their role and password hash. The web layer hashes and
 * checks passwords; this only keeps what it is given.
 */
public final class UserRepository {

    /** A stored user; {@code role} is the role's id ({@code admin} or {@code viewer}). */
    public record StoredUser(long id, String name, String role, String passwordHash, Instant createdAt) {
    }

    private static final String COLUMNS = "id, name, role, password_hash, created_at_us";

    private final Jdbi writes;
    private final Jdbi reads;

    UserRepository(Jdbi writes, Jdbi reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** Every user, in name order. */
    public List<StoredUser> all() {
        return reads.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users ORDER BY name").map((rs, ctx) -> user(rs)).list());
    }

    public Optional<StoredUser> find(String name) {
        return reads.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE name = :name").bind("name", name)
                .map((rs, ctx) -> user(rs)).findOne());
    }

    public boolean isEmpty() {
        return reads.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one()) == 0;
    }

    public long count(String role) {
        return reads.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE role = :role").bind("role", role)
                .mapTo(Long.class).one());
    }

    /** False, storing nothing, when a user of that name exists already. */
    public boolean insert(String name, String role, String passwordHash, Instant now) {
        return writes.withHandle(h -> h.createUpdate("INSERT INTO users (name, role, password_hash, created_at_us) "
                        + "VALUES (:name, :role, :hash, :now) ON CONFLICT (name) DO NOTHING")
                .bind("name", name).bind("role", role).bind("hash", passwordHash).bind("now", Micros.of(now)).execute()) > 0;
    }

    /**
     * Inserts the user only while there is no user at all: how the first admin is made, so that
     * two setup forms sent at once cannot both succeed.
     */
    public boolean insertFirst(String name, String role, String passwordHash, Instant now) {
        return writes.inTransaction(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one() > 0) return false;
            return h.createUpdate("INSERT INTO users (name, role, password_hash, created_at_us) VALUES (:name, :role, :hash, :now)")
                    .bind("name", name).bind("role", role).bind("hash", passwordHash).bind("now", Micros.of(now)).execute() > 0;
        });
    }

    /** False when there is no such user. */
    public boolean changeRole(String name, String role) {
        return writes.withHandle(h -> h.createUpdate("UPDATE users SET role = :role WHERE name = :name")
                .bind("name", name).bind("role", role).execute()) > 0;
    }

    public boolean changePassword(String name, String passwordHash) {
        return writes.withHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash WHERE name = :name")
                .bind("name", name).bind("hash", passwordHash).execute()) > 0;
    }

    /** Removes the user and signs them out everywhere; false when there was no such user. */
    public boolean delete(String name) {
        return writes.inTransaction(h -> {
            h.createUpdate("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE name = :name)").bind("name", name).execute();
            return h.createUpdate("DELETE FROM users WHERE name = :name").bind("name", name).execute() > 0;
        });
    }

    private static StoredUser user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredUser(rs.getLong("id"), rs.getString("name"), rs.getString("role"), rs.getString("password_hash"),
                Micros.instant(rs.getLong("created_at_us")));
    }
}
