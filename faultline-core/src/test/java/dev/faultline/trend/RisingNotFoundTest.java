package dev.faultline.trend;

import static dev.faultline.trend.Buckets.HOUR;
import static dev.faultline.trend.Buckets.MINUTE;
import static dev.faultline.trend.Buckets.NOW;
import static dev.faultline.trend.Buckets.bucket;
import static dev.faultline.trend.Buckets.concat;
import static dev.faultline.trend.Buckets.spread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.faultline.check.Severity;
import dev.faultline.check.StatusSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RisingNotFoundTest {

    private static final RisingNotFound DETECTOR = RisingNotFound.DEFAULT;
    private static final TimeWindow DAY = TimeWindow.ending(NOW, Duration.ofHours(24));
    private static final TimeWindow WEEK_BEFORE = DAY.before(Duration.ofDays(7));

    /** Hourly rollups: a week of baseline, then the last day. */
    private static List<TrendBucket> series(long baselineChecks, long baseline404, long recentChecks, long recent404) {
        return concat(spread(WEEK_BEFORE, HOUR, baselineChecks, 404, baseline404), spread(DAY, HOUR, recentChecks, 404, recent404));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                    | baseline | its 404s | recent | its 404s | raised
            "rising from nothing                       | 10080    | 0        | 1440   | 144      | true",
            "rising to exactly three times the baseline| 10000    | 200      | 1000   | 60       | true",
            "rising to just under three times          | 10000    | 200      | 1000   | 59       | false",
            "flat at the baseline                      | 10000    | 200      | 1000   | 20       | false",
            "exactly the minimum share                 | 10080    | 0        | 1000   | 50       | true",
            "just under the minimum share              | 10080    | 0        | 1000   | 49       | false",
            "spiky: one 404 in a day                   | 10080    | 0        | 1440   | 1        | false",
            "sparse: 29 checks, all 404                | 10080    | 0        | 29     | 29       | false",
            "exactly the minimum samples               | 10080    | 0        | 30     | 30       | true",
            "sparse baseline: 99 checks                | 99       | 0        | 1440   | 144      | false",
            "exactly the minimum baseline samples      | 100      | 0        | 1440   | 144      | true",
            "no history at all                         | 0        | 0        | 1440   | 144      | false",
            "always broken: not a rise                 | 10080    | 10080    | 1440   | 1440     | false",
            "falling                                   | 10080    | 1008     | 1440   | 72       | false",
    })
    void raisesOnlyWhenTheShareReachesTheMinimumAndRisesByTheFactor(String name, long baselineChecks, long baseline404,
                                                                     long recentChecks, long recent404, boolean raised) {
        assertThat(DETECTOR.detect(series(baselineChecks, baseline404, recentChecks, recent404), StatusSet.SUCCESS, NOW)
                .isPresent()).isEqualTo(raised);
    }

    @Test
    void aShortBurstOf404sInAFlatDayIsNotARise() {
        List<TrendBucket> series = new ArrayList<>(spread(WEEK_BEFORE, HOUR, 10080, 404, 0));
        // A day of minute rollups, one check each, with ten straight minutes of 404 (a deploy glitch).
        for (int minute = 0; minute < 1440; minute++) {
            series.add(bucket(DAY.from().plus(MINUTE.multipliedBy(minute)), MINUTE, minute >= 600 && minute < 610 ? 404 : 200, 1));
        }

        assertThat(DETECTOR.detect(series, StatusSet.SUCCESS, NOW)).isEmpty();
    }

    @Test
    void aMonitorThatExpects404IsNeverToldTheyAreRising() {
        assertThat(DETECTOR.detect(series(10080, 0, 1440, 1440), StatusSet.parse("200-299,404"), NOW)).isEmpty();
    }

    @Test
    void theAnomalyCarriesItsWindowsFiguresAndAdvice() {
        Anomaly anomaly = DETECTOR.detect(series(10000, 100, 1000, 60), StatusSet.SUCCESS, NOW).orElseThrow();

        assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.RISING_NOT_FOUND);
        assertThat(anomaly.severity()).isEqualTo(Severity.WARNING);
        assertThat(anomaly.window()).isEqualTo(DAY);
        assertThat(anomaly.baselineWindow()).isEqualTo(WEEK_BEFORE);
        assertThat(anomaly.current()).isEqualTo(new Share(60, 1000));
        assertThat(anomaly.baseline()).isEqualTo(new Share(100, 10000));
        assertThat(anomaly.summary()).isEqualTo("More checks find nothing at the URL: 404 on 60 of 1000 checks (6%)"
                + " in the last 24 h, against 100 of 10000 (1%) in the 7 d before");
        assertThat(anomaly.likelyCauses()).anySatisfy(c -> assertThat(c).contains("redirect"));
        assertThat(anomaly.nextStep()).contains("redirects", "deploy");
    }

    @Test
    void thresholdsAreValidated() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RisingNotFound(Duration.ofHours(24), Duration.ofDays(7), 30, 100, 0, 3))
                .withMessage("min_share: must be a share above 0 and at most 1, got 0.0");
        assertThatIllegalArgumentException().isThrownBy(() -> new RisingNotFound(Duration.ofHours(24), Duration.ofDays(7), 30, 100, 0.05, 0.5))
                .withMessage("factor: must be a number of at least 1.0, got 0.5");
        assertThatIllegalArgumentException().isThrownBy(() -> new RisingNotFound(Duration.ZERO, Duration.ofDays(7), 30, 100, 0.05, 3))
                .withMessage("recent: must be longer than zero, got PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> new RisingNotFound(Duration.ofHours(24), Duration.ofDays(7), 0, 100, 0.05, 3))
                .withMessage("min_samples: must be at least 1, got 0");
    }
}
