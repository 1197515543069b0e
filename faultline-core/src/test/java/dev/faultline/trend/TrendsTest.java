package dev.faultline.trend;

import static dev.faultline.trend.Buckets.HOUR;
import static dev.faultline.trend.Buckets.NOW;
import static dev.faultline.trend.Buckets.concat;
import static dev.faultline.trend.Buckets.spread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.faultline.check.Severity;
import dev.faultline.check.StatusSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrendsTest {

    private static final TimeWindow EIGHT_DAYS = TimeWindow.ending(NOW, Duration.ofDays(8));

    @ParameterizedTest(name = "{0}")
    @EnumSource(Anomaly.Kind.class)
    void everyKindIsInfoOrWarningAndHasAdvice(Anomaly.Kind kind) {
        assertThat(kind.severity()).isIn(Severity.INFO, Severity.WARNING);
        TrendAdvice advice = TrendAdvice.of(kind);
        assertThat(advice.headline()).isNotBlank().doesNotEndWith(".");
        assertThat(advice.likelyCauses()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(c -> assertThat(c).isNotBlank());
        assertThat(advice.nextStep()).isNotBlank().endsWith(".");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Anomaly.Kind.class)
    void everyKindIsFoundByItsId(Anomaly.Kind kind) {
        assertThat(kind.id()).matches("[a-z0-9_]+");
        assertThat(Anomaly.Kind.fromId(kind.id())).contains(kind);
    }

    @Test
    void kindIdsAreTheNamesOfTheConfigAndTheApi() {
        assertThat(java.util.Arrays.stream(Anomaly.Kind.values()).map(Anomaly.Kind::id))
                .containsExactly("rising_404", "auth_spike", "rate_limited", "instability");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Severity.class, names = {"NONE", "CRITICAL"})
    void anAnomalyNeverPages(Severity severity) {
        TimeWindow window = TimeWindow.ending(NOW, HOUR);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Anomaly(Anomaly.Kind.AUTH_SPIKE, severity, window, Share.NONE, window.before(HOUR),
                        Share.NONE, "s", List.of(), "n"))
                .withMessage("an anomaly is info or warning, never " + severity);
    }

    @Test
    void aHealthyWeekRaisesNothing() {
        assertThat(Trends.anomalies(TrendThresholds.DEFAULTS, spread(EIGHT_DAYS, HOUR, 8 * 1440, 200, 0), StatusSet.SUCCESS, NOW))
                .isEmpty();
    }

    @Test
    void noDataRaisesNothing() {
        assertThat(Trends.anomalies(TrendThresholds.DEFAULTS, List.of(), StatusSet.SUCCESS, NOW)).isEmpty();
    }

    @Test
    void eachDetectorRaisesAtMostOneAnomalyInKindOrder() {
        TimeWindow lastHour = TimeWindow.ending(NOW, HOUR);
        List<TrendBucket> series = concat(
                spread(lastHour.before(Duration.ofDays(8)), HOUR, 10000, 200, 0),
                // The last hour: a check a minute, half of them refused and a sixth rate-limited.
                spread(lastHour, Duration.ofMinutes(2), 30, 403, 30),
                spread(lastHour, Duration.ofMinutes(2), 30, 429, 10));

        assertThat(Trends.anomalies(TrendThresholds.DEFAULTS, series, StatusSet.SUCCESS, NOW))
                .extracting(Anomaly::kind)
                .containsExactly(Anomaly.Kind.AUTH_SPIKE, Anomaly.Kind.RATE_LIMITED);
    }

    @Test
    void theDefaultsAreOneDetectorPerKind() {
        assertThat(TrendThresholds.DEFAULTS.detectors()).extracting(Detector::kind).containsExactly(Anomaly.Kind.values());
    }

    @Test
    void spansReadAsPeopleSayThem() {
        assertThat(TrendAdvice.span(Duration.ofDays(7))).isEqualTo("7 d");
        assertThat(TrendAdvice.span(Duration.ofHours(24))).isEqualTo("24 h");
        assertThat(TrendAdvice.span(Duration.ofHours(1))).isEqualTo("1 h");
        assertThat(TrendAdvice.span(Duration.ofMinutes(90))).isEqualTo("90 min");
        assertThat(TrendAdvice.span(Duration.ofSeconds(40))).isEqualTo("40 s");
    }
}
