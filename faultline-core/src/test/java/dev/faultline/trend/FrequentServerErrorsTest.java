package dev.faultline.trend;

import static dev.faultline.trend.Buckets.MINUTE;
import static dev.faultline.trend.Buckets.NOW;
import static dev.faultline.trend.Buckets.bucket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.check.Severity;
import dev.faultline.check.StatusSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FrequentServerErrorsTest {

    private static final FrequentServerErrors DETECTOR = FrequentServerErrors.DEFAULT;
    private static final TimeWindow DAY = TimeWindow.ending(NOW, Duration.ofHours(24));

    /**
     * Minute rollups, one check a minute, over the last {@code minutes} minutes of the day; the
     * failing runs are written "start+length", e.g. {@code 100+4} for minutes 100 to 103 of the day.
     */
    private static List<TrendBucket> day(int minutes, int status, String runs) {
        boolean[] failing = new boolean[1440];
        if (!runs.isBlank()) {
            for (String run : runs.split(" ")) {
                String[] parts = run.split("\\+");
                for (int m = 0; m < Integer.parseInt(parts[1]); m++) failing[Integer.parseInt(parts[0]) + m] = true;
            }
        }
        List<TrendBucket> series = new ArrayList<>();
        for (int minute = 1440 - minutes; minute < 1440; minute++) {
            series.add(bucket(DAY.from().plus(MINUTE.multipliedBy(minute)), MINUTE, failing[minute] ? status : 200, 1));
        }
        return series;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case                                         | minutes | status | failing runs              | raised
            "three brief episodes                           | 1440    | 502    | 100+4 500+4 900+4         | true",
            "one long outage is not instability             | 1440    | 503    | 100+30                    | false",
            "two episodes are not yet frequent              | 1440    | 500    | 100+10 900+10             | false",
            "exactly three episodes of the minimum share    | 1440    | 500    | 100+3 500+3 900+2         | true",
            "three episodes just under the share            | 1440    | 500    | 100+3 500+2 900+2         | false",
            "exactly 0.5% of 1000 checks in five blips      | 1000    | 500    | 500+1 600+1 700+1 800+1 900+1 | true",
            "0.4% of 1000 checks in four blips              | 1000    | 500    | 500+1 600+1 700+1 800+1   | false",
            "spiky single points                            | 1440    | 500    | 100+1 700+1 1300+1        | false",
            "flat: no 5xx                                   | 1440    | 500    | ''                        | false",
            "sparse: 99 checks                              | 99      | 502    | 1350+5 1370+5 1390+5      | false",
            "exactly the minimum samples                    | 100     | 502    | 1350+5 1370+5 1390+5      | true",
            "4xx do not count                               | 1440    | 404    | 100+4 500+4 900+4         | false",
    })
    void raisesOnRecurringShortBurstsOf5xx(String name, int minutes, int status, String runs, boolean raised) {
        assertThat(DETECTOR.detect(day(minutes, status, runs), StatusSet.SUCCESS, NOW).isPresent()).isEqualTo(raised);
    }

    @Test
    void aStretchWithoutChecksDoesNotEndAnEpisode() {
        List<TrendBucket> withGaps = new ArrayList<>(day(1440, 500, "100+4 500+4 900+4"));
        // The clean minutes between the second and third bursts had no checks at all (say the probe was restarting).
        withGaps.removeIf(b -> b.start().isAfter(DAY.from().plus(MINUTE.multipliedBy(503)))
                && b.start().isBefore(DAY.from().plus(MINUTE.multipliedBy(900))));

        assertThat(DETECTOR.detect(withGaps, StatusSet.SUCCESS, NOW)).isEmpty();
    }

    @Test
    void regionsSharingAMinuteAreOneMoment() {
        // One region fails in three bursts; the other never does, and its checks land in the same minutes.
        List<TrendBucket> twoRegions = new ArrayList<>(day(1440, 502, "100+6 500+6 900+6"));
        twoRegions.addAll(day(1440, 502, ""));

        Anomaly anomaly = DETECTOR.detect(twoRegions, StatusSet.SUCCESS, NOW).orElseThrow();

        assertThat(anomaly.current()).isEqualTo(new Share(18, 2880));
        assertThat(anomaly.summary()).endsWith("in 3 separate episodes");
    }

    @Test
    void aMaintenanceProbeThatExpects503IsNotUnstable() {
        assertThat(DETECTOR.detect(day(1440, 503, "100+4 500+4 900+4"), StatusSet.parse("200-299,503"), NOW)).isEmpty();
    }

    @Test
    void theAnomalyIsAWarningWithTheFiguresAndTheWeekBeforeAsContext() {
        List<TrendBucket> series = new ArrayList<>(day(1440, 502, "100+4 500+4"));
        TimeWindow thirdBurst = new TimeWindow(DAY.from().plus(MINUTE.multipliedBy(900)), DAY.from().plus(MINUTE.multipliedBy(904)));
        series.replaceAll(b -> thirdBurst.contains(b.start()) ? bucket(b.start(), MINUTE, 503, 1) : b);
        series.add(bucket(DAY.from().minus(Duration.ofDays(3)), Duration.ofHours(1), 200, 59, 500, 1));

        Anomaly anomaly = DETECTOR.detect(series, StatusSet.SUCCESS, NOW).orElseThrow();

        assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.FREQUENT_SERVER_ERRORS);
        assertThat(anomaly.severity()).isEqualTo(Severity.WARNING);
        assertThat(anomaly.baseline()).isEqualTo(new Share(1, 60));
        assertThat(anomaly.summary()).isEqualTo("Brief server errors keep coming back: 502 and 503 on 12 of 1440 checks (0.833%)"
                + " in the last 24 h, against 1 of 60 (1.67%) in the 7 d before, in 3 separate episodes");
        assertThat(anomaly.nextStep()).contains("deploys", "resource limits", "dependency");
    }
}
