package dev.faultline.store;

import static dev.faultline.store.MonitorRepositoryTest.simple;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.monitor.ExpectedRevision;
import dev.faultline.monitor.Monitor;
import dev.faultline.monitor.Revised;
import dev.faultline.monitor.RevisionWrite;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/** Each save of a stored monitor changes its revision, and a save or delete expecting another revision writes nothing. */
class MonitorRevisionsTest {

    @DatabaseTest
    void anUpdateOrDeleteFromAnOldRevisionIsRefusedWithTheCurrentOneAndChangesNothing(TestDatabase db) {
        MonitorRepository monitors = db.open().monitors();
        long first = monitors.insert(simple("api", "https://api.example.com/"));
        Monitor changed = simple("api", "https://api.example.com/v2");

        assertThat(monitors.update(changed, ExpectedRevision.of(first))).isEqualTo(new RevisionWrite.Written(first + 1));
        assertThat(monitors.update(simple("api", "https://stale.example.com/"), ExpectedRevision.of(first)))
                .isEqualTo(new RevisionWrite.Stale(first + 1));
        assertThat(monitors.delete("api", ExpectedRevision.of(first))).isEqualTo(new RevisionWrite.Stale(first + 1));
        // An If-Match naming no revision of ours (a weak tag, a foreign one) is met by none.
        assertThat(monitors.update(changed, new ExpectedRevision.OneOf(Set.of()))).isEqualTo(new RevisionWrite.Stale(first + 1));
        assertThat(monitors.find("api")).contains(Revised.stored(changed, first + 1));

        // One of several revisions named will do.
        assertThat(monitors.delete("api", new ExpectedRevision.OneOf(Set.of(first, first + 1)))).isEqualTo(new RevisionWrite.Written(first + 1));
        assertThat(monitors.find("api")).isEmpty();
        assertThat(monitors.update(changed, ExpectedRevision.of(first + 1))).isEqualTo(new RevisionWrite.Missing());
    }

    @DatabaseTest
    void anUpdateWithoutAnExpectedRevisionStillCountsOne(TestDatabase db) {
        MonitorRepository monitors = db.open().monitors();
        long first = monitors.insert(simple("api", "https://api.example.com/"));

        assertThat(monitors.update(simple("api", "https://api.example.com/v2"), ExpectedRevision.ANY))
                .isEqualTo(new RevisionWrite.Written(first + 1));
        assertThat(monitors.update(simple("api", "https://api.example.com/v3"), ExpectedRevision.of(first)))
                .isEqualTo(new RevisionWrite.Stale(first + 1));
    }

    @DatabaseTest
    void aMonitorCreatedAgainUnderTheSameNameTakesUpNoRevisionTheOldOneHad(TestDatabase db) {
        MonitorRepository monitors = db.open().monitors();
        long first = monitors.insert(simple("api", "https://api.example.com/"));
        for (long r = first; r < first + 3; r++) monitors.update(simple("api", "https://api.example.com/" + r), ExpectedRevision.of(r));
        monitors.delete("api", ExpectedRevision.ANY);

        long again = monitors.insert(simple("api", "https://api.example.com/"));

        // Someone who read the old monitor, at any of its revisions, cannot change the new one by mistake.
        assertThat(LongStream.rangeClosed(first, first + 3).boxed().toList()).doesNotContain(again);
        assertThat(again).isBetween(1L, 1L << 52);
    }

    /**
     * Two servers on one database save the same monitor, both from the revision they read. The test
     * holds the database's write lock until both saves are under way (each has had every chance to
     * read the revision), then lets them go: a check made by reading before writing would let both
     * through; the UPDATE's own condition lets exactly one.
     */
    @DatabaseTest
    void twoUpdatesFromTheSameRevisionWriteExactlyOnce(TestDatabase db) throws Exception {
        MonitorRepository one = db.open().monitors();
        MonitorRepository other = db.open().monitors();
        long read = one.insert(simple("api", "https://api.example.com/"));
        Monitor fromOne = simple("api", "https://one.example.com/");
        Monitor fromOther = simple("api", "https://other.example.com/");

        try (Connection lock = db.connect(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long holder = holdWriteLock(db, lock);
            Future<RevisionWrite> first = threads.submit(() -> one.update(fromOne, ExpectedRevision.of(read)));
            Future<RevisionWrite> second = threads.submit(() -> other.update(fromOther, ExpectedRevision.of(read)));
            try {
                awaitBothWaiting(db, holder, first, second);
            } finally {
                release(db, lock);
            }

            List<RevisionWrite> outcomes = List.of(first.get(10, TimeUnit.SECONDS), second.get(10, TimeUnit.SECONDS));
            assertThat(outcomes).containsExactlyInAnyOrder(new RevisionWrite.Written(read + 1), new RevisionWrite.Stale(read + 1));
            Monitor winner = outcomes.getFirst() instanceof RevisionWrite.Written ? fromOne : fromOther;
            assertThat(one.find("api")).contains(Revised.stored(winner, read + 1));
            assertThat(other.find("api").orElseThrow().monitor().spec().url()).isEqualTo(winner.spec().url());
        }
    }

    /** Takes the lock a write of the monitors table waits for; on PostgreSQL, answers this session's pid. */
    private static long holdWriteLock(TestDatabase db, Connection lock) throws Exception {
        try (Statement statement = lock.createStatement()) {
            if (db instanceof TestDatabase.Sqlite) {
                statement.execute("BEGIN IMMEDIATE"); // the one write lock of the file
                return 0;
            }
            lock.setAutoCommit(false);
            statement.execute("SELECT revision FROM monitors WHERE id = 'api' FOR UPDATE");
            try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                pid.next();
                return pid.getLong(1);
            }
        }
    }

    private static void release(TestDatabase db, Connection lock) throws Exception {
        if (db instanceof TestDatabase.Sqlite) {
            try (Statement statement = lock.createStatement()) {
                statement.execute("COMMIT");
            }
        } else {
            lock.commit();
        }
    }

    /**
     * PostgreSQL shows who waits for whom: both saves wait, directly or behind each other, for the
     * test's session. SQLite does not: both are still waiting after a while (a read would have been
     * immediate, as readers never wait in WAL mode).
     */
    private static void awaitBothWaiting(TestDatabase db, long holder, Future<?> first, Future<?> second) {
        if (db instanceof TestDatabase.Sqlite) {
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> !first.isDone() && !second.isDone());
            return;
        }
        String waiting = """
                WITH RECURSIVE waiting(pid) AS (
                    SELECT pid FROM pg_stat_activity WHERE %d = ANY(pg_blocking_pids(pid))
                    UNION
                    SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY(pg_blocking_pids(a.pid))
                ) SELECT COUNT(*) FROM waiting""".formatted(holder);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> db.number(waiting) == 2);
        assertThat(first.isDone() || second.isDone()).as("neither save wrote while the lock was held").isFalse();
    }
}
