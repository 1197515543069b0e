package dev.faultline.incident;

import dev.faultline.incident.Event.RegionResult;

import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far an open incident is from resolving. A round is complete when every healthy region
 * has reported since it began; it is successful unless a quorum of regions failed in it, which
 * starts recovery over (so one region failing on its own does not hold recovery back, just as
 * it could not have opened the incident). With one region, a round is one success.
 *
 * @param rounds            consecutive successful rounds so far
 * @param reportedThisRound the regions that have reported in the round under way
 * @param failedThisRound   those whose latest result in this round is a failure
 * @param since             the first success of the streak: when the service came back
 */
public record RecoveryProgress(int rounds, Set<String> reportedThisRound, Set<String> failedThisRound,
                               Optional<Instant> since) {

    public static final RecoveryProgress NONE = new RecoveryProgress(0, Set.of(), Set.of(), Optional.empty());

    public RecoveryProgress {
        reportedThisRound = Collections.unmodifiableSortedSet(new TreeSet<>(reportedThisRound));
        failedThisRound = Collections.unmodifiableSortedSet(new TreeSet<>(failedThisRound));
    }

    // invariant: a successful round has fewer failed regions than the quorum, hence at least one success
    RecoveryProgress withResult(RegionResult result, Instant now, Quorum quorum) {
        Set<String> reported = new TreeSet<>(reportedThisRound);
        Set<String> failed = new TreeSet<>(failedThisRound);
        reported.add(result.region());
        if (result.failed()) failed.add(result.region()); else failed.remove(result.region());
        if (quorum.isReachedBy(failed)) return NONE;
        Optional<Instant> streakStart = result.failed() ? since : since.or(() -> Optional.of(now));
        if (reported.containsAll(quorum.healthyRegions())) {
            return new RecoveryProgress(rounds + 1, Set.of(), Set.of(), streakStart);
        }
        return new RecoveryProgress(rounds, reported, failed, streakStart);
    }

    /** Forgets a region found unhealthy: the round no longer waits for it, nor counts its failure. */
    RecoveryProgress withoutRegion(String region) {
        Set<String> reported = new TreeSet<>(reportedThisRound);
        Set<String> failed = new TreeSet<>(failedThisRound);
        reported.remove(region);
        failed.remove(region);
        return new RecoveryProgress(rounds, reported, failed, since);
    }
}
