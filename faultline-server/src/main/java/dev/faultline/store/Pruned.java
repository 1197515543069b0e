package dev.faultline.store;

/** What one {@link Store#prune} run deleted, in rows. */
public record Pruned(long results, long minuteRollups, long hourRollups) {
}
