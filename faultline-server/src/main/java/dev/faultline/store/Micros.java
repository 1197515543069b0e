package dev.faultline.store;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The store's unit of time: instants as epoch microseconds, durations as microseconds. */
final class Micros {

    private Micros() {
    }

    static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static long of(Duration duration) {
        return duration.toNanos() / 1_000;
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    static Duration duration(long micros) {
        return Duration.ofNanos(micros * 1_000);
    }

    /** The start of the bucket of {@code size} microseconds that holds {@code micros}. */
    static long floor(long micros, long size) {
        return Math.floorDiv(micros, size) * size;
    }

    static long ceil(long micros, long size) {
        return -Math.floorDiv(-micros, size) * size;
    }
}
