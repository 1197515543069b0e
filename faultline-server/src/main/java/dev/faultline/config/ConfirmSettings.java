package dev.faultline.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How a failure becomes an incident (DESIGN §3, incident engine).
 *
 * @param quorum   how many regions must see the failure; a monitor with fewer regions needs all of them
 * @param window   how long the other regions have to confirm a first failure
 * @param period   how long the failure must last before it is an incident (0s: at once)
 * @param recovery how many successful checks in a row end an incident
 */
public record ConfirmSettings(int quorum, Duration window, Duration period, int recovery) {

    /** The values of DESIGN §7's example, used where the file says nothing. */
    public static final ConfirmSettings DEFAULT = new ConfirmSettings(2, Duration.ofSeconds(30), Duration.ZERO, 2);

    public ConfirmSettings {
        if (quorum < 1) throw new IllegalArgumentException("quorum: " + quorum + " is less than 1");
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window: must be longer than 0s");
        Objects.requireNonNull(period, "period");
        if (period.isNegative()) throw new IllegalArgumentException("period: must not be negative");
        if (recovery < 1) throw new IllegalArgumentException("recovery: " + recovery + " is less than 1");
    }
}
