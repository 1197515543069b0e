package dev.faultline.trend;

import static dev.faultline.trend.Buckets.HOUR;
import static dev.faultline.trend.Buckets.MINUTE;
import static dev.faultline.trend.Buckets.NOW;
import static dev.faultline.trend.Buckets.bucket;
import static dev.faultline.trend.Buckets.concat;
import static dev.faultline.trend.Buckets.spread;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Severity;
import dev.faultline.check.StatusSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthSpikeTest {

    private static final AuthSpike DETECTOR = AuthSpike.DEFAULT;
    private static final TimeWindow LAST_HOUR = TimeWindow.ending(NOW, HOUR);
    private static final TimeWindow WEEK_BEFORE = LAST_HOUR.before(Duration.ofDays(7));

    /** Hourly rollups for the baseline week, minute rollups for the last hour. */
    private static List<TrendBucket> series(int code, long baselineChecks, long baselineHits, long recentChecks, long recentHits) {
        return concat(spread(WEEK_BEFORE, HOUR, baselineChecks, code, baselineHits), spread(LAST_HOUR, MINUTE, recentChecks, code, recentHits));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                        | code | baseline | its hits | recent | its hits | raised
            "credentials rotated: from nothing to half     | 403  | 10080    | 0        | 60     | 30       | true",
            "expired token: every check refused            | 401  | 10080    | 0        | 60     | 60       | true",
            "a jump over a 1% baseline                     | 401  | 10080    | 101      | 60     | 6        | true",
            "flat: refused a third of the time, as always  | 403  | 10080    | 3024     | 60     | 20       | false",
            "spiky: one refusal in the hour                | 403  | 10080    | 0        | 60     | 1        | false",
            "just under the minimum share                  | 403  | 10080    | 0        | 60     | 5        | false",
            "exactly the minimum share                     | 403  | 10080    | 0        | 60     | 6        | true",
            "sparse: nine checks, all refused              | 401  | 10080    | 0        | 9      | 9        | false",
            "exactly the minimum samples                   | 401  | 10080    | 0        | 10     | 10       | true",
            "sparse baseline                               | 401  | 99       | 0        | 60     | 60       | false",
            "no history                                    | 401  | 0        | 0        | 60     | 60       | false",
            "z exactly 3 (smoothed baseline one half)      | 403  | 198      | 99       | 100    | 65       | true",
            "z 2.8                                         | 403  | 198      | 99       | 100    | 64       | false",
            "other 4xx are not auth                        | 400  | 10080    | 0        | 60     | 60       | false",
    })
    void raisesOnASpikeAgainstTheMonitorsOwnBaseline(String name, int code, long baselineChecks, long baselineHits,
                                                     long recentChecks, long recentHits, boolean raised) {
        assertThat(DETECTOR.detect(series(code, baselineChecks, baselineHits, recentChecks, recentHits), StatusSet.SUCCESS, NOW)
                .isPresent()).isEqualTo(raised);
    }

    @Test
    void aProbeThatExpects401IsNotRefusedWhenItGetsOne() {
        assertThat(DETECTOR.detect(series(401, 10080, 0, 60, 60), StatusSet.parse("401"), NOW)).isEmpty();
    }

    @Test
    void aProbeThatExpects401StillHearsOfA403Spike() {
        List<TrendBucket> series = concat(spread(WEEK_BEFORE, HOUR, 10080, 401, 10080),
                List.of(bucket(LAST_HOUR.from(), HOUR, 401, 40, 403, 20)));

        Anomaly anomaly = DETECTOR.detect(series, StatusSet.parse("401"), NOW).orElseThrow();

        assertThat(anomaly.current()).isEqualTo(new Share(20, 60));
        assertThat(anomaly.baseline()).isEqualTo(new Share(0, 10080));
        assertThat(anomaly.summary()).contains("403 on 20 of 60 checks (33.3%)").doesNotContain("401");
    }

    @Test
    void theSummaryNamesEveryRefusingCodeWithTheFigures() {
        List<TrendBucket> series = concat(spread(WEEK_BEFORE, HOUR, 10080, 403, 0),
                List.of(bucket(LAST_HOUR.from(), HOUR, 200, 30, 401, 10, 403, 20)));

        Anomaly anomaly = DETECTOR.detect(series, StatusSet.SUCCESS, NOW).orElseThrow();

        assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.AUTH_SPIKE);
        assertThat(anomaly.severity()).isEqualTo(Severity.WARNING);
        assertThat(anomaly.summary()).isEqualTo("The server suddenly refuses the monitor far more often than usual:"
                + " 401 and 403 on 30 of 60 checks (50%) in the last 1 h, against 0 of 10080 (0%) in the 7 d before");
        assertThat(anomaly.likelyCauses()).anySatisfy(c -> assertThat(c).contains("rotated"))
                .anySatisfy(c -> assertThat(c).contains("expired"))
                .anySatisfy(c -> assertThat(c).contains("WAF").contains("allow-list"));
    }

    @Test
    void theSpikeIsJudgedOnTheLastHourOnly() {
        // Refusals two hours ago are in neither window: they are over, and the baseline is the week before the hour.
        List<TrendBucket> series = concat(spread(WEEK_BEFORE, HOUR, 10080, 403, 0),
                List.of(bucket(NOW.minus(Duration.ofMinutes(61)), MINUTE, 403, 60)),
                spread(LAST_HOUR, MINUTE, 60, 403, 0));

        assertThat(DETECTOR.detect(series, StatusSet.SUCCESS, NOW)).isEmpty();
    }
}
