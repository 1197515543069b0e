package dev.faultline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.check.Cause;
import dev.faultline.check.CheckResult;
import dev.faultline.check.PhaseTimings;
import dev.faultline.check.Verdict;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements of result batches are prepared once and kept on SQLite, where preparing them was
 * most of a small batch's cost; on PostgreSQL, whose driver keeps them itself, each batch prepares
 * its own. Either way a batch that failed leaves nothing behind that spoils the next one.
 */
class KeptStatementsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    @DatabaseTest
    void onSqliteOnlyTheFirstBatchPreparesStatements(TestDatabase db) {
        Store store = db.open();
        store.writeAgentBatch("b1", "eu", List.of(result(0), result(1)), T0);
        long perBatch = store.statementsPrepared();
        assertThat(perBatch).isPositive();

        store.writeAgentBatch("b2", "eu", List.of(result(2)), T0);
        store.writeAgentBatch("b3", "eu", List.of(result(3), result(4)), T0);
        store.writer().submit(result(5)); // the writer's batches use the same statements
        store.writer().flush();

        long expected = db.name().equals("sqlite") ? perBatch : 3 * perBatch + (perBatch - 1);
        assertThat(store.statementsPrepared()).isEqualTo(expected);
        assertThat(db.count("results")).isEqualTo(6);
        assertThat(db.number("SELECT SUM(checks) FROM rollup_minute")).isEqualTo(6);
        assertThat(store.results().latestByMonitor().get("api").startedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @DatabaseTest
    void theWriteConnectionGoesBackToAutoCommitAfterABatch(TestDatabase db) {
        Store store = db.open();
        store.writeAgentBatch("b1", "eu", List.of(result(0)), T0);
        // A single write through the same connection, outside any transaction: seen from another connection at once.
        assertThat(store.apiTokens().insert("ci", "admin", "hash-of-ci", "test", T0)).isTrue();

        assertThat(db.count("api_tokens")).isEqualTo(1);
    }

    @DatabaseTest
    void aBatchThatFailedDoesNotSpoilTheNext(TestDatabase db) {
        Store store = db.open();
        store.writeAgentBatch("b1", "eu", List.of(result(0)), T0);
        db.sql().useHandle(h -> h.execute("ALTER TABLE latest_results RENAME TO latest_results_away"));

        assertThatThrownBy(() -> store.writeAgentBatch("b2", "eu", List.of(result(1), result(2)), T0))
                .isInstanceOf(RuntimeException.class);
        db.sql().useHandle(h -> h.execute("ALTER TABLE latest_results_away RENAME TO latest_results"));

        assertThat(store.writeAgentBatch("b2", "eu", List.of(result(1), result(2)), T0)).isTrue();
        assertThat(db.count("results")).isEqualTo(3); // the failed attempt was rolled back whole
        assertThat(store.results().latestByMonitor().get("api").startedAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aStatementThatFailedIsPreparedAfresh(@TempDir Path dir) throws SQLException {
        KeptStatements kept = new KeptStatements(true);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            connection.createStatement().execute("CREATE TABLE t (x INTEGER)");
            insert(kept, connection, 1);
            assertThatThrownBy(() -> kept.with(connection, "INSERT INTO t VALUES (?)", statement -> {
                statement.setInt(1, 2);
                statement.addBatch();
                throw new SQLException("the caller failed halfway");
            })).hasMessage("the caller failed halfway");
            insert(kept, connection, 3);

            assertThat(kept.prepared()).isEqualTo(2);
            assertThat(values(connection)).isEqualTo("1,3"); // the half-built batch was thrown away with its statement
        }
    }

    @Test
    void aNewConnectionPreparesItsOwn(@TempDir Path dir) throws SQLException {
        KeptStatements kept = new KeptStatements(true);
        String url = "jdbc:sqlite:" + dir.resolve("t.db");
        try (Connection first = DriverManager.getConnection(url)) {
            first.createStatement().execute("CREATE TABLE t (x INTEGER)");
            insert(kept, first, 1);
            insert(kept, first, 2);
        }
        try (Connection second = DriverManager.getConnection(url)) {
            insert(kept, second, 3);
            assertThat(kept.prepared()).isEqualTo(2);
            assertThat(values(second)).isEqualTo("1,2,3");
        }
    }

    private static void insert(KeptStatements kept, Connection connection, int x) throws SQLException {
        kept.with(connection, "INSERT INTO t VALUES (?)", statement -> {
            statement.setInt(1, x);
            return statement.executeUpdate();
        });
    }

    private static String values(Connection connection) throws SQLException {
        StringBuilder values = new StringBuilder();
        try (var rows = connection.createStatement().executeQuery("SELECT x FROM t ORDER BY x")) {
            while (rows.next()) values.append(values.isEmpty() ? "" : ",").append(rows.getInt(1));
        }
        return values.toString();
    }

    private static CheckResult result(int second) {
        return new CheckResult("api", "eu", URI.create("https://api.example.com/"), T0.plusSeconds(second),
                PhaseTimings.totalOnly(Duration.ofMillis(3)), 200, Map.of(), 2, "ab", List.of(), Verdict.of(Cause.OK),
                Optional.empty(), Optional.empty(), "");
    }
}
