package dev.faultline.trend;

import java.time.Duration;
import java.time.Instant;

/** The sliding windows the dashboard and the digest show rates over. */
public enum TrendWindow {
    HOUR(Duration.ofHours(1), "1h"),
    DAY(Duration.ofHours(24), "24h"),
    WEEK(Duration.ofDays(7), "7d");

    private final Duration length;
    private final String id;

    TrendWindow(Duration length, String id) {
        this.length = length;
        this.id = id;
    }

    public Duration length() {
        return length;
    }

    /** The name used in JSON and on the dashboard, e.g. {@code 24h}. */
    public String id() {
        return id;
    }

    /** This window, ending now. */
    public TimeWindow endingAt(Instant now) {
        return TimeWindow.ending(now, length);
    }
}
