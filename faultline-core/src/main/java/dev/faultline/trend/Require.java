package dev.faultline.trend;

import java.time.Duration;
import java.util.Objects;

/** Validation shared by the threshold records: each failure names the field and the reason. */
final class Require {

    private Require() {
    }

    static void positive(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (!value.isPositive()) throw new IllegalArgumentException(field + ": must be longer than zero, got " + value);
    }

    static void atLeast(long value, long min, String field) {
        if (value < min) throw new IllegalArgumentException(field + ": must be at least " + min + ", got " + value);
    }

    /** A share of checks: more than zero, at most all of them. */
    static void share(double value, String field) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(field + ": must be a share above 0 and at most 1, got " + value);
        }
    }

    static void atLeast(double value, double min, String field) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + ": must be a number of at least " + min + ", got " + value);
        }
    }
}
