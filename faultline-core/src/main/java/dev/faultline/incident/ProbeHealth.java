package dev.faultline.incident;

import dev.faultline.incident.Event.RegionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a probe region can be trusted, or has lost its own connectivity (DESIGN.md §3, "the
 * probe's own fault"). A region is unhealthy when every one of its canaries fails without an
 * answer, or, when it checks enough monitors for the signal to mean something, when most of them
 * fail without an answer (DNS, connect, TLS, timeout) from it while another healthy region sees
 * them up. An unhealthy region's results are kept, but the engine counts none of them
 * ({@link Event.RegionHealthChanged}). Pure: the caller gathers the latest results.
 */
public final class ProbeHealth {

    /** Why a region is unhealthy. */
    public enum Reason {
        /** Every canary fails without an answer: the probe cannot reach the internet. */
        CANARIES_FAILED,
        /** Most of its monitors fail without an answer while other regions see them up. */
        MOST_MONITORS_FAILED
    }

    /**
     * @param minMonitors    the fewest monitors a region must check before their failures can condemn it
     * @param unhealthyShare the share of them failing alone that makes it unhealthy
     * @param healthyShare   the share below which it is healthy again (lower: no flapping on the edge)
     * @param freshness      results older than this are not evidence
     */
    public record Policy(int minMonitors, double unhealthyShare, double healthyShare, Duration freshness) {

        public static final Policy DEFAULT = new Policy(10, 0.8, 0.5, Duration.ofMinutes(5));

        public Policy {
            if (minMonitors < 1) throw new IllegalArgumentException("min_monitors: must be at least 1");
            if (!(unhealthyShare > 0 && unhealthyShare <= 1)) throw new IllegalArgumentException("unhealthy_share: must be in (0, 1]");
            if (!(healthyShare > 0 && healthyShare <= unhealthyShare)) {
                throw new IllegalArgumentException("healthy_share: must be in (0, unhealthy_share]");
            }
            Objects.requireNonNull(freshness, "freshness");
        }
    }

    private ProbeHealth() {
    }

    /**
     * Judges one region.
     *
     * @param canaries  the region's latest result of each canary; empty when it has none
     * @param latest    monitor id → region → latest result, for the monitors the region checks
     * @param unhealthy the regions unhealthy now: their results do not vouch for a monitor being up
     * @param current   why this region is unhealthy now; empty when it is healthy
     * @return why the region is unhealthy, or empty when it is healthy
     */
    public static Optional<Reason> judge(String region, Policy policy, Collection<RegionResult> canaries,
                                         Map<String, Map<String, RegionResult>> latest, Set<String> unhealthy,
                                         Optional<Reason> current, Instant now) {
        Instant oldest = now.minus(policy.freshness());
        if (!canaries.isEmpty() && canaries.stream().allMatch(c -> withoutAnswer(c) && !c.at().isBefore(oldest))) {
            return Optional.of(Reason.CANARIES_FAILED);
        }
        int checked = 0;
        int alone = 0;
        for (Map<String, RegionResult> byRegion : latest.values()) {
            RegionResult own = byRegion.get(region);
            if (own == null || own.at().isBefore(oldest)) continue;
            checked++;
            if (withoutAnswer(own) && upElsewhere(region, byRegion, unhealthy, oldest)) alone++;
        }
        if (checked < policy.minMonitors()) return Optional.empty();
        double share = (double) alone / checked;
        boolean wasMostFailing = current.equals(Optional.of(Reason.MOST_MONITORS_FAILED));
        return share >= (wasMostFailing ? policy.healthyShare() : policy.unhealthyShare())
                ? Optional.of(Reason.MOST_MONITORS_FAILED) : Optional.empty();
    }

    /** A failure with no HTTP answer at all: the kind a probe without connectivity gives. */
    public static boolean withoutAnswer(RegionResult result) {
        return result.failed() && result.status() == 0;
    }

    private static boolean upElsewhere(String region, Map<String, RegionResult> byRegion, Set<String> unhealthy, Instant oldest) {
        return byRegion.entrySet().stream().anyMatch(e -> !e.getKey().equals(region) && !unhealthy.contains(e.getKey())
                && !e.getValue().failed() && !e.getValue().at().isBefore(oldest));
    }
}
