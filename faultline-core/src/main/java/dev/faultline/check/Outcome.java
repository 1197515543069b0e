package dev.faultline.check;

import java.util.Locale;

/** The coarse result of a check. */
public enum Outcome {
    UP, DEGRADED, DOWN;

    /** The lower-case name used in JSON, config and messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
