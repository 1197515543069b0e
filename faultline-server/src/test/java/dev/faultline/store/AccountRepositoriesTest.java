package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.store.ApiTokenRepository.StoredToken;
import dev.faultline.store.SessionRepository.StoredSession;
import java.time.Instant;

/** Users, sessions and API tokens, the same on SQLite and PostgreSQL. */
class AccountRepositoriesTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @DatabaseTest
    void usersAreUniqueByNameAndTheFirstOnlyWhileThereIsNone(TestDatabase db) {
        Store store = db.open();
        UserRepository users = store.users();
        assertThat(users.isEmpty()).isTrue();

        assertThat(users.insertFirst("alice", "admin", "$argon2id$a", NOW)).isTrue();
        assertThat(users.insertFirst("mallory", "admin", "$argon2id$m", NOW)).as("only while there is no user").isFalse();
        assertThat(users.insert("alice", "viewer", "$argon2id$b", NOW)).isFalse();
        assertThat(users.insert("bob", "viewer", "$argon2id$c", NOW)).isTrue();

        assertThat(users.all()).extracting(UserRepository.StoredUser::name).containsExactly("alice", "bob");
        assertThat(users.find("alice").orElseThrow().passwordHash()).isEqualTo("$argon2id$a");
        assertThat(users.find("alice").orElseThrow().createdAt()).isEqualTo(NOW);
        assertThat(users.count("admin")).isEqualTo(1);
        assertThat(users.changeRole("bob", "admin")).isTrue();
        assertThat(users.count("admin")).isEqualTo(2);
        assertThat(users.changeRole("nobody", "admin")).isFalse();
    }

    @DatabaseTest
    void aSessionReadsItsUsersRoleAsItIsNowAndEndsWithTheUser(TestDatabase db) {
        Store store = db.open();
        store.users().insert("bob", "viewer", "h", NOW);
        SessionRepository sessions = store.sessions();

        assertThat(sessions.create("digest-1", "bob", "csrf-1", NOW, NOW.plusSeconds(3600))).isTrue();
        assertThat(sessions.create("digest-2", "nobody", "csrf-2", NOW, NOW.plusSeconds(3600))).as("no such user").isFalse();
        StoredSession session = sessions.find("digest-1").orElseThrow();
        assertThat(session.userName()).isEqualTo("bob");
        assertThat(session.role()).isEqualTo("viewer");
        assertThat(session.csrfToken()).isEqualTo("csrf-1");
        assertThat(session.expiresAt()).isEqualTo(NOW.plusSeconds(3600));

        store.users().changeRole("bob", "admin");
        assertThat(sessions.find("digest-1").orElseThrow().role()).isEqualTo("admin");
        sessions.touch("digest-1", NOW.plusSeconds(60));
        assertThat(sessions.find("digest-1").orElseThrow().lastSeenAt()).isEqualTo(NOW.plusSeconds(60));

        assertThat(store.users().delete("bob")).isTrue();
        assertThat(sessions.find("digest-1")).isEmpty();
        assertThat(db.count("sessions")).isZero();
    }

    @DatabaseTest
    void pruningForgetsExpiredAndIdleSessionsOnly(TestDatabase db) {
        Store store = db.open();
        store.users().insert("bob", "viewer", "h", NOW);
        SessionRepository sessions = store.sessions();
        sessions.create("expired", "bob", "c", NOW.minusSeconds(7200), NOW.minusSeconds(1));
        sessions.create("idle", "bob", "c", NOW.minusSeconds(7200), NOW.plusSeconds(3600));
        sessions.create("live", "bob", "c", NOW.minusSeconds(10), NOW.plusSeconds(3600));

        assertThat(sessions.prune(NOW, NOW.minusSeconds(3600))).isEqualTo(2);
        assertThat(sessions.find("live")).isPresent();
        assertThat(sessions.deleteFor("bob")).isEqualTo(1);
    }

    @DatabaseTest
    void tokensAreFoundByDigestRecordTheirLastUseAndAreRevoked(TestDatabase db) {
        ApiTokenRepository tokens = db.open().apiTokens();

        assertThat(tokens.insert("ci", "admin", "digest-ci", "alice", NOW)).isTrue();
        assertThat(tokens.insert("ci", "viewer", "digest-other", "alice", NOW)).as("names are unique").isFalse();
        StoredToken found = tokens.findByHash("digest-ci").orElseThrow();
        assertThat(found.name()).isEqualTo("ci");
        assertThat(found.role()).isEqualTo("admin");
        assertThat(found.createdBy()).isEqualTo("alice");
        assertThat(found.lastUsedAt()).isEmpty();

        tokens.used(found.id(), NOW.plusSeconds(5));
        assertThat(tokens.all()).singleElement().satisfies(t -> assertThat(t.lastUsedAt()).contains(NOW.plusSeconds(5)));
        assertThat(tokens.delete(found.id())).isTrue();
        assertThat(tokens.delete(found.id())).isFalse();
        assertThat(tokens.findByHash("digest-ci")).isEmpty();
    }
}
