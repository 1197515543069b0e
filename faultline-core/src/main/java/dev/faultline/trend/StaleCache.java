package dev.faultline.trend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An edge serving old content: its latest answers are cache hits with one frozen body digest,
 * at least {@code minHits} of them in a row, and either the copy's Age has kept growing beyond
 * the maximum, or the cache itself marks each of the last {@code minHits} answers stale.
 *
 * <p>The maximum is {@code maxAge} when configured, else the lifetime the response itself
 * grants shared caches ({@code s-maxage} or {@code max-age}): past it the copy is stale by
 * HTTP's own definition. Without either, only the cache's own stale marks count. An Age that
 * drops means the edge fetched a fresh copy: the run starts again from there.
 *
 * <p>Pass one region's samples: each region reaches its own edge location, with its own copy.
 *
 * @param minHits the fewest consecutive frozen hits that make a finding
 * @param maxAge  the oldest copy acceptable; empty to use the response's own lifetime
 */
public record StaleCache(int minHits, Optional<Duration> maxAge) {

    /** Three hits in a row, judged against the lifetime the origin grants. */
    public static final StaleCache DEFAULT = new StaleCache(3, Optional.empty());

    public StaleCache {
        Require.atLeast(minHits, 2, "min_hits");
        Objects.requireNonNull(maxAge, "maxAge");
        maxAge.ifPresent(max -> Require.positive(max, "max_age"));
    }

    /** A degraded finding about the edge monitor, or empty when its latest answers are current. */
    public Optional<CdnFinding> detect(String edgeName, List<EdgeSample> recent) {
        List<EdgeSample> run = frozenRun(recent);
        if (run.size() < minHits) return Optional.empty();
        EdgeSample latest = run.getFirst();
        EdgeSample oldest = run.getLast();

        boolean markedStale = run.subList(0, minHits).stream().allMatch(s -> s.cache().status() == CacheSignals.CacheStatus.STALE);
        Optional<Duration> limit = maxAge.or(() -> latest.cache().maxAge());
        boolean agedOut = limit.isPresent() && latest.cache().age().isPresent()
                && latest.cache().age().get().compareTo(limit.get()) > 0
                && latest.cache().age().get().compareTo(oldest.cache().age().orElseThrow()) > 0;
        if (!markedStale && !agedOut) return Optional.empty();

        StringBuilder summary = new StringBuilder("The edge '").append(edgeName).append("' is serving old content: the same body")
                .append(" for the last ").append(run.size()).append(" checks, all from its cache");
        if (agedOut) {
            summary.append(", and the copy is now ").append(TrendAdvice.span(latest.cache().age().get())).append(" old, beyond ")
                    .append(maxAge.isPresent() ? "the maximum of " + TrendAdvice.span(limit.get())
                            : "the " + TrendAdvice.span(limit.get()) + " its Cache-Control allows");
        }
        if (markedStale) summary.append(agedOut ? "; the cache itself marks it stale" : ", which the cache itself marks stale");
        return Optional.of(new CdnFinding(CdnFinding.Kind.STALE_CACHE, edgeName, Optional.empty(), latest.at(), summary.toString(),
                List.of("the origin is failing and the edge serves its last good copy (stale-if-error, proxy_cache_use_stale)",
                        "the edge cannot reach the origin to revalidate its copy",
                        "a purge after the last deploy never happened or never reached this edge location",
                        "the CDN keeps copies longer than the origin asks (an edge TTL that overrides Cache-Control)"),
                "Check the origin directly first: if it is failing, that is the outage the edge is hiding. If it is healthy,"
                        + " purge this URL from the CDN and review its stale-if-error, stale-while-revalidate and edge TTL settings."));
    }

    /**
     * The latest samples, newest first, that are working cache hits with the latest's digest and
     * (where the latest has an Age) an Age that never dropped from one to the next.
     */
    private static List<EdgeSample> frozenRun(List<EdgeSample> recent) {
        List<EdgeSample> newestFirst = recent.stream().sorted(Comparator.comparing(EdgeSample::at).reversed()).toList();
        List<EdgeSample> run = new ArrayList<>();
        for (EdgeSample sample : newestFirst) {
            if (!sample.up() || !sample.cache().servedFromCache() || sample.bodyDigest().isEmpty()) break;
            if (!run.isEmpty()) {
                EdgeSample later = run.getLast();
                if (!sample.bodyDigest().equals(later.bodyDigest())) break;
                if (later.cache().age().isPresent()
                        && (sample.cache().age().isEmpty() || sample.cache().age().get().compareTo(later.cache().age().get()) > 0)) {
                    break;
                }
            }
            run.add(sample);
        }
        return run;
    }
}
