package dev.faultline.web.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How times, durations and percentages read on the pages. */
public final class Text {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    /** "2026-11-27 10:31:02 UTC". */
    public static String stamp(Instant instant) {
        return STAMP.format(instant);
    }

    /** "3 min", "2 h 5 min", "4 d 3 h": short enough for a table cell. */
    public static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min";
        if (s < 86_400) return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
    }

    public static String ago(Instant then, Instant now) {
        return span(Duration.between(then, now)) + " ago";
    }

    /** "99.95 %", or an em dash when there were no checks. */
    public static String percent(double percent) {
        if (percent < 0) return "—";
        if (percent >= 100) return "100 %";
        // Rounded down: 99.996 % of checks up is not "100 %".
        return percent >= 99 ? String.format(Locale.ROOT, "%.2f %%", Math.floor(percent * 100) / 100)
                : String.format(Locale.ROOT, "%.1f %%", Math.floor(percent * 10) / 10);
    }

    /** "12 ms", "1.4 s". */
    public static String millis(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + " ms";
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
