package dev.faultline.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CadenceTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void offsetDependsOnlyOnIdAndIntervalSoItSurvivesRestarts() {
        // Pinned: a change to the hash would move every monitor's phase on upgrade.
        assertThat(Cadence.of("api-health", MINUTE).offset()).isEqualTo(Duration.ofMillis(12_471));
        assertThat(Cadence.of("api-health", MINUTE)).isEqualTo(Cadence.of("api-health", MINUTE));
        assertThat(Cadence.of("api-health", MINUTE)).isNotEqualTo(Cadence.of("api-healti", MINUTE));
    }

    @Test
    void offsetsOfSimilarIdsSpreadEvenlyOverTheInterval() {
        int monitors = 60_000;
        int[] perSecond = new int[60];
        IntStream.range(0, monitors).forEach(i ->
                perSecond[(int) Cadence.of("monitor-" + i, MINUTE).offset().toSeconds()]++);
        int average = monitors / 60;
        assertThat(IntStream.of(perSecond).boxed().toList())
                .allSatisfy(count -> assertThat(count).isBetween(average * 8 / 10, average * 12 / 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1S", "PT1.5S", "PT7S", "PT1M", "PT1H", "P1D"})
    void offsetLiesWithinTheInterval(Duration interval) {
        IntStream.range(0, 1_000).forEach(i -> assertThat(Cadence.of("m-" + i, interval).offset())
                .isGreaterThanOrEqualTo(Duration.ZERO).isLessThan(interval));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2030-01-01T00:00:00Z", "2030-01-01T00:00:00.001Z", "2031-07-14T13:37:42.999Z", "1969-12-31T23:59:59.500Z"})
    void dueTimesAreWholeIntervalsPlusTheOffset(Instant time) {
        Cadence cadence = new Cadence(Duration.ofSeconds(7), Duration.ofMillis(1234));
        Instant due = cadence.firstDueAtOrAfter(time);
        assertThat(Math.floorMod(due.toEpochMilli() - 1234, 7_000)).isZero();
        assertThat(due).isAfterOrEqualTo(time).isBefore(time.plusSeconds(7));
    }

    @Test
    void aDueTimeIsItsOwnFirstDueAndTheNextIsOneIntervalLater() {
        Cadence cadence = Cadence.of("api-health", MINUTE);
        Instant due = cadence.firstDueAtOrAfter(TestMonitors.T0);
        assertThat(cadence.firstDueAtOrAfter(due)).isEqualTo(due);
        assertThat(cadence.nextDueAfter(due)).isEqualTo(due.plus(MINUTE));
        assertThat(cadence.nextDueAfter(due.minusMillis(1))).isEqualTo(due);
    }

    @Test
    void rejectsAnOffsetOutsideTheInterval() {
        assertThatThrownBy(() -> new Cadence(MINUTE, MINUTE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset: PT1M is outside the interval PT1M");
        assertThatThrownBy(() -> new Cadence(MINUTE, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
