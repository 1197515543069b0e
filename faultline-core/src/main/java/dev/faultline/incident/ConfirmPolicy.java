package dev.faultline.incident;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failure becomes an incident, and when it is over: the {@code confirm} block of the
 * configuration, overridable per monitor.
 *
 * @param quorum      how many regions must fail within the window; with fewer healthy regions,
 *                    all of them (see {@link IncidentEngine})
 * @param window      how long a round of re-checks has to reach the quorum, and how old a
 *                    region's failure may be and still count toward it
 * @param period      how long the failure must have lasted before an incident opens; shorter
 *                    failures end as blips (zero: confirmation alone opens it)
 * @param recovery    how many consecutive successful rounds resolve an open incident
 * @param flapping    this many incident transitions (opens and resolves) within the span make
 *                    the monitor flap: one alert instead of a storm
 * @param instability this many blips within the span raise one instability warning
 */
public record ConfirmPolicy(int quorum, Duration window, Duration period, int recovery,
                            Threshold flapping, Threshold instability) {

    /** The defaults: 2 regions within 30 s, no period, 2 recovery rounds, 5 transitions/10 min, 3 blips/1 h. */
    public static final ConfirmPolicy DEFAULT = new ConfirmPolicy(2, Duration.ofSeconds(30), Duration.ZERO, 2,
            new Threshold(5, Duration.ofMinutes(10)), new Threshold(3, Duration.ofHours(1)));

    public ConfirmPolicy {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(flapping, "flapping");
        Objects.requireNonNull(instability, "instability");
        if (quorum < 1) throw new IllegalArgumentException("quorum: must be at least 1, got " + quorum);
        if (!window.isPositive()) throw new IllegalArgumentException("window: must be longer than zero, got " + window);
        if (period.isNegative()) throw new IllegalArgumentException("period: must not be negative, got " + period);
        if (recovery < 1) throw new IllegalArgumentException("recovery: must be at least 1, got " + recovery);
    }

    public ConfirmPolicy withQuorum(int quorum) {
        return new ConfirmPolicy(quorum, window, period, recovery, flapping, instability);
    }

    public ConfirmPolicy withWindow(Duration window) {
        return new ConfirmPolicy(quorum, window, period, recovery, flapping, instability);
    }

    public ConfirmPolicy withPeriod(Duration period) {
        return new ConfirmPolicy(quorum, window, period, recovery, flapping, instability);
    }

    public ConfirmPolicy withRecovery(int recovery) {
        return new ConfirmPolicy(quorum, window, period, recovery, flapping, instability);
    }

    public ConfirmPolicy withFlapping(Threshold flapping) {
        return new ConfirmPolicy(quorum, window, period, recovery, flapping, instability);
    }

    public ConfirmPolicy withInstability(Threshold instability) {
        return new ConfirmPolicy(quorum, window, period, recovery, flapping, instability);
    }
}
