package dev.faultline.incident;

import dev.faultline.check.Cause;
import dev.faultline.check.Fault;
import dev.faultline.check.Severity;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A confirmed failure of a monitor, open until the recovery rounds are complete.
 *
 * @param startedAt          the first failing result of the episode that became this incident
 * @param openedAt           when the quorum (and the period) confirmed it
 * @param cause              the cause most of the confirming regions saw
 * @param severity           {@link Severity#CRITICAL} when a quorum failed on the server, network
 *                           or content side; {@link Severity#WARNING} when the quorum needed
 *                           client-side (4xx) failures: those never page. The severity is
 *                           warning exactly when the cause is a client-side one.
 * @param openedInMaintenance opened during a maintenance window, so nobody was paged
 * @param startedBeforeMaintenance it was already failing when a maintenance window began
 * @param announcedAs        the severity people were last told about it at, if they were told
 *                           at all; its resolution goes out at that severity, and only then
 */
public record Incident(Instant startedAt, Instant openedAt, Cause cause, Severity severity,
                       Set<String> confirmingRegions, boolean openedInMaintenance,
                       boolean startedBeforeMaintenance, Optional<Severity> announcedAs) {

    public Incident {
        confirmingRegions = Collections.unmodifiableSortedSet(new TreeSet<>(confirmingRegions));
    }

    public Fault fault() {
        return cause.fault();
    }

    Incident announcedAs(Optional<Severity> severity) {
        return new Incident(startedAt, openedAt, cause, this.severity, confirmingRegions, openedInMaintenance,
                startedBeforeMaintenance, severity);
    }

    Incident markedStartedBeforeMaintenance() {
        return new Incident(startedAt, openedAt, cause, severity, confirmingRegions, openedInMaintenance,
                true, announcedAs);
    }

    Incident escalated(Cause cause, Set<String> confirmingRegions) {
        return new Incident(startedAt, openedAt, cause, Severity.CRITICAL, confirmingRegions, openedInMaintenance,
                startedBeforeMaintenance, announcedAs);
    }

    /** The cause seen most often; ties go to the one declared first in {@link Cause}, so the choice is stable. */
    static Cause prevailing(Collection<Cause> causes) {
        Map<Cause, Integer> counts = new EnumMap<>(Cause.class);
        causes.forEach(cause -> counts.merge(cause, 1, Integer::sum));
        return counts.entrySet().stream()
                .max(Comparator.<Map.Entry<Cause, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
    }
}
