package dev.faultline.store;

import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Everything that differs between SQLite and PostgreSQL, one implementation each: how to
 * connect, the type placeholders of the shared migrations, and the few SQL spellings that differ.
 * All other SQL is written once, in portable form.
 */
sealed interface Dialect permits SqliteDialect, PostgresDialect {

    /** The URL Flyway migrates through, with a connection of its own. */
    String migrationUrl();

    /** The schema to migrate into and work in; empty for the connection's default. */
    Optional<String> schema();

    /** Values for the migrations' {@code ${...}} placeholders. */
    Map<String, String> placeholders();

    /** Opens the connection pools, after the migrations have run. */
    Connections connect();

    /** A named parameter that carries JSON text, as the JSON column type takes it. */
    String json(String parameter);

    /** The smaller of two values (the SQL function differs). */
    String least(String a, String b);

    /** The larger of two values. */
    String greatest(String a, String b);

    /**
     * The store's connections.
     *
     * @param writes the source of every write; for SQLite a single connection, so that the database
     *               only ever has one writer
     * @param reads  the source of every query
     */
    record Connections(DataSource writes, DataSource reads, Runnable closer) implements AutoCloseable {
        @Override
        public void close() {
            closer.run();
        }
    }
}
