package dev.faultline.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded database: one file in the data folder, in WAL mode so that readers never wait for
 * the writer, with {@code synchronous=NORMAL}: a commit is in the WAL file when it returns, so a
 * killed process loses nothing committed (only a power cut may lose the last commits, never
 * consistency). One writer connection; a small pool of read-only connections for queries.
 */
final class SqliteDialect implements Dialect {

    static final String FILE_NAME = "faultline.db";
    private static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int READERS = 4;

    private final Path dataDir;

    SqliteDialect(Path dataDir) {
        this.dataDir = dataDir;
    }

    Path file() {
        return dataDir.resolve(FILE_NAME);
    }

    @Override
    public String migrationUrl() {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dataDir, e);
        }
        return url();
    }

    private String url() {
        return "jdbc:sqlite:" + file().toAbsolutePath();
    }

    @Override
    public Optional<String> schema() {
        return Optional.empty();
    }

    @Override
    public Map<String, String> placeholders() {
        return Map.of(
                "id_column", "INTEGER PRIMARY KEY", // the rowid: no separate key index
                "json", "TEXT",
                // Rollup rows stored in key order: a monitor's buckets are adjacent, and uptime reads just them.
                "clustered", "WITHOUT ROWID",
                "key_include", "");
    }

    @Override
    public Connections connect() {
        SQLiteConfig write = new SQLiteConfig();
        write.setJournalMode(SQLiteConfig.JournalMode.WAL);
        write.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        write.setBusyTimeout(BUSY_TIMEOUT_MS);
        // Take the write lock when the transaction begins, not halfway through it.
        write.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        write.setCacheSize(-32_000); // KiB: rollup upserts touch many pages
        write.setTempStore(SQLiteConfig.TempStore.MEMORY);
        HikariDataSource writes = pool("faultline-sqlite-write", write, 1, false);

        SQLiteConfig read = new SQLiteConfig();
        read.setReadOnly(true);
        read.setBusyTimeout(BUSY_TIMEOUT_MS);
        read.setCacheSize(-16_000);
        HikariDataSource reads = pool("faultline-sqlite-read", read, READERS, true);
        return new Connections(writes, reads, () -> {
            reads.close();
            writes.close();
        });
    }

    private HikariDataSource pool(String name, SQLiteConfig config, int size, boolean readOnly) {
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url());
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setDataSource(source);
        hikari.setMaximumPoolSize(size);
        hikari.setMinimumIdle(1);
        // A file's connections do not go stale: no need to retire them every 30 minutes.
        hikari.setMaxLifetime(0);
        hikari.setIdleTimeout(0);
        // Hikari sets the flag on every connection; SQLite only accepts the one it was opened with.
        hikari.setReadOnly(readOnly);
        return new HikariDataSource(hikari);
    }

    @Override
    public String json(String parameter) {
        return parameter;
    }

    @Override
    public String least(String a, String b) {
        return "MIN(" + a + ", " + b + ")";
    }

    @Override
    public String greatest(String a, String b) {
        return "MAX(" + a + ", " + b + ")";
    }
}
