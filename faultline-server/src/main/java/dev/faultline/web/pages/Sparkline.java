package dev.faultline.web.pages;

import dev.faultline.store.FleetRollups.LatencyPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The points of a small response-time line, in a 120 × 24 view box, over a fixed span of time. */
final class Sparkline {

    static final int WIDTH = 120;
    static final int HEIGHT = 24;

    private Sparkline() {
    }

    /** SVG polyline points, x by time within [from, from + span), y scaled to the highest point; empty for under three points. */
    static String points(List<LatencyPoint> points, Instant from, Duration span) {
        if (points.size() < 3) return ""; // two points say nothing about a trend
        long max = points.stream().mapToLong(p -> p.mean().toNanos()).max().orElse(1);
        double spanNanos = span.toNanos();
        StringJoiner out = new StringJoiner(" ");
        for (LatencyPoint p : points) {
            double x = WIDTH * Duration.between(from, p.start()).toNanos() / spanNanos;
            double y = HEIGHT - 2 - (HEIGHT - 4) * (max == 0 ? 0 : (double) p.mean().toNanos() / max);
            out.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        return out.toString();
    }
}
