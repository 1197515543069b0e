package dev.faultline.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/** A private, empty database for one test: opens stores on it and gives direct SQL access to check them. */
public abstract sealed class TestDatabase implements AutoCloseable {

    /** The PostgreSQL server of DESIGN.md §6; override with -Dfaultline.test.postgres=URL. */
    static final String POSTGRES_URL = System.getProperty("faultline.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final List<Store> opened = new ArrayList<>();

    /** Settings for this database, with the default retention and batching. */
    abstract StoreSettings settings();

    public abstract String name();

    /** A JDBC connection of the test's own, outside any store. */
    abstract Connection connect() throws SQLException;

    public Store open() {
        return open(UnaryOperator.identity());
    }

    Store open(UnaryOperator<StoreSettings> adjust) {
        Store store = Store.open(adjust.apply(settings()));
        opened.add(store);
        return store;
    }

    /** Direct SQL on the database, e.g. to count rows; each call on a fresh connection. */
    public Jdbi sql() {
        return Jdbi.create(this::connect);
    }

    public long count(String table) {
        return number("SELECT COUNT(*) FROM " + table);
    }

    /** The one number a query answers, e.g. a sum. */
    public long number(String query) {
        return sql().withHandle(h -> h.createQuery(query).mapTo(Long.class).one());
    }

    @Override
    public void close() throws IOException, SQLException {
        for (Store store : opened) store.close();
        drop();
    }

    abstract void drop() throws IOException, SQLException;

    static final class Sqlite extends TestDatabase {
        private final Path dir;

        Sqlite() {
            try {
                dir = Files.createTempDirectory("faultline-store-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path dir() {
            return dir;
        }

        @Override
        StoreSettings settings() {
            return StoreSettings.sqlite(dir);
        }

        @Override
        public String name() {
            return "sqlite";
        }

        @Override
        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteDialect.FILE_NAME));
        }

        @Override
        void drop() throws IOException {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(file);
            }
        }
    }

    static final class Postgres extends TestDatabase {
        private final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        @Override
        StoreSettings settings() {
            return StoreSettings.postgres(POSTGRES_URL).withDatabase(
                    new StoreSettings.Database.Postgres(POSTGRES_URL, Optional.of(schema)));
        }

        @Override
        public String name() {
            return "postgresql";
        }

        @Override
        Connection connect() throws SQLException {
            Connection connection = DriverManager.getConnection(POSTGRES_URL);
            connection.setSchema(schema);
            return connection;
        }

        @Override
        void drop() throws SQLException {
            try (Connection connection = DriverManager.getConnection(POSTGRES_URL);
                 var statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
