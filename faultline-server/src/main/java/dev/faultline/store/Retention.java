package dev.faultline.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes what is older than its retention, a time slice per transaction (a minute of results,
 * an hour of hour rollups), so that the result writer, which shares the one SQLite write
 * connection, is never held up for long.
 */
final class Retention {

    private final Jdbi writes;
    private final StoreSettings settings;

    Retention(Jdbi writes, StoreSettings settings) {
        this.writes = writes;
        this.settings = settings;
    }

    Pruned prune(Instant now) {
        long results = deleteOlder("results", "started_at_us", now.minus(settings.rawRetention()), Duration.ofMinutes(1));
        writes.useHandle(handle -> handle.createUpdate("DELETE FROM latest_results WHERE started_at_us < :cutoff")
                .bind("cutoff", Micros.of(now.minus(settings.rawRetention()))).execute());
        // A batch id is remembered as long as results are: an agent's buffer never holds older ones.
        writes.useHandle(handle -> handle.createUpdate("DELETE FROM agent_batches WHERE received_at_us < :cutoff")
                .bind("cutoff", Micros.of(now.minus(settings.rawRetention()))).execute());
        long minutes = deleteOlder(Resolution.MINUTE.table(), "bucket_start_us", now.minus(settings.minuteRetention()),
                Duration.ofMinutes(1));
        long hours = deleteOlder(Resolution.HOUR.table(), "bucket_start_us", now.minus(settings.hourRetention()),
                Duration.ofHours(1));
        return new Pruned(results, minutes, hours);
    }

    private long deleteOlder(String table, String column, Instant cutoff, Duration slice) {
        long end = Micros.of(cutoff);
        long deleted = 0;
        while (true) {
            Optional<Long> oldest = writes.withHandle(handle -> handle.createQuery("SELECT MIN(" + column + ") FROM " + table)
                    .mapTo(Long.class).findOne());
            if (oldest.isEmpty() || oldest.get() >= end) return deleted;
            long upTo = Math.min(end, oldest.get() + Micros.of(slice));
            deleted += writes.withHandle(handle -> handle.createUpdate("DELETE FROM " + table + " WHERE " + column + " < :upTo")
                    .bind("upTo", upTo).execute());
        }
    }
}
