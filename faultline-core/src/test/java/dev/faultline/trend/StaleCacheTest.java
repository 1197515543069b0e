package dev.faultline.trend;

import static dev.faultline.trend.Buckets.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.faultline.check.Outcome;
import dev.faultline.check.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaleCacheTest {

    private static final StaleCache TEN_MINUTES = new StaleCache(3, Optional.of(Duration.ofMinutes(10)));

    /**
     * One sample a minute, oldest first, each written {@code digest:cache:age}: the cache's word
     * goes into X-Cache ({@code -} for none, {@code DOWN} for a failed check), the age into Age
     * ({@code -} for none), and {@code cacheControl} into every answer.
     */
    private static List<EdgeSample> samples(String written, String cacheControl) {
        List<EdgeSample> samples = new ArrayList<>();
        String[] items = written.split(" ");
        for (int i = 0; i < items.length; i++) {
            String[] parts = items[i].split(":");
            Map<String, String> headers = new HashMap<>();
            if (!parts[1].equals("-") && !parts[1].equals("DOWN")) headers.put("X-Cache", parts[1]);
            if (!parts[2].equals("-")) headers.put("Age", parts[2]);
            if (!cacheControl.isEmpty()) headers.put("Cache-Control", cacheControl);
            samples.add(new EdgeSample(NOW.minus(Duration.ofMinutes(items.length - 1 - i)), !parts[1].equals("DOWN"), parts[0],
                    CacheSignals.of(headers)));
        }
        return samples;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                         | samples, oldest first                   | stale
            "frozen digest, Age growing past the maximum    | a:HIT:500 a:HIT:560 a:HIT:620            | true",
            "a longer frozen run                            | a:MISS:0 a:HIT:60 a:HIT:120 a:HIT:180 a:HIT:640 | true",
            "Age exactly at the maximum                     | a:HIT:480 a:HIT:540 a:HIT:600            | false",
            "Age under the maximum                          | a:HIT:100 a:HIT:160 a:HIT:220            | false",
            "changing digest                                | a:HIT:500 b:HIT:560 c:HIT:620            | false",
            "frozen for only two hits                       | a:HIT:500 b:HIT:560 b:HIT:620            | false",
            "misses                                         | a:MISS:700 a:MISS:760 a:MISS:820         | false",
            "the latest is a miss                           | a:HIT:500 a:HIT:560 a:MISS:0             | false",
            "a miss in between                              | a:HIT:500 a:MISS:0 a:HIT:620 a:HIT:680   | false",
            "Age dropped: the edge fetched a fresh copy     | a:HIT:700 a:HIT:760 a:HIT:610 a:HIT:670  | false",
            "Age not growing                                | a:HIT:700 a:HIT:700 a:HIT:700            | false",
            "only an Age says the cache answered            | a:-:500 a:-:560 a:-:620                  | true",
            "no Age and no mark                             | a:HIT:- a:HIT:- a:HIT:-                  | false",
            "the cache marks it stale three times           | a:STALE:- a:STALE:- a:STALE:-            | true",
            "the cache marks it stale only twice            | a:HIT:- a:STALE:- a:STALE:-              | false",
            "the latest check failed                        | a:HIT:500 a:HIT:560 a:DOWN:620           | false",
            "a failed check in between                      | a:HIT:500 a:DOWN:560 a:HIT:620 a:HIT:680 | false",
    })
    void staleOnlyWhenHitsWithAFrozenDigestOutgrowTheMaximum(String name, String samples, boolean stale) {
        assertThat(TEN_MINUTES.detect("shop", samples(samples, "")).isPresent()).isEqualTo(stale);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "beyond s-maxage                  | s-maxage=300, max-age=60 | a:HIT:250 a:HIT:310 a:HIT:370 | true",
            "within s-maxage, beyond max-age  | s-maxage=600, max-age=60 | a:HIT:250 a:HIT:310 a:HIT:370 | false",
            "beyond max-age                   | max-age=60               | a:HIT:40 a:HIT:100 a:HIT:160  | true",
            "no lifetime given                | no-cache                 | a:HIT:4000 a:HIT:4060 a:HIT:4120 | false",
    })
    void withoutAConfiguredMaximumTheResponsesOwnLifetimeIsTheLimit(String name, String cacheControl, String samples, boolean stale) {
        assertThat(StaleCache.DEFAULT.detect("shop", samples(samples, cacheControl)).isPresent()).isEqualTo(stale);
    }

    @Test
    void theConfiguredMaximumOverridesTheResponsesLifetime() {
        assertThat(TEN_MINUTES.detect("shop", samples("a:HIT:250 a:HIT:310 a:HIT:370", "max-age=60"))).isEmpty();
    }

    @Test
    void samplesAreJudgedInTimeOrderWhateverTheirOrderInTheList() {
        List<EdgeSample> shuffled = new ArrayList<>(samples("a:HIT:500 a:HIT:560 a:HIT:620", ""));
        java.util.Collections.reverse(shuffled);

        assertThat(TEN_MINUTES.detect("shop", shuffled)).isPresent();
    }

    @Test
    void theFindingIsADegradedWarningThatSaysTheEdgeServesOldContent() {
        CdnFinding finding = TEN_MINUTES.detect("shop", samples("a:HIT:500 a:HIT:560 a:HIT:620 a:HIT:680", "")).orElseThrow();

        assertThat(finding.kind()).isEqualTo(CdnFinding.Kind.STALE_CACHE);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.outcome()).isEqualTo(Outcome.DEGRADED);
        assertThat(finding.edge()).isEqualTo("shop");
        assertThat(finding.origin()).isEmpty();
        assertThat(finding.at()).isEqualTo(NOW);
        assertThat(finding.summary()).isEqualTo("The edge 'shop' is serving old content: the same body for the last 4 checks,"
                + " all from its cache, and the copy is now 11 min old, beyond the maximum of 10 min");
        assertThat(finding.nextStep()).contains("origin", "purge", "stale-if-error");
    }

    @Test
    void theSummarySaysWhenTheCacheItselfMarksTheCopyStale() {
        assertThat(StaleCache.DEFAULT.detect("shop", samples("a:STALE:- a:STALE:- a:STALE:-", "")).orElseThrow().summary())
                .isEqualTo("The edge 'shop' is serving old content: the same body for the last 3 checks, all from its cache,"
                        + " which the cache itself marks stale");
        assertThat(StaleCache.DEFAULT.detect("shop", samples("a:STALE:100 a:STALE:160 a:STALE:220", "max-age=60")).orElseThrow().summary())
                .endsWith("the copy is now 3 min old, beyond the 1 min its Cache-Control allows; the cache itself marks it stale");
    }

    @Test
    void anEdgeMonitorWithNoResultsIsNotStale() {
        assertThat(StaleCache.DEFAULT.detect("shop", List.of())).isEmpty();
    }

    @Test
    void thresholdsAreValidated() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StaleCache(1, Optional.empty()))
                .withMessage("min_hits: must be at least 2, got 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new StaleCache(3, Optional.of(Duration.ZERO)))
                .withMessage("max_age: must be longer than zero, got PT0S");
    }

    @Test
    void aSampleIsReadFromACheckResult() {
        var result = Results.at(NOW).header("X-Cache", "HIT").header("Age", "30").digest("abc").build();

        assertThat(EdgeSample.of(result)).isEqualTo(new EdgeSample(NOW, true, "abc", CacheSignals.of(Map.of("X-Cache", "HIT", "Age", "30"))));
        assertThat(EdgeSample.of(Results.at(NOW).status(502).build()).up()).isFalse();
    }
}
