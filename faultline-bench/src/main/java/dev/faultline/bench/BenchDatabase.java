package dev.faultline.bench;

import dev.faultline.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A private, empty database for one benchmark, opened by the real {@code Store} (which creates
 * the schema through its migrations), with plain JDBC beside it for generating data; dropped on
 * {@link #close()}: a temp dir for SQLite, a schema of its own on the PostgreSQL server.
 */
abstract sealed class BenchDatabase implements AutoCloseable {

    abstract String name();

    abstract StoreSettings settings();

    /** A JDBC connection outside the store (to the same schema). */
    abstract Connection connect() throws SQLException;

    /** The size of the database on disk, or -1 when unknown. */
    abstract long bytes();

    static BenchDatabase of(String kind, String postgresUrl) {
        return switch (kind) {
            case "sqlite" -> new Sqlite();
            case "postgres", "postgresql" -> new Postgres(postgresUrl);
            default -> throw new IllegalArgumentException("--db: sqlite or postgres, not '" + kind + "'");
        };
    }

    static final class Sqlite extends BenchDatabase {
        private final Path dir;

        Sqlite() {
            try {
                dir = Files.createTempDirectory("faultline-bench-store");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path dir() {
            return dir;
        }

        @Override
        String name() {
            return "sqlite";
        }

        @Override
        StoreSettings settings() {
            return StoreSettings.sqlite(dir);
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("faultline.db"));
        }

        @Override
        long bytes() {
            try (Stream<Path> files = Files.list(dir)) {
                return files.mapToLong(file -> file.toFile().length()).sum();
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(file);
            }
        }
    }

    static final class Postgres extends BenchDatabase {
        private final String url;
        private final String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        Postgres(String url) {
            this.url = url;
        }

        @Override
        String name() {
            return "postgresql";
        }

        @Override
        StoreSettings settings() {
            return StoreSettings.postgres(url).withDatabase(new StoreSettings.Database.Postgres(url, Optional.of(schema)));
        }

        @Override
        Connection connect() throws SQLException {
            Connection connection = DriverManager.getConnection(url);
            connection.setSchema(schema);
            return connection;
        }

        @Override
        long bytes() {
            try (Connection connection = DriverManager.getConnection(url);
                 var query = connection.prepareStatement("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)"
                         + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                         + " WHERE n.nspname = ? AND c.relkind = 'r'")) {
                query.setString(1, schema);
                try (var rs = query.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1;
                }
            } catch (SQLException e) {
                return -1;
            }
        }

        @Override
        public void close() throws SQLException {
            try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
