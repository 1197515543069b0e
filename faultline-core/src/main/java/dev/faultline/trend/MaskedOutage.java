package dev.faultline.trend;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Fault;
import dev.faultline.check.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An outage masked by the CDN: the origin monitor is down with a server or network fault while
 * the edge monitor in front of it (the one configured with {@code origin: <name>}) is up or only
 * degraded. A refusal (4xx) or a content mismatch at the origin is not an outage the edge hides.
 *
 * @param maxApart results further apart than this are not compared: one of them is out of date
 */
public record MaskedOutage(Duration maxApart) {

    /** Five minutes: both monitors have checked at least once within it at the usual intervals. */
    public static final MaskedOutage DEFAULT = new MaskedOutage(Duration.ofMinutes(5));

    public MaskedOutage {
        Require.positive(maxApart, "max_apart");
    }

    /** A critical finding naming both monitors, or empty when the edge does not hide an origin failure. */
    public Optional<CdnFinding> detect(String originName, CheckResult origin, String edgeName, CheckResult edge) {
        Fault originFault = origin.verdict().fault();
        boolean originDown = origin.verdict().outcome() == Outcome.DOWN && (originFault == Fault.SERVER || originFault == Fault.NETWORK);
        boolean edgeUp = edge.verdict().outcome() != Outcome.DOWN;
        if (!originDown || !edgeUp) return Optional.empty();
        if (Duration.between(origin.startedAt(), edge.startedAt()).abs().compareTo(maxApart) > 0) return Optional.empty();

        Instant at = origin.startedAt().isAfter(edge.startedAt()) ? origin.startedAt() : edge.startedAt();
        String summary = "Outage masked by the CDN: origin '" + originName + "' is down (" + describeOrigin(origin)
                + ") while edge '" + edgeName + "' still answers (" + describeEdge(edge) + ")";
        List<String> causes = new ArrayList<>(List.of(
                "the CDN answers from its cache while the origin fails (stale-if-error, proxy_cache_use_stale or an \"always online\" feature)",
                "the edge falls back to another origin or a static copy"));
        if (originFault == Fault.NETWORK) {
            causes.add("the origin admits only the CDN's addresses, so the probe cannot reach it: then allow the probe, the origin may be fine");
        }
        return Optional.of(new CdnFinding(CdnFinding.Kind.MASKED_OUTAGE, edgeName, Optional.of(originName), at, summary, causes,
                "Treat it as an outage: fix the origin first (its own diagnosis says where to start), because whatever the CDN"
                        + " has not cached (logins, forms, API calls, new pages) fails for users now, and the cached copies will run out."
                        + " Then point the edge monitor at a path the CDN does not cache, so that it sees the next one."));
    }

    private static String describeOrigin(CheckResult origin) {
        String cause = origin.verdict().cause().id();
        return origin.hasStatus() ? cause + ", HTTP " + origin.status() : cause;
    }

    private static String describeEdge(CheckResult edge) {
        CacheSignals cache = CacheSignals.of(edge);
        StringBuilder text = new StringBuilder("HTTP ").append(edge.status());
        if (cache.servedFromCache()) text.append(", from its cache");
        cache.age().ifPresent(age -> text.append(", Age ").append(age.toSeconds()).append(" s"));
        return text.toString();
    }
}
