package dev.faultline.incident;

import dev.faultline.incident.Event.RegionResult;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far an open incident is from resolving. A round is complete when every healthy region
 * has reported since it began; it is successful unless a quorum of regions was failing, which
 * starts recovery over (so one region failing on its own does not hold recovery back, just as
 * it could not have opened the incident). With one region, a round is one success.
 *
 * @param rounds            consecutive successful rounds so far
 * @param reportedThisRound the regions that have reported in the round under way
 * @param since             the first success of the streak: when the service came back
 */
public record RecoveryProgress(int rounds, Set<String> reportedThisRound, Optional<Instant> since) {

    public static final RecoveryProgress NONE = new RecoveryProgress(0, Set.of(), Optional.empty());

    public RecoveryProgress {
        reportedThisRound = Collections.unmodifiableSortedSet(new TreeSet<>(reportedThisRound));
    }

    /** Counts a result that left no quorum failing. */
    RecoveryProgress withResult(RegionResult result, Instant now, Set<String> healthyRegions) {
        Set<String> reported = new TreeSet<>(reportedThisRound);
        reported.add(result.region());
        Optional<Instant> streakStart = result.failed() ? since : since.or(() -> Optional.of(now));
        if (reported.containsAll(healthyRegions)) {
            return new RecoveryProgress(rounds + 1, Set.of(), streakStart);
        }
        return new RecoveryProgress(rounds, reported, streakStart);
    }

    /** Forgets a region found unhealthy: the round no longer waits for it. */
    RecoveryProgress withoutRegion(String region) {
        Set<String> reported = new TreeSet<>(reportedThisRound);
        reported.remove(region);
        return new RecoveryProgress(rounds, reported, since);
    }
}
