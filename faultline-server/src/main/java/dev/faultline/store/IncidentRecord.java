package dev.faultline.store;

import dev.faultline.check.Cause;
import dev.faultline.check.Fault;
import dev.faultline.check.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored incident.
 *
 * @param monitorName the monitor's name when the incident opened
 * @param regions     the regions that confirmed it
 * @param recoveredAt the first success of the recovery that resolved it
 * @param resolution  how it ended: {@link #RECOVERED}, or closed without a recovery (the monitor was removed)
 */
public record IncidentRecord(long id, String monitorId, String monitorName, State state, Cause cause, Severity severity,
                             List<String> regions, Instant startedAt, Instant openedAt, Optional<Instant> recoveredAt,
                             Optional<Instant> resolvedAt, Optional<String> resolution, boolean startedBeforeMaintenance,
                             boolean openedInMaintenance) {

    public static final String RECOVERED = "recovered";

    public enum State {
        OPEN, RESOLVED;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<State> fromId(String id) {
            for (State state : values()) if (state.id().equals(id)) return Optional.of(state);
            return Optional.empty();
        }
    }

    public IncidentRecord {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(severity, "severity");
        regions = List.copyOf(regions);
    }

    public Fault fault() {
        return cause.fault();
    }

    /** How long the monitor was down: from the first failure to the first success of the recovery. */
    public Optional<Duration> downFor() {
        return recoveredAt.map(recovered -> Duration.between(startedAt, recovered));
    }
}
