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
 * @param acknowledgement who took it on, when and with what note; empty until someone did
 * @param reminders   the reminders and the escalation sent about it so far
 */
public record IncidentRecord(long id, String monitorId, String monitorName, State state, Cause cause, Severity severity,
                             List<String> regions, Instant startedAt, Instant openedAt, Optional<Instant> recoveredAt,
                             Optional<Instant> resolvedAt, Optional<String> resolution, boolean startedBeforeMaintenance,
                             boolean openedInMaintenance, Optional<Acknowledgement> acknowledgement, Reminders reminders) {

    public static final String RECOVERED = "recovered";

    /** Someone took the incident on: reminders and escalation stop. */
    public record Acknowledgement(Instant at, String by, Optional<String> note) {
        public Acknowledgement {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(note, "note");
        }
    }

    /**
     * @param sent        reminders sent so far (the last one's number)
     * @param lastAt      when the last reminder went out
     * @param escalatedAt when the opening went to the escalation channels
     */
    public record Reminders(int sent, Optional<Instant> lastAt, Optional<Instant> escalatedAt) {
        public static final Reminders NONE = new Reminders(0, Optional.empty(), Optional.empty());

        public Reminders {
            Objects.requireNonNull(lastAt, "lastAt");
            Objects.requireNonNull(escalatedAt, "escalatedAt");
        }
    }

    /** An incident nobody has acknowledged yet and that has had no reminder. */
    public IncidentRecord(long id, String monitorId, String monitorName, State state, Cause cause, Severity severity,
                          List<String> regions, Instant startedAt, Instant openedAt, Optional<Instant> recoveredAt,
                          Optional<Instant> resolvedAt, Optional<String> resolution, boolean startedBeforeMaintenance,
                          boolean openedInMaintenance) {
        this(id, monitorId, monitorName, state, cause, severity, regions, startedAt, openedAt, recoveredAt, resolvedAt,
                resolution, startedBeforeMaintenance, openedInMaintenance, Optional.empty(), Reminders.NONE);
    }

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
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        Objects.requireNonNull(reminders, "reminders");
    }

    public Fault fault() {
        return cause.fault();
    }

    /** How long the monitor was down: from the first failure to the first success of the recovery. */
    public Optional<Duration> downFor() {
        return recoveredAt.map(recovered -> Duration.between(startedAt, recovered));
    }
}
