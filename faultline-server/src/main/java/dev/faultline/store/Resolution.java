package dev.faultline.store;

import java.time.Duration;

/** The width of rollup buckets, and the table that holds them. */
public enum Resolution {
    MINUTE(Duration.ofMinutes(1), "rollup_minute"),
    HOUR(Duration.ofHours(1), "rollup_hour");

    private final Duration length;
    private final String table;

    Resolution(Duration length, String table) {
        this.length = length;
        this.table = table;
    }

    public Duration length() {
        return length;
    }

    String table() {
        return table;
    }

    long micros() {
        return Micros.of(length);
    }
}
