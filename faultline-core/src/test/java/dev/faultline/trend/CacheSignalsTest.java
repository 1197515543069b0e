package dev.faultline.trend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.trend.CacheSignals.CacheStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheSignalsTest {

    @ParameterizedTest(name = "{0}: {1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "X-Cache          | HIT                                | HIT",
            "X-Cache          | MISS                               | MISS",
            "X-Cache          | Hit from cloudfront                | HIT",
            "X-Cache          | RefreshHit from cloudfront         | HIT",
            "X-Cache          | Miss from cloudfront               | MISS",
            "X-Cache          | Error from cloudfront              | UNKNOWN",
            "X-Cache          | TCP_MEM_HIT from a23-1-2-3.deploy  | HIT",
            "X-Cache          | TCP_MISS from a23-1-2-3.deploy     | MISS",
            "X-Cache          | MISS from proxy.hit.example        | MISS",
            "X-Cache          | MISS, HIT                          | HIT",
            "X-Cache          | HIT, MISS                          | HIT",
            "X-Cache          | MISS, MISS                         | MISS",
            "x-cache          | hit                                | HIT",
            "CF-Cache-Status  | HIT                                | HIT",
            "CF-Cache-Status  | STALE                              | STALE",
            "CF-Cache-Status  | UPDATING                           | STALE",
            "CF-Cache-Status  | REVALIDATED                        | HIT",
            "CF-Cache-Status  | EXPIRED                            | MISS",
            "CF-Cache-Status  | DYNAMIC                            | MISS",
            "CF-Cache-Status  | BYPASS                             | MISS",
            "CF-Cache-Status  | NONE/UNKNOWN                       | UNKNOWN",
            "X-Cache-Status   | STALE                              | STALE",
            "X-Cache-Status   | HIT                                | HIT",
            "X-Cache-Status   | MISS                               | MISS",
            "Server           | HIT                                | UNKNOWN",
    })
    void readsTheCachesVerdictFromEachKnownHeader(String name, String value, CacheStatus expected) {
        assertThat(CacheSignals.of(Map.of(name, value)).status()).isEqualTo(expected);
    }

    @Test
    void theStalestVerdictOfSeveralHeadersWins() {
        assertThat(CacheSignals.of(Map.of("X-Cache", "HIT", "X-Cache-Status", "STALE")).status()).isEqualTo(CacheStatus.STALE);
        assertThat(CacheSignals.of(Map.of("X-Cache", "MISS", "CF-Cache-Status", "HIT")).status()).isEqualTo(CacheStatus.HIT);
    }

    @ParameterizedTest(name = "Age: {0}")
    @CsvSource(delimiter = '|', value = {
            "0                 | 0",
            "340               | 340",
            "' 12 '            | 12",
            "12, 40            | 12",
            "99999999999999999 | 2147483648",
            "-5                | ",
            "1.5               | ",
            "soon              | ",
    })
    void readsAgeInWholeSecondsAndIgnoresWhatIsNot(String value, Long seconds) {
        assertThat(CacheSignals.of(Map.of("Age", value)).age()).isEqualTo(Optional.ofNullable(seconds).map(Duration::ofSeconds));
    }

    @ParameterizedTest(name = "Cache-Control: {0}")
    @CsvSource(delimiter = '|', value = {
            "max-age=60                          | 60",
            "public, max-age=60, s-maxage=600    | 600",
            "s-maxage=600, max-age=60            | 600",
            "max-age=\"120\"                      | 120",
            "Max-Age=30, stale-if-error=86400    | 30",
            "no-store                            | ",
            "max-age=soon                        | ",
            "s-maxage=x, max-age=60              | 60",
    })
    void theSharedLifetimeIsSMaxageElseMaxAge(String value, Long seconds) {
        assertThat(CacheSignals.of(Map.of("Cache-Control", value)).maxAge()).isEqualTo(Optional.ofNullable(seconds).map(Duration::ofSeconds));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a hit                    | HIT     |     | true",
            "a stale copy             | STALE   |     | true",
            "a miss, even with an Age | MISS    | 30  | false",
            "only an Age              | ''      | 30  | true",
            "an Age of zero           | ''      | 0   | false",
            "nothing                  | ''      |     | false",
    })
    void aResponseCameFromACacheWhenOneSaysSoOrItHasAged(String name, String xCache, Long age, boolean fromCache) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (!xCache.isEmpty()) headers.put("X-Cache", xCache);
        if (age != null) headers.put("Age", age.toString());

        assertThat(CacheSignals.of(headers).servedFromCache()).isEqualTo(fromCache);
    }

    @Test
    void viaAndServerAreKeptAsGiven() {
        CacheSignals signals = CacheSignals.of(Map.of("Via", "1.1 varnish", "Server", "cloudflare"));

        assertThat(signals.via()).contains("1.1 varnish");
        assertThat(signals.server()).contains("cloudflare");
        assertThat(CacheSignals.of(Map.of()).via()).isEmpty();
    }

    @Test
    void theResultsSelectedHeadersAreRead() {
        var result = Results.at(Buckets.NOW).header("X-Cache", "HIT from edge").header("Age", "42").build();

        assertThat(CacheSignals.of(result)).isEqualTo(new CacheSignals(Optional.of(Duration.ofSeconds(42)), CacheStatus.HIT,
                Optional.empty(), Optional.empty(), Optional.empty()));
    }
}
