package dev.faultline.trend;

import static dev.faultline.trend.Buckets.HOUR;
import static dev.faultline.trend.Buckets.MINUTE;
import static dev.faultline.trend.Buckets.NOW;
import static dev.faultline.trend.Buckets.bucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.faultline.check.Severity;
import dev.faultline.check.StatusSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitingTest {

    private static final RateLimiting DETECTOR = RateLimiting.DEFAULT;
    private static final TimeWindow LAST_HOUR = TimeWindow.ending(NOW, HOUR);

    /**
     * Minute rollups over the last hour: {@code count} checks, one every {@code everyMinutes}
     * from the start of the hour; the checks with the listed indexes got 429.
     */
    private static List<TrendBucket> checks(int count, int everyMinutes, String limitedIndexes) {
        Set<Integer> limited = limitedIndexes.isBlank() ? Set.of()
                : Arrays.stream(limitedIndexes.split(" ")).map(Integer::parseInt).collect(Collectors.toSet());
        List<TrendBucket> series = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            series.add(bucket(LAST_HOUR.from().plus(MINUTE.multipliedBy((long) i * everyMinutes)), MINUTE,
                    limited.contains(i) ? 429 : 200, 1));
        }
        return series;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                    | checks | every (min) | checks with 429              | raised
            "sustained: every fourth check             | 60     | 1           | 0 4 8 12 16 20 24 28 32 36 40 44 48 52 56 | true",
            "exactly 5% over exactly 15 min            | 60     | 1           | 0 7 14                       | true",
            "exactly 5% over 14 min                    | 60     | 1           | 0 7 13                       | false",
            "spread out, but under 5%                  | 60     | 1           | 0 30                         | false",
            "one burst of five minutes                 | 60     | 1           | 50 51 52 53 54               | false",
            "flat: never limited                       | 60     | 1           | ''                           | false",
            "sparse: nine checks, all limited          | 9      | 6           | 0 1 2 3 4 5 6 7 8            | false",
            "exactly the minimum samples, all limited  | 10     | 6           | 0 1 2 3 4 5 6 7 8 9          | true",
    })
    void raisesOnASustainedShareOf429(String name, int count, int everyMinutes, String limited, boolean raised) {
        assertThat(DETECTOR.detect(checks(count, everyMinutes, limited), StatusSet.SUCCESS, NOW).isPresent()).isEqualTo(raised);
    }

    @Test
    void anHourRollupSpansTheWholeHour() {
        List<TrendBucket> series = List.of(bucket(LAST_HOUR.from(), HOUR, 200, 54, 429, 6));

        Anomaly anomaly = DETECTOR.detect(series, StatusSet.SUCCESS, NOW).orElseThrow();

        assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.RATE_LIMITED);
        assertThat(anomaly.severity()).isEqualTo(Severity.INFO);
        assertThat(anomaly.summary()).isEqualTo("The server keeps rate-limiting the monitor: 429 on 6 of 60 checks (10%)"
                + " in the last 1 h, against 0 of 0 (0%) in the 7 d before; the 429s went on for 1 h");
        assertThat(anomaly.nextStep()).contains("interval", "Retry-After");
        assertThat(anomaly.likelyCauses()).anySatisfy(c -> assertThat(c).contains("other clients"));
    }

    @Test
    void aMonitorThatExpects429IsNotRateLimitedByIt() {
        assertThat(DETECTOR.detect(List.of(bucket(LAST_HOUR.from(), HOUR, 429, 60)), StatusSet.parse("200,429"), NOW)).isEmpty();
    }

    @Test
    void theSpanCannotExceedTheWindow() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimiting(HOUR, Duration.ofDays(7), 10, 0.05, Duration.ofMinutes(61)))
                .withMessage("min_span: PT1H1M is longer than the window of PT1H");
    }
}
