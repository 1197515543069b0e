package dev.faultline.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The result writer's statements, prepared once per database connection and kept open from one
 * batch to the next, on SQLite.
 *
 * <p>Why: at a few checks a second the writer commits about five batches of two results a second,
 * and preparing their four statements was most of each batch's cost (the rollup upserts name every
 * latency bucket). Keeping them cut the writer's CPU per batch by 43 % (BENCHMARKS.md). sqlite-jdbc
 * keeps no prepared statements of its own, and the pool closes those prepared through its wrapper
 * when the connection goes back, so they are prepared on the connection under the wrapper, which
 * lives as long as the pool. PostgreSQL's driver already keeps prepared statements per connection;
 * there each use prepares and closes, as JDBC code usually does.
 *
 * <p>A statement is only used by the thread that holds its connection, and the pool lends a
 * connection to one thread at a time. A use that fails closes its statement, so that whatever state
 * the failure left it in, the next batch starts from a fresh one.
 */
final class KeptStatements {

    /** What a caller does with the statement: binds, adds to the batch, executes. */
    @FunctionalInterface
    interface Use<T> {
        T apply(PreparedStatement statement) throws SQLException;
    }

    private final boolean keep;
    // Guarded by itself. Identity: a connection's equals is not a promise of being the same one.
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new IdentityHashMap<>();
    private final AtomicLong prepared = new AtomicLong();

    /** @param keep true to keep statements between uses (SQLite), false to prepare one per use */
    KeptStatements(boolean keep) {
        this.keep = keep;
    }

    static KeptStatements forDialect(Dialect dialect) {
        return new KeptStatements(dialect instanceof SqliteDialect);
    }

    /** Runs {@code use} with a statement for {@code sql} on the connection {@code pooled} wraps. */
    <T> T with(Connection pooled, String sql, Use<T> use) throws SQLException {
        if (!keep) {
            try (PreparedStatement statement = pooled.prepareStatement(sql)) {
                prepared.incrementAndGet();
                return use.apply(statement);
            }
        }
        Connection connection = pooled.unwrap(Connection.class);
        PreparedStatement statement = statement(connection, sql);
        try {
            return use.apply(statement);
        } catch (SQLException | RuntimeException e) {
            forget(connection, sql, statement);
            throw e;
        }
    }

    /** Statements prepared so far: how a test tells that they are kept. */
    long prepared() {
        return prepared.get();
    }

    private PreparedStatement statement(Connection connection, String sql) throws SQLException {
        synchronized (byConnection) {
            Map<String, PreparedStatement> statements = byConnection.get(connection);
            if (statements == null) {
                // A new connection: the pool replaced one. The closed one's statements closed with it.
                byConnection.keySet().removeIf(KeptStatements::closed);
                statements = new HashMap<>();
                byConnection.put(connection, statements);
            }
            PreparedStatement statement = statements.get(sql);
            if (statement == null || statement.isClosed()) {
                statement = connection.prepareStatement(sql);
                prepared.incrementAndGet();
                statements.put(sql, statement);
            }
            return statement;
        }
    }

    private void forget(Connection connection, String sql, PreparedStatement statement) {
        synchronized (byConnection) {
            Map<String, PreparedStatement> statements = byConnection.get(connection);
            if (statements != null) statements.remove(sql, statement);
        }
        try {
            statement.close();
        } catch (SQLException ignored) {
            // Closing is best effort here: the failure being reported is the one that matters.
        }
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
