package dev.faultline.schedule;

import dev.faultline.monitor.Monitor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * When a monitor falls due in one region: at {@code m·interval + offset} for every whole
 * {@code m} on the epoch timeline, in whole milliseconds. The offset is the monitor's base phase,
 * from a stable hash of its id, so that monitors sharing an interval are spread evenly over it (no
 * herd at :00), plus its region's turn ({@link RegionSlot}): with {@code n} regions, the
 * {@code k}-th of the monitor's region names in sorted order (from 0) checks
 * {@code k·interval/n} after the base phase, so the regions take turns and a new failure waits
 * about {@code interval/n} for a check, not a whole interval. A monitor of one region (the
 * local-only case) checks at its base phase. The same id, interval and region names always give
 * the same offset, so a monitor keeps its phase across restarts and reloads, and the server and
 * its agents agree on it without talking.
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

    /** The cadence of the monitor with this id checked from one region: its base phase. */
    public static Cadence of(String monitorId, Duration interval) {
        return of(monitorId, interval, RegionSlot.ONLY);
    }

    /** The cadence of the monitor with this id in the region that has {@code slot} among its regions. */
    public static Cadence of(String monitorId, Duration interval, RegionSlot slot) {
        long millis = interval.toMillis();
        if (millis < 1) throw new IllegalArgumentException("interval: must be at least 1 ms, not " + interval);
        long base = Math.floorMod(stableHash(monitorId), millis);
        return new Cadence(interval, Duration.ofMillis(Math.floorMod(base + slot.shiftMillis(millis), millis)));
    }

    /**
     * The cadence of {@code monitor} in {@code region}, one of its regions.
     *
     * @throws IllegalArgumentException when the monitor is not checked from {@code region}
     */
    public static Cadence inRegion(Monitor monitor, String region) {
        return of(monitor.id(), monitor.spec().interval(), RegionSlot.of(region, monitor.regions()));
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
