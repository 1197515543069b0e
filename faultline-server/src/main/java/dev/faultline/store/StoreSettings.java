package dev.faultline.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which database the store uses, how long it keeps what, and how the result writer batches.
 *
 * @param rawRetention    how long each check result is kept (default 30 days)
 * @param minuteRetention how long minute rollups are kept (default 30 days): at one check a minute
 *                        they are as many rows as the raw results, so they live about as long; they
 *                        serve minute charts and the partial-hour edges of uptime windows
 * @param hourRetention   how long hour rollups are kept (default 400 days): uptime and trends over
 *                        days and months come from them
 */
public record StoreSettings(Database database, Duration rawRetention, Duration minuteRetention,
                            Duration hourRetention, WriterSettings writer) {

    public static final Duration DEFAULT_RAW_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_MINUTE_RETENTION = Duration.ofDays(30);
    public static final Duration DEFAULT_HOUR_RETENTION = Duration.ofDays(400);

    public StoreSettings {
        Objects.requireNonNull(database, "database");
        requirePositive(rawRetention, "raw retention");
        requirePositive(minuteRetention, "minute rollup retention");
        requirePositive(hourRetention, "hour rollup retention");
        Objects.requireNonNull(writer, "writer");
    }

    /** Where the data lives. */
    public sealed interface Database {
        /** The embedded database: {@code faultline.db} in this folder, created when missing. */
        record Sqlite(Path dataDir) implements Database {
            public Sqlite {
                Objects.requireNonNull(dataDir, "dataDir");
            }
        }

        /**
         * A PostgreSQL server.
         *
         * @param schema where the tables go (created when missing); empty for the user's default, {@code public}
         */
        record Postgres(String jdbcUrl, Optional<String> schema) implements Database {
            public Postgres {
                if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
                    throw new IllegalArgumentException("'" + jdbcUrl + "' is not a PostgreSQL JDBC URL");
                }
                Objects.requireNonNull(schema, "schema");
                schema.ifPresent(s -> {
                    if (!s.matches("[a-z_][a-z0-9_]{0,62}")) throw new IllegalArgumentException("invalid schema name '" + s + "'");
                });
            }
        }
    }

    /**
     * How results are batched on their way to the database.
     *
     * @param batchSize     at most this many results per transaction
     * @param maxDelay      a result waits at most this long for its batch to fill before it is written
     * @param queueCapacity results waiting to be written; beyond it {@code submit} waits
     * @param fullQueueWait how long {@code submit} waits for room before it drops the result (and counts it)
     */
    public record WriterSettings(int batchSize, Duration maxDelay, int queueCapacity, Duration fullQueueWait) {

        public static final WriterSettings DEFAULT =
                new WriterSettings(1_000, Duration.ofMillis(200), 100_000, Duration.ofSeconds(1));

        public WriterSettings {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1");
            if (queueCapacity < 1) throw new IllegalArgumentException("queue capacity must be at least 1");
            requirePositive(maxDelay, "max delay");
            Objects.requireNonNull(fullQueueWait, "fullQueueWait");
        }
    }

    /** SQLite in {@code dataDir} with the default retention and batching. */
    public static StoreSettings sqlite(Path dataDir) {
        return defaults(new Database.Sqlite(dataDir));
    }

    /** PostgreSQL at this JDBC URL, in the user's default schema, with the default retention and batching. */
    public static StoreSettings postgres(String jdbcUrl) {
        return defaults(new Database.Postgres(jdbcUrl, Optional.empty()));
    }

    private static StoreSettings defaults(Database database) {
        return new StoreSettings(database, DEFAULT_RAW_RETENTION, DEFAULT_MINUTE_RETENTION, DEFAULT_HOUR_RETENTION,
                WriterSettings.DEFAULT);
    }

    public StoreSettings withDatabase(Database database) {
        return new StoreSettings(database, rawRetention, minuteRetention, hourRetention, writer);
    }

    public StoreSettings withRetention(Duration raw, Duration minutes, Duration hours) {
        return new StoreSettings(database, raw, minutes, hours, writer);
    }

    public StoreSettings withWriter(WriterSettings writer) {
        return new StoreSettings(database, rawRetention, minuteRetention, hourRetention, writer);
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException(what + " must be positive");
    }
}
