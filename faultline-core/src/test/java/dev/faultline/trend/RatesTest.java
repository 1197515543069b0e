package dev.faultline.trend;

import static dev.faultline.trend.Buckets.HOUR;
import static dev.faultline.trend.Buckets.MINUTE;
import static dev.faultline.trend.Buckets.NOW;
import static dev.faultline.trend.Buckets.bucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RatesTest {

    private static final Instant AN_HOUR_AGO = NOW.minus(HOUR);

    @Test
    void sharesPerClassAndPerCodeCarryTheCountBehindThem() {
        List<TrendBucket> series = List.of(
                bucket(AN_HOUR_AGO, MINUTE, 200, 50, 404, 3, 0, 1),
                bucket(AN_HOUR_AGO.plus(MINUTE), MINUTE, 200, 40, 503, 4, 301, 2));

        Rates rates = Rates.over(series, AN_HOUR_AGO, NOW);

        assertThat(rates.total()).isEqualTo(100);
        assertThat(rates.of(StatusClass.SUCCESS)).isEqualTo(new Share(90, 100));
        assertThat(rates.of(StatusClass.REDIRECT)).isEqualTo(new Share(2, 100));
        assertThat(rates.of(StatusClass.CLIENT_ERROR)).isEqualTo(new Share(3, 100));
        assertThat(rates.of(StatusClass.SERVER_ERROR)).isEqualTo(new Share(4, 100));
        assertThat(rates.of(StatusClass.NONE)).isEqualTo(new Share(1, 100));
        assertThat(rates.of(StatusClass.INFORMATIONAL)).isEqualTo(new Share(0, 100));
        assertThat(rates.byCode()).containsExactly(
                Map.entry(0, new Share(1, 100)), Map.entry(200, new Share(90, 100)), Map.entry(301, new Share(2, 100)),
                Map.entry(404, new Share(3, 100)), Map.entry(503, new Share(4, 100)));
        assertThat(rates.ofCode(429)).isEqualTo(new Share(0, 100));
        assertThat(rates.matching(code -> code == 404 || code == 503)).isEqualTo(new Share(7, 100));
    }

    @ParameterizedTest(name = "bucket starting {0} min before now is counted: {1}")
    @CsvSource({
            "61, false",
            "60, true",
            "30, true",
            "1,  true",
            "0,  false",
    })
    void aBucketBelongsToTheWindowItStartsIn(long minutesAgo, boolean counted) {
        List<TrendBucket> series = List.of(bucket(NOW.minus(Duration.ofMinutes(minutesAgo)), MINUTE, 404, 1));

        assertThat(Rates.over(series, TrendWindow.HOUR.endingAt(NOW)).total()).isEqualTo(counted ? 1 : 0);
    }

    @Test
    void bucketsOfSeveralRegionsAddUp() {
        List<TrendBucket> series = List.of(
                bucket(AN_HOUR_AGO, HOUR, 200, 59, 403, 1),
                bucket(AN_HOUR_AGO, HOUR, 200, 30, 403, 30));

        assertThat(Rates.over(series, AN_HOUR_AGO, NOW).ofCode(403)).isEqualTo(new Share(31, 120));
    }

    @Test
    void anEmptyWindowHasZeroSharesOfNothing() {
        Rates rates = Rates.over(List.of(), TrendWindow.WEEK.endingAt(NOW));

        assertThat(rates.total()).isZero();
        assertThat(rates.byClass()).hasSize(StatusClass.values().length).allSatisfy((c, share) -> assertThat(share).isEqualTo(Share.NONE));
        assertThat(rates.byCode()).isEmpty();
        assertThat(rates.of(StatusClass.SERVER_ERROR).fraction()).isZero();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "0, NONE", "99, NONE", "100, INFORMATIONAL", "204, SUCCESS", "308, REDIRECT",
            "429, CLIENT_ERROR", "599, SERVER_ERROR", "600, NONE", "999, NONE",
    })
    void everyCodeFallsInOneClass(int status, StatusClass expected) {
        assertThat(StatusClass.of(status)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} of {1} is {2}")
    @CsvSource({
            "0,    0,    0%",
            "0,    10,   0%",
            "1,    8,    12.5%",
            "1,    3,    33.3%",
            "5,    1440, 0.347%",
            "10,   10,   100%",
            "1999, 2000, 100%",
    })
    void aShareReadsAsAPercentage(long count, long of, String text) {
        assertThat(new Share(count, of).percent()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} of {1} reaches {2}: {3}")
    @CsvSource({
            "5,  100,  0.05,  true",
            "4,  100,  0.05,  false",
            "7,  1440, 0.005, false",
            "8,  1440, 0.005, true",
            "3,  10,   0.3,   true",
            "1,  3,    0.333333333333, true",
    })
    void reachingAThresholdIsDecidedOnWholeChecks(long count, long of, double threshold, boolean reaches) {
        assertThat(new Share(count, of).reaches(threshold)).isEqualTo(reaches);
    }

    @Test
    void impossibleValuesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Share(3, 2));
        assertThatIllegalArgumentException().isThrownBy(() -> bucket(NOW, MINUTE, -1, 1))
                .withMessage("status: must be 0 (no answer) or a code, got -1");
        assertThatIllegalArgumentException().isThrownBy(() -> bucket(NOW, MINUTE, 200, -1))
                .withMessage("count of status 200: must not be negative, got -1");
        assertThatIllegalArgumentException().isThrownBy(() -> bucket(NOW, Duration.ZERO, 200, 1))
                .withMessage("length: must be longer than zero, got PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> new TimeWindow(NOW, AN_HOUR_AGO));
    }
}
