package dev.faultline.trend;

import dev.faultline.check.CheckResult;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a response's headers say about the caches it passed through: how old the copy is
 * ({@code Age}), whether a cache served it ({@code X-Cache}, {@code CF-Cache-Status},
 * {@code X-Cache-Status}), whether a proxy relayed it ({@code Via}), how long shared caches may
 * keep it ({@code Cache-Control}) and who answered ({@code Server}). Unreadable values count as
 * absent: headers are evidence, never errors.
 *
 * @param maxAge how long a shared cache may keep the response: {@code s-maxage}, else {@code max-age}
 */
public record CacheSignals(Optional<Duration> age, CacheStatus status, Optional<String> via, Optional<Duration> maxAge,
                           Optional<String> server) {

    /** Headers that carry a cache's verdict, each a comma-separated list when several caches add theirs. */
    private static final List<String> STATUS_HEADERS = List.of("CF-Cache-Status", "X-Cache-Status", "X-Cache");
    private static final Set<String> MISS_WORDS = Set.of("EXPIRED", "BYPASS", "DYNAMIC", "PASS");
    // RFC 9111 §1.2.2: a delta-seconds too large to hold counts as 2^31.
    private static final long DELTA_SECONDS_MAX = 2_147_483_648L;

    /**
     * The caches' verdict on the response, in order of what it says about staleness: with
     * several caches on the path, the last one listed here wins.
     */
    public enum CacheStatus {
        /** No cache said. */
        UNKNOWN,
        /** Fetched from the origin ({@code MISS}, {@code EXPIRED}, {@code BYPASS}, {@code DYNAMIC}). */
        MISS,
        /** Served from a cache ({@code HIT}, {@code TCP_HIT}, {@code RefreshHit}, {@code REVALIDATED}). */
        HIT,
        /** Served from a cache after its lifetime ended ({@code STALE}, {@code UPDATING}). */
        STALE
    }

    public CacheSignals {
        Objects.requireNonNull(status, "status");
    }

    public static CacheSignals of(CheckResult result) {
        return of(result.headers());
    }

    /** Reads the signals from headers, whatever the case of their names. */
    public static CacheSignals of(Map<String, String> headers) {
        CacheStatus status = CacheStatus.UNKNOWN;
        for (String name : STATUS_HEADERS) {
            status = stalest(status, header(headers, name).map(CacheSignals::statusOf).orElse(CacheStatus.UNKNOWN));
        }
        return new CacheSignals(header(headers, "Age").flatMap(CacheSignals::deltaSeconds), status, header(headers, "Via"),
                header(headers, "Cache-Control").flatMap(CacheSignals::sharedMaxAge), header(headers, "Server"));
    }

    /** Whether a cache answered: one says so, or the response has aged in one (RFC 9111 §5.1). */
    public boolean servedFromCache() {
        return switch (status) {
            case STALE, HIT -> true;
            case MISS -> false;
            case UNKNOWN -> age.map(Duration::isPositive).orElse(false);
        };
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .map(String::strip).filter(v -> !v.isEmpty()).findFirst();
    }

    /**
     * One header's verdict, e.g. {@code HIT}, {@code Hit from cloudfront}, {@code TCP_MEM_HIT from a1},
     * {@code MISS, HIT} (Fastly with shielding). Only the first word of each item counts: the
     * rest names hosts, which may contain anything.
     */
    static CacheStatus statusOf(String value) {
        CacheStatus status = CacheStatus.UNKNOWN;
        for (String item : value.split(",")) {
            String word = item.strip().split("\\s+")[0].toUpperCase(Locale.ROOT);
            CacheStatus said;
            if (word.contains("STALE") || word.equals("UPDATING")) said = CacheStatus.STALE;
            else if (word.contains("HIT") || word.equals("REVALIDATED")) said = CacheStatus.HIT;
            else if (word.contains("MISS") || MISS_WORDS.contains(word)) said = CacheStatus.MISS;
            else said = CacheStatus.UNKNOWN;
            status = stalest(status, said);
        }
        return status;
    }

    private static CacheStatus stalest(CacheStatus a, CacheStatus b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Optional<Duration> deltaSeconds(String value) {
        String text = value.split(",")[0].strip();
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) return Optional.empty();
        if (text.length() > 10) return Optional.of(Duration.ofSeconds(DELTA_SECONDS_MAX));
        return Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(text), DELTA_SECONDS_MAX)));
    }

    /** {@code s-maxage} wins over {@code max-age}: it is the lifetime meant for shared caches such as a CDN. */
    private static Optional<Duration> sharedMaxAge(String cacheControl) {
        Optional<Duration> maxAge = Optional.empty();
        for (String directive : cacheControl.split(",")) {
            String[] parts = directive.strip().split("=", 2);
            if (parts.length < 2) continue;
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            Optional<Duration> seconds = deltaSeconds(parts[1].strip().replace("\"", ""));
            if (name.equals("s-maxage") && seconds.isPresent()) return seconds;
            if (name.equals("max-age") && maxAge.isEmpty()) maxAge = seconds;
        }
        return maxAge;
    }
}
