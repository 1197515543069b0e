package dev.faultline.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * When a monitor falls due: at {@code k·interval + offset} on the epoch timeline, in whole
 * milliseconds. The offset comes from a stable hash of the monitor's id, so monitors sharing an
 * interval are spread evenly over it (no herd at :00) and a monitor keeps its phase across
 * restarts and reloads.
 *
 * @param interval at least one millisecond; any finer part is ignored
 * @param offset   from zero up to, not including, the interval
 */
public record Cadence(Duration interval, Duration offset) {

    public Cadence {
        if (interval.toMillis() < 1) throw new IllegalArgumentException("interval: must be at least 1 ms, not " + interval);
        if (offset.isNegative() || offset.toMillis() >= interval.toMillis()) {
            throw new IllegalArgumentException("offset: " + offset + " is outside the interval " + interval);
        }
    }

    /** The cadence of the monitor with this id: the same id and interval always give the same offset. */
    public static Cadence of(String monitorId, Duration interval) {
        long millis = interval.toMillis();
        if (millis < 1) throw new IllegalArgumentException("interval: must be at least 1 ms, not " + interval);
        return new Cadence(interval, Duration.ofMillis(Math.floorMod(stableHash(monitorId), millis)));
    }

    /** The first due time at or after {@code time}. */
    public Instant firstDueAtOrAfter(Instant time) {
        return Instant.ofEpochMilli(firstDueAtOrAfter(time.toEpochMilli()));
    }

    /** The first due time strictly after {@code time}. */
    public Instant nextDueAfter(Instant time) {
        return Instant.ofEpochMilli(nextDueAfter(time.toEpochMilli()));
    }

    long firstDueAtOrAfter(long epochMillis) {
        long step = interval.toMillis();
        long offsetMillis = offset.toMillis();
        return Math.ceilDiv(epochMillis - offsetMillis, step) * step + offsetMillis;
    }

    long nextDueAfter(long epochMillis) {
        return firstDueAtOrAfter(epochMillis + 1);
    }

    /**
     * FNV-1a over the id's UTF-8 bytes, then the SplitMix64 finaliser: defined here rather than
     * by {@link String#hashCode()}, whose values for ids that differ in the last character are
     * neighbours, and fixed forever, since changing it would move every monitor's phase.
     */
    static long stableHash(String monitorId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : monitorId.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}
